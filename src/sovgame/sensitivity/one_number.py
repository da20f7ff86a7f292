"""What decides the verdict: exact sensitivity to every number of the file, one at a time.

For each threshold criterion (and, where the file states claims, each claim's grade) and each
number of the file it depends on — every payoff, cost weight, custom exposure and the top of
the plausible range — with everything else fixed, :func:`sensitivity` finds

- the exact interval of that number over which the verdict (or the grade) stays the same,
  with open or closed ends, and the verdict just beyond each end;
- the threshold κ as a function of the number on that interval, piece by piece: a rational
  function where it is one (κ = a(p)/b(p) for the deviation that binds), otherwise said so,
  with the exact value at the file's number (a rational bracket when it is irrational);
- the *margin*: how far the number may move before the verdict changes, on a scale that does
  not move when a constant is added to a player's payoffs (:func:`measure`): a payoff or a
  cost weight relative to its player's payoff range, the top of the plausible range and a
  custom exposure relative to their value (both have a true zero); infinite when nothing it
  can become changes the verdict. Never relative to the value of a payoff: adding 10 to every
  payoff would shrink every payoff's margin and reorder the list (docs/models.md).

Entries are sorted by margin, so the numbers that decide the verdict come first. How each
piece is computed exactly: docs/models.md, "Sensitivity (one number at a time)";
:mod:`sovgame.sensitivity.tracks` (the events of linear conditions),
:mod:`sovgame.sensitivity.unique_tracks` (uniqueness and risk dominance),
:mod:`sovgame.sensitivity.walk` (the interval around the value).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..claims.scorecard import Scorecard
from ..core.budget import foresee, metered, spent
from ..core.case import Case, as_case
from ..core.intervals import Endpoint, exact_text
from ..core.model import Game, Profile
from ..core.roots import Number, Root, compare, less, scaled_distance
from ..core.sensitivity_work import sensitivity_forecast, sensitivity_least
from ..costs.thresholds import CRITERIA, Criterion, resolve_target
from ..errors import ParameterError
from .criteria import criterion_track, exit_track
from .grades import ClaimTracks
from .parameters import Parameter, ParameterKind, line, parameters, scale_of
from .tracks import STATUS_QUO_EXIT, Reading
from .walk import Bracket, End, Piece, Track, placed, walk


@dataclass(frozen=True)
class Entry:
    """One subject (a criterion, or ``claim:<id>``) against one number of the file."""

    subject: str
    parameter: Parameter
    state: Hashable | None  # the verdict (or grade) at the file's value; None: not settled
    reading: Reading
    lower: End
    upper: End
    margin: Fraction | None  # None: no value of the number changes the state
    margin_bracket: tuple[Fraction, Fraction] | None  # when the nearest change is irrational
    nearest: End | None  # the end where the state changes first
    pieces: tuple[Piece, ...]
    unsettled: tuple[Number, ...]
    complete: bool
    exact_margin: Number | Bracket | None = None  # the margin exactly (irrational: a Root), for ordering


@dataclass(frozen=True)
class Sensitivity:
    """Every entry of a case, sorted by margin, and what a reader must know."""

    case: Case
    target: Profile
    costs: tuple[str, ...]
    entries: tuple[Entry, ...]
    subjects: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def game(self) -> Game:
        """The game whose numbers are followed."""
        return self.case.game

    def for_subject(self, subject: str) -> list[Entry]:
        """The entries of one criterion or claim, in margin order."""
        return [e for e in self.entries if e.subject == subject]


def measure(game: Game, parameter: Parameter) -> Fraction:
    """What distances along a number are relative to (module docstring).

    A payoff or a cost weight of player i: i's payoff range in the file, max_s u_i(s) −
    min_s u_i(s), which a constant added to i's payoffs leaves as it is (a weight is in payoff
    units per unit of κ, so it is measured like a payoff); 1 (absolute payoff units) when the
    player's payoffs are all equal or the number belongs to no player. The top of the plausible
    range and a custom exposure: their value (the largest number of their kind when it is 0).
    """
    if parameter.kind in (ParameterKind.PAYOFF, ParameterKind.WEIGHT):
        return payoff_range(game, parameter.player) or Fraction(1)
    return abs(parameter.value) or scale_of(game, parameter)


def payoff_range(game: Game, player: int | None) -> Fraction:
    """Player ``player``'s payoff range in ``game`` (0 for None or equal payoffs)."""
    if player is None:
        return Fraction(0)
    values = list(game.payoffs[..., player].reshape(-1))
    return max(values) - min(values)


def margin_basis(game: Game, parameter: Parameter) -> str:
    """What the margin of ``parameter`` is relative to, in words: "Pakistan's payoff range (3)"."""
    if parameter.kind in (ParameterKind.PAYOFF, ParameterKind.WEIGHT):
        spread = payoff_range(game, parameter.player)
        if not spread:
            return "absolute (payoff units)"
        assert parameter.player is not None
        return f"{game.players[parameter.player].name}'s payoff range ({exact_text(spread)})"
    return "its value" if parameter.value else "the largest number of its kind"


