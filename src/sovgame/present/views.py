"""Views of results: the same data as sections of tables, and as stable JSON.

A command's result is turned into a list of :class:`Section` (a titled table with a caption)
for the table, Markdown and CSV formats, and into a plain dict for JSON. Nothing here
prints: :mod:`sovgame.render` does. JSON keys are documented in the README and kept stable.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

from ..core.intervals import exact_text
from ..core.model import Game
from ..core.numbers import fmt, fmt_short
from ..solvers.equilibria import Equilibrium, Solution

EQUILIBRIUM_MARK = "★"


@dataclass
class Section:
    """One table of output; ``lines`` are plain sentences printed after it."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None
    lines: list[str] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # columns to right-justify
    whole: set[int] = field(default_factory=set)  # columns never wrapped or cut (names to type)
    name: str = ""  # short machine name, used by CSV


def number(value: Fraction) -> float | int:
    """A JSON number for an exact value: an int when integral, else the nearest float."""
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else float(value)


# --- games ----------------------------------------------------------------------------------


def payoff_sections(game: Game, payoffs=None, marked: set[tuple[int, ...]] = frozenset(),
                    title: str = "Payoffs", cell=None) -> list[Section]:
    """The payoff matrix: rows the first player, columns the second, one table per profile
    of the remaining players. Cells read "u1, u2, ..."; ``marked`` cells get a star;
    ``cell(profile, text)``, if given, may rewrite a cell's text."""
    payoffs = game.payoffs if payoffs is None else payoffs
    p1, p2, rest = game.players[0], game.players[1], game.players[2:]
    sections = []
    for others in itertools.product(*(range(len(p.strategies)) for p in rest)):
        rows = []
        for r, row_name in enumerate(p1.strategies):
            cells = []
            for c in range(len(p2.strategies)):
                profile = (r, c) + others
                text = ", ".join(fmt_short(v) for v in payoffs[profile])
                text = f"{EQUILIBRIUM_MARK} {text}" if profile in marked else text
                cells.append(cell(profile, text) if cell else text)
            rows.append([row_name] + cells)
        fixed = ", ".join(f"{p.name}: {p.strategies[s]}" for p, s in zip(rest, others))
        caption = f"payoffs in player order: {', '.join(game.player_names)}"
        if marked:
            caption += f"; {EQUILIBRIUM_MARK} marks a pure equilibrium"
        sections.append(Section(
            title=f"{title}" + (f" ({fixed})" if fixed else ""),
            columns=[f"{p1.name} \\ {p2.name}"] + list(p2.strategies),
            rows=rows, caption=caption, name="payoffs",
            numeric=set(range(1, len(p2.strategies) + 1)),
        ))
    return sections


def notes_section(game: Game) -> Section | None:
    """The analyst's notes on outcomes, as sentences (long text reads badly in a grid)."""
    if not game.notes:
        return None
    lines = [f"{game.outcome_key(p)}: {game.notes[p]}" for p in game.profiles() if p in game.notes]
    return Section("Notes on the outcomes", [], [], lines=lines, name="notes")


def costs_section(game: Game) -> Section | None:
    if not game.costs:
        return None
    names = game.player_names
    rows = []
    for cost in game.costs:
        between = "all" if len(cost.between) == game.n_players else ", ".join(names[j] for j in cost.between)
        rows.append([cost.name, cost.incidence, between] + [fmt(w) for w in cost.weights])
    plausible = game.plausible_kappa
    caption = "weights: payoff units at cost level κ = 1 (costs as stated)"
    if plausible:
        caption += f"; plausible κ: [{fmt(plausible[0])}, {fmt(plausible[1])}]"
    sources = [f"{cost.name}: {cost.source}" for cost in game.costs if cost.source]
    return Section(
        "Costs of conflict", ["cost", "incidence", "between"] + names,
        rows, caption=caption, name="costs", numeric=set(range(3, 3 + game.n_players)), lines=sources,
    )


def game_sections(game: Game) -> list[Section]:
    sections = payoff_sections(game)
    sections += [s for s in (notes_section(game), costs_section(game)) if s is not None]
    return sections


