"""Everything a page of ``sovgame explore`` shows, computed by the library for one state.

The numbers come from the same functions the commands call: the game as ``--set`` changes
it (:func:`sovgame.loading.load_case`, as ``sovgame whatif``), its equilibria at κ
(:func:`~sovgame.solvers.equilibria.solve`), the thresholds with their verdicts
(:func:`~sovgame.costs.thresholds.compute_thresholds`), the claims' scorecard
(:func:`~sovgame.claims.scorecard.grade_claims`) and the bottom line of ``sovgame analyze``
(:func:`bottom_line`). Each view is computed in its own work account, so a change that
would take too long is refused with the command line's message and the page stays usable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from ..core.budget import WorkLimitError, work_limit
from ..core.case import Case
from ..core.numbers import to_fraction
from ..errors import SovgameError
from ..files.changes import parse_setting
from ..files.reading import track_inputs
from ..loading import load_case
from .state import ExploreState, setting_key

if TYPE_CHECKING:
    from ..claims.scorecard import Scorecard
    from ..costs.thresholds import ThresholdReport
    from ..solvers.equilibria import Solution

#: Where an error that belongs to no cell or slider is shown.
GENERAL = ""
#: Where an error of the cost level is shown.
KAPPA = "kappa"


@dataclass(frozen=True)
class ExploreView:
    """One state of the page: the game after the changes that hold, and what the library
    says of it. ``errors`` maps what was typed wrong (``"kappa"``, a change's key such as
    ``"Strike|Tolerate TTP"``, ``""`` for the rest) to the message shown next to it; such a
    change is left out. ``refused`` is the work limit's message when the results were not
    computed."""

    state: ExploreState
    case: Case
    kappa: Fraction
    applied: tuple[str, ...]
    solution: Solution | None = None
    report: ThresholdReport | None = None
    scorecard: Scorecard | None = None
    bottom_line: tuple[str, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)
    refused: str | None = None


def parse_kappa_text(text: str) -> Fraction:
    """The cost level as typed (``2``, ``4/3``, ``1.5``): an exact number >= 0."""
    value = to_fraction(text)
    if value < 0:
        raise ValueError(f"the cost level must be >= 0, not {text}")
    return value


def usable_settings(spec: str, settings: Sequence[str], errors: dict[str, str]) -> tuple[Case, tuple[str, ...]]:
    """The case after the changes that hold, and those changes; each change that does not
    hold (bad syntax, an unknown cell, a number the file may not take) is left out and its
    message recorded in ``errors`` under its key.

    All changes are tried at once first; only when that fails are they tried one by one,
    each on top of those that held, so the message lands beside the change that caused it.
    """
    from ..cli.app import option_name

    try:
        return load_case(spec, settings), tuple(settings)
    except SovgameError:
        if not settings:
            raise
    kept: list[str] = []
    case = load_case(spec)
    for text in settings:
        try:
            parse_setting(text)
            case = load_case(spec, [*kept, text])
        except SovgameError as exc:
            errors[setting_key(text)] = exc.message(option_name)
            continue
        kept.append(text)
    return case, tuple(kept)


@dataclass(frozen=True)
class Findings:
    """What the page shows of a game at every κ: its thresholds, the claims' scorecard and the
    bottom line. Moving κ leaves them as they are, so a server keeps them per game
    (:func:`fingerprint`)."""

    report: ThresholdReport | None
    scorecard: Scorecard | None
    bottom_line: tuple[str, ...]


def findings_of(case: Case) -> Findings:
    """The thresholds, scorecard and bottom line of ``case``, computed."""
    from ..claims.scorecard import grade_claims
    from ..costs.thresholds import compute_thresholds

    report = compute_thresholds(case) if case.game.compromise_profile is not None else None
    scorecard = grade_claims(case, report)
    return Findings(report, scorecard, bottom_line(case, report, scorecard))


def fingerprint(case: Case) -> str:
    """What ``--set`` changes can change in a case, as text: its title, players, payoffs,
    costs and plausible range. Two cases of one file with the same fingerprint have the same
    thresholds, claims and charts."""
    game = case.game
    players = [(p.name, p.strategies) for p in game.players]
    costs = [(c.name, c.incidence, c.weights, c.between, sorted((c.exposure or {}).items())) for c in game.costs]
    return repr((case.title, players, game.payoffs.tolist(), costs, case.plausible, game.compromise_profile))


def compute_view(
    spec: str, state: ExploreState, limit: int | None, findings: Callable[[Case], Findings] = findings_of
) -> ExploreView:
    """The page's content for ``state`` of the game ``spec``, in a work account of ``limit``
    units (None: no limit); ``findings`` gives the κ-free part (a server passes one that
    remembers). Raises :class:`SovgameError` only when the game itself cannot be read; every
    other problem is in the view's ``errors`` or ``refused``."""
    from ..cli.app import option_name
    from ..solvers.equilibria import solve

    errors: dict[str, str] = {}
    try:
        kappa = parse_kappa_text(state.kappa)
    except ValueError as exc:
        errors[KAPPA] = str(exc)
        kappa = Fraction(1)
    with track_inputs():
        case, applied = usable_settings(spec, state.settings, errors)
    try:
        with work_limit(limit):
            solution = solve(case, kappa)
            found = findings(case)
    except WorkLimitError as exc:
        refused = exc.describe("--max-work N", option_name)
        return ExploreView(state, case, kappa, applied, errors=errors, refused=refused)
    except SovgameError as exc:
        errors[GENERAL] = exc.message(option_name)
        return ExploreView(state, case, kappa, applied, errors=errors)
    return ExploreView(state, case, kappa, applied, solution, found.report, found.scorecard, found.bottom_line, errors)


def bottom_line(case: Case, report: ThresholdReport | None, scorecard: Scorecard | None) -> tuple[str, ...]:
    """The bottom line of ``sovgame analyze`` for this case: the sentences it ends with, from
    the thresholds, the equilibria at today's costs, the file's moves and its claims. The one
    place the page asks for them."""
    from ..costs.verdicts import TODAY
    from ..findings.analysis import conclude
    from ..findings.moves import move_sentences
    from ..solvers.equilibria import solve

    today = solve(case, TODAY) if case.game.costs else None
    return tuple(conclude(report, today, scorecard, move_sentences(case)))
