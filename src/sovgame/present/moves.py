"""Move order: the tables of ``sovgame sequential`` and its stable JSON.

JSON keys are documented in the README and kept stable; scripts depend on them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.model import Game, Profile
from ..core.numbers import fmt, fmt_short, json_number
from ..costs.verdicts import verdict_legend, verdict_scale_json
from ..play.sequential import FirstMover, OrderRow, OrderSolution, SequentialAnalysis
from ..solvers.equilibria import Solution
from .equilibria import describe_equilibrium, equilibrium_to_json
from .sections import Section
from .thresholds import threshold_cell, threshold_to_json, verdict_cell


def order_label(game: Game, order: tuple[int, int] | None) -> str:
    """ "simultaneous" or "Afghanistan first"."""
    return "simultaneous" if order is None else f"{game.players[order[0]].name} first"


def _outcome(game: Game, profile: Profile) -> str:
    return "(" + ", ".join(game.outcome_names(profile)) + ")"


def _at_kappa(game: Game, row: OrderRow) -> str:
    solved = row.at_kappa
    if isinstance(solved, Solution):
        return "; ".join(describe_equilibrium(game, e) for e in solved.equilibria) or "none"
    text = "; ".join(_outcome(game, p) for p in solved.outcomes)
    if solved.mixed_outcomes:
        text += "; only by randomising at a tie: " + "; ".join(_outcome(game, p) for p in solved.mixed_outcomes)
    return text


def _range(values: tuple[Fraction, Fraction]) -> str:
    lo, hi = values
    return fmt_short(lo) if lo == hi else f"{fmt_short(lo)} to {fmt_short(hi)}"


def sequential_sections(result: SequentialAnalysis) -> list[Section]:
    """The tables of ``sovgame sequential``: orders side by side, each order's SPE at κ, and
    the value of moving first."""
    sections = [_orders_section(result)]
    sections += [_spe_section(result, row) for row in result.rows if isinstance(row.at_kappa, OrderSolution)]
    sections.append(_first_mover_section(result))
    return sections


def _orders_section(result: SequentialAnalysis) -> Section:
    game = result.game
    rows, reasons = [], []
    for row in result.rows:
        chosen = row.order is not None and row.order == result.chosen
        label = order_label(game, row.order) + (" (the order named)" if chosen else "")
        cells = [label, _at_kappa(game, row)]
        for t in (row.outcome, row.unique):
            cells += ["—", ""] if t is None else [threshold_cell(t), verdict_cell(t).upper()]
        rows.append(cells)
        if row.unique is not None:
            reasons.append(f"{order_label(game, row.order)}: the only outcome: {row.unique.reason}")
    target = "" if result.target is None else "(" + ", ".join(game.outcome_names(result.target)) + ")"
    caption = (
        f"outcomes at κ = {fmt(result.kappa)}; compromise {target}: from which κ it is an equilibrium "
        "(simultaneous) or a subgame-perfect outcome (in sequence, the first move observed), and from which κ "
        "the only one; " + verdict_legend(result.plausible[1])
    )
    return Section(
        "Move order: where compromise is the outcome",
        [
            "order",
            f"outcomes at κ = {fmt(result.kappa)}",
            "an outcome from κ",
            "verdict",
            "the only one from κ",
            "verdict",
        ],
        rows,
        caption=caption,
        lines=reasons + list(result.notes),
        name="orders",
    )


def _plan(game: Game, solution: OrderSolution, plan: tuple[int, ...]) -> str:
    leader, follower = (game.players[i] for i in solution.order)
    return "; ".join(f"{leader.strategies[a]} → {follower.strategies[b]}" for a, b in enumerate(plan))


def _spe_section(result: SequentialAnalysis, row: OrderRow) -> Section:
    game = result.game
    solution = row.at_kappa
    assert isinstance(solution, OrderSolution)
    leader, follower = (game.players[i] for i in solution.order)
    rows = [
        [leader.strategies[e.leader_move], _plan(game, solution, e.plan), _outcome(game, e.outcome)]
        + [fmt_short(v) for v in e.payoffs]
        for e in solution.equilibria
    ]
    lines = []
    if solution.mixed_outcomes:
        lines.append(
            f"where {follower.name} is indifferent it may also randomise; that reaches "
            + "; ".join(_outcome(game, p) for p in solution.mixed_outcomes)
        )
    if solution.truncated:
        lines.append(f"only the first {len(solution.equilibria)} subgame-perfect equilibria are listed")
    return Section(
        f"Subgame-perfect equilibria, {leader.name} first, at κ = {fmt(result.kappa)}",
        [f"{leader.name} moves", f"{follower.name}'s plan", "outcome"] + [f"payoff {n}" for n in game.player_names],
        rows,
        caption=f"{follower.name} sees {leader.name}'s move and answers it; every tie is listed, none broken",
        lines=lines,
        name="spe",
        numeric={3, 4},
    )


def _first_mover_section(result: SequentialAnalysis) -> Section:
    rows = [
        [m.player, _range(m.leading), _range(m.following), _range(m.simultaneous), _range(m.value)]
        for m in result.first_movers
    ]
    return Section(
        f"The value of moving first at κ = {fmt(result.kappa)}",
        ["player", "payoff moving first", "moving second", "simultaneous", "value of moving first"],
        rows,
        caption="value of moving first = payoff moving first − simultaneous payoff; a range where the "
        "equilibria differ",
        name="first_mover",
        numeric={1, 2, 3, 4},
    )


def _pair(values: tuple[Fraction, Fraction]) -> list[str]:
    return [fmt(values[0]), fmt(values[1])]


def _mover_json(m: FirstMover) -> dict[str, Any]:
    return {
        "leading": _pair(m.leading),
        "following": _pair(m.following),
        "simultaneous": _pair(m.simultaneous),
        "value": _pair(m.value),
    }


def _row_json(game: Game, row: OrderRow) -> dict[str, Any]:
    solved = row.at_kappa
    data: dict[str, Any] = {
        "order": None if row.order is None else [game.players[i].name for i in row.order],
        "label": order_label(game, row.order),
        "equilibria": None,
        "spe": None,
        "outcome_threshold": None if row.outcome is None else threshold_to_json(row.outcome),
        "unique_threshold": None if row.unique is None else threshold_to_json(row.unique),
    }
    if isinstance(solved, Solution):
        data["equilibria"] = [equilibrium_to_json(game, e) for e in solved.equilibria]
        data["outcomes"] = [game.outcome_key(p) for p in solved.pure_profiles]
        data["mixed_outcomes"] = []
        return data
    leader, follower = (game.players[i] for i in solved.order)
    data["spe"] = [
        {
            "leader_move": leader.strategies[e.leader_move],
            "plan": {leader.strategies[a]: follower.strategies[b] for a, b in enumerate(e.plan)},
            "outcome": game.outcome_key(e.outcome),
            "payoffs": {p.name: fmt(v) for p, v in zip(game.players, e.payoffs)},
        }
        for e in solved.equilibria
    ]
    data["outcomes"] = [game.outcome_key(p) for p in solved.outcomes]
    data["mixed_outcomes"] = [game.outcome_key(p) for p in solved.mixed_outcomes]
    return data


def sequential_to_json(result: SequentialAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame sequential`` (documented in the README)."""
    game = result.game
    return {
        "game": game.title,
        "players": game.player_names,
        "kappa": json_number(result.kappa),
        "target": None if result.target is None else dict(zip(game.player_names, game.outcome_names(result.target))),
        "chosen_order": None if result.chosen is None else [game.players[i].name for i in result.chosen],
        "observed": result.observed,
        "plausible_kappa": [json_number(v) for v in result.plausible],
        "verdict_scale": verdict_scale_json(),
        "orders": [_row_json(game, row) for row in result.rows],
        "first_mover": {m.player: _mover_json(m) for m in result.first_movers},
        "notes": list(result.notes),
    }
