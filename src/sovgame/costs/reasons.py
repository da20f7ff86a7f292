"""Reasons in plain words: which player and which deviation decide a threshold.

Every verdict sovgame prints comes with one sentence that names the player, the deviation
(or the comparison) that sets the threshold, and what costs do to it, so that a reader can
check the number by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..core.intervals import Endpoint, Interval, exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..solvers.equilibria import Equilibrium, Solution
from .deviations import Deviation, binding_player
from .verdicts import Verdict, verdict_phrase


def strategy_name(game: Game, player: int, index: int) -> str:
    """A strategy in quotes, as the reasons print it."""
    return f"'{game.players[player].strategies[index]}'"


def others_playing(game: Game, profile: Profile, player: int) -> str:
    """ "Afghanistan plays 'Constrain TTP'": what everyone but ``player`` does at ``profile``."""
    parts = [
        f"{p.name} plays '{p.strategies[s]}'" for j, (p, s) in enumerate(zip(game.players, profile)) if j != player
    ]
    return " and ".join(parts)


def deviation_reason(
    game: Game,
    target: Profile,
    per_player_devs: Sequence[Sequence[Deviation]],
    intervals: Sequence[Interval],
    lower_ends: dict[int, Endpoint | None],
    verdict: Verdict | None,
    summary: dict,
    plausible: tuple[Fraction, Fraction],
    strict: bool,
) -> str:
    """Why the Nash (or strict) threshold is where it is: the binding player's deviation and
    what costs do to it, or the gain no cost level removes."""
    if not intervals:
        # Find a deviation no cost level removes, or two that cannot both be met.
        for devs in per_player_devs:
            for d in devs:
                gains_always = (d.a > 0 or (strict and d.a == 0)) and d.b <= 0
                if gains_always:
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
        return "the players' conditions hold on disjoint ranges of κ, never all at once"
    if summary["value"] == 0 and summary["attained"]:
        text = "no player gains by leaving the target even without costs"
        return text if summary["upper"] is None else text + f"; it stops at κ = {exact_text(summary['upper'])}"
    binding = binding_player(lower_ends)
    dev = max((d for d in per_player_devs[binding] if d.b > 0), key=lambda d: d.a / d.b, default=None)
    others = ", ".join(
        f"{game.players[i].name} alone would need {exact_text(v)}"
        for i, v in lower_ends.items()
        if i != binding and v is not None
    )
    text = verdict_phrase(verdict, intervals, plausible)
    if dev is not None:
        text = (
            f"{game.players[binding].name} binds: {strategy_name(game, binding, dev.to)} gains {fmt(dev.a)} when "
            f"{others_playing(game, target, binding)} and costs make it dearer by {fmt(dev.b)} per unit of κ, "
            f"so κ must reach {exact_text(summary['value'])}; {text}"
        )
    if others:
        text += f" ({others})"
    if summary["upper"] is not None:
        text += f"; it stops holding at κ = {exact_text(summary['upper'])}"
    return text


def dominance_reason(
    game: Game,
    target: Profile,
    comparisons: Sequence[Sequence[Deviation]],
    intervals: Sequence[Interval],
    verdict: Verdict | None,
    summary: dict,
    plausible: tuple[Fraction, Fraction],
    binding: str | None,
) -> str:
    """Why compromise does (not) strictly dominate: the comparison no cost level wins, or who
    is last to have a dominant target strategy."""
    if intervals:
        reason = verdict_phrase(verdict, intervals, plausible)
        return f"{binding} is last to have a dominant target strategy; {reason}" if binding else reason
    for devs in comparisons:
        for d in devs:
            if d.a >= 0 and d.b <= 0:
                return (
                    f"{game.players[d.player].name} never strictly prefers "
                    f"{strategy_name(game, d.player, target[d.player])}: {strategy_name(game, d.player, d.to)} "
                    f"pays {fmt(d.a)} more or the same when {others_playing(game, d.at, d.player)}, "
                    "and no cost makes it dearer"
                )
    return "the players' dominance conditions never hold at once"


def why_not_unique(game: Game, costs: Sequence[str] | None, target: Profile, solution: Solution | None) -> str:
    """Why the target never becomes the only equilibrium: a rival equilibrium at every cost
    level and the player whose gain from it no cost removes."""
    if solution is None:
        return "another equilibrium survives at every cost level"
    U, W = game.payoffs, game.cost_load(costs)
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


def rival_reason(game: Game, U, W, target: Profile, rivals: Sequence[Equilibrium], start: Fraction) -> str:
    """Why the target is the only equilibrium only from ``start``: a rival equilibrium just
    below it, and the deviation from that rival whose loss costs remove at ``start``."""
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


def risk_dominance_reason(
    game: Game,
    confront: Profile,
    intervals: Sequence[Interval],
    verdict: Verdict | None,
    summary: dict,
    plausible: tuple[Fraction, Fraction],
) -> str:
    """Whether compromise takes risk dominance from the all-confront profile (Harsanyi &
    Selten 1988), and where."""
    other = ", ".join(game.outcome_names(confront))
    if intervals:
        return (
            f"compromise risk-dominates ({other}) (its product of deviation losses is larger, or the other is "
            f"no strict equilibrium): " + verdict_phrase(verdict, intervals, plausible)
        )
    names = game.player_names
    return (
        f"({other}) stays the risk-dominant equilibrium: {names[0]} and {names[1]} lose more by leaving it than by "
        "leaving the target, at every cost level"
    )
