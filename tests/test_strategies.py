"""The game generators of strategies.py make what they promise (Axelrod's habit: test the
generators too, or a property test may be checking the wrong games)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import (
    DILEMMA_TYPES,
    costed_2x2,
    costed_bimatrix,
    dilemmas,
    near_degenerate_bimatrix,
    payoff_arrays,
    rstp,
)


@given(st.sampled_from(list(DILEMMA_TYPES)).flatmap(lambda kind: st.tuples(st.just(kind), rstp(kind))))
def test_rstp_orders_each_type_as_the_literature_defines_it(item):
    kind, (R, S, T, P) = item
    holds = {name for name, test in DILEMMA_TYPES.items() if test(R, S, T, P)}
    assert holds == {kind}  # the textbook orderings exclude each other


@settings(max_examples=30)
@given(dilemmas())
def test_dilemmas_are_symmetric_games_of_their_type_with_compromise_first(item):
    kind, (R, S, T, P), case = item
    game = case.game
    u = game.payoffs
    assert (u[0, 0, 0], u[0, 1, 0], u[1, 0, 0], u[1, 1, 0]) == (R, S, T, P)
    assert (u[0, 0, 1], u[1, 0, 1], u[0, 1, 1], u[1, 1, 1]) == (R, S, T, P)
    assert game.compromise_profile == (0, 0) and len(game.costs) == 1


@given(st.sampled_from([(2, 2), (3, 2), (2, 2, 3)]).flatmap(lambda shape: payoff_arrays(shape, -1, 1)))
def test_payoff_arrays_are_exact_and_in_range(payoffs):
    assert payoffs.shape[-1] == payoffs.ndim - 1
    assert all(isinstance(v, Fraction) and -1 <= v <= 1 for v in payoffs.reshape(-1))


@settings(max_examples=20)
@given(costed_2x2(), costed_bimatrix(3, 2))
def test_costed_games_have_costs_that_move_with_kappa(small, wide):
    small, wide = small.game, wide.game
    assert small.shape == (2, 2) and wide.shape == (3, 2)
    for game in (small, wide):
        load = game.cost_load()
        assert all(v >= 0 for v in load.reshape(-1))


@settings(max_examples=50)
@given(near_degenerate_bimatrix())
def test_near_degenerate_games_are_small_integers_plus_one_scale_of_perturbation(game):
    A, B = game
    m, n = len(A), len(A[0])
    assert 2 <= m <= 6 and 2 <= n <= 7 and all(len(row) == n for row in A + B) and len(B) == m
    for v in (v for row in A + B for v in row):
        base = round(v)
        assert -2 <= base <= 2 and abs(v - base) <= Fraction(9, 1000)
        assert (v * 10**15).denominator == 1  # k/10^e with e ≤ 15
