"""The exact Nash check: in integers for two players (TwoPlayerCheck), the same verdict and
payoffs as in fractions (is_nash, expected_payoffs)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.solvers.verify import TwoPlayerCheck, expected_payoffs, is_nash


def numbers():
    return st.fractions(min_value=-3, max_value=3, max_denominator=5)


@st.composite
def games_and_profiles(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    payoffs = np.empty((m, n, 2), dtype=object)
    payoffs.reshape(-1)[:] = draw(st.lists(numbers(), min_size=2 * m * n, max_size=2 * m * n))
    return payoffs, draw(strategies(m)), draw(strategies(n))


@st.composite
def strategies(draw, size):
    """A pure strategy, a mix, or a vector that is no probability vector."""
    kind = draw(st.sampled_from(["pure", "mixed", "invalid"]))
    if kind == "pure":
        at = draw(st.integers(0, size - 1))
        return tuple(F(int(i == at)) for i in range(size))
    weights = draw(st.lists(st.integers(0 if kind == "mixed" else -2, 4), min_size=size, max_size=size))
    total = sum(weights)
    if kind == "mixed" and total > 0:
        return tuple(F(w, total) for w in weights)
    return tuple(F(w, 3) for w in weights)


@settings(max_examples=300, deadline=None)
@given(games_and_profiles())
def test_the_check_in_integers_agrees_with_the_check_in_fractions(case):
    payoffs, row, col = case
    verdict = TwoPlayerCheck(payoffs).payoffs_if_nash(row, col)
    if is_nash(payoffs, (row, col)):
        assert verdict == expected_payoffs(payoffs, (row, col))
    else:
        assert verdict is None


def test_matching_pennies_mixed_equilibrium_and_a_pure_deviation():
    # Matching pennies: the row player wins 1 on a match, loses 1 otherwise; the only
    # equilibrium is (1/2, 1/2) for both, worth 0 to each. Against the column's pure c1 the
    # row's r1 pays 1, so (1/2, 1/2) against c1 is no equilibrium.
    payoffs = np.empty((2, 2, 2), dtype=object)
    for i in range(2):
        for j in range(2):
            payoffs[i, j] = (F(1 if i == j else -1), F(-1 if i == j else 1))
    check = TwoPlayerCheck(payoffs)
    half = (F(1, 2), F(1, 2))
    assert check.payoffs_if_nash(half, half) == (0, 0)
    assert check.payoffs_if_nash(half, (F(1), F(0))) is None