def margin_of(game: Game, parameter: Parameter, lower: End, upper: End):
    """(margin, bracket, nearest end, exact margin): the distance to the nearest change of
    state, relative to :func:`measure` (module docstring). When that end is irrational the exact
    margin is a :class:`~sovgame.core.roots.Root`, given by its cell (:attr:`Root.cell`: a
    bracket of relative width 2^-63) and the cell's midpoint; when bisection located the end
    (a :class:`Bracket`), the margin is a bracket too."""
    scale = measure(game, parameter)
    found: list[tuple[Number | Bracket, End]] = []
    for end in (lower, upper):
        if end.change and end.at is not None:
            found.append((_distance(end.at, parameter.value, scale), end))
    if not found:
        return None, None, None, None
    declared = parameter.declared

    def inside_declared(end: End) -> bool:
        """Whether an end lies in the range the file declares for the number (exactly)."""
        assert end.at is not None
        at = placed(end.at)
        return declared is None or not (less(at, declared[0]) or less(declared[1], at))

    def nearer(a: tuple[Number | Bracket, End], b: tuple[Number | Bracket, End]) -> int:
        """The nearer end first; a tie goes to the end inside the declared range."""
        return compare(placed(a[0]), placed(b[0])) or inside_declared(b[1]) - inside_declared(a[1])

    distance, end = min(found, key=functools.cmp_to_key(nearer))
    if isinstance(distance, Fraction):
        return distance, None, end, distance
    if isinstance(distance, Root):
        distance = distance.narrowed()
    return (distance.lo + distance.hi) / 2, (distance.lo, distance.hi), end, distance


def _distance(at: Number | Bracket, value: Fraction, scale: Fraction) -> Number | Bracket:
    """|at − value| / scale: exact for a number; for a :class:`Bracket` (which lies on one side
    of the value: bisection started there) the bracket of distances."""
    if not isinstance(at, Bracket):
        return scaled_distance(at, value, scale)
    if at.lo >= value:
        return Bracket((at.lo - value) / scale, (at.hi - value) / scale)
    assert at.hi <= value, "a bisection bracket lies on one side of the value it started from"
    return Bracket((value - at.hi) / scale, (value - at.lo) / scale)


def compare_entries(a: Entry, b: Entry) -> int:
    """Smallest margin first (exactly), infinite margins last."""
    if a.exact_margin is None or b.exact_margin is None:
        return (a.exact_margin is None) - (b.exact_margin is None)
    return compare(placed(a.exact_margin), placed(b.exact_margin))


def entry_of(game: Game, track: Track, parameter: Parameter) -> Entry:
    """Walk ``track`` and measure its margin."""
    walked = walk(track, parameter)
    margin, bracket, nearest, exact_margin = margin_of(game, parameter, walked.lower, walked.upper)
    return Entry(
        track.subject,
        parameter,
        walked.reading.state,
        walked.reading,
        walked.lower,
        walked.upper,
        margin,
        bracket,
        nearest,
        walked.pieces,
        walked.unsettled,
        walked.complete,
        exact_margin,
    )


#: The numbers followed before the work of the rest is forecast from their pace (the work of
#: one number varies by a factor of three or so from one to the next).
FORECAST_AFTER = 3


@metered
def sensitivity(
    game: Game | Case,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    claims: bool = True,
    keys: Sequence[str] | None = None,
    scorecard: Scorecard | None = None,
    plausible: Sequence | None = None,
) -> Sensitivity:
    """Every entry of ``game`` (module docstring), sorted by margin.

    Parameters
    ----------
    game : a Game, or a Case: its plausible range (whose declared top is one of its numbers)
        and its claims are followed too
    target : the profile the thresholds are for (default: the compromise profile)
    costs : keep only the costs of these names (None: all)
    criteria : what to follow (default: the five criteria and the status quo's exit): names of
        :class:`Criterion`, or ``status_quo_exit``
    claims : also follow the grade of each claim the file states (see
        :mod:`sovgame.sensitivity.grades`)
    keys : follow only the numbers of these keys (see :func:`sovgame.sensitivity.parameters.parameters`)
    scorecard : the file's claims already graded (:func:`sovgame.claims.scorecard.grade_claims`), reused
    plausible : the plausible range of κ (default: the case's, else [0, 1])
    """
    case = as_case(game, plausible)
    game = case.game
    profile = resolve_target(case, target)
    kept = game.kept_costs(costs, case.origin)
    chosen = _criteria(criteria)
    numbers = parameters(case, kept)
    if keys is not None:
        wanted = {k.casefold() for k in keys}
        numbers = [p for p in numbers if p.key.casefold() in wanted]
    entries: list[Entry] = []
    notes = []
    if case.plausible_declared:
        notes.append("the lower end of plausible_kappa decides no verdict, so it is not followed")
    if game.shape != (2, 2) and Criterion.RISK_DOMINANT in chosen:
        notes.append("risk dominance is defined here for 2x2 games only")
    subjects: list[str] = []
    claim_tracks = None
    if claims and case.claims and target is None and costs is None:
        claim_tracks = ClaimTracks(case, scorecard)
        notes += claim_tracks.notes
    foresee(
        sensitivity_least(game.shape, len(numbers), Criterion.UNIQUE in chosen)
    )  # refused at once if even that passes
    started = spent()
    for done, parameter in enumerate(numbers):
        if done >= FORECAST_AFTER:  # refused once the numbers left would pass the limit at the pace so far
            foresee(sensitivity_forecast(len(numbers), done, spent() - started))
        along = line(case, parameter, kept)
        tracks: list[Track] = []
        for criterion in chosen:
            track = exit_track(along) if criterion == STATUS_QUO_EXIT else criterion_track(along, criterion, profile)
            if track is not None and track.depends():
                tracks.append(track)
        if claim_tracks is not None:
            tracks += claim_tracks.along(along)
        for track in tracks:
            entries.append(entry_of(game, track, parameter))
            if track.subject not in subjects:
                subjects.append(track.subject)
    if any(not e.complete for e in entries):
        notes.append(
            "where mixed equilibria decide whether compromise is the only equilibrium (games larger than 2x2), "
            "changes are searched where the equilibria at κ = 1 or at the top change, and each end is confirmed "
            "by exact readings on both sides (located by bisection where they disagree); such entries "
            "(complete: false) may still miss a change through equilibria that appear elsewhere"
        )
    order = {s: k for k, s in enumerate(subjects)}
    by_margin = functools.cmp_to_key(compare_entries)
    entries.sort(key=lambda e: (by_margin(e), order[e.subject]))
    return Sensitivity(case, profile, kept, tuple(entries), tuple(subjects), tuple(notes))


