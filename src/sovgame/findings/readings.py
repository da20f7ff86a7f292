"""The answer under each reading of the record (``[[readings]]``, :mod:`sovgame.sections.readings`).

For the file as stated and for each reading (the file with the reading's payoff cells), the
same few facts: the equilibria at today's costs (κ = 1), the status quo's exit κ and the
compromise entry κ (:mod:`sovgame.costs.status_quo_exit`, a field of :mod:`sovgame.costs.thresholds`)
with their verdicts, the only-equilibrium verdict and the grade of every claim. A reading
*changes the verdict* when any of the three verdicts differs from the file's.

Claims whose tests read another game file (a mediator, repeated play, a scenario) are graded
against that file as it is: a reading changes this file's payoffs only. They are named in
``other_files`` so that no view presents such a grade as the reading's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..claims.scorecard import Scorecard, grade_claims
from ..core.case import Case, as_case
from ..core.claims import Claim
from ..core.model import Game
from ..core.numbers import fmt
from ..costs.assessment import threshold_to_json
from ..costs.status_quo_exit import StatusQuoExit
from ..costs.thresholds import Threshold, ThresholdReport, compute_thresholds
from ..costs.verdicts import TODAY, Verdict
from ..errors import SovgameError
from ..sections.capacity import LimitedCapacity
from ..sections.readings import Reading, Readings
from ..solvers.equilibria import Solution, solve

#: The name of the file's own reading in tables and JSON.
AS_STATED = "as stated"


@dataclass(frozen=True)
class ReadingOutcome:
    """The facts of one reading (``reading`` None: the file as stated)."""

    name: str
    reading: Reading | None
    game: Game
    today: Solution
    entry: Threshold | None  # compromise becomes an equilibrium (``nash``); None without a compromise profile
    unique: Threshold | None  # compromise is the only equilibrium
    exit: StatusQuoExit | None  # the status quo stops being an equilibrium; None where undefined
    scorecard: Scorecard | None
    other_files: tuple[str, ...]  # claims graded against files the reading does not change

    @property
    def verdicts(self) -> tuple[Verdict | None, Verdict | None, Verdict | None]:
        """(status-quo exit, compromise entry, only equilibrium): what "changes the verdict" compares."""
        return (
            None if self.exit is None else self.exit.verdict,
            None if self.entry is None else self.entry.verdict,
            None if self.unique is None else self.unique.verdict,
        )


@dataclass(frozen=True)
class ReadingsAnalysis:
    """The file as stated, then each reading it declares."""

    case: Case
    stated: ReadingOutcome
    readings: tuple[ReadingOutcome, ...]

    def changing(self) -> tuple[ReadingOutcome, ...]:
        """The readings under which a verdict differs from the file's."""
        return tuple(r for r in self.readings if r.verdicts != self.stated.verdicts)


def reads_other_file(claim: Claim) -> bool:
    """Whether a test of ``claim`` reads a game file other than the one it is stated in."""
    return any(getattr(t, "game", None) or getattr(t, "scenario", None) for t in claim.tests)


def outcome_of(
    case: Case, reading: Reading | None, report: ThresholdReport | None = None, scorecard: Scorecard | None = None
) -> ReadingOutcome:
    """The facts of ``case`` under ``reading`` (None: as stated; ``report`` and ``scorecard``,
    when given, are the stated file's, reused)."""
    if reading is not None:
        case = replace(case, game=reading.game(case.game))
        report = scorecard = None
    game = case.game
    if report is None and game.compromise_profile is not None:
        report = compute_thresholds(case)
    if scorecard is None:
        scorecard = grade_claims(case, report)
    other = tuple(c.id for c in case.claims if reads_other_file(c)) if reading is not None else ()
    return ReadingOutcome(
        name=AS_STATED if reading is None else reading.name,
        reading=reading,
        game=game,
        today=solve(game, TODAY),
        entry=None if report is None else report.thresholds["nash"],
        unique=None if report is None else report.thresholds["unique"],
        exit=None if report is None else report.status_quo_exit,
        scorecard=scorecard,
        other_files=other,
    )


def analyze_readings(
    x: Game | Case, report: ThresholdReport | None = None, scorecard: Scorecard | None = None
) -> ReadingsAnalysis | None:
    """The file as stated and under each reading it declares; None when it declares none.

    ``report`` and ``scorecard`` are the stated file's thresholds and graded claims, when
    already computed (:func:`sovgame.findings.analysis.analyze` passes them)."""
    case = as_case(x)
    declared = case.section(Readings)
    if declared is None:
        return None
    if case.section(LimitedCapacity) is not None:
        raise SovgameError(
            f"{case.origin}: readings: a reading replaces cells of the payoffs as stated, and with [[capacity]] "
            "the game analysed is the expected-payoff game; state the readings in the file without [[capacity]]"
        )
    stated = outcome_of(case, None, report, scorecard)
    return ReadingsAnalysis(case, stated, tuple(outcome_of(case, r) for r in declared.readings))


def exit_to_json(found: StatusQuoExit | None) -> dict[str, Any] | None:
    """The status quo's exit as ``thresholds`` gives it (:meth:`StatusQuoExit.json_data`); None
    where no status quo is defined."""
    return None if found is None else found.json_data()


def outcome_to_json(o: ReadingOutcome, game: Game) -> dict[str, Any]:
    """One reading (or the file as stated): what it changes and the facts under it."""
    cells = {} if o.reading is None else o.reading.payoffs
    return {
        "name": o.name,
        "reason": None if o.reading is None else o.reading.reason,
        "source": None if o.reading is None else o.reading.source,
        "payoffs": {game.outcome_key(p): [fmt(v) for v in cell] for p, cell in cells.items()},
        "equilibria_today": o.today.json_data(),
        "status_quo_exit": exit_to_json(o.exit),
        "compromise_entry": None if o.entry is None else threshold_to_json(o.entry),
        "unique": None if o.unique is None else threshold_to_json(o.unique),
        "claims": None if o.scorecard is None else {r.claim.id: r.grade.value for r in o.scorecard.results},
        "claims_reading_other_files": list(o.other_files),
    }


def readings_to_json(result: ReadingsAnalysis | None) -> dict[str, Any] | None:
    """``{"stated": {...}, "readings": [...], "changing": [names]}``; None without readings."""
    if result is None:
        return None
    game = result.stated.game
    return {
        "stated": outcome_to_json(result.stated, game),
        "readings": [outcome_to_json(o, game) for o in result.readings],
        "changing": [o.name for o in result.changing()],
    }
