"""Ordinal stability (GMCR): the tables of ``sovgame stability`` and its stable JSON.

JSON keys are documented in docs/reference.md and kept stable; scripts depend on them.
"""

from __future__ import annotations

from ..core.numbers import fmt
from ..play.gmcr import CONCEPT_NAMES, CONCEPTS, StabilityAnalysis, steps_text
from .sections import Section


def _flag(value: bool) -> str:
    return "stable" if value else "—"


def stability_sections(result: StabilityAnalysis) -> list[Section]:
    """The tables of ``sovgame stability``: each state and player under the four concepts;
    the sanctions; the κ over which each state is an equilibrium; the status-quo analysis."""
    game, name = result.game, result.graph.label
    names = [CONCEPT_NAMES[c] for c in CONCEPTS]
    rows = []
    for st in result.states:
        for p in st.players:
            rows.append([name(st.profile), game.players[p.player].name, *(_flag(p.stable(c)) for c in CONCEPTS)])
        rows.append([name(st.profile), "every player", *("E" if st.stable(c) else "—" for c in CONCEPTS)])
    lines = [
        f"equilibria ({CONCEPT_NAMES[c]}): {', '.join(name(s) for s in result.equilibria(c)) or 'none'}"
        for c in CONCEPTS
    ]
    lines += [
        f"{name(s)} is one state: {', '.join(game.outcome_key(m) for m in group)}"
        for s, group in result.graph.members.items()
    ]
    table = Section(
        f"Ordinal stability (GMCR) at κ = {fmt(result.kappa)}",
        ["state", "player", *names],
        rows,
        caption="E: stable for every player, an equilibrium of that concept; only each side's ordering of the "
        "costed payoffs counts (ties allowed)",
        lines=lines,
        name="stability",
    )
    return [table, _sanction_section(result), _interval_section(result), _status_quo_section(result)]


def _sanction_section(result: StabilityAnalysis) -> Section:
    game, graph = result.game, result.graph
    rows = []
    for st in result.states:
        for p in st.players:
            for a in p.answers:
                cells = [
                    steps_text(game, getattr(a, c), graph) if getattr(a, c) is not None else "none"
                    for c in CONCEPTS[1:]
                ]
                rows.append([graph.label(st.profile), game.players[p.player].name, graph.label(a.improvement), *cells])
    return Section(
        "Unilateral improvements and the sanctions that answer them",
        ["state", "player", "improves to", "GMR sanction", "SMR sanction", "SEQ sanction (credible)"],
        rows,
        caption="a sanction is the others' sequence of moves after the improvement that leaves the mover no better "
        "off than where it started; none: the improvement stands",
        name="sanctions",
    )


def _interval_section(result: StabilityAnalysis) -> Section:
    rows = [
        [result.graph.label(s), *(" ∪ ".join(str(i) for i in by[c]) or "never" for c in CONCEPTS)]
        for s, by in result.intervals.items()
    ]
    return Section(
        "Where each state is an equilibrium, over the cost level κ",
        ["state", *(CONCEPT_NAMES[c] for c in CONCEPTS)],
        rows,
        caption="exact: orderings change only where two costed payoffs of a player cross",
        name="intervals",
    )


def _status_quo_section(result: StabilityAnalysis) -> Section:
    game, evo = result.game, result.evolution
    graph = result.graph
    rows = [[str(k + 1), steps_text(game, p, graph) or "(already there)"] for k, p in enumerate(evo.paths)]
    start = "none named" if evo.start is None else graph.label(evo.start)
    target = "none" if evo.target is None else graph.label(evo.target)
    lines = [] if evo.paths else [f"No sequence of unilateral improvements reaches compromise: {evo.reason}."]
    return Section(
        f"Status quo analysis: from {start} to compromise ({target})",
        ["path", "unilateral improvements, one player at a time"],
        rows,
        caption="the shortest sequences (at most five) in which each move makes its mover strictly better off",
        lines=lines,
        name="status_quo",
    )
