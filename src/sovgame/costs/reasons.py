"""Reasons in plain words: which player and which deviation decide a threshold.

Every verdict sovgame prints comes with one sentence that names the player, the deviation
(or the comparison) that sets the threshold, and what costs do to it, so that a reader can
check the number by hand.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..core.intervals import Endpoint, Interval, compare, exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from .deviations import deviations
from .sets import ComparisonSet, RiskDominanceSet, SustainedSet, UniqueSet
from .verdicts import set_text

if TYPE_CHECKING:
    from .uniqueness import Neighbour, Tail


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


def unique_reason(found: UniqueSet, phrase: str, piece: Interval | None = None) -> str:
    """Why the target is (not) the only equilibrium where it is; ``phrase`` is the verdict in
    words and ``piece`` the interval that decides it. Two players: what ends uniqueness just
    beyond each end of that piece (:func:`neighbour_reason`), or, for an empty set, the rival
    that is there wherever the target is an equilibrium. (Where the target is never even an
    equilibrium, :func:`sovgame.costs.assessment.assess` says so with the Nash reason.)"""
    if found.game.n_players > 2:
        return dominance_reason_of_tail(found, phrase)
    if not found.intervals:
        return why_not_unique(found)
    reason = phrase
    if found.bracket is not None:
        reason = f"{reason} (the threshold lies in [{fmt(found.bracket[0])}, {fmt(found.bracket[1])}])"
    deciding = next((p for p in found.pieces if p.interval == piece), found.pieces[0])
    ends = [neighbour_reason(found, deciding.below, True), neighbour_reason(found, deciding.above, False)]
    return "; ".join([reason, *(e for e in ends if e)])


def dominance_reason_of_tail(found: UniqueSet, phrase: str) -> str:
    """Three or more players: the uniqueness tail and what bounds it."""
    tail = found.tail
    assert tail is not None  # the target is an equilibrium somewhere
    if tail.start is None or not tail.defined:
        return dominance_tail_reason(tail)
    reason = phrase
    if tail.bracket is not None:
        reason = f"{reason} (the threshold lies in [{fmt(tail.bracket[0])}, {fmt(tail.bracket[1])}])"
    return f"{reason}; {dominance_tail_reason(tail)}"


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


def neighbour_reason(found: UniqueSet, neighbour: Neighbour | None, below: bool) -> str | None:
    """What keeps the target from being alone just below (``below``) or above a piece: the
    target is no equilibrium there, or a pure rival is one (with the deviation from it whose
    gain changes sign at the end), or a mixed one. None where the piece starts at 0 or has
    no end."""
    if neighbour is None:
        return None
    end = exact_text(neighbour.end)
    at_end = neighbour.kappa is None or neighbour.kappa == neighbour.end
    if not neighbour.target_nash:
        return f"the target is an equilibrium only {'from' if below else 'up to'} κ = {end}"
    when = ("until" if at_end else "below") if below else ("from" if at_end else "above")
    game = found.game
    for profile in neighbour.pure:
        name = f"({', '.join(game.outcome_names(profile))})"
        what = f"{name} {'stays' if below else 'is'} an equilibrium {when} κ = {end}"
        why = ending_deviation(found, profile, neighbour.end, rising=below)
        return f"{what}: {why}" if why else what
    return f"a mixed equilibrium {'survives' if below else 'appears'} {when} κ = {end}"


def ending_deviation(found: UniqueSet, profile: Profile, end: Endpoint, rising: bool) -> str | None:
    """The deviation from the rival ``profile`` whose gain a − κb changes sign at κ = ``end``:
    rising (b < 0) where the rival stops being an equilibrium there, falling (b > 0) where it
    starts being one. None if there is none (the rival is one at that point only)."""
    game = found.game
    U, W = game.payoffs, game.cost_load(found.costs)
    for i, player in enumerate(game.players):
        for to in range(game.shape[i]):
            moved = profile[:i] + (to,) + profile[i + 1 :]
            a, b = U[moved + (i,)] - U[profile + (i,)], W[moved + (i,)] - W[profile + (i,)]
            if to == profile[i] or b == 0 or (b < 0) != rising or a / b != end:
                continue
            how = (
                f"costs close that gap by {fmt(-b)} per unit of κ"
                if rising
                else f"costs take {fmt(b)} off that gain per unit of κ"
            )
            verb = f"loses {fmt(-a)}" if a < 0 else (f"gains {fmt(a)}" if a > 0 else "gains nothing")
            return (
                f"{player.name} {verb} by playing '{player.strategies[to]}' instead of "
                f"'{player.strategies[profile[i]]}' when {others_playing(game, profile, i)}, and {how}"
            )
    return None


def why_not_unique(found: UniqueSet) -> str:
    """Why the target is never the only equilibrium (two players): a pure rival that is an
    equilibrium wherever the target is one — with the player whose gain from it no cost
    removes, when it is one at every cost level — or the rivals the target meets."""
    game, target = found.game, found.target
    U, W = game.payoffs, game.cost_load(found.costs)
    where = nash_stretch(game, U, W, tuple(target))
    assert where is not None  # the target is an equilibrium somewhere
    meeting = []
    for profile in game.profiles():
        if profile == tuple(target):
            continue
        own = nash_stretch(game, U, W, profile)
        if own is None or intersection(own, where) is None:
            continue
        name = f"({', '.join(game.outcome_names(profile))})"
        if intersection(own, where) == where:
            everywhere = own.lo == 0 and own.hi is None
            lasting = lasting_gain(found, profile) if everywhere else None
            if lasting is not None:
                return f"{lasting}: {name} stays an equilibrium at every cost level"
            return f"{name} is an equilibrium too wherever the target is one ({set_text([where])})"
        meeting.append(name)
    among = f", among them {' and '.join(meeting[:3])}" if meeting else " (a mixed one)"
    return f"wherever the target is an equilibrium ({set_text([where])}) another one is too{among}"


def nash_stretch(game: Game, U: np.ndarray, W: np.ndarray, profile: Profile) -> Interval | None:
    """Where ``profile`` is an equilibrium, as one closed interval (None: nowhere): every
    deviation gains a − κb ≤ 0, so κ ≥ a/b where b > 0, κ ≤ a/b where b < 0, and a ≤ 0 where
    b = 0 (the Nash set of :func:`sovgame.costs.sets.nash_set`, without its facts)."""
    low, high = Fraction(0), None
    for player in range(game.n_players):
        for d in deviations(game, U, W, profile, player):
            if d.b == 0:
                if d.a > 0:
                    return None
            elif d.b > 0:
                low = max(low, d.a / d.b)
            else:
                high = d.a / d.b if high is None else min(high, d.a / d.b)
    if high is not None and high < low:
        return None
    return Interval(low, True, high, high is not None)


def lasting_gain(found: UniqueSet, profile: Profile) -> str | None:
    """A player of the rival ``profile`` who loses by moving to its target strategy, with
    costs that never favour the target strategy: the gain that no cost level removes."""
    game, target = found.game, found.target
    U, W = game.payoffs, game.cost_load(found.costs)
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
            return (
                f"{player.name} gains {fmt(-a)} by playing '{player.strategies[profile[i]]}' rather than "
                f"'{player.strategies[target[i]]}' when {others_playing(game, profile, i)}, and {how}, so no cost "
                "level removes that gain"
            )
    return None


def intersection(a: Interval, b: Interval) -> Interval | None:
    """The common part of two intervals (None: they do not meet), exactly."""
    lo_order = compare(a.lo, b.lo)
    lo, lo_closed = (a.lo, a.lo_closed) if lo_order > 0 else (b.lo, b.lo_closed)
    if lo_order == 0:
        lo_closed = a.lo_closed and b.lo_closed
    hi_order = compare(a.hi, b.hi)
    hi, hi_closed = (a.hi, a.hi_closed) if hi_order < 0 else (b.hi, b.hi_closed)
    if hi_order == 0:
        hi_closed = a.hi_closed and b.hi_closed
    if hi is not None:
        order = compare(lo, hi)
        if order > 0 or (order == 0 and not (lo_closed and hi_closed)):
            return None
    return Interval(lo, lo_closed, hi, hi_closed if hi is not None else False)


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
