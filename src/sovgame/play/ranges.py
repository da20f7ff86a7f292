"""A conclusion followed along one declared range at a time (the other numbers as stated).

Each conclusion of the spoiler and bargaining models is the sign of a few *margins* that are
affine in any one number of the file (a margin is written with its denominators cleared,
e.g. π·a₁·(1 − h) − h·(1 − π)·a₀ for "one attack moves the belief past h"). So along one
number x the conclusion can change only where a margin is zero, at x = −m(0)/(m(1) − m(0));
testing the conclusion at those points and between them gives the exact set of x in the
declared range where it holds. Affinity is checked at a third point, exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.intervals import Interval
from ..core.numbers import fmt
from ..sections.ranged import Ranged

Margin = Callable[[Fraction], Fraction]


@dataclass(frozen=True)
class Followed:
    """One number of the file followed over its declared range: where the conclusion holds
    (``holds``, within the range), whether it holds at the file's value, and the values in
    the range where it changes."""

    name: str
    value: Fraction
    range: tuple[Fraction, Fraction]
    holds: tuple[Interval, ...]
    at_value: bool
    changes: tuple[Fraction, ...]

    @property
    def throughout(self) -> bool | None:
        """True: holds over the whole range; False: nowhere in it; None: it changes."""
        if self.changes:
            return None
        return self.at_value


def affine_root(margin: Margin) -> Fraction | None:
    """The x where the affine ``margin`` is zero (None: it is constant), checked exactly."""
    m0, m1 = margin(Fraction(0)), margin(Fraction(1))
    if margin(Fraction(2)) != 2 * m1 - m0:
        raise ValueError("a margin that is not affine in the number followed")
    if m1 == m0:
        return None
    return -m0 / (m1 - m0)


def follow(name: str, ranged: Ranged, holds: Callable[[Fraction], bool], margins: Sequence[Margin]) -> Followed:
    """The set of x in ``ranged.range`` where ``holds(x)``, which can change only where one of
    ``margins`` is zero (module docstring)."""
    assert ranged.range is not None
    lo, hi = ranged.range
    roots = {r for m in margins if (r := affine_root(m)) is not None and lo < r < hi}
    points = sorted({lo, hi} | roots)
    # Alternating points and the open gaps between them, each with whether the conclusion holds.
    states: list[tuple[Fraction, Fraction, bool]] = []
    for index, p in enumerate(points):
        states.append((p, p, holds(p)))
        if index + 1 < len(points):
            q = points[index + 1]
            states.append((p, q, holds((p + q) / 2)))
    intervals: list[Interval] = []
    changes: list[Fraction] = []
    start: tuple[Fraction, bool] | None = None
    for index, (a, b, value) in enumerate(states):
        point = a == b
        if index and value != states[index - 1][2]:
            changes.append(a if point else states[index - 1][1])
        if value and start is None:
            start = (a, point)
        if start is not None and (not value or index == len(states) - 1):
            if value:
                intervals.append(Interval(start[0], start[1], b, True))
            else:
                prev_a, prev_b, _ = states[index - 1]
                end, closed = (prev_a, True) if prev_a == prev_b else (prev_b, False)
                intervals.append(Interval(start[0], start[1], end, closed))
            start = None
    return Followed(name, ranged.value, (lo, hi), tuple(intervals), holds(ranged.value), tuple(dict.fromkeys(changes)))


def with_value(ranged: Ranged, x: Fraction) -> Ranged:
    """``ranged`` with the value x (its declared range kept)."""
    return Ranged(x, ranged.range)


def followed_to_json(f: Followed) -> dict[str, Any]:
    """One number followed over its range."""
    return {
        "number": f.name,
        "value": fmt(f.value),
        "range": [fmt(f.range[0]), fmt(f.range[1])],
        "at_value": f.at_value,
        "throughout": f.throughout,
        "holds": [i.to_json() for i in f.holds],
        "changes": [fmt(c) for c in f.changes],
    }
