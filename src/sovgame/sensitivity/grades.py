"""Sensitivity of the claims a file states: how far each number may move before a claim's grade
changes (:mod:`sovgame.sensitivity.one_number`).

A claim's grade combines its tests' grades (:func:`sovgame.claims.grading.combine`), so it
can change only where one of its tests' grades does. Each test of this file is followed as a
track (:mod:`sovgame.sensitivity.walk`) with its own exact events:

- ``threshold``: the criterion's track (the grade is the verdict against what is expected);
- ``binding``: which player's own threshold is largest changes where two deviations'
  boundaries cross or one crosses κ = 0 (the events of the criterion's linear conditions);
- ``equilibrium`` at κ: a pure profile's deviation gains at that κ are affine in p, so they
  change sign at one p each; whether it is the only equilibrium changes where the equilibrium
  set at that κ changes in p (a 2x2 game: a pairwise gain changes sign; larger two-player
  games: the breakpoints of :mod:`sovgame.costs.regimes`, with p in the role of κ);
- ``game_type`` at κ: each player's R, S, T, P are affine in p; types change where two tie;
- ``scenario``: the equilibria gained or lost at κ (this file's side: a pure profile's gains),
  or the threshold's order against the other file's (its track, with the other file's value
  as one more constant).

A test that names another file does not depend on this file's numbers (other files are used as
they are): its grade is fixed. A claim with a test of another kind on this file (mediation,
repeated play, a third party) is not followed, and the result says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..claims.grading import Context, Grade, Untestable, combine
from ..claims.kinds.binding import BindingTest
from ..claims.kinds.equilibrium import EquilibriumTest
from ..claims.kinds.game_type import GameTypeTest, player_type
from ..claims.kinds.scenario import ScenarioEquilibriumTest, ScenarioThresholdTest, order
from ..claims.kinds.threshold import ThresholdTest
from ..claims.scorecard import Scorecard, grade_claims
from ..core.case import Case
from ..core.claims import Claim, ClaimTest
from ..core.model import Game, Profile
from ..core.roots import Number
from ..costs.deviations import binding_player
from ..costs.status_quo_exit import STATUS_QUO_EXIT, status_quo_profile
from ..costs.thresholds import resolve_target
from ..errors import ParameterError, SovgameError
from .criteria import criterion_track
from .parameters import Line, ParameterKind
from .tracks import Form, Never, Reading, at, form_polynomials, linear_set, moves, roots_of
from .unique_tracks import Signs, alone_after_dominance, comparisons

#: The test classes followed when a test is about this file.
FOLLOWED = (ThresholdTest, BindingTest, EquilibriumTest, GameTypeTest, ScenarioThresholdTest, ScenarioEquilibriumTest)


def _moved(p: Profile, i: int, s: int) -> Profile:
    return p[:i] + (s,) + p[i + 1 :]


@dataclass(frozen=True, eq=False)
class TestTrack:
    """One test along a line: its grade at p and the events where it can change."""

    __test__ = False  # not a pytest class, despite its name

    test: ClaimTest
    line: Line
    fixed: Grade | None = None  # a test whose grade does not depend on this file's numbers
    complete: bool = True
    extra: tuple = ()  # what a scenario test fixes: the other file's side

    def grade(self, p: Fraction) -> Grade:
        """The test's grade with the number at p."""
        if self.fixed is not None:
            return self.fixed
        return GRADERS[type(self.test)](self, self.test, p)

    def events(self) -> list[Number]:
        """Where the grade can change."""
        if self.fixed is not None:
            return []
        return EVENTS[type(self.test)](self, self.test)

    def depends(self) -> bool:
        """Whether the number can move the grade at all."""
        if self.fixed is not None:
            return False
        if isinstance(self.test, (ThresholdTest, ScenarioThresholdTest)):
            return bool(_criterion(self, self.test.criterion).depends())
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return False
        return any(moves(f) for f in _relevant_forms(self))


def target_key(test: ClaimTest) -> str | None:
    """The outcome a test's thresholds are for (None: the compromise profile)."""
    return test.target if isinstance(test, (ThresholdTest, GameTypeTest)) else None


def _target(track: TestTrack) -> Profile:
    return resolve_target(track.line.game, target_key(track.test))


def _criterion(track: TestTrack, criterion: str):
    return criterion_track(track.line, criterion, _target(track))


def _threshold_grade(track: TestTrack, test: ThresholdTest, p: Fraction) -> Grade:
    reading = _criterion(track, test.criterion).read(p)
    if reading.state is None:
        return Grade.NOT_TESTABLE
    return Grade.SUPPORTED if reading.state in test.expect else Grade.NOT_SUPPORTED


