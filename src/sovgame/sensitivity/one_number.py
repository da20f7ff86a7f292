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
from typing import Any

from ..claims.grading import GRADE_MEANINGS, Grade
from ..claims.scorecard import Scorecard
from ..core.budget import foresee, metered, spent
from ..core.case import Case, as_case
from ..core.intervals import exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..core.roots import Number, compare
from ..core.sensitivity_work import sensitivity_forecast, sensitivity_least
from ..costs.status_quo_exit import STATUS_QUO_EXIT
from ..costs.thresholds import CRITERIA, Criterion, resolve_target
from ..costs.verdicts import Verdict, verdict_scale_json
from ..errors import ParameterError
from .criteria import criterion_track, exit_track
from .grades import ClaimTracks
from .margins import margin_basis, margin_of
from .parameters import Parameter, ParameterKind, line, parameters
from .tracks import Reading
from .walk import Bracket, End, Piece, Track, placed, walk
from .words import bracket_json, number_json, state_json, state_words, subject_words, value_text


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


@dataclass(frozen=True, repr=False)
class Sensitivity(Result):
    """Every entry of a case, sorted by margin, and what a reader must know; its JSON is that
    of ``sovgame sensitivity``."""

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

    def json_data(self) -> dict[str, Any]:
        return self.json_with(None)

    def json_with(self, top: int | None) -> dict[str, Any]:
        """The JSON of ``sovgame sensitivity`` with the first ``top`` entries (all when None)."""
        entries = self.entries[:top] if top is not None else self.entries
        game = self.game
        return {
            "game": game.title,
            "target": {p.name: p.strategies[s] for p, s in zip(game.players, self.target)},
            "costs": list(self.costs),
            "plausible_kappa": None
            if self.case.plausible_kappa is None
            else [fmt(v) for v in self.case.plausible_kappa],
            "subjects": list(self.subjects),
            "entries": [entry_to_json(e, game) for e in entries],
            "deciding": deciding_to_json(deciding_entries(self.entries)),
            "notes": list(self.notes),
            "verdict_scale": verdict_scale_json(),
            "grade_scale": {g.value: GRADE_MEANINGS[g] for g in Grade},
            "criteria": list(CRITERIA),
        }

    def _facts(self) -> list[tuple[str, str]]:
        deciding = deciding_entries(self.entries)[:1]
        return [
            ("entries", str(len(self.entries))),
            ("subjects", ", ".join(self.subjects)),
            ("closest", deciding_sentence(deciding[0]) if deciding else "no number changes a verdict"),
        ]

    def for_subject(self, subject: str) -> list[Entry]:
        """The entries of one criterion or claim, in margin order."""
        return [e for e in self.entries if e.subject == subject]


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
    if claim_tracks is not None:
        entries += _section_entries(case, keys, subjects)
    notes += _incomplete_notes(entries)
    order = {s: k for k, s in enumerate(subjects)}
    by_margin = functools.cmp_to_key(compare_entries)
    entries.sort(key=lambda e: (by_margin(e), order[e.subject]))
    return Sensitivity(case, profile, kept, tuple(entries), tuple(subjects), tuple(notes))


def _incomplete_notes(entries: list[Entry]) -> list[str]:
    """What an entry that is not proved complete may miss, by the kind of its number."""
    sections = [e.parameter.kind == ParameterKind.SECTION for e in entries if not e.complete]
    notes = []
    if not all(sections):
        notes.append(
            "where mixed equilibria decide whether compromise is the only equilibrium (games larger than 2x2), "
            "changes are searched where the equilibria at κ = 1 or at the top change, and each end is confirmed "
            "by exact readings on both sides (located by bisection where they disagree); such entries "
            "(complete: false) may still miss a change through equilibria that appear elsewhere"
        )
    if any(sections):
        notes.append(
            "where a claim's test values do not follow a linear-fractional function of a section's number, "
            "each end is confirmed by exact readings on both sides (bisected to a bracket where they disagree); "
            "such entries (complete: false) may miss a change between the points read"
        )
    return notes


def _section_entries(case: Case, keys: Sequence[str] | None, subjects: list[str]) -> list[Entry]:
    """The claims' grades along each ranged number of a section (:mod:`sovgame.sensitivity.section_numbers`)."""
    from .section_numbers import section_tracks

    wanted = None if keys is None else {k.casefold() for k in keys}
    out = []
    for track in section_tracks(case):
        if wanted is not None and track.number.parameter.key.casefold() not in wanted:
            continue
        out.append(entry_of(case.game, track, track.number.parameter))
        if track.subject not in subjects:
            subjects.append(track.subject)
    return out


#: :func:`sensitivity` under the name the package exports (``sovgame.sensitivity`` is this package).
compute_sensitivity = sensitivity

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


# --- in words and as JSON (the stable JSON of ``sovgame sensitivity``, docs/reference.md) ----