#: What sensitivity follows besides the threshold criteria: the status quo's exit.
SUBJECTS = (*CRITERIA, STATUS_QUO_EXIT)


def _criteria(criteria: Sequence[str] | None) -> list[str]:
    if criteria is None:
        return list(SUBJECTS)
    out: list[str] = []
    for name in criteria:
        if name not in SUBJECTS:
            raise ParameterError("criterion", f"{name!r} is not one of: {', '.join(SUBJECTS)}")
        out.append(STATUS_QUO_EXIT if name == STATUS_QUO_EXIT else Criterion(name))
    return out


def threshold_at(
    game: Game | Case, key: str, criterion: str, value: Fraction, target: Profile | str | None = None
) -> Reading:
    """The criterion's reading with the number ``key`` at ``value`` (everything else fixed)."""
    from .parameters import find_parameter

    parameter = find_parameter(game, key)
    along = line(game, parameter)
    track = criterion_track(along, criterion, resolve_target(game, target))
    if track is None:
        shape = "x".join(map(str, along.game.shape))
        raise ParameterError("criterion", f"{criterion!r} is not defined for a {shape} game")
    return track.read(Fraction(value))


def value_text(x: Endpoint | Bracket | None) -> str:
    """An end or a value as text: exact where rational, "≈1.414" (or a closed form such as
    "1 + √2") for an irrational one."""
    return str(x) if isinstance(x, Bracket) else exact_text(x)


def deciding(
    game: Game | Case, criteria: Sequence[str] | None = None, claims: bool = True, scorecard: Scorecard | None = None
) -> tuple[Entry, ...]:
    """What decides each verdict: per subject followed (by default every criterion, the status
    quo's exit and the grade of each of the file's claims), the number whose change turns it
    soonest (:func:`deciding_entries`). Empty when the game has no compromise profile."""
    if as_case(game).game.compromise_profile is None:
        return ()
    result = sensitivity(game, criteria=criteria, claims=claims, scorecard=scorecard)
    return tuple(deciding_entries(result.entries))


def deciding_within_limit(
    game: Game | Case, criteria: Sequence[str] | None = None, scorecard: Scorecard | None = None
) -> tuple[tuple[Entry, ...] | None, str | None]:
    """:func:`deciding`, or, when its work would pass the work limit (:mod:`sovgame.core.budget`),
    None and a sentence saying what was left out and why: the numbers that decide the verdicts
    come with ``analyze``, ``claims`` and ``report``, and never keep them from answering. A
    refused step adds nothing to the account, so the work that follows is counted as before."""
    from ..core.budget import WorkLimitError, units_text

    try:
        return deciding(game, criteria=criteria, scorecard=scorecard), None
    except WorkLimitError as exc:
        work = exc.work
        return None, (
            f"{work.what} needs about {units_text(work.units)} units of work ({work.because}), "
            f"past the limit of {units_text(exc.limit)}"
        )


def deciding_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Per subject, its entry with the smallest finite margin, smallest first; then, for each
    subject that no number moved alone changes, its first entry (margin None)."""
    first: dict[str, Entry] = {}
    for entry in entries:  # in margin order, infinite margins last
        first.setdefault(entry.subject, entry)
    return [e for e in first.values() if e.margin is not None] + [e for e in first.values() if e.margin is None]
