"""The main job, scenarios and what-ifs: their tables, and the stable JSON of ``scenarios``
(that of ``analyze`` and ``whatif`` is ``Analysis.to_dict()`` and ``WhatIf.to_dict()``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..core.model import Profile
from ..core.numbers import fmt, fmt_short, json_number
from ..costs.scenarios import equilibrium_label
from ..costs.verdicts import Verdict, verdict_legend
from ..solvers.equilibria import describe_equilibrium, describe_solution
from .claims import scorecard_sections
from .equilibria import COSTED, equilibria_section
from .game import cost_sections, moves_section, notes_section, payoff_sections
from .readings import readings_sections
from .sections import EQUILIBRIUM_MARK, Section
from .sensitivity import deciding_section
from .thresholds import CRITERION_NAMES, threshold_cell, thresholds_sections, verdict_cell

if TYPE_CHECKING:
    from ..costs.scenarios import Change, Scenario, WhatIf
    from ..findings.analysis import Analysis
    from ..solvers.equilibria import Solution


def analysis_sections(result: Analysis, at_kappa: Solution | None = None) -> list[Section]:
    """The tables of ``sovgame analyze``: payoffs, notes, costs, the equilibria at κ = 0, today
    (κ = 1), the top of the plausible range (and at the κ of ``at_kappa``, when given),
    thresholds, the conclusion and, when the file states claims, their scorecard last."""
    game = result.game
    sections = [bottom_line_section(result)]
    sections += payoff_sections(game, marked=set(result.at_zero.pure_profiles), kappa=result.at_zero.kappa)
    sections += [s for s in (notes_section(result.case),) if s is not None] + cost_sections(result.case)
    sections += [s for s in (moves_section(result.case),) if s is not None]
    sections.append(_equilibria_by_kappa(result, at_kappa))
    shown = result.today or result.at_zero
    title = (
        "Nash equilibria at κ = 1 (today's costs)"
        if result.today
        else "Nash equilibria (no costs: the same at every κ)"
    )
    sections.append(equilibria_section(shown, title))
    if result.thresholds is not None:
        sections += thresholds_sections(result.thresholds)
    if result.readings is not None:
        sections += readings_sections(result.readings)
    sections.append(Section("Conclusion", [], [], lines=list(result.conclusion), name="conclusion"))
    if result.deciding is None:
        sections.append(deciding_section(None, left_out=result.deciding_left_out))
    elif result.deciding:
        sections.append(deciding_section(list(result.deciding), scorecard=result.scorecard))
    if result.scorecard is not None:
        sections += scorecard_sections(result.scorecard, legend=result.thresholds is None)
    return sections


def bottom_line_section(result: Analysis) -> Section:
    """The bottom line (:func:`sovgame.findings.bottom_line.bottom_line`): what an output says first."""
    from ..findings.bottom_line import bottom_line

    return Section("Bottom line", [], [], lines=bottom_line(result), name="bottom_line")


def brief_sections(result: Analysis) -> list[Section]:
    """``sovgame analyze --brief``: the bottom line alone."""
    return [bottom_line_section(result)]


def _equilibria_by_kappa(result: Analysis, asked: Solution | None = None) -> Section:
    """The equilibria at κ = 0, today and the top of the plausible range (and at the κ asked
    for), side by side, in the order of κ."""
    rows = [(result.at_zero.kappa, "0 (costs not counted)", describe_solution(result.at_zero))]
    if result.today is not None:
        rows.append((result.today.kappa, "1 (today's costs)", describe_solution(result.today)))
    if result.at_top is not None:
        top = result.at_top.kappa
        rows.append((top, f"{fmt(top)} (top of the plausible range)", describe_solution(result.at_top)))
    if asked is not None and all(kappa != asked.kappa for kappa, _, _ in rows):
        rows.append((asked.kappa, f"{fmt(asked.kappa)} (asked for)", describe_solution(asked)))
    rows.sort(key=lambda row: row[0])
    return Section(
        "Equilibria by cost level",
        ["κ", "equilibria"],
        [[text, shown] for _, text, shown in rows],
        caption="κ = 1 means costs as stated in the file",
        name="equilibria_by_kappa",
    )


def _words(verdict: Verdict | None) -> str:
    return "n/a" if verdict is None else verdict.words


def equilibrium_words(scenario: Scenario, label: str) -> str:
    """An equilibrium of ``scenario`` known by its label, written as every table writes one:
    "(Strike, Tolerate TTP)", "(Stag 2/3, Hare 1/3; Stag 2/3, Hare 1/3)"."""
    for eq in scenario.solution.equilibria:
        if equilibrium_label(scenario.game, eq) == label:
            return describe_equilibrium(scenario.game, eq)
    return label


def change_text(change: Change, first: bool, scenario: Scenario | None = None, baseline: Scenario | None = None) -> str:
    """What changed against the baseline in one line: equilibria gained and lost, thresholds moved."""
    if first:
        return "baseline"
    parts = []
    if change.gained:
        words = [label if scenario is None else equilibrium_words(scenario, label) for label in change.gained]
        parts.append("new equilibria: " + "; ".join(words))
    if change.lost:
        words = [label if baseline is None else equilibrium_words(baseline, label) for label in change.lost]
        parts.append("lost: " + "; ".join(words))
    for criterion, (before, after, v0, v1) in change.thresholds.items():
        words = [_words(v) for v in (v0, v1)]
        parts.append(
            f"{CRITERION_NAMES[criterion]} {before} → {after}" + (f" ({words[0]} → {words[1]})" if v0 != v1 else "")
        )
    return "; ".join(parts) or "no change"


def scenarios_sections(scenarios: Sequence[Scenario], changes: Sequence[Change]) -> list[Section]:
    """The table of ``sovgame scenarios``: one row per scenario, against the first."""
    kappa = scenarios[0].solution.kappa
    rows = []
    for index, (scenario, change) in enumerate(zip(scenarios, changes)):
        nash = unique = binding = ""
        if scenario.thresholds is not None:
            t = scenario.thresholds.thresholds
            nash = f"{threshold_cell(t['nash'])} ({verdict_cell(t['nash'])})"
            unique = f"{threshold_cell(t['unique'])} ({verdict_cell(t['unique'])})"
            binding = t["nash"].binding or ""
        rows.append(
            [
                scenario.name,
                scenario.game.title,
                describe_solution(scenario.solution),
                nash,
                unique,
                binding,
                change_text(change, index == 0, scenario, scenarios[0]),
            ]
        )
    return [
        Section(
            "Scenarios side by side",
            [
                "scenario",
                "title",
                f"equilibria at κ = {fmt(kappa)}{' (today)' if kappa == 1 else ''}",
                "compromise is an equilibrium",
                "only equilibrium",
                "binding",
                "against the first",
            ],
            rows,
            caption="thresholds in κ (1 = costs as stated in each file); " + verdict_legend(),
            name="scenarios",
            whole={0},
        )
    ]


def scenarios_to_json(scenarios: Sequence[Scenario], changes: Sequence[Change]) -> list[dict[str, Any]]:
    """The stable JSON of ``sovgame scenarios`` (documented in the README)."""
    out = []
    for scenario, change in zip(scenarios, changes):
        out.append(
            {
                "name": scenario.name,
                "title": scenario.game.title,
                "kappa": json_number(scenario.solution.kappa),
                "equilibria": scenario.solution.json_data()["equilibria"],
                "thresholds": None if scenario.thresholds is None else scenario.thresholds.json_data(),
                "changes": {
                    "gained": list(change.gained),
                    "lost": list(change.lost),
                    "thresholds": {
                        k: {"before": v[0], "after": v[1], "verdict_before": v[2], "verdict_after": v[3]}
                        for k, v in change.thresholds.items()
                    },
                },
            }
        )
    return out


def whatif_sections(result: WhatIf) -> list[Section]:
    """The tables of ``sovgame whatif``: payoffs after the change at the κ whose equilibria
    are starred (less costs, u − κ·W, so that the star can be read off the numbers shown;
    changed cells marked Δ), equilibria and thresholds before → after."""
    game = result.changed.game
    kappa = result.changed.solution.kappa
    marked = set(result.changed.solution.pure_profiles)
    before_game = result.baseline.game
    costed_before, costed_after = before_game.payoffs_at(kappa), game.payoffs_at(kappa)

    def changed(profile: Profile, text: str) -> str:
        """A changed cell as "Δ old → new" at κ (starred when an equilibrium); others as they are."""
        if profile not in result.changed_cells and tuple(costed_before[profile]) == tuple(costed_after[profile]):
            return text
        star = f"{EQUILIBRIUM_MARK} " if profile in marked else ""
        old, new = (", ".join(fmt_short(v) for v in table[profile]) for table in (costed_before, costed_after))
        return f"Δ {star}{old} → {new}"

    costed = bool(kappa) and bool(game.costs or before_game.costs)
    title = "Payoffs after the change" + (f", less costs at κ = {fmt(kappa)}" if costed else "")
    sections = payoff_sections(game, costed_after, marked=marked, title=title, cell=changed, kappa=kappa)
    for section in sections:
        section.caption = (section.caption or "") + "; Δ marks a changed cell (before → after)"
        if costed:
            section.caption += f"; {COSTED}"
    rows = _threshold_rows(result)
    gained = [equilibrium_words(result.changed, label) for label in result.change.gained]
    lost = [equilibrium_words(result.baseline, label) for label in result.change.lost]
    eq_lines = [f"gained: {x}" for x in gained] + [f"lost: {x}" for x in lost]
    kappa = result.baseline.solution.kappa
    sections.append(
        Section(
            f"Equilibria at κ = {fmt(kappa)}{' (today)' if kappa == 1 else ''}",
            ["before", "after"],
            [[describe_solution(result.baseline.solution), describe_solution(result.changed.solution)]],
            lines=eq_lines or ["no equilibrium gained or lost"],
            name="equilibria",
        )
    )
    sections.append(
        Section(
            "Thresholds before → after",
            ["criterion", "before", "after", "verdict"],
            rows,
            caption="changes: " + "; ".join(result.settings) + "; " + verdict_legend(),
            name="thresholds",
            numeric={1, 2},
        )
    )
    return sections


def _threshold_rows(result: WhatIf) -> list[list[str]]:
    """Each criterion's threshold before and after, and its verdict (→ the new one if it changed)."""
    rows = []
    for name, t_before, t_after in result.threshold_pairs():
        verdict = verdict_cell(t_before) if t_before else "n/a"
        if t_after is not None and t_before is not None and t_after.verdict != t_before.verdict:
            verdict += " → " + verdict_cell(t_after)
        rows.append(
            [
                CRITERION_NAMES[name],
                threshold_cell(t_before) if t_before else "n/a",
                threshold_cell(t_after) if t_after else "n/a",
                verdict,
            ]
        )
    return rows
