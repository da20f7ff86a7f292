"""Tests of a claim about the game's shape and its variants: the 2x2 game type, a third
party held at a strategy, and another game file as a scenario (:mod:`sovgame.claims.scorecard`)."""

from __future__ import annotations

from fractions import Fraction

from ..core.case import Case
from ..core.claims import ClaimTest
from ..core.intervals import Endpoint, compare
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..costs.deviations import deviations
from ..costs.scenarios import equilibrium_label
from ..costs.thresholds import Threshold
from ..costs.verdicts import set_text
from ..solvers.equilibria import solve
from .claim_tests import (
    TYPE_WORDS,
    Context,
    Grade,
    TestResult,
    Untestable,
    decimal_of,
    describe,
    kappa_text,
    outcome_text,
    parse_profile,
    solution_text,
    stability,
    threshold_cell,
)


def player_type(R: Fraction, S: Fraction, T: Fraction, P: Fraction) -> str:
    """One player's 2x2 type from its payoffs R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D):
    prisoners' dilemma T > R > P > S, stag hunt R > T ≥ P > S, chicken T > R > S > P,
    deadlock T > P > R > S, harmony R > T and S > P (compromise dominant), else other."""
    if T > R > P > S:
        return "prisoners_dilemma"
    if R > T >= P > S:
        return "stag_hunt"
    if T > R > S > P:
        return "chicken"
    if T > P > R > S:
        return "deadlock"
    if R > T and S > P:
        return "harmony"
    return "other"


def ordering_text(values: dict[str, Fraction]) -> str:
    """ "T 13/4 > R 3 > P 5/4 > S 1/2": the four payoffs from best to worst, ties as "="."""
    ranked = sorted(values.items(), key=lambda item: -item[1])
    text = f"{ranked[0][0]} {fmt(ranked[0][1])}"
    for (_, before), (name, value) in zip(ranked, ranked[1:]):
        text += f" {'>' if value < before else '='} {name} {fmt(value)}"
    return text


def target_profile(case: Case, key: str | None) -> Profile:
    """The profile a test is about: ``key`` in ``case``, or its compromise profile."""
    if key is not None:
        return parse_profile(case, key)
    if case.game.compromise_profile is None:
        raise Untestable("not every player names a compromise strategy")
    return case.game.compromise_profile


def game_type_test(test: ClaimTest, ctx: Context) -> TestResult:
    """Each player's 2x2 type at κ against the types the claim expects; partly supported when
    some players' payoffs have it and others' do not."""
    case = ctx.case_for(test)
    full = case.game
    game = full.without_single_strategy_players()  # a 2x2x1 game is a 2x2 game
    if game.shape != (2, 2):
        raise Untestable(f"game types are defined here for 2x2 games; this one is {'x'.join(map(str, full.shape))}")
    target = full.solved_profile(target_profile(case, test.target))
    confront = tuple(1 - t for t in target)
    u = game.payoffs_at(test.kappa)
    types, orders = {}, {}
    for i, player in enumerate(game.players):

        def at(own: Profile, other: Profile, i: int = i) -> Fraction:
            """Player i's payoff when it plays its part of ``own`` and the other its part of ``other``."""
            profile = [0, 0]
            profile[i], profile[1 - i] = own[i], other[1 - i]
            return u[tuple(profile) + (i,)]

        values = {
            "R": at(target, target),
            "S": at(target, confront),
            "T": at(confront, target),
            "P": at(confront, confront),
        }
        types[player.name] = player_type(values["R"], values["S"], values["T"], values["P"])
        orders[player.name] = ordering_text(values)
    matching = [name for name, kind in types.items() if kind in test.expect]
    grade = Grade.SUPPORTED if len(matching) == len(types) else (Grade.PARTLY if matching else Grade.NOT_SUPPORTED)
    value = "; ".join(f"{name}: {TYPE_WORDS[kind]}" for name, kind in types.items())
    wanted = " or ".join(TYPE_WORDS[k] for k in test.expect)
    parts = [
        f"{name}'s payoffs order as {orders[name]}: {TYPE_WORDS[kind]}"
        + ("" if name in matching else f", not {wanted}")
        for name, kind in sorted(types.items(), key=lambda item: item[0] in matching)
    ]
    quantity, expects = describe(test)
    return TestResult(test, quantity, value, None, expects, grade, f"at {kappa_text(test.kappa)}, " + "; ".join(parts))


# --- a third party ------------------------------------------------------------------------------