def _deviation_forms(track: TestTrack, criterion: str) -> list[tuple[int, Form]]:
    """(player, form) of every condition of a binding test's criterion."""
    game, target = track.line.game, _target(track)
    if criterion == "dominant":
        return [
            (i, track.line.form(i, q, _moved(q, i, s)))
            for q in game.profiles()
            for i in range(game.n_players)
            if q[i] == target[i]
            for s in range(game.shape[i])
            if s != target[i]
        ]
    return [
        (i, track.line.form(i, target, _moved(target, i, s)))
        for i in range(game.n_players)
        for s in range(game.shape[i])
        if s != target[i]
    ]


def _binding_grade(track: TestTrack, test: BindingTest, p: Fraction) -> Grade:
    """As :mod:`sovgame.claims.kinds.binding`: the player whose own set starts last binds,
    unless the set is empty or starts at 0."""
    strict = test.criterion != "nash"
    forms = _deviation_forms(track, test.criterion)
    whole = linear_set([at(f, p) for _, f in forms], strict)
    binding = None
    if whole and whole[0].lo != 0:
        lower = {}
        for i in range(track.line.game.n_players):
            own = linear_set([at(f, p) for j, f in forms if j == i], strict)
            lower[i] = own[0].lo if own else None
        binding = track.line.game.player_names[binding_player(lower)]
    binds = binding == test.player
    return Grade.SUPPORTED if binds == (test.expect == "binding") else Grade.NOT_SUPPORTED


def _pure_forms(track: TestTrack, profile: Profile) -> list[Form]:
    game = track.line.game
    return [
        track.line.form(i, profile, _moved(profile, i, s))
        for i in range(game.n_players)
        for s in range(game.shape[i])
        if s != profile[i]
    ]


def _at_kappa(form: Form, kappa: Fraction) -> Form:
    """The form's gain at a fixed κ, as (g0, g1, 0, 0): g0 + g1·p."""
    a0, a1, b0, b1 = form
    return (a0 - kappa * b0, a1 - kappa * b1, Fraction(0), Fraction(0))


def _is_nash(track: TestTrack, profile: Profile, p: Fraction) -> bool:
    kappa = track.test.kappa
    return all(a - kappa * b <= 0 for a, b in (at(f, p) for f in _pure_forms(track, profile)))


def _equilibrium_grade(track: TestTrack, test: EquilibriumTest, p: Fraction) -> Grade:
    """As :mod:`sovgame.claims.kinds.equilibrium`."""
    game = track.line.game
    profile = game.parse_outcome(test.profile)
    is_nash = _is_nash(track, profile, p)
    if test.expect != "only_equilibrium":
        return Grade.SUPPORTED if is_nash == (test.expect == "equilibrium") else Grade.NOT_SUPPORTED
    if not is_nash:
        return Grade.NOT_SUPPORTED
    if game.shape == (2, 2):
        keys, forms = comparisons(track.line)
        signs = Signs.at({k: j for j, k in enumerate(keys)}, [at(f, p) for f in forms], test.kappa)
        alone = alone_after_dominance(game.shape, profile, signs)
        return Grade.SUPPORTED if alone else Grade.NOT_SUPPORTED
    from ..solvers.equilibria import solve

    solution = solve(track.line.game_at(p), test.kappa)
    if not solution.complete:
        return Grade.NOT_TESTABLE
    others = [e for e in solution.equilibria if e.pure_profile() != profile]
    return Grade.NOT_SUPPORTED if others else Grade.SUPPORTED


def _equilibrium_events(track: TestTrack, test: EquilibriumTest) -> list[Number]:
    game = track.line.game
    profile = game.parse_outcome(test.profile)
    if test.expect != "only_equilibrium":
        return roots_of(
            form_polynomials([_at_kappa(f, test.kappa) for f in _pure_forms(track, profile)], [Fraction(0)])
        )
    if game.shape == (2, 2) or game.n_players > 2:
        forms = [_at_kappa(f, test.kappa) for q in game.profiles() for f in _pure_forms(track, q)]
        return roots_of(form_polynomials(forms, [Fraction(0)]))
    from .unique_tracks import breakpoints_in_p

    return breakpoints_in_p(track.line, [test.kappa])


def _rstp(track: TestTrack, p: Fraction) -> dict[int, tuple[Fraction, ...]]:
    target = _target(track)
    confront = tuple(1 - t for t in target)
    U, W = track.line.arrays(p)
    u = U - track.test.kappa * W
    out: dict[int, tuple[Fraction, ...]] = {}
    for i in range(2):

        def cell(own: Profile, other: Profile, i: int = i) -> Fraction:
            q = [0, 0]
            q[i], q[1 - i] = own[i], other[1 - i]
            return u[tuple(q) + (i,)]

        out[i] = (cell(target, target), cell(target, confront), cell(confront, target), cell(confront, confront))
    return out


