"""Persistent changes that lose nothing: ``sovgame edit`` and ``sovgame new``.

``edit`` parses the file with tomlkit, which keeps comments, key order and formatting, applies
the same changes as ``--set`` (:mod:`sovgame.files.changes`) to the document, validates the result
exactly like any game file, and only then writes it atomically (:mod:`sovgame.files.atomic`),
so an interrupted edit leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from ..core.numbers import to_fraction
from ..errors import GameFileError, ParameterError, Problem, SovgameError
from ..sections.capacity import stated
from .atomic import check_output, locked, write_atomically
from .changes import apply_settings, parse_setting
from .convert import toml_number
from .cost_edits import CostEdits, apply_cost_edits
from .gamefile import bundled_dir, bundled_names, decode_text, parse_case, read_game_text
from .reading import describe_kind, read_open_file
from .validate import ClaimReader

TEMPLATE = """\
# A sovgame game file (format version 1). `sovgame show FILE` checks and prints it;
# docs/reference.md documents every key.

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


def edited_text(
    path: Path,
    settings: Sequence[str],
    text: str | None = None,
    claims: ClaimReader | None = None,
    costs: CostEdits | None = None,
) -> tuple[str, str]:
    """(old text, new text) of ``path`` after ``costs`` (tables removed and added) and
    ``settings``; validated, nothing written.

    ``text`` is the file's text when the caller has read it already (under a lock);
    ``claims`` reads the file's claims, so that they are validated too (see
    :func:`sovgame.files.gamefile.parse_case`).
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    origin = str(path)
    if text is None:
        text, origin = read_game_text(str(path))
    real = os.path.realpath(path)
    base_dir = Path(real).parent
    case = parse_case(text, origin, base_dir=base_dir, identity=real, claims=claims)
    game = stated(case)  # the numbers the file holds
    changes = [parse_setting(s) for s in settings]
    try:
        document = tomlkit.parse(text)
    except (TOMLKitError, ValueError, RecursionError) as exc:
        raise GameFileError(origin, [Problem("", f"cannot be edited while keeping its layout: {exc}")]) from None
    if costs is not None:
        _check_weights(costs, origin)
        apply_cost_edits(document, costs, origin, _toml_number)
    apply_settings(document, game, changes, number=_toml_number, make_list=_toml_array, make_table=tomlkit.table)
    new_text = tomlkit.dumps(document)
    parse_case(new_text, f"{origin} after the edit", base_dir=base_dir, identity=real, claims=claims)  # validate first
    return text, new_text


def _check_weights(costs: CostEdits, origin: str) -> None:
    """Each weight of a cost to add is a number (its count and sign are checked with the file)."""
    for cost in costs.add:
        for weight in cost.weights:
            try:
                to_fraction(weight)
            except ValueError as exc:
                raise GameFileError(origin, [Problem("costs.weights", f"{cost.name}: {exc}")]) from None


#: A number as TOML writes it: an integer without leading zeros, or a decimal with digits on
#: both sides of the point (``.5``, ``3.``, ``0005`` are numbers to sovgame, not to TOML).
_TOML_NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _toml_number(text: str):
    """The number as written when TOML reads it so (``1.5``, ``-2``, ``1e3``), else its exact
    value in TOML's own spelling (``0.5`` for ``.5``, ``"2/3"`` for a fraction)."""
    import tomlkit

    value = to_fraction(text)
    if _TOML_NUMBER.fullmatch(text) and abs(value.numerator) < 2**63:
        return tomlkit.value(text)
    return toml_number(value)


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


def edit_file(
    path: str | Path,
    settings: Sequence[str],
    dry_run: bool = False,
    claims: ClaimReader | None = None,
    costs: CostEdits | None = None,
) -> str:
    """Apply ``costs`` (:mod:`sovgame.files.cost_edits`) and ``settings`` to the file; returns
    the unified diff. ``dry_run`` writes nothing; ``claims`` reads the file's claims, so that
    the edited file is validated with them.

    The file is changed where it lives (through a symbolic link, its target; with several
    hard links, in place) and keeps its permissions and owner; a read-only file (no write
    permission in its mode) is refused. The file is locked while it is read, changed and
    written, so two edits of one file at the same time both take effect, one after the
    other; a change by another program in between is detected and nothing is written.
    """
    path = Path(path)
    _refuse_bundled(path)
    if dry_run:
        old, new = edited_text(path, settings, claims=claims, costs=costs)
        return unified_diff(path, old, new)
    target = Path(os.path.realpath(path))
    _refuse_read_only(path, target)
    with locked(target) as fd:
        info = os.fstat(fd)
        raw = read_open_file(fd, str(path), "game file")
        old, new = edited_text(path, settings, decode_text(raw, str(path)), claims, costs)
        if new != old:
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            write_atomically(target, bom + new.encode("utf-8"), expected=info)
    return unified_diff(path, old, new)


def _refuse_read_only(path: Path, target: Path) -> None:
    """A file protected against writing is not edited: by its mode (no write bit set, which
    holds even for the superuser) or because this user may not write it."""
    mode = os.stat(target).st_mode
    if not mode & 0o222:
        raise SovgameError(
            f"{path}: is read-only (mode {stat.S_IMODE(mode):04o}), so sovgame does not change it; "
            f"make it writable first (chmod u+w {path})"
        )
    if os.statvfs(target).f_flag & os.ST_RDONLY:
        raise SovgameError(f"{path}: is on a read-only file system; nothing was changed")
    if not os.access(target, os.W_OK):
        raise SovgameError(f"{path}: you have no permission to write it")


def _refuse_bundled(path: Path) -> None:
    """Refuse a bundled game (edit a copy) and anything that is not a regular file."""
    if not path.is_file():
        name = str(path)
        if name in bundled_names():
            raise SovgameError(
                f"{name} is a bundled game and is not edited in place; copy it first: "
                f"sovgame new my_game.toml --from {name}"
            )
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise SovgameError(f"{path}: no such file") from None
        raise SovgameError(f"{path}: is {describe_kind(mode)}, not a game file")
    if path.resolve().parent == Path(str(bundled_dir())).resolve():
        raise SovgameError(
            f"{path} is a bundled game and is not edited in place; copy it first: "
            f"sovgame new my_game.toml --from {path.stem}"
        )


def new_file(path: str | Path, source: str | None = None, force: bool = False) -> Path:
    """Write a commented template, or a copy of a bundled game, to ``path``."""
    path = Path(path)
    if path.suffix != ".toml":
        raise SovgameError(f"{path}: a game file's name ends in .toml")
    target = check_output(path, force)
    if source is None:
        text = TEMPLATE
    else:
        if source not in bundled_names():
            close = difflib.get_close_matches(source, bundled_names(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ParameterError("source", f"{source!r} is no bundled game{hint}", exit_code=1)
        # Bundled games extend each other by name, which resolves from any folder.
        text = (Path(str(bundled_dir())) / f"{source}.toml").read_text(encoding="utf-8")
    parse_case(text, str(path), base_dir=Path(str(bundled_dir())))  # its numbers (the template's claims are comments)
    write_atomically(target, text)
    return path
