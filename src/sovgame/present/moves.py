"""Move order: the tables of ``sovgame sequential`` (its JSON is ``SequentialAnalysis.to_dict()``)."""

from __future__ import annotations

from fractions import Fraction

from ..core.model import Game, Profile
from ..core.numbers import fmt, fmt_short
from ..costs.verdicts import verdict_legend
from ..play.sequential import OrderRow, OrderSolution, SequentialAnalysis, order_label
from ..solvers.equilibria import Solution, describe_equilibrium
from .sections import Section
from .thresholds import threshold_cell, verdict_cell


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
