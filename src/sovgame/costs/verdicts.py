"""The verdict scale: where the cost levels at which a criterion holds lie against today's
costs (κ = 1: the costs as the file states them) and the top of the plausible range
(``[analysis] plausible_kappa``; docs/models.md, "Verdicts against today").

For S the set of κ ≥ 0 on which a criterion holds and ``top`` the top of the plausible range:

- ``holds_today``: 1 ∈ S;
- ``reachable``: 1 ∉ S, but S meets (1, top];
- ``beyond``: S meets (max(1, top), ∞) and neither of the above;
- ``lapsed``: S ≠ ∅ lies inside [0, 1): it held only at lower costs than today's;
- ``never``: S = ∅.

A set of several pieces is read from today upward, and the piece that decides its verdict
(:func:`deciding_piece`) is the one holding κ = 1, else the first meeting (1, top], else the
first above both, else the last one below today; its end is the ``upper`` of a threshold.

The scale is decided exactly. Rational endpoints are compared as fractions; an irrational
endpoint (a :class:`~sovgame.core.roots.Root`) is the only root of its polynomial in an
isolating interval, so one exact evaluation of that polynomial at the rational tells on which
side the root lies (it is never equal: the root is irrational). No float decides a verdict, and
no verdict is left unsettled for want of precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from fractions import Fraction

from ..core import intervals
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
    where = (
        f" and the top of the plausible range (estimates of today's costs), κ = {fmt(top)}" if top is not None else ""
    )
    return f"verdicts against today's costs, κ = 1{where} (the glossary, --glossary, says what each word means)"


def verdict_scale_json() -> dict[str, str]:
    """The verdict words and their meanings, as the JSON outputs carry them once."""
    return {v.value: MEANINGS[v] for v in Verdict}


# --- exact comparisons --------------------------------------------------------------------------


def compare(point: Endpoint, q: Fraction) -> int:
    """−1, 0 or 1 as ``point`` is below, equal to or above the rational q, exactly."""
    return intervals.compare(point, q)


def contains(interval: Interval, q: Fraction) -> bool:
    """Whether the rational q lies in ``interval``, exactly."""
    return interval.contains(q)


def meets(interval: Interval, a: Fraction, b: Fraction | None) -> bool:
    """Whether ``interval`` meets (a, b] (b None: (a, ∞)), exactly; assumes a < b.

    A non-empty interval meets it iff it reaches above a and starts at or below b.
    """
    reaches = interval.hi is None or compare(interval.hi, a) > 0
    if b is None:
        return reaches
    start = compare(interval.lo, b)
    return reaches and (start < 0 or (start == 0 and interval.lo_closed))


def verdict_for(intervals: Sequence[Interval], plausible: tuple[Fraction, Fraction]) -> Verdict:
    """The verdict of the set ``intervals`` against κ = 1 and the top of ``plausible``
    (module docstring), decided exactly."""
    return deciding_piece(intervals, plausible)[0]


def deciding_piece(
    intervals: Sequence[Interval], plausible: tuple[Fraction, Fraction]
) -> tuple[Verdict, Interval | None]:
    """The verdict of the set ``intervals`` and the piece that decides it, read from today
    upward: the piece holding κ = 1 (``holds_today``), else the first piece meeting (1, top]
    (``reachable``), else the first meeting (max(1, top), ∞) (``beyond``), else the last
    piece, the one nearest below today (``lapsed``); None for the empty set (``never``)."""
    if not intervals:
        return Verdict.NEVER, None
    top = plausible[1]
    for piece in intervals:
        if contains(piece, TODAY):
            return Verdict.HOLDS_TODAY, piece
    if top > TODAY:
        for piece in intervals:
            if meets(piece, TODAY, top):
                return Verdict.REACHABLE, piece
    for piece in intervals:
        if meets(piece, max(TODAY, top), None):
            return Verdict.BEYOND, piece
    return Verdict.LAPSED, intervals[-1]


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
        return f"holds {where}; whether that includes today's costs (κ = 1) or the top ({top}) is not settled"
    return {
        Verdict.HOLDS_TODAY: f"holds {where}, so already at today's costs (κ = 1)",
        Verdict.REACHABLE: f"holds {where}: not at today's costs (κ = 1), but within the plausible range up to {top}",
        Verdict.BEYOND: f"holds only {where}, beyond the top of the plausible range ({top})",
        Verdict.NEVER: "holds at no cost level",
        Verdict.LAPSED: f"holds only {where}: below today's costs (κ = 1), not at them",
    }[verdict]
