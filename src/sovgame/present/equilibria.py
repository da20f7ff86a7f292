"""Equilibria: the table of ``sovgame solve`` (its JSON is ``Solution.to_dict()``).

JSON keys are documented in the README and kept stable; scripts depend on them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.numbers import fmt, fmt_short
from ..solvers.equilibria import Solution, describe_strategy
from .game import payoff_sections
from .sections import Section

if TYPE_CHECKING:
    from ..solvers.crosscheck import CrossCheck


#: What a payoff table at κ > 0 shows.
COSTED = "payoffs less costs, u − κ·W (W: each player's cost weights times exposure)"


def equilibria_section(solution: Solution, title: str | None = None) -> Section:
    """One row per equilibrium: each player's strategy, the payoffs, pure or mixed, its component."""
    game = solution.game
    rows = []
    for index, eq in enumerate(solution.equilibria, start=1):
        cells = [str(index)]
        cells += [describe_strategy(p.strategies, s) for p, s in zip(game.players, eq.strategies)]
        cells += [fmt_short(v) for v in eq.payoffs]
        cells += ["pure" if eq.pure else "mixed", "" if eq.component is None else str(eq.component)]
        rows.append(cells)
    names = game.player_names
    kappa = f" at κ = {fmt(solution.kappa)}" if game.costs or solution.kappa else ""
    lines = list(solution.notes) + _irrational_lines(solution)
    if not solution.equilibria:
        lines.insert(0, "no equilibrium found" + (" among pure profiles" if not solution.complete else ""))
    caption = f"{len(solution.equilibria)} equilibri{'um' if len(solution.equilibria) == 1 else 'a'}; {solution.method}"
    caption += "; each verified in exact arithmetic"
    return Section(
        title or f"Nash equilibria{kappa}",
        ["#"] + names + [f"payoff {n}" for n in names] + ["kind", "component"],
        rows,
        caption=caption,
        lines=lines,
        name="equilibria",
        numeric={0} | set(range(1 + len(names), 1 + 2 * len(names))),
    )


def solution_to_json(solution: Solution, check: CrossCheck | None = None) -> dict[str, Any]:
    """The stable JSON of ``sovgame solve`` (``Solution.to_dict()``), with nashpy's check when made."""
    data = solution.json_data()
    if check is not None:
        data["nashpy_check"] = {
            "found": list(check.found),
            "missed": list(check.missed),
            "not_equilibria": check.not_equilibria,
            "extra": check.extra,
        }
    return data


def _irrational_lines(solution: Solution) -> list[str]:
    """The exact probabilities of each equilibrium that has irrational ones (the table rounds them)."""
    lines = []
    for index, eq in enumerate(solution.equilibria, start=1):
        if all(isinstance(p, Fraction) for s in eq.strategies for p in s):
            continue
        parts = [
            f"{player.name}: " + ", ".join(f"{name} {fmt(p)}" for name, p in zip(player.strategies, s) if p)
            for player, s in zip(solution.game.players, eq.strategies)
        ]
        lines.append(f"equilibrium {index} exactly: " + "; ".join(parts))
    return lines


def components_section(solution: Solution) -> Section:
    """One row per piece of each continuum of equilibria: kind, dimension, supports, extreme points."""
    game = solution.game
    rows = []
    for component in solution.components:
        for piece in component.pieces:
            supports = "; ".join(
                f"{p.name}: {', '.join(p.strategies[s] for s in own)}" for p, own in zip(game.players, piece.support)
            )
            extreme = ", ".join(f"#{k + 1}" for k in piece.extreme) or "—"
            rows.append(
                [str(component.number), str(component.dimension), piece.kind, str(piece.dimension), supports, extreme]
            )
    lines = [
        f"component {c.number} contains ("
        + "; ".join(describe_strategy(p.strategies, s) for p, s in zip(game.players, c.point))
        + ")"
        + (": one polytope, spanned by its extreme points" if c.polytope else ": curved or made of several pieces")
        for c in solution.components
    ]
    return Section(
        "Continua of equilibria",
        ["component", "dimension", "piece", "piece dimension", "supports", "extreme points"],
        rows,
        caption="each piece's extreme points are equilibria listed above (#); every point of a piece is an equilibrium",
        lines=lines,
        name="components",
        numeric={0, 1, 3},
    )


def solve_sections(solution: Solution, check: CrossCheck | None = None) -> list[Section]:
    """The tables of ``sovgame solve``: payoffs at κ with pure equilibria starred, then the
    equilibria (with nashpy's cross-check, if run)."""
    game = solution.game
    payoffs = game.payoffs_at(solution.kappa)
    title = "Payoffs" + (f" at κ = {fmt(solution.kappa)}" if solution.kappa else "")
    sections = payoff_sections(game, payoffs, set(solution.pure_profiles), title=title, kappa=solution.kappa)
    if solution.kappa and game.costs:
        for section in sections:
            section.caption = f"{section.caption}; {COSTED}"
    sections.append(equilibria_section(solution))
    if solution.components:
        sections.append(components_section(solution))
    if check is not None:
        total = len(solution.equilibria)
        line = f"nashpy's vertex enumeration found {len(check.found)} of these {total} equilibria"
        if check.missed:
            line += f"; it missed #{', #'.join(map(str, check.missed))}"
        if check.not_equilibria:
            line += f"; {check.not_equilibria} profile(s) it returned fail the exact check"
        if check.extra:
            line += f"; {check.extra} exact equilibria it returned are not listed above (please report this)"
        sections[-1].lines.append(line)
    return sections
