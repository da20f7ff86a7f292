"""What a set of κ means against today's costs and the plausible range: the second pass.

:mod:`sovgame.costs.sets` finds where each criterion holds; :func:`assess` reads such a set
against today's costs (κ = 1) and the plausible range, once, and gives the
:class:`Threshold` every view shows: the verdict (:mod:`sovgame.costs.verdicts`), the
sentence that says why (:mod:`sovgame.costs.reasons`), and the summary fields — where the set
starts (``value``), whether it holds there (``attained``), where the piece that decides the
verdict ends (``upper``), the binding player and each player's own start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.intervals import Endpoint, Interval, exact_text, value_float
from ..core.numbers import fmt
from .reasons import deviation_reason, dominance_reason, risk_dominance_reason, sustained_reason, unique_reason
from .sets import ComparisonSet, Criterion, CriterionSet, RiskDominanceSet, SustainedSet, UniqueSet
from .verdicts import Verdict, deciding_piece, verdict_for, verdict_phrase


@dataclass(frozen=True)
class Threshold:
    """Where one criterion holds over κ ≥ 0, and what that means for the claim."""

    criterion: str
    intervals: tuple[Interval, ...]
    verdict: Verdict | None  # None: not settled exactly (see :func:`verdict_of`)
    reason: str
    value: Endpoint | None = None  # smallest κ from which it holds (None: never)
    attained: bool = False
    upper: Endpoint | None = None  # where the piece that decides the verdict ends (None: unbounded or empty)
    bracket: tuple[Fraction, Fraction] | None = None
    binding: str | None = None
    per_player: dict[str, Endpoint | None] | None = None
    defined: bool = True
    notes: tuple[str, ...] = ()


def summarize(intervals: Sequence[Interval], plausible: tuple[Fraction, Fraction]) -> dict:
    """The fields of a :class:`Threshold` that a set of κ gives: where it starts (``value``,
    the least κ of the set), whether it holds there (``attained``) and where the piece that
    decides the verdict ends (``upper``; :func:`sovgame.costs.verdicts.deciding_piece`)."""
    if not intervals:
        return {"value": None, "attained": False, "upper": None}
    first = intervals[0]
    piece = deciding_piece(intervals, plausible)[1]
    return {"value": first.lo, "attained": first.lo_closed, "upper": None if piece is None else piece.hi}


def assess(found: CriterionSet, plausible: tuple[Fraction, Fraction]) -> Threshold:
    """The threshold of one criterion's set against today's costs and ``plausible``: its
    verdict, its reason and its summary fields, all read here."""
    verdict = verdict_of(found, plausible)
    binding, per_player = None, None
    if isinstance(found, ComparisonSet):
        names = [p.name for p in found.game.players]
        binding = None if found.binds is None else names[found.binds]
        per_player = {names[p.player]: p.start for p in found.players}
    return Threshold(
        str(found.criterion),
        found.intervals,
        verdict,
        reason_of(found, verdict, plausible),
        bracket=found.bracket if isinstance(found, UniqueSet) else None,
        binding=binding,
        per_player=per_player,
        defined=found.defined,
        notes=found.notes,
        **summarize(found.intervals, plausible),
    )


def verdict_of(found: CriterionSet, plausible: tuple[Fraction, Fraction]) -> Verdict | None:
    """The verdict of the set (:func:`sovgame.costs.verdicts.verdict_for`), or None when it is
    not settled: a start known only to lie in a bracket settles the verdict only if both ends
    of the bracket give the same one."""
    undecided = found.undecided if isinstance(found, UniqueSet) else None
    if undecided is None:
        return verdict_for(found.intervals, plausible)
    earliest = verdict_for([Interval(undecided[0], True, None)], plausible)
    latest = verdict_for([Interval(undecided[1], False, None)], plausible)
    return earliest if earliest == latest else None


def reason_of(found: CriterionSet, verdict: Verdict | None, plausible: tuple[Fraction, Fraction]) -> str:
    """The sentence that says why the set is where it is, with its verdict in words."""
    phrase = verdict_phrase(verdict, found.intervals, plausible)
    if isinstance(found, ComparisonSet):
        if found.held is not None:
            return phrase
        return (
            dominance_reason(found, phrase)
            if found.criterion == Criterion.DOMINANT
            else deviation_reason(found, phrase)
        )
    if isinstance(found, RiskDominanceSet):
        return risk_dominance_reason(found, phrase)
    if isinstance(found, UniqueSet):
        if found.not_even_nash is not None:
            nash = reason_of(found.not_even_nash, Verdict.NEVER, plausible)
            return f"the target is never even an equilibrium: {nash}"
        return unique_reason(found, phrase, deciding_piece(found.intervals, plausible)[1])
    if isinstance(found, SustainedSet):
        return sustained_reason(found, phrase)
    return phrase


def threshold_to_json(t: Threshold) -> dict[str, Any]:
    """One threshold: value (float and exact), upper end, bracket, binding player, intervals, verdict, reason."""
    return {
        "value": value_float(t.value),
        "exact": exact_text(t.value) if t.value is not None else "inf",
        "attained": t.attained,
        "upper": value_float(t.upper),
        "upper_exact": None if t.upper is None else exact_text(t.upper),
        "bracket": None if t.bracket is None else [float(t.bracket[0]), float(t.bracket[1])],
        "bracket_exact": None if t.bracket is None else [fmt(t.bracket[0]), fmt(t.bracket[1])],
        "binding": t.binding,
        "per_player": None if t.per_player is None else {k: exact_text(v) for k, v in t.per_player.items()},
        "intervals": [i.to_json() for i in t.intervals],
        "defined": t.defined,
        "verdict": t.verdict if t.defined else None,
        "settled": t.verdict is not None or not t.defined,
        "reason": t.reason,
        "notes": list(t.notes),
    }
