"""Cost thresholds and regimes: the tables of ``thresholds`` and ``sweep`` (their JSON is
``ThresholdReport.to_dict()`` and ``Sweep.to_dict()``)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.intervals import compare, exact_text
from ..core.numbers import fmt, fmt_short, json_number
from ..costs.thresholds import ThirdParty, Threshold, ThresholdReport
from ..costs.verdicts import TODAY, contains, verdict_legend
from ..solvers.equilibria import Solution, describe_solution
from .sections import Section

if TYPE_CHECKING:
    from ..costs.grim import Repeated
    from ..costs.regimes import Sweep


def verdict_cell(t: Threshold) -> str:
    """The verdict in words as tables print it: "HOLDS TODAY", "n/a", "NOT SETTLED"."""
    if not t.defined:
        return "n/a"
    return "not settled" if t.verdict is None else t.verdict.words


CRITERION_NAMES = {
    "nash": "equilibrium (Nash)",
    "strict": "strict equilibrium",
    "dominant": "dominant strategies",
    "unique": "only equilibrium",
    "risk_dominant": "risk-dominant",
}


def threshold_cell(t: Threshold) -> str:
    """ "≥ 4/3", "> 4", "never", "in [a, b]"."""
    if not t.defined:
        return "n/a"
    if t.value is None:
        return "never"
    if t.bracket is not None:
        return f"in [{fmt_short(t.bracket[0])}, {fmt_short(t.bracket[1])}]"
    return f"{'≥' if t.attained else '>'} {exact_text(t.value)}"


def thresholds_sections(report: ThresholdReport) -> list[Section]:
    """The tables of ``sovgame thresholds``: every criterion with its verdict and reason, each
    player's own threshold, third parties (3+ players) and grim trigger (2x2)."""
    sections = [_criteria_section(report)]
    if report.thresholds["nash"].per_player:
        sections.append(_per_player_section(report))
    sections += [_third_party_section(third) for third in report.third_parties]
    if report.repeated is not None:
        sections.append(_grim_trigger_section(report.repeated))
    return sections


def _criteria_section(report: ThresholdReport) -> Section:
    rows = [
        [
            CRITERION_NAMES[name],
            threshold_cell(t),
            ", ".join(str(i) for i in t.intervals) or "—",
            t.binding or "",
            verdict_cell(t).upper(),
        ]
        for name, t in report.thresholds.items()
    ]
    lo, hi = report.plausible
    target = ", ".join(report.target_names().values())
    caption = (
        f"target ({target}); costs: {', '.join(report.costs) or 'none'}; plausible κ: [{fmt(lo)}, {fmt(hi)}]"
        f"{'' if report.plausible_given else ' (assumed)'}; κ = 1 means costs as stated in the file; "
        + verdict_legend(hi)
    )
    reasons = [f"{CRITERION_NAMES[name]}: {t.reason}" for name, t in report.thresholds.items()]
    if report.status_quo_exit is not None:
        t = report.status_quo_exit.threshold
        reasons.append(f"status-quo exit ({threshold_cell(t)}, {verdict_cell(t)}): {t.reason}")
    notes = list(report.notes) + [n for t in report.thresholds.values() for n in t.notes]
    return Section(
        "Cost thresholds for compromise",
        ["criterion", "threshold κ", "holds for κ in", "binding", "verdict"],
        rows,
        caption=caption,
        lines=reasons + list(dict.fromkeys(notes)),
        name="thresholds",
        numeric={1},
    )


def _per_player_section(report: ThresholdReport) -> Section:
    own = {name: report.thresholds[name].per_player or {} for name in ("nash", "strict", "dominant")}
    rows = [
        [p.name, p.strategies[s]] + [exact_text(own[name].get(p.name)) for name in ("nash", "strict", "dominant")]
        for p, s in zip(report.game.players, report.target)
    ]
    return Section(
        "Each player's own threshold",
        ["player", "target strategy", "equilibrium from κ", "strict from κ", "dominant from κ"],
        rows,
        caption="never: no cost level does it for that player; the largest sets the threshold (the binding player)",
        name="per_player",
        numeric={2, 3, 4},
    )


def _third_party_section(third: ThirdParty) -> Section:
    rows = [
        [strategy, threshold_cell(t), t.binding or "", verdict_cell(t).upper()] for strategy, t in third.nash.items()
    ]
    values = [t.value for t in third.nash.values()]
    # Thresholds of unilateral deviations are rational (a/b), so they compare exactly.
    rational = [v for v in values if isinstance(v, Fraction)]
    lines = []
    if len(rational) == len(values) > 1:
        lines.append(
            f"{third.player}'s choice moves the others' threshold from {exact_text(min(rational))} "
            f"to {exact_text(max(rational))}"
        )
    lines.append(
        f"'{third.dominant}' strictly dominates for {third.player} at every cost level"
        if third.dominant
        else f"no strategy of {third.player} dominates at every cost level"
    )
    return Section(
        f"{third.player} as a third party: the others' compromise threshold",
        [f"{third.player} plays", "others' equilibrium from κ", "binding", "verdict"],
        rows,
        caption="the triangular-deadlock measure: how far one side's choice pushes the others' threshold",
        name="third_parties",
        numeric={1},
        lines=lines,
    )


