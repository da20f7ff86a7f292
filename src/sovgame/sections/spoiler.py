"""``[spoiler]``: a third actor whose attacks one player reads the other's type from.

Kydd & Walter (2002, "Sabotaging the Peace"); Stedman (1997): a spoiler (the TTP) attacks at
a rate that depends on the type of the player it operates from (Kabul: a TTP ally or a
security seeker, the file's ``[[types]]``); the other player (Pakistan) updates its belief by
Bayes' rule on attacks and quiet periods. Optionally the spoiler's own payoffs, for the
spoiler as a strategic player. Analysed by :mod:`sovgame.play.spoiler`
(docs/models.md, "Spoilers and belief updating").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import Player
from .checker import Checker, player_index, tables
from .kind import SectionKind
from .ranged import ANY, NON_NEGATIVE, PROBABILITY, Ranged, read_named, read_ranged


@dataclass(frozen=True)
class Spoiler:
    """The spoiler ``name``: its attack rate in a period under each type of player
    ``player`` (by type name, file order), the type whose probability the other player
    follows (``watched``), and optionally the spoiler's own payoffs: its value of the
    status quo (``conflict_value``) and of compromise (``compromise_value``) per period,
    and the cost of an attack (``attack_cost``)."""

    name: str
    player: int
    watched: str
    rates: tuple[tuple[str, Ranged], ...]
    conflict_value: Ranged | None = None
    compromise_value: Ranged | None = None
    attack_cost: Ranged | None = None
    source: str | None = None

    def rate(self, type_name: str) -> Fraction:
        """The attack rate under ``type_name``."""
        return dict(self.rates)[type_name].value

    @property
    def strategic(self) -> bool:
        """Whether the file gives the spoiler's own payoffs."""
        return None not in (self.conflict_value, self.compromise_value, self.attack_cost)


#: The keys of ``[spoiler]``.
VALUES = ("conflict_value", "compromise_value", "attack_cost")
KEYS = (
    "name",
    "player",
    "type",
    "attack_rates",
    "attack_rates_range",
    *VALUES,
    *(f"{v}_range" for v in VALUES),
    "source",
    "description",
)


def read_spoiler(raw: Any, players: list[Player] | None, check: Checker) -> Spoiler | None:
    """``[spoiler]``: ``name``, ``player`` (whose types set the rates), ``type`` (the type
    whose probability is followed), ``attack_rates = { type = rate }`` with optional
    ``attack_rates_range``, and optionally ``conflict_value``, ``compromise_value`` and
    ``attack_cost`` (each with an optional ``_range``); type names are checked against the
    file's ``[[types]]`` when the spoiler is analysed."""
    found = tables(raw, "spoiler", check, array=False)
    if not found or players is None:
        return None
    key, table = found[0]
    check.unknown_keys(table, KEYS, key)
    name = check.string(table, "name", key, required=True, name=True)
    player = player_index(table.get("player"), f"{key}.player", players, check)
    watched = check.string(table, "type", key, required=True, name=True)
    rates = read_named(check, table, "attack_rates", key, PROBABILITY)
    values = [read_ranged(check, table, v, key, NON_NEGATIVE if v == "attack_cost" else ANY) for v in VALUES]
    given = [v for v in VALUES if v in table]
    if given and len(given) != len(VALUES):
        missing = ", ".join(v for v in VALUES if v not in table)
        check.add(key, f"the spoiler's payoffs need all of {', '.join(VALUES)}; missing: {missing}")
    if len(players) != 2:
        check.add(key, "a spoiler needs a game of two players: the one it operates from and the one it attacks")
        return None
    if name is None or player is None or watched is None or rates is None:
        return None
    if watched not in rates:
        check.add(f"{key}.type", f"{watched!r} has no rate in attack_rates ({', '.join(rates)})")
        return None
    source = check.string(table, "source", key)
    return Spoiler(name, player, watched, tuple(rates.items()), values[0], values[1], values[2], source)


SECTION = SectionKind("spoiler", KEYS, read_spoiler)
