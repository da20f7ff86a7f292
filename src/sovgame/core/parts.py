"""The parts a game is built from: players with their strategies, and the costs of conflict
with the outcomes at which they fall on whom (docs/models.md, "Notation")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Incidence(StrEnum):
    """When a cost falls on player i at outcome s (docs/models.md, "Notation")."""

    ANY_CONFLICT = "any_conflict"  # some player of `between` is not at its compromise
    OWN_CONFRONT = "own_confront"  # player i itself is not at its compromise
    MUTUAL_CONFRONT = "mutual_confront"  # every player of `between` confronts
    CUSTOM = "custom"  # the file's exposure table says


class PayoffScale(StrEnum):
    """What the payoff numbers mean: as given, or only their order (each player's ranking)."""

    CARDINAL = "cardinal"
    ORDINAL = "ordinal"


#: The words a file may use, as plain strings (for messages and "did you mean").
INCIDENCES = tuple(i.value for i in Incidence)
PAYOFF_SCALES = tuple(s.value for s in PayoffScale)

Profile = tuple[int, ...]


@dataclass(frozen=True)
class Player:
    """A player, its strategies in file order, and its compromise strategy (if named)."""

    name: str
    strategies: tuple[str, ...]
    compromise: str | None = None
    description: str | None = None

    @property
    def compromise_index(self) -> int | None:
        """The position of the compromise strategy among ``strategies``, or None if none is named."""
        return None if self.compromise is None else self.strategies.index(self.compromise)


@dataclass(frozen=True)
class Cost:
    """A cost of conflict: who is exposed at which outcome (incidence) and by how much.

    ``incidence`` is one of:

    - ``any_conflict``: player i pays at outcome s when some player of ``between`` is not at
      its compromise strategy (a closed border stops trade for both);
    - ``own_confront``: player i pays when it is itself not at its compromise strategy;
    - ``mutual_confront``: player i pays when every player of ``between`` confronts;
    - ``custom``: ``exposure[s][i]`` as given in the file (outcomes not listed: 0).

    ``weights_range`` (optional) gives ``(lo, hi)`` per player: how uncertain each weight
    is. Exact analyses use ``weights``; ``sovgame robust`` draws each weight uniformly from
    its range. ``basis`` (optional) says per player whether the weight is sourced or assumed.
    """

    name: str
    incidence: Incidence
    weights: tuple[Fraction, ...]
    between: tuple[int, ...]
    exposure: Mapping[Profile, tuple[Fraction, ...]] | None = None
    source: str | None = None
    weights_range: tuple[tuple[Fraction, Fraction], ...] | None = None
    # Per player, whether a cited figure pins the weight ("sourced") or the analyst chose it
    # ("assumed"); None when the file does not say.
    basis: tuple[str, ...] | None = None
    label: str | None = None  # the cost's name in tables and charts ("diplomatic isolation")

    def bases(self) -> tuple[str, ...]:
        """Per player, "sourced" or "assumed": the file's ``basis`` where it says; otherwise
        sourced when the cost cites a ``source``, assumed when it does not."""
        if self.basis is not None:
            return self.basis
        return ("sourced" if self.source else "assumed",) * len(self.weights)

    @property
    def shown(self) -> str:
        """The cost as tables and charts name it: its ``label``, else its name."""
        return self.label or self.name

    def exposure_at(self, players: Sequence[Player], profile: Profile, i: int) -> Fraction:
        """0/1 exposure of player i at ``profile`` (any number for custom incidence)."""
        if self.incidence == Incidence.CUSTOM:
            row = (self.exposure or {}).get(profile)
            return Fraction(0) if row is None else row[i]
        confronting = [profile[j] != players[j].compromise_index for j in self.between]
        if self.incidence == Incidence.ANY_CONFLICT:
            exposed = any(confronting)
        elif self.incidence == Incidence.OWN_CONFRONT:
            exposed = profile[i] != players[i].compromise_index
        else:  # Incidence.MUTUAL_CONFRONT
            exposed = all(confronting)
        return Fraction(int(exposed))
