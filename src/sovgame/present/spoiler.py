"""The spoiler: the tables of ``sovgame spoiler`` and its stable JSON (docs/reference.md)."""

from __future__ import annotations

from fractions import Fraction

from ..core.numbers import fmt
from ..costs.verdicts import verdict_legend
from ..play.spoiler import STRATEGIC, TRUST, UPDATING, Level, SpoilerAnalysis
from .ranges import followed_section
from .sections import Section
from .thresholds import threshold_cell, verdict_cell


def _opt(x: Fraction | None) -> str:
    return "impossible" if x is None else fmt(x)


def spoiler_sections(result: SpoilerAnalysis) -> list[Section]:
    """The tables of ``sovgame spoiler``: the model's numbers, beliefs after each history,
    what one attack does at κ and at the top, survival, the κ that deters, the ranges."""
    sections = [_rates_section(result), _beliefs_section(result), _levels_section(result), _survival_section(result)]
    if result.followed:
        sections.append(
            followed_section(
                result.followed,
                f"Each declared range followed, one number at a time, at κ = {fmt(result.followed_at)}",
                "conclusions: one attack ends compromise (the rates); the spoiler attacks (its payoffs)",
                "spoiler_ranges",
            )
        )
    return sections


def _rates_section(result: SpoilerAnalysis) -> Section:
    s, game = result.spoiler, result.case.game
    rows = [
        [f"{s.name}'s attack rate if {game.players[s.player].name} is {name}", fmt(r.value), _span(r.range)]
        for name, r in s.rates
    ]
    rows.insert(
        0, [f"prior that {game.players[s.player].name} is {s.watched}", fmt(result.prior), "the file's [[types]]"]
    )
    for label, value in (
        ("value of the status quo to the spoiler", s.conflict_value),
        ("value of compromise to the spoiler", s.compromise_value),
        ("cost of an attack to the spoiler", s.attack_cost),
    ):
        if value is not None:
            rows.append([label, fmt(value.value), _span(value.range)])
    return Section(
        f"The spoiler {s.name} and what {game.players[result.watcher].name} reads from it",
        ["number", "value", "declared range"],
        rows,
        caption=s.source or "",
        name="spoiler",
        whole={0},
    )


def _span(span: tuple[Fraction, Fraction] | None) -> str:
    return "none declared" if span is None else f"[{fmt(span[0])}, {fmt(span[1])}]"


def _beliefs_section(result: SpoilerAnalysis) -> Section:
    s = result.spoiler
    rows = [[str(b.attacks), str(b.quiet), _opt(b.belief)] for b in result.beliefs]
    levels = [lv for lv in result.levels if lv.beliefs is not None]
    columns = ["attacks", "quiet periods", f"belief that {result.case.game.players[s.player].name} is {s.watched}"]
    for lv in levels:
        columns.append(f"compromise at κ = {fmt(lv.kappa)}")
        for row, b in zip(rows, result.beliefs):
            row.append("holds" if b.belief is not None and lv.beliefs.contains(b.belief) else "ends")  # type: ignore[union-attr]
    return Section(
        f"Beliefs after each history (model: {UPDATING})",
        columns,
        rows,
        caption="in any order; compromise holds while the belief lies among the priors at which it is an "
        "equilibrium outcome (a tie keeps it)",
        name="beliefs",
        numeric={0, 1, 2},
    )


def _level_row(result: SpoilerAnalysis, lv: Level) -> list[str]:
    ends = "—" if lv.ends is None else ("yes" if lv.ends else "no")
    restore = "—" if not lv.holds_at_prior else ("never" if lv.restore is None else str(lv.restore))
    attacks = "—" if lv.attacks is None else ("yes" if lv.attacks else "no")
    return [
        fmt(lv.kappa),
        "none" if lv.beliefs is None else str(lv.beliefs),
        "yes" if lv.holds_at_prior else "no",
        ends,
        restore,
        attacks,
    ]


def _levels_section(result: SpoilerAnalysis) -> Section:
    lines = [lv.reason for lv in result.levels if lv.reason]
    t = result.survives_attack
    lines.append(
        f"compromise survives one attack {threshold_cell(t)} ({verdict_cell(t)}): {t.reason} (model: {TRUST}, at the "
        f"belief {_opt(result.after_attack)} after one attack)"
    )
    if result.gain is not None:
        cost = result.spoiler.attack_cost
        assert cost is not None
        lines.append(
            f"ending compromise is worth {fmt(result.gain)} a period to the spoiler; an attack cost of "
            f"{fmt(result.gain)} or more deters it (the file's: {fmt(cost.value)}) (model: {STRATEGIC})"
        )
    return Section(
        "One attack, at today's costs and at the top of the plausible range",
        [
            "κ",
            "beliefs at which compromise holds",
            "holds at the prior",
            "one attack ends it",
            "quiet periods to restore it",
            "the spoiler attacks",
        ],
        [_level_row(result, lv) for lv in result.levels],
        caption=f"models: the beliefs from {TRUST}; ending and restoring from {UPDATING}; attacking from "
        f"{STRATEGIC}. " + verdict_legend(result.plausible[1]),
        lines=lines,
        name="attack",
    )


def _survival_section(result: SpoilerAnalysis) -> Section:
    rows = []
    for lv in result.levels:
        for name, probs in lv.survival:
            who = "expected at the prior" if name == "all" else f"if {name}"
            rows.append([fmt(lv.kappa), who] + [fmt(p) for p in probs])
    periods = len(result.levels[0].survival[0][1])
    return Section(
        f"P(compromise holds through n periods) (model: {UPDATING})",
        ["κ", "type"] + [f"n = {n}" for n in range(1, periods + 1)],
        rows,
        caption="each period the spoiler attacks at the type's rate; compromise ends the first time the belief "
        "leaves the beliefs at which it holds",
        name="survival",
        numeric=set(range(2, periods + 2)),
    )
