"""``[sequence]``: who moves first, and whether the later mover sees that move.

Move order (Schelling 1960; Fearon 1995; Powell 2006): the analyses of
:mod:`sovgame.play.sequential` solve the game by backward induction with the first mover's
choice observed by the follower (docs/models.md, "Move order and commitment").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.model import Game, Player
from .checker import Checker, describe_value, tables
from .kind import SectionKind


@dataclass(frozen=True)
class MoveOrder:
    """``order``: player indices, the first mover first; ``observed``: whether later movers
    see the earlier moves (if not, the game is strategically simultaneous)."""

    order: tuple[int, ...]
    observed: bool = True
    source: str | None = None

    def json_fields(self, game: Game) -> dict[str, Any]:
        """``sequence`` in the case's JSON: the order by player names, and ``observed``."""
        return {"sequence": {"order": [game.player_names[i] for i in self.order], "observed": self.observed}}


#: The keys of ``[sequence]``.
KEYS = ("order", "observed", "source", "description")


def read_sequence(raw: Any, players: list[Player] | None, check: Checker) -> MoveOrder | None:
    """``[sequence]``: ``order`` (every player once, the first mover first), ``observed``;
    read once the players are (``players`` not None)."""
    found = [] if players is None else tables(raw, "sequence", check, array=False)
    if not found or players is None:
        return None
    _, table = found[0]
    check.unknown_keys(table, KEYS, "sequence")
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


SECTION = SectionKind("sequence", KEYS, read_sequence)
