"""The game as the file states it: payoff matrices, notes, costs, sections; the bundled games.

The JSON of ``show`` is the game's and the case's own (``Case.to_dict()``, :mod:`sovgame.core.case`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Set
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.case import Case, as_case
from ..core.model import Game, Profile
from ..core.numbers import fmt, fmt_short
from ..sections.capacity import LimitedCapacity, stated
from ..sections.sequence import MoveOrder
from ..sections.types import HiddenTypes
from .sections import EQUILIBRIUM_MARK, Section

if TYPE_CHECKING:
    import numpy as np


def payoff_sections(
    game: Game,
    payoffs: np.ndarray | None = None,
    marked: Set[Profile] = frozenset(),
    title: str = "Payoffs",
    cell: Callable[[Profile, str], str] | None = None,
    kappa: Fraction = Fraction(0),
) -> list[Section]:
    """The payoff matrix: rows the first player, columns the second, one table per profile
    of the remaining players. Cells read "u1, u2, ..."; ``marked`` cells get a star, and the
    caption says at which cost level ``kappa`` they are equilibria (first, so that the star
    and its κ share a line); ``cell(profile, text)``, if given, may rewrite a cell's text."""
    payoffs = game.payoffs if payoffs is None else payoffs
    p1, p2, rest = game.players[0], game.players[1], game.players[2:]
    sections = []
    for others in itertools.product(*(range(len(p.strategies)) for p in rest)):
        rows = []
        for r, row_name in enumerate(p1.strategies):
            cells = []
            for c in range(len(p2.strategies)):
                profile = (r, c) + others
                text = ", ".join(fmt_short(v) for v in payoffs[profile])
                text = f"{EQUILIBRIUM_MARK} {text}" if profile in marked else text
                cells.append(cell(profile, text) if cell else text)
            rows.append([row_name] + cells)
        fixed = ", ".join(f"{p.name}: {p.strategies[s]}" for p, s in zip(rest, others))
        caption = f"payoffs in player order: {', '.join(game.player_names)}"
        if marked:
            caption = f"{mark_caption(kappa, bool(game.costs))}; {caption}"
        sections.append(
            Section(
                title=f"{title}" + (f" ({fixed})" if fixed else ""),
                columns=[f"{p1.name} \\ {p2.name}"] + list(p2.strategies),
                rows=rows,
                caption=caption,
                name="payoffs",
                numeric=set(range(1, len(p2.strategies) + 1)),
            )
        )
    return sections


def mark_caption(kappa: Fraction, costs: bool = True) -> str:
    """What the star means, with its cost level: "★ marks an equilibrium at κ = 0 (costs not
    counted)"; a game without costs has the same equilibria at every κ."""
    if not costs:
        return f"{EQUILIBRIUM_MARK} marks an equilibrium (no costs: the same at every κ)"
    if kappa == 0:
        return f"{EQUILIBRIUM_MARK} marks an equilibrium at κ = 0 (costs not counted)"
    return f"{EQUILIBRIUM_MARK} marks an equilibrium at κ = {fmt(kappa)}{' (today)' if kappa == 1 else ''}"


def notes_section(x: Game | Case) -> Section | None:
    """The analyst's notes on outcomes, as sentences (long text reads badly in a grid)."""
    case = as_case(x)
    game, notes = case.game, case.notes
    if not notes:
        return None
    lines = [f"{game.outcome_key(p)}: {notes[p]}" for p in game.profiles() if p in notes]
    return Section("Notes on the outcomes", [], [], lines=lines, name="notes", plain=True)


def _basis_text(basis: tuple[str, ...], names: list[str]) -> str:
    """ "assumed", or per player where the weights differ: "Pakistan's sourced, India's assumed"."""
    if len(set(basis)) == 1:
        return basis[0]
    return ", ".join(f"{name}'s {b}" for name, b in zip(names, basis))


