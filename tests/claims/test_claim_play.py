"""Mediation and repeated-play tests of a claim, on textbook games with the answers derived
by hand (docs/models.md: mediation, repeated game)."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from cases import TRIANGLE
from sovgame import parse_game
from sovgame.claims.kinds.mediation import grade as mediation_test
from sovgame.core.numbers import fmt
from strategies import costed_2x2, two_by_two, two_by_two_text
from support import claims_toml, graded

PD = [(3, 3), (0, 5), (5, 0), (1, 1)]
CHICKEN = [(3, 3), (1, 4), (4, 1), (0, 0)]


def test_mediation_claims_on_the_prisoners_dilemma():
    # any_conflict, weights 1, κ = 1: R 3, S −1, T 4, P 0 for each player. D strictly
    # dominates C (4 > 3, 0 > −1), so no correlated equilibrium puts weight on (C, C): 0.
    # Transfers t_i = T − R = 1 each make compromise an equilibrium: 2 per period, above a
    # budget of 1, within a budget of 2.
    tests = claims_toml(
        '{ kind = "mediation", quantity = "compromise_probability", at_most = 0 }',
        '{ kind = "mediation", quantity = "compromise_probability", at_least = 0.5 }',
        '{ kind = "mediation", quantity = "transfers", expect = "exceed_budget" }',
        '{ kind = "mediation", quantity = "transfers", expect = "within_budget" }',
    )
    zero, half, exceed, within = graded(two_by_two(PD, "any_conflict", extra=tests + "[mediator]\nbudget = 1\n"))
    assert zero.grade == "supported" and zero.tests[0].value == "0"
    assert (
        "'D' strictly dominates 'C' for Row (4 > 3 when Column plays 'C'; 0 > -1 when Column plays 'D')" in zero.reason
    )
    assert half.grade == "not_supported"
    assert exceed.grade == "supported" and exceed.tests[0].value == "2" and exceed.tests[0].decimal == 2.0
    assert "Row 1: Row gains 1 by 'D' instead of 'C' when Column plays 'C'" in exceed.reason
    assert within.grade == "not_supported"
    *_, exceed2, within2 = graded(two_by_two(PD, "any_conflict", extra=tests + "[mediator]\nbudget = 2\n"))
    assert exceed2.grade == "not_supported" and within2.grade == "supported"
    # Without a [mediator] budget, the transfers cannot be put to a budget.
    *_, no_budget, _ = graded(two_by_two(PD, "any_conflict", extra=tests))
    assert no_budget.grade == "not_testable" and "no [mediator] budget" in no_budget.reason


def test_mediation_in_chicken_reaches_a_third():
    # Chicken R, S, T, P = 3, 1, 4, 0 at κ = 0. Obedience: told C, p(CD) ≥ p(CC) (row) and
    # p(DC) ≥ p(CC) (column); so p(CC) ≤ 1/3, reached at a third on each of CC, CD, DC.
    case = two_by_two(
        CHICKEN,
        "any_conflict",
        extra=claims_toml('{ kind = "mediation", quantity = "compromise_probability", at_least = "1/3", kappa = 0 }'),
    )
    (result,) = graded(case)
    assert result.grade == "supported" and result.tests[0].value == "1/3"


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
    assert tft.grade == "supported" and tft.tests[0].value == "3/4"
    # A ceasefire lasts until the first slip: 1/(1 − (1 − ε)²) = 400/39 periods at ε = 1/20.
    assert "ceasefires last 400/39 periods on average" in tft.reason
    assert tft_low.grade == "not_supported"
    assert alld.grade == "supported" and alld.tests[0].value == "99/100"
    assert alld.tests[0].decimal == float(F(99, 100))


def test_repeated_claims_need_a_2x2_game():
    case = parse_game(TRIANGLE + claims_toml('{ kind = "repeated", quantity = "conflict_share", at_least = 0.5 }'))
    (result,) = graded(case)
    assert result.grade == "not_testable" and "2x2 games" in result.reason


@settings(max_examples=60, deadline=None)
@given(costed_2x2(), st.sampled_from([F(0), F(1), F(2)]))
def test_the_dominance_shortcut_agrees_with_the_linear_program(game, kappa):
    # Where a target strategy is strictly dominated the claim answers 0 without a linear
    # program; `mediate` always solves it (certified in fractions): the two must agree.
    from sovgame.claims.grading import Context
    from sovgame.claims.kinds.mediation import dominated_reason
    from sovgame.play.mediation import mediate

    lp = mediate(game, kappa).ce_target
    assert lp.certified
    test = (
        parse_game(
            two_by_two_text([(3, 3), (0, 5), (5, 0), (1, 1)], "own_confront")
            + claims_toml(
                f'{{ kind = "mediation", quantity = "compromise_probability", at_most = 0, kappa = "{kappa}" }}'
            )
        )
        .claims[0]
        .tests[0]
    )
    result = mediation_test(test, Context(game))
    assert result.value == fmt(lp.value)
    if dominated_reason(game.game, (0, 0), kappa) is not None:
        assert lp.value == 0
