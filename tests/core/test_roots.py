"""Certified real roots: double roots, clustered roots, huge coefficients, rational roots.

Every interval a :class:`Root` carries is checked here independently of the isolation code:
its polynomial divides the input, changes sign strictly across the interval, and has exactly
one root inside by Sturm's theorem (a Sturm sequence written in fractions in
``tests/core/reference_roots.py``).
"""

from __future__ import annotations

import math
import pickle
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.reference_roots import lin, mul, prod, remainder, squarefree_part, sturm_count, value
from sovgame.core.roots import Root, compare, nonnegative_roots, primitive, sign_at


def certified(poly, roots):
    """Check every claim the roots make (module docstring) and their order."""
    for r, multiplicity in roots:
        assert multiplicity >= 1
        if isinstance(r, F):
            assert r >= 0 and value(poly, r) == 0
            continue
        assert 0 <= r.lo < r.hi
        assert not remainder(primitive(poly), r.poly)  # r.poly divides the input
        s_lo, s_hi = sign_at(r.poly, r.lo), sign_at(r.poly, r.hi)
        assert s_lo * s_hi == -1  # a strict sign change, no root at either end
        assert sturm_count(r.poly, r.lo, r.hi) == 1
    for (a, _), (b, _) in zip(roots, roots[1:]):
        assert compare(a, b) < 0


def test_a_double_irrational_root_is_found_once_with_multiplicity_two():
    # (x² − 2)²: √2 twice; it never changes sign, so a bracket must come from its factor.
    poly = mul([-2, 0, 1], [-2, 0, 1])
    roots = nonnegative_roots(poly)
    certified(poly, roots)
    ((r, multiplicity),) = roots
    assert multiplicity == 2 and isinstance(r, Root)
    narrow = r.refined(F(1, 10**30))
    assert narrow.lo**2 < 2 < narrow.hi**2 and narrow.hi - narrow.lo <= F(1, 10**30)


def test_rational_roots_are_exact_with_their_multiplicities():
    poly = prod(lin(F(1, 3)), lin(F(1, 3)), lin(F(1, 3)), lin(F(7, 2)), lin(-5), [1, 0, 1])
    roots = nonnegative_roots(poly)
    assert roots == [(F(1, 3), 3), (F(7, 2), 1)]
    certified(poly, roots)


def test_zero_and_negative_roots():
    poly = prod(lin(0), lin(0), lin(-1), [-3, 0, 1])  # x²(x + 1)(x² − 3)
    roots = nonnegative_roots(poly)
    certified(poly, roots)
    assert roots[0] == (F(0), 2) and len(roots) == 2
    assert roots[1][0].compare(F(173, 100)) == 1 and roots[1][0].compare(F(174, 100)) == -1


def test_roots_1e_12_apart_are_separated():
    a = F(1, 3)
    b = a + F(1, 10**12)
    # Rational roots 1e-12 apart, √2 and √(2 + 1e-24) (about 3.5e-25 apart), and
    # irrational roots 1e-12 apart: x² − 2 and (x − 1e-12)² − 2.
    shifted = [F(1, 10**24) - 2, -F(2, 10**12), F(1)]
    poly = prod(lin(a), lin(b), [-2, 0, 1], [-(F(2) + F(1, 10**24)), 0, 1], shifted)
    roots = nonnegative_roots(poly)
    certified(poly, roots)
    assert [r for r, _ in roots[:2]] == [a, b]
    irrational = [r for r, _ in roots[2:]]
    assert len(irrational) == 3 and all(isinstance(r, Root) for r in irrational)
    # √2 < √(2 + 1e-24) < √2 + 1e-12, each pair told apart exactly
    assert irrational[0] < irrational[1] < irrational[2]
    assert compare(irrational[0], Root.of_surd(F(0), F(1), F(2))) == 0


def test_huge_coefficients():
    big = 10**30
    poly = prod(lin(F(big, 7)), [-big, 0, 1], lin(F(1, big)))  # roots 1e30/7, 1e15, 1e-30
    assert [r for r, _ in nonnegative_roots(poly)] == [F(1, big), F(10**15), F(big, 7)]
    poly = prod([-2 * big, 0, 1], [F(-3, big), 0, 1])  # √(2e30) and √(3e-30)
    roots = nonnegative_roots(poly)
    certified(poly, roots)
    small, large = (r for r, _ in roots)
    assert small.compare(F(17320508, 10**22)) == 1 and small.compare(F(17320509, 10**22)) == -1
    assert large.compare(1414213562373095) == 1 and large.compare(1414213562373096) == -1


def test_comparison_with_rationals_always_decides():
    ((r, _),) = nonnegative_roots([-2, 0, 1])
    for q in [F(1), F(141421356237, 10**11), F(141421356238, 10**11), F(2), F(0), F(-7)]:
        assert r.compare(q) == (1 if q < 0 or q * q < 2 else -1)


