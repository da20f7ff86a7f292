"""The ``mediation`` claim test: what recommendation can reach, and transfers against a budget."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

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
