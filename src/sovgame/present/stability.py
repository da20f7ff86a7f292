"""Ordinal stability (GMCR): the tables of ``sovgame stability`` and its stable JSON.

JSON keys are documented in docs/reference.md and kept stable; scripts depend on them.
"""

from __future__ import annotations

from typing import Any

from ..core.model import Game
from ..core.numbers import fmt, json_number
from ..play.gmcr import CONCEPT_NAMES, CONCEPTS, Answer, Evolution, StabilityAnalysis, Step
from .sections import Section


def steps_text(game: Game, steps: tuple[Step, ...]) -> str:
    """ "Afghanistan → Restrain strikes|Tolerate TTP, then ..."."""
    return ", then ".join(f"{game.players[j].name} → {game.outcome_key(t)}" for j, t in steps)


def _answer_json(game: Game, answer: Answer) -> dict[str, Any]:
    def path(steps):
        """A sequence of moves as a list of {player, to}."""
        if steps is None:
            return None
        return [{"player": game.players[j].name, "to": game.outcome_key(t)} for j, t in steps]

    return {"improvement": game.outcome_key(answer.improvement), **{c: path(getattr(answer, c)) for c in CONCEPTS[1:]}}


def evolution_json(game: Game, evo: Evolution) -> dict[str, Any]:
    """The status-quo analysis as JSON."""
    return {
        "start": None if evo.start is None else game.outcome_key(evo.start),
        "target": None if evo.target is None else game.outcome_key(evo.target),
        "reaches_target": bool(evo.paths),
        "paths": [[{"player": game.players[j].name, "to": game.outcome_key(t)} for j, t in p] for p in evo.paths],
        "reached": [game.outcome_key(s) for s in evo.reached],
        "reason": evo.reason or None,
    }


def stability_to_json(result: StabilityAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame stability`` (documented in docs/reference.md)."""
    game = result.game
    states = []
    for st in result.states:
        states.append(
            {
                "outcome": game.outcome_key(st.profile),
                "stable": {c: st.stable(c) for c in CONCEPTS},
                "per_player": {game.players[p.player].name: {c: p.stable(c) for c in CONCEPTS} for p in st.players},
                "sanctions": [
                    {"player": game.players[p.player].name, **_answer_json(game, a)}
                    for p in st.players
                    for a in p.answers
                ],
            }
        )
    return {
        "game": game.title,
        "players": game.player_names,
        "kappa": json_number(result.kappa),
        "infeasible": [game.outcome_key(s) for s in game.profiles() if s not in result.graph.states],
        "states": states,
        "equilibria": {c: [game.outcome_key(s) for s in result.equilibria(c)] for c in CONCEPTS},
        "intervals": {
            game.outcome_key(s): {c: [i.to_json() for i in by[c]] for c in CONCEPTS}
            for s, by in result.intervals.items()
        },
        "breakpoints": [fmt(b) for b in result.breakpoints],
        "status_quo": evolution_json(game, result.evolution),
    }


def _flag(value: bool) -> str:
    return "stable" if value else "—"


def stability_sections(result: StabilityAnalysis) -> list[Section]:
    """The tables of ``sovgame stability``: each state and player under the four concepts;
    the sanctions; the κ over which each state is an equilibrium; the status-quo analysis."""
    game = result.game
    names = [CONCEPT_NAMES[c] for c in CONCEPTS]
    rows = []
    for st in result.states:
        for p in st.players:
            rows.append(
                [game.outcome_key(st.profile), game.players[p.player].name, *(_flag(p.stable(c)) for c in CONCEPTS)]
            )
        rows.append([game.outcome_key(st.profile), "every player", *("E" if st.stable(c) else "—" for c in CONCEPTS)])
    lines = [
        f"equilibria ({CONCEPT_NAMES[c]}): {', '.join(game.outcome_key(s) for s in result.equilibria(c)) or 'none'}"
        for c in CONCEPTS
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
    game = result.game
    rows = []
    for st in result.states:
        for p in st.players:
            for a in p.answers:
                cells = [steps_text(game, getattr(a, c)) if getattr(a, c) is not None else "none" for c in CONCEPTS[1:]]
                rows.append(
                    [game.outcome_key(st.profile), game.players[p.player].name, game.outcome_key(a.improvement), *cells]
                )
    return Section(
        "Unilateral improvements and the sanctions that answer them",
        ["state", "player", "improves to", "GMR sanction", "SMR sanction", "SEQ sanction (credible)"],
        rows,
        caption="a sanction is the others' sequence of moves after the improvement that leaves the mover no better "
        "off than where it started; none: the improvement stands",
        name="sanctions",
    )


def _interval_section(result: StabilityAnalysis) -> Section:
    game = result.game
    rows = [
        [game.outcome_key(s), *(" ∪ ".join(str(i) for i in by[c]) or "never" for c in CONCEPTS)]
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
    rows = [[str(k + 1), steps_text(game, p) or "(already there)"] for k, p in enumerate(evo.paths)]
    start = "none named" if evo.start is None else game.outcome_key(evo.start)
    target = "none" if evo.target is None else game.outcome_key(evo.target)
    lines = [] if evo.paths else [f"No sequence of unilateral improvements reaches compromise: {evo.reason}."]
    return Section(
        f"Status quo analysis: from {start} to compromise ({target})",
        ["path", "unilateral improvements, one player at a time"],
        rows,
        caption="the shortest sequences (at most five) in which each move makes its mover strictly better off",
        lines=lines,
        name="status_quo",
    )
