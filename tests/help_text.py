"""Every command's ``--help`` as a terminal of a given width shows it, and the words a narrow
terminal breaks (shared by the help tests and ``benchmarks/help_lengths.py``)."""

from __future__ import annotations

import os
import re

#: What draws rich's panels, not words of the help.
_FRAME = re.compile(r"[│╭╮╰╯─┃━]+")


def help_texts(width: int) -> dict[str, str]:
    """``sovgame --help`` (key ``""``) and every command's ``--help`` at ``width`` columns."""
    import typer.main
    from typer.testing import CliRunner

    from sovgame.cli import app

    runner = CliRunner()
    names = ["", *sorted(typer.main.get_command(app).commands)]
    env = {"COLUMNS": str(width), "NO_COLOR": "1", "TERMINAL_WIDTH": str(width)}
    saved = {key: os.environ.get(key) for key in env}
    try:
        return {name: runner.invoke(app, [*([name] if name else []), "--help"], env=env).stdout for name in names}
    finally:
        for key, value in saved.items():  # CliRunner restores them too; be sure
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def words(text: str) -> list[str]:
    """The words of a help text: whitespace-separated, the panels' frames left out."""
    return _FRAME.sub(" ", text).split()


def broken_words(narrow: str, wide: str) -> list[str]:
    """The pieces of words that ``narrow`` (the help at 80 columns) shows and ``wide`` (the same
    help where nothing wraps) does not: a word broken at a line's end (``x`` and ``lsx`` of
    ``markdown|xlsx``) or cut with an ellipsis."""
    whole = set(words(wide))
    return [word for word in words(narrow) if word not in whole or "…" in word]
