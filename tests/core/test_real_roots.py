"""Every real root, both signs, in a range: rational ones exactly, irrational ones as certified
:class:`Root` numbers, against polynomials built from known roots and against sympy's
isolation (used in this file only, an independent reference)."""

from __future__ import annotations

import math
from fractions import Fraction as F

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from core.reference_roots import lin, mul, prod, remainder, squarefree_part, sturm_count, value
from sovgame.core.roots import Root, compare, less, primitive, real_roots, scaled_distance, sign_at


def from_roots(*roots: F) -> list[F]:
    return prod(*(lin(r) for r in roots))


def test_rational_roots_are_exact_and_sorted():
    assert real_roots(from_roots(F(3), F(-1, 2), F(7, 3))) == [F(-1, 2), F(7, 3), F(3)]
    # A repeated root is one root.
    assert real_roots(from_roots(F(2), F(2), F(5, 4))) == [F(5, 4), F(2)]


def test_irrational_roots_are_brackets_holding_exactly_one_root():
    # x² − 2: roots ±√2; the bracket must hold √2 (checked by squaring) and nothing rational.
    negative, positive = real_roots([F(-2), F(0), F(1)])
    assert isinstance(positive, Root) and isinstance(negative, Root)
    assert positive.lo**2 < 2 < positive.hi**2 and positive.lo >= 0
    assert negative.hi <= 0 and negative.lo**2 > 2 > negative.hi**2
    assert float(positive) == math.sqrt(2) and float(negative) == -math.sqrt(2)
    assert less(negative, F(0)) and less(F(141421356, 10**8), positive) and less(positive, F(141421357, 10**8))


def test_mixed_rational_and_irrational_roots_and_a_range():
    # (x − 1/3)(x³ − 7/5): 1/3 and the real cube root of 7/5 (≈ 1.1187).
    poly = mul([F(-1, 3), F(1)], [F(-7, 5), F(0), F(0), F(1)])
    third, cube = real_roots(poly)
    assert third == F(1, 3)
    assert isinstance(cube, Root) and cube.lo**3 < F(7, 5) < cube.hi**3
    (above,) = real_roots(poly, lo=F(1, 2))
    assert isinstance(above, Root) and above.lo**3 < F(7, 5) < above.hi**3
    assert real_roots(poly, hi=F(1, 2)) == [F(1, 3)]
    # The ends of the range belong to it.
    assert real_roots(poly, lo=F(1, 3), hi=F(1, 3)) == [F(1, 3)]


def test_a_rational_root_with_a_large_denominator_is_found_exactly():
    # 12345/67891 is no dyadic number: the denominator bound decides.
    poly = mul([F(-12345, 67891), F(1)], [F(-3), F(0), F(1)])
    found = real_roots(poly)
    assert F(12345, 67891) in found and sum(isinstance(r, Root) for r in found) == 2


def test_no_real_roots_and_constants():
    assert real_roots([F(1), F(0), F(1)]) == []
    assert real_roots([F(5)]) == [] and real_roots([]) == [] and real_roots([F(0), F(0)]) == []


def test_two_brackets_of_the_same_root_compare_equal():
    a = real_roots([F(-2), F(0), F(1)], lo=F(0))[0]
    b = real_roots(mul([F(-2), F(0), F(1)], [F(1), F(1)]), lo=F(0))[0]
    assert not less(a, b) and not less(b, a) and compare(a, b) == 0 and a == b


def test_a_double_negative_root_and_roots_1e_12_apart_on_both_sides():
    # (x + √3)² twice over, and −1/3, −1/3 − 1e-12, ±√2 and ±√(2 + 1e-24) (3.5e-25 apart).
    tiny = F(1, 10**12)
    poly = prod([-3, 0, 1], [-3, 0, 1], lin(F(-1, 3)), lin(F(-1, 3) - tiny), [-2, 0, 1], [-2 - tiny * tiny, 0, 1])
    roots = real_roots(poly)
    assert len(roots) == 8
    assert [r for r in roots if isinstance(r, F)] == [F(-1, 3) - tiny, F(-1, 3)]
    assert all(compare(a, b) < 0 for a, b in zip(roots, roots[1:]))
    sqrt2 = Root.of_surd(F(0), F(1), F(2))
    assert roots[2] == -sqrt2 and roots[5] == sqrt2 and roots[1] < roots[2] and roots[5] < roots[6]