def _game_type_grade(track: TestTrack, test: GameTypeTest, p: Fraction) -> Grade:
    """As :mod:`sovgame.claims.kinds.game_type`."""
    types = [player_type(*values) for values in _rstp(track, p).values()]
    matching = sum(1 for kind in types if kind in test.expect)
    if matching == len(types):
        # Read where no cost enters, the type is the ordering typed in (as the grader says).
        typed = test.kappa == 0 or not track.line.game.costs
        return Grade.BY_CONSTRUCTION if typed else Grade.SUPPORTED
    return Grade.PARTLY if matching else Grade.NOT_SUPPORTED


def _game_type_events(track: TestTrack, test: GameTypeTest) -> list[Number]:
    values0 = _rstp(track, Fraction(0))
    values1 = _rstp(track, Fraction(1))
    polys = []
    for i in range(2):
        for a, b in ((x, y) for x in range(4) for y in range(x + 1, 4)):
            c0 = values0[i][a] - values0[i][b]
            c1 = values1[i][a] - values1[i][b] - c0
            polys.append((c0, c1, Fraction(0), Fraction(0)))
    return roots_of(form_polynomials(polys, [Fraction(0)]))


def _relevant_forms(track: TestTrack) -> list[Form]:
    """Every form a test's grade can depend on (to tell whether the number moves it)."""
    if isinstance(track.test, BindingTest):
        return [f for _, f in _deviation_forms(track, track.test.criterion)]
    game = track.line.game
    return [f for q in game.profiles() for f in _pure_forms(track, q)]


def _gains_grade(track: TestTrack, test: ScenarioEquilibriumTest, p: Fraction) -> Grade:
    """As :mod:`sovgame.claims.kinds.scenario` (gains or loses), this file moving."""
    present_there, profile = track.extra
    present_here = profile is not None and _is_nash(track, profile, p)
    holds = (present_there and not present_here) if test.gains else (present_here and not present_there)
    return Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED


def _moves_grade(track: TestTrack, test: ScenarioThresholdTest, p: Fraction) -> Grade:
    """As :mod:`sovgame.claims.kinds.scenario` (a threshold moved), this file moving."""
    from ..costs.thresholds import compute_thresholds

    (after,) = track.extra
    before = compute_thresholds(track.line.game_at(p)).thresholds[test.criterion]
    if not before.defined or before.verdict is None:
        return Grade.NOT_TESTABLE
    try:
        moved = order(before, after)
    except Untestable:
        return Grade.NOT_TESTABLE
    direction_ok = moved == {"up": 1, "down": -1, "unchanged": 0}[test.direction]
    verdict_ok = not test.expect or after.verdict in test.expect
    if direction_ok and verdict_ok:
        return Grade.SUPPORTED
    return Grade.PARTLY if direction_ok or (test.expect and verdict_ok) else Grade.NOT_SUPPORTED


def _gains_events(track: TestTrack, test: ScenarioEquilibriumTest) -> list[Number]:
    _, profile = track.extra
    forms = [_at_kappa(f, test.kappa) for f in _pure_forms(track, profile)] if profile is not None else []
    return roots_of(form_polynomials(forms, [Fraction(0)]))


def _moves_events(track: TestTrack, test: ScenarioThresholdTest) -> list[Number]:
    (after,) = track.extra
    extra = [after.value] if isinstance(after.value, Fraction) else []
    return _criterion(track, test.criterion).events(extra)


def _threshold_events(track: TestTrack, test: ThresholdTest) -> list[Number]:
    return _criterion(track, test.criterion).events()


def _binding_events(track: TestTrack, test: BindingTest) -> list[Number]:
    return roots_of(form_polynomials([f for _, f in _deviation_forms(track, test.criterion)], [Fraction(0)]))


#: Each followed test class: its grade along the line, and the events where it can change.
GRADERS: dict[type, Callable[[TestTrack, Any, Fraction], Grade]] = {
    ThresholdTest: _threshold_grade,
    BindingTest: _binding_grade,
    EquilibriumTest: _equilibrium_grade,
    GameTypeTest: _game_type_grade,
    ScenarioThresholdTest: _moves_grade,
    ScenarioEquilibriumTest: _gains_grade,
}
EVENTS: dict[type, Callable[[TestTrack, Any], list[Number]]] = {
    ThresholdTest: _threshold_events,
    BindingTest: _binding_events,
    EquilibriumTest: _equilibrium_events,
    GameTypeTest: _game_type_events,
    ScenarioThresholdTest: _moves_events,
    ScenarioEquilibriumTest: _gains_events,
}


