"""Reading game files: find them, parse the TOML and resolve ``extends``.

A game is named by a path, by the stem of a bundled game (``stag_hunt``), or by ``-`` for
standard input. TOML decimals are read as :class:`decimal.Decimal` so ``0.1`` stays exactly
one tenth. The parsed data is validated by :mod:`sovgame.files.validate`.
"""

from __future__ import annotations

import difflib
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from importlib import resources
from pathlib import Path

from ..core.model import Game
from ..errors import GameFileError, Problem, SovgameError
from .validate import game_from_dict

# --- finding games -------------------------------------------------------------------------


def bundled_dir():
    """The folder of bundled games: inside the installed package, or ``games/`` at the top of
    a source checkout that is run without being installed (or installed in editable mode)."""
    packaged = resources.files("sovgame") / "games"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "games"


def bundled_names() -> list[str]:
    """Stems of the bundled games, sorted."""
    folder = bundled_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def read_game_text(spec: str) -> tuple[str, str]:
    """(text, origin) for a path, a bundled name or ``-`` (stdin)."""
    if spec == "-":
        data = sys.stdin.buffer.read()
        return _decode(data, "<stdin>"), "<stdin>"
    path = Path(spec)
    looks_like_path = path.suffix == ".toml" or "/" in spec or "\\" in spec
    if path.is_file() or looks_like_path:
        return _decode(read_file_bytes(spec, "game file"), spec), spec
    resource = bundled_dir() / f"{spec}.toml"
    if resource.is_file():
        return _decode(resource.read_bytes(), f"{spec} (bundled)"), f"{spec} (bundled)"
    names = bundled_names()
    hint = difflib.get_close_matches(spec, names, n=1)
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    raise SovgameError(
        f"{spec}: no such file and no bundled game of that name{suggestion} "
        f"(`sovgame games` lists the bundled games: {', '.join(names)})"
    )


