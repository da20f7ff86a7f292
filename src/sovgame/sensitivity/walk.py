"""Walking a track outward from the file's value: the exact interval of one number over which
a verdict (or a claim's grade) stays the same, and what lies just beyond each end.

The candidate values of the number (a track's events, :mod:`sovgame.sensitivity.tracks`) cut its
range into points and open gaps on which nothing changes. The walk reads the track exactly at
each rational point and at one rational inside each gap, starting from the file's value and
moving out on each side until the state changes:

- a point that reads differently ends the interval there, open;
- a gap that reads differently ends it at the point before, closed;
- an irrational point cannot be read: when the gaps on both sides agree it is passed (and
  listed as ``unsettled``), otherwise it is the end, with its closedness not settled.

Where a track's reading needed the exact solver (larger games, :mod:`sovgame.sensitivity.unique_tracks`)
the candidates are refined once with the track's extra events and the walk starts over.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol

from ..core.roots import Number, Root, compare, less
from .parameters import Parameter
from .tracks import Formula, Reading


class Track(Protocol):
    """What the walk needs of a track."""

    @property
    def subject(self) -> str:
        """The criterion or ``claim:<id>`` followed."""
        ...

    @property
    def complete(self) -> bool:
        """Whether the events are proved to hold every value where the state changes."""
        ...

    def read(self, p: Fraction) -> Reading:
        """The state exactly at the rational value ``p`` of the number."""
        ...

    def events(self) -> list[Number]:
        """The values of the number where the state can change."""
        ...

    def depends(self) -> bool:
        """Whether the number enters the state at all."""
        ...


@dataclass(frozen=True)
class Bracket:
    """Where a change of state lies when only bisection located it (the exact solver read the
    states, no polynomial gives the place): somewhere in (lo, hi), not proved to be a single
    number. Placed and shown by its midpoint (:func:`placed`), never as an exact value."""

    lo: Fraction
    hi: Fraction

    def __float__(self) -> float:
        return float((self.lo + self.hi) / 2)

    def __str__(self) -> str:
        return f"≈{float(self):.6g}"


def placed(x: Number | Bracket) -> Number:
    """A number as it is, a :class:`Bracket` as its midpoint: the place used to order them."""
    return (x.lo + x.hi) / 2 if isinstance(x, Bracket) else x


@dataclass(frozen=True)
class End:
    """One end of the interval that keeps the state: where (None: unbounded; a
    :class:`Bracket` when bisection located it), whether it belongs to the interval (None: an
    irrational end, not settled), the state just beyond it (None at an end of the range the
    file allows, or at infinity)."""

    at: Number | Bracket | None
    closed: bool | None
    beyond: Hashable | None
    change: bool


@dataclass(frozen=True)
class Piece:
    """The threshold's formula on a stretch of the number (ends as in :class:`End`)."""

    lo: Number | None
    lo_closed: bool
    hi: Number | None
    hi_closed: bool
    formula: Formula


@dataclass(frozen=True)
class Walked:
    """What a walk found: the state at the file's value and its reading, both ends, the
    formula's pieces inside, irrational points passed without a reading, and whether the
    candidates are proved complete."""

    reading: Reading
    lower: End
    upper: End
    pieces: tuple[Piece, ...]
    unsettled: tuple[Number, ...]
    complete: bool
    solver: bool


def _upper(x: Number) -> Fraction:
    return x if isinstance(x, Fraction) else x.hi


def _lower(x: Number) -> Fraction:
    return x if isinstance(x, Fraction) else x.lo


def candidate_points(events: list[Number], parameter: Parameter) -> list[Number]:
    """The distinct events strictly inside the allowed range, sorted, with brackets of
    irrational ones narrowed until no bracket holds another point."""
    inside = [
        e
        for e in events
        if (parameter.lowest is None or less(parameter.lowest, e))
        and (parameter.highest is None or less(e, parameter.highest))
    ]
    ordered = sorted(inside, key=functools.cmp_to_key(compare))
    points: list[Number] = []
    for e in ordered:
        if points and compare(points[-1], e) == 0:
            continue
        points.append(e)
    for k in range(len(points) - 1):
        a, b = points[k], points[k + 1]
        while _upper(a) >= _lower(b):  # distinct numbers: their intervals part
            if isinstance(a, Root):
                a = points[k] = a.refined((a.hi - a.lo) / 4)
            if isinstance(b, Root):
                b = points[k + 1] = b.refined((b.hi - b.lo) / 4)
    # The ends of the range are points too: a gap next to one is read between it and the
    # bracket, so the bracket must stay clear of it (else the gap is read on or beyond the end).
    if points and parameter.lowest is not None:
        points[0] = _clear_of(points[0], parameter.lowest, above=True)
    if points and parameter.highest is not None:
        points[-1] = _clear_of(points[-1], parameter.highest, above=False)
    return points


