"""The verdict scale: where the cost levels at which a criterion holds lie against today's
costs (κ = 1: the costs as the file states them) and the top of the plausible range
(``[analysis] plausible_kappa``; docs/models.md, "Verdicts against today").

For S the set of κ ≥ 0 on which a criterion holds and ``top`` the top of the plausible range:

- ``holds_today``: 1 ∈ S;
- ``reachable``: 1 ∉ S, but S meets (1, top];
- ``beyond``: S meets (max(1, top), ∞) and neither of the above;
- ``lapsed``: S ≠ ∅ lies inside [0, 1): it held only at lower costs than today's;
- ``never``: S = ∅.

The scale is decided exactly. Rational endpoints are compared as fractions; an irrational
endpoint (a :class:`~sovgame.core.intervals.Root`) is compared with a rational through its
isolating bracket, which never contains the rational unless the bracket is too wide. Then a
root known in closed form a + b·√r is compared exactly (the sign of a − q + b·√r from
squares); any other root leaves the comparison, and so the verdict, not settled (None). No
float decides a verdict.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from enum import StrEnum
from fractions import Fraction

from ..core.intervals import Endpoint, Interval, exact_text
from ..core.numbers import fmt

#: Today's cost level: the costs as the file states them.
TODAY = Fraction(1)


class Verdict(StrEnum):
    """Where a criterion's set of κ lies against today's costs and the plausible top."""

    HOLDS_TODAY = "holds_today"  # holds at κ = 1
    REACHABLE = "reachable"  # not at κ = 1, but at some κ in (1, top]
    BEYOND = "beyond"  # only above the top (and above today)
    NEVER = "never"  # at no cost level
    LAPSED = "lapsed"  # only below today's costs

    @property
    def words(self) -> str:
        """The verdict as tables print it: "holds today"."""
        return self.value.replace("_", " ")


#: The verdicts in order, as their words (the order of the robustness tables and codes).
VERDICTS = tuple(Verdict)

#: What each verdict means, as every output that shows verdicts says once.
MEANINGS = {
    Verdict.HOLDS_TODAY: "holds at today's costs (κ = 1)",
    Verdict.REACHABLE: "not at today's costs, but at a higher κ within the plausible range",
    Verdict.BEYOND: "only at κ above the top of the plausible range",
    Verdict.NEVER: "at no cost level",
    Verdict.LAPSED: "held only at lower costs than today's (κ < 1)",
}


def verdict_legend(top: Fraction | None = None) -> str:
    """One line saying what the verdicts compare with (the top of the plausible range if
    given); the glossary that ends every table and report says what each word means."""
    where = f" and the top of the plausible range, κ = {fmt(top)}" if top is not None else ""
    return f"verdicts against today's costs, κ = 1{where} (the glossary says what each word means)"


def verdict_scale_json() -> dict[str, str]:
    """The verdict words and their meanings, as the JSON outputs carry them once."""
    return {v.value: MEANINGS[v] for v in Verdict}


# --- exact comparisons --------------------------------------------------------------------------

_NUMBER = r"\d+(?:/\d+)?"
_SURD = re.compile(
    rf"^(?:(?P<a>-?{_NUMBER}) (?P<sign>[+−]) |(?P<neg>-)?)(?:(?P<coef>{_NUMBER})·)?"
    rf"√(?:\((?P<rp>{_NUMBER})\)|(?P<r>\d+))$"
)


def surd_of(point: Endpoint) -> tuple[Fraction, Fraction, Fraction] | None:
    """(a, b, r) with point = a + b·√r, read from a root's closed form (as written by
    ``Root.of_surd``) and checked against its bracket; None when there is none."""
    if isinstance(point, Fraction) or point.closed_form is None:
        return None
    match = _SURD.match(point.closed_form)
    if match is None:
        return None
    a = Fraction(match["a"]) if match["a"] else Fraction(0)
    b = Fraction(match["coef"]) if match["coef"] else Fraction(1)
    if match["sign"] == "−" or match["neg"]:
        b = -b
    r = Fraction(match["rp"] or match["r"])
    # A misread closed form must not decide anything: it has to lie inside the bracket.
    if r <= 0 or not float(point.lo) - 1e-9 <= float(a) + float(b) * math.sqrt(r) <= float(point.hi) + 1e-9:
        return None
    return a, b, r


def _surd_sign(d: Fraction, b: Fraction, r: Fraction) -> int:
    """The sign of d + b·√r for b ≠ 0 and r not a rational square: never 0."""
    bigger = b * b * r > d * d  # |b·√r| > |d|
    if b > 0:
        return 1 if d >= 0 or bigger else -1
    return -1 if d <= 0 or bigger else 1


def compare(point: Endpoint, q: Fraction) -> int | None:
    """−1, 0 or 1 as ``point`` is below, equal to or above the rational q; None when it
    cannot be settled (q inside the bracket of a root without a closed form).

    An irrational root never equals a rational, and its bracket (lo, hi) holds it strictly.
    """
    if isinstance(point, Fraction):
        return (point > q) - (point < q)
    if q <= point.lo:
        return 1
    if q >= point.hi:
        return -1
    surd = surd_of(point)
    if surd is None:
        return None
    a, b, r = surd
    return _surd_sign(a - q, b, r)


def _all(values: Sequence[bool | None]) -> bool | None:
    """Three-valued and: False if any is False, else None if any is None, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _any(values: Sequence[bool | None]) -> bool | None:
    """Three-valued or: True if any is True, else None if any is None, else False."""
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def contains(interval: Interval, q: Fraction) -> bool | None:
    """Whether the rational q lies in ``interval``, exactly (None: not settled)."""
    lo = compare(interval.lo, q)
    above = None if lo is None else (lo < 0 or (lo == 0 and interval.lo_closed))
    if interval.hi is None:
        return above
    hi = compare(interval.hi, q)
    below = None if hi is None else (hi > 0 or (hi == 0 and interval.hi_closed))
    return _all([above, below])


