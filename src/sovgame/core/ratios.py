"""Thresholds as exact functions of one number: ratios of two linear functions.

Payoffs are linear in the cost level κ and in a success probability q, so a trust threshold
p*(κ) = (P − S)/((R − T) + (P − S)) and a cost threshold κ(q) = a(q)/b(q) are ratios
(n0 + n1·x)/(d0 + d1·x) with exact rational coefficients (docs/models.md, "Types and trust",
"Capacity (a chance move)"). :class:`Ratio` evaluates one and writes it with integer
coefficients: ``(4 − κ)/(2κ)``, ``4/(1 + 2q)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .numbers import fmt


@dataclass(frozen=True)
class Ratio:
    """(n0 + n1·x) / (d0 + d1·x)."""

    n0: Fraction
    n1: Fraction
    d0: Fraction
    d1: Fraction

    def at(self, x: Fraction) -> Fraction:
        """The value at x (the denominator must not vanish there)."""
        return (self.n0 + self.n1 * x) / (self.d0 + self.d1 * x)

    def complement(self) -> Ratio:
        """1 − this ratio."""
        return Ratio(self.d0 - self.n0, self.d1 - self.n1, self.d0, self.d1)

    def text(self, var: str = "κ") -> str:
        """ "(4 − κ)/(2κ)": integer coefficients without a common factor, the denominator's
        leading sign positive; a constant denominator divides the numerator out."""
        coefs = [self.n0, self.n1, self.d0, self.d1]
        scale = math.lcm(*(c.denominator for c in coefs))
        ints = [int(c * scale) for c in coefs]
        common = math.gcd(*ints) or 1
        n0, n1, d0, d1 = (c // common for c in ints)
        if n0 == d0 == 0:  # a common factor x
            n0, d0 = n1, d1
            n1 = d1 = 0
        if (d1 or d0) < 0:
            n0, n1, d0, d1 = -n0, -n1, -d0, -d1
        if d1 == 0:
            return linear_text(Fraction(n0, d0), Fraction(n1, d0), var)
        num, den = linear_text(Fraction(n0), Fraction(n1), var), linear_text(Fraction(d0), Fraction(d1), var)
        return f"{_wrap(num)}/{_wrap(den)}"


def _wrap(text: str) -> str:
    """Parentheses around a sum or a product with the variable."""
    return text if text.lstrip("−").replace("/", "").isdigit() else f"({text})"


def _number(c: Fraction) -> str:
    return fmt(c).replace("-", "−")


def linear_text(c0: Fraction, c1: Fraction, var: str = "κ") -> str:
    """c0 + c1·var in words: "4 − κ", "2κ", "3κ − 4", "1/4 + q/2", "3/2"."""

    def term(c: Fraction) -> str:
        """|c|·var."""
        c = abs(c)
        if c == 1:
            return var
        if c.numerator == 1:
            return f"{var}/{c.denominator}"
        return f"{_number(c)}{var}" if c.denominator == 1 else f"({_number(c)}){var}"

    if c1 == 0:
        return _number(c0)
    if c0 == 0:
        return ("−" if c1 < 0 else "") + term(c1)
    if c0 < 0 < c1:
        return f"{term(c1)} − {_number(-c0)}"
    return f"{_number(c0)} {'−' if c1 < 0 else '+'} {term(c1)}"
