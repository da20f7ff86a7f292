"""``[[capacity]]``: a strategy that succeeds only with probability q (a chance move).

A player who picks strategy s with success probability q gets the outcome of s with
probability q and, otherwise, the outcome of its ``fallback`` strategy f: Kabul may try to
constrain the TTP and fail, which leaves the outcome of tolerating it (docs/models.md,
"Capacity (a chance move)"). Payoffs and cost exposures at every outcome where the player
picks s become expectations::

    u(s, o) = q · u(s, o) + (1 − q) · u(f, o)        W(s, o) = q · W(s, o) + (1 − q) · W(f, o)

for every profile o of the others, so expected payoffs are linear in q (and still linear in
κ): every threshold stays exact, and the threshold becomes a rational function of q
(:mod:`sovgame.costs.capacity`). Lotteries of different players are independent; they are
applied player by player, each on the payoffs the previous ones left. Several limited
strategies of one player are all taken against that player's stated payoffs.

The analyses work on the expected-payoff game: :func:`expected_game` mixes the payoffs and
turns each cost into a custom exposure table of its mixed exposure, so the normal form knows
nothing of capacity. The :class:`LimitedCapacity` section keeps the entries and the game as
the file states it; :func:`with_capacity` puts both into a case and :func:`at_success`
rebuilds it at other success probabilities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case, as_case, as_game
from ..core.model import Cost, Game, Incidence, Player
from ..core.numbers import fmt
from .checker import Checker, player_index, strategy_index, tables
from .kind import SectionKind


@dataclass(frozen=True)
class Capacity:
    """Player ``player``'s strategy ``strategy`` succeeds with probability ``success``;
    a failed attempt gives the outcome of ``fallback`` (indices into the player's strategies).

    ``success_range`` (optional) is ``(lo, hi)``: how uncertain q is; ``sovgame robust``
    draws q uniformly from it.
    """

    player: int
    strategy: int
    success: Fraction
    fallback: int
    success_range: tuple[Fraction, Fraction] | None = None
    source: str | None = None


def mix(values: np.ndarray, entries: Sequence[Capacity], successes: Sequence[Any] | None = None, offset: int = 0):
    """``values`` (one axis per player from axis ``offset`` on, players' values last) with
    each entry's lottery applied: the slice where the player picks s becomes
    q·(that slice) + (1 − q)·(the fallback's slice).

    ``successes`` overrides each entry's q (a number, or an array that broadcasts against a
    slice, e.g. one q per sample of shape ``(samples, 1, ..., 1)``). Works on exact object
    arrays and on floats alike; ``values`` is not changed.
    """
    qs = [e.success for e in entries] if successes is None else list(successes)
    out = values
    for player in sorted({e.player for e in entries}):
        before = out
        out = np.array(before, copy=True)
        for entry, q in zip(entries, qs):
            if entry.player != player:
                continue
            own: list[slice | int] = [slice(None)] * values.ndim
            fall = list(own)
            own[offset + player], fall[offset + player] = entry.strategy, entry.fallback
            out[tuple(own)] = q * before[tuple(own)] + (1 - q) * before[tuple(fall)]
    return out


@dataclass(frozen=True, eq=False)
class LimitedCapacity:
    """The capacity entries a file states, and ``stated``: its game before the lotteries (the
    case's game holds the expected payoffs)."""

    entries: tuple[Capacity, ...]
    stated: Game

    def json_fields(self, game: Game) -> dict[str, Any]:
        """``capacity`` in the case's JSON: each entry's player, strategy, success, fallback
        and success range."""
        return {
            "capacity": [
                {
                    "player": game.player_names[e.player],
                    "strategy": game.players[e.player].strategies[e.strategy],
                    "success": fmt(e.success),
                    "fallback": game.players[e.player].strategies[e.fallback],
                    "success_range": None if e.success_range is None else [fmt(v) for v in e.success_range],
                }
                for e in self.entries
            ]
        }


def expected_game(stated: Game, entries: Sequence[Capacity]) -> Game:
    """The expected-payoff game: payoffs mixed by every entry (module docstring) and each cost
    a custom exposure table of its mixed exposure (same name, weights and range), so every
    cost filter and κ apply as before."""
    if not entries:
        return stated
    n = stated.n_players
    costs = []
    for cost in stated.costs:
        exposure = np.empty(stated.payoffs.shape, dtype=object)
        for profile in stated.profiles():
            for i in range(n):
                exposure[profile + (i,)] = cost.exposure_at(stated.players, profile, i)
        mixed = mix(exposure, entries)
        table = {profile: tuple(mixed[profile]) for profile in stated.profiles()}
        costs.append(
            Cost(cost.name, Incidence.CUSTOM, cost.weights, tuple(range(n)), table, cost.source, cost.weights_range)
        )
    return replace(stated, payoffs=mix(stated.payoffs, entries), costs=tuple(costs))


def with_capacity(x: Game | Case, entries: Sequence[Capacity]) -> Case:
    """The case whose game is the expected-payoff game of its stated game under ``entries``
    (the stated game and the case itself without them)."""
    case = as_case(x)
    base = stated(case)
    if not entries:
        return replace(case, game=base).without(LimitedCapacity)
    return replace(case, game=expected_game(base, entries)).with_section(LimitedCapacity(tuple(entries), base))


def capacity_of(x: Game | Case) -> tuple[Capacity, ...]:
    """The capacity entries of a case (none for a bare game)."""
    section = x.section(LimitedCapacity) if isinstance(x, Case) else None
    return () if section is None else section.entries


def stated(x: Game | Case) -> Game:
    """The game as its file states it: no lottery applied (the game itself without capacity)."""
    section = x.section(LimitedCapacity) if isinstance(x, Case) else None
    return as_game(x) if section is None else section.stated


def at_success(x: Game | Case, successes: Mapping[tuple[int, int], Fraction], fallback: int | None = None) -> Case:
    """The expected-payoff case with the success probability of (player, strategy) entries
    replaced by ``successes``; an entry the case lacks is added with ``fallback`` (required
    then, unless the player has exactly two strategies: the other one)."""
    game = as_game(x)
    entries = {(e.player, e.strategy): e for e in capacity_of(x)}
    for (player, strategy), q in successes.items():
        if (player, strategy) in entries:
            entries[(player, strategy)] = replace(entries[(player, strategy)], success=Fraction(q))
            continue
        other = fallback
        if other is None:
            if game.shape[player] != 2:
                raise ValueError("a fallback strategy is needed for a player with more than two strategies")
            other = 1 - strategy
        entries[(player, strategy)] = Capacity(player, strategy, Fraction(q), other)
    return with_capacity(x, tuple(entries.values()))


def describe(game: Game, entry: Capacity) -> str:
    """ "Afghanistan's 'Constrain TTP' succeeds with probability 3/5, else 'Tolerate TTP'"."""
    player = game.players[entry.player]
    return (
        f"{player.name}'s '{player.strategies[entry.strategy]}' succeeds with probability {fmt(entry.success)}, "
        f"else '{player.strategies[entry.fallback]}'"
    )


def draw_lotteries(entries: Sequence[Capacity], shape: tuple[int, ...], U, W, rng) -> tuple:
    """Sampled games (U, W), each of shape (samples, profiles, players) over flat profiles,
    with every entry's lottery applied; q is drawn per sample from Uniform(lo, hi) of its
    ``success_range`` (entry by entry, in file order), else fixed at the stated success."""
    count = U.shape[0]
    qs = []
    for entry in entries:
        if entry.success_range is None:
            q = np.full(count, float(entry.success))
        else:
            q = rng.uniform(float(entry.success_range[0]), float(entry.success_range[1]), size=count)
        qs.append(q.reshape((count,) + (1,) * len(shape)))
    full = (count, *shape, U.shape[-1])
    mixed = [mix(np.reshape(A, full), entries, qs, offset=1).reshape(A.shape) for A in (U, W)]
    return mixed[0], mixed[1]


# --- reading [[capacity]] ------------------------------------------------------------------------

#: The keys of each ``[[capacity]]`` table.
KEYS = ("player", "strategy", "success", "fallback", "success_range", "source", "description")


def read_capacity(raw: Any, players: list[Player] | None, check: Checker) -> tuple[Capacity, ...] | None:
    """``[[capacity]]``: per entry a player, one of its strategies, the success probability
    0 < q <= 1, the fallback (default: the other strategy of a two-strategy player) and an
    optional ``success_range``; read once the players are (``players`` not None)."""
    if players is None:
        return None
    entries: list[Capacity] = []
    seen: set[tuple[int, int]] = set()
    for key, table in tables(raw, "capacity", check, array=True):
        check.unknown_keys(table, KEYS, key)
        entry = _capacity_entry(table, key, players, check)
        if entry is None:
            continue
        if (entry.player, entry.strategy) in seen:
            check.add(f"{key}.strategy", "is given twice; one capacity per strategy")
            continue
        seen.add((entry.player, entry.strategy))
        entries.append(entry)
    limited = {(e.player, e.strategy) for e in entries}
    for index, entry in enumerate(entries):
        if (entry.player, entry.fallback) in limited:
            check.add(
                f"capacity[{index}].fallback",
                "has a capacity of its own; a failed attempt must leave a strategy that always succeeds",
            )
    return tuple(entries) or None


def _capacity_entry(table: dict, key: str, players: list[Player], check: Checker) -> Capacity | None:
    index = player_index(table.get("player"), f"{key}.player", players, check)
    success = check.bounded(table, "success", key, Fraction(0), Fraction(1), True, False)
    if "success" not in table:
        check.add(f"{key}.success", "missing; the probability 0 < q <= 1 that the strategy succeeds")
    if index is None:
        return None
    player = players[index]
    strategy = strategy_index(table.get("strategy"), f"{key}.strategy", player, check)
    fallback = None
    if "fallback" in table:
        fallback = strategy_index(table["fallback"], f"{key}.fallback", player, check)
    elif len(player.strategies) == 2:
        fallback = None if strategy is None else 1 - strategy
    else:
        check.add(f"{key}.fallback", f"missing; name the strategy of {player.name} a failed attempt leaves")
    if strategy is not None and fallback == strategy:
        check.add(f"{key}.fallback", "is the strategy itself; name the strategy a failed attempt leaves")
        return None
    span = _range(table, key, success, check)
    if strategy is None or fallback is None or success is None or span is False:
        return None
    bounds = span if isinstance(span, tuple) else None
    return Capacity(index, strategy, success, fallback, bounds, check.string(table, "source", key))


def _range(table: dict, key: str, success: Fraction | None, check: Checker) -> tuple[Fraction, Fraction] | bool:
    """``success_range = [lo, hi]`` with 0 <= lo <= q <= hi <= 1; True when absent, False when reported."""
    if "success_range" not in table:
        return True
    where = f"{key}.success_range"
    bounds = check.numbers(table["success_range"], where, 2, "[lo, hi] with 0 <= lo <= hi <= 1")
    if bounds is None:
        return False
    lo, hi = bounds
    if not 0 <= lo <= hi <= 1:
        check.add(where, f"is [{fmt(lo)}, {fmt(hi)}]; it must be [lo, hi] with 0 <= lo <= hi <= 1")
        return False
    if success is not None and not lo <= success <= hi:
        check.add(where, f"is [{fmt(lo)}, {fmt(hi)}], which does not contain the stated success {fmt(success)}")
        return False
    return lo, hi


SECTION = SectionKind("capacity", KEYS, read_capacity, with_capacity)
