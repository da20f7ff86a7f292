"""Persistent changes that lose nothing: ``sovgame edit`` and ``sovgame new``.

``edit`` parses the file with tomlkit, which keeps comments, key order and formatting, applies
the same changes as ``--set`` (:mod:`sovgame.settings`) to the document, validates the result
exactly like any game file, and only then writes it atomically (:mod:`sovgame.files.atomic`),
so an interrupted edit leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from ..errors import ParameterError, SovgameError
from .atomic import write_atomically
from .changes import apply_settings, parse_setting
from .gamefile import bundled_dir, bundled_names, parse_game, read_game_text

TEMPLATE = """\
# A sovgame game file (format version 1). `sovgame show FILE` checks and prints it;
# README.md documents every key.

[game]
title = "My security dilemma"
description = "What the conflict is about, and the claim to test."
source = "Where the orderings and numbers come from."
payoff_scale = "ordinal"            # only the ordering of each side's payoffs is known

[[players]]
name = "Side A"
strategies = ["Compromise", "Confront"]
compromise = "Compromise"

[[players]]
name = "Side B"
strategies = ["Compromise", "Confront"]
compromise = "Compromise"

[payoffs]                           # "A's strategy|B's strategy" = [A's payoff, B's payoff]
"Compromise|Compromise" = [3, 3]
"Compromise|Confront"   = [1, 4]
"Confront|Compromise"   = [4, 1]
"Confront|Confront"     = [2, 2]

[notes]
"Confront|Confront" = "the status quo"

[[costs]]                           # what conflict costs whom, at cost level kappa = 1
name = "conflict"
incidence = "any_conflict"          # any_conflict | own_confront | mutual_confront | custom
weights = [1, 1]

[analysis]
plausible_kappa = [0, 2]            # the cost levels you find plausible (1 = as stated above)

# [[claims]]                        # what a source asserts, with the test that would check it
# id = "unreachable"
# text = "The threshold at which costs outweigh compromise appears unreachably high."
# source = "..."
# test = { kind = "threshold", criterion = "unique", expect = ["beyond", "never"] }
"""


def edited_text(path: Path, settings: Sequence[str]) -> tuple[str, str]:
    """(old text, new text) of ``path`` after ``settings``; validated, nothing written."""
    import tomlkit

    text, origin = read_game_text(str(path))
    game = parse_game(text, origin, base_dir=path.resolve().parent)
    document = tomlkit.parse(text)
    apply_settings(
        document,
        game,
        [parse_setting(s) for s in settings],
        number=_toml_number,
        make_list=_toml_array,
        make_table=tomlkit.table,
    )
    new_text = tomlkit.dumps(document)
    parse_game(new_text, f"{origin} after the edit", base_dir=path.resolve().parent)  # validate first
    return text, new_text


def _toml_number(text: str):
    import tomlkit

    return tomlkit.string(text) if "/" in text else tomlkit.value(text)


def _toml_array(values):
    import tomlkit

    array = tomlkit.array()
    array.extend(values)
    return array


def unified_diff(path: Path, old: str, new: str) -> str:
    """The change from ``old`` to ``new`` text of ``path`` as a unified diff ("" when equal)."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=str(path), tofile=f"{path} (edited)"
        )
    )


def edit_file(path: str | Path, settings: Sequence[str], dry_run: bool = False) -> str:
    """Apply ``settings`` to the file; returns the unified diff. ``dry_run`` writes nothing."""
    path = Path(path)
    _refuse_bundled(path)
    old, new = edited_text(path, settings)
    if not dry_run and new != old:
        write_atomically(path, new)
    return unified_diff(path, old, new)


def _refuse_bundled(path: Path) -> None:
    if not path.is_file():
        name = str(path)
        if name in bundled_names():
            raise SovgameError(
                f"{name} is a bundled game and is not edited in place; copy it first: "
                f"sovgame new my_game.toml --from {name}"
            )
        raise SovgameError(f"{path}: no such file")
    if path.resolve().parent == Path(str(bundled_dir())).resolve():
        raise SovgameError(
            f"{path} is a bundled game and is not edited in place; copy it first: "
            f"sovgame new my_game.toml --from {path.stem}"
        )


def new_file(path: str | Path, source: str | None = None, force: bool = False) -> Path:
    """Write a commented template, or a copy of a bundled game, to ``path``."""
    path = Path(path)
    if path.exists() and not force:
        raise SovgameError(f"{path} exists; choose another name or pass --force to overwrite it")
    if path.suffix != ".toml":
        raise SovgameError(f"{path}: a game file's name ends in .toml")
    if source is None:
        text = TEMPLATE
    else:
        if source not in bundled_names():
            close = difflib.get_close_matches(source, bundled_names(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ParameterError("source", f"{source!r} is no bundled game{hint}", exit_code=1)
        # Bundled games extend each other by name, which resolves from any folder.
        text = (Path(str(bundled_dir())) / f"{source}.toml").read_text(encoding="utf-8")
    parse_game(text, str(path), base_dir=Path(str(bundled_dir())))
    if not path.parent.exists():
        raise SovgameError(f"{path.parent}: no such folder")
    write_atomically(path, text)
    return path
