"""The one division, gcd and squarefree decomposition, checked by the identities that define
them, with products and remainders computed independently (``tests/core/reference_roots.py``)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.reference_roots import lin, mul, prod, quotient_remainder, remainder
from sovgame.core.polynomials import (
    composed,
    divmod_poly,
    gcd,
    monic,
    primitive,
    sign_at,
    sign_at_ratio,
    squarefree_factors,
    trim,
)

fractions = st.fractions(min_value=-20, max_value=20, max_denominator=12)
polynomials = st.lists(fractions, min_size=1, max_size=7)


def added(a, b):
    n = max(len(a), len(b))
    return trim([(a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(n)])


@settings(max_examples=200, deadline=None)
@given(polynomials, polynomials.filter(lambda q: any(q)))
def test_division_meets_its_definition(p, q):
    """p = quotient·q + remainder with deg remainder < deg q, and the pair is unique, so it
    equals schoolbook long division in fractions."""
    quotient, rem = divmod_poly(p, q)
    assert added(mul(quotient, q) if quotient else [], rem) == trim(p)
    assert len(rem) < len(trim(q))
    q_ref, r_ref = quotient_remainder(trim(p) or [F(0)], trim(q))
    assert quotient == trim(q_ref) and rem == trim(r_ref)


def test_division_by_zero_is_refused():
    with pytest.raises(ZeroDivisionError):
        divmod_poly([F(1), F(2)], [F(0)])


@settings(max_examples=150, deadline=None)
@given(polynomials, polynomials, polynomials)
def test_gcd_divides_both_and_holds_every_common_factor(a, b, c):
    """g = gcd(a·c, b·c) is monic, divides both, and c (made monic) divides g."""
    left, right = mul(a, c), mul(b, c)
    g = gcd(left, right)
    if not trim(left) and not trim(right):
        assert g == []
        return
    assert g[-1] == 1
    assert divides(g, left) and divides(g, right)
    if trim(c):
        assert divides(monic(c), g)


def divides(d, p) -> bool:
    return not trim(remainder(trim(p) or [F(0)], d))


def test_gcd_of_coprime_polynomials_is_one():
    assert gcd([F(-2), F(0), F(1)], [F(-3), F(0), F(1)]) == [F(1)]
    assert gcd(prod(lin(F(1, 3)), lin(2)), prod(lin(2), lin(-5))) == [F(-2), F(1)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-6, 6), st.integers(1, 4), st.integers(1, 3)), min_size=1, max_size=4),
    st.integers(1, 3),
)
def test_squarefree_factors_rebuild_the_polynomial(linear_factors, quadratic_power):
    """f = Π (q·x − p)^m · (x² + 1)^k: the factors multiply back to f, each g_i^i, and the
    g_i are squarefree and pairwise coprime."""
    f = [F(1)]
    for p, q, m in linear_factors:
        for _ in range(m):
            f = mul(f, [F(-p), F(q)])
    for _ in range(quadratic_power):
        f = mul(f, [F(1), F(0), F(1)])
    factors = squarefree_factors(primitive(f))
    rebuilt = [F(1)]
    for g, i in factors:
        for _ in range(i):
            rebuilt = mul(rebuilt, list(g))
    assert primitive(rebuilt) == primitive(f)
    for g, _ in factors:
        assert gcd(g, [k * g[k] for k in range(1, len(g))]) == [F(1)]  # squarefree
    for (g, _), (h, _) in zip(factors, factors[1:]):
        assert gcd(g, h) == [F(1)]
    multiplicities = [i for _, i in factors]
    assert multiplicities == sorted(set(multiplicities))


def test_primitive_and_signs():
    assert primitive([F(1, 2), F(-3, 4), F(0)]) == (-2, 3)  # −(2 − 3x)/4: leading coefficient > 0
    assert primitive([0, 0]) == () and primitive([6, 4]) == (3, 2)
    assert sign_at([F(-2), F(0), F(1)], F(7, 5)) == -1 and sign_at([-2, 0, 1], F(3, 2)) == 1
    assert sign_at_ratio([-2, 0, 1], 14, 10) == -1 and sign_at_ratio([-1, 1], 2, 2) == 0
    # x ↦ (x² − 2) at 1 + 2x: 4x² + 4x − 1.
    assert composed([F(-2), F(0), F(1)], F(1), F(2)) == [F(-1), F(4), F(4)]