def test_a_rational_root_inside_an_irrational_roots_bracket_is_sorted_exactly():
    """(x − 1)·(y² + M·y − 1) with y = x − 1 and M = 10^16: the roots are x = 1 and
    y = (−M ± √(M² + 4))/2, i.e. x = 1 + y₊ with 0 < y₊ < 1/M (y₊·(y₊ + M) = 1) and
    x = 1 + y₋ < 1 − M. So the increasing order is [1 + y₋, 1, 1 + y₊]."""
    M = F(10**16)
    roots = real_roots(mul([F(-1), F(1)], [-M, M - 2, F(1)]))  # (x−1)² + M(x−1) − 1
    assert len(roots) == 3 and roots[1] == 1
    low, high = roots[0], roots[2]
    assert isinstance(low, Root) and low.compare(1 - M) < 0
    assert isinstance(high, Root) and high.compare(F(1)) > 0 and high.compare(1 + 1 / M) < 0


def test_scaled_distances_of_roots_compare_exactly_with_rationals_and_roots():
    sqrt2 = real_roots([F(-2), F(0), F(1)])[1]
    # √2 − 1 = 0.41421356237309...: between these two rationals 1e-11 apart.
    gap = scaled_distance(sqrt2, F(1), F(1))
    assert compare(gap, F(41421356237, 10**11)) == 1 and compare(gap, F(41421356238, 10**11)) == -1
    # From 2 downwards: (2 − √2)/2 = 1 − √2/2 = 0.29289321881345...
    below = scaled_distance(sqrt2, F(2), F(2))
    assert compare(below, F(29289321881, 10**11)) == 1 and compare(below, F(29289321882, 10**11)) == -1
    # The same number found through another polynomial ((x² − 2)(x − 3), squarefree) is equal.
    other = real_roots([F(6), F(-2), F(-3), F(1)])[1]
    assert compare(gap, scaled_distance(other, F(1), F(1))) == 0
    assert compare(below, gap) == -1
    # Negation and affine images: −√2 < −1.41421356, and 3 − 2√2 = (√2 − 1)² = 0.17157...
    negative = -sqrt2
    assert compare(negative, F(-141421356, 10**8)) == -1 and -negative == sqrt2
    image = sqrt2.mapped(F(3), F(-2))
    assert compare(image, F(1715, 10**4)) == 1 and compare(image, F(1716, 10**4)) == -1
    assert scaled_distance(F(5, 2), F(1), F(3)) == F(1, 2)


def sympy_intervals(poly):
    """sympy's isolating intervals of the distinct real roots, increasing, each with the
    rational root it holds (from sympy's factorisation; None when the root is irrational). An
    interval (a, b) holds its root strictly inside; a rational root may be given as (r, r)."""
    x = sympy.Symbol("x")
    P = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(poly)], x)
    rational = [-factor.nth(0) / factor.nth(1) for factor, _ in P.factor_list()[1] if factor.degree() == 1]
    out = []
    for (a, b), _ in P.intervals():
        inside = [r for r in rational if a < r < b or a == r == b]
        assert len(inside) <= 1
        exact = F(int(inside[0].p), int(inside[0].q)) if inside else None
        out.append((F(int(a.p), int(a.q)), F(int(b.p), int(b.q)), exact))
    return out


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.integers(-30, 30), min_size=2, max_size=7).filter(lambda c: c[-1] != 0),
    st.lists(st.fractions(min_value=-4, max_value=4, max_denominator=9), max_size=3),
    st.booleans(),
)
def test_random_integer_polynomials_agree_with_sympy(coefficients, rational_roots, squared):
    """Random integer polynomials, times known linear factors (and squared, for repeated
    roots): as many distinct real roots as sympy isolates, the rational ones equal to sympy's,
    each irrational one where sympy finds an irrational root (the intervals overlap), and
    every claim a Root makes certified (its polynomial divides the input's squarefree part,
    changes sign strictly, has one root inside by Sturm's theorem)."""
    poly = [F(c) for c in coefficients]
    for r in rational_roots:
        poly = mul(poly, lin(r))
    if squared:
        poly = mul(poly, poly)
    ours = real_roots(poly)
    theirs = sympy_intervals(poly)
    assert len(ours) == len(theirs) == sturm_count(squarefree_part(poly), None, None)
    for mine, (a, b, exact) in zip(ours, theirs):
        if isinstance(mine, F):
            assert mine == exact
            continue
        assert exact is None and max(mine.lo, a) <= min(mine.hi, b)
        assert not remainder(primitive(squarefree_part(poly)), mine.poly)
        assert sign_at(mine.poly, mine.lo) * sign_at(mine.poly, mine.hi) == -1
        assert sturm_count(mine.poly, mine.lo, mine.hi) == 1 and value(mine.poly, mine.lo) != 0
    for rational in rational_roots:
        assert rational in ours
