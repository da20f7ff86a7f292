"""Validating what a file says beyond one simultaneous move: ``[sequence]`` (who moves first),
``[[capacity]]`` (strategies that succeed only with a probability) and ``[[types]]`` (private
types with priors). Every problem names its key (README, "The game file")."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import Player
from ..core.numbers import fmt
from ..sections.capacity import Capacity
from ..sections.sequence import MoveOrder
from ..sections.types import PlayerType
from .checker import Checker, describe_value, outcome_profiles

#: The top-level tables this module validates.
MOVE_TABLES = ("sequence", "capacity", "types")
#: The keys of each table.
SEQUENCE_KEYS = ("order", "observed", "source", "description")
CAPACITY_KEYS = ("player", "strategy", "success", "fallback", "success_range", "source", "description")
TYPE_KEYS = ("player", "name", "prior", "payoffs", "source", "description")


@dataclass(frozen=True)
class Moves:
    """The move order, capacity entries and types a file states (each may be absent)."""

    sequence: MoveOrder | None = None
    capacity: tuple[Capacity, ...] = ()
    types: tuple[PlayerType, ...] = ()


def validate_moves(data: dict, players: list[Player] | None, check: Checker) -> Moves:
    """``[sequence]``, ``[[capacity]]`` and ``[[types]]`` of a file's data; problems are
    recorded under their keys. Names are checked only when the players are (``players``
    not None)."""
    if players is None:
        return Moves()
    return Moves(
        _sequence(data.get("sequence"), players, check),
        _capacity(data.get("capacity"), players, check),
        _types(data.get("types"), players, check),
    )


def _player(value: Any, key: str, players: list[Player], check: Checker) -> int | None:
    """The index of the player named ``value``."""
    names = [p.name for p in players]
    if value in names:
        return names.index(value)
    close = difflib.get_close_matches(str(value), names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    what = "missing" if value is None else f"{describe_value(value)} is not a player"
    check.add(key, f"{what}: one of {', '.join(names)}{hint}")
    return None


def _strategy(value: Any, key: str, player: Player, check: Checker) -> int | None:
    """The index of ``player``'s strategy named ``value``."""
    if value in player.strategies:
        return player.strategies.index(value)
    close = difflib.get_close_matches(str(value), player.strategies, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    what = "missing" if value is None else f"{describe_value(value)} is not a strategy of {player.name}"
    check.add(key, f"{what}: one of {', '.join(player.strategies)}{hint}")
    return None


def _table(raw: Any, key: str, check: Checker, array: bool) -> list[tuple[str, dict]]:
    """(key, table) pairs of a table or an array of tables."""
    if raw is None:
        return []
    if array:
        if isinstance(raw, list) and all(isinstance(t, dict) for t in raw):
            return [(f"{key}[{i}]", t) for i, t in enumerate(raw)]
        check.add(key, f"must be an array of tables: write each as [[{key}]]")
        return []
    if isinstance(raw, dict):
        return [(key, raw)]
    check.add(key, "must be a table")
    return []


def _sequence(raw: Any, players: list[Player], check: Checker) -> MoveOrder | None:
    """``[sequence]``: ``order`` (every player once, the first mover first), ``observed``."""
    tables = _table(raw, "sequence", check, array=False)
    if not tables:
        return None
    _, table = tables[0]
    check.unknown_keys(table, SEQUENCE_KEYS, "sequence")
    order = table.get("order")
    names = [p.name for p in players]
    example = ", ".join(f'"{n}"' for n in names)
    result = None
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(names) or len(set(order)) != len(order):
        check.add("sequence.order", f"must list every player once, the first mover first, e.g. [{example}]")
    else:
        result = tuple(names.index(n) for n in order)
    observed = table.get("observed", True)
    if not isinstance(observed, bool):
        check.add("sequence.observed", f"must be true or false, not {describe_value(observed)}")
        observed = True
    source = check.string(table, "source", "sequence")
    return None if result is None else MoveOrder(result, observed, source)


def _capacity(raw: Any, players: list[Player], check: Checker) -> tuple[Capacity, ...]:
    """``[[capacity]]``: per entry a player, one of its strategies, the success probability
    0 < q <= 1, the fallback (default: the other strategy of a two-strategy player) and an
    optional ``success_range``."""
    entries: list[Capacity] = []
    seen: set[tuple[int, int]] = set()
    for key, table in _table(raw, "capacity", check, array=True):
        check.unknown_keys(table, CAPACITY_KEYS, key)
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
    return tuple(entries)


def _capacity_entry(table: dict, key: str, players: list[Player], check: Checker) -> Capacity | None:
    index = _player(table.get("player"), f"{key}.player", players, check)
    success = check.bounded(table, "success", key, Fraction(0), Fraction(1), True, False)
    if "success" not in table:
        check.add(f"{key}.success", "missing; the probability 0 < q <= 1 that the strategy succeeds")
    if index is None:
        return None
    player = players[index]
    strategy = _strategy(table.get("strategy"), f"{key}.strategy", player, check)
    fallback = None
    if "fallback" in table:
        fallback = _strategy(table["fallback"], f"{key}.fallback", player, check)
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


def _types(raw: Any, players: list[Player], check: Checker) -> tuple[PlayerType, ...]:
    """``[[types]]``: per type a player, a name (unique per player), a prior 0 < π <= 1 (the
    priors of a player's types add up to 1) and ``payoffs``: the type's own payoff at the
    outcomes where it differs from the file's."""
    types: list[PlayerType] = []
    listed: set[int] = set()  # players with at least one valid type
    for key, table in _table(raw, "types", check, array=True):
        check.unknown_keys(table, TYPE_KEYS, key)
        index = _player(table.get("player"), f"{key}.player", players, check)
        name = check.string(table, "name", key, required=True)
        prior = check.bounded(table, "prior", key, Fraction(0), Fraction(1), True, False)
        if "prior" not in table:
            check.add(f"{key}.prior", "missing; the probability 0 < prior <= 1 of this type")
        payoffs = _type_payoffs(table.get("payoffs"), f"{key}.payoffs", players, check)
        if index is None or name is None or prior is None or payoffs is None:
            continue
        if any(t.player == index and t.name == name for t in types):
            check.add(f"{key}.name", f"duplicate type {name!r} of {players[index].name}; type names must differ")
            continue
        listed.add(index)
        description = check.string(table, "description", key)
        types.append(PlayerType(index, name, prior, payoffs, description, check.string(table, "source", key)))
    for index in sorted(listed):
        total = sum((t.prior for t in types if t.player == index), Fraction(0))
        if total != 1:
            check.add(
                "types", f"the priors of {players[index].name}'s types add up to {fmt(total)}; they must add up to 1"
            )
    return tuple(types)


def _type_payoffs(raw: Any, key: str, players: list[Player], check: Checker) -> dict | None:
    """``{ "s1|s2" = u }``: the type's own payoff at each outcome listed (others: the file's)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.add(key, 'must be a table of outcome = payoff, e.g. { "Restrain strikes|Constrain TTP" = 1 }')
        return None
    before = len(check.problems)
    table = outcome_profiles(raw, players, key, check, lambda value, where: check.number(value, where))
    return table if len(check.problems) == before else None
