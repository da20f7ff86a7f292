"""Costly reassurance: the tables of ``sovgame signals`` and its stable JSON (docs/reference.md)."""

from __future__ import annotations

from ..core.intervals import exact_text
from ..core.numbers import fmt
from ..costs.verdicts import verdict_legend
from ..play.signals import SignalRange, SignalsAnalysis
from .sections import Section
from .thresholds import threshold_cell, verdict_cell


def _span(r: SignalRange) -> str:
    if r.range is None:
        return "none"
    lo, hi = r.range
    formula = f" = [{r.lo_text}, {r.hi_text}]" if r.lo_text else ""
    return f"[{fmt(lo)}, {fmt(hi)}]{formula}"


def signals_sections(result: SignalsAnalysis) -> list[Section]:
    """The one table of ``sovgame signals``: the separating costs at κ and at the top, the κ at
    which a separating signal exists, and whether one is needed at the file's prior."""
    game = result.case.game
    sender = game.players[result.sender].name
    rows = [
        [fmt(r.kappa), r.trusted, r.distrusted, fmt(r.gain_trustworthy), fmt(r.gain_untrustworthy), _span(r)]
        for r in result.ranges
    ]
    lines = [f"at κ = {fmt(r.kappa)}: {r.reason}" for r in result.ranges if r.reason]
    t = result.exists
    lines.append(f"a separating signal exists {threshold_cell(t)} ({verdict_cell(t)}): {t.reason}")
    lines.append(_needed_sentence(result))
    receiver = game.players[1 - result.sender].name
    return [
        Section(
            f"Costly reassurance: the signal costs c at which only {sender}'s {result.trustworthy} type signals",
            [
                "κ",
                f"{receiver} if it trusts",
                f"{receiver} if it does not",
                f"value of trust to {result.trustworthy}",
                f"value of trust to {result.untrustworthy}",
                "separating costs c",
            ],
            rows,
            caption="Kydd (2000, 2005): the trustworthy type sends iff c ≤ its value of trust, the other does not "
            "iff c ≥ its own (ties: both ends closed). " + verdict_legend(result.plausible[1]),
            lines=lines,
            name="signals",
            numeric={3, 4},
        )
    ]


def _needed_sentence(result: SignalsAnalysis) -> str:
    prior, kappa = fmt(result.prior), fmt(result.kappa)
    if result.priors is None:
        return f"at κ = {kappa} compromise holds at no prior of the {result.untrustworthy} type without a signal"
    if not result.needed:
        where = (
            f"above {exact_text(result.priors.hi)}"
            if result.priors.lo == 0 and result.priors.hi is not None
            else f"outside {result.priors}"
        )
        return (
            f"at κ = {kappa} no signal is needed at the file's prior {prior} of the {result.untrustworthy} type: "
            f"compromise already holds for priors in {result.priors}; a signal matters for priors {where}"
        )
    return (
        f"at κ = {kappa} a signal is needed: the file's prior {prior} of the {result.untrustworthy} type lies "
        f"outside the priors {result.priors} at which compromise holds without one"
    )