def game_to_json(game: Game) -> dict:
    return {
        "game": game.title,
        "description": game.description,
        "source": game.source,
        "payoff_scale": game.payoff_scale,
        "players": [
            {"name": p.name, "strategies": list(p.strategies), "compromise": p.compromise}
            for p in game.players
        ],
        "payoffs": {game.outcome_key(s): [number(v) for v in game.payoffs[s]] for s in game.profiles()},
        "payoffs_exact": {game.outcome_key(s): [fmt(v) for v in game.payoffs[s]] for s in game.profiles()},
        "notes": {game.outcome_key(s): n for s, n in game.notes.items()},
        "costs": [
            {"name": c.name, "incidence": c.incidence, "weights": [fmt(w) for w in c.weights],
             "between": [game.player_names[j] for j in c.between], "source": c.source}
            for c in game.costs
        ],
        "plausible_kappa": None if game.plausible_kappa is None else [number(v) for v in game.plausible_kappa],
    }


def games_section(rows: list[dict]) -> Section:
    return Section(
        "Bundled games", ["name", "title", "players", "size"],
        [[r["name"], r["title"], ", ".join(r["players"]), r["size"]] for r in rows],
        caption="name a game by its name (sovgame solve stag_hunt) or by a file path",
        name="games", whole={0},
    )


# --- equilibria -----------------------------------------------------------------------------


