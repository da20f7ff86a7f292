"""The main job: everything an analyst needs about one game in one result.

:func:`analyze` solves the game without costs (κ = 0), at today's costs (κ = 1) and at the top
of the plausible range, computes every threshold for the compromise profile with its verdict
against today (docs/models.md, "Verdicts against today"), grades the claims the file states
(:mod:`sovgame.claims.scorecard`) and writes a conclusion. The conclusion speaks of the file's
thresholds and of its own claims only: a claim the file does not state is never graded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..claims.scorecard import Grade, Scorecard, grade_claims
from ..core.case import Case, as_case
from ..core.intervals import exact_text
from ..core.model import Game
from ..costs.thresholds import Threshold, ThresholdReport, compute_thresholds
from ..costs.verdicts import TODAY, Verdict, range_text, set_text
from ..sensitivity.one_number import Entry, deciding_within_limit
from ..solvers.equilibria import Solution, solve
from .lenses import lens_sentences
from .moves import move_sentences


@dataclass(frozen=True)
class Analysis:
    """Everything ``sovgame analyze`` shows about one game: equilibria at κ = 0, today and the
    top, thresholds, the conclusion, the scorecard of the file's claims, and the two or three numbers
    of the file that decide the verdicts (:func:`sovgame.sensitivity.one_number.deciding`; None, with
    the reason in ``deciding_left_out``, when finding them would pass the work limit)."""

    case: Case
    at_zero: Solution  # κ = 0: payoffs as ranked, costs not counted
    today: Solution | None  # κ = 1: today's costs (None when the game has no costs: as at κ = 0)
    at_top: Solution | None  # the top of the plausible range, when it differs from 0 and 1
    thresholds: ThresholdReport | None  # None when no player names a compromise strategy
    conclusion: tuple[str, ...]
    scorecard: Scorecard | None = None  # None when the file states no claims
    deciding: tuple[Entry, ...] | None = ()  # the numbers whose change turns a verdict soonest
    deciding_left_out: str | None = None  # why ``deciding`` is None: its work passed the limit

    @property
    def game(self) -> Game:
        """The game analysed."""
        return self.case.game


def analyze(game: Game | Case, plausible: Sequence | None = None) -> Analysis:
    """Solve the game at κ = 0, today (κ = 1) and the top of its plausible range; thresholds;
    the scorecard of the file's claims; the conclusion; the numbers that decide the verdicts.

    A Case brings its plausible range (``plausible`` overrides it), notes, sections and
    claims; a bare Game has none of these (the plausible range is then ``plausible`` or [0, 1]).
    """
    case = as_case(game, plausible)
    game = case.game
    at_zero = solve(game, 0)
    report = compute_thresholds(case) if game.compromise_profile is not None else None
    today = solve(game, TODAY) if game.costs else None
    top = case.plausible[1]
    at_top = solve(game, top) if game.costs and top not in (0, TODAY) else None
    scorecard = grade_claims(case, report)
    conclusion = tuple(conclude(report, today, scorecard, [*move_sentences(case), *lens_sentences(case)]))
    decided, left_out = deciding_within_limit(case, scorecard=scorecard)  # last: it may be left out
    return Analysis(case, at_zero, today, at_top, report, conclusion, scorecard, decided, left_out)


def conclude(
    report: ThresholdReport | None,
    today: Solution | None,
    scorecard: Scorecard | None = None,
    moves: Sequence[str] = (),
) -> list[str]:
    """Plain sentences on the thresholds, each backed by a threshold and its verdict, then
    what the file's move order, capacity and types change (``moves``), then on the file's
    own claims (none when it states none)."""
    lines = []
    if today is not None:
        lines.append(_today_sentence(today))
    if report is None:
        lines.append(
            "No player names a compromise strategy, so there is no threshold to test; "
            'add `compromise = "..."` to each [[players]] table.'
        )
    else:
        nash, unique = report.thresholds["nash"], report.thresholds["unique"]
        lines.append(_equilibrium_sentence(report, nash))
        if nash.verdict != Verdict.NEVER:
            lines.append(_uniqueness_sentence(unique, report))
        if report.repeated is not None:
            lines.append(_repeated_sentence(report))
    lines += moves
    if scorecard is not None:
        lines.append(claims_sentence(scorecard))
    return lines


def _today_sentence(today: Solution) -> str:
    from ..costs.scenarios import equilibrium_label

    labels = [equilibrium_label(today.game, e) for e in today.equilibria]
    shown = "; ".join(f"({', '.join(x.split('|'))})" if not x.startswith("mixed") else x for x in labels)
    if len(labels) == 1:
        return f"At today's costs (κ = 1) the only equilibrium is {shown}."
    ties = any(e.component is not None for e in today.equilibria)
    extra = " (ties make the game degenerate there: equilibria form continua between some of these)" if ties else ""
    return f"At today's costs (κ = 1) the equilibria are {shown}{extra}."


def _equilibrium_sentence(report: ThresholdReport, nash: Threshold) -> str:
    target = ", ".join(report.target_names().values())
    top = exact_text(report.plausible[1])
    if nash.verdict == Verdict.NEVER:
        return f"Compromise ({target}) never becomes an equilibrium: {nash.reason}."
    if nash.verdict is None:
        return (
            f"Compromise ({target}) is an equilibrium {set_text(nash.intervals)}; its verdict is not settled exactly."
        )
    if nash.verdict == Verdict.HOLDS_TODAY:
        return f"Compromise ({target}) is an equilibrium at today's costs (κ = 1): it holds {set_text(nash.intervals)}."
    if nash.verdict == Verdict.LAPSED:
        return f"Compromise ({target}) is an equilibrium only below today's costs ({set_text(nash.intervals)})."
    binding = f", with {nash.binding} the binding side" if nash.binding else ""
    others = [
        f"{name} alone would need {exact_text(v)}"
        for name, v in (nash.per_player or {}).items()
        if name != nash.binding and v is not None
    ]
    extra = f" ({'; '.join(others)})" if others else ""
    where = (
        f"above today's costs but within the plausible range {range_text(report.plausible)}"
        if nash.verdict == Verdict.REACHABLE
        else f"beyond the top of the plausible range ({top})"
    )
    return (
        f"Compromise ({target}) becomes an equilibrium {_threshold_phrase(nash)} "
        f"(κ = 1: costs as stated today), {where}{binding}{extra}."
    )


def _threshold_phrase(t: Threshold) -> str:
    if t.bracket is not None:
        return f"somewhere in [{exact_text(t.bracket[0])}, {exact_text(t.bracket[1])}]"
    return f"{'at' if t.attained else 'above'} κ = {exact_text(t.value)}"


def _uniqueness_sentence(unique: Threshold, report: ThresholdReport) -> str:
    if not unique.defined:
        return f"Whether it becomes the only outcome is not established here: {unique.reason}."
    if unique.verdict == Verdict.NEVER:
        return f"But it never becomes the only outcome: {unique.reason}."
    if unique.verdict == Verdict.HOLDS_TODAY:
        return "It is also the only equilibrium at today's costs."
    if unique.verdict == Verdict.LAPSED:
        return f"It is the only outcome only below today's costs ({set_text(unique.intervals)})."
    if unique.verdict is None:
        return f"It becomes the only outcome {_threshold_phrase(unique)}; whether within reach is not settled exactly."
    where = (
        "within the plausible range"
        if unique.verdict == Verdict.REACHABLE
        else f"beyond the top of the plausible range ({exact_text(report.plausible[1])})"
    )
    return f"It becomes the only outcome {_threshold_phrase(unique)}, {where}."


def _repeated_sentence(report: ThresholdReport) -> str:
    rep = report.repeated
    assert rep is not None
    point = rep.at(TODAY)
    assert point is not None
    parts = ", ".join(f"{name} {exact_text(v)}" for name, v in point.delta_star.items())
    if point.credible:
        return (
            f"In repeated play at today's costs, the threat of reverting to {point.punishment} sustains compromise "
            f"when the discount factor is at least δ* ({parts}; a value of 1 or more also means never)."
        )
    return (
        "In repeated play at today's costs, reverting to the all-confront outcome is no credible threat (it is no "
        f"stage equilibrium); Nash reversion sustains compromise when the discount factor is at least δ* ({parts}; "
        "a value of 1 or more also means never)."
    )


def claims_sentence(scorecard: Scorecard) -> str:
    """One sentence on the file's claims: how many got each grade, by id."""
    parts = []
    for grade in Grade:
        ids = [r.claim.id for r in scorecard.results if r.grade == grade]
        if ids:
            parts.append(f"{len(ids)} {grade.words} ({', '.join(ids)})")
    total = len(scorecard.results)
    return f"Of the {total} claim{'s' if total != 1 else ''} this file states: {'; '.join(parts)}; see the scorecard."