def binding_deviation(game: Game, profile: Profile, i: int) -> str:
    """The deviation that sets player i's Nash threshold at ``profile``: the largest a/b."""
    U, W = game.payoffs, game.cost_load()
    devs = [d for d in deviations(game, U, W, profile, i) if d.b > 0]
    if not devs:
        return game.players[i].name + " binds"
    d = max(devs, key=lambda d: d.a / d.b)
    others = " and ".join(
        f"{p.name} plays '{p.strategies[s]}'" for j, (p, s) in enumerate(zip(game.players, profile)) if j != i
    )
    return (
        f"{game.players[i].name} binds: '{game.players[i].strategies[d.to]}' gains {fmt(d.a)} when {others}, "
        f"and costs make it dearer by {fmt(d.b)} per unit of κ"
    )


def third_party_test(test: ClaimTest, ctx: Context) -> TestResult:
    """The others' Nash threshold with an outside player held at a strategy, against the
    verdicts the claim expects; the reason names the binding side and its deviation."""
    case = ctx.case_for(test)
    game = case.game
    report = ctx.thresholds(case)
    third = next((x for x in report.third_parties if x.player == test.player), None)
    if third is None:
        raise Untestable(
            f"{test.player!r} is no outside player of this game (those are the players after the first two)"
        )
    t = third.nash.get(test.strategy or "")
    if t is None:
        raise Untestable(f"{test.strategy!r} is no strategy of {test.player}")
    if t.verdict is None:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    k = game.player_names.index(third.player)
    held = report.target[:k] + (game.players[k].strategies.index(test.strategy or ""),) + report.target[k + 1 :]
    reason = f"with {test.player} at '{test.strategy}' the others' compromise {t.reason}"
    if t.binding is not None:
        reason += f"; {binding_deviation(game, held, game.player_names.index(t.binding))}"
    own = game.players[k].compromise
    if own is not None and own != test.strategy:
        reason += f"; with {test.player} at '{own}' the threshold is {threshold_cell(third.nash[own])}"
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    value = f"{threshold_cell(t)}: {t.verdict.words}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, reason)


# --- scenarios ----------------------------------------------------------------------------------


def _sign(x: Endpoint, y: Endpoint) -> int:
    """The sign of x − y, exactly (roots included: they compare exactly)."""
    return compare(x, y)


def order(before: Threshold, after: Threshold) -> int:
    """−1, 0 or 1 as a threshold moves down, stays or moves up (never counts as ∞; at an
    equal value, "above v" is higher than "from v")."""
    a, b = before.value, after.value
    if a is None or b is None:
        return 0 if a is b else (1 if b is None else -1)
    side = _sign(b, a)
    if side == 0 and before.attained != after.attained:
        return 1 if before.attained else -1
    return side


def scenario_test(test: ClaimTest, ctx: Context) -> TestResult:
    """How another game file moves a threshold, or the equilibrium set at κ, against this one."""
    assert test.scenario is not None
    base, scenario = ctx.case_for(test), ctx.related(test.scenario)
    if test.gains is not None:
        return _equilibria_moved(test, ctx, base, scenario)
    assert test.criterion is not None
    before = ctx.thresholds(base).thresholds[test.criterion]
    after = ctx.thresholds(scenario).thresholds[test.criterion]
    if not (before.defined and after.defined) or before.verdict is None or after.verdict is None:
        raise Untestable(f"the threshold is not settled in both files: {after.reason}")
    moved = order(before, after)
    direction_ok = moved == {"up": 1, "down": -1, "unchanged": 0}[test.direction or "up"]
    verdict_ok = not test.expect or after.verdict in test.expect
    if direction_ok and verdict_ok:
        grade = Grade.SUPPORTED
    else:
        grade = Grade.PARTLY if direction_ok or (test.expect and verdict_ok) else Grade.NOT_SUPPORTED
    value = f"{threshold_cell(before)} → {threshold_cell(after)} ({before.verdict.words} → {after.verdict.words})"
    reason = f"in {test.scenario} the threshold {'rises' if moved > 0 else 'falls' if moved < 0 else 'stays'}: {after.reason}"
    quantity, expects = describe(test)
    return TestResult(test, quantity, value, decimal_of(after.value), expects, grade, reason)


def _equilibria_moved(test: ClaimTest, ctx: Context, base: Case, scenario: Case) -> TestResult:
    """Whether the scenario gains (or loses) an equilibrium at κ against the baseline."""
    assert test.profile is not None
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
    value = f"{solution_text(base.game, solutions[0])} → {solution_text(scenario.game, solutions[1])}"
    quantity, expects = describe(test)
    return TestResult(test, quantity, value, None, expects, Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED, reason)
