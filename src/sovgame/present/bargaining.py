"""Bargaining: the tables of ``sovgame bargaining`` and its stable JSON (docs/reference.md)."""

from __future__ import annotations

from ..core.numbers import fmt
from ..costs.verdicts import verdict_legend
from ..play.bargaining import BargainingAnalysis, Commitment, DealGains, RangeDiagnosis
from .ranges import followed_section
from .sections import Section
from .thresholds import threshold_cell, verdict_cell

KINDS = {
    "without_transfers": "yes: each side gains from the deal",
    "with_transfers": "only with transfers: the deal gains in total, but not each side",
    "none": "no: the deal gains nothing in total over the status quo",
}


def bargaining_sections(result: BargainingAnalysis) -> list[Section]:
    """The tables of ``sovgame bargaining``: the deal against the status quo (normal form)
    and Fearon's range with Powell's condition (``[bargaining]``)."""
    out = []
    if result.deal is not None:
        out.append(_deal_section(result, result.deal))
    if result.section is not None:
        out.append(_range_section(result, result.section))
        if result.section.followed:
            out.append(
                followed_section(
                    result.section.followed,
                    "Each declared range of [bargaining] followed, one number at a time",
                    "conclusions: no middle ground (no feasible division both prefer to fighting); a commitment "
                    "problem (Powell's condition)",
                    "bargaining_ranges",
                )
            )
    return out


def _deal_section(result: BargainingAnalysis, d: DealGains) -> Section:
    game = result.case.game
    rows = [
        [p.name, fmt(g), fmt(t), name if t > 0 else "—"]
        for p, g, t, name in zip(game.players, d.gains, d.temptations, d.reneging)
    ]
    rows.append(["total", fmt(d.total), "", ""])
    lines = [f"a bargaining range: {KINDS[d.kind]}"]
    if d.enforcement:
        lines.append(
            "the deal is not self-enforcing: a range exists, so the failure is one of enforcement (commitment), "
            "not the absence of a deal"
        )
    for label, t in (
        ("a range exists (total gain > 0)", d.opens),
        ("each side gains", d.each_gains),
        ("the deal enforces itself (no temptation)", d.self_enforcing),
    ):
        lines.append(f"{label} {threshold_cell(t)} ({verdict_cell(t)}): {t.reason}")
    return Section(
        f"The deal ({game.outcome_key(d.deal)}) against the status quo ({game.outcome_key(d.status_quo)}) at "
        f"κ = {fmt(d.kappa)}",
        ["player", "gain from the deal", "temptation to renege", "reneging by"],
        rows,
        caption="from the normal form (Fearon 1995): gain = u(deal) − u(status quo); temptation = the most a side "
        "gains by leaving the deal alone. " + verdict_legend(result.plausible[1]),
        lines=lines,
        name="deal",
        numeric={1, 2},
    )


def _range_section(result: BargainingAnalysis, r: RangeDiagnosis) -> Section:
    game = result.case.game
    s = r.section
    side, other = game.players[s.player].name, game.players[1 - s.player].name
    p, ca, cb = s.prevail.value, s.costs[s.player].value, s.costs[1 - s.player].value
    rows = [
        [f"{side} prevails with probability p", fmt(p)],
        [f"costs of fighting: {side}, {other}", f"{fmt(ca)}, {fmt(cb)}"],
        [
            f"bargaining range of {side}'s share [p − c_A, p + c_B] (Fearon 1995)",
            "empty" if r.empty else f"[{fmt(r.lo)}, {fmt(r.hi)}]",
        ],
    ]
    if r.feasible is not None:
        rows.append(["feasible divisions in the range", ", ".join(fmt(x) for x in r.feasible) or "none: indivisible"])
    lines = []
    if r.no_middle_ground:
        lines.append("no middle ground: no feasible division is better than fighting for both")
    if r.commitment is not None:
        rows += _commitment_rows(game.players[r.commitment.declining].name, r.commitment)
        lines.append(_commitment_sentence(game.players[r.commitment.declining].name, r.commitment))
    elif s.shift is None:
        lines.append("no shift in power is stated: Powell's commitment problem is not assessed")
    return Section(
        "The bargaining range and the commitment problem ([bargaining], no normal form needed)",
        ["quantity", "value"],
        rows,
        caption=s.source or "",
        lines=lines,
        name="bargaining",
    )


def _commitment_rows(name: str, c: Commitment) -> list[list[str]]:
    return [
        [
            f"{name}'s probability of prevailing now, and from the next period",
            f"{fmt(c.power_now)}, {fmt(c.power_next)}",
        ],
        [f"{name}'s value of fighting now, (q − c)/(1 − δ)", fmt(c.war_value)],
        [f"the most {name} can be credibly promised, 1 + δ·max(0, q' − c)/(1 − δ)", fmt(c.most_promised)],
    ]


def _commitment_sentence(name: str, c: Commitment) -> str:
    if c.problem:
        return (
            f"a commitment problem (Powell 2006): {name}'s power declines from {fmt(c.power_now)} to "
            f"{fmt(c.power_next)}, and fighting now ({fmt(c.war_value)}) beats the most it can be promised "
            f"({fmt(c.most_promised)}): no deal holds although a range exists"
        )
    return (
        f"no commitment problem (Powell 2006): the shift of {name}'s power from {fmt(c.power_now)} to "
        f"{fmt(c.power_next)} is covered: fighting now ({fmt(c.war_value)}) does not beat what it can be promised "
        f"({fmt(c.most_promised)})"
    )
