"""Reasons in plain words: which player and which deviation decide a threshold.

Every verdict sovgame prints comes with one sentence that names the player, the deviation
(or the comparison) that sets the threshold, and what costs do to it, so that a reader can
check the number by hand.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..core.intervals import exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from .sets import ComparisonSet, RiskDominanceSet, SustainedSet, UniqueSet

if TYPE_CHECKING:
    from .uniqueness import Tail


def strategy_name(game: Game, player: int, index: int) -> str:
    """A strategy in quotes, as the reasons print it."""
    return f"'{game.players[player].strategies[index]}'"


def others_playing(game: Game, profile: Profile, player: int) -> str:
    """ "Afghanistan plays 'Constrain TTP'": what everyone but ``player`` does at ``profile``."""
    parts = [
        f"{p.name} plays '{p.strategies[s]}'" for j, (p, s) in enumerate(zip(game.players, profile)) if j != player
    ]
    return " and ".join(parts)


def deviation_reason(found: ComparisonSet, phrase: str) -> str:
    """Why the Nash (or strict) threshold is where it is: the binding player's deviation and
    what costs do to it, or the gain no cost level removes. ``phrase`` is the verdict in words."""
    game, target = found.game, found.target
    if not found.intervals:
        # A deviation no cost level removes, or conditions that cannot all be met.
        d = found.blocking
        if d is None:
            return "the players' conditions hold on disjoint ranges of κ, never all at once"
        how = (
            "every cost falls on both of its choices alike"
            if d.b == 0
            else "costs fall more heavily on its target strategy"
        )
        return (
            f"{game.players[d.player].name} gains {fmt(d.a)} by playing {strategy_name(game, d.player, d.to)} "
            f"instead of {strategy_name(game, d.player, target[d.player])} when {others_playing(game, target, d.player)}, "
            f"and {how}, so no cost level removes that gain"
        )
    first = found.intervals[0]
    if first.lo == 0 and first.lo_closed:
        text = "no player gains by leaving the target even without costs"
        return text if first.hi is None else text + f"; it stops at κ = {exact_text(first.hi)}"
    binding = found.binding
    assert binding is not None  # the set is not empty
    dev = found.deciding
    others = ", ".join(
        f"{game.players[p.player].name} alone would need {exact_text(p.start)}"
        for p in found.players
        if p.player != binding and p.start is not None
    )
    text = phrase
    if dev is not None:
        text = (
            f"{game.players[binding].name} binds: {strategy_name(game, binding, dev.to)} gains {fmt(dev.a)} when "
            f"{others_playing(game, target, binding)} and costs make it dearer by {fmt(dev.b)} per unit of κ, "
            f"so κ must reach {exact_text(first.lo)}; {text}"
        )
    if others:
        text += f" ({others})"
    if first.hi is not None:
        text += f"; it stops holding at κ = {exact_text(first.hi)}"
    return text


def dominance_reason(found: ComparisonSet, phrase: str) -> str:
    """Why compromise does (not) strictly dominate: the comparison no cost level wins, or who
    is last to have a dominant target strategy."""
    game = found.game
    if found.intervals:
        binds = found.binds
        return (
            f"{game.players[binds].name} is last to have a dominant target strategy; {phrase}"
            if binds is not None
            else phrase
        )
    d = found.blocking
    if d is None:
        return "the players' dominance conditions never hold at once"
    return (
        f"{game.players[d.player].name} never strictly prefers "
        f"{strategy_name(game, d.player, found.target[d.player])}: {strategy_name(game, d.player, d.to)} "
        f"pays {fmt(d.a)} more or the same when {others_playing(game, d.at, d.player)}, "
        "and no cost makes it dearer"
    )


def unique_reason(found: UniqueSet, phrase: str) -> str:
    """Why the target is (not) the only equilibrium from where it is: the rival equilibrium
    that lasts, or what proves the target alone; ``phrase`` is the verdict in words. (Where
    the target is never even an equilibrium, :func:`sovgame.costs.assessment.assess` says so
    with the Nash reason.)"""
    tail = found.tail
    assert tail is not None  # the target is an equilibrium somewhere
    by_dominance = found.game.n_players > 2
    if tail.start is None or not tail.defined:
        return dominance_tail_reason(tail) if by_dominance else why_not_unique(found)
    reason = phrase
    if tail.bracket is not None:
        reason = f"{reason} (the threshold lies in [{fmt(tail.bracket[0])}, {fmt(tail.bracket[1])}])"
    if by_dominance:
        reason = f"{reason}; {dominance_tail_reason(tail)}"
    elif isinstance(tail.start, Fraction) and tail.start > 0:
        reason = f"{reason}; {rival_reason(found, tail.start)}"
    return reason


def dominance_tail_reason(tail: Tail) -> str:
    """Three or more players: how far the only pure equilibrium, iterated strict dominance
    and the exact enumeration of every equilibrium take the uniqueness tail."""
    lower = tail.only_pure_from
    if lower is None:
        return "another pure equilibrium survives at every cost level"
    if tail.enumerated:
        if tail.start is None:
            return "another equilibrium, pure or mixed, exists at every cost level"
        where = f"from κ = {exact_text(tail.start)} on" if tail.attained else f"above κ = {exact_text(tail.start)}"
        return f"no other equilibrium, pure or mixed, {where}"
    if not tail.defined:
        return (
            f"the target is the only pure equilibrium above κ = {exact_text(lower)}, but iterated "
            "dominance never proves it the only one"
            + (f" and the mixed equilibria could not be decided exactly ({tail.unresolved})" if tail.unresolved else "")
        )
    if tail.bracket is None:
        return "iterated strict dominance leaves only the target"
    return f"only pure equilibrium above {exact_text(lower)}; proved unique above {exact_text(tail.start)}"


def why_not_unique(found: UniqueSet) -> str:
    """Why the target never becomes the only equilibrium (two players): a rival equilibrium
    at every cost level and the player whose gain from it no cost removes."""
    game, target = found.game, found.target
    solution = None if found.tail is None else found.tail.survivors
    if solution is None:
        return "another equilibrium survives at every cost level"
    U, W = game.payoffs, game.cost_load(found.costs)
    for eq in solution.equilibria:
        profile = eq.pure_profile()
        if profile is None or profile == tuple(target):
            continue
        for i, player in enumerate(game.players):
            if profile[i] == target[i]:
                continue
            moved = profile[:i] + (target[i],) + profile[i + 1 :]
            a = U[moved + (i,)] - U[profile + (i,)]
            b = W[moved + (i,)] - W[profile + (i,)]
            if a < 0 and b >= 0:
                how = (
                    "every cost falls on both of its choices alike"
                    if b == 0
                    else f"costs fall more heavily on '{player.strategies[target[i]]}'"
                )
                others = " and ".join(
                    f"{q.name} plays '{q.strategies[s]}'"
                    for j, (q, s) in enumerate(zip(game.players, profile))
                    if j != i
                )
                return (
                    f"{player.name} gains {fmt(-a)} by playing '{player.strategies[profile[i]]}' rather than "
                    f"'{player.strategies[target[i]]}' when {others}, and {how}, so no cost level removes that "
                    f"gain: ({', '.join(game.outcome_names(profile))}) stays an equilibrium"
                )
        return f"({', '.join(game.outcome_names(profile))}) stays an equilibrium at every cost level"
    return "a mixed equilibrium survives at every cost level"


def rival_reason(found: UniqueSet, start: Fraction) -> str:
    """Why the target is the only equilibrium only from ``start`` (two players): a rival
    equilibrium just below it, and the deviation from that rival whose loss costs remove at
    ``start``."""
    game, target, rivals = found.game, found.target, found.rivals
    U, W = game.payoffs, game.cost_load(found.costs)
    for eq in rivals:
        profile = eq.pure_profile()
        if profile is None or profile == tuple(target):
            continue
        for i, player in enumerate(game.players):
            for to in range(game.shape[i]):
                moved = profile[:i] + (to,) + profile[i + 1 :]
                a, b = U[moved + (i,)] - U[profile + (i,)], W[moved + (i,)] - W[profile + (i,)]
                if to != profile[i] and b != 0 and a / b == start:
                    return (
                        f"({', '.join(game.outcome_names(profile))}) stays an equilibrium until κ = {fmt(start)}: "
                        f"{player.name} loses {fmt(-a)} by playing '{player.strategies[to]}' instead of "
                        f"'{player.strategies[profile[i]]}' when {others_playing(game, profile, i)}, and costs "
                        f"close that gap by {fmt(-b)} per unit of κ"
                    )
    if any(eq.pure_profile() is None for eq in rivals):
        return f"a mixed equilibrium survives until κ = {fmt(start)}"
    return f"another equilibrium survives until κ = {fmt(start)}"


def risk_dominance_reason(found: RiskDominanceSet, phrase: str) -> str:
    """Whether compromise takes risk dominance from the all-confront profile (Harsanyi &
    Selten 1988), and where; ``phrase`` is the verdict in words."""
    game = found.game
    if found.confront is None:
        return "risk dominance is defined here for 2x2 games only"
    other = ", ".join(game.outcome_names(found.confront))
    if found.intervals:
        return (
            f"compromise risk-dominates ({other}) (its product of deviation losses is larger, or the other is "
            f"no strict equilibrium): {phrase}"
        )
    names = game.player_names
    return (
        f"({other}) stays the risk-dominant equilibrium: {names[0]} and {names[1]} lose more by leaving it than by "
        "leaving the target, at every cost level"
    )


def sustained_reason(found: SustainedSet, phrase: str) -> str:
    """What sustains compromise in repeated play at the discount factor, and where."""
    return (
        f"with δ = {fmt(found.discount)}, the threat of reverting to a stage equilibrium sustains compromise: {phrase}"
    )
