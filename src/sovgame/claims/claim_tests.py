"""The tests of a claim, one function per kind: compute the quantity exactly, compare it with
what the claim expects, and say in one line which player and deviation (or which constraint)
decide it.

Each function returns a :class:`TestResult`; a test that the file cannot answer (no
compromise strategy, not a 2x2 game, no mediator budget, a name the other file lacks) raises
:class:`Untestable` with the reason, and is graded "not testable with this file".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from pathlib import Path

from ..core.case import Case
from ..core.claims import MOVE_KINDS, ClaimTest, TestKind
from ..core.intervals import Endpoint, exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..costs.deviations import deviations
from ..costs.scenarios import equilibrium_label
from ..costs.thresholds import Threshold, ThresholdReport, compute_thresholds
from ..costs.verdicts import compare
from ..errors import ParameterError, SovgameError
from ..solvers.equilibria import Solution, solve


class Grade(StrEnum):
    """How far the computed quantity bears out what a claim expects."""

    SUPPORTED = "supported"
    PARTLY = "partly_supported"
    NOT_SUPPORTED = "not_supported"
    NOT_TESTABLE = "not_testable"

    @property
    def words(self) -> str:
        """The grade as tables print it."""
        return "not testable with this file" if self is Grade.NOT_TESTABLE else self.value.replace("_", " ")


#: What each grade means, as the scorecard says once.
GRADE_MEANINGS = {
    Grade.SUPPORTED: "every test of the claim comes out as the claim expects",
    Grade.PARTLY: "some tests (or some players) do, others do not or cannot be tested",
    Grade.NOT_SUPPORTED: "no test that could be computed comes out as the claim expects",
    Grade.NOT_TESTABLE: "the file lacks what the test needs (a compromise strategy, a 2x2 game, a budget, ...)",
}


class Untestable(Exception):
    """The file cannot answer this test; the message says why."""


@dataclass(frozen=True)
class TestResult:
    """One test of a claim, computed: the quantity, its exact value (and a decimal where it is
    a number), what the claim expects, the grade and the reason that decides it."""

    __test__ = False  # not a pytest class, despite its name

    test: ClaimTest
    quantity: str
    value: str
    decimal: float | None
    expects: str
    grade: Grade
    reason: str


#: One player's 2x2 game type in words (docs/models.md; Jervis 1978).
TYPE_WORDS = {
    "prisoners_dilemma": "prisoners' dilemma",
    "stag_hunt": "stag hunt",
    "chicken": "chicken",
    "deadlock": "deadlock",
    "harmony": "harmony",
    "other": "none of the textbook types",
}


CRITERION_PHRASES = {
    "nash": "is an equilibrium",
    "strict": "is a strict equilibrium",
    "dominant": "is every player's strictly dominant choice",
    "unique": "is the only equilibrium",
    "risk_dominant": "is risk-dominant",
}


def outcome_text(key: str) -> str:
    """ "(Strike, Tolerate TTP)" for the outcome key "Strike|Tolerate TTP"."""
    return "(" + ", ".join(part.strip() for part in key.split("|")) + ")"


def kappa_text(kappa: Fraction) -> str:
    """ "κ = 1 (today's costs)", "κ = 0 (costs not counted)" or "κ = 3/2"."""
    note = " (costs not counted)" if kappa == 0 else (" (today's costs)" if kappa == 1 else "")
    return f"κ = {fmt(kappa)}{note}"


def either(words: tuple[str, ...]) -> str:
    """ "beyond or never" for ("beyond", "never"), in words."""
    return " or ".join(w.replace("_", " ") for w in words)


def decimal_of(value: Endpoint | Fraction | None) -> float | None:
    """The decimal shown beside an exact value (None for never)."""
    return None if value is None else float(value)


def threshold_cell(t: Threshold) -> str:
    """ "≥ 4/3", "> 4", "never" or "in [a, b]" for a threshold."""
    if t.value is None:
        return "never"
    if t.bracket is not None:
        return f"in [{fmt(t.bracket[0])}, {fmt(t.bracket[1])}]"
    return f"{'≥' if t.attained else '>'} {exact_text(t.value)}"


class Context:
    """The case a scorecard is for, and what its tests share: the other files they name and
    the thresholds, each computed once."""

    def __init__(self, case: Case, report: ThresholdReport | None = None):
        self.case = case
        self._cases: dict[str, Case] = {}
        self._reports: dict[tuple[int, str | None], ThresholdReport] = {}
        if report is not None:
            self._reports[(id(case), None)] = report

    def related(self, spec: str) -> Case:
        """Another game file named by a claim: a bundled name, or a path relative to this file."""
        if spec not in self._cases:
            from ..files.gamefile import load_game

            name = spec
            if (spec.endswith(".toml") or "/" in spec or "\\" in spec) and not Path(spec).is_absolute():
                name = str(Path(self.case.folder or ".") / spec)
            try:
                self._cases[spec] = load_game(name)
            except SovgameError as exc:
                raise Untestable(f"the file it names cannot be used: {exc}") from None
        return self._cases[spec]

    def case_for(self, test: ClaimTest) -> Case:
        """The case a test is about: this file, or the one its ``game`` key names."""
        return self.case if test.game is None else self.related(test.game)

    def thresholds(self, case: Case, target: str | None = None) -> ThresholdReport:
        """The thresholds of ``case`` for ``target`` (default: its compromise profile)."""
        key = (id(case), target)
        if key not in self._reports:
            if target is None and case.game.compromise_profile is None:
                raise Untestable(f"{name_of(case)}: not every player names a compromise strategy")
            try:
                self._reports[key] = compute_thresholds(case, target)
            except ParameterError as exc:
                raise Untestable(f"{name_of(case)}: {exc.detail}") from None
        return self._reports[key]


def name_of(case: Case) -> str:
    """The case's name in a reason: its origin without " (bundled)"."""
    return case.origin.removesuffix(" (bundled)")


