"""Tests of a claim about play beyond one shot: what a mediator can do, and what repeated
play sustains or repeats (:mod:`sovgame.claims.scorecard`)."""

from __future__ import annotations

from fractions import Fraction

from ..core.case import Case
from ..core.claims import ClaimTest
from ..core.intervals import exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..costs.grim import NASH_REVERSION, grim_trigger
from ..play.mediation import correlated_equilibrium, evaluate, indicator, transfer_functions
from ..play.repeated import noisy_chain, nowak_sigmund_generosity, strategies
from ..sections.mediator import Mediator
from ..sections.repeated import RepeatedSettings
from .claim_games import target_profile
from .claim_tests import (
    Context,
    Grade,
    TestResult,
    Untestable,
    decimal_of,
    describe,
    deviation_words,
    kappa_text,
    name_of,
    outcome_text,
    within_bound,
)

#: Noise of repeated play when neither the test nor the file's [repeated] table gives one.
DEFAULT_NOISE = Fraction(1, 20)


def dominated_reason(game: Game, target: Profile, kappa: Fraction) -> str | None:
    """ "'Strike' strictly dominates 'Restrain strikes' for Pakistan (13/4 > 3 when ...)": a
    player whose target strategy is strictly dominated at κ, which no recommendation can make
    it play; None when there is none."""
    u = game.payoffs_at(kappa)
    for i, player in enumerate(game.players):
        for other in range(game.shape[i]):
            if other == target[i]:
                continue
            pairs = []
            for profile in game.profiles():
                if profile[i] != target[i]:
                    continue
                moved = profile[:i] + (other,) + profile[i + 1 :]
                pairs.append((u[moved + (i,)], u[profile + (i,)], profile))
            if all(better > worse for better, worse, _ in pairs):
                shown = "; ".join(
                    f"{fmt(b)} > {fmt(w)} when "
                    + " and ".join(
                        f"{q.name} plays '{q.strategies[s]}'" for j, (q, s) in enumerate(zip(game.players, p)) if j != i
                    )
                    for b, w, p in pairs
                )
                return (
                    f"'{player.strategies[other]}' strictly dominates '{player.strategies[target[i]]}' for "
                    f"{player.name} ({shown}), so no recommendation can make it comply"
                )
    return None


def mediation_test(test: ClaimTest, ctx: Context) -> TestResult:
    """The most a mediator's recommendation puts on compromise, or the transfers it would
    need against its budget, at κ."""
    case = ctx.case_for(test)
    game, mediator = case.game, case.section(Mediator)
    target = target_profile(case, test.target)
    if test.quantity == "compromise_probability":
        return _recommendation(test, game, target)
    budget = mediator.budget if mediator else None
    if budget is None:
        raise Untestable(f"{name_of(case)} has no [mediator] budget")
    terms = transfer_functions(game, target)
    transfers = {name: evaluate(t, test.kappa) for name, t in terms.items()}
    total = sum(transfers.values(), Fraction(0))
    exceed = total > budget
    parts = []
    for i, player in enumerate(game.players):
        need = transfers[player.name]
        if need > 0:
            best = max((t.at(test.kappa), k) for k, t in enumerate(terms[player.name]))[1]
            to = [s for s in range(game.shape[i]) if s != target[i]][best]
            parts.append(f"{player.name} {fmt(need)}: {deviation_words(game, target, i, to, need)}")
    needs = "; ".join(parts) or "nothing: compromise is an equilibrium already"
    who = mediator.name if mediator else "the mediator"
    reason = (
        f"at {kappa_text(test.kappa)} compromise needs {fmt(total)} per period ({needs}), "
        f"{'above' if exceed else 'within'} {who}'s budget of {fmt(budget)}"
    )
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if exceed == (test.expect == ("exceed_budget",)) else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, fmt(total), float(total), expects, grade, reason)


def _recommendation(test: ClaimTest, game: Game, target: Profile) -> TestResult:
    """The highest probability of the target in a correlated equilibrium at κ: 0 outright
    when some player's target strategy is strictly dominated (no correlated equilibrium
    recommends a strictly dominated strategy), else the certified linear program."""
    why = dominated_reason(game, target, test.kappa)
    if why is not None:
        value = Fraction(0)
    else:
        ce = correlated_equilibrium(game.payoffs_at(test.kappa), indicator(game, target))
        if not ce.certified or not isinstance(ce.value, Fraction):
            raise Untestable("the correlated-equilibrium program could not be certified in exact arithmetic")
        value = ce.value
        why = f"the players' obedience constraints allow at most {fmt(value)} on compromise"
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if within_bound(test, value) else Grade.NOT_SUPPORTED
    reason = f"at {kappa_text(test.kappa)} {why}"
    return TestResult(test, quantity, fmt(value), float(value), expects, grade, reason)


