"""``[[effects]]``: a number written into several payoffs at once, named so it can be followed.

Some assumptions of a file move several payoffs together: India engaging Kabul lowers
Pakistan's value of restraint by the same amount whatever Kabul does. The payoffs in
``[payoffs]`` already hold that amount; an effect names it (``effect``), says which payoffs
hold it (``player`` at each outcome of ``cells``) and how far the record allows it to go
(``effect_range``). Moving the effect from e to x adds x − e to each of those payoffs, so the
payoffs stay affine in the effect and ``sensitivity`` follows it exactly like a payoff
(:mod:`sovgame.sensitivity.parameters`); ``robust`` draws it from its range
(:mod:`sovgame.findings.section_draws`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import Player
from ..core.parts import Profile
from .checker import Checker, player_index, tables
from .kind import SectionKind
from .ranged import ANY, read_range


@dataclass(frozen=True)
class Effect:
    """``effect``: the amount written into ``player``'s payoff at each profile of ``cells``;
    ``effect_range``: what the record allows it to be (None: not declared)."""

    name: str
    player: int
    cells: tuple[Profile, ...]
    effect: Fraction
    effect_range: tuple[Fraction, Fraction] | None = None
    source: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Effects:
    """Every effect the file states, in file order."""

    effects: tuple[Effect, ...]


#: The keys of each ``[[effects]]`` table.
KEYS = ("name", "player", "cells", "effect", "effect_range", "source", "description")


def read_effects(raw: Any, players: list[Player] | None, check: Checker) -> Effects | None:
    """``[[effects]]``: per effect a unique ``name``, a ``player``, the outcomes ``cells`` whose
    payoff of that player holds it, the number ``effect`` and its optional ``effect_range``
    [lo, hi] (lo <= effect <= hi); read once the players are (``players`` not None)."""
    if players is None:
        return None
    out: list[Effect] = []
    for key, table in tables(raw, "effects", check, array=True):
        check.unknown_keys(table, KEYS, key)
        name = check.string(table, "name", key, required=True, name=True)
        index = player_index(table.get("player"), f"{key}.player", players, check)
        cells = _cells(table.get("cells"), f"{key}.cells", players, check)
        effect = check.number(table["effect"], f"{key}.effect") if "effect" in table else None
        if "effect" not in table:
            check.add(f"{key}.effect", "missing; the amount the listed payoffs hold (e.g. -1)")
        declared = None
        if effect is not None and "effect_range" in table:
            declared = read_range(check, table["effect_range"], f"{key}.effect_range", effect, ANY)
        if any(e.name == name for e in out):
            check.add(f"{key}.name", f"duplicate effect {name!r}; effect names must differ")
            continue
        if name is None or index is None or cells is None or effect is None:
            continue
        description, source = check.string(table, "description", key), check.string(table, "source", key)
        out.append(Effect(name, index, cells, effect, declared, source, description))
    return Effects(tuple(out)) if out else None


def _cells(raw: Any, key: str, players: list[Player], check: Checker) -> tuple[Profile, ...] | None:
    """``["s1|s2", ...]``: distinct outcomes, one strategy per player."""
    if not isinstance(raw, list) or not raw or not all(isinstance(c, str) for c in raw):
        check.add(key, 'must be a non-empty list of outcomes, e.g. ["Restrain strikes|Constrain TTP"]')
        return None
    out: list[Profile] = []
    for k, text in enumerate(raw):
        parts = [part.strip() for part in text.split("|")]
        if len(parts) != len(players) or any(s not in p.strategies for s, p in zip(parts, players)):
            names = " | ".join(f"a strategy of {p.name}" for p in players)
            check.add(f"{key}[{k}]", f"{text!r} is no outcome of the game; write {names}")
            return None
        profile = tuple(p.strategies.index(s) for s, p in zip(parts, players))
        if profile in out:
            check.add(f"{key}[{k}]", f"{text!r} is listed twice")
            return None
        out.append(profile)
    return tuple(out)


SECTION = SectionKind("effects", KEYS, read_effects)