def test_the_same_number_from_two_polynomials_is_equal_and_hashes_alike():
    ((a, _),) = nonnegative_roots([-2, 0, 1])  # √2 from x² − 2
    (b, _), (c, _) = nonnegative_roots(prod([-2, 0, 1], lin(5)))[0], nonnegative_roots([-3, 0, 1])[0]
    quartic = [r for r, _ in nonnegative_roots([F(-2), 0, F(-1), 0, F(1)])]  # (x² − 2)(x² + 1)
    assert a == b == quartic[0] == Root.of_surd(F(0), F(1), F(2))
    assert hash(a) == hash(quartic[0]) and float(a) == float(quartic[0]) == math.sqrt(2)
    assert a != c and a < c and a != F(1)
    assert len({a, b, quartic[0], c}) == 2
    assert pickle.loads(pickle.dumps(a)) == a


@pytest.mark.parametrize("a, b, r", [(0, 1, 2), (3, -2, 2), (F(1, 2), 5, F(7, 3)), (10**16, -1, 10**33 + 7)])
def test_surds_are_bracketed_exactly_without_floats(a, b, r):
    a, b, r = F(a), F(b), F(r)
    root = Root.of_surd(a, b, r)
    assert root.lo < root.hi
    # a + b√r in (lo, hi): (lo − a)/b and (hi − a)/b bracket √r, checked by squares.
    ends = sorted(((root.lo - a) / b, (root.hi - a) / b))
    assert 0 <= ends[0] and ends[0] ** 2 < r < ends[1] ** 2
    assert sign_at(root.poly, root.lo) * sign_at(root.poly, root.hi) == -1


def test_cells_are_tight_and_do_not_depend_on_the_interval():
    ((r, _),) = nonnegative_roots([-2, 0, 1])
    lo, hi = r.cell
    assert (hi - lo) == F(1, 2**63)  # 1 < √2 < 2: e = 1, width 2^(1 − 64)
    assert lo**2 < 2 < hi**2
    assert r.refined(F(1, 10**40)).cell == (lo, hi) == r.narrowed().cell


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=50), min_size=1, max_size=5),
    st.lists(st.integers(1, 3), min_size=5, max_size=5),
    st.lists(st.tuples(st.integers(-9, 9), st.integers(-9, 9)), max_size=3),
)
def test_random_products_of_known_factors(rational_roots, multiplicities, quadratics):
    """Linear factors with multiplicities times random quadratics: the rational roots ≥ 0 come
    back exactly with at least their multiplicities, and every claim is certified."""
    poly = [F(1)]
    expected: dict = {}
    for r, m in zip(rational_roots, multiplicities):
        for _ in range(m):
            poly = mul(poly, lin(r))
        expected[r] = expected.get(r, 0) + m
    for b, c in quadratics:
        poly = mul(poly, [F(c), F(b), F(1)])
    roots = nonnegative_roots(poly)
    certified(poly, roots)
    exact = {r: m for r, m in roots if isinstance(r, F)}
    for r, m in expected.items():
        if r >= 0:
            assert exact.get(r, 0) >= m
    # Every real root ≥ 0 is listed: Sturm counts the distinct roots in (0, bound], bound
    # above every root (Cauchy), of the squarefree part poly / gcd(poly, poly').
    core = squarefree_part(poly)
    bound = 1 + sum(abs(c) for c in core[:-1]) / abs(core[-1])
    at_zero = 1 if core[0] == 0 else 0
    assert len(roots) == sturm_count(core, F(0), bound) + at_zero


# --- primitive: the one integer form of a polynomial --------------------------------------------


@pytest.mark.parametrize(
    "poly, expected",
    [
        ([2, -1], (-2, 1)),  # 2 − x = −(x − 2): the leading coefficient made positive
        ([F(1, 2), F(-1, 3)], (-3, 2)),  # ×6: 3 − 2x, then the sign: 2x − 3
        ([F(-3, 4), F(-3, 2)], (1, 2)),  # ×4: −3 − 6x, ÷3 and the sign: 1 + 2x
        ([0, -6, 0], (0, 1)),  # the zero of the top degree dropped, −6x → x
        ([4, 0, 6], (2, 0, 3)),  # a common factor removed, the sign already positive
        ([0, 0], ()),  # the zero polynomial
    ],
)
def test_primitive_has_coprime_integers_and_a_positive_leading_coefficient(poly, expected):
    assert primitive(poly) == expected


def test_a_root_keeps_one_polynomial_whatever_the_sign_it_was_given_with():
    # 2 − x² and x² − 2 have the same root √2; both give it as a root of x² − 2.
    (first, _), (second, _) = nonnegative_roots([2, 0, -1])[0], nonnegative_roots([-2, 0, 1])[0]
    assert first.poly == second.poly == (-2, 0, 1)
    assert first == second