def costs_section(x: Game | Case) -> Section | None:
    """The costs of conflict as the file states them: incidence, who is exposed, each
    player's weight; None without costs."""
    case = as_case(x)
    game = stated(case)
    if not game.costs:
        return None
    names = game.player_names
    # A "between" column of "all" on every row says nothing, and costs it a terminal's width.
    everyone = all(len(cost.between) == game.n_players for cost in game.costs)
    rows = []
    for cost in game.costs:
        between = [] if everyone else [", ".join(names[j] for j in cost.between)]
        shown = cost.name if cost.label is None else f"{cost.label} ({cost.name})"
        rows.append(
            [shown, cost.incidence, *between] + [fmt(w) for w in cost.weights] + [_basis_text(cost.bases(), names)]
        )
    plausible = case.plausible_kappa
    caption = "weights: payoff units at cost level κ = 1 (costs as stated)"
    if everyone:
        caption = "every cost falls between all players; " + caption
    columns = ["cost", "incidence"] + ([] if everyone else ["between"]) + names + ["weights"]
    caption += (
        "; a weight is sourced when a cited figure pins it, assumed when the analyst chose it (where the "
        "file gives no basis: sourced when the cost cites a source)"
    )
    if plausible:
        caption += f"; plausible κ: [{fmt(plausible[0])}, {fmt(plausible[1])}]"
    sources = [f"{cost.name}: {cost.source}" for cost in game.costs if cost.source]
    return Section(
        "Costs of conflict",
        columns,
        rows,
        caption=caption,
        name="costs",
        numeric=set(range(len(columns) - 1 - game.n_players, len(columns) - 1)),
        whole={0},  # a cost's name, to type in --set and --cost
        lines=sources + _acknowledged_traps(case),
    )


def _acknowledged_traps(case: Case) -> list[str]:
    """One line per cost trap the file acknowledges (``[analysis] untouched_by_costs``): what
    loading would otherwise warn of, said once beside the costs."""
    if not case.untouched_by_costs:
        return []
    from ..files.validate_costs import find_cost_traps

    return [f"Note: {t.note()}." for t in find_cost_traps(case.game) if t.player in case.untouched_by_costs]


def exposure_sections(game: Game) -> list[Section]:
    """Each custom cost's exposure table, laid out like the payoffs: who is exposed, how
    much, at which outcome (outcomes the file does not list: 0)."""
    import numpy as np

    sections = []
    for cost in game.costs:
        if cost.incidence != "custom":
            continue
        table = np.empty(game.payoffs.shape, dtype=object)
        for profile in game.profiles():
            for i in range(game.n_players):
                table[profile + (i,)] = cost.exposure_at(game.players, profile, i)
        for section in payoff_sections(game, table, title=f"Exposure to {cost.name}"):
            section.caption = (
                f"exposure in player order: {', '.join(game.player_names)}; the cost falls on a player as its "
                f"weight × exposure × κ"
            )
            section.name = "exposure"
            sections.append(section)
    return sections


def cost_sections(x: Game | Case) -> list[Section]:
    """The costs of conflict, and each custom cost's exposure table, as the file states them."""
    section = costs_section(x)
    return ([] if section is None else [section]) + exposure_sections(stated(x))


def moves_section(x: Game | Case) -> Section | None:
    """Who moves first, which strategies may fail and the players' types, as the file states
    them; None for one simultaneous move with complete information."""
    from ..sections.capacity import describe

    case = as_case(x)
    game, sequence, capacity, types = (
        case.game,
        case.section(MoveOrder),
        case.section(LimitedCapacity),
        case.section(HiddenTypes),
    )
    lines = []
    if sequence is not None:
        first = game.players[sequence.order[0]].name
        seen = "its move observed" if sequence.observed else "its move not observed (strategically simultaneous)"
        lines.append(f"order: {first} moves first, {seen}; `sovgame sequential` solves it")
    for entry in capacity.entries if capacity else ():
        spread = (
            ""
            if entry.success_range is None
            else f" (range {fmt(entry.success_range[0])} to {fmt(entry.success_range[1])})"
        )
        lines.append(f"capacity: {describe(game, entry)}{spread}; the payoffs shown are expected payoffs")
    for i, player in enumerate(game.players):
        own = types.of(i) if types else ()
        if own:
            priors = ", ".join(f"{t.name} {fmt(t.prior)}" for t in own)
            lines.append(f"types of {player.name}: {priors}; `sovgame trust` solves the game with them")
    return Section("Beyond one simultaneous move", [], [], lines=lines, name="moves") if lines else None


def game_sections(x: Game | Case) -> list[Section]:
    """The tables of ``sovgame show``: payoffs, notes and costs as the file states them."""
    sections = payoff_sections(as_case(x).game)
    sections += [s for s in (notes_section(x),) if s is not None] + cost_sections(x)
    sections += [s for s in (moves_section(x),) if s is not None]
    return sections


def games_section(rows: list[dict[str, Any]]) -> Section:
    """The bundled games, one row each (name, title, players, size)."""
    return Section(
        "Bundled games",
        ["name", "title", "players", "size"],
        [[r["name"], r["title"], ", ".join(r["players"]), r["size"]] for r in rows],
        caption="name a game by its name (sovgame solve stag_hunt) or by a file path",
        name="games",
        whole={0},
    )
