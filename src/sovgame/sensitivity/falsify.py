"""Whether a claim's test could have failed: a test is evidence only if some admissible change
of the model makes it come out otherwise (docs/models.md, "Claim tests that can fail").

An admissible change moves one number of the model: within the range the file declares for it
(a cost's ``weights_range``, a section's ``*_range``), or anywhere the file may hold it when no
range is declared. For each test graded supported, partly supported or not supported:

- a test about the claim's own file, of a kind sensitivity follows
  (:mod:`sovgame.sensitivity.grades`), is read exactly along each number: its grade is constant
  between the events of its track, so one reading per event and per gap between events
  decides whether any value flips it;
- any other test (another file's numbers, mediation, repeated play, a third party, a
  section's number) is recomputed with candidate values of each number of the file it reads:
  the values where a payoff ties another at the test's κ (and half a unit either side), the
  ends of declared ranges, and a ladder of values for numbers without one. A flip found so is a
  proof that the test can fail; when none is found the search proves nothing, and the result
  says so and keeps its grade.

A test that no change flips, by the exact reading of every number, is graded
:attr:`~sovgame.claims.grading.Grade.CANNOT_FAIL`: it is no evidence. Every other computed
test carries the change that flips it (:class:`~sovgame.claims.grading.Flip`), which the
``--set`` it names reproduces.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from ..claims import scorecard
from ..claims.grading import Context, Flip, Grade, TestResult, combine
from ..claims.kinds.scenario import ScenarioEquilibriumTest, ScenarioThresholdTest
from ..claims.registry import grade_test
from ..claims.scorecard import ClaimResult, Scorecard
from ..core.case import Case
from ..core.claims import ClaimTest
from ..core.model import Game
from ..core.numbers import fmt
from ..core.roots import Number, compare
from ..costs.thresholds import ThresholdReport
from ..sections.mediator import Mediator
from ..sections.repeated import RepeatedSettings
from ..sections.types import HiddenTypes
from .grades import ClaimTracks
from .parameters import Parameter, ParameterKind, line, parameters, setting_text, with_value

SCENARIO_TESTS = (ScenarioEquilibriumTest, ScenarioThresholdTest)

__all__ = ["falsify", "grade_claims"]


def grade_claims(game: Game | Case, report: ThresholdReport | None = None) -> Scorecard | None:
    """Every claim the case states, graded (:func:`sovgame.claims.scorecard.grade_claims`),
    each computed test with the change that flips it, or graded cannot fail when no change
    can (:func:`falsify`); None when the case states no claims."""
    card = scorecard.grade_claims(game, report)
    return None if card is None else falsify(card)


def falsify(card: Scorecard) -> Scorecard:
    """``card`` with each computed test's flip found, or graded cannot fail when the exact
    reading of every number of its file proves that none exists (module docstring)."""
    tracks = ClaimTracks(card.case, card)
    results = []
    for result in card.results:
        tests = tuple(_falsified(card.case, tracks, t) for t in result.tests)
        results.append(ClaimResult(result.claim, tests, combine([t.grade for t in tests])))
    return Scorecard(card.case, tuple(results))


def _falsified(case: Case, tracks: ClaimTracks, result: TestResult) -> TestResult:
    """One test with its flip, or graded cannot fail (module docstring)."""
    if not result.grade.evidence:
        return result
    exact = _exact_flip(case, tracks, result)
    if exact is not None:
        flip, complete = exact
        if flip is not None:
            return replace(result, flip=flip)
        if complete:
            return replace(
                result,
                grade=Grade.CANNOT_FAIL,
                reason=result.reason + "; no number of the file, moved within its declared range (anywhere, "
                "without one), changes this result, read exactly along each of them",
            )
    flip = _probed_flip(case, result)
    if flip is not None:
        return replace(result, flip=flip)
    return replace(
        result,
        reason=result.reason + "; no change of one number tried turned it (the search is not exhaustive, "
        "so this is not shown to be unfalsifiable)",
    )


# --- exact: along each number of the claim's own file --------------------------------------------


def _exact_flip(case: Case, tracks: ClaimTracks, result: TestResult) -> tuple[Flip | None, bool] | None:
    """(the nearest flip, whether every number was read exactly), or None when the test is not
    one sensitivity follows on this file."""
    test = result.test
    if test.game is not None or not tracks.follows(test):
        return None
    complete, best = True, None
    for parameter in parameters(case):
        track = tracks.track(test, line(case, parameter), result.grade)
        if track.fixed is not None:
            return None
        if not track.depends():
            continue
        if track.grade(parameter.value) != result.grade:
            return None  # the track does not reproduce the grade: claim nothing from it
        complete = complete and track.complete
        for value in _samples(track.events(), parameter):
            grade = track.grade(value)
            if grade != result.grade:
                flip = _flip(case, parameter, value, grade, None)
                # A change inside a declared range first, then the smallest one.
                rank = (not flip.declared, abs(value - parameter.value))
                if best is None or rank < best[0]:
                    best = (rank, flip)
                break
    if best is None and isinstance(test, SCENARIO_TESTS):
        complete = False  # the scenario's own numbers were held fixed: the probe reads them
    return (None if best is None else best[1]), complete


def _samples(events: list[Number], parameter: Parameter) -> list[Fraction]:
    """A rational at every rational event and in every gap between events (and beyond the
    last on each side), within what the file allows and its declared range, nearest to the
    file's value first: the grade is constant on each gap, so these readings decide it."""
    ordered = sorted(set(events), key=functools.cmp_to_key(compare))
    points: list[Fraction] = []
    for k, e in enumerate(ordered):
        if isinstance(e, Fraction):
            points.append(e)
        if k + 1 < len(ordered):
            points.append(_between(e, ordered[k + 1]))
    if ordered:
        points.append(_below(ordered[0]))
        points.append(_above(ordered[-1]))
    declared = parameter.declared
    if declared is not None:
        points = [p for p in points if declared[0] <= p <= declared[1]] + list(declared)
    kept = {p for p in points if parameter.allowed(p) and p != parameter.value}
    return sorted(kept, key=lambda p: (abs(p - parameter.value), p))


