"""``scenario``: another game file moves a threshold, or gains or loses an equilibrium at κ,
against this one (forward scenarios: status quo, escalation, an outside shock)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar

from ...core.case import Case
from ...core.claims import ClaimTest
from ...core.intervals import compare
from ...core.model import Profile
from ...core.numbers import fmt
from ...costs.verdicts import set_text
from ..grading import Context, Grade, TestResult, Untestable, parse_profile
from ..kind import ClaimKind
from ..reading import CRITERIA, VERDICT_WORDS, TestReader
from ..wording import (
    CRITERION_PHRASES,
    decimal_of,
    either,
    kappa_text,
    outcome_text,
    solution_text,
    stability,
    threshold_cell,
)

if TYPE_CHECKING:
    from ...costs.thresholds import Threshold

DIRECTIONS = ("up", "down", "unchanged")


@dataclass(frozen=True, kw_only=True)
class ScenarioTest(ClaimTest):
    """A test against the game file ``scenario``: one of the two forms below."""

    kind: ClassVar[str] = "scenario"
    scenario: str


@dataclass(frozen=True, kw_only=True)
class ScenarioThresholdTest(ScenarioTest):
    """The scenario moves the threshold of ``criterion`` in ``direction`` (and, with
    ``expect``, to one of those verdicts)."""

    criterion: str
    direction: str
    expect: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ScenarioEquilibriumTest(ScenarioTest):
    """The scenario gains (``gains``) or loses the equilibrium ``profile`` at κ."""

    profile: str
    gains: bool


#: A scenario test in one of its two forms.
ScenarioMove = ScenarioThresholdTest | ScenarioEquilibriumTest


def read(read: TestReader) -> ScenarioMove | None:
    """``scenario`` and either ``criterion`` with ``direction`` (and optionally ``expect``),
    or ``gains`` / ``loses`` an outcome of the scenario."""
    scenario = read.text("scenario")
    moved = [name for name in ("gains", "loses") if name in read.table]
    if len(moved) > 1 or (moved and "criterion" in read.table):
        read.add(moved[-1], "give either `criterion` with `direction`, or one of `gains` and `loses`")
        return None
    if moved:
        profile = read.text(moved[0])
        if not read.ok or scenario is None or profile is None:
            return None
        return ScenarioEquilibriumTest(**read.common(), scenario=scenario, profile=profile, gains=moved[0] == "gains")
    criterion, direction = read.word("criterion", CRITERIA), read.word("direction", DIRECTIONS)
    expect = read.words("expect", VERDICT_WORDS, required=False)
    if not read.ok or scenario is None or criterion is None or direction is None:
        return None
    return ScenarioThresholdTest(
        **read.common(), scenario=scenario, criterion=criterion, direction=direction, expect=expect
    )


def describe(test: ScenarioMove) -> tuple[str, str]:
    """(quantity, expects) in words."""
    if isinstance(test, ScenarioEquilibriumTest):
        where = "" if test.game is None else f" in {test.game}"
        moved = "gains" if test.gains else "loses"
        return f"the equilibria at {kappa_text(test.kappa)} of {test.scenario} against{where or ' this file'}", (
            f"{moved} {outcome_text(test.profile)}"
        )
    after = f", ending {either(test.expect)}" if test.expect else ""
    return f"how {test.scenario} moves the κ from which compromise {CRITERION_PHRASES[test.criterion]}", (
        f"{test.direction}{after}"
    )


def order(before: Threshold, after: Threshold) -> int:
    """−1, 0 or 1 as a threshold moves down, stays or moves up (never counts as ∞; at an
    equal value, "above v" is higher than "from v")."""
    a, b = before.value, after.value
    if a is None or b is None:
        return 0 if a is b else (1 if b is None else -1)
    side = compare(b, a)  # exactly, roots included
    if side == 0 and before.attained != after.attained:
        return 1 if before.attained else -1
    return side


def grade(test: ScenarioMove, ctx: Context) -> TestResult:
    """How another game file moves a threshold, or the equilibrium set at κ, against this one."""
    base, scenario = ctx.case_for(test), ctx.related(test.scenario)
    if isinstance(test, ScenarioEquilibriumTest):
        return _equilibria_moved(test, ctx, base, scenario)
    before = ctx.thresholds(base).thresholds[test.criterion]
    after = ctx.thresholds(scenario).thresholds[test.criterion]
    if not (before.defined and after.defined) or before.verdict is None or after.verdict is None:
        raise Untestable(f"the threshold is not settled in both files: {after.reason}")
    moved = order(before, after)
    direction_ok = moved == {"up": 1, "down": -1, "unchanged": 0}[test.direction]
    verdict_ok = not test.expect or after.verdict in test.expect
    if direction_ok and verdict_ok:
        grade = Grade.SUPPORTED
    else:
        grade = Grade.PARTLY if direction_ok or (test.expect and verdict_ok) else Grade.NOT_SUPPORTED
    value = f"{threshold_cell(before)} → {threshold_cell(after)} ({before.verdict.words} → {after.verdict.words})"
    reason = f"in {test.scenario} the threshold {'rises' if moved > 0 else 'falls' if moved < 0 else 'stays'}: {after.reason}"
    quantity, expects = describe(test)
    return TestResult(test, quantity, value, decimal_of(after.value), expects, grade, reason)


def _equilibria_moved(test: ScenarioEquilibriumTest, ctx: Context, base: Case, scenario: Case) -> TestResult:
    """Whether the scenario gains (or loses) an equilibrium at κ against the baseline."""
    from ...costs.scenarios import equilibrium_label
    from ...solvers.equilibria import solve

    home = scenario if test.gains else base
    profile = parse_profile(home, test.profile)
    key = home.game.outcome_key(profile)
    games = (base.game, scenario.game)
    solutions = [solve(g, test.kappa) for g in games]
    labels = [{equilibrium_label(g, e) for e in s.equilibria} for g, s in zip(games, solutions)]
    present = [key in labels[0], key in labels[1]]
    holds = (present[1] and not present[0]) if test.gains else (present[0] and not present[1])
    nash = ctx.thresholds(home, key).thresholds["nash"]
    where = set_text(nash.intervals) if nash.intervals else "at no cost level"
    _, why = stability(home.game, profile, test.kappa)
    name = test.scenario if test.gains else "the baseline"
    reason = (
        f"{outcome_text(key)} is an equilibrium of {name} {where}"
        + (f" ({nash.verdict.words})" if nash.verdict else "")
        + f"; at {kappa_text(test.kappa)} {why}"
    )
    if present[1 if test.gains else 0]:
        reason += _knife_edge(home, profile, test.kappa)
    value = f"{solution_text(base.game, solutions[0])} → {solution_text(scenario.game, solutions[1])}"
    quantity, expects = describe(test)
    return TestResult(test, quantity, value, None, expects, Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED, reason)


def _knife_edge(case: Case, profile: Profile, kappa: Fraction) -> str:
    """A warning when ``profile`` is an equilibrium at κ only through an exact tie: some
    player's move away gains exactly 0, so a change of either payoff in one direction ends it."""
    game = case.game
    u = game.payoffs_at(kappa)
    ties = []
    for i, player in enumerate(game.players):
        for s in range(game.shape[i]):
            moved = profile[:i] + (s,) + profile[i + 1 :]
            if s != profile[i] and u[moved + (i,)] == u[profile + (i,)]:
                ties.append(
                    f"{player.name}'s '{player.strategies[profile[i]]}' and '{player.strategies[s]}' both give "
                    f"{fmt(u[profile + (i,)])}"
                )
    if not ties:
        return ""
    return f"; a knife edge: it is an equilibrium only through an exact tie ({'; '.join(ties)})"


KIND: ClaimKind[ScenarioMove] = ClaimKind(
    "scenario", ("scenario", "criterion", "direction", "expect", "gains", "loses", "kappa"), read, grade, describe
)
