"""Mediation, repeated play and learning dynamics: their tables and stable JSON."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.intervals import exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt, fmt_short, json_number
from ..costs.verdicts import verdict_legend, verdict_scale_json
from ..play.mediation import CorrelatedEquilibrium, Mediation, piecewise_text
from ..play.repeated import RepeatedAnalysis, outcome_profile
from ..solvers.verify import Number
from .sections import Section
from .thresholds import threshold_to_json, verdict_cell

if TYPE_CHECKING:
    from ..play.dynamics import Dynamics, Trajectory


def _distribution_text(game: Game, distribution: Mapping[Profile, Fraction | float]) -> str:
    parts = [
        f"{game.outcome_key(s)}: {fmt_short(p) if isinstance(p, Fraction) else f'{p:.4g}'}"
        for s, p in distribution.items()
    ]
    return "; ".join(parts)


def _value(v: Number | float | None) -> str:
    if v is None:
        return "not known"
    return f"≈{v:.6g}" if isinstance(v, float) else fmt(v)


def _ce_value(ce: CorrelatedEquilibrium) -> str:
    """The optimum exactly when a dual proves it; else ≈ (uncertified fractions are only a
    feasible point, not the maximum)."""
    return fmt(ce.value) if ce.certified and isinstance(ce.value, Fraction) else f"≈{float(ce.value):.6g}"


def _kappa_words(kappa: Fraction) -> str:
    """ "1 (today's costs)" for κ = 1, else the number."""
    return f"{fmt(kappa)} (today's costs)" if kappa == 1 else fmt(kappa)


def mediation_sections(result: Mediation) -> list[Section]:
    """The tables of ``sovgame mediate``: correlated equilibria (recommendation) and the
    transfers and guarantees that make compromise an equilibrium (leverage)."""
    return [_recommendation_section(result), _leverage_section(result)]


def _recommendation_section(result: Mediation) -> Section:
    game = result.game
    target = game.outcome_key(result.target)
    rows = [
        [objective, _ce_value(ce), _distribution_text(game, ce.distribution), "yes" if ce.certified else "no (float)"]
        for objective, ce in (
            ("compromise as likely as possible", result.ce_target),
            ("highest total payoff", result.ce_welfare),
        )
    ]
    gain = result.value_of_recommendation
    if result.best_nash_welfare is None:
        nash = "no Nash equilibrium was found to compare with (the search was not complete)"
    else:
        nash = (
            f"best Nash equilibrium total payoff {fmt_short(result.best_nash_welfare)}"
            f"{'' if result.nash_complete else ' (among the equilibria found; the list is not proved complete)'}; "
            "value of mediation by recommendation "
            f"alone: {_value(gain)}"
        )
    lines = [
        f"recommendation alone can raise the probability of compromise ({target}) to {_ce_value(result.ce_target)}",
        nash,
    ]
    rec = result.recommendation_suffices
    if rec.value is not None:
        lines.append(
            f"recommendation alone makes compromise certain {'from' if rec.attained else 'above'} "
            f"κ = {exact_text(rec.value)}, where compromise is an equilibrium itself"
        )
    else:
        lines.append("no cost level lets recommendation alone make compromise certain (it is never an equilibrium)")
    return Section(
        f"Mediation by recommendation at κ = {_kappa_words(result.kappa)} (correlated equilibria)",
        ["objective", "value", "distribution over outcomes", "certified exact"],
        rows,
        caption="certified: the fractions were checked to obey every player's incentive constraint and a "
        "dual solution proves the optimum",
        lines=lines,
        name="correlated",
        numeric={1},
    )


def _leverage_section(result: Mediation) -> Section:
    rows = [
        [
            name,
            fmt(result.transfers[name]),
            piecewise_text(result.transfer_terms[name]),
            fmt(result.guarantees[name]),
            piecewise_text(result.guarantee_terms[name]),
        ]
        for name in result.transfers
    ]
    lines = [
        f"leverage needs {fmt(result.total_transfers)} per period "
        f"({fmt(result.total_with_guarantees)} with guarantees)"
        + (f"; {result.needs_most} needs most" if result.needs_most else "")
    ]
    if result.budget is not None:
        insured = " and the guarantees too" if result.affordable and result.insured else ""
        lines.append(
            f"{result.mediator} (budget {fmt(result.budget)} per period) "
            f"{'can' if result.affordable else 'cannot'} pay the transfers{insured}"
        )
    return Section(
        f"Leverage: payments that make compromise an equilibrium at κ = {_kappa_words(result.kappa)}",
        ["player", "transfer", "transfer as a function of κ", "guarantee", "guarantee as a function of κ"],
        rows,
        caption="payoff units per period; transfers are paid while everyone complies, "
        "guarantees only if another side deviates",
        lines=lines,
        name="leverage",
        numeric={1, 3},
    )


def _distribution_json(game: Game, distribution: Mapping[Profile, Fraction | float]) -> dict[str, float]:
    return {game.outcome_key(s): float(p) for s, p in distribution.items()}


def _exact_value(ce: CorrelatedEquilibrium) -> str | None:
    """The certified optimum as exact text; None when only the float answer is known."""
    return fmt(ce.value) if ce.certified and isinstance(ce.value, Fraction) else None


def mediation_to_json(result: Mediation) -> dict[str, Any]:
    """The stable JSON of ``sovgame mediate`` (documented in the README)."""
    game = result.game
    welfare = result.ce_welfare
    gain = result.value_of_recommendation
    return {
        "game": game.title,
        "kappa": json_number(result.kappa),
        "target": game.outcome_key(result.target),
        "ce_max_target_probability": float(result.ce_target.value),
        "ce_max_target_exact": _exact_value(result.ce_target),
        "ce_max_target_distribution": _distribution_json(game, result.ce_target.distribution),
        "ce_max_welfare": {
            "welfare": float(welfare.value),
            "exact": _exact_value(welfare),
            "distribution": _distribution_json(game, welfare.distribution),
            "certified": welfare.certified,
        },
        "best_nash_welfare": None if result.best_nash_welfare is None else float(result.best_nash_welfare),
        "value_of_recommendation": None if gain is None else float(gain),
        "recommendation_suffices_from": threshold_to_json(result.recommendation_suffices),
        "verdict_scale": verdict_scale_json(),
        "transfers": {k: fmt(v) for k, v in result.transfers.items()},
        "transfers_formula": {k: piecewise_text(v) for k, v in result.transfer_terms.items()},
        "guarantees": {k: fmt(v) for k, v in result.guarantees.items()},
        "guarantees_formula": {k: piecewise_text(v) for k, v in result.guarantee_terms.items()},
        "total_transfers": fmt(result.total_transfers),
        "total_with_guarantees": fmt(result.total_with_guarantees),
        "needs_most": result.needs_most,
        "budget": None if result.budget is None else fmt(result.budget),
        "affordable": result.affordable,
    }


def _outcome_key(result: RepeatedAnalysis, outcome: tuple[int, int]) -> str:
    return result.game.outcome_key(outcome_profile(result.target, result.confront, outcome))


def repeated_sections(result: RepeatedAnalysis) -> list[Section]:
    """The tables of ``sovgame repeated``: grim-trigger δ* per player, the noisy pair's long-run
    shares (exact and simulated) and, with imperfect monitoring, the punishment lengths."""
    sections = [_grim_section(result), _noisy_section(result)]
    if result.monitoring is not None:
        sections.append(_monitoring_section(result))
    return sections


def _grim_section(result: RepeatedAnalysis) -> Section:
    """δ* per player at κ, against a credible punishment, and what it says at the discount factor."""
    grim = result.grim
    if grim.credible:
        lines = [f"punishment: reverting to {grim.punishment}, an equilibrium of the stage game at this κ"]
    else:
        lines = [
            f"reverting to ({', '.join(result.game.outcome_names(result.confront))}) is no credible threat at this κ: "
            "it is no equilibrium of the stage game; δ* is against each player's worst stage equilibrium "
            "(Nash reversion)"
        ]
    if result.discount is not None:
        verb = "sustains" if grim.sustained(result.discount) else "does not sustain"
        lines.append(f"at δ = {fmt(result.discount)} the threat {verb} compromise at κ = {fmt(result.kappa)}")
    if result.sustain is not None:
        lines.append(f"{verdict_cell(result.sustain).upper()}: {result.sustain.reason}")
        lines.append(verdict_legend(result.case.plausible[1] if result.case.plausible_declared else None))
    return Section(
        f"Grim trigger at κ = {_kappa_words(result.kappa)}",
        ["player", "δ*"],
        [[name, exact_text(v)] for name, v in grim.delta_star.items()],
        name="grim",
        caption="compromise is sustained when δ ≥ δ* for every player and the punishment is itself a stage "
        "equilibrium; δ* ≥ 1 or never: no discount factor does",
        lines=lines,
        numeric={1},
    )


def _noisy_section(result: RepeatedAnalysis) -> Section:
    chain = result.chain
    rows = [
        [_outcome_key(result, o), fmt_short(share), f"{result.simulation[o]:.4f}"] for o, share in chain.shares.items()
    ]
    lines = [
        f"mean ceasefire spell {fmt_short(chain.ceasefire_spell)} periods, mean conflict spell "
        f"{fmt_short(chain.conflict_spell)} periods"
        if chain.ceasefire_spell is not None
        else "no ceasefire spells in the long run"
    ]
    return Section(
        f"Noisy play: {chain.pair[0]} against {chain.pair[1]}, each action flipped with probability {fmt(chain.noise)}",
        ["outcome", "long-run share (exact)", f"simulated ({result.periods:,} periods, seed {result.seed})"],
        rows,
        name="stationary",
        numeric={1, 2},
        lines=lines,
    )


def _monitoring_section(result: RepeatedAnalysis) -> Section:
    mon = result.monitoring
    assert mon is not None
    mrows = [[name, "none works" if L is None else str(L)] for name, L in mon.punishment.items()]
    mlines = [
        "no punishment length sustains compromise"
        if mon.length is None
        else f"with punishments of {mon.length} period(s) after each bad signal, conflict fills "
        f"{fmt_short(mon.conflict_share)} of the time on the equilibrium path: cycles of violence and "
        "ceasefire without anyone deviating"
    ]
    return Section(
        f"Imperfect monitoring (Green-Porter): false alarm {fmt(mon.false_alarm)}, detection {fmt(mon.detection)}, "
        f"δ = {fmt(mon.discount)}",
        ["player", "shortest punishment (periods)"],
        mrows,
        name="monitoring",
        lines=mlines,
        numeric={1},
    )


def repeated_to_json(result: RepeatedAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame repeated`` (documented in the README)."""
    chain = result.chain
    mon = result.monitoring
    return {
        "game": result.game.title,
        "kappa": json_number(result.kappa),
        "delta_star": {k: exact_text(v) for k, v in result.delta_star.items()},
        "credible": result.grim.credible,
        "punishment": result.grim.punishment,
        "discount": None if result.discount is None else fmt(result.discount),
        "sustained": None if result.discount is None else result.grim.sustained(result.discount),
        "sustainable": None if result.sustain is None else threshold_to_json(result.sustain),
        "verdict_scale": verdict_scale_json(),
        "pair": list(result.pair),
        "noise": fmt(chain.noise),
        "stationary": {_outcome_key(result, o): float(v) for o, v in chain.shares.items()},
        "stationary_exact": {_outcome_key(result, o): fmt(v) for o, v in chain.shares.items()},
        "mean_ceasefire_spell": None if chain.ceasefire_spell is None else fmt(chain.ceasefire_spell),
        "mean_conflict_spell": None if chain.conflict_spell is None else fmt(chain.conflict_spell),
        "simulation": {
            "periods": result.periods,
            "seed": result.seed,
            "shares": {_outcome_key(result, o): v for o, v in result.simulation.items()},
        },
        "monitoring": None
        if mon is None
        else {
            "false_alarm": fmt(mon.false_alarm),
            "detection": fmt(mon.detection),
            "discount": fmt(mon.discount),
            "punishment": mon.punishment,
            "length": mon.length,
            "conflict_share": None if mon.conflict_share is None else fmt(mon.conflict_share),
        },
    }


