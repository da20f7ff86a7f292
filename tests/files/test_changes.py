"""What-ifs (--set), safe edits that lose nothing, new files, and reports."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame import load_game
from sovgame.cli import app


def test_every_set_form_changes_the_game_in_memory():
    case = load_game(
        "pakistan_afghanistan",
        [
            "Strike|Tolerate TTP=2,1.5",
            "Pakistan@Restrain strikes|Constrain TTP=7/2",
            "cost:trade_disruption=1,0.75",  # within the weights_range the file declares
            "plausible_kappa=0,3",
        ],
    )
    assert tuple(case.game.payoffs[1, 1]) == (2, F(3, 2))
    assert tuple(case.game.payoffs[0, 0]) == (F(7, 2), 3)
    assert case.game.costs[0].weights == (1, F(3, 4))
    assert case.plausible_kappa == (0, 3)


@pytest.mark.parametrize(
    "bad, expected",
    [
        ("Strike|Nope=1,2", "'Nope' is not a strategy of Afghanistan"),
        ("Strike=1,2", "names 1 strategies"),
        ("India@Strike|Tolerate TTP=1", "no player named 'India'"),
        ("cost:tariffs=1,1", "no cost named 'tariffs'"),
        ("Strike|Tolerate TTP=1", "expected one payoff per player"),
        ("Pakistan@Strike|Tolerate TTP=1,2", "expected one number"),
        ("cost:trade_disruption=1", "expected one weight per player"),
        ("plausible_kappa=1", "expected [lo, hi]"),
        ("Strike|Tolerate TTP=two,2", "'two' is not a number"),
        ("no equals sign", "expected TARGET=VALUES"),
    ],
)
def test_bad_set_exits_2_like_a_bad_kappa_and_says_what_it_expected(runner, bad, expected):
    # An option value that cannot be used is a usage error, whichever option it is.
    result = runner.invoke(app, ["solve", "pakistan_afghanistan", "--set", bad])
    assert result.exit_code == 2 and expected in result.stderr and "Traceback" not in result.stderr
    assert runner.invoke(app, ["solve", "pakistan_afghanistan", "--kappa", "abc"]).exit_code == 2


def test_set_that_breaks_validation_names_the_key(runner):
    result = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--set", "cost:trade_disruption=-1,1"])
    assert result.exit_code == 1 and "costs[0].weights[0]" in result.stderr


# --- changes to a game or case in memory ---------------------------------------------------------


def _prisoners_dilemma():
    from sovgame import Game

    return Game.from_arrays(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        strategies=[["C", "D"], ["C", "D"]],
        compromise=["C", "C"],
        costs=[{"name": "war", "incidence": "own_confront", "weights": [1, 2], "weights_range": [[0, 2], [1, 3]]}],
    )


def test_change_case_sets_payoffs_weights_and_the_plausible_range():
    from sovgame.files.changes import change_case

    game = _prisoners_dilemma()
    changed = change_case(game, ["D|C=4,0", "Column@C|D=4", "cost:war=2,3", "plausible_kappa=0,5"])
    assert list(changed.game.payoffs[1, 0]) == [4, 0] and list(changed.game.payoffs[0, 1]) == [0, 4]
    assert changed.game.payoffs[0, 1][0] == 0  # the other player's payoff stays as it was
    assert changed.game.costs[0].weights == (2, 3) and changed.plausible == (0, 5)
    assert list(game.payoffs[1, 0]) == [5, 0] and game.costs[0].weights == (1, 2)  # the original is untouched


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("cost:war=-1,2", "Row's weight is -1; a cost weight must be >= 0"),
        ("cost:war=1,4", "Column's weight 4 lies outside the cost's weights_range [1, 3]"),
        ("cost:peace=1,1", "no cost named 'peace' (costs: war)"),
        ("X|C=1,1", "'X|C=1,1': "),
        ("cost:war=1", "'cost:war=1': "),
    ],
)
def test_change_case_refuses_what_a_file_would_refuse(setting, message):
    from sovgame.errors import ParameterError
    from sovgame.files.changes import change_case

    with pytest.raises(ParameterError, match="^settings: ") as info:
        change_case(_prisoners_dilemma(), [setting])
    assert message in str(info.value)


def test_change_case_of_a_loaded_case_matches_the_file_changed():
    from sovgame.files.changes import change_case
    from sovgame.files.gamefile import read_case

    for name, settings in [
        ("pakistan_afghanistan", ["cost:trade_disruption=1,1", "Strike|Tolerate TTP=1,1"]),
        ("pakistan_afghanistan_capacity", ["cost:trade_disruption=1,1", "plausible_kappa=0,3"]),
    ]:
        in_memory, from_file = change_case(read_case(name), settings), read_case(name, settings)
        assert in_memory.to_dict() == from_file.to_dict()  # stated payoffs, costs, sections
        assert (in_memory.game.payoffs == from_file.game.payoffs).all()  # the expected payoffs too
