"""Exact numbers: reading payoffs as fractions and writing them back for people.

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
                f"{value!r} is not a number (write 3, 1.5 or a fraction in quotes such as \"2/3\")"
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


def solve_linear(A: list[list[Fraction]], b: list[Fraction]) -> tuple[list[Fraction], int] | None:
    """Solve A x = b exactly by Gauss–Jordan elimination (any shape).

    Returns (x, rank) with free variables set to 0, or None when the system is inconsistent.
    A rank below the number of unknowns means the solution is not unique.
    """
    rows = [[Fraction(v) for v in row] + [Fraction(r)] for row, r in zip(A, b)]
    n = len(A[0]) if A else 0
    pivots: list[int] = []
    rank = 0
    for col in range(n):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [v / lead for v in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * c for a, c in zip(rows[r], rows[rank])]
        pivots.append(col)
        rank += 1
    if any(rows[r][n] != 0 for r in range(rank, len(rows))):
        return None
    x = [Fraction(0)] * n
    for r, col in enumerate(pivots):
        x[col] = rows[r][n]
    return x, rank
