"""Real algebraic numbers in a number field (sovgame.core.algebraic): exact arithmetic, signs,
comparisons across fields and their text."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.core.algebraic import NumberField, exact_text, polynomial_text
from sovgame.core.roots import Root, nonnegative_roots


def field_of(poly: tuple[int, ...]) -> NumberField:
    """Q(α) for the largest real root α ≥ 0 of an irreducible polynomial."""
    roots = [r for r, _ in nonnegative_roots(poly) if isinstance(r, Root)]
    return NumberField(roots[-1])


def test_sqrt_two_arithmetic_is_exact():
    sqrt2 = field_of((-2, 0, 1)).generator()  # √2
    assert sqrt2 * sqrt2 == 2 and isinstance(sqrt2 * sqrt2, F)
    assert (1 + sqrt2) * (sqrt2 - 1) == 1
    assert 1 / sqrt2 == sqrt2 / 2
    assert (1 + sqrt2) ** 2 == 3 + 2 * sqrt2
    # 1.4142 < √2 < 1.4143, and signs near it: √2 − 1.41421356 > 0, √2 − 1.41421357 < 0.
    assert F(14142, 10000) < sqrt2 < F(14143, 10000)
    assert sqrt2 - F(141421356, 10**8) > 0 and sqrt2 - F(141421357, 10**8) < 0
    assert abs(float(sqrt2) - 2**0.5) < 1e-15
    assert str(sqrt2) == "√2" and str(1 - sqrt2) == "1 − √2" and str(sqrt2 / 3) == "1/3·√2"


def test_numbers_of_different_fields_compare_by_their_own_polynomials():
    # √2 in Q(√2) and in Q(2^(1/4)) (as α² for α = 2^(1/4)): the same number, equal and hashed alike.
    sqrt2 = field_of((-2, 0, 1)).generator()
    fourth = field_of((-2, 0, 0, 0, 1)).generator()
    also = fourth * fourth
    assert also == sqrt2 and hash(also) == hash(sqrt2)
    assert also.minimal_polynomial == (-2, 0, 1)
    assert fourth < sqrt2 and sqrt2 > fourth  # 2^(1/4) ≈ 1.189 < √2 ≈ 1.414


def test_a_cubic_number_is_written_by_its_polynomial_and_an_isolating_interval():
    # x³ − 2 has one real root, 2^(1/3) ≈ 1.2599.
    cube = field_of((-2, 0, 0, 1)).generator()
    assert str(cube).startswith("root of x³ − 2 in [")
    lo, hi = (F(x) for x in str(cube).split("[")[1].rstrip("]").split(", "))
    assert lo < cube < hi and lo**3 < 2 < hi**3
    # Its square 2^(2/3) has minimal polynomial x³ − 4.
    assert (cube * cube).minimal_polynomial == (-4, 0, 0, 1)
    assert exact_text(-cube).startswith("root of x³ + 2 in [-")


@settings(max_examples=40, deadline=None)
@given(st.fractions(-5, 5, max_denominator=7), st.fractions(-5, 5, max_denominator=7).filter(bool))
def test_a_plus_b_sqrt_5_matches_its_float_and_its_sign(a, b):
    sqrt5 = field_of((-5, 0, 1)).generator()
    x = a + b * sqrt5
    assert abs(float(x) - (float(a) + float(b) * 5**0.5)) < 1e-12
    # Sign by hand: a + b√5 > 0 ⇔ b√5 > −a, decided by squares with the signs of a and b.
    positive = (a >= 0 and b > 0) or (a > 0 and b < 0 and a * a > 5 * b * b) or (a < 0 and b > 0 and 5 * b * b > a * a)
    assert (x > 0) == positive and (x < 0) == (not positive)


def test_polynomial_text():
    assert polynomial_text((1, -6, 0, 4)) == "4x³ − 6x + 1"
    assert polynomial_text((-2, 0, 1)) == "x² − 2"
    assert polynomial_text((0, -1)) == "-x"
