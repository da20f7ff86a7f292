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