def nearest_in_range(entry: Entry) -> bool | None:
    """Whether the nearest change lies inside the range the file declares for the number
    (None: no declared range, or no change)."""
    declared = entry.parameter.declared
    if declared is None or entry.nearest is None or entry.nearest.at is None:
        return None
    at = entry.nearest.at
    lo, hi = (at, at) if isinstance(at, Fraction) else (at.lo, at.hi)
    return declared[0] <= lo and hi <= declared[1]


def deciding_sentence(entry: Entry) -> str:
    """ "the only equilibrium verdict (beyond) turns reachable if Pakistan's military_operations
    weight rises above 1/2 (now 1/4)"; for a verdict no number changes, that it does not."""
    who = (
        f"claim {entry.subject.removeprefix('claim:')}"
        if entry.subject.startswith("claim:")
        else f"the {subject_words(entry.subject)} verdict"
    )
    end = entry.nearest
    if entry.margin is None or end is None or end.at is None:
        return f"{who} ({state_words(entry.state)}): no number of the file, moved alone, changes it"
    rises = end is entry.upper
    if end.closed is None:
        move = "rises past" if rises else "falls past"
    elif end.closed:
        move = "rises above" if rises else "falls below"
    else:
        move = "reaches" if rises else "falls to"
    return (
        f"{who} ({state_words(entry.state)}) turns {state_words(end.beyond)} if "
        f"{entry.parameter.label} {move} {value_text(end.at)} (now {fmt(entry.parameter.value)})"
    )


def deciding_to_json(entries: list[Entry]) -> list[dict[str, Any]]:
    """What decides each verdict: per subject its sentence, the number's key and value, the end
    where the verdict turns and the verdict beyond it, and the margin (``turns_at``, ``beyond``
    and the margins null when no number moved alone changes it)."""
    out = []
    for e in deciding_entries(entries):
        changes = e.margin is not None and e.nearest is not None
        out.append(
            {
                "sentence": deciding_sentence(e),
                "subject": e.subject,
                "parameter": e.parameter.key if changes else None,
                "value": fmt(e.parameter.value) if changes else None,
                "turns_at": number_json(e.nearest.at) if changes and e.nearest else None,
                "beyond": state_json(e.nearest.beyond) if changes and e.nearest else None,
                "margin": float(e.margin) if e.margin is not None else None,
                "margin_exact": None if e.margin is None or e.margin_bracket else fmt(e.margin),
            }
        )
    return out


def entry_to_json(e: Entry, game: Game) -> dict[str, Any]:
    """One entry of ``game``'s sensitivity (README, "JSON output", ``sensitivity``)."""
    threshold = None
    if not e.subject.startswith("claim:"):
        r = e.reading
        threshold = {
            "exact": exact_text(r.value) if r.value is not None or r.state == Verdict.NEVER else None,
            "value": None if r.value is None else float(r.value),
            "attained": r.attained,
            "bracket": None if r.bracket is None else [fmt(r.bracket[0]), fmt(r.bracket[1])],
        }
    side = None
    if e.nearest is not None:
        side = "below" if e.nearest is e.lower else "above"
    return {
        "subject": e.subject,
        "kind": "claim" if e.subject.startswith("claim:") else "criterion",
        "parameter": {
            "key": e.parameter.key,
            "kind": e.parameter.kind.value,
            "label": e.parameter.label,
            "exact": fmt(e.parameter.value),
            "value": json_number(e.parameter.value),
            "range": None if e.parameter.declared is None else [fmt(v) for v in e.parameter.declared],
        },
        "state": state_json(e.state),
        "threshold": threshold,
        "interval": {
            "lo": number_json(e.lower.at),
            "lo_closed": e.lower.closed,
            "lo_bracket": bracket_json(e.lower.at),
            "hi": number_json(e.upper.at),
            "hi_closed": e.upper.closed,
            "hi_bracket": bracket_json(e.upper.at),
        },
        "below": state_json(e.lower.beyond) if e.lower.change else None,
        "above": state_json(e.upper.beyond) if e.upper.change else None,
        "margin": None if e.margin is None else float(e.margin),
        "margin_exact": "inf" if e.margin is None else (None if e.margin_bracket else fmt(e.margin)),
        "margin_bracket": None if e.margin_bracket is None else [fmt(v) for v in e.margin_bracket],
        "margin_relative_to": margin_basis(game, e.parameter),
        "nearest": side,
        "nearest_in_range": nearest_in_range(e),
        "function": [
            {
                "lo": number_json(p.lo),
                "lo_closed": p.lo_closed,
                "hi": number_json(p.hi),
                "hi_closed": p.hi_closed,
                "formula": p.formula.text(),
                "rational": p.formula.rational,
            }
            for p in e.pieces
        ]
        if not e.subject.startswith("claim:")
        else None,
        "unsettled": [number_json(x) for x in e.unsettled],
        "complete": e.complete,
    }
