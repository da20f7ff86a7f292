"""Readings of the record: the answer under each ordering the file declares, as tables and JSON
(:mod:`sovgame.findings.readings`), and the status quo's exit beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.intervals import exact_text
from ..core.numbers import fmt
from .sections import Section
from .thresholds import describe_solution, threshold_cell, verdict_cell

if TYPE_CHECKING:
    from ..core.model import Game
    from ..costs.status_quo_exit import StatusQuoExit
    from ..findings.free_order import FreeOrder
    from ..findings.readings import ReadingOutcome, ReadingsAnalysis

#: Marks a grade that rests on another game file, which a reading does not change.
OTHER_FILE = "†"


def exit_cell(found: StatusQuoExit | None) -> str:
    """ "> 4: beyond (Pakistan)": where the status quo stops being an equilibrium, its verdict
    and the player whose deviation ends it."""
    if found is None:
        return "n/a"
    if found.value is None:  # no finite value: said once, as the scorecard says it
        return "never"
    start = f"{'≥' if found.attained else '>'} {exact_text(found.value)}"
    binding = f" ({found.binding})" if found.binding else ""
    return f"{start}: {found.verdict.words}{binding}"


def changes_text(game: Game, outcome: ReadingOutcome) -> str:
    """ "Pakistan's payoff at (Strike, Constrain TTP) 4 → 5/2": the cells the reading changes."""
    if outcome.reading is None:
        return "the payoffs of the file"
    parts = []
    for profile, cell in outcome.reading.payoffs.items():
        where = ", ".join(game.outcome_names(profile))
        for i, value in enumerate(cell):
            before = game.payoffs[profile + (i,)]
            if value != before:
                parts.append(f"{game.players[i].name} at ({where}) {fmt(before)} → {fmt(value)}")
    return "; ".join(parts) or "no payoff differs from the file's"


def readings_sections(result: ReadingsAnalysis) -> list[Section]:
    """Two tables: per reading the equilibria today, the status quo's exit, the compromise
    entry and uniqueness with their verdicts; then each claim's grade per reading."""
    outcomes = (result.stated, *result.readings)
    rows = []
    for o in outcomes:
        entry = "n/a" if o.entry is None else f"{threshold_cell(o.entry)}: {verdict_cell(o.entry)}"
        if o.entry is not None and o.entry.binding:
            entry += f" ({o.entry.binding})"
        unique = "n/a" if o.unique is None else f"{threshold_cell(o.unique)}: {verdict_cell(o.unique)}"
        rows.append([o.name, describe_solution(o.today, exact_mixed=False), exit_cell(o.exit), entry, unique])
    game = result.stated.game
    lines = [
        f"{o.name}: {changes_text(game, o)}. Why: {o.reading.reason}"
        + (f" (source: {o.reading.source})" if o.reading.source else "")
        for o in result.readings
        if o.reading
    ]
    changing = [o.name for o in result.changing()]
    lines.append(
        "readings that change a verdict: " + (", ".join(changing) if changing else "none")
        if result.readings
        else "the file declares no reading"
    )
    table = Section(
        "Readings: the answer under each ordering of the record",
        [
            "reading",
            "equilibria today (κ = 1)",
            "status quo ends above κ",
            "compromise an equilibrium",
            "only equilibrium",
        ],
        rows,
        caption="each reading replaces the payoff cells it lists ([[readings]]); costs as in the file; "
        "verdicts against today's costs and the plausible range; (player): the binding side",
        lines=lines,
        name="readings",
    )
    return [table] + _claims_section(result, outcomes)


def _claims_section(result: ReadingsAnalysis, outcomes: tuple[ReadingOutcome, ...]) -> list[Section]:
    if result.stated.scorecard is None:
        return []
    rows = []
    for k, claimed in enumerate(result.stated.scorecard.results):
        cells = [claimed.claim.id]
        for o in outcomes:
            assert o.scorecard is not None
            mark = OTHER_FILE if claimed.claim.id in o.other_files else ""
            cells.append(o.scorecard.results[k].grade.words + mark)
        rows.append(cells)
    caption = (
        f"{OTHER_FILE}: the claim also reads another game file, which a reading does not change; "
        "that part of its grade is the file's, not the reading's"
    )
    return [
        Section(
            "Claims under each reading",
            ["claim", *(o.name for o in outcomes)],
            rows,
            caption=caption,
            name="readings_claims",
        )
    ]


#: How the free-order draws name each subject.
FREE_ORDER_SUBJECTS = {
    "exit": "status quo stops being an equilibrium",
    "nash": "compromise an equilibrium",
    "unique": "compromise the only equilibrium",
}


def free_order_sections(result: FreeOrder) -> list[Section]:
    """``robust --free-order``: per verdict, the file's and how often each verdict comes out."""
    verdicts = ["holds_today", "reachable", "beyond", "never", "lapsed", "undetermined"]
    shown = [v for v in verdicts if any(v in shares for shares in result.shares.values())]
    rows = []
    for subject, shares in result.shares.items():
        stated = result.file_verdicts[subject]
        rows.append(
            [FREE_ORDER_SUBJECTS[subject], "n/a" if stated is None else stated.words]
            + [f"{100 * shares.get(v, 0.0):.1f}%" for v in shown]
            + [f"{100 * result.agreement[subject]:.1f}%"]
        )
    lines = [
        f"{result.samples:,} draws (seed {result.seed}); {result.ranged_cells} payoffs drawn from their "
        "[payoff_ranges], each independently (the others as the file states them), weights with a "
        "weights_range drawn as robust draws them",
        f"the draws keep every player's ordering of the file in {100 * result.ordering_kept:.1f}% of cases",
    ]
    return [
        Section(
            "Robustness with the ordering free",
            ["verdict", "the file's", *(v.replace("_", " ") for v in shown), "agree"],
            rows,
            caption="share of draws giving each verdict; agree: the share giving the file's",
            lines=lines,
            numeric=set(range(2, 3 + len(shown))),
            name="free_order",
        )
    ]
