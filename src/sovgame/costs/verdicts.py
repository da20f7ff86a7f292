"""The verdict scale: where the cost levels at which a criterion holds lie against the
plausible range of κ that the file states (``[analysis] plausible_kappa``).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from fractions import Fraction

from ..core.intervals import Endpoint, Interval, exact_text
from ..core.numbers import fmt


class Verdict(StrEnum):
    """Where a criterion's set of κ lies against the plausible range [lo, hi]."""

    MET = "met"  # holds at the bottom of the plausible range
    REACHABLE = "reachable"  # holds somewhere within it
    BEYOND = "beyond"  # holds only above it
    NEVER = "never"  # holds at no cost level


#: The verdicts in order, as their words (the order of the robustness tables and codes).
VERDICTS = tuple(Verdict)


def verdict_for(intervals: Sequence[Interval], plausible: tuple[Fraction, Fraction]) -> Verdict:
    """met / reachable / beyond / never against the plausible range [lo, hi]."""
    lo, hi = plausible
    if not intervals:
        return Verdict.NEVER
    if any(i.contains(lo) for i in intervals):
        return Verdict.MET
    for interval in intervals:
        start = float(interval.lo)
        if start < float(hi) or (start == float(hi) and interval.lo_closed):
            if interval.hi is None or float(interval.hi) > float(lo):
                return Verdict.REACHABLE
    if any(float(i.lo) >= float(hi) for i in intervals):
        return Verdict.BEYOND
    return Verdict.NEVER


def range_text(plausible: tuple[Fraction, Fraction]) -> str:
    """ "[0, 2]": the plausible range as sovgame prints it."""
    return f"[{fmt(plausible[0])}, {fmt(plausible[1])}]"


def verdict_phrase(
    verdict: Verdict, value: Endpoint | None, attained: bool, plausible: tuple[Fraction, Fraction]
) -> str:
    """The verdict in words, e.g. "holds above κ = 4, beyond the plausible range [0, 2]"."""
    at = f"{'at' if attained else 'above'} κ = {exact_text(value)}"
    return {
        Verdict.MET: f"holds already at κ = {fmt(plausible[0])}",
        Verdict.REACHABLE: f"holds {at}, within the plausible range {range_text(plausible)}",
        Verdict.BEYOND: f"holds only {at}, beyond the plausible range {range_text(plausible)}",
        Verdict.NEVER: "holds at no cost level",
    }[verdict]