# --- learning dynamics ----------------------------------------------------------------------------


def _mixed_text(strategies: Sequence[str], probs: Iterable[float]) -> str:
    return ", ".join(f"{name} {p:.3f}" for name, p in zip(strategies, probs) if p > 5e-4)


def dynamics_sections(result: Dynamics) -> list[Section]:
    """The table of ``sovgame dynamics``: where each learning dynamic ends, the equilibrium it
    selects and when it settles."""
    from .equilibria import describe_equilibrium

    game = result.game
    rows = []
    for t in result.trajectories:
        row_end, col_end = t.end
        selected = (
            describe_equilibrium(game, result.solution.equilibria[t.selected])
            if t.selected is not None
            else f"none (nearest equilibrium {t.distance:.3g} away)"
        )
        settle = (
            "—" if t.settle is None else (f"t = {t.settle:g}" if t.method == "replicator" else f"{t.settle:g} rounds")
        )
        rows.append(
            [
                t.method,
                f"{_mixed_text(game.players[0].strategies, row_end)}; "
                f"{_mixed_text(game.players[1].strategies, col_end)}",
                selected,
                settle,
            ]
        )
    start = f"{_mixed_text(game.players[0].strategies, result.start[0])}; {_mixed_text(game.players[1].strategies, result.start[1])}"
    return [
        Section(
            f"Learning dynamics from ({start}) at κ = {fmt(result.kappa)}",
            ["dynamics", "where play ends", "equilibrium selected", "settles after"],
            rows,
            caption="selected: play ends within 0.02 of that equilibrium (each probability); settles: from then "
            "on play stays within 0.02 of where it ends",
            name="dynamics",
        )
    ]


def _selected_label(result: Dynamics, trajectory: Trajectory) -> str | None:
    """The outcome key of the selected pure equilibrium, "mixed", or None."""
    if trajectory.selected is None:
        return None
    profile = result.solution.equilibria[trajectory.selected].pure_profile()
    return "mixed" if profile is None else result.game.outcome_key(profile)


def dynamics_to_json(result: Dynamics) -> dict[str, Any]:
    """The JSON of ``sovgame dynamics``: the start and each trajectory's end, selection and settling time."""
    game = result.game
    out: dict[str, Any] = {
        "game": game.title,
        "kappa": json_number(result.kappa),
        "start": {p.name: dict(zip(p.strategies, map(float, s))) for p, s in zip(game.players, result.start)},
        "trajectories": [],
    }
    for t in result.trajectories:
        row_end, col_end = t.end
        out["trajectories"].append(
            {
                "method": t.method,
                "end": {
                    game.players[0].name: dict(zip(game.players[0].strategies, map(float, row_end))),
                    game.players[1].name: dict(zip(game.players[1].strategies, map(float, col_end))),
                },
                "selected": _selected_label(result, t),
                "selected_index": t.selected,
                "distance": t.distance,
                "settle": t.settle,
            }
        )
    return out