def _clear_of(x: Number, end: Fraction, above: bool) -> Number:
    """``x`` (strictly above ``end`` if ``above``, else below) with its bracket narrowed until
    it no longer reaches ``end``."""
    while isinstance(x, Root) and (x.lo <= end if above else x.hi >= end):
        x = x.refined((x.hi - x.lo) / 4)
    return x


class _Elements:
    """Points and open gaps of the allowed range, in order, read lazily."""

    def __init__(self, points: list[Number], parameter: Parameter, read: Callable[[Fraction], Reading]):
        self.read_at = read
        self.items: list[tuple[str, Number | None, Number | None]] = []
        lo, hi = parameter.lowest, parameter.highest
        allp: list[Number] = ([lo] if lo is not None else []) + points + ([hi] if hi is not None else [])
        if lo is None:
            self.items.append(("gap", None, allp[0] if allp else None))
        for k, x in enumerate(allp):
            self.items.append(("point", x, x))
            if k + 1 < len(allp):
                self.items.append(("gap", x, allp[k + 1]))
            elif hi is None:
                self.items.append(("gap", x, None))
        self.cache: dict[int, Reading | None] = {}
        self.value = parameter.value

    def locate(self, v: Fraction) -> int:
        """The element holding v."""
        for k, (kind, lo, hi) in enumerate(self.items):
            if kind == "point" and lo is not None and compare(lo, v) == 0:
                return k
            if kind == "gap" and (lo is None or less(lo, v)) and (hi is None or less(v, hi)):
                return k
        raise AssertionError("the file's value lies outside the range it allows")

    def sample(self, k: int) -> Fraction | None:
        """The rational at which element k is read (None: an irrational point)."""
        kind, lo, hi = self.items[k]
        if kind == "point":
            return lo if isinstance(lo, Fraction) else None
        if (lo is None or less(lo, self.value)) and (hi is None or less(self.value, hi)):
            return self.value
        if lo is None:
            assert hi is not None
            return _lower(hi) - max(Fraction(1), abs(_lower(hi)))
        if hi is None:
            return _upper(lo) + max(Fraction(1), abs(_upper(lo)))
        return (_upper(lo) + _lower(hi)) / 2

    def reading(self, k: int) -> Reading | None:
        """Element k's reading (None: an irrational point)."""
        if k not in self.cache:
            x = self.sample(k)
            self.cache[k] = None if x is None else self.read_at(x)
        return self.cache[k]


def walk(track: Track, parameter: Parameter) -> Walked:
    """The interval around the file's value on which ``track``'s state stays the same."""
    points = candidate_points(track.events(), parameter)
    result = _walk_points(track, parameter, points)
    refine = getattr(track, "refine", None)
    if result.solver and refine is not None:
        points = candidate_points(track.events() + refine(), parameter)
        result = _walk_points(track, parameter, points)
    return result


def _walk_points(track: Track, parameter: Parameter, points: list[Number]) -> Walked:
    elements = _Elements(points, parameter, track.read)
    start = elements.locate(parameter.value)
    here = elements.reading(start)
    assert here is not None
    ends, unsettled, visited = [], [], [start]
    for step in (1, -1):
        end, passed, seen = _side(elements, start, here.state, step)
        ends.append(end)
        unsettled += passed
        visited += seen
    visited.sort()
    readings = [elements.cache.get(k) for k in visited]
    solver = any(r is not None and r.solver for r in readings)
    pieces = _pieces(elements, visited)
    return Walked(here, ends[1], ends[0], pieces, tuple(unsettled), track.complete and not solver, solver)


