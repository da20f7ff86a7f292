"""``[stability]``: what the Graph Model for Conflict Resolution needs beyond the normal form.

Published GMCR cases (Fang, Hipel & Kilgour 1993) declare states that cannot occur
(*infeasible* states: combinations of options that exclude each other) and moves that cannot
be undone (*irreversible* moves: an abandoned plant is not reopened), and name the *status
quo* from which the conflict evolves. :mod:`sovgame.play.gmcr` reads them from here::

    [stability]
    status_quo = "Strike|Tolerate TTP"
    infeasible = ["Restrain strikes|Tolerate TTP"]
    irreversible = [{ player = "Pakistan", from = "Strike", to = ["Restrain strikes"] }]

``irreversible`` forbids the listed player's moves from ``from`` (to every other strategy,
or only to those in ``to``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.model import Player, Profile
from .checker import Checker, describe_value, outcome_profiles, player_index, strategy_index
from .kind import SectionKind


@dataclass(frozen=True)
class StabilitySettings:
    """``infeasible``: profiles that are no state; ``forbidden``: (player, from, to) strategy
    moves that cannot be made; ``status_quo``: the state the conflict starts from, if named."""

    infeasible: frozenset[Profile] = frozenset()
    forbidden: frozenset[tuple[int, int, int]] = frozenset()
    status_quo: Profile | None = None
    source: str | None = None


#: The keys of ``[stability]``.
KEYS = ("status_quo", "infeasible", "irreversible", "source", "description")
#: The keys of each table of ``irreversible``.
MOVE_KEYS = ("player", "from", "to")


def _outcomes(raw: Any, key: str, players: list[Player], check: Checker) -> list[Profile] | None:
    """A list of outcome keys ("s1|s2"), each checked against the players."""
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        check.add(key, f'must be a list of outcomes such as ["s1|s2"], not {describe_value(raw)}')
        return None
    found = outcome_profiles({name: True for name in raw}, players, key, check, lambda v, k: v)
    return list(found)


def _moves(raw: Any, players: list[Player], check: Checker) -> set[tuple[int, int, int]]:
    """``irreversible``: the strategy moves each table forbids."""
    key = "stability.irreversible"
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        check.add(key, 'must be a list of tables such as { player = "P", from = "s" }')
        return set()
    forbidden: set[tuple[int, int, int]] = set()
    for index, table in enumerate(raw):
        where = f"{key}[{index}]"
        check.unknown_keys(table, MOVE_KEYS, where)
        player = player_index(table.get("player"), f"{where}.player", players, check)
        if player is None:
            continue
        who = players[player]
        start = strategy_index(table.get("from"), f"{where}.from", who, check)
        targets = table.get("to", [s for s in who.strategies if s != table.get("from")])
        targets = [targets] if isinstance(targets, str) else targets
        if not isinstance(targets, list):
            check.add(f"{where}.to", f"must be a strategy or a list of strategies, not {describe_value(targets)}")
            continue
        ends = [strategy_index(t, f"{where}.to", who, check) for t in targets]
        if start is not None:
            forbidden.update((player, start, end) for end in ends if end is not None and end != start)
    return forbidden


def read_stability(raw: Any, players: list[Player] | None, check: Checker) -> StabilitySettings | None:
    """``[stability]``: ``status_quo``, ``infeasible`` and ``irreversible``, read once the
    players are (``players`` not None)."""
    if raw is None or players is None:
        return None
    if not isinstance(raw, dict):
        check.add("stability", "must be a table")
        return None
    check.unknown_keys(raw, KEYS, "stability")
    infeasible = _outcomes(raw.get("infeasible", []), "stability.infeasible", players, check) or []
    forbidden = _moves(raw.get("irreversible", []), players, check)
    status_quo = None
    if "status_quo" in raw:
        named = _outcomes(
            [raw["status_quo"]] if isinstance(raw["status_quo"], str) else raw["status_quo"],
            "stability.status_quo",
            players,
            check,
        )
        if named:
            status_quo = named[0]
            if status_quo in infeasible:
                check.add("stability.status_quo", "names an infeasible state; the status quo must be feasible")
    return StabilitySettings(
        frozenset(infeasible), frozenset(forbidden), status_quo, check.string(raw, "source", "stability")
    )


SECTION = SectionKind("stability", KEYS, read_stability)