def parse_profile(case: Case, key: str) -> Profile:
    """The profile named by ``key`` in ``case``, or :class:`Untestable` saying why not."""
    try:
        return case.game.parse_outcome(key)
    except ValueError as exc:
        raise Untestable(f"{name_of(case)}: {exc}") from None


# --- threshold and binding ----------------------------------------------------------------------


def threshold_test(test: ClaimTest, ctx: Context) -> TestResult:
    """The verdict of a criterion's threshold against what the claim expects."""
    assert test.criterion is not None
    t = ctx.thresholds(ctx.case_for(test), test.target).thresholds[test.criterion]
    if not t.defined:
        raise Untestable(t.reason)
    if t.verdict is None:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    quantity, expects = describe(test)
    value = f"{threshold_cell(t)}: {t.verdict.words}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, t.reason)


def binding_test(test: ClaimTest, ctx: Context) -> TestResult:
    """Whether the named player's condition sets the threshold (the binding side)."""
    case = ctx.case_for(test)
    if test.player not in case.game.player_names:
        raise Untestable(f"{test.player!r} is no player of {name_of(case)}")
    assert test.criterion is not None
    t = ctx.thresholds(case).thresholds[test.criterion]
    own = ", ".join(f"{name} {exact_text(v)}" for name, v in (t.per_player or {}).items())
    binds = t.binding == test.player
    grade = Grade.SUPPORTED if binds == (test.expect == ("binding",)) else Grade.NOT_SUPPORTED
    if t.binding is None:
        reason = f"no one binds: {t.reason}"
    else:
        reason = t.reason
        mine = (t.per_player or {}).get(test.player) if not binds else None
        if mine is not None:
            met = "already met" if compare(mine, Fraction(1)) != 1 else "not met"
            reason += f"; {test.player}'s own condition starts at κ = {exact_text(mine)}, {met} at today's costs"
    quantity, expects = describe(test)
    value = f"{t.binding or 'no one'} (own thresholds: {own})"
    return TestResult(test, quantity, value, None, expects, grade, reason)


# --- equilibria ---------------------------------------------------------------------------------


def solution_text(game: Game, solution: Solution) -> str:
    """The equilibria in one line: outcome keys as "(s1, s2)", mixed ones by their strategies."""
    labels = [equilibrium_label(game, e) for e in solution.equilibria]
    text = "; ".join(outcome_text(x) if not x.startswith("mixed") else x for x in labels) or "none"
    return text + ("" if solution.complete else " (pure equilibria only)")


def deviation_words(game: Game, profile: Profile, i: int, to: int, gain: Fraction) -> str:
    """ "Pakistan gains 1/4 by 'Strike' instead of 'Restrain strikes' when Afghanistan plays 'Constrain TTP'"."""
    player = game.players[i]
    others = " and ".join(
        f"{p.name} plays '{p.strategies[s]}'" for j, (p, s) in enumerate(zip(game.players, profile)) if j != i
    )
    verb = "gains" if gain > 0 else ("loses" if gain < 0 else "gains nothing")
    amount = f" {fmt(abs(gain))}" if gain != 0 else ""
    return f"{player.name} {verb}{amount} by '{player.strategies[to]}' instead of '{player.strategies[profile[i]]}' when {others}"


def stability(game: Game, profile: Profile, kappa: Fraction) -> tuple[bool, str]:
    """Whether ``profile`` is a Nash equilibrium at κ, decided exactly, and why: the most
    profitable deviation, or the ties that make it a weak one."""
    U, W = game.payoffs, game.cost_load()
    devs = [d for i in range(game.n_players) for d in deviations(game, U, W, profile, i)]
    best = max(devs, key=lambda d: d.gain(kappa), default=None)
    if best is not None and best.gain(kappa) > 0:
        return False, deviation_words(game, profile, best.player, best.to, best.gain(kappa))
    ties = [d for d in devs if d.gain(kappa) == 0]
    if ties:
        tie = ties[0]
        return (
            True,
            f"no player gains by leaving it, but it is weak: {deviation_words(game, profile, tie.player, tie.to, Fraction(0))}",
        )
    return True, "every player loses by leaving it"


