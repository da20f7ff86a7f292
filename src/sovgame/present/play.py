"""Mediation, repeated play and learning dynamics: their tables (their JSON is each result's
``to_dict()``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from ..core.intervals import exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt, fmt_short
from ..costs.verdicts import verdict_legend
from ..play.mediation import CorrelatedEquilibrium, Mediation, piecewise_text
from ..play.repeated import RepeatedAnalysis
from ..solvers.verify import Number
from .sections import Section
from .thresholds import verdict_cell

if TYPE_CHECKING:
    from ..play.dynamics import Dynamics


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
        [result.outcome_key(o), fmt_short(share), f"{result.simulation[o]:.4f}"] for o, share in chain.shares.items()
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


# --- learning dynamics ----------------------------------------------------------------------------


def _mixed_text(strategies: Sequence[str], probs: Iterable[float]) -> str:
    return ", ".join(f"{name} {p:.3f}" for name, p in zip(strategies, probs) if p > 5e-4)


def dynamics_sections(result: Dynamics) -> list[Section]:
    """The table of ``sovgame dynamics``: where each learning dynamic ends, the equilibrium it
    selects and when it settles."""
    from ..solvers.equilibria import describe_equilibrium

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
