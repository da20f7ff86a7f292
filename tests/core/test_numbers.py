from decimal import Decimal
from fractions import Fraction

import pytest

from sovgame.core.numbers import fmt, to_fraction


@pytest.mark.parametrize(
    "value, expected",
    [
        (3, Fraction(3)),
        (Decimal("0.1"), Fraction(1, 10)),
        ("2/3", Fraction(2, 3)),
        ("-1.5", Fraction(-3, 2)),
        (Fraction(5, 7), Fraction(5, 7)),
        (0.1, Fraction(1, 10)),
    ],
)
def test_to_fraction_keeps_numbers_exact(value, expected):
    assert to_fraction(value) == expected


@pytest.mark.parametrize("value", [True, Decimal("NaN"), Decimal("Infinity"), "abc", "1/0", float("inf"), None, [1]])
def test_to_fraction_rejects_non_numbers(value):
    with pytest.raises(ValueError):
        to_fraction(value)


def test_fmt():
    assert fmt(Fraction(4, 3)) == "4/3"
    assert fmt(Fraction(-2)) == "-2"
    assert fmt(None) == "inf"
