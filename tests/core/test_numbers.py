from decimal import Decimal
from fractions import Fraction

import pytest

from bounds import hang_guard
from sovgame.core.numbers import fmt, fmt_short, to_fraction


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


@pytest.mark.parametrize(
    "text, expected",
    [
        (".5", Fraction(1, 2)),
        ("3.", Fraction(3)),
        ("+.5", Fraction(1, 2)),
        ("0005", Fraction(5)),
        ("-2.50e1", Fraction(-25)),
        (" 4 / 6 ", Fraction(2, 3)),
        ("1e-99", Fraction(1, 10**99)),
        ("9" * 100, Fraction(10**100 - 1)),
        ("5e-100", Fraction(1, 2 * 10**99)),  # 1/(2·10^99): a 100-digit denominator
    ],
)
def test_numbers_up_to_the_limits_are_read_exactly(text, expected):
    assert to_fraction(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        "1e999999999",
        "-1e999999999",
        "1e-999999999",
        "1e100",  # 101 digits
        "3e-100",  # denominator 10^100 / ... keeps 101 digits
        "9" * 101,
        "1." + "0" * 150,  # written with too many digits, whatever its value
        "1/" + "7" * 101,
        "1" * 5000,
        Decimal("1e999999999"),
        Decimal("-1e-999999999"),
        10**100,
        Fraction(1, 10**100),
        1e300,
    ],
)
def test_numbers_past_the_limits_are_refused_at_once_naming_the_limit(value):
    # Refused from the text: building 10**999999999 first would run for minutes (the guard
    # fails the test once it returns).
    with hang_guard(), pytest.raises(ValueError, match="100 (significant )?digits"):
        to_fraction(value)


@pytest.mark.parametrize("text", ["٣", "１", "1_000", "3/-4", "0x10", "1e", "e5", "--1", "1/2/3"])
def test_only_plain_ascii_numbers_are_numbers(text):
    # Python's own parsers accept Unicode digits and underscores; a game file's numbers do not.
    with pytest.raises(ValueError, match="not a number"):
        to_fraction(text)


def test_short_display_of_numbers_past_the_float_range():
    assert fmt_short(Fraction(10**400)) == "1.000E+400"
    assert fmt_short(Fraction(3, 10**400)) == "3.000E-400"


def test_integers_past_pythons_string_limit_are_written_in_full():
    # str() refuses integers of more than 4,300 digits; exact arithmetic on numbers within
    # the file limits can reach that size, and fmt must still write every digit.
    from decimal import Decimal

    from sovgame.core.numbers import fmt, integer_text

    big = 7**6000  # 5,071 digits
    digits = integer_text(big)
    assert len(digits) == 5071 and Decimal(digits) == Decimal(big)  # int() of text has the same limit
    assert fmt(Fraction(-big, 3)) == f"-{digits}/3"


def test_json_numbers_stay_numbers_every_reader_takes():
    from sovgame.core.numbers import json_number

    assert json_number(Fraction(12)) == 12 and json_number(Fraction(1, 4)) == 0.25
    assert json_number(Fraction(10**400)) is None  # past floats; the exact text holds it
    assert json_number(Fraction(1, 10**400)) == 0.0
