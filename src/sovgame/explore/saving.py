"""Saving the page's state, "save as": the game with the page's changes written to a new file through the
writer of ``sovgame edit`` (:mod:`sovgame.files.editing`, :mod:`sovgame.files.atomic`).

The new file keeps the input's comments, order and untouched lines; it is validated before
anything is written and written atomically. An existing file is never replaced, with one
exception asked for explicitly: the game the page was started with, changed in place exactly
as ``sovgame edit FILE --set ...`` would (a bundled game is refused, as there).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import SovgameError
from ..files.atomic import check_output, write_atomically
from ..files.editing import edit_file, edited_text
from ..files.gamefile import bundled_dir, read_game_text
from ..files.reading import track_inputs
from ..loading import read_claims


def source_path(spec: str) -> Path | None:
    """The file behind a game's name as the command line reads it (a path, or a bundled
    game's file); None for standard input."""
    if spec == "-":
        return None
    path = Path(spec)
    if path.suffix == ".toml" or "/" in spec or "\\" in spec or os.path.lexists(spec):
        return path
    return Path(str(bundled_dir())) / f"{spec}.toml"


def save_as(spec: str, settings: Sequence[str], target: str, overwrite_input: bool = False) -> Path:
    """Write the game ``spec`` after ``settings`` to the new file ``target`` (a ``.toml``
    name, relative to the folder the server was started in); returns the file written.

    ``target`` naming an existing file is refused, unless it is the input itself and
    ``overwrite_input`` is set: then the input is edited in place as by ``sovgame edit``.
    Raises :class:`SovgameError` saying why nothing was written.
    """
    name = target.strip()
    if not name:
        raise SovgameError("save as: name the new file (for example my_case.toml)")
    path = Path(name)
    if path.suffix != ".toml":
        raise SovgameError(f"{path}: a game file's name ends in .toml")
    source = source_path(spec)
    if source is not None and path.exists() and source.exists() and os.path.samefile(path, source):
        if not overwrite_input:
            raise SovgameError(
                f"{path}: is the game this page was started with; choose another name, or confirm "
                "that it is to be changed in place"
            )
        edit_file(source, settings, claims=read_claims)
        return path
    if os.path.lexists(path):
        raise SovgameError(f"{path} exists; choose another name (the page never replaces a file)")
    with track_inputs():
        text, _ = read_game_text(spec)
        written = check_output(path, force=False, parameter="overwrite")
        base = source if source is not None else Path.cwd() / "stdin.toml"
        _, new_text = edited_text(base, settings, text=text, claims=read_claims)
        write_atomically(written, new_text)
    return path
