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
from typing import Any

from ..claims.scorecard import Grade, Scorecard
from ..core.case import Case, as_case
from ..core.intervals import exact_text
from ..core.model import Game
from ..core.results import Result
from ..costs.status_quo_exit import StatusQuoExit
from ..costs.thresholds import Threshold, ThresholdReport, compute_thresholds
from ..costs.verdicts import TODAY, Verdict, range_text, set_text
from ..sensitivity.falsify import grade_claims
from ..sensitivity.one_number import Entry, deciding_to_json, deciding_within_limit
from ..solvers.equilibria import Solution, describe_solution, solve
from .bottom_line import bottom_line, today_sentence
from .claim_draws import with_draws
from .lenses import lens_sentences
from .moves import move_sentences
from .quick_check import QUICK_OUTCOMES, QuickCheck, quick_check
from .readings import ReadingsAnalysis, analyze_readings, exit_to_json, readings_to_json


@dataclass(frozen=True, repr=False)
class Analysis(Result):
    """Everything ``sovgame analyze`` shows about one game: equilibria at κ = 0, today and the
    top, thresholds, the conclusion, the scorecard of the file's claims, what decides each verdict
    and grade (:func:`sovgame.sensitivity.one_number.deciding`; None, with the reason in
    ``deciding_left_out``, when finding it would pass the work limit), the status quo's exit, the
    quick robustness run and the readings behind the bottom line
    (:func:`sovgame.findings.bottom_line.bottom_line`)."""

    case: Case
    at_zero: Solution  # κ = 0: payoffs as ranked, costs not counted
    today: Solution | None  # κ = 1: today's costs (None when the game has no costs: as at κ = 0)
    at_top: Solution | None  # the top of the plausible range, when it differs from 0 and 1
    thresholds: ThresholdReport | None  # None when no player names a compromise strategy
    conclusion: tuple[str, ...]
    scorecard: Scorecard | None = None  # None when the file states no claims
    deciding: tuple[Entry, ...] | None = ()  # the numbers whose change turns a verdict soonest
    deciding_left_out: str | None = None  # why ``deciding`` is None: its work passed the limit
    status_quo: StatusQuoExit | None = None  # where the status quo stops being an equilibrium
    quick: QuickCheck | None = None  # the quick seeded robustness run of the bottom line
    quick_left_out: str | None = None  # why ``quick`` is None when the case has thresholds
    readings: ReadingsAnalysis | None = None  # the answer under each reading the file declares

    @property
    def game(self) -> Game:
        """The game analysed."""
        return self.case.game

    def json_data(self) -> dict[str, Any]:
        return {
            "game": self.game.title,
            "players": self.game.player_names,
            "bottom_line": bottom_line(self),
            "status_quo_exit": exit_to_json(self.status_quo),
            "quick_check": None if self.quick is None else self.quick.json_data(),
            "quick_check_left_out": self.quick_left_out,
            "readings": readings_to_json(self.readings),
            "equilibria": self.at_zero.json_data(),
            "equilibria_today": None if self.today is None else self.today.json_data(),
            "equilibria_at_top": None if self.at_top is None else self.at_top.json_data(),
            "thresholds": None if self.thresholds is None else self.thresholds.json_data(),
            "conclusion": list(self.conclusion),
            "deciding": None if self.deciding is None else deciding_to_json(list(self.deciding)),
            "deciding_left_out": self.deciding_left_out,
            "claims": None if self.scorecard is None else self.scorecard.json_data(),
        }

    def _facts(self) -> list[tuple[str, str]]:
        facts = [("equilibria at κ = 0", describe_solution(self.at_zero))]
        if self.thresholds is not None:
            facts += self.thresholds._facts()[1:]
        if self.scorecard is not None:
            facts += self.scorecard._facts()[1:]
        return facts


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
    scorecard = grade_claims(case, report)  # with each test's flip, or cannot fail
    conclusion = tuple(conclude(report, today, scorecard, [*move_sentences(case), *lens_sentences(case)]))
    quick, quick_left_out = _quick(case, report) if report is not None else (None, None)
    if quick is not None and scorecard is not None:  # beside each grade, how often the same draws agree
        scorecard = with_draws(scorecard, quick)
    readings = analyze_readings(case, report, scorecard)
    decided, left_out = deciding_within_limit(case, scorecard=scorecard)  # last: it may be left out
    return Analysis(
        case,
        at_zero,
        today,
        at_top,
        report,
        conclusion,
        scorecard,
        decided,
        left_out,
        None if report is None else report.status_quo_exit,
        quick,
        quick_left_out,
        readings,
    )


def _quick(case: Case, report: ThresholdReport) -> tuple[QuickCheck | None, str | None]:
    """The quick robustness run, or None and why (past the work limit, or a case ``robust``
    cannot sample: the reason is its message)."""
    from ..core.budget import WorkLimitError
    from ..errors import SovgameError

    outcomes = len(list(case.game.profiles()))
    if outcomes > QUICK_OUTCOMES:
        return None, f"the quick run is made for games of at most {QUICK_OUTCOMES} outcomes (this one has {outcomes})"
    try:
        return quick_check(case, report), None
    except WorkLimitError as exc:
        return None, f"it would pass the work limit ({exc.work.because})"
    except SovgameError as exc:
        return None, str(exc)


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
        lines.append(today_sentence(today))
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
    first = nash.intervals[0]
    until = "" if first.hi is None else f" and stays one until κ = {exact_text(first.hi)}"
    return (
        f"Compromise ({target}) becomes an equilibrium {_threshold_phrase(nash)}{until} "
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
    # A set that is not one stretch up to κ = ∞ is named whole: "from κ = a" would not be true.
    whole = len(unique.intervals) > 1 or (len(unique.intervals) == 1 and unique.intervals[0].hi is not None)
    if unique.verdict == Verdict.HOLDS_TODAY:
        where = f" (it is {set_text(unique.intervals)})" if whole else ""
        return f"It is also the only equilibrium at today's costs{where}."
    if unique.verdict == Verdict.LAPSED:
        return f"It is the only outcome only below today's costs ({set_text(unique.intervals)})."
    if unique.verdict is None:
        return f"It becomes the only outcome {_threshold_phrase(unique)}; whether within reach is not settled exactly."
    top = exact_text(report.plausible[1])
    if whole:
        where = (
            "but within the plausible range"
            if unique.verdict == Verdict.REACHABLE
            else f"and above them only beyond the top of the plausible range ({top})"
        )
        return f"It is the only outcome {set_text(unique.intervals)}: not at today's costs, {where}."
    where = (
        "within the plausible range"
        if unique.verdict == Verdict.REACHABLE
        else f"beyond the top of the plausible range ({top})"
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
