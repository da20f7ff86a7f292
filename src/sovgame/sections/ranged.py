"""Numbers a section states with a declared range: the file's value and, under ``KEY_range``,
the values the record allows (``prevail = 0.5`` with ``prevail_range = [0.4, 0.7]``).

The value is what every analysis uses; the range is what the analyses follow one number at a
time (:mod:`sovgame.play.ranges`). A number with no figure behind it is declared as an
assumption with a range, so a reader sees how far it is pinned down.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.numbers import fmt
from .checker import Checker, describe_value, join_key


@dataclass(frozen=True)
class Ranged:
    """A number of the file and the range it declares for it (None: no range declared)."""

    value: Fraction
    range: tuple[Fraction, Fraction] | None = None


@dataclass(frozen=True)
class Bounds:
    """What a number may be: lo..hi (None: unbounded), each end open or closed."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    def admits(self, x: Fraction) -> bool:
        """Whether x lies within the bounds."""
        low = self.lo is None or (x > self.lo if self.lo_open else x >= self.lo)
        return low and (self.hi is None or (x < self.hi if self.hi_open else x <= self.hi))

    def text(self, name: str) -> str:
        """ "0 <= p <= 1"."""
        left = "" if self.lo is None else f"{fmt(self.lo)} {'<' if self.lo_open else '<='} "
        right = "" if self.hi is None else f" {'<' if self.hi_open else '<='} {fmt(self.hi)}"
        return f"{left}{name}{right}"


PROBABILITY = Bounds(Fraction(0), Fraction(1))
NON_NEGATIVE = Bounds(Fraction(0), None)
ANY = Bounds(None, None)


def bounded_number(check: Checker, raw: Any, key: str, bounds: Bounds) -> Fraction | None:
    """One number within ``bounds``; a problem under ``key`` otherwise."""
    value = check.number(raw, key)
    if value is not None and not bounds.admits(value):
        check.add(key, f"is {fmt(value)}; it must satisfy {bounds.text(key.rsplit('.', 1)[-1])}")
        return None
    return value


def read_range(check: Checker, raw: Any, key: str, value: Fraction, bounds: Bounds) -> tuple[Fraction, Fraction] | None:
    """``[lo, hi]`` within ``bounds`` with lo <= value <= hi."""
    pair = check.numbers(raw, key, 2, "the lowest and the highest value the record allows")
    if pair is None:
        return None
    lo, hi = pair
    if not (bounds.admits(lo) and bounds.admits(hi)):
        check.add(key, f"[{fmt(lo)}, {fmt(hi)}] must lie within {bounds.text('value')}")
        return None
    if not lo <= value <= hi:
        check.add(key, f"[{fmt(lo)}, {fmt(hi)}] must contain the stated value {fmt(value)}")
        return None
    return lo, hi


def read_ranged(
    check: Checker, table: dict, name: str, prefix: str, bounds: Bounds, required: bool = False
) -> Ranged | None:
    """``name`` (within ``bounds``) and its optional ``name_range``."""
    key = join_key(prefix, name)
    if name not in table:
        if required:
            check.add(key, f"missing; a number with {bounds.text(name)}")
        elif f"{name}_range" in table:
            check.add(key, f"missing; {name}_range needs the value {name} it surrounds")
        return None
    value = bounded_number(check, table[name], key, bounds)
    if value is None:
        return None
    span = table.get(f"{name}_range")
    declared = None if span is None else read_range(check, span, f"{key}_range", value, bounds)
    if span is not None and declared is None:
        return None
    return Ranged(value, declared)


def read_named(
    check: Checker, table: dict, name: str, prefix: str, bounds: Bounds, required: bool = True
) -> dict[str, Ranged] | None:
    """``name = { a = x, b = y }`` with its optional ``name_range = { a = [lo, hi] }``: one
    ranged number per name (names checked by the caller)."""
    key = join_key(prefix, name)
    raw = table.get(name)
    if raw is None:
        if required:
            check.add(key, "missing; a table of name = number")
        return None
    if not isinstance(raw, dict) or not raw:
        check.add(key, f"must be a non-empty table of name = number, not {describe_value(raw)}")
        return None
    spans = table.get(f"{name}_range", {})
    if not isinstance(spans, dict):
        check.add(f"{key}_range", f"must be a table of name = [lo, hi], not {describe_value(spans)}")
        return None
    for extra in spans:
        if extra not in raw:
            check.add(join_key(f"{key}_range", extra), f"{extra!r} has no value in {name}")
    out: dict[str, Ranged] = {}
    for entry, number in raw.items():
        value = bounded_number(check, number, join_key(key, entry), bounds)
        if value is None:
            continue
        span = spans.get(entry)
        declared = None if span is None else read_range(check, span, join_key(f"{key}_range", entry), value, bounds)
        if span is None or declared is not None:
            out[entry] = Ranged(value, declared)
    return out if len(out) == len(raw) else None