@dataclass(frozen=True, eq=False)
class ClaimTrack:
    """A claim's grade along one number: its tests' grades, combined."""

    subject: str
    tests: tuple[TestTrack, ...]

    @property
    def complete(self) -> bool:
        """Whether every test's events are proved complete."""
        return all(t.complete for t in self.tests)

    def read(self, p: Fraction) -> Reading:
        """The claim's grade with the number at p."""
        return Reading(combine([t.grade(p) for t in self.tests]), None, False, Never())  # type: ignore[arg-type]

    def events(self) -> list[Number]:
        """Where some test's grade can change."""
        return [e for t in self.tests for e in t.events()]

    def depends(self) -> bool:
        """Whether the number moves any test."""
        return any(t.depends() for t in self.tests)


class ClaimTracks:
    """The claims of a game that sensitivity can follow, and why others are not followed."""

    def __init__(self, case: Case, card: Scorecard | None = None):
        self.case, self.game = case, case.game
        card = card or grade_claims(case)
        assert card is not None
        self.context = Context(case)
        self.graded = {r.claim.id: r for r in card.results}
        self.followed: list[Claim] = []
        notes = []
        for claim in case.claims:
            odd = [t for t in claim.tests if t.game is None and not isinstance(t, FOLLOWED)]
            if odd:
                kinds = ", ".join(sorted({t.kind for t in odd}))
                notes.append(f"claim {claim.id} is not followed: sensitivity does not follow tests of kind {kinds}")
            else:
                self.followed.append(claim)
        self.notes = tuple(notes)

    def along(self, line: Line) -> list[ClaimTrack]:
        """A track per followed claim whose grade the number can move."""
        out = []
        for claim in self.followed:
            result = self.graded[claim.id]
            tests = tuple(self._test(test, line, graded.grade) for test, graded in zip(claim.tests, result.tests))
            track = ClaimTrack(f"claim:{claim.id}", tests)
            if track.depends():
                out.append(track)
        return out

    def follows(self, test: ClaimTest) -> bool:
        """Whether ``test`` is about this file and of a kind sensitivity follows."""
        return test.game is None and isinstance(test, FOLLOWED)

    def track(self, test: ClaimTest, line: Line, grade: Grade) -> TestTrack:
        """The test's track along ``line`` (fixed when this file's numbers cannot move it)."""
        return self._test(test, line, grade)

    def _test(self, test: ClaimTest, line: Line, grade: Grade) -> TestTrack:
        """A test's track, or a fixed one when this file's numbers cannot move it."""
        fixed = TestTrack(test, line, fixed=grade)
        if test.game is not None or not _structurally_testable(self.game, test):
            return fixed
        if not isinstance(test, (ScenarioThresholdTest, ScenarioEquilibriumTest)):
            return TestTrack(test, line)
        try:
            other = self.context.related(test.scenario)
        except Untestable:
            return fixed
        if isinstance(test, ScenarioThresholdTest):
            try:
                after = self.context.thresholds(other).thresholds[test.criterion]
            except (Untestable, SovgameError):
                return fixed
            complete = isinstance(after.value, Fraction) or after.value is None
            return TestTrack(test, line, complete=complete, extra=(after,))
        return self._gains_track(test, line, other, fixed)

    def _gains_track(self, test: ScenarioEquilibriumTest, line: Line, other_case: Case, fixed: TestTrack) -> TestTrack:
        from ..costs.scenarios import equilibrium_label
        from ..solvers.equilibria import solve

        other = other_case.game
        home = other if test.gains else self.game
        try:
            key = home.outcome_key(home.parse_outcome(test.profile))
        except ValueError:
            return fixed
        present_there = key in {equilibrium_label(other, e) for e in solve(other, test.kappa).equilibria}
        try:
            profile: Profile | None = self.game.parse_outcome(key)
        except ValueError:
            profile = None
        if profile is None:
            return fixed
        return TestTrack(test, line, extra=(present_there, profile))


def _structurally_testable(game: Game, test: ClaimTest) -> bool:
    """Whether the file has what the test needs whatever its numbers (a 2x2 game for types and
    risk dominance, the named player and profiles, a target)."""
    try:
        if isinstance(test, EquilibriumTest):
            game.parse_outcome(test.profile)
        else:
            resolve_target(game, target_key(test))
    except (SovgameError, ParameterError, ValueError):
        return False
    if isinstance(test, ThresholdTest) and test.criterion == STATUS_QUO_EXIT:
        return status_quo_profile(game) is not None
    if isinstance(test, GameTypeTest) or (isinstance(test, ThresholdTest) and test.criterion == "risk_dominant"):
        return game.shape == (2, 2)
    if isinstance(test, BindingTest):
        return test.player in game.player_names
    if isinstance(test, EquilibriumTest) and test.expect == "only_equilibrium" and game.n_players > 2:
        return False  # only pure equilibria are searched: "the only one" is not testable
    return True
