"""Exact numbers: reading payoffs as fractions and writing them back for people and JSON.

Payoffs and cost weights stay :class:`fractions.Fraction` from the file to every threshold and
equilibrium check; floats appear only for display and in the float pre-pass of the solver.

Every number sovgame reads — a payoff, a weight or a range in a game file (TOML integers,
decimals and quoted fractions), a number in a ``.nfg`` file, a ``--set`` value, ``--kappa``
and the other numeric options — goes through :func:`to_fraction`, which enforces the limits
below *before* a :class:`~fractions.Fraction` is built from the text. Without them a payoff
written ``"1e999999999"`` would make Python build an integer of a billion digits.

Limits: the exact value's numerator and denominator have at most :data:`MAX_DIGITS` (100)
digits each, so ``|x| < 1e100`` and a decimal has at most 99 places (``1e-99`` is the
smallest power of ten); a number is written with at most 100 significant digits. Numbers are
written with the ASCII digits 0-9: ``3``, ``-1.5``, ``.5``, ``2.``, ``1e-3``, ``2/3``.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Protocol


class Irrational(Protocol):
    """An exact irrational number that writes itself (``str``) and has a nearest float: an
    :class:`~sovgame.core.algebraic.Algebraic` or a :class:`~sovgame.core.roots.Root`."""

    def __float__(self) -> float: ...


#: The most digits the numerator and the denominator of a number may each have.
MAX_DIGITS = 100
#: Numerators and denominators must stay below this.
_BOUND = 10**MAX_DIGITS
#: An exponent beyond this is refused before anything is computed from it; within it, the
#: fraction built before the exact check has at most a few hundred digits.
_MAX_EXPONENT = 2 * MAX_DIGITS + 10

# Written numbers, ASCII digits only (Python's own parsers accept any Unicode digit).
_DECIMAL = re.compile(r"([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?", re.ASCII)
_RATIO = re.compile(r"([+-]?)(\d+)\s*/\s*(\d+)", re.ASCII)

LIMITS_TEXT = (
    f"numerator and denominator of at most {MAX_DIGITS} digits each (|x| < 1e{MAX_DIGITS}, "
    f"at most {MAX_DIGITS - 1} decimal places)"
)


def _shown(text: str) -> str:
    """A number as a message quotes it: long text is shortened in the middle."""
    return repr(text if len(text) <= 40 else f"{text[:24]}…{text[-10:]}")


def _out_of_range(text: str, quoted: bool = True) -> ValueError:
    return ValueError(f"{_shown(text) if quoted else text} is outside the numbers sovgame reads: {LIMITS_TEXT}")


def _within_limits(value: Fraction, text: str) -> Fraction:
    if abs(value.numerator) >= _BOUND or value.denominator >= _BOUND:
        raise _out_of_range(text)
    return value


def _digits_and_exponent(digits: str, exponent: int, text: str) -> Fraction:
    """``int(digits) · 10**exponent``, refused before it is built when it cannot fit."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        raise ValueError(f"{_shown(text)} has more than {MAX_DIGITS} significant digits")
    if digits != "0" and not -_MAX_EXPONENT <= exponent <= _MAX_EXPONENT:
        raise _out_of_range(text)
    if digits == "0":
        return Fraction(0)
    scale = 10 ** abs(exponent)
    value = Fraction(int(digits) * scale) if exponent >= 0 else Fraction(int(digits), scale)
    return _within_limits(value, text)


