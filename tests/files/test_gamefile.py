"""Every validation error names the file and the key, says what is wrong, and all at once."""

from __future__ import annotations

import pytest

from cases import CASE_TOML
from sovgame import load_game
from sovgame.errors import SovgameError
from support import only_problem


def test_syntax_error_names_line_and_column():
    message = only_problem(CASE_TOML.replace('name = "Pakistan"', 'name = "Pakistan'))
    assert "TOML syntax error" in message and "line 6" in message and "column" in message


def test_missing_file_directory_and_non_utf8(tmp_path):
    with pytest.raises(SovgameError, match="no such file"):
        load_game(str(tmp_path / "nothing.toml"))
    with pytest.raises(SovgameError, match="is a folder"):
        load_game(str(tmp_path) + "/")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('title = "Caf\xe9"'.encode("latin-1"))
    with pytest.raises(SovgameError, match="not UTF-8"):
        load_game(str(latin))
    with pytest.raises(SovgameError, match="no bundled game of that name"):
        load_game("no_such_game")


def test_unreadable_file(tmp_path):
    import os

    path = tmp_path / "secret.toml"
    path.write_text(CASE_TOML)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(SovgameError, match="cannot be read"):
            load_game(str(path))
    finally:
        path.chmod(0o644)


def test_an_unclosed_bracket_is_reported_where_it_opens(tmp_path):
    # TOML notices the missing ']' only on the next line (7); the message also names line 6,
    # where the array opens. Brackets inside strings and comments do not count.
    path = tmp_path / "open.toml"
    path.write_text(
        '[game]\ntitle = "a [bracket] in a string"  # and [ one in a comment\n\n'
        '[[players]]\nname = "A"\nstrategies = ["C", "D"\ncompromise = "C"\n',
        encoding="utf-8",
    )
    with pytest.raises(SovgameError) as caught:
        load_game(str(path))
    message = str(caught.value)
    assert "line 7" in message and "the array opened on line 6 is not closed (add its ']')" in message