def _between(a: Number, b: Number) -> Fraction:
    from ..core.intervals import between

    return between(a, b)


def _below(x: Number) -> Fraction:
    low = x if isinstance(x, Fraction) else x.lo
    return low - max(Fraction(1), abs(low))


def _above(x: Number) -> Fraction:
    high = x if isinstance(x, Fraction) else x.hi
    return high + max(Fraction(1), abs(high))


def _flip(case: Case, parameter: Parameter, value: Fraction, grade: Grade, file: str | None) -> Flip:
    declared = parameter.declared
    inside = declared is not None and declared[0] <= value <= declared[1]
    return Flip(f"{parameter.label} at {fmt(value)}", setting_text(parameter, case, value), file, grade, inside)


# --- probed: recompute the test with candidate values ------------------------------------------


def _probed_flip(case: Case, result: TestResult) -> Flip | None:
    """The first change found that turns the test, numbers with a declared range first."""
    test = result.test
    other = test.game or (test.scenario if isinstance(test, SCENARIO_TESTS) else None)
    try:
        read = case if other is None else Context(case).related(other)
    except Exception:  # the file cannot be read: the test was graded without it
        return None
    for changed, flip in _changes(read, test):
        trial = Context(changed if other is None else case)
        if other is not None:
            trial.substitute(other, changed)
        grade = grade_test(test, trial).grade
        if grade != result.grade and grade.evidence:
            return replace(flip, grade=grade, file=other)
    return None


#: Values tried for a probability, a discount factor or a budget without a declared range.
LADDER = tuple(Fraction(n, d) for n, d in ((1, 1000), (1, 100), (1, 20), (1, 10), (1, 5), (1, 4), (1, 2)))
#: Values tried for a mediator's budget without a declared range (payoff units per period).
BUDGETS = tuple(Fraction(n, d) for n, d in ((0, 1), (1, 100), (1, 10), (1, 4), (1, 2), (1, 1), (2, 1), (10, 1)))


def _changes(case: Case, test: ClaimTest) -> Iterator[tuple[Case, Flip]]:
    """Changed copies of ``case``, each with the flip that names the change (grade to fill)."""
    yield from _section_changes(case)
    numbers = sorted(parameters(case), key=lambda p: p.declared is None)
    for parameter in numbers:
        for value in _candidates(case, parameter, test.kappa):
            yield with_value(case, parameter, value), _flip(case, parameter, value, Grade.NOT_TESTABLE, None)