def meets(interval: Interval, a: Fraction, b: Fraction | None) -> bool | None:
    """Whether ``interval`` meets (a, b] (b None: (a, ∞)), exactly; assumes a < b.

    A non-empty interval meets it iff it reaches above a and starts at or below b.
    """
    hi = None if interval.hi is None else compare(interval.hi, a)
    reaches = True if interval.hi is None else (None if hi is None else hi > 0)
    if b is None:
        return reaches
    lo = compare(interval.lo, b)
    starts = None if lo is None else (lo < 0 or (lo == 0 and interval.lo_closed))
    return _all([reaches, starts])


def verdict_for(intervals: Sequence[Interval], plausible: tuple[Fraction, Fraction]) -> Verdict | None:
    """The verdict of the set ``intervals`` against κ = 1 and the top of ``plausible``
    (module docstring); None when an irrational endpoint is too close to 1 or to the top
    to settle it."""
    if not intervals:
        return Verdict.NEVER
    top = plausible[1]
    today = _any([contains(i, TODAY) for i in intervals])
    if today is not False:
        return Verdict.HOLDS_TODAY if today else None
    if top > TODAY:
        reachable = _any([meets(i, TODAY, top) for i in intervals])
        if reachable is not False:
            return Verdict.REACHABLE if reachable else None
    beyond = _any([meets(i, max(TODAY, top), None) for i in intervals])
    if beyond is None:
        return None
    return Verdict.BEYOND if beyond else Verdict.LAPSED


# --- words --------------------------------------------------------------------------------------


def range_text(plausible: tuple[Fraction, Fraction]) -> str:
    """ "[0, 2]": the plausible range as sovgame prints it."""
    return f"[{fmt(plausible[0])}, {fmt(plausible[1])}]"


def set_text(intervals: Sequence[Interval]) -> str:
    """A set of κ in words: "from κ = 4/3", "above κ = 4", "at every κ", "for κ in [0, 1)"."""
    if len(intervals) == 1 and intervals[0].hi is None:
        first = intervals[0]
        if first.lo == 0 and first.lo_closed:
            return "at every κ"
        return f"{'from' if first.lo_closed else 'above'} κ = {exact_text(first.lo)}"
    return "for κ in " + " ∪ ".join(str(i) for i in intervals)


def verdict_phrase(verdict: Verdict | None, intervals: Sequence[Interval], plausible: tuple[Fraction, Fraction]) -> str:
    """The verdict in words with the set it rests on, e.g. "holds above κ = 4, beyond the
    top of the plausible range (2)"."""
    where = set_text(intervals)
    top = fmt(plausible[1])
    if verdict is None:
        return (
            f"holds {where}; whether that includes today's costs (κ = 1) or the top ({top}) is not settled: "
            "an irrational breakpoint lies too close to tell"
        )
    return {
        Verdict.HOLDS_TODAY: f"holds {where}, so already at today's costs (κ = 1)",
        Verdict.REACHABLE: f"holds {where}: not at today's costs (κ = 1), but within the plausible range up to {top}",
        Verdict.BEYOND: f"holds only {where}, beyond the top of the plausible range ({top})",
        Verdict.NEVER: "holds at no cost level",
        Verdict.LAPSED: f"holds only {where}: below today's costs (κ = 1), not at them",
    }[verdict]
