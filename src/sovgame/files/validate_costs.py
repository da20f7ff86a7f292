"""Validating ``[[costs]]``: each cost's name, incidence, weights and their range, the players
it is ``between`` and, for a custom cost, its exposure table."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import INCIDENCES, Cost, Game, Incidence, Player
from ..core.numbers import fmt
from ..sections.checker import Checker, describe_value, outcome_profiles

#: The keys a [[costs]] table may have.
COST_KEYS = (
    "name",
    "label",
    "incidence",
    "weights",
    "weights_range",
    "weights_basis",
    "between",
    "exposure",
    "source",
    "description",
)
#: What ``weights_basis`` may say of each weight.
BASES = ("sourced", "assumed")


def validate_costs(raw: Any, players: list[Player], check: Checker) -> list[Cost]:
    """``[[costs]]``: each cost's name, incidence, weights (and range), ``between``, exposure."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        check.add("costs", "must be an array of tables: write each cost as [[costs]]")
        return []
    costs: list[Cost] = []
    seen: set[str] = set()
    for index, table in enumerate(raw):
        prefix = f"costs[{index}]"
        check.unknown_keys(table, COST_KEYS, prefix)
        name = check.string(table, "name", prefix, required=True, name=True)
        if name is not None:
            if name in seen:
                check.add(f"{prefix}.name", f"duplicate cost name {name!r}")
            seen.add(name)
        cost = _cost(table, name, prefix, players, check)
        if cost is not None:
            costs.append(cost)
    return costs


def _cost(table: dict, name: str | None, prefix: str, players: list[Player], check: Checker) -> Cost | None:
    """One cost table, or None when something in it is reported."""
    player_names = [p.name for p in players]
    label = check.string(table, "label", prefix, name=True) if "label" in table else None
    incidence = _incidence(table.get("incidence"), f"{prefix}.incidence", check)
    weights = _weights(table, prefix, player_names, check)
    weights_range = None
    if "weights_range" in table:
        weights_range = _weights_range(table["weights_range"], weights, player_names, f"{prefix}.weights_range", check)
    between = _between(table.get("between"), player_names, f"{prefix}.between", check)
    exposure = None
    if incidence == Incidence.CUSTOM:
        exposure = _exposure(table.get("exposure"), players, f"{prefix}.exposure", check)
    elif "exposure" in table and incidence is not None:
        check.add(f"{prefix}.exposure", f"only a `custom` cost takes an exposure table; this one is '{incidence}'")
    if incidence not in (None, Incidence.CUSTOM) and between is not None:
        incidence = _compromise_for(incidence, between, weights, players, f"{prefix}.incidence", check)
    if not (name and incidence and weights is not None and between is not None):
        return None
    if incidence == Incidence.CUSTOM and exposure is None:
        return None
    return Cost(
        name=name,
        incidence=incidence,
        weights=tuple(weights),
        between=tuple(between),
        exposure=exposure,
        source=check.string(table, "source", prefix),
        weights_range=weights_range,
        basis=_basis(table.get("weights_basis"), player_names, f"{prefix}.weights_basis", check),
        label=label,
    )


def _basis(raw: Any, names: list[str], key: str, check: Checker) -> tuple[str, ...] | None:
    """``["sourced", "assumed"]``: per player whether a cited figure pins its weight."""
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != len(names) or any(b not in BASES for b in raw):
        example = ", ".join(['"assumed"'] * len(names))
        check.add(key, f"give one of {' or '.join(BASES)} per player ({', '.join(names)}), e.g. [{example}]")
        return None
    return tuple(raw)