def number_from_text(text: str) -> Fraction:
    """The exact value of a number written as text, within the limits (module docstring).

    Accepts integers, decimals with an optional exponent (``-1.5``, ``.5``, ``2.``,
    ``1e-3``) and fractions ``n/d``, with ASCII digits and surrounding spaces. Raises
    :class:`ValueError` with a message for people otherwise.
    """
    stripped = text.strip()
    if len(stripped) > 3 * MAX_DIGITS:
        raise ValueError(f"{_shown(stripped)} is too long for a number ({LIMITS_TEXT})")
    ratio = _RATIO.fullmatch(stripped)
    if ratio:
        sign, top, bottom = ratio.groups()
        numerator, denominator = (_digits_and_exponent(part, 0, stripped) for part in (top, bottom))
        if denominator == 0:
            raise ValueError(f"{_shown(stripped)[1:-1]} divides by zero; it is not a number")
        value = numerator / denominator * (-1 if sign == "-" else 1)
        return _within_limits(value, stripped)
    decimal = _DECIMAL.fullmatch(stripped)
    if not decimal:
        raise ValueError(f'{_shown(text)} is not a number (write 3, 1.5 or a fraction such as "2/3")')
    sign, whole, places, only_places, exponent_text = decimal.groups()
    whole, places = (whole or ""), (places if places is not None else only_places or "")
    exponent = 0
    if exponent_text:
        magnitude = exponent_text.lstrip("+-").lstrip("0") or "0"
        if len(magnitude) > 6:
            exponent = _MAX_EXPONENT + 1 if not exponent_text.startswith("-") else -_MAX_EXPONENT - 1
        else:
            exponent = int(exponent_text)
    value = _digits_and_exponent(whole + places, exponent - len(places), stripped)
    return -value if sign == "-" else value


def to_fraction(value: object) -> Fraction:
    """Return ``value`` as an exact fraction, within sovgame's number limits.

    Accepts integers, :class:`decimal.Decimal` (TOML decimals are read as such, so ``0.1``
    stays one tenth), fractions, and strings holding an integer, a decimal or a fraction
    such as ``"2/3"`` (:func:`number_from_text`). Raises :class:`ValueError` with a short
    reason otherwise (booleans, NaN, infinities, other text, numbers past the limits).
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, int):
        if abs(value) >= _BOUND:
            raise _out_of_range(f"an integer of {len(str(abs(value)))} digits", quoted=False)
        return Fraction(value)
    if isinstance(value, Rational):
        value = Fraction(value)
        if abs(value.numerator) >= _BOUND or value.denominator >= _BOUND:
            raise _out_of_range(f"a fraction of more than {MAX_DIGITS} digits", quoted=False)
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite number")
        sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite
        result = _digits_and_exponent("".join(map(str, digits)), exponent, str(value))
        return -result if sign else result
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        # A float given by a program (not a file): take the decimal it prints as, which is
        # what its author meant by 0.1.
        return number_from_text(repr(value))
    if isinstance(value, str):
        return number_from_text(value)
    raise ValueError(f"{value!r} is not a number")


def fmt(value: Fraction | int | Irrational | None) -> str:
    """Write an exact number as sovgame prints it: ``"4/3"``, ``"-2"``, ``"inf"`` for None; an
    irrational :class:`~sovgame.core.algebraic.Algebraic` by its own text (``"1/2 + 1/6·√3"``)."""
    if value is None:
        return "inf"
    if not isinstance(value, (Fraction, int)):
        return str(value)
    value = Fraction(value)
    if value.denominator == 1:
        return integer_text(value.numerator)
    return f"{integer_text(value.numerator)}/{integer_text(value.denominator)}"


def integer_text(n: int) -> str:
    """The decimal digits of ``n``, however many: Python refuses ``str`` of an integer of
    more than 4,300 digits (a guard against slow conversions of untrusted text), and exact
    arithmetic on numbers within the file limits can reach that size (a discriminant of
    products of 100-digit fractions); :class:`decimal.Decimal` converts without the limit."""
    if n.bit_length() < 14_000:  # about 4,200 digits: within the limit
        return str(n)
    return str(Decimal(n))


def fmt_short(value: Fraction | int | Irrational | None, digits: int = 4) -> str:
    """A compact display form: exact when short (``4/3``), else a rounded decimal."""
    if value is None:
        return "∞"
    text = fmt(value)
    if len(text) <= 7:
        return text
    try:
        approx = float(value)
    except OverflowError:
        approx = 0.0
    if approx == 0.0 and value != 0 and isinstance(value, (Fraction, int)):  # past the float range: decimal
        value = Fraction(value)
        return f"{Decimal(value.numerator) / Decimal(value.denominator):.{digits - 1}E}"
    return f"{approx:.{digits}g}"


def json_number(value: Fraction | int) -> float | int | None:
    """A JSON number for an exact value: an int when integral (and short enough for every
    JSON reader), else the nearest float; None past the range of floats (the exact text
    beside it in the JSON holds the value)."""
    value = Fraction(value)
    if value.denominator == 1 and value.numerator.bit_length() <= 1000:
        return value.numerator
    try:
        return float(value)
    except OverflowError:
        return None
