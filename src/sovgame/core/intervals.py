"""Sets of cost levels κ ≥ 0 as unions of intervals, found exactly by scanning breakpoints.

Every criterion sovgame reports (a profile is an equilibrium, is the only one, is risk
dominant, compromise is sustainable in the repeated game) changes only at known breakpoints
in κ. Between two consecutive breakpoints the criterion is constant, so testing one rational
point inside each gap, and each rational breakpoint itself, gives the exact set. Breakpoints
that are irrational (roots of a quadratic, or of a polynomial from a mixed equilibrium) are
:class:`Root` objects: exact when a closed form is known (``1 + √2``), otherwise an isolating
bracket of rationals, which sovgame reports as a bracket and never as a value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from .numbers import fmt


@dataclass(frozen=True)
class Root:
    """An irrational breakpoint: ``a + b·√r`` when known in closed form, and always a
    rational bracket ``(lo, hi)`` around it."""

    lo: Fraction
    hi: Fraction
    closed_form: str | None = None
    approx: float = 0.0

    def __float__(self) -> float:
        return self.approx

    def __str__(self) -> str:
        return self.closed_form or f"≈{self.approx:.6g}"

    @staticmethod
    def of_surd(a: Fraction, b: Fraction, r: Fraction) -> Root:
        """The number a + b·√r (r > 0 not a rational square), bracketed to 1e-12."""
        approx = float(a) + float(b) * math.sqrt(float(r))
        lo, hi = _bracket_surd(a, b, r, approx)
        sign = "+" if b > 0 else "−"
        coef = "" if abs(b) == 1 else f"{fmt(abs(b))}·"
        root = f"√{fmt(r)}" if r.denominator == 1 else f"√({fmt(r)})"
        text = f"{fmt(a)} {sign} {coef}{root}" if a != 0 else f"{'-' if b < 0 else ''}{coef}{root}"
        return Root(lo, hi, text, approx)


Endpoint = Fraction | Root


def value_float(point: Endpoint | None) -> float | None:
    """The breakpoint as a float for JSON (a Root by its approximation); None stays None."""
    return None if point is None else float(point)


def exact_text(point: Endpoint | None) -> str:
    """ "4/3", "1 + √2", "≈0.4142" or "inf" (None)."""
    if point is None:
        return "inf"
    return fmt(point) if isinstance(point, Fraction) else str(point)


def _bracket_surd(a: Fraction, b: Fraction, r: Fraction, approx: float) -> tuple[Fraction, Fraction]:
    """Rationals lo < a + b√r < hi, 1e-12 apart: compare (x − a)² with b²r exactly."""

    def below(x: Fraction) -> bool:
        """x < a + b√r, decided exactly."""
        d = x - a
        if b > 0:
            return d < 0 or d * d < b * b * r
        return d < 0 and d * d > b * b * r

    eps = Fraction(1, 10**12)
    lo = Fraction(approx).limit_denominator(10**15) - eps
    hi = lo + 2 * eps
    while not below(lo):
        lo -= eps
    while below(hi):
        hi += eps
    return lo, hi


@dataclass(frozen=True)
class Interval:
    """``lo``..``hi`` (None: unbounded above), each end open or closed."""

    lo: Endpoint
    lo_closed: bool
    hi: Endpoint | None
    hi_closed: bool = False

    def contains(self, kappa: Fraction) -> bool:
        """Whether the rational κ lies in the interval (a Root end is compared through its bracket)."""
        lo = _as_fraction(self.lo, kappa)
        above = kappa >= lo if self.lo_closed else kappa > lo
        if not above:
            return False
        if self.hi is None:
            return True
        hi = _as_fraction(self.hi, kappa)
        return kappa <= hi if self.hi_closed else kappa < hi

    def __str__(self) -> str:
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        hi = "∞" if self.hi is None else exact_text(self.hi)
        return f"{left}{exact_text(self.lo)}, {hi}{right}"

    def to_json(self) -> dict[str, str | bool | None]:
        """``{"lo": "4/3", "lo_closed": true, "hi": null, "hi_closed": false}``: ends as exact text."""
        return {
            "lo": exact_text(self.lo),
            "lo_closed": self.lo_closed,
            "hi": None if self.hi is None else exact_text(self.hi),
            "hi_closed": self.hi_closed,
        }


def _as_fraction(point: Endpoint, near: Fraction) -> Fraction:
    """Compare with a Root through its bracket (κ never falls inside a 1e-12 bracket)."""
    if isinstance(point, Fraction):
        return point
    return point.lo if near < point.lo else point.hi


def sort_points(points: Iterable[Endpoint]) -> list[Endpoint]:
    """Distinct breakpoints ≥ 0 in increasing order, 0 always included."""
    unique: dict[Fraction | tuple[Fraction, Fraction], Endpoint] = {}
    for p in points:
        if float(p) >= 0 or (isinstance(p, Fraction) and p >= 0):
            unique[p if isinstance(p, Fraction) else (p.lo, p.hi)] = p
    unique[Fraction(0)] = Fraction(0)
    return sorted(unique.values(), key=lambda p: (float(p), 0 if isinstance(p, Fraction) else 1))


def between(a: Endpoint, b: Endpoint | None) -> Fraction:
    """A rational strictly between two breakpoints (or beyond the last one)."""
    lo = a if isinstance(a, Fraction) else a.hi
    if b is None:
        return lo + max(Fraction(1), abs(lo))
    hi = b if isinstance(b, Fraction) else b.lo
    return (lo + hi) / 2


def scan(points: Iterable[Endpoint], holds: Callable[[Fraction], bool]) -> list[Interval]:
    """The exact set of κ ≥ 0 where ``holds`` is true, given that it can change only at
    ``points``. Irrational points cannot be tested; they belong to the set only when both
    neighbouring gaps do (the criteria here are strict inequalities at such roots)."""
    pts = sort_points(points)
    # Elements in order: point 0, gap 0, point 1, gap 1, ... last gap (to infinity).
    states: list[tuple[str, Endpoint, Endpoint | None, bool | None]] = []
    for index, p in enumerate(pts):
        nxt = pts[index + 1] if index + 1 < len(pts) else None
        states.append(("point", p, p, holds(p) if isinstance(p, Fraction) else None))
        states.append(("gap", p, nxt, holds(between(p, nxt))))
    for index, (kind, lo, hi, value) in enumerate(states):
        if value is None:  # irrational point: decided by its neighbours
            states[index] = (kind, lo, hi, bool(states[index - 1][3] and states[index + 1][3]))
    intervals: list[Interval] = []
    start = None
    for index, (kind, lo, _hi, value) in enumerate(states):
        if value and start is None:
            start = (lo, kind == "point")
        if start is not None and (not value or index == len(states) - 1):
            if not value:
                prev_kind, prev_lo, prev_hi, _ = states[index - 1]
                end, closed = (prev_lo, True) if prev_kind == "point" else (prev_hi, False)
            else:
                end, closed = None, False
            intervals.append(Interval(start[0], start[1], end, closed))
            start = None
    return intervals