def _incidence(raw: Any, key: str, check: Checker) -> Incidence | None:
    if raw in INCIDENCES:
        return Incidence(raw)
    close = difflib.get_close_matches(str(raw), INCIDENCES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    what = "missing" if raw is None else f"{describe_value(raw)} is not an incidence"
    check.add(key, f"{what}: use one of {', '.join(INCIDENCES)}{hint}")
    return None


def _weights(table: dict, prefix: str, names: list[str], check: Checker) -> list[Fraction] | None:
    """One weight per player, each >= 0."""
    if "weights" not in table:
        check.add(f"{prefix}.weights", f"missing; give {len(names)} weights, one per player")
        return None
    weights = check.numbers(table["weights"], f"{prefix}.weights", len(names), f"one per player: {', '.join(names)}")
    for i, w in enumerate(weights or []):
        if w < 0:
            check.add(
                f"{prefix}.weights[{i}]", f"is {w}; a cost weight must be >= 0 (a benefit is a payoff, not a cost)"
            )
            return None
    return weights


def _compromise_for(
    incidence: Incidence,
    between: list[int],
    weights: list[Fraction] | None,
    players: list[Player],
    key: str,
    check: Checker,
) -> Incidence | None:
    """The incidence if every player it needs names a compromise strategy, else None."""
    # own_confront only needs the compromise of players it charges.
    own = incidence == Incidence.OWN_CONFRONT
    relevant = range(len(players)) if own else between
    if any(players[j].compromise is None for j in relevant if j in check.flawed_players):
        return None  # the player's own problem is reported already
    lacking = [
        players[j].name
        for j in relevant
        if players[j].compromise is None
        and j not in check.flawed_players
        and not (own and weights is not None and weights[j] == 0)
    ]
    if lacking:
        check.add(
            key,
            f"'{incidence}' needs a `compromise` strategy for {', '.join(lacking)}; "
            'name one in [[players]] or use incidence = "custom"',
        )
        return None
    return incidence


def _weights_range(
    raw: Any, weights: list[Fraction] | None, names: list[str], key: str, check: Checker
) -> tuple[tuple[Fraction, Fraction], ...] | None:
    """``[[lo, hi], ...]``, one pair per player, 0 <= lo <= hi, containing the stated weight."""
    n = len(names)
    if not isinstance(raw, list) or len(raw) != n or not any(isinstance(item, list) for item in raw):
        got = (
            f"has {len(raw)} item{'' if len(raw) == 1 else 's'}"
            if isinstance(raw, list)
            else f"is {describe_value(raw)}"
        )
        if isinstance(raw, list) and len(raw) == n:
            got = "is one list of numbers"
        example = ", ".join(["[0, 1]"] * n)
        check.add(key, f"{got}; give {n} pairs [lo, hi], one per player ({', '.join(names)}), e.g. [{example}]")
        return None
    pairs = []
    for i, item in enumerate(raw):
        bounds = check.numbers(item, f"{key}[{i}]", 2, f"[lo, hi] for {names[i]}, 0 <= lo <= hi")
        if bounds is None:
            continue
        lo, hi = bounds
        if not 0 <= lo <= hi:
            check.add(f"{key}[{i}]", f"is [{lo}, {hi}]; it must be [lo, hi] with 0 <= lo <= hi")
        elif weights is not None and not lo <= weights[i] <= hi:
            check.add(
                f"{key}[{i}]",
                f"is [{lo}, {hi}], which does not contain the stated weight "
                f"{weights[i]} (weights[{i}]); widen the range or change the weight",
            )
        else:
            pairs.append((lo, hi))
    return tuple(pairs) if len(pairs) == n else None


def _between(raw: Any, names: list[str], key: str, check: Checker) -> list[int] | None:
    if raw is None:
        return list(range(len(names)))
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        check.add(key, "must be a non-empty list of player names")
        return None
    out = []
    for i, name in enumerate(raw):
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            check.add(f"{key}[{i}]", f"{name!r} is not a player ({', '.join(names)}){hint}")
            return None
        out.append(names.index(name))
    return out


def _exposure(raw: Any, players: list[Player], key: str, check: Checker) -> dict | None:
    """A custom cost's exposure per outcome and player; outcomes not listed are 0, so an empty
    table ``{ }`` is a cost that falls on nobody (accepted, as the reference says)."""
    if not isinstance(raw, dict):
        check.add(key, 'a custom cost needs an exposure table: { "s1|s2" = [e1, e2], ... } (outcomes not listed: 0)')
        return None
    n = len(players)
    before = len(check.problems)

    def row(value: Any, item_key: str) -> tuple[Fraction, ...] | None:
        """One outcome's exposures, one per player, each >= 0; None when reported."""
        values = check.numbers(value, item_key, n, "one exposure per player")
        if values is not None and any(v < 0 for v in values):
            check.add(item_key, "exposures must be >= 0")
            return None
        return tuple(values) if values is not None else None

    table = outcome_profiles(raw, players, key, check, row)
    return table if len(check.problems) == before else None


@dataclass(frozen=True)
class CostTrap:
    """A player whom no cost level moves from confronting: while the others compromise it pays
    the same at ``leaves_for`` as at its compromise ``stays`` (every cost falls on its choices
    alike there, as a ``mutual_confront`` cost does, or it pays none) and gains ``gain`` by
    leaving. Its deviation gain a − κ·b has b = 0, so no κ removes it: compromise is an
    equilibrium at no cost level and every threshold reads "never" (docs/models.md)."""

    player: str
    stays: str
    leaves_for: str
    gain: Fraction

    def warning(self) -> str:
        """What a file that does not acknowledge the trap is warned of on loading."""
        who = self.player
        return (
            f"every cost falls on {who}'s choices alike while the others compromise ({who} pays the same at "
            f"'{self.leaves_for}' as at '{self.stays}'), so no cost level removes its gain of {fmt(self.gain)} "
            f"from '{self.leaves_for}': compromise is an equilibrium at no κ and every threshold reads \"never\"; "
            f'a cost {who} pays only when it confronts (incidence = "own_confront" or "any_conflict") can '
            f'change that, or, if it is meant, untouched_by_costs = ["{who}"] in [analysis] says so'
        )

    def note(self) -> str:
        """The one line outputs show for a trap the file acknowledges."""
        return (
            f"no cost moves {self.player} (as [analysis] untouched_by_costs states): it gains "
            f"{fmt(self.gain)} from '{self.leaves_for}' at every κ, so compromise is an equilibrium at no κ"
        )


def find_cost_traps(game: Game) -> list[CostTrap]:
    """The players no cost level moves from confronting (:class:`CostTrap`), in player order;
    empty without costs or without a compromise profile."""
    target = game.compromise_profile
    if not game.costs or target is None:
        return []
    traps = []
    for i, player in enumerate(game.players):
        if len(player.strategies) < 2:
            continue
        here = _load(game, target, i)
        moves = [target[:i] + (s,) + target[i + 1 :] for s in range(len(player.strategies)) if s != target[i]]
        if any(_load(game, move, i) != here for move in moves):
            continue
        gain, best = max((game.payoffs[move + (i,)] - game.payoffs[target + (i,)], move[i]) for move in moves)
        if gain > 0:
            traps.append(CostTrap(player.name, player.strategies[target[i]], player.strategies[best], gain))
    return traps


def cost_traps(game: Game, acknowledged: Sequence[str] = ()) -> list[str]:
    """Warnings for a valid file whose costs cannot move compromise (:class:`CostTrap`), but
    not for the players ``acknowledged`` (``[analysis] untouched_by_costs``); and a warning for
    each acknowledged player whom costs do move, so that the key cannot go stale silently."""
    traps = find_cost_traps(game)
    warnings = [trap.warning() for trap in traps if trap.player not in acknowledged]
    trapped = {trap.player for trap in traps}
    warnings += [
        f"[analysis] untouched_by_costs lists {name}, but a cost level can move it from confronting "
        "(or it gains nothing by leaving compromise); remove it from the list"
        for name in acknowledged
        if name not in trapped
    ]
    return warnings


def _load(game: Game, profile: tuple[int, ...], i: int) -> Fraction:
    """W_i at ``profile``: player i's weights times its exposure, summed over the costs."""
    return sum((c.weights[i] * c.exposure_at(game.players, profile, i) for c in game.costs), Fraction(0))