def repeated_test(test: ClaimTest, ctx: Context) -> TestResult:
    """Grim trigger at a discount factor (with a credible punishment), or the long-run share
    of conflict of two noisy strategies."""
    case = ctx.case_for(test)
    full, settings = case.game, case.section(RepeatedSettings)
    game = full.without_single_strategy_players()  # a 2x2x1 game is a 2x2 game
    if game.shape != (2, 2):
        raise Untestable(f"repeated play is analysed for 2x2 games; this one is {'x'.join(map(str, full.shape))}")
    target = target_profile(Case(game), None)
    if test.quantity == "grim_trigger":
        return _grim(test, game, target, settings)
    noise = test.noise or (settings.noise if settings and settings.noise else DEFAULT_NOISE)
    pair = test.pair or ("tft", "tft")
    u = game.payoffs_at(test.kappa)
    confront = (1 - target[0], 1 - target[1])
    R, S = u[target + (0,)], u[(target[0], confront[1], 0)]
    T, P = u[(confront[0], target[1], 0)], u[confront + (0,)]
    table = strategies(nowak_sigmund_generosity(R, S, T, P))
    chain = noisy_chain(table[pair[0]], table[pair[1]], noise)
    share = 1 - chain.shares[(0, 0)]
    spells = (
        f"; ceasefires last {fmt(chain.ceasefire_spell)} periods on average, conflict spells {fmt(chain.conflict_spell)}"
        if chain.ceasefire_spell is not None and chain.conflict_spell is not None
        else ""
    )
    reason = (
        f"{chain.pair[0]} against {chain.pair[1]}, each action flipped with probability {fmt(noise)}, is at "
        f"{outcome_text(game.outcome_key(target))} {fmt(chain.shares[(0, 0)])} of the time{spells}"
    )
    quantity, expects = describe(test, noise=noise)
    grade = Grade.SUPPORTED if within_bound(test, share) else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, fmt(share), float(share), expects, grade, reason)


def _over(a: Fraction, b: Fraction) -> str:
    """ "(1/4)/2": a quotient written out, fractions in brackets."""
    return "/".join(fmt(x) if x.denominator == 1 else f"({fmt(x)})" for x in (a, b))


def _grim(test: ClaimTest, game: Game, target: Profile, settings: RepeatedSettings | None) -> TestResult:
    discount = test.discount or (settings.discount if settings else None)
    if discount is None:
        raise Untestable("no discount factor: give the test a `discount` or the file a [repeated] discount")
    U, W = game.payoffs, game.cost_load()
    grim = grim_trigger(game, U, W, target, test.kappa)
    sustained = grim.sustained(discount)
    stars = grim.delta_star
    worst = max(stars, key=lambda name: (stars[name] is None, stars[name] or Fraction(0)))
    star = stars[worst]
    i = game.player_names.index(worst)
    dev = target[:i] + (1 - target[i],) + target[i + 1 :]
    u = game.payoffs_at(test.kappa)
    temptation = u[dev + (i,)] - u[target + (i,)]
    punishment = grim.punishment if grim.credible else NASH_REVERSION
    reason = f"at {kappa_text(test.kappa)} {deviation_words(game, target, i, 1 - target[i], temptation)}"
    if star is not None and star > 0:
        gap = temptation / star
        reason += (
            f", and reverting to {punishment} would leave it {fmt(gap)} a period below that deviation's payoff: "
            f"δ* = {_over(temptation, gap)} = {fmt(star)} for {worst}"
        )
    else:
        reason += f"; the threat is reverting to {punishment}: δ* = {exact_text(star)} for {worst}"
    if not grim.credible:
        reason += "; reverting to the all-confront outcome would be no credible threat, it is no stage equilibrium"
    reason += (
        f"; δ = {fmt(discount)} {'≥' if sustained else '<'} δ*, so compromise is {'' if sustained else 'not '}sustained"
    )
    value = f"δ* = {exact_text(star)} (" + ", ".join(f"{n} {exact_text(v)}" for n, v in stars.items()) + ")"
    quantity, expects = describe(test, discount=discount)
    grade = Grade.SUPPORTED if sustained == (test.expect == ("sustained",)) else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, value, decimal_of(star), expects, grade, reason)