@pytest.mark.parametrize(
    "a, b, r, e",
    [
        # √2: 2^0 < √2 < 2^1, so e = 1 and the cell is 2^(1 − 64) wide.
        (F(0), F(1), F(2), 1),
        # √2 − 1 ≈ 0.414: 2^−2 < it < 2^−1, e = −1.
        (F(-1), F(1), F(2), -1),
        # −√3 ≈ −1.732: |root| in (2^0, 2^1), e = 1.
        (F(0), F(-1), F(3), 1),
        # 5 + √3 ≈ 6.73: in (2^2, 2^3), e = 3.
        (F(5), F(1), F(3), 3),
    ],
)
def test_a_roots_cell_is_the_grid_cell_that_holds_it(a, b, r, e):
    # The cell is [k·w, (k + 1)·w] with w = 2^(e − 64) and the root inside: (x − a)² − b²r
    # changes sign across it, and the root's side of a is kept (b > 0: above a).
    root = Root.of_surd(a, b, r)
    lo, hi = root.cell
    width = F(2) ** (e - 64)
    assert hi - lo == width and (lo / width).denominator == 1

    def f(x):
        return (x - a) ** 2 - b * b * r

    assert f(lo) * f(hi) < 0 and (lo > a) == (b > 0)
    narrowed = root.narrowed()
    assert (narrowed.lo, narrowed.hi) == (lo, hi) and narrowed == root


def test_roots_order_with_every_operator():
    sqrt2, other = Root.of_surd(F(0), F(1), F(2)), Root.of_surd(F(1), F(1), F(2))
    assert sqrt2 < other and sqrt2 <= other and other > sqrt2 and other >= sqrt2
    assert not (other < sqrt2) and not (other <= sqrt2) and not (sqrt2 > other) and not (sqrt2 >= other)
    assert sqrt2 <= sqrt2 and sqrt2 >= sqrt2 and not (sqrt2 < sqrt2) and not (sqrt2 > sqrt2)
    assert sqrt2 > F(7, 5) and sqrt2 < F(3, 2) and sqrt2 >= 1 and sqrt2 <= 2


def test_a_roots_cell_does_not_depend_on_the_bracket_it_was_found_in():
    # The cell is a function of the number alone: √2 bracketed by (1, 2) or by ends whose
    # denominators hold odd factors (their halvings never land on the dyadic grid, so the
    # refined bracket may straddle a grid point, with the root on either side of it) has the
    # cell of Root.of_surd, and so hashes alike.
    canonical = Root.of_surd(F(0), F(1), F(2))
    brackets = [(F(1), F(2)), (F(4, 3), F(3, 2)), (F(7, 5), F(10, 7)), (F(141, 100), F(1415, 1000))]
    brackets += [(F(n, d), F(3, 2)) for n, d in ((14, 13), (16, 15), (21, 20), (29, 23), (30, 23), (8, 7), (9, 7))]
    for lo, hi in brackets:
        root = Root(canonical.poly, lo, hi)
        assert root.cell == canonical.cell and hash(root) == hash(canonical) and root == canonical


# Mutants of roots.py that no test can kill, being equivalent (benchmarks/mutation.py):
# - _provably_squarefree reading f[-2] instead of f[-1] for the guard "the leading coefficient
#   is not a multiple of the prime": a repeated factor h² hides modulo the prime only when h
#   vanishes there but for a constant, i.e. when h's leading coefficient is a multiple of the
#   prime; then the top two coefficients of h², and so of f, are, and either guard refuses. The
#   test is a sufficient one, so the answers (an exact fallback otherwise) are the same.
# - _rational_in, ``lo < candidate < hi`` with either ``<`` made ``<=``: the candidate
#   floor(lo·lc + 1)/lc is always above lo, and f has no root at hi, so the candidate at hi
#   would fail ``sign_at(f, candidate) == 0`` anyway.
# - __float__'s overflow branch, ``lo > 0`` made ``lo > 1``: only a root beyond 1e308 overflows,
#   and its interval lies far from (0, 1].
# - compare, ``len(g) > 1`` made ``>= 1``: a constant gcd has the same sign at both ends.
# - cell, any change of ``(k + 1)·width < root.hi`` alone: when the grid point is at or past
#   hi, the root lies below it and ``root.compare((k + 1)·width) > 0`` is false anyway; that
#   first test only spares an exact comparison.


def test_two_roots_in_one_cell_stay_apart_when_narrowed():
    # (x − a)² − 2 with a = 2^100 + 2^36 has the roots a ± √2, 2√2 apart, both in the dyadic
    # cell [2^100, 2^100 + 2^37] (Root.cell: width 2^(101 − 64)). Narrowed to that cell, each
    # interval would hold both roots, the polynomial would have one sign at both ends, and
    # comparing the two numbers would never end; halved until alone, it proves one root.
    a = F(2**100 + 2**36)
    below, above = Root.of_surd(a, F(-1), F(2)), Root.of_surd(a, F(1), F(2))
    assert below.cell == above.cell
    for root in (below, above):
        narrow = root.narrowed()
        assert sign_at(narrow.poly, narrow.lo) == -sign_at(narrow.poly, narrow.hi)
        assert compare(narrow, root) == 0
    assert compare(below.narrowed(), above.narrowed()) == -1
    assert compare(above, below.narrowed()) == 1
    assert below.narrowed().compare(a) == -1 and above.narrowed().compare(a) == 1
