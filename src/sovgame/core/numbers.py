"""Exact numbers: reading payoffs as fractions and writing them back for people and JSON.

Payoffs and cost weights stay :class:`fractions.Fraction` from the file to every threshold and
equilibrium check; floats appear only for display and in the float pre-pass of the solver.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational


def to_fraction(value: object) -> Fraction:
    """Return ``value`` as an exact fraction.

    Accepts integers, :class:`decimal.Decimal` (TOML decimals are read as such, so ``0.1``
    stays one tenth), fractions, and strings holding an integer, a decimal or a fraction
    such as ``"2/3"``. Raises :class:`ValueError` with a short reason otherwise (booleans,
    NaN, infinities, other text).
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, Rational):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite number")
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        # A float given by a program (not a file): take the decimal it prints as, which is
        # what its author meant by 0.1.
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(
                f'{value!r} is not a number (write 3, 1.5 or a fraction in quotes such as "2/3")'
            ) from None
        return number
    raise ValueError(f"{value!r} is not a number")


def fmt(value: Fraction | int | None) -> str:
    """Write an exact number as sovgame prints it: ``"4/3"``, ``"-2"``, ``"inf"`` for None."""
    if value is None:
        return "inf"
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def fmt_short(value: Fraction | int | None, digits: int = 4) -> str:
    """A compact display form: exact when short (``4/3``), else a rounded decimal."""
    if value is None:
        return "∞"
    text = fmt(value)
    if len(text) <= 7:
        return text
    return f"{float(value):.{digits}g}"


def json_number(value: Fraction | int) -> float | int:
    """A JSON number for an exact value: an int when integral, else the nearest float."""
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else float(value)