def _side(elements: _Elements, start: int, state: Any, step: int) -> tuple[End, list[Number], list[int]]:
    """Walk from ``start`` in direction ``step`` until the state changes."""
    k, passed, seen = start, [], []
    items = elements.items
    while 0 <= k + step < len(items):
        k += step
        kind, lo, hi = items[k]
        reading = elements.reading(k)
        if reading is None:  # an irrational point: decided by the gap beyond it
            assert lo is not None
            beyond = elements.reading(k + step) if 0 <= k + step < len(items) else None
            if beyond is not None and beyond.state == state:
                passed.append(lo)
                seen.append(k)
                continue
            return End(lo, None, None if beyond is None else beyond.state, beyond is not None), passed, seen
        if reading.state != state:
            if kind == "point":
                end = End(lo, False, reading.state, True)
            else:
                end = End(items[k - step][1], True, reading.state, True)
            if reading.solver or (elements.reading(k - step) or reading).solver:
                end = _confirm(elements, end, state, elements.sample(k - step), elements.sample(k), step)
            return end, passed, seen
        seen.append(k)
    kind, lo, hi = items[k]
    at = (hi if step > 0 else lo) if kind == "gap" else lo
    return End(at, True if at is not None else False, None, False), passed, seen


#: Bisection steps that narrow an end the exact solver found elsewhere than a candidate.
CONFIRM_STEPS = 30


def _confirm(
    elements: _Elements, end: End, state: Any, inner: Fraction | None, outer: Fraction | None, step: int
) -> End:
    """An end found where the exact solver decided (the candidates may miss a change there):
    read the state just inside and just outside it. When both agree with the end, keep it (with
    the state read just outside as the one beyond); otherwise the change lies elsewhere between
    the last sample with the state (``inner``) and the first without it (``outer``): bisect
    with exact readings to a narrow bracket, its closedness not settled."""
    if inner is None or outer is None or not isinstance(end.at, Fraction):
        return end
    delta = abs(outer - inner) / 2**20
    at = end.at
    x_in, x_out = (at, at + step * delta) if end.closed else (at - step * delta, at)
    read = elements.read_at
    outside = read(x_out).state
    if read(x_in).state == state and outside != state:
        return End(at, end.closed, outside, True)
    lo, hi = inner, outer
    for _ in range(CONFIRM_STEPS):
        mid = (lo + hi) / 2
        if read(mid).state == state:
            lo = mid
        else:
            hi = mid
    bracket = Bracket(min(lo, hi), max(lo, hi))
    return End(bracket, None, read(hi).state, True)


def _pieces(elements: _Elements, visited: list[int]) -> tuple[Piece, ...]:
    """Consecutive elements with the same formula, joined."""
    pieces: list[Piece] = []
    for k in visited:
        reading = elements.cache.get(k)
        if reading is None:
            continue
        kind, lo, hi = elements.items[k]
        closed = kind == "point"
        if pieces and pieces[-1].formula == reading.formula:
            last = pieces[-1]
            pieces[-1] = Piece(last.lo, last.lo_closed, hi, closed, last.formula)
            continue
        pieces.append(Piece(lo, closed, hi, closed, reading.formula))
    return tuple(pieces)


@dataclass(frozen=True)
class Change:
    """Where a track's state changes inside a range: at ``at`` (open on the side whose state
    differs from the point's), from ``before`` (just below) to ``after`` (just above)."""

    at: Number
    before: Hashable | None
    point: Hashable | None  # the state at the point itself (None: irrational, not read)
    after: Hashable | None


def scan_range(
    track: Track, parameter: Parameter, lo: Fraction, hi: Fraction
) -> tuple[list[Change], tuple[Piece, ...]]:
    """Every change of ``track``'s state for the number in [lo, hi], and the pieces of its
    formula there, by reading every element of the range."""
    inside = [e for e in track.events() if less(lo, e) and less(e, hi)]
    bounded = Parameter(parameter.kind, parameter.key, parameter.label, lo, lowest=lo, highest=hi)
    points = candidate_points(inside, bounded)
    elements = _Elements(points, bounded, track.read)
    readings = [elements.reading(k) for k in range(len(elements.items))]
    changes = []
    for k, (kind, at, _) in enumerate(elements.items):
        if kind != "point" or at is None:
            continue
        before = readings[k - 1].state if k > 0 and readings[k - 1] is not None else None  # type: ignore[union-attr]
        after = readings[k + 1].state if k + 1 < len(readings) and readings[k + 1] is not None else None  # type: ignore[union-attr]
        here = readings[k]
        state = None if here is None else here.state
        if k == 0:
            before = state
        if k + 1 == len(readings):
            after = state
        if here is None and before != after or here is not None and not before == state == after:
            changes.append(Change(at, before, state, after))
    return changes, _pieces(elements, list(range(len(elements.items))))
