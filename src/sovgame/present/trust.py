"""Types and trust: the tables of ``sovgame trust`` (its JSON is ``TrustAnalysis.to_dict()``)."""

from __future__ import annotations

from fractions import Fraction

from ..core.numbers import fmt, fmt_short
from ..costs.verdicts import verdict_legend
from ..play.bayesian import SINGLE_TYPE, BayesianGame
from ..play.trust import BeliefSet, PriorRange, TrustAnalysis, TrustFunction, belief_set, type_rstp
from ..sections.capacity import stated
from ..sections.types import HiddenTypes
from ..solvers.equilibria import describe_strategy
from .sections import Section
from .thresholds import threshold_cell, verdict_cell


def _who(bg: BayesianGame, player: int, name: str) -> str:
    own = bg.game.players[player].name
    return own if name == SINGLE_TYPE else f"{own} ({name})"


def belief_text(kind: BeliefSet, threshold: Fraction | None) -> str:
    """ "p ≥ 2/3", "p ≤ 1/2", "any belief", "no belief suffices"."""
    if kind == BeliefSet.EVERY:
        return "any belief"
    if kind == BeliefSet.NONE:
        return "no belief suffices"
    assert threshold is not None
    return f"p {'≥' if kind == BeliefSet.AT_LEAST else '≤'} {fmt(threshold)}"


def function_text(f: TrustFunction) -> str:
    """ "none for κ in [0, 4/3); (4 − κ)/(2κ) for κ in [4/3, 4); any from κ in [4, ∞)"."""
    parts = []
    for piece in f.pieces:
        if piece.kind == BeliefSet.NONE:
            what = "none"
        elif piece.kind == BeliefSet.EVERY:
            what = "any"
        else:
            assert piece.threshold is not None
            what = f"p {'≥' if piece.kind == BeliefSet.AT_LEAST else '≤'} {piece.threshold.text()}"
        parts.append(f"{what} for κ in {piece.interval}")
    return "; ".join(parts)


def prior_text(r: PriorRange) -> str:
    """ "[0, 1/2]" or "none"."""
    if r.interval is None:
        return "none"
    i = r.interval
    return "[0, 1]" if (i.lo, i.hi) == (0, 1) and i.lo_closed and i.hi_closed else str(i)


def trust_sections(result: TrustAnalysis) -> list[Section]:
    """The tables of ``sovgame trust``: the types, the Bayesian equilibria at κ, every type's
    trust threshold and where compromise survives the uncertainty about types."""
    return [_types_section(result), _equilibria_section(result), _trust_section(result), _compromise_section(result)]


def _types_section(result: TrustAnalysis) -> Section:
    bg = result.solution.bayesian
    game, types = result.game, result.case.section(HiddenTypes)
    base = stated(result.case).payoffs
    rows = []
    for player in range(2):
        declared = {t.name: t for t in (types.of(player) if types else ())}
        for t in bg.types[player]:
            entry = declared.get(t.name)
            changes = (
                "; ".join(
                    f"{game.outcome_key(p)}: {fmt(v)} (file: {fmt(base[p + (player,)])})"
                    for p, v in entry.payoffs.items()
                )
                if entry
                else ""
            )
            rows.append([game.players[player].name, t.name, fmt(t.prior), changes or "the file's payoffs"])
    return Section(
        "Types",
        ["player", "type", "prior", "own payoffs"],
        rows,
        caption="each type has the player's payoffs in the file except where listed; costs fall on every type alike",
        name="types",
    )


def _strategy(bg: BayesianGame, player: int, probs: tuple[Fraction, ...]) -> str:
    return describe_strategy(bg.game.players[player].strategies, probs)


def _equilibria_section(result: TrustAnalysis) -> Section:
    solution = result.solution
    bg = solution.bayesian
    agents = [(p, k, t) for p in range(2) for k, t in enumerate(bg.types[p])]
    rows = []
    for index, e in enumerate(solution.equilibria, 1):
        cells = [str(index)] + [_strategy(bg, p, e.behaviour[p][k]) for p, k, _ in agents]
        cells.append("; ".join(fmt_short(e.payoffs[p][k]) for p, k, _ in agents))
        rows.append(cells + ["" if e.component is None else str(e.component)])
    names = [_who(bg, p, t.name) for p, _, t in agents]
    lines = list(solution.notes) + [tie for e in solution.equilibria for tie in e.ties] + list(result.notes)
    return Section(
        f"Bayesian Nash equilibria at κ = {fmt(result.kappa)}",
        ["#"] + names + ["payoffs, in that order", "component"],
        rows,
        caption="from the type-strategy normal form, solved exactly; each verified: every type plays a best "
        "response to the other player's behaviour strategy",
        lines=list(dict.fromkeys(lines)),
        name="bayesian_equilibria",
        numeric={0},
    )


def _trust_section(result: TrustAnalysis) -> Section:
    bg = result.solution.bayesian
    top = result.plausible[1]
    rows = []
    for f in result.functions:
        rstp = type_rstp(bg, bg.types[f.player][bg.type_names(f.player).index(f.type_name)])
        rows.append(
            [
                _who(bg, f.player, f.type_name),
                belief_text(*belief_set(rstp, result.kappa)),
                belief_text(*belief_set(rstp, top)),
                function_text(f),
            ]
        )
    return Section(
        "Trust: the belief p that the other compromises at which compromise is a best response",
        ["player (type)", f"at κ = {fmt(result.kappa)}", f"at κ = {fmt(top)} (top)", "as a function of κ"],
        rows,
        caption="p* = (P − S)/((R − T) + (P − S)) from each type's R, S, T, P at κ (Kydd 1997, 2005); "
        "none: confronting is strictly dominant, no belief suffices",
        name="trust",
    )


def _compromise_section(result: TrustAnalysis) -> Section:
    bg = result.solution.bayesian
    rows = [
        [
            _who(bg, r.player, r.type_name),
            fmt(r.kappa),
            prior_text(r),
            fmt(r.prior),
            "yes" if r.above else "no",
            "" if r.formula is None else f"{r.formula.text()} for κ in {r.formula_on}",
        ]
        for r in result.priors
    ]
    c = result.compromise
    reasons = list(dict.fromkeys(r.reason for r in result.priors if r.reason))
    lines = reasons + [
        f"every type that some belief moves to compromise does, the others confront: this is a Bayesian "
        f"equilibrium {threshold_cell(c)} ({verdict_cell(c)}): {c.reason}"
    ]
    return Section(
        "Compromise with hidden types: the priors at which it is an equilibrium outcome",
        [
            "type",
            "κ",
            "priors at which compromise holds",
            "the file's prior",
            "file's prior above them",
            "upper end as a function of κ",
        ],
        rows,
        caption="a type's prior varied, the player's other types scaled in proportion; "
        + verdict_legend(result.plausible[1]),
        lines=lines,
        name="priors",
    )
