"""``[[readings]]``: other orderings of the record, each stated as changed payoff cells.

Payoffs encode an analyst's reading of each side's preferences; where the sources allow more
than one ordering, the answer has to be shown under each (docs/models.md, "Readings"). A
reading names itself, says why the record allows it (``reason``, in the words of the source)
and where (``source``), and replaces whole cells of ``[payoffs]``: one number per player at
each outcome it lists, every other outcome as the file states it. Costs fall as the file says
(they follow from outcomes, not preferences). Analysed by :mod:`sovgame.findings.readings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from ..core.model import Game, Player
from ..core.parts import Profile
from .checker import Checker, outcome_profiles, tables
from .kind import SectionKind


@dataclass(frozen=True)
class Reading:
    """One alternative reading: its name, why the record allows it, where, and the payoff cells
    it replaces (``payoffs[profile]``: one payoff per player)."""

    name: str
    reason: str
    source: str | None = None
    payoffs: Mapping[Profile, tuple[Fraction, ...]] = field(default_factory=dict)

    def game(self, game: Game) -> Game:
        """``game`` with this reading's cells in place of the file's."""
        payoffs = game.payoffs.copy()
        for profile, cell in self.payoffs.items():
            for i, value in enumerate(cell):
                payoffs[profile + (i,)] = value
        return replace(game, payoffs=payoffs)


@dataclass(frozen=True)
class Readings:
    """Every reading the file states, in file order."""

    readings: tuple[Reading, ...]


#: The keys of each ``[[readings]]`` table.
KEYS = ("name", "reason", "source", "payoffs")


def read_readings(raw: Any, players: list[Player] | None, check: Checker) -> Readings | None:
    """``[[readings]]``: per reading a name (unique), a reason, an optional source and
    ``payoffs``: ``{ "s1|s2" = [u1, u2, ...] }``, at least one outcome, one number per player;
    read once the players are (``players`` not None)."""
    if players is None:
        return None
    found: list[Reading] = []
    for key, table in tables(raw, "readings", check, array=True):
        check.unknown_keys(table, KEYS, key)
        name = check.string(table, "name", key, required=True)
        reason = check.string(table, "reason", key, required=True)
        source = check.string(table, "source", key)
        cells = _cells(table.get("payoffs"), f"{key}.payoffs", players, check)
        if name is None or reason is None or cells is None:
            continue
        if any(r.name == name for r in found):
            check.add(f"{key}.name", f"duplicate reading {name!r}; reading names must differ")
            continue
        found.append(Reading(name, reason, source, cells))
    return Readings(tuple(found)) if found else None


def _cells(raw: Any, key: str, players: list[Player], check: Checker) -> dict | None:
    """``{ "s1|s2" = [u1, u2] }``: the cells the reading replaces (at least one)."""
    example = '{ "' + "|".join(p.strategies[0] for p in players) + '" = [' + ", ".join("1" for _ in players) + "] }"
    if raw is None:
        check.add(key, f"missing; the payoff cells this reading changes, e.g. {example}")
        return None
    if not isinstance(raw, dict) or not raw:
        check.add(key, f"must be a table of outcome = [one payoff per player], e.g. {example}")
        return None
    before = len(check.problems)
    names = ", ".join(p.name for p in players)

    def cell(value: Any, where: str) -> tuple[Fraction, ...] | None:
        numbers = check.numbers(value, where, len(players), f"one payoff per player: {names}")
        return None if numbers is None else tuple(numbers)

    table = outcome_profiles(raw, players, key, check, cell)
    return table if len(check.problems) == before else None


SECTION = SectionKind("readings", KEYS, read_readings)
