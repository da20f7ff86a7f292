"""The status-quo exit: from which cost level κ the all-confront outcome stops being an
equilibrium.

A pattern of confrontation persists while the status quo d (in a 2x2 game, each player's
other strategy than its compromise) is an equilibrium; it ends when costs make some player's
move away from d pay. That is a different number from where compromise becomes an
equilibrium (the ``nash`` criterion): in a Prisoner's Dilemma under ``any_conflict`` costs,
(C, C) can become an equilibrium while (D, D) stays one, and the status quo then persists
beside the deal (docs/models.md, "Claim tests that can fail").

Player i leaves d for s' when a − κb > 0, with a = U_i(s') − U_i(d) and b = W_i(s') − W_i(d)
(:mod:`sovgame.costs.deviations`). The exit set is where some such gain is positive: the
complement in κ ≥ 0 of the status quo's Nash set, found by the same exact scan. Case check
(bundled numbers): Pakistan's move from (Strike, Tolerate) to Restrain gains
(1 − 2) − κ(1/2 − 3/4) = κ/4 − 1, positive for κ > 4; Kabul's move to Constrain gains
1 − 2 = −1 whatever κ (its cost load is 3/2 at both). So the status quo exits above κ = 4.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.intervals import Endpoint, Interval, compare, exact_text, scan
from ..core.model import Game, Profile
from ..core.numbers import fmt
from .assessment import Threshold, summarize
from .deviations import Deviation, breakpoints, deviations
from .reasons import strategy_name
from .sets import confront_profile
from .verdicts import verdict_for, verdict_phrase

#: The name the exit carries in tables and JSON; it is no criterion of the target.
STATUS_QUO_EXIT = "status_quo_exit"


def _gains(devs: list[Deviation]) -> list[Interval]:
    """Where some deviation of ``devs`` gains: a − κb > 0 for one of them."""
    return scan(breakpoints(devs), lambda k: any(d.gain(k) > 0 for d in devs))


def status_quo_exit(
    game: Game, target: Profile, costs: tuple[str, ...], plausible: tuple[Fraction, Fraction]
) -> Threshold | None:
    """Where the status quo (each player's other strategy than ``target``'s) is no
    equilibrium, assessed against today's costs and ``plausible`` like a criterion; None
    outside 2x2 games, where "the other strategy" names no single profile.

    ``binding`` names the player who leaves first (the earliest own exit, the first such on
    ties); ``per_player`` each player's own exit κ (None: never leaves).
    """
    d = confront_profile(game, target)
    if d is None:
        return None
    U, W = game.payoffs, game.cost_load(costs)
    own = {i: deviations(game, U, W, d, i) for i in range(game.n_players)}
    every = [dev for devs in own.values() for dev in devs]
    intervals = tuple(_gains(every))
    starts: dict[int, Endpoint | None] = {}
    for i, devs in own.items():
        mine = _gains(devs)
        starts[i] = mine[0].lo if mine else None
    first = None
    for i, start in starts.items():
        if start is not None and (first is None or compare(start, starts[first]) < 0):
            first = i
    verdict = verdict_for(intervals, plausible)
    names = [p.name for p in game.players]
    return Threshold(
        STATUS_QUO_EXIT,
        intervals,
        verdict,
        _reason(game, d, own, intervals, first, verdict_phrase(verdict, intervals, plausible)),
        binding=None if first is None else names[first],
        per_player={names[i]: s for i, s in starts.items()},
        **summarize(intervals, plausible),
    )


def status_quo_names(game: Game, target: Profile) -> dict[str, str] | None:
    """Each player's status-quo strategy by name (None outside 2x2 games)."""
    d = confront_profile(game, target)
    if d is None:
        return None
    return {p.name: p.strategies[s] for p, s in zip(game.players, d)}


def _reason(
    game: Game,
    d: Profile,
    own: dict[int, list[Deviation]],
    intervals: tuple[Interval, ...],
    first: int | None,
    phrase: str,
) -> str:
    """Why the status quo stays or goes: the move that first pays and what costs do to it."""
    where = ", ".join(f"'{p.strategies[s]}'" for p, s in zip(game.players, d))
    if not intervals:
        return f"the status quo ({where}) is an equilibrium at every cost level: no player's move away ever gains"
    first_lo = intervals[0].lo
    if first_lo == 0 and intervals[0].lo_closed:
        return f"the status quo ({where}) is no equilibrium even without costs"
    assert first is not None
    dev = min((x for x in own[first] if x.breakpoint is not None and x.b < 0), key=lambda x: x.a / x.b, default=None)
    gone = phrase.replace("holds", "is gone", 1)
    text = f"the status quo ({where}) stops being an equilibrium when leaving it pays, so it {gone}"
    if dev is not None:
        text = (
            f"{game.players[first].name} leaves the status quo ({where}) first: "
            f"{strategy_name(game, first, dev.to)} loses {fmt(-dev.a)} there and costs shrink that loss by "
            f"{fmt(-dev.b)} per unit of κ, so it pays above κ = {exact_text(dev.a / dev.b)}; the status quo {gone}"
        )
    stay = [game.players[i].name for i, devs in own.items() if not _gains(devs)]
    if stay:
        text += f" ({' and '.join(stay)} never {'gain' if len(stay) > 1 else 'gains'} by leaving)"
    return text