def describe_strategy(strategies: tuple[str, ...], probs) -> str:
    """"Strike" for a pure strategy, "Stag 2/3, Hare 1/3" for a mixed one."""
    support = [(name, p) for name, p in zip(strategies, probs) if p != 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{name} {fmt_short(p)}" for name, p in support)


def describe_equilibrium(game: Game, eq: Equilibrium) -> str:
    """"(Strike, Tolerate TTP)" or "(Stag 2/3, Hare 1/3; Stag 2/3, Hare 1/3)"."""
    parts = [describe_strategy(p.strategies, s) for p, s in zip(game.players, eq.strategies)]
    return "(" + ("; " if not eq.pure else ", ").join(parts) + ")"


def equilibria_section(solution: Solution, title: str | None = None) -> Section:
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
    lines = list(solution.notes)
    if not solution.equilibria:
        lines.insert(0, "no equilibrium found" + (" among pure profiles" if not solution.complete else ""))
    caption = f"{len(solution.equilibria)} equilibri{'um' if len(solution.equilibria) == 1 else 'a'}; {solution.method}"
    caption += "; each verified in exact arithmetic"
    return Section(
        title or f"Nash equilibria{kappa}",
        ["#"] + names + [f"payoff {n}" for n in names] + ["kind", "component"],
        rows, caption=caption, lines=lines, name="equilibria",
        numeric={0} | set(range(1 + len(names), 1 + 2 * len(names))),
    )


def solution_to_json(solution: Solution, check=None) -> dict:
    """The stable JSON of ``sovgame solve`` (documented in the README)."""
    game = solution.game
    data = {
        "game": game.title,
        "players": game.player_names,
        "kappa": number(solution.kappa),
        "degenerate": solution.degenerate,
        "equilibria": [equilibrium_to_json(game, eq) for eq in solution.equilibria],
        "complete": solution.complete,
        "notes": list(solution.notes),
    }
    if check is not None:
        data["nashpy_check"] = {"found": list(check.found), "missed": list(check.missed),
                                "not_equilibria": check.not_equilibria, "extra": check.extra}
    return data


def equilibrium_to_json(game: Game, eq: Equilibrium) -> dict:
    return {
        "strategies": {
            p.name: {name: float(prob) for name, prob in zip(p.strategies, s)}
            for p, s in zip(game.players, eq.strategies)
        },
        "exact": {
            p.name: {name: fmt(prob) for name, prob in zip(p.strategies, s)}
            for p, s in zip(game.players, eq.strategies)
        },
        "payoffs": {p.name: float(v) for p, v in zip(game.players, eq.payoffs)},
        "pure": eq.pure,
        "component": eq.component,
    }


def solve_sections(solution: Solution, check=None) -> list[Section]:
    game = solution.game
    payoffs = game.payoffs_at(solution.kappa)
    title = "Payoffs" + (f" at κ = {fmt(solution.kappa)}" if solution.kappa else "")
    sections = payoff_sections(game, payoffs, set(solution.pure_profiles), title=title)
    sections.append(equilibria_section(solution))
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


# --- thresholds ------------------------------------------------------------------------------

CRITERION_NAMES = {
    "nash": "equilibrium (Nash)",
    "strict": "strict equilibrium",
    "dominant": "dominant strategies",
    "unique": "only equilibrium",
    "risk_dominant": "risk-dominant",
}


def threshold_cell(t) -> str:
    """"≥ 4/3", "> 4", "never", "in [a, b]"."""
    if not t.defined:
        return "n/a"
    if t.value is None:
        return "never"
    if t.bracket is not None:
        return f"in [{fmt_short(t.bracket[0])}, {fmt_short(t.bracket[1])}]"
    return f"{'≥' if t.attained else '>'} {exact_text(t.value)}"


def thresholds_sections(report) -> list[Section]:
    game = report.game
    target = ", ".join(report.target_names().values())
    rows = []
    for name, t in report.thresholds.items():
        holds = ", ".join(str(i) for i in t.intervals) or "—"
        rows.append([CRITERION_NAMES[name], threshold_cell(t), holds, t.binding or "",
                     (t.verdict if t.defined else "n/a").upper()])
    lo, hi = report.plausible
    caption = (f"target ({target}); costs: {', '.join(report.costs) or 'none'}; plausible κ: [{fmt(lo)}, {fmt(hi)}]"
               f"{'' if report.plausible_given else ' (assumed)'}; κ = 1 means costs as stated in the file")
    reasons = [f"{CRITERION_NAMES[name]}: {t.reason}" for name, t in report.thresholds.items()]
    notes = list(report.notes) + [n for t in report.thresholds.values() for n in t.notes]
    sections = [Section("Cost thresholds for compromise", ["criterion", "threshold κ", "holds for κ in", "binding",
                                                           "verdict"],
                        rows, caption=caption, lines=reasons + list(dict.fromkeys(notes)), name="thresholds",
                        numeric={1})]
    nash = report.thresholds["nash"]
    if nash.per_player:
        strict = report.thresholds["strict"].per_player or {}
        dominant = report.thresholds["dominant"].per_player or {}
        sections.append(Section(
            "Each player's own threshold",
            ["player", "target strategy", "equilibrium from κ", "strict from κ", "dominant from κ"],
            [[p.name, p.strategies[s], exact_text(nash.per_player.get(p.name)), exact_text(strict.get(p.name)),
              exact_text(dominant.get(p.name))] for p, s in zip(game.players, report.target)],
            caption="inf: no cost level does it for that player; the largest sets the threshold (the binding player)",
            name="per_player", numeric={2, 3, 4},
        ))
    for third in report.third_parties:
        rows = [[strategy, threshold_cell(t), t.binding or "", t.verdict.upper()] for strategy, t in third.nash.items()]
        values = [t.value for t in third.nash.values()]
        lines = []
        if all(v is not None for v in values) and len(values) > 1:
            lines.append(f"{third.player}'s choice moves the others' threshold from {exact_text(min(values))} "
                         f"to {exact_text(max(values))}")
        lines.append(f"'{third.dominant}' strictly dominates for {third.player} at every cost level"
                     if third.dominant else f"no strategy of {third.player} dominates at every cost level")
        sections.append(Section(
            f"{third.player} as a third party: the others' compromise threshold",
            [f"{third.player} plays", "others' equilibrium from κ", "binding", "verdict"], rows,
            caption="the triangular-deadlock measure: how far one side's choice pushes the others' threshold",
            name="third_parties", numeric={1}, lines=lines))
    rep = report.repeated
    if rep is not None:
        columns = ["player", "δ* at κ = 0"] + ([f"δ* at κ = {fmt(rep.top)}"] if rep.at_top else [])
        rows = [[name, exact_text(v)] + ([exact_text(rep.at_top[name])] if rep.at_top else [])
                for name, v in rep.at_zero.items()]
        lines = [rep.note] if rep.note else []
        if rep.sustainable_from is not None:
            lines.append(f"{rep.sustainable_from.verdict.upper()}: {rep.sustainable_from.reason}")
        sections.append(Section(
            "Repeated play: grim trigger", columns, rows, name="repeated", numeric={1, 2}, lines=lines,
            caption="compromise is sustained when the discount factor δ ≥ δ* = (T − R)/(T − P) for every player; "
                    "δ* ≥ 1 or inf: never",
        ))
    return sections


# --- regimes --------------------------------------------------------------------------------


def describe_solution(solution, exact_mixed: bool = True) -> str:
    """The equilibria in one line; mixed ones by their supports when they move with κ."""
    if solution is None:
        return "(transition at an irrational point)"
    parts = []
    for e in solution.equilibria:
        if e.pure or exact_mixed:
            parts.append(describe_equilibrium(solution.game, e))
        else:
            supports = ["/".join(n for n, p in zip(pl.strategies, s) if p) for pl, s in zip(solution.game.players, e.strategies)]
            parts.append(f"mixed ({'; '.join(supports)})")
    text = "; ".join(parts) if parts else "none found"
    if solution.degenerate:
        text += " [degenerate" + (": continuum]" if any(e.component for e in solution.equilibria) else "]")
    return text


def sweep_sections(result) -> list[Section]:
    plausible = result.plausible
    rows = []
    for regime in result.regimes:
        if float(regime.lo) > float(result.to):
            continue
        inside = ""
        if plausible is not None:
            lo, hi = float(plausible[0]), float(plausible[1])
            a = float(regime.lo)
            b = float(regime.hi) if regime.hi is not None else float("inf")
            if (regime.is_point and lo <= a <= hi) or (not regime.is_point and a < hi and b > lo):
                inside = "yes"
        rows.append([regime.label(), describe_solution(regime.solution, regime.is_point), inside])
    caption = f"breakpoints: {', '.join(exact_text(p) for p in result.breakpoints if float(p) > 0) or 'none'}"
    if plausible is not None:
        caption += f"; plausible κ: [{fmt(plausible[0])}, {fmt(plausible[1])}]"
    return [Section("Equilibria by cost level κ", ["regime", "equilibria", "plausible"], rows,
                    caption=caption, lines=list(result.notes), name="regimes")]


def sweep_to_json(result) -> dict:

    return {
        "game": result.game.title,
        "costs": list(result.costs),
        "breakpoints": [exact_text(p) for p in result.breakpoints],
        "candidate_breakpoints": [exact_text(p) for p in result.candidates],
        "plausible_kappa": None if result.plausible is None else [number(v) for v in result.plausible],
        "regimes": [
            {"lo": exact_text(r.lo), "hi": None if r.hi is None else exact_text(r.hi), "point": r.is_point,
             "lo_closed": r.lo_closed, "hi_closed": r.hi_closed,
             "equilibria": None if r.solution is None else solution_to_json(r.solution)["equilibria"],
             "summary": describe_solution(r.solution, r.is_point)}
            for r in result.regimes
        ],
        "notes": list(result.notes),
    }


# --- the main job ---------------------------------------------------------------------------


def analysis_sections(result) -> list[Section]:
    game = result.game
    sections = payoff_sections(game, marked=set(result.today.pure_profiles))
    sections += [s for s in (notes_section(game), costs_section(game)) if s is not None]
    sections.append(equilibria_section(result.today, "Nash equilibria at κ = 0 (costs not counted)"))
    if result.at_top is not None:
        sections.append(equilibria_section(
            result.at_top, f"Nash equilibria at κ = {fmt(result.at_top.kappa)} (top of the plausible range)"))
    if result.thresholds is not None:
        sections += thresholds_sections(result.thresholds)
    sections.append(Section("Conclusion", [], [], lines=list(result.conclusion), name="conclusion"))
    return sections


def analysis_to_json(result) -> dict:
    from ..costs.thresholds import report_to_json

    return {
        "game": result.game.title,
        "players": result.game.player_names,
        "equilibria": solution_to_json(result.today),
        "equilibria_at_top": None if result.at_top is None else solution_to_json(result.at_top),
        "thresholds": None if result.thresholds is None else report_to_json(result.thresholds),
        "conclusion": list(result.conclusion),
    }


# --- scenarios --------------------------------------------------------------------------------


def change_text(change, first: bool) -> str:
    if first:
        return "baseline"
    parts = []
    if change.gained:
        parts.append("new equilibria: " + "; ".join(change.gained))
    if change.lost:
        parts.append("lost: " + "; ".join(change.lost))
    for criterion, (before, after, v0, v1) in change.thresholds.items():
        parts.append(f"{CRITERION_NAMES[criterion]} {before} → {after}" + (f" ({v0} → {v1})" if v0 != v1 else ""))
    return "; ".join(parts) or "no change"


def scenarios_sections(scenarios, changes) -> list[Section]:
    rows = []
    for index, (scenario, change) in enumerate(zip(scenarios, changes)):
        nash = unique = binding = ""
        if scenario.thresholds is not None:
            t = scenario.thresholds.thresholds
            nash = f"{threshold_cell(t['nash'])} ({t['nash'].verdict})"
            unique = f"{threshold_cell(t['unique'])} ({t['unique'].verdict if t['unique'].defined else 'n/a'})"
            binding = t["nash"].binding or ""
        rows.append([scenario.name, scenario.game.title, describe_solution(scenario.solution), nash, unique, binding,
                     change_text(change, index == 0)])
    return [Section("Scenarios side by side", ["scenario", "title", "equilibria at κ = 0", "compromise is an equilibrium",
                                               "only equilibrium", "binding", "against the first"],
                    rows, caption="thresholds in κ (1 = costs as stated in each file), verdicts against each file's "
                    "plausible range", name="scenarios", whole={0})]


def scenarios_to_json(scenarios, changes) -> list[dict]:
    from ..costs.thresholds import report_to_json

    out = []
    for scenario, change in zip(scenarios, changes):
        out.append({
            "name": scenario.name,
            "title": scenario.game.title,
            "equilibria": solution_to_json(scenario.solution)["equilibria"],
            "thresholds": None if scenario.thresholds is None else report_to_json(scenario.thresholds),
            "changes": {"gained": list(change.gained), "lost": list(change.lost),
                        "thresholds": {k: {"before": v[0], "after": v[1], "verdict_before": v[2], "verdict_after": v[3]}
                                       for k, v in change.thresholds.items()}},
        })
    return out


# --- what-if --------------------------------------------------------------------------------------


def whatif_sections(result) -> list[Section]:
    game = result.changed.game
    marked = set(result.changed.solution.pure_profiles)

    def changed(profile, text):  # old → new in changed cells, marked with Δ
        if profile not in result.changed_cells:
            return text
        before, after = result.changed_cells[profile]
        star = f"{EQUILIBRIUM_MARK} " if profile in marked else ""
        return f"Δ {star}{', '.join(fmt_short(v) for v in before)} → {', '.join(fmt_short(v) for v in after)}"

    sections = payoff_sections(game, marked=marked, title="Payoffs after the change", cell=changed)
    for section in sections:
        section.caption = (section.caption or "") + "; Δ marks a changed cell (before → after)"
    rows = []
    for name, t_before, t_after in _threshold_pairs(result):
        rows.append([CRITERION_NAMES[name], threshold_cell(t_before) if t_before else "n/a",
                     threshold_cell(t_after) if t_after else "n/a",
                     (t_before.verdict if t_before else "n/a") + (" → " + t_after.verdict if t_after and t_before and t_after.verdict != t_before.verdict else "")])
    eq_lines = [f"gained: {x}" for x in result.change.gained] + [f"lost: {x}" for x in result.change.lost]
    sections.append(Section("Equilibria at κ = 0", ["before", "after"],
                            [[describe_solution(result.baseline.solution), describe_solution(result.changed.solution)]],
                            lines=eq_lines or ["no equilibrium gained or lost"], name="equilibria"))
    sections.append(Section("Thresholds before → after", ["criterion", "before", "after", "verdict"], rows,
                            caption="changes: " + "; ".join(result.settings), name="thresholds", numeric={1, 2}))
    return sections


def _threshold_pairs(result):
    before = result.baseline.thresholds.thresholds if result.baseline.thresholds else {}
    after = result.changed.thresholds.thresholds if result.changed.thresholds else {}
    for name in CRITERION_NAMES:
        if name in before or name in after:
            yield name, before.get(name), after.get(name)


def whatif_to_json(result) -> dict:
    from ..costs.thresholds import threshold_to_json

    game = result.changed.game
    return {
        "game": game.title,
        "settings": list(result.settings),
        "changed_cells": {game.outcome_key(p): {"before": [fmt(v) for v in b], "after": [fmt(v) for v in a]}
                          for p, (b, a) in result.changed_cells.items()},
        "equilibria": {"before": solution_to_json(result.baseline.solution)["equilibria"],
                       "after": solution_to_json(result.changed.solution)["equilibria"],
                       "gained": list(result.change.gained), "lost": list(result.change.lost)},
        "thresholds": {name: {"before": None if b is None else threshold_to_json(b),
                              "after": None if a is None else threshold_to_json(a)}
                       for name, b, a in _threshold_pairs(result)},
    }


# --- robustness -------------------------------------------------------------------------------


def _percent(share: float) -> str:
    """"93.8%"; "<0.1%" for a share that rounds to zero but is not; "0%" and "100%" exactly."""
    if share == 0 or share == 1:
        return f"{share:.0%}"
    if share < 0.0005:
        return "<0.1%"
    if share > 0.9995:
        return ">99.9%"
    return f"{100 * share:.1f}%"


def _kappa_text(value: float | None) -> str:
    """A sampled threshold: 3 significant digits, "never" for None."""
    return "never" if value is None else f"{value:.3g}"


def robust_sections(result) -> list[Section]:
    """Tables of :func:`sovgame.robust.robust`: the thresholds over the samples against the
    file's own, the binding player, the game types (2x2) and the equilibria at the top."""
    lo, hi = result.plausible
    top = fmt(hi)
    rows = []
    for name, c in result.criteria.items():
        own = "" if c.file_value is None else f"{'≥' if c.file_attained else '>'} {exact_text(c.file_value)} "
        rows.append([CRITERION_NAMES[name], f"{own}{c.file_verdict.upper()}",
                     *(_kappa_text(c.quantiles[q]) for q in ("5", "50", "95")),
                     _percent(c.never_share), _percent(c.p_within_plausible),
                     f"[{_percent(c.ci95[0])}, {_percent(c.ci95[1])}]", _percent(c.agreement)])
    caption = (f"{result.samples:,} samples, seed {result.seed}; {result.model}; plausible κ: [{fmt(lo)}, {top}]"
               f"{'' if result.plausible_given else ' (assumed)'}; κ = 1 means costs as stated in the file")
    sections = [Section(
        "Robustness of the cost thresholds",
        ["criterion", "in the file", "κ 5%", "κ median", "κ 95%", "never", f"P(κ ≤ {top})", "95% CI", "same verdict"],
        rows, caption=caption, lines=[result.verdict, *result.notes], name="robustness", numeric=set(range(2, 9)),
    )]

    binding = [[name, _percent(share)] for name, share in result.binding.items()
               if share and name not in ("none", "never")]
    if result.binding.get("none"):
        binding.append(["none (an equilibrium already at κ = 0)", _percent(result.binding["none"])])
    if result.binding.get("never"):
        binding.append(["— (never an equilibrium)", _percent(result.binding["never"])])
    sections.append(Section("Binding player of the equilibrium threshold", ["player", "share of samples"], binding,
                            caption="the player whose own condition sets κ_NE", name="binding", numeric={1}))

    if result.game_types is not None:
        zero, at_top = result.game_types["at_zero"], result.game_types["at_top"]
        types = [[kind, _percent(zero[kind]), _percent(at_top[kind])] for kind in zero if zero[kind] or at_top[kind]]
        sections.append(Section(
            "Game type", ["type", "at κ = 0", f"at κ = {top}"], types, name="game_types", numeric={1, 2},
            caption="both players' orderings of R, S, T, P with compromise as C; other: no textbook type, or the "
                    "players' types differ",
        ))

    at = result.at_top
    shown = list(at.sets[:8])
    sets = [[item.summary, _percent(item.share)] for item in shown]
    rest = at.sets[len(shown):]
    if rest:
        sets.append([f"{len(rest)} other sets", _percent(sum(item.share for item in rest))])
    if at.unresolved_share:
        sets.append(["degenerate, not resolved", _percent(at.unresolved_share)])
    kind = "pure and mixed" if at.mixed_searched else "pure only"
    sections.append(Section(
        f"Equilibria at κ = {fmt(at.kappa)} (top of the plausible range)", ["equilibria", "share of samples"], sets,
        caption=f"{kind}; the target is an equilibrium in {_percent(at.target_equilibrium_share)} of samples and the "
                f"only one in {_percent(at.target_unique_share)}",
        name="equilibria_at_top", numeric={1},
    ))
    return sections