def equilibrium_test(test: ClaimTest, ctx: Context) -> TestResult:
    """Whether a profile is an equilibrium (or the only one) at κ, or is not."""
    case = ctx.case_for(test)
    game = case.game
    assert test.profile is not None
    profile = parse_profile(case, test.profile)
    solution = solve(game, test.kappa)
    is_nash, why = stability(game, profile, test.kappa)
    others = [e for e in solution.equilibria if e.pure_profile() != profile]
    expect = test.expect[0]
    if expect == "only_equilibrium" and is_nash and not solution.complete:
        raise Untestable("only pure equilibria were searched (three or more players without Gambit)")
    holds = {"equilibrium": is_nash, "not_equilibrium": not is_nash, "only_equilibrium": is_nash and not others}
    if is_nash and others:
        why += f"; also an equilibrium: {outcome_text(equilibrium_label(game, others[0]))}"
    reason = f"at {kappa_text(test.kappa)} {outcome_text(test.profile)}: {why}"
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if holds[expect] else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, solution_text(game, solution), None, expects, grade, reason)


# --- describing a test --------------------------------------------------------------------------


def describe(test: ClaimTest, discount: Fraction | None = None, noise: Fraction | None = None) -> tuple[str, str]:
    """(quantity, expects): what a test computes and what the claim expects of it, in words;
    ``discount`` and ``noise`` are the values a repeated-play test takes from its file."""
    kind, at = test.kind, kappa_text(test.kappa)
    if kind in MOVE_KINDS:
        from .claim_moves import describe_move

        return describe_move(test)
    target = "compromise" if test.target is None else outcome_text(test.target)
    where = "" if test.game is None else f" in {test.game}"
    if kind == TestKind.THRESHOLD:
        assert test.criterion is not None
        return f"κ from which {target} {CRITERION_PHRASES[test.criterion]}{where}", either(test.expect)
    if kind == TestKind.BINDING:
        assert test.criterion is not None
        phrase = CRITERION_PHRASES[test.criterion]
        expects = f"{test.player} {'binds' if test.expect == ('binding',) else 'does not bind'}"
        return f"the binding side of the κ from which compromise {phrase}{where}", expects
    if kind == TestKind.EQUILIBRIUM:
        assert test.profile is not None
        words = {"equilibrium": "is an equilibrium", "not_equilibrium": "is no equilibrium"}
        phrase = words.get(test.expect[0], "is the only equilibrium")
        return f"the equilibria at {at}{where}", f"{outcome_text(test.profile)} {phrase}"
    if kind == TestKind.GAME_TYPE:
        types = " or ".join(TYPE_WORDS[k] for k in test.expect)
        return f"each player's 2x2 game type at {at}{where}", f"{types} for every player"
    if kind == TestKind.MEDIATION and test.quantity == "transfers":
        budget = "more than" if test.expect == ("exceed_budget",) else "within"
        return (
            f"transfers per period that make {target} an equilibrium at {at}{where}",
            f"{budget} the mediator's budget",
        )
    if kind == TestKind.MEDIATION:
        return f"the highest probability of {target} in a correlated equilibrium at {at}{where}", _bound_text(test)
    if kind == TestKind.REPEATED and test.quantity == "grim_trigger":
        delta = test.discount or discount
        delta_text = "the file's discount factor" if delta is None else f"δ = {fmt(delta)}"
        verdict = "sustained" if test.expect == ("sustained",) else "not sustained"
        return f"δ*: the least discount factor at which a credible trigger sustains compromise, at {at}{where}", (
            f"compromise {verdict} at {delta_text}"
        )
    if kind == TestKind.REPEATED:
        pair = " against ".join(test.pair or ("tft", "tft"))
        flips = test.noise or noise
        noise_text = "the file's noise" if flips is None else f"noise {fmt(flips)}"
        return f"the long-run share of periods out of mutual compromise, {pair} with {noise_text}{where}", (
            _bound_text(test)
        )
    if kind == TestKind.THIRD_PARTY:
        return f"the others' equilibrium threshold with {test.player} at '{test.strategy}'{where}", either(test.expect)
    assert kind == TestKind.SCENARIO
    if test.gains is not None:
        moved = "gains" if test.gains else "loses"
        return f"the equilibria at {at} of {test.scenario} against{where or ' this file'}", (
            f"{moved} {outcome_text(test.profile or '')}"
        )
    assert test.criterion is not None
    after = f", ending {either(test.expect)}" if test.expect else ""
    return f"how {test.scenario} moves the κ from which compromise {CRITERION_PHRASES[test.criterion]}", (
        f"{test.direction}{after}"
    )


def _bound_text(test: ClaimTest) -> str:
    if test.at_most is not None:
        return f"at most {fmt(test.at_most)}"
    return f"at least {fmt(test.at_least)}"


def within_bound(test: ClaimTest, value: Fraction) -> bool:
    """Whether ``value`` meets the test's ``at_most`` / ``at_least``."""
    if test.at_most is not None:
        return value <= test.at_most
    assert test.at_least is not None
    return value >= test.at_least