def read_file_bytes(spec: str, kind: str) -> bytes:
    """The bytes of a user's file, or a :class:`SovgameError` that says why not."""
    try:
        return Path(spec).read_bytes()
    except FileNotFoundError:
        raise SovgameError(f"{spec}: no such file") from None
    except IsADirectoryError:
        raise SovgameError(f"{spec}: is a folder, not a {kind}") from None
    except OSError as exc:
        raise SovgameError(f"{spec}: cannot be read ({exc.strerror})") from None


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SovgameError(f"{origin}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None


def load_game(spec: str, settings: Sequence[str] = ()) -> Game:
    """Load and validate a game named by path, bundled name, or ``-`` for stdin.

    ``settings`` are ``--set`` changes (:mod:`sovgame.settings`), applied before validation.
    """
    text, origin = read_game_text(spec)
    return parse_game(text, origin, base_dir=_base_dir(spec), settings=settings)


def parse_game(text: str, origin: str = "<string>", base_dir: Path | None = None, settings: Sequence[str] = ()) -> Game:
    """Parse and validate a game file's text; raises :class:`GameFileError` listing problems.

    ``base_dir`` is where a relative ``extends = "other.toml"`` is looked up (default: the
    current directory).
    """
    data = _toml(text, origin)
    if "extends" in data:
        data = resolve_extends(data, origin, base_dir or Path.cwd(), (origin,))
    game = game_from_dict(data, origin)
    if settings:
        from .changes import apply_settings, parse_setting

        apply_settings(data, game, [parse_setting(s) for s in settings])
        game = game_from_dict(data, f"{origin} with the changes")
    return replace(game, folder=str(base_dir or Path.cwd()))


def _toml(text: str, origin: str) -> dict:
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise GameFileError(origin, [Problem("", f"TOML syntax error: {exc}")]) from None


def _base_dir(spec: str) -> Path | None:
    """The folder that relative ``extends`` paths of this game start from."""
    if spec == "-":
        return None
    path = Path(spec)
    if path.is_file():
        return path.resolve().parent
    return Path(str(bundled_dir()))


# --- extends: a scenario as changes to another game ----------------------------------------


def resolve_extends(data: dict, origin: str, base_dir: Path, chain: tuple[str, ...]) -> dict:
    """The game data of ``data`` with ``extends = "name-or-path"`` resolved recursively.

    The child overrides its parent key by key: [game], [analysis], [mediator], [repeated] and
    the payoff and note tables by key; players and costs by ``name`` (a new name is added).
    When the child changes a player's strategies, inherited payoffs and notes of outcomes
    that no longer exist are dropped, so the missing ones are reported, not stale ones.
    """
    spec = data.get("extends")
    if not isinstance(spec, str) or not spec.strip():
        raise GameFileError(origin, [Problem("extends", "must be a bundled game's name or a path to a .toml file")])
    looks_like_path = spec.endswith(".toml") or "/" in spec or "\\" in spec
    if looks_like_path:
        path = (base_dir / spec).resolve()
        parent_id, parent_dir = str(path), path.parent
        try:
            text = _decode(path.read_bytes(), spec)
        except OSError:
            raise GameFileError(
                origin, [Problem("extends", f"{spec!r}: no such file (relative to {base_dir})")]
            ) from None
    else:
        resource = bundled_dir() / f"{spec}.toml"
        if not resource.is_file():
            close = difflib.get_close_matches(spec, bundled_names(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise GameFileError(origin, [Problem("extends", f"{spec!r} is no bundled game{hint}")])
        parent_id, parent_dir = f"{spec} (bundled)", Path(str(bundled_dir()))
        text = _decode(resource.read_bytes(), parent_id)
    if parent_id in chain:
        loop = " → ".join(chain + (parent_id,))
        raise GameFileError(origin, [Problem("extends", f"extends loop: {loop}")])
    parent = _toml(text, parent_id)
    if "extends" in parent:
        parent = resolve_extends(parent, parent_id, parent_dir, chain + (parent_id,))
    child = {k: v for k, v in data.items() if k != "extends"}
    # Claims are what a source says about one file's game: a scenario built on it states its
    # own (an inherited claim would be graded against numbers its source never saw).
    return _merge({k: v for k, v in parent.items() if k != "claims"}, child)


def _merge(parent: dict, child: dict) -> dict:
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        if key in ("players", "costs") and isinstance(old, list) and isinstance(value, list):
            merged[key] = _merge_named(old, value)
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    players = merged.get("players")
    if isinstance(players, list) and players != parent.get("players"):
        for table in ("payoffs", "notes"):
            if isinstance(merged.get(table), dict):
                inherited = parent.get(table, {})
                merged[table] = {
                    k: v
                    for k, v in merged[table].items()
                    if k in child.get(table, {}) or k not in inherited or _outcome_exists(k, players)
                }
    return merged


def _merge_named(old: list, new: list) -> list:
    """Merge arrays of tables by their ``name``: same name updates, a new name is appended."""
    out = [dict(t) if isinstance(t, dict) else t for t in old]
    index = {t.get("name"): i for i, t in enumerate(out) if isinstance(t, dict)}
    for table in new:
        name = table.get("name") if isinstance(table, dict) else None
        if name in index:
            out[index[name]] = {**out[index[name]], **table}
        else:
            out.append(table)
    return out


def _outcome_exists(key: str, players: list) -> bool:
    parts = key.split("|")
    if len(parts) != len(players):
        return False
    return all(isinstance(p, dict) and part.strip() in (p.get("strategies") or []) for part, p in zip(parts, players))


def bundled_games() -> list[dict]:
    """One row per bundled game: name, title, players and size ("2x2")."""
    rows = []
    for name in bundled_names():
        game = load_game(name)
        rows.append(
            {
                "name": name,
                "title": game.title,
                "players": game.player_names,
                "size": "x".join(str(k) for k in game.shape),
            }
        )
    return rows
