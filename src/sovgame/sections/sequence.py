"""``[sequence]``: who moves first, and whether the later mover sees that move.

Move order (Schelling 1960; Fearon 1995; Powell 2006): the analyses of
:mod:`sovgame.play.sequential` solve the game by backward induction with the first mover's
choice observed by the follower (docs/models.md, "Move order and commitment").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MoveOrder:
    """``order``: player indices, the first mover first; ``observed``: whether later movers
    see the earlier moves (if not, the game is strategically simultaneous)."""

    order: tuple[int, ...]
    observed: bool = True
    source: str | None = None
