"""Exact real roots: rational ones exactly, irrational ones in certified brackets, against
polynomials built from known roots."""

from __future__ import annotations

import math
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.sensitivity.polynomials import (
    RealRoot,
    count_roots,
    evaluate,
    less,
    multiply,
    real_roots,
    squarefree,
    sturm_sequence,
)


def from_roots(*roots: F) -> list[F]:
    poly = [F(1)]
    for r in roots:
        poly = multiply(poly, [-r, F(1)])
    return poly


def test_rational_roots_are_exact_and_sorted():
    assert real_roots(from_roots(F(3), F(-1, 2), F(7, 3))) == [F(-1, 2), F(7, 3), F(3)]
    # A repeated root is one root.
    assert real_roots(from_roots(F(2), F(2), F(5, 4))) == [F(5, 4), F(2)]


def test_irrational_roots_are_brackets_holding_exactly_one_root():
    # x² − 2: roots ±√2; the bracket must hold √2 (checked by squaring) and nothing rational.
    negative, positive = real_roots([F(-2), F(0), F(1)])
    assert isinstance(positive, RealRoot) and isinstance(negative, RealRoot)
    assert positive.lo**2 < 2 < positive.hi**2 and positive.lo > 0
    assert positive.hi - positive.lo < F(1, 10**12)
    assert math.isclose(float(positive), math.sqrt(2))
    assert less(negative, F(0)) and less(F(141421356, 10**8), positive) and less(positive, F(141421357, 10**8))


def test_mixed_rational_and_irrational_roots_and_a_range():
    # (x − 1/3)(x³ − 7/5): 1/3 and the real cube root of 7/5 (≈ 1.1187).
    poly = multiply([F(-1, 3), F(1)], [F(-7, 5), F(0), F(0), F(1)])
    third, cube = real_roots(poly)
    assert third == F(1, 3)
    assert isinstance(cube, RealRoot) and cube.lo**3 < F(7, 5) < cube.hi**3
    (above,) = real_roots(poly, lo=F(1, 2))
    assert isinstance(above, RealRoot) and above.lo**3 < F(7, 5) < above.hi**3
    assert real_roots(poly, hi=F(1, 2)) == [F(1, 3)]


def test_a_rational_root_with_a_large_denominator_is_found_exactly():
    # Floats propose 12345/67891 only approximately; the denominator bound decides.
    poly = multiply([F(-12345, 67891), F(1)], [F(-3), F(0), F(1)])
    found = real_roots(poly)
    assert F(12345, 67891) in found and sum(isinstance(r, RealRoot) for r in found) == 2


def test_no_real_roots_and_constants():
    assert real_roots([F(1), F(0), F(1)]) == []
    assert real_roots([F(5)]) == [] and real_roots([]) == []


def test_two_brackets_of_the_same_root_compare_equal():
    a = real_roots([F(-2), F(0), F(1)], lo=F(0))[0]
    b = real_roots(multiply([F(-2), F(0), F(1)], [F(1), F(1)]), lo=F(0))[0]
    assert not less(a, b) and not less(b, a)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=12), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=3),
)
def test_every_rational_root_is_found_and_sturm_counts_agree(roots, surd):
    """Polynomials with known rational roots, times x² − (surd + 2) (irrational roots unless
    surd + 2 is a square): every rational root is found exactly, the count matches Sturm's."""
    extra = [F(-(surd + 2)), F(0), F(1)]
    poly = multiply(from_roots(*roots), extra)
    found = real_roots(poly)
    exact = [r for r in found if isinstance(r, F)]
    assert set(roots) <= set(exact)
    assert all(evaluate(poly, r) == 0 for r in exact)
    seq = sturm_sequence(squarefree(poly))
    assert len(found) == count_roots(seq, None, None)
    for root in found:
        if isinstance(root, RealRoot):
            assert evaluate(poly, root.lo) * evaluate(poly, root.hi) < 0
            assert math.isqrt(surd + 2) ** 2 != surd + 2


def test_a_rational_root_inside_an_irrational_roots_bracket_is_sorted_exactly():
    """(x − 1)·(y² + M·y − 1) with y = x − 1 and M = 10^16: the roots are x = 1 and
    y = (−M ± √(M² + 4))/2, i.e. x = 1 + y₊ with 0 < y₊ < 1/M (y₊·(y₊ + M) = 1) and
    x = 1 + y₋ < 1 − M. So the increasing order is [1 + y₋, 1, 1 + y₊]. The bracket of 1 + y₊
    (relative width 1e-15) holds 1 itself, so its lower end cannot order it."""
    M = F(10**16)
    roots = real_roots(multiply([F(-1), F(1)], [-M, M - 2, F(1)]))  # (x−1)² + M(x−1) − 1
    assert len(roots) == 3 and roots[1] == 1
    low, high = roots[0], roots[2]
    assert isinstance(low, RealRoot) and low.compare(1 - M) < 0
    assert isinstance(high, RealRoot) and high.compare(F(1)) > 0 and high.compare(1 + 1 / M) < 0


def test_scaled_distances_of_roots_compare_exactly_with_rationals_and_roots():
    from sovgame.sensitivity.polynomials import compare_numbers, scaled_distance

    sqrt2 = next(r for r in real_roots([F(-2), F(0), F(1)]) if isinstance(r, RealRoot) and r.compare(F(0)) > 0)
    while sqrt2.lo <= 1:
        sqrt2 = sqrt2.refined((sqrt2.hi - sqrt2.lo) / 4)
    # √2 − 1 = 0.41421356237309...: between these two rationals 1e-11 apart.
    gap = scaled_distance(sqrt2, F(1), F(1))
    assert compare_numbers(gap, F(41421356237, 10**11)) == 1
    assert compare_numbers(gap, F(41421356238, 10**11)) == -1
    # From 2 downwards: (2 − √2)/2 = 1 − √2/2 = 0.29289321881345...
    below = scaled_distance(sqrt2, F(2), F(2))
    assert compare_numbers(below, F(29289321881, 10**11)) == 1
    assert compare_numbers(below, F(29289321882, 10**11)) == -1
    # The same number found through another polynomial ((x² − 2)(x − 3), squarefree) is equal.
    other = next(r for r in real_roots([F(6), F(-2), F(-3), F(1)]) if isinstance(r, RealRoot) and r.compare(F(0)) > 0)
    while other.lo <= 1:
        other = other.refined((other.hi - other.lo) / 4)
    assert compare_numbers(gap, scaled_distance(other, F(1), F(1))) == 0
    assert compare_numbers(below, gap) == -1
