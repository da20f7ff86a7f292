"""Sets of cost levels κ ≥ 0 as unions of intervals, found exactly by scanning breakpoints.

Every criterion sovgame reports (a profile is an equilibrium, is the only one, is risk
dominant, compromise is sustainable in the repeated game) changes only at known breakpoints
in κ. Between two consecutive breakpoints the criterion is constant, so testing one rational
point inside each gap, and each rational breakpoint itself, gives the exact set. Breakpoints
that are irrational (roots of a quadratic, or of a polynomial from a mixed equilibrium) are
:class:`~sovgame.core.roots.Root` numbers: certified isolating intervals, compared exactly
with rationals and with each other (:func:`compare`), and shown by their closed form
(``1 + √2``) or as a decimal marked ≈, never as an exact value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from . import roots
from .numbers import fmt
from .roots import Root

__all__ = ["Endpoint", "Interval", "Root", "between", "compare", "exact_text", "scan", "sort_points", "value_float"]

Endpoint = Fraction | Root


def value_float(point: Endpoint | None) -> float | None:
    """The breakpoint as a float for JSON (a Root by its approximation); None stays None."""
    return None if point is None else float(point)


def exact_text(point: Endpoint | None) -> str:
    """ "4/3", "1 + √2", "≈0.4142" or "inf" (None)."""
    if point is None:
        return "inf"
    return fmt(point) if isinstance(point, Fraction) else str(point)


def compare(x: Endpoint | None, y: Endpoint | None) -> int:
    """−1, 0 or 1 as x <, =, > y, exactly; None stands for +∞ (an unbounded end)."""
    if x is None or y is None:
        return (x is None) - (y is None)
    return roots.compare(x, y)


@dataclass(frozen=True)
class Interval:
    """``lo``..``hi`` (None: unbounded above), each end open or closed."""

    lo: Endpoint
    lo_closed: bool
    hi: Endpoint | None
    hi_closed: bool = False

    def contains(self, kappa: Fraction) -> bool:
        """Whether the rational κ lies in the interval, decided exactly (Root ends too)."""
        lo = compare(kappa, self.lo)
        if lo < 0 or (lo == 0 and not self.lo_closed):
            return False
        hi = compare(kappa, self.hi)
        return hi < 0 or (hi == 0 and self.hi_closed)

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


def sort_points(points: Iterable[Endpoint]) -> list[Endpoint]:
    """Distinct breakpoints ≥ 0 in increasing order, 0 always included, decided exactly: the
    same number found twice (a root of two polynomials) is kept once, as its narrowest form
    (:meth:`Root.narrowed`: canonical and tight, as reports show it)."""
    unique: dict[Endpoint, Endpoint] = {Fraction(0): Fraction(0)}
    for p in points:
        if isinstance(p, Root):
            if p.compare(0) > 0 and p not in unique:  # equal roots hash alike (by their cell)
                unique[p] = p.narrowed()
        elif p >= 0:
            unique.setdefault(Fraction(p), Fraction(p))
    return sorted(unique.values(), key=functools.cmp_to_key(compare))


def between(a: Endpoint, b: Endpoint | None) -> Fraction:
    """A rational strictly between two breakpoints a < b (b None: one beyond a), found by
    refining root intervals until they part."""
    if b is None:
        top = a if isinstance(a, Fraction) else a.hi
        return top + max(Fraction(1), abs(top))
    if compare(a, b) >= 0:
        raise ValueError(f"between() needs a < b, got {exact_text(a)} and {exact_text(b)}")
    while True:
        lo = a if isinstance(a, Fraction) else a.hi
        hi = b if isinstance(b, Fraction) else b.lo
        if lo < hi:
            return (lo + hi) / 2
        if isinstance(a, Root) and (isinstance(b, Fraction) or a.hi - a.lo >= b.hi - b.lo):
            a = a.bisected()
        else:
            assert isinstance(b, Root)
            b = b.bisected()


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
