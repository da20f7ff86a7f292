"""The exception family: parameters named for the reader (library or command line), exit codes,
and every problem of a file in one message."""

from __future__ import annotations

import pytest

from sovgame.errors import (
    GameFileError,
    GameTooLargeError,
    ParameterError,
    Problem,
    SovgameError,
    UsageError,
    resolve_mentions,
)


def option(parameter: str) -> str:
    return "--" + parameter.replace("_", "-")


def test_mentions_are_written_for_the_library_or_the_command_line():
    text = "raise {{max_work}} or pass {{force=True}}; {not a mention}"
    assert resolve_mentions(text) == "raise max_work or pass force=True; {not a mention}"
    assert resolve_mentions(text, option) == "raise --max-work or pass --force; {not a mention}"


def test_exit_codes_one_for_input_two_for_usage():
    assert SovgameError("x").exit_code == 1 and GameTooLargeError("x").exit_code == 1
    assert UsageError("x").exit_code == 2 and ParameterError("noise", "bad").exit_code == 2
    assert ParameterError("noise", "bad", exit_code=1).exit_code == 1
    assert issubclass(ParameterError, UsageError) and issubclass(UsageError, SovgameError)


def test_a_parameter_error_names_its_parameter_once():
    error = ParameterError("unique_subsample", "must be >= 0; or set {{samples}} lower")
    assert str(error) == "unique_subsample: must be >= 0; or set samples lower"
    assert error.message(option) == "must be >= 0; or set --samples lower"  # the caller names it
    assert error.parameter == "unique_subsample"


def test_a_game_file_error_lists_every_problem():
    one = GameFileError("case.toml", [Problem('payoffs."a|b"[0]', "not a number")])
    assert str(one) == 'case.toml: payoffs."a|b"[0]: not a number'
    two = GameFileError("case.toml", [Problem("game.title", "missing"), Problem("", "the file is empty")])
    assert str(two) == "case.toml: 2 problems:\n  - game.title: missing\n  - the file is empty"
    with pytest.raises(SovgameError, match="2 problems"):
        raise two