def _grim_trigger_section(rep: Repeated) -> Section:
    points = rep.points
    columns = ["player"] + [f"δ* at κ = {fmt(p.kappa)}{' (today)' if p.kappa == 1 else ''}" for p in points]
    rows = [
        [name] + [exact_text(p.delta_star[name]) + ("" if p.credible else " †") for p in points]
        for name in points[0].delta_star
    ]
    lines = [rep.note] if rep.note else []
    if rep.sustainable_from is not None:
        lines.append(f"{verdict_cell(rep.sustainable_from).upper()}: {rep.sustainable_from.reason}")
    return Section(
        "Repeated play: grim trigger",
        columns,
        rows,
        name="repeated",
        numeric=set(range(1, len(columns))),
        lines=lines,
        caption="compromise is sustained when the discount factor δ ≥ δ* = (T − R)/(T − P) for every player and "
        "the punishment (the all-confront outcome) is itself a stage equilibrium; † where it is not, δ* is "
        "against each player's worst stage equilibrium (Nash reversion); δ* ≥ 1 or never: no discount factor does",
    )


def sweep_sections(result: Sweep) -> list[Section]:
    """The table of ``sovgame sweep``: each regime of κ and its equilibria, inside the plausible
    range or not, with κ = 0, today (κ = 1) and the top of the range marked where they fall."""
    plausible = result.plausible
    marks = result.marks()
    rows = []
    for regime in result.regimes:
        if compare(regime.lo, result.to) > 0:
            continue
        inside = ""
        if plausible is not None:  # decided exactly, roots included
            lo, hi = plausible
            if regime.is_point:
                meets = compare(lo, regime.lo) <= 0 <= compare(hi, regime.lo)
            else:
                meets = compare(regime.lo, hi) < 0 and compare(regime.hi, lo) > 0
            if meets:
                inside = "yes"
        here = ", ".join(text for _, text in regime.contained(marks))
        rows.append([regime.label(), describe_solution(regime.solution, regime.is_point), inside, here])
    caption = (
        f"breakpoints: {', '.join(exact_text(p) for p in result.breakpoints if compare(p, Fraction(0)) > 0) or 'none'}"
    )
    if plausible is not None:
        caption += f"; plausible κ: [{fmt(plausible[0])}, {fmt(plausible[1])}]"
    caption += "; κ = 1 means costs as stated in the file"
    return [
        Section(
            "Equilibria by cost level κ",
            ["regime", "equilibria", "plausible", "κ marked"],
            rows,
            caption=caption,
            lines=list(result.notes),
            name="regimes",
        )
    ]


def holds_at(t: Threshold, kappa: Fraction) -> bool | None:
    """Whether the criterion holds at the rational ``kappa``, decided exactly on its intervals
    (None: not defined, or ``kappa`` inside the bracket of a threshold known only by one)."""
    if not t.defined:
        return None
    if t.bracket is not None and t.bracket[0] <= kappa <= t.bracket[1]:
        return None
    return any(contains(interval, kappa) for interval in t.intervals)


def _holds_words(held: bool | None) -> str:
    return "not settled" if held is None else ("holds" if held else "does not hold")


def at_kappa_section(report: ThresholdReport, solution: Solution) -> Section:
    """Each criterion at one cost level κ (holds or not, decided exactly), and the
    equilibria there: the thresholds read at the κ a reader asks about."""
    kappa = solution.kappa
    rows = [[CRITERION_NAMES[name], _holds_words(holds_at(t, kappa))] for name, t in report.thresholds.items()]
    return Section(
        f"At κ = {fmt(kappa)}{' (today)' if kappa == TODAY else ''}",
        ["criterion", f"at κ = {fmt(kappa)}"],
        rows,
        caption=f"costs: {', '.join(report.costs) or 'none'}; κ = 1 means costs as stated in the file",
        lines=[f"equilibria at κ = {fmt(kappa)}: {describe_solution(solution)}"],
        name="at_kappa",
    )


def at_kappa_to_json(report: ThresholdReport, solution: Solution) -> dict[str, Any]:
    """``at_kappa`` of ``thresholds --kappa``: the cost level (float and exact), whether each
    criterion holds there (null when not settled or not defined), and the equilibria there."""
    return {
        "kappa": json_number(solution.kappa),
        "kappa_exact": fmt(solution.kappa),
        "holds": {name: holds_at(t, solution.kappa) for name, t in report.thresholds.items()},
        "equilibria": solution.json_data()["equilibria"],
    }
