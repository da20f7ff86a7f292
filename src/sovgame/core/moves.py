"""What a game file says beyond one simultaneous move with complete information: who moves
first and whether the move is seen (``[sequence]``), and the players' private types with
their priors (``[[types]]``). Limited capacity is in :mod:`sovgame.core.capacity`.

- Move order (Schelling 1960; Fearon 1995; Powell 2006): the analyses of
  :mod:`sovgame.play.sequential` solve the game by backward induction with the first mover's
  choice observed by the follower.
- Types (Harsanyi 1967; Kydd 1997, 2005): each type of a player has a prior probability and its
  own payoffs, given as changes to the player's payoffs in ``[payoffs]``; costs fall on every
  type alike (they follow from the outcome, not from preferences). Solved by
  :mod:`sovgame.play.bayesian`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

Profile = tuple[int, ...]


@dataclass(frozen=True)
class MoveOrder:
    """``order``: player indices, the first mover first; ``observed``: whether later movers
    see the earlier moves (if not, the game is strategically simultaneous)."""

    order: tuple[int, ...]
    observed: bool = True
    source: str | None = None


@dataclass(frozen=True)
class PlayerType:
    """One type of a player: its prior probability and its own payoffs where they differ
    from the player's payoffs in the file (``payoffs[profile]``, the player's payoff only)."""

    player: int
    name: str
    prior: Fraction
    payoffs: Mapping[Profile, Fraction] = field(default_factory=dict)
    description: str | None = None
    source: str | None = None