def _candidates(case: Case, parameter: Parameter, kappa: Fraction) -> list[Fraction]:
    """Values of one number worth trying: the ends of its declared range; for a payoff the
    values at which it ties each other payoff of its player at κ, and half a unit either side;
    for a weight half and twice it and 0; for the plausible top a ladder up to 16."""
    value = parameter.value
    found: set[Fraction] = set(parameter.declared or ())
    if parameter.kind == ParameterKind.PAYOFF:
        assert parameter.profile is not None and parameter.player is not None
        i, own = parameter.player, parameter.profile
        load = case.game.cost_load()
        u = case.game.payoffs_at(kappa)
        for profile in case.game.profiles():
            if profile != own:
                tie = u[profile + (i,)] + kappa * load[own + (i,)]
                found |= {tie, tie - Fraction(1, 2), tie + Fraction(1, 2)}
    elif parameter.kind == ParameterKind.WEIGHT:
        found |= {Fraction(0), value / 2, value * 2, value + 1}
    elif parameter.kind == ParameterKind.PLAUSIBLE_TOP:
        found |= {Fraction(n) for n in (1, 2, 4, 8, 16)} | {Fraction(1, 2)}
    kept = [v for v in found if v != value and parameter.allowed(v)]
    if parameter.declared is not None:
        kept = [v for v in kept if parameter.declared[0] <= v <= parameter.declared[1]]
    return sorted(kept, key=lambda v: (abs(v - value), v))


def _section_changes(case: Case) -> Iterator[tuple[Case, Flip]]:
    """The numbers of ``[mediator]`` and ``[repeated]``, within their declared ranges (the
    ladder where none is declared)."""
    mediator = case.section(Mediator)
    if mediator is not None and mediator.budget is not None:
        for value in _range_or(mediator.budget_range, BUDGETS, mediator.budget):
            yield (
                _with_section(case, mediator, replace(mediator, budget=value)),
                _section_flip("the mediator's budget", value, mediator.budget_range),
            )
    yield from _prior_changes(case)
    settings = case.section(RepeatedSettings)
    if settings is None:
        return
    for name in ("discount", "noise", "false_alarm", "detection"):
        current = getattr(settings, name)
        if current is None:
            continue
        declared = settings.ranges.get(name)
        ladder = tuple(x for x in LADDER + tuple(1 - x for x in LADDER) if _fits(name, x))
        for value in _range_or(declared, ladder, current):
            moved: RepeatedSettings = replace(settings, **{name: value})  # type: ignore[arg-type]
            if moved.detection is not None and moved.false_alarm is not None and moved.detection <= moved.false_alarm:
                continue  # no file may hold it: detection must exceed the false alarm
            yield _with_section(case, settings, moved), _section_flip(f"repeated.{name}", value, declared)


def _prior_changes(case: Case) -> Iterator[tuple[Case, Flip]]:
    """The prior of each type of a player with two types (the other's is one minus it),
    within its declared ``prior_range`` (a ladder of priors where none is declared)."""
    hidden = case.section(HiddenTypes)
    if hidden is None:
        return
    for player in {t.player for t in hidden.types}:
        pair = hidden.of(player)
        if len(pair) != 2:
            continue
        # A type whose prior has a declared range first: a flip inside it is the one to show.
        for k in sorted(range(2), key=lambda k: pair[k].prior_range is None):
            own, other = pair[k], pair[1 - k]
            ladder = tuple(Fraction(n, 20) for n in range(1, 20))
            for value in _range_or(own.prior_range, ladder, own.prior):
                if not 0 < value < 1:
                    continue
                changed = HiddenTypes(
                    tuple(
                        replace(t, prior=value) if t is own else replace(t, prior=1 - value) if t is other else t
                        for t in hidden.types
                    )
                )
                name = f"the prior of {case.game.players[player].name}'s type '{own.name}'"
                yield _with_section(case, hidden, changed), _section_flip(name, value, own.prior_range)


def _fits(name: str, x: Fraction) -> bool:
    """Whether ``x`` is a value ``[repeated]`` may hold for ``name``."""
    return x < Fraction(1, 2) if name == "noise" else 0 < x < 1


def _range_or(
    declared: tuple[Fraction, Fraction] | None, ladder: tuple[Fraction, ...], current: Fraction
) -> list[Fraction]:
    values = set(declared) if declared is not None else set(ladder)
    return sorted((v for v in values if v != current), key=lambda v: (abs(v - current), v))


def _with_section(case: Case, old: object, new: object) -> Case:
    return replace(case, sections=tuple(new if s is old else s for s in case.sections))


def _section_flip(name: str, value: Fraction, declared: tuple[Fraction, Fraction] | None) -> Flip:
    inside = declared is not None and declared[0] <= value <= declared[1]
    return Flip(f"{name} at {fmt(value)}", None, None, Grade.NOT_TESTABLE, inside)
