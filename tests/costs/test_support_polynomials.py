"""Support polynomials in integers against the fraction formulas, and Descartes' sign test."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from costs.reference_unique import support_polynomials as fraction_polynomials
from sovgame.core.linalg import evaluate, interpolate
from sovgame.costs.support_polynomials import SupportSystem, constant_sign, interpolate_naturals, multiply, sign_at


def trimmed(poly):
    poly = list(poly)
    while poly and poly[-1] == 0:
        poly.pop()
    return poly


@st.composite
def payoffs_with_costs(draw):
    """One player's payoffs U and cost loads W (own strategies as rows), with denominators."""
    m, n = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    den = draw(st.sampled_from([1, 2, 3, 6]))
    U = [[F(draw(st.integers(-6, 6)), den) for _ in range(n)] for _ in range(m)]
    W = [[F(draw(st.integers(0, 4)), draw(st.sampled_from([1, 2]))) for _ in range(n)] for _ in range(m)]
    return U, W


@settings(max_examples=80, deadline=None)
@given(payoffs_with_costs())
def test_integer_polynomials_equal_the_fraction_ones(data):
    U, W = data
    m, n = len(U), len(U[0])
    L = math.lcm(*(v.denominator for row in U + W for v in row))
    Ui = [[int(v * L) for v in row] for row in U]
    Wi = [[int(v * L) for v in row] for row in W]
    P0, P1 = np.array(U, dtype=object), np.array(W, dtype=object)
    for k in range(2, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                reference = fraction_polynomials(P0, P1, I, J, m, [F(s) for s in range(k + 2)])
                system = SupportSystem(Ui, Wi, L, I, J)
                found = system.fractions([r for r in range(m) if r not in I])
                assert [trimmed(p) for p in found] == [trimmed(p) for p in reference]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=7))
def test_interpolation_at_the_naturals_is_d_factorial_times_the_fraction_one(values):
    d = len(values) - 1
    expected = interpolate([F(x) for x in range(d + 1)], [F(v) for v in values])
    assert [F(c, math.factorial(d)) for c in interpolate_naturals(values)] == expected


rationals = st.fractions(min_value=0, max_value=20, max_denominator=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=1, max_size=6), rationals)
def test_sign_at_is_the_sign_of_the_exact_value(poly, kappa):
    value = evaluate([F(c) for c in poly], kappa)
    assert sign_at(poly, kappa) == (value > 0) - (value < 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=1, max_size=5), rationals, rationals, st.booleans())
def test_a_constant_sign_is_never_claimed_where_the_polynomial_changes_or_vanishes(poly, a, b, unbounded):
    lo, hi = min(a, b), (None if unbounded else max(a, b))
    if hi is not None and hi <= lo:
        return
    sign = constant_sign(poly, lo, hi)
    top = hi if hi is not None else lo + 40
    samples = [lo + (top - lo) * F(i, 97) for i in range(1, 97)]
    if sign is not None:
        assert all(sign_at(poly, x) == sign for x in samples)
    # And with a root planted inside, no constant sign can be claimed.
    root = (lo + top) / 2
    planted = multiply(poly, [-root.numerator, root.denominator]) if any(poly) else [-root.numerator, root.denominator]
    assert constant_sign(planted, lo, hi) is None


def test_constant_sign_by_hand():
    # x² + 1 > 0 everywhere; (x − 1)(x − 3) = x² − 4x + 3 is negative on (1, 3), and Descartes
    # proves it there: t ↦ κ = (1 + 3t)/(1 + t) gives (1 + t)²·p(κ) = −4t, one negative term.
    assert constant_sign([1, 0, 1], F(0), None) == 1
    assert constant_sign([3, -4, 1], F(1), F(3)) == -1
    assert constant_sign([3, -4, 1], F(0), F(2)) is None  # the root 1 is inside
    assert constant_sign([0, 0], F(0), F(1)) == 0
