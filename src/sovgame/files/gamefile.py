"""Reading game files: find them, parse the TOML and resolve ``extends``.

A game is named by a path, by the stem of a bundled game (``stag_hunt``), or by ``-`` for
standard input. TOML decimals are read as :class:`decimal.Decimal` so ``0.1`` stays exactly
one tenth. The parsed data is validated by :mod:`sovgame.files.validate`.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.case import Case
from ..errors import GameFileError, ParameterError, Problem, SovgameError
from ..sections.capacity import stated
from .reading import read_file_bytes, read_stdin
from .validate import ClaimReader, case_from_dict

__all__ = ["bundled_games", "bundled_names", "parse_case", "read_case", "read_file_bytes", "read_game_text"]

#: The longest chain of ``extends`` followed (loops are reported as loops before this).
MAX_EXTENDS_DEPTH = 32

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
    """(text, origin) for a path, a bundled name or ``-`` (stdin, read once per process)."""
    if spec == "-":
        return decode_text(read_stdin(), "<stdin>"), "<stdin>"
    path = Path(spec)
    looks_like_path = path.suffix == ".toml" or "/" in spec or "\\" in spec
    if looks_like_path or os.path.lexists(spec):
        return decode_text(read_file_bytes(spec, "game file"), spec), spec
    resource = bundled_dir() / f"{spec}.toml"
    if resource.is_file():
        return decode_text(resource.read_bytes(), f"{spec} (bundled)"), f"{spec} (bundled)"
    names = bundled_names()
    hint = difflib.get_close_matches(spec, names, n=1)
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    raise SovgameError(
        f"{spec}: no such file and no bundled game of that name{suggestion} "
        f"(`sovgame games` lists the bundled games: {', '.join(names)})"
    )


def decode_text(data: bytes, origin: str) -> str:
    """UTF-8 text; a byte order mark, which some editors write, is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SovgameError(f"{origin}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None


def read_case(spec: str, settings: Sequence[str] = (), claims: ClaimReader | None = None) -> Case:
    """Read and validate a game named by path, bundled name, or ``-`` for stdin: the
    :class:`~sovgame.core.case.Case` the file states (its normal form is ``case.game``).

    ``settings`` are ``--set`` changes (:mod:`sovgame.files.changes`), applied before
    validation; ``claims`` reads the file's claims (:func:`sovgame.load_case` gives the
    claim kinds' reader; without one a file is read for its numbers and its claims are left
    unread).
    """
    text, origin = read_game_text(spec)
    base_dir = _base_dir(spec)
    identity = os.path.realpath(spec) if spec != "-" and base_dir is not None and os.path.lexists(spec) else origin
    return parse_case(text, origin, base_dir=base_dir, settings=settings, identity=identity, claims=claims)


def lineage(spec: str, base_dir: Path | None = None) -> tuple[str, ...]:
    """The identities (real path, or "name (bundled)") of the game ``spec`` names and of every
    file it extends, itself first; ``base_dir`` is where a relative path starts."""
    name = str(base_dir / spec) if base_dir is not None and not Path(spec).is_absolute() and _is_path(spec) else spec
    text, origin = read_game_text(name)
    folder = _base_dir(name)
    out = [os.path.realpath(name) if _is_path(name) or os.path.lexists(name) else origin]
    data = _toml(text, origin)
    while isinstance(parent := data.get("extends"), str) and len(out) <= MAX_EXTENDS_DEPTH:
        if _is_path(parent):
            real = os.path.realpath((folder or Path.cwd()) / parent)
            out.append(real)
            folder = Path(real).parent
            data = _toml(decode_text(read_file_bytes(real, "game file"), parent), real)
        else:
            resource = bundled_dir() / f"{parent}.toml"
            if not resource.is_file():
                break
            out.append(f"{parent} (bundled)")
            folder = Path(str(bundled_dir()))
            data = _toml(decode_text(resource.read_bytes(), parent), parent)
    return tuple(out)


def _is_path(spec: str) -> bool:
    return spec.endswith(".toml") or "/" in spec or "\\" in spec


def parse_case(
    text: str | Mapping[str, Any],
    origin: str = "<string>",
    base_dir: Path | None = None,
    settings: Sequence[str] = (),
    identity: str | None = None,
    claims: ClaimReader | None = None,
) -> Case:
    """Parse and validate a game file's text, or its data already parsed, into the
    :class:`~sovgame.core.case.Case` it states; raises :class:`GameFileError` listing every
    problem.

    Parameters
    ----------
    text : the TOML text of a game file, or the same data as a dict (the tables of the file
        as nested dicts and lists, e.g. ``{"game": {"title": ...}, "players": [...],
        "payoffs": {...}}``). Floats in a dict are read as the decimal they print as (``0.1``
        is one tenth); any other type is refused with a :class:`ParameterError` naming
        ``text`` (a path is read with :func:`read_case`).
    origin : the name problems are reported under.
    base_dir : where a relative ``extends = "other.toml"`` is looked up (default: the
        current directory).
    settings : ``--set`` changes (:mod:`sovgame.files.changes`), applied before validation.
    identity : the text's own file (its real path), so that an ``extends`` chain leading
        back to it is reported as a loop.
    claims : reads the file's ``[[claims]]`` (see :func:`read_case`); None leaves them unread.
    """
    if isinstance(text, str):
        data = _toml(text, origin)
    elif isinstance(text, Mapping):
        data = copy.deepcopy(dict(text))  # validation and --set changes must not touch the caller's dict
    else:
        hint = "; to read a file, use load_game(path)" if isinstance(text, (os.PathLike, bytes)) else ""
        raise ParameterError(
            "text", f"expected a game file's text (str) or its parsed data (dict), not {type(text).__name__}{hint}"
        )
    if "extends" in data:
        data = resolve_extends(data, origin, base_dir or Path.cwd(), (identity or origin,))
    case = case_from_dict(data, origin, claims)
    if settings:
        from .changes import apply_settings, parse_setting

        apply_settings(data, stated(case), [parse_setting(s) for s in settings])  # the numbers the file holds
        case = case_from_dict(data, f"{origin} with the changes", claims)
    return replace(case, folder=str(base_dir or Path.cwd()), identity=identity, settings=tuple(settings))


def _toml(text: str, origin: str) -> dict:
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise GameFileError(origin, [Problem("", f"TOML syntax error: {exc}{_opened_at(text, str(exc))}")]) from None
    except ValueError as exc:  # an integer literal of more than 4,300 digits
        raise GameFileError(origin, [Problem("", f"a number too long to read: {exc}")]) from None
    except RecursionError:
        raise GameFileError(origin, [Problem("", "arrays or tables nested too deeply to read")]) from None


_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _opened_at(text: str, message: str) -> str:
    """Where the bracket left open begins, for an error that TOML reports where it noticed
    it (the line after): "; the array opened on line 6 is not closed"; "" otherwise."""
    found = _ERROR_LINE.search(message)
    if not message.startswith("Unclosed") or found is None:
        return ""
    opened = unclosed_bracket(text, int(found.group(1)))
    if opened is None:
        return ""
    line, bracket = opened
    what, closer = ("array", "]") if bracket == "[" else ("inline table", "}")
    return f"; the {what} opened on line {line} is not closed (add its '{closer}')"


def unclosed_bracket(text: str, before_line: int) -> tuple[int, str] | None:
    """The line (from 1) and bracket of the innermost ``[`` or ``{`` still open at the start of
    ``before_line``, strings and comments skipped; None if every bracket is closed."""
    stack: list[tuple[int, str]] = []
    line, i, n = 1, 0, len(text)
    while i < n and line < before_line:
        char = text[i]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", i)
            i = (n if end < 0 else end) - 1
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            end = i + len(quote)
            while end < n and not text.startswith(quote, end):
                if text[end] == "\n" and len(quote) == 1:
                    break  # an unclosed one-line string: TOML reports that one itself
                end += 2 if char == '"' and text[end] == "\\" else 1
            line += text.count("\n", i, end)
            i = end + len(quote) - 1 if end < n and text.startswith(quote, end) else end - 1
        elif char in "[{":
            stack.append((line, char))
        elif char in "]}" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


def _base_dir(spec: str) -> Path | None:
    """The folder that relative ``extends`` paths of this game start from."""
    if spec == "-":
        return None
    if os.path.lexists(spec) or spec.endswith(".toml") or "/" in spec or "\\" in spec:
        # realpath, unlike Path.resolve, does not raise on a loop of symbolic links.
        return Path(os.path.realpath(spec)).parent
    return Path(str(bundled_dir()))


# --- extends: a scenario as changes to another game ----------------------------------------


def resolve_extends(data: dict, origin: str, base_dir: Path, chain: tuple[str, ...], root: Path | None = None) -> dict:
    """The game data of ``data`` with ``extends = "name-or-path"`` resolved recursively.

    The child overrides its parent key by key: [game], [analysis], [mediator], [repeated] and
    the payoff and note tables by key; players and costs by ``name`` (a new name is added).
    When the child changes a player's strategies, inherited payoffs and notes of outcomes
    that no longer exist are dropped, so the missing ones are reported, not stale ones.
    A path is confined to the folder tree ``root`` of the first file (:func:`confined_path`).
    """
    spec = data.get("extends")
    if not isinstance(spec, str) or not spec.strip():
        raise GameFileError(origin, [Problem("extends", "must be a bundled game's name or a path to a .toml file")])
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise GameFileError(
            origin, [Problem("extends", f"a chain of more than {MAX_EXTENDS_DEPTH} games extending each other")]
        )
    root = root or base_dir
    if looks_like_path(spec):
        try:
            real = str(confined_path(spec, base_dir, root))
        except SovgameError as exc:
            raise GameFileError(origin, [Problem("extends", str(exc))]) from None
        parent_id, parent_dir = real, Path(real).parent
        if parent_id in chain:
            raise GameFileError(origin, [Problem("extends", f"extends loop: {' → '.join(chain + (parent_id,))}")])
        via = "" if real == str(base_dir / spec) else f" (→ {real})"
        try:
            text = decode_text(read_file_bytes(base_dir / spec, "game file", shown=f"{spec!r}{via}"), spec)
        except GameFileError:
            raise
        except SovgameError as exc:
            raise GameFileError(origin, [Problem("extends", f"{exc} (relative to {base_dir})")]) from None
    else:
        resource = bundled_dir() / f"{spec}.toml"
        if not resource.is_file():
            close = difflib.get_close_matches(spec, bundled_names(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise GameFileError(origin, [Problem("extends", f"{spec!r} is no bundled game{hint}")])
        parent_id, parent_dir = f"{spec} (bundled)", Path(str(bundled_dir()))
        root = parent_dir
        if parent_id in chain:
            raise GameFileError(origin, [Problem("extends", f"extends loop: {' → '.join(chain + (parent_id,))}")])
        text = decode_text(resource.read_bytes(), parent_id)
    parent = _toml(text, parent_id)
    if not is_game_data(parent):  # say nothing of what another kind of file holds
        raise GameFileError(
            origin, [Problem("extends", f"{spec!r} is no game file: it has no [game] table and extends nothing")]
        )
    if "extends" in parent:
        parent = resolve_extends(parent, parent_id, parent_dir, chain + (parent_id,), root)
    child = {k: v for k, v in data.items() if k != "extends"}
    # Claims are what a source says about one file's game: a scenario built on it states its
    # own (an inherited claim would be graded against numbers its source never saw).
    # Claims, readings and payoff ranges speak of one file's own payoffs: never inherited.
    return _merge({k: v for k, v in parent.items() if k not in ("claims", "readings", "payoff_ranges")}, child)


#: Folders (separated by ``os.pathsep``) from which ``extends`` and a claim's ``game`` may
#: read game files besides the folder tree of the file that names them.
TRUSTED_FOLDERS_VARIABLE = "SOVGAME_TRUSTED_FOLDERS"


def looks_like_path(spec: str) -> bool:
    """Whether a file's reference to another game is a path (else a bundled game's name)."""
    return spec.endswith(".toml") or "/" in spec or "\\" in spec


def confined_path(spec: str, base_dir: Path, root: Path) -> Path:
    """The real path of the game file ``spec`` that a file in ``base_dir`` names (``extends``,
    a claim's ``game``): relative to that folder, a ``.toml`` file, inside the folder tree
    ``root`` or a folder of the environment variable :data:`TRUSTED_FOLDERS_VARIABLE`; a
    file may not reach elsewhere on the machine (``/etc/...``, ``../../secret.toml``)."""
    if not spec.endswith(".toml"):
        raise SovgameError(f"{spec!r} is no .toml file; a game file's name ends in .toml")
    # realpath follows every symbolic link (without raising on a loop of them).
    real = Path(os.path.realpath(base_dir / spec))
    trusted = [root, *(Path(p) for p in os.environ.get(TRUSTED_FOLDERS_VARIABLE, "").split(os.pathsep) if p)]
    if not any(real.is_relative_to(os.path.realpath(folder)) for folder in trusted):
        via = "" if str(real) == os.path.normpath(base_dir / spec) else f" (→ {real})"
        raise SovgameError(
            f"{spec!r}{via} lies outside the folder of the game ({root}); to read it, add its folder to "
            f"the environment variable {TRUSTED_FOLDERS_VARIABLE}"
        )
    return real


def is_game_data(data: dict) -> bool:
    """Whether parsed TOML is a game file's: a [game] table, or ``extends`` naming one."""
    return isinstance(data.get("game"), dict) or isinstance(data.get("extends"), str)


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
        game = read_case(name).game
        rows.append(
            {
                "name": name,
                "title": game.title,
                "players": game.player_names,
                "size": "x".join(str(k) for k in game.shape),
            }
        )
    return rows
