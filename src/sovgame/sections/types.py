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
from typing import Any

from ..core.model import Game, Player
from ..core.numbers import fmt
from ..core.parts import Profile
from .checker import Checker, outcome_profiles, player_index, tables
from .kind import SectionKind


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
    prior_range: tuple[Fraction, Fraction] | None = None  # what the record allows the prior to be


@dataclass(frozen=True)
class HiddenTypes:
    """Every type the file states, in file order (the priors of a player's types add up to 1)."""

    types: tuple[PlayerType, ...]

    def json_fields(self, game: Game) -> dict[str, Any]:
        """``types`` in the case's JSON: player, name, prior and payoffs of each type."""
        return {
            "types": [
                {
                    "player": game.player_names[t.player],
                    "name": t.name,
                    "prior": fmt(t.prior),
                    "payoffs": {game.outcome_key(p): fmt(v) for p, v in t.payoffs.items()},
                }
                for t in self.types
            ]
        }

    def of(self, player: int) -> tuple[PlayerType, ...]:
        """The types of ``player``, in file order."""
        return tuple(t for t in self.types if t.player == player)


#: The keys of each ``[[types]]`` table.
KEYS = ("player", "name", "prior", "prior_range", "payoffs", "source", "description")


def read_types(raw: Any, players: list[Player] | None, check: Checker) -> HiddenTypes | None:
    """``[[types]]``: per type a player, a name (unique per player), a prior 0 < π <= 1 (the
    priors of a player's types add up to 1) and ``payoffs``: the type's own payoff at the
    outcomes where it differs from the file's; read once the players are (``players`` not None)."""
    if players is None:
        return None
    types: list[PlayerType] = []
    listed: set[int] = set()  # players with at least one valid type
    for key, table in tables(raw, "types", check, array=True):
        check.unknown_keys(table, KEYS, key)
        index = player_index(table.get("player"), f"{key}.player", players, check)
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
        declared = check.value_range(table, "prior_range", key, prior, Fraction(0), Fraction(1))
        types.append(PlayerType(index, name, prior, payoffs, description, check.string(table, "source", key), declared))
    for index in sorted(listed):
        total = sum((t.prior for t in types if t.player == index), Fraction(0))
        if total != 1:
            check.add(
                "types", f"the priors of {players[index].name}'s types add up to {fmt(total)}; they must add up to 1"
            )
    return HiddenTypes(tuple(types)) if types else None


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


SECTION = SectionKind("types", KEYS, read_types)
