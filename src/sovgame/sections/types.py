"""``[[types]]``: the players' private types with their priors.

Types (Harsanyi 1967; Kydd 1997, 2005): each type of a player has a prior probability and its
own payoffs, given as changes to the player's payoffs in ``[payoffs]``; costs fall on every
type alike (they follow from the outcome, not from preferences). Solved by
:mod:`sovgame.play.bayesian` and :mod:`sovgame.play.trust` (docs/models.md, "Types and trust").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ..core.parts import Profile


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


@dataclass(frozen=True)
class HiddenTypes:
    """Every type the file states, in file order (the priors of a player's types add up to 1)."""

    types: tuple[PlayerType, ...]

    def of(self, player: int) -> tuple[PlayerType, ...]:
        """The types of ``player``, in file order."""
        return tuple(t for t in self.types if t.player == player)
