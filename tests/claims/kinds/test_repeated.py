"""The ``repeated`` claim test: grim trigger at a discount factor, and the long-run share of conflict."""

from __future__ import annotations

from fractions import Fraction as F

from cases import TRIANGLE
from sovgame import parse_game
from strategies import two_by_two
from support import claims_toml, graded

PD = [(3, 3), (0, 5), (5, 0), (1, 1)]


def test_grim_trigger_claims():
    # Prisoner's Dilemma at κ = 0: δ* = (T − R)/(T − P) = 2/4 = 1/2 for both, and (D, D) is a
    # stage equilibrium: sustained at δ = 3/5, not at δ = 2/5.
    case = two_by_two(
        PD,
        "any_conflict",
        extra=claims_toml(
            '{ kind = "repeated", quantity = "grim_trigger", discount = 0.4, expect = "not_sustained", kappa = 0 }',
            '{ kind = "repeated", quantity = "grim_trigger", discount = 0.6, expect = "sustained", kappa = 0 }',
            '{ kind = "repeated", quantity = "grim_trigger", discount = 0.6, expect = "not_sustained", kappa = 0 }',
            '{ kind = "repeated", quantity = "grim_trigger", expect = "sustained" }',
        ),
    )
    low, high, wrong, no_discount = graded(case)
    assert low.grade == "supported" and low.tests[0].value == "δ* = 1/2 (Row 1/2, Column 1/2)"
    assert "δ* = 2/4 = 1/2 for Row" in low.reason and "δ = 2/5 < δ*" in low.reason
    assert high.grade == "supported" and wrong.grade == "not_supported"
    assert no_discount.grade == "not_testable" and "no discount factor" in no_discount.reason


def test_grim_trigger_claims_use_a_credible_punishment():
    # Prisoner's Dilemma with war damage at (D, D) only (mutual_confront), κ = 3/2: (D, D)
    # pays 1 − 3/2 < 0 = S, so it is no stage equilibrium (the game is Chicken). The worst
    # stage equilibrium for each player pays it S = 0: δ* = (5 − 3)/(5 − 0) = 2/5. At
    # δ = 19/50 compromise is not sustained (grim trigger alone would say 2/(5 + 1/2) = 4/11
    # < 19/50: sustained).
    case = two_by_two(
        PD,
        "mutual_confront",
        extra=claims_toml(
            '{ kind = "repeated", quantity = "grim_trigger", discount = 0.38, expect = "not_sustained", kappa = 1.5 }'
        ),
    )
    (result,) = graded(case)
    assert result.grade == "supported" and result.tests[0].value == "δ* = 2/5 (Row 2/5, Column 2/5)"
    assert "no credible threat" in result.reason and "Nash reversion" in result.reason


def test_conflict_share_claims():
    # Noisy tit-for-tat against itself: from outcome (x, y) the next intended outcome is
    # (y, x), each action flipped with probability ε independently. The probability of
    # reaching (u, v) summed over all (x, y) is Σ_y P(flip to u | y)·Σ_x P(flip to v | x) = 1:
    # the transition matrix is doubly stochastic, so the long-run distribution is uniform,
    # 1/4 on each outcome, and conflict (any outcome but (C, C)) fills 3/4 of the time,
    # whatever ε. Always-confront against itself is at (C, C) only when both slip: ε².
    case = two_by_two(
        PD,
        "any_conflict",
        extra=claims_toml(
            '{ kind = "repeated", quantity = "conflict_share", at_least = 0.5 }',
            '{ kind = "repeated", quantity = "conflict_share", at_most = 0.5, noise = 0.1 }',
            '{ kind = "repeated", quantity = "conflict_share", pair = ["alld", "alld"], noise = 0.1, at_least = 0.99 }',
        ),
    )
    tft, tft_low, alld = graded(case)
    # The share is 3/4 for every payoff and noise, so the test cannot fail, whatever it expects.
    assert tft.grade == "cannot_fail" and tft.tests[0].value == "3/4"
    # A ceasefire lasts until the first slip: 1/(1 − (1 − ε)²) = 400/39 periods at ε = 1/20.
    assert "ceasefires last 400/39 periods on average" in tft.reason
    assert tft_low.grade == "cannot_fail"
    assert alld.grade == "supported" and alld.tests[0].value == "99/100"
    assert alld.tests[0].decimal == float(F(99, 100))


def test_repeated_claims_need_a_2x2_game():
    case = parse_game(TRIANGLE + claims_toml('{ kind = "repeated", quantity = "conflict_share", at_least = 0.5 }'))
    (result,) = graded(case)
    assert result.grade == "not_testable" and "2x2 games" in result.reason
