"""Cost thresholds and regimes: the tables of ``thresholds`` and ``sweep`` and their JSON.

JSON keys are documented in the README and kept stable; scripts depend on them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.intervals import Interval, compare, exact_text, value_float
from ..core.numbers import fmt, fmt_short, json_number
from ..costs.thresholds import ThirdParty, Threshold, ThresholdReport
from ..costs.verdicts import TODAY, contains, verdict_legend, verdict_scale_json
from .equilibria import describe_equilibrium, solution_to_json
from .sections import Section

if TYPE_CHECKING:
    from ..costs.grim import GrimTrigger, Repeated
    from ..costs.regimes import Regime, Sweep
    from ..solvers.equilibria import Solution


def threshold_to_json(t: Threshold) -> dict[str, Any]:
    """One threshold: value (float and exact), upper end, bracket, binding player, intervals, verdict, reason."""
    return {
        "value": value_float(t.value),
        "exact": exact_text(t.value) if t.value is not None else "inf",
        "attained": t.attained,
        "upper": value_float(t.upper),
        "upper_exact": None if t.upper is None else exact_text(t.upper),
        "bracket": None if t.bracket is None else [float(t.bracket[0]), float(t.bracket[1])],
        "bracket_exact": None if t.bracket is None else [fmt(t.bracket[0]), fmt(t.bracket[1])],
        "binding": t.binding,
        "per_player": None if t.per_player is None else {k: exact_text(v) for k, v in t.per_player.items()},
        "intervals": [i.to_json() for i in t.intervals],
        "defined": t.defined,
        "verdict": t.verdict if t.defined else None,
        "settled": t.verdict is not None or not t.defined,
        "reason": t.reason,
        "notes": list(t.notes),
    }


def report_to_json(report: ThresholdReport) -> dict:
    """The stable JSON of ``sovgame thresholds`` (documented in the README)."""
    game = report.game
    data: dict[str, Any] = {
        "game": game.title,
        "target": report.target_names(),
        "costs": list(report.costs),
        "plausible_kappa": [json_number(v) for v in report.plausible],
        "verdict_scale": verdict_scale_json(),
        "thresholds": {name: threshold_to_json(t) for name, t in report.thresholds.items()},
        "repeated": None,
        "notes": list(report.notes),
        "third_parties": [
            {
                "player": t.player,
                "dominant": t.dominant,
                "nash": {strategy: threshold_to_json(th) for strategy, th in t.nash.items()},
            }
            for t in report.third_parties
        ],
    }
    rep = report.repeated
    if rep is not None:
        data["repeated"] = repeated_to_json(rep)
    return data


def repeated_to_json(rep: Repeated) -> dict[str, Any]:
    """Grim trigger at κ = 0, today and the top: δ* per player (exact strings), and at each
    point whether reverting to the all-confront outcome is a credible threat."""
    return {
        "delta_star": _stars(rep.at_zero),
        "delta_star_today": _stars(rep.today),
        "delta_star_at_top": None if rep.at_top is None else _stars(rep.at_top),
        "top_kappa": fmt(rep.top),
        "points": [grim_to_json(p) for p in rep.points],
        "discount": None if rep.discount is None else fmt(rep.discount),
        "sustainable": None if rep.sustainable_from is None else threshold_to_json(rep.sustainable_from),
        "note": rep.note,
    }


def grim_to_json(point: GrimTrigger) -> dict[str, Any]:
    """δ* at one κ: ``kappa``, ``delta_star``, ``credible`` and the ``punishment`` it is against."""
    return {
        "kappa": fmt(point.kappa),
        "delta_star": _stars(point.delta_star),
        "credible": point.credible,
        "punishment": point.punishment,
    }


def _stars(values: dict[str, Fraction | None]) -> dict[str, str]:
    return {k: exact_text(v) for k, v in values.items()}


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


def describe_solution(solution: Solution | None, exact_mixed: bool = True) -> str:
    """The equilibria in one line; mixed ones by their supports when they move with κ."""
    if solution is None:
        return "(transition at an irrational point)"
    parts = []
    for e in solution.equilibria:
        if e.pure or exact_mixed:
            parts.append(describe_equilibrium(solution.game, e))
        else:
            supports = [
                "/".join(n for n, p in zip(pl.strategies, s) if p) for pl, s in zip(solution.game.players, e.strategies)
            ]
            parts.append(f"mixed ({'; '.join(supports)})")
    text = "; ".join(parts) if parts else "none found"
    if solution.degenerate:
        text += " [degenerate" + (": continuum]" if any(e.component for e in solution.equilibria) else "]")
    return text


def _marks(result: Sweep) -> list[tuple[Fraction, str]]:
    """The cost levels the sweep marks: 0, today (1) and the top of the plausible range."""
    marks = [(Fraction(0), "0 (costs not counted)"), (TODAY, "1 (today)")]
    if result.plausible is not None and result.plausible[1] not in (0, TODAY):
        marks.append((result.plausible[1], f"{fmt(result.plausible[1])} (top)"))
    return marks


def _contained(regime: Regime, marks: list[tuple[Fraction, str]]) -> list[tuple[Fraction, str]]:
    """The marked κ that lie in ``regime``, decided exactly."""
    interval = Interval(regime.lo, regime.lo_closed, regime.hi, regime.hi_closed)
    return [(k, text) for k, text in marks if contains(interval, k)]


def sweep_sections(result: Sweep) -> list[Section]:
    """The table of ``sovgame sweep``: each regime of κ and its equilibria, inside the plausible
    range or not, with κ = 0, today (κ = 1) and the top of the range marked where they fall."""
    plausible = result.plausible
    marks = _marks(result)
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
        here = ", ".join(text for _, text in _contained(regime, marks))
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


def sweep_to_json(result: Sweep) -> dict[str, Any]:
    """The stable JSON of ``sovgame sweep`` (documented in the README)."""
    marks = _marks(result)
    return {
        "game": result.game.title,
        "costs": list(result.costs),
        "breakpoints": [exact_text(p) for p in result.breakpoints],
        "candidate_breakpoints": [exact_text(p) for p in result.candidates],
        "plausible_kappa": None if result.plausible is None else [json_number(v) for v in result.plausible],
        "regimes": [
            {
                "lo": exact_text(r.lo),
                "hi": None if r.hi is None else exact_text(r.hi),
                "point": r.is_point,
                "lo_closed": r.lo_closed,
                "hi_closed": r.hi_closed,
                "equilibria": None if r.solution is None else solution_to_json(r.solution)["equilibria"],
                "summary": describe_solution(r.solution, r.is_point),
                "contains_kappa": [fmt(k) for k, _ in _contained(r, marks)],
            }
            for r in result.regimes
        ],
        "notes": list(result.notes),
    }


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
        "equilibria": solution_to_json(solution)["equilibria"],
    }
