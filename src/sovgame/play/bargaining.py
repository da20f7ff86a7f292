"""The bargaining diagnosis (Fearon 1995, "Rationalist Explanations for War"; Powell 2006,
"War as a Commitment Problem"): is there a deal both sides prefer to fighting, and if so, why
is it not struck?

**From the normal form** (any two-player file with compromise strategies): the deal is the
compromise profile, the status quo the profile of the other strategies (2x2; else named).
At κ each side's gain from the deal is g_i = u_i(deal) − u_i(status quo), linear in κ, and its
temptation to renege the most it gains by leaving the deal alone,
t_i = max over its other strategies s of u_i(s, deal₋ᵢ) − u_i(deal). A bargaining range exists
without transfers when every g_i ≥ 0 and Σ g_i > 0, and only with transfers when Σ g_i > 0 but
some g_i < 0; when a range exists and some t_i > 0 the deal is not self-enforcing: the failure
is one of enforcement (commitment), not of the absence of a deal. Case at κ = 1: gains 7/4 and
5/2 (17/4 in total) against Pakistan's temptation 1/4.

**With a ``[bargaining]`` section** (no normal form needed): a prize of size 1, side A
prevails with probability p, fighting costs c_A and c_B per period (shares of the prize).
Any division x (A's share) in [p − c_A, p + c_B] ∩ [0, 1] beats fighting for both (Fearon
1995); with ``divisions`` only those shares are feasible, and a range holding none of them is
an indivisible issue (no middle ground).

Powell's commitment problem, for the model implemented here (Powell 2006, section "Large,
rapid shifts in power"; Fearon 1995 on preventive war): from the next period on the
declining side D's probability of prevailing moves from q to q' < q for good, and the sides
discount by δ. Fighting now is worth (q − c_D)/(1 − δ) to D (a per-period lottery and cost
for ever). The rising side cannot commit to more than it will have to give later: from the
next period on D gets only its then value of fighting, max(0, q' − c_D) per period, and today
at most the whole prize, 1. So peace is worth at most 1 + δ·max(0, q' − c_D)/(1 − δ) to D,
and D fights iff

    (q − c_D)/(1 − δ) > 1 + δ·max(0, q' − c_D)/(1 − δ);

with q' ≥ c_D this is (q − c_D) − δ(q' − c_D) > 1 − δ, i.e. q − q' > (1 − δ)(1 + c_D − q'):
the shift must exceed what the costs and the shadow of the future cover (a tie keeps peace).
Check: q = 1/2, q' = 1/4, c_D = 1/10, δ = 9/10: 1/4 > (1/10)(17/20) = 17/200, war.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import scan
from ..core.numbers import fmt
from ..core.parts import Profile
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.thresholds import Threshold, summarize
from ..costs.verdicts import verdict_for, verdict_phrase, verdict_scale_json
from ..errors import ParameterError, SovgameError
from ..sections.bargaining import BargainingSection
from ..sections.ranged import Ranged
from .ranges import Followed, follow, followed_to_json

Line = tuple[Fraction, Fraction]  # a + b·κ as (a, b)


@dataclass(frozen=True)
class DealGains:
    """The normal-form diagnosis at κ (module docstring): each side's gain from the deal over
    the status quo, its temptation to renege (and the strategy it would take), the kind of
    range, whether the failure is one of enforcement, and the κ at which a range exists
    (``opens``), each side gains (``each_gains``) and the deal enforces itself."""

    kappa: Fraction
    deal: Profile
    status_quo: Profile
    gains: tuple[Fraction, ...]
    temptations: tuple[Fraction, ...]
    reneging: tuple[str, ...]
    kind: str  # "without_transfers", "with_transfers" or "none"
    enforcement: bool
    opens: Threshold
    each_gains: Threshold
    self_enforcing: Threshold

    @property
    def total(self) -> Fraction:
        """The deal's gain over the status quo, both sides together."""
        return sum(self.gains, Fraction(0))


@dataclass(frozen=True)
class Commitment:
    """Powell's condition for the declining side (module docstring)."""

    declining: int
    power_now: Fraction
    power_next: Fraction
    cost: Fraction
    discount: Fraction
    war_value: Fraction
    most_promised: Fraction
    problem: bool


@dataclass(frozen=True)
class RangeDiagnosis:
    """The ``[bargaining]`` diagnosis: Fearon's range [lo, hi] of A's share (None: empty),
    the feasible divisions in it (None: any share is feasible), and Powell's condition
    (None: no shift in power stated)."""

    section: BargainingSection
    lo: Fraction
    hi: Fraction
    empty: bool
    feasible: tuple[Fraction, ...] | None
    commitment: Commitment | None
    followed: tuple[Followed, ...]

    @property
    def no_middle_ground(self) -> bool:
        """No division both sides prefer to fighting: an empty range, or none of the feasible
        divisions in it (an indivisible issue)."""
        return self.empty or (self.feasible is not None and not self.feasible)


@dataclass(frozen=True, repr=False)
class BargainingAnalysis(Result):
    """What ``sovgame bargaining`` shows: the normal-form diagnosis (None when the file's game
    has no two players with compromise strategies: ``skipped`` says why) and the section's
    (None when the file has no ``[bargaining]``)."""

    case: Case
    kappa: Fraction
    plausible: tuple[Fraction, Fraction]
    deal: DealGains | None
    section: RangeDiagnosis | None
    skipped: str = ""

    def json_data(self) -> dict[str, Any]:
        return bargaining_to_json(self)


def _line(case: Case, profile: Profile, player: int) -> Line:
    game = case.game
    return Fraction(game.payoffs[profile + (player,)]), -Fraction(game.cost_load()[profile + (player,)])


def _at(line: Line, kappa: Fraction) -> Fraction:
    return line[0] + line[1] * kappa


def _minus(a: Line, b: Line) -> Line:
    return a[0] - b[0], a[1] - b[1]


def _threshold(name: str, lines: Sequence[Line], holds: Callable[[Fraction], bool], plausible) -> Threshold:
    """The exact set of κ ≥ 0 where ``holds``, which changes only where one of ``lines`` is 0."""
    points = [-a / b for a, b in lines if b != 0 and -a / b >= 0]
    intervals = scan(points, holds)
    verdict = verdict_for(intervals, plausible)
    return Threshold(
        name,
        tuple(intervals),
        verdict,
        verdict_phrase(verdict, intervals, plausible),
        **summarize(intervals, plausible),
    )


def deal_gains(case: Case, kappa: Fraction, status_quo: str | None = None) -> DealGains:
    """The normal-form diagnosis at κ (module docstring)."""
    game = case.game
    deal = game.compromise_profile
    if game.n_players != 2 or deal is None:
        raise SovgameError(f"{case.origin}: the deal's gains need two players, each naming a compromise strategy")
    if status_quo is not None:
        try:
            sq = game.parse_outcome(status_quo)
        except ValueError as exc:
            raise ParameterError("status_quo", str(exc)) from None
    elif game.shape == (2, 2):
        sq = tuple(1 - s for s in deal)
    else:
        raise ParameterError("status_quo", "name the status quo outcome: the game is not 2x2")
    gains = [_minus(_line(case, deal, i), _line(case, sq, i)) for i in range(2)]
    deviations = []  # per player: (strategy name, gain line) for each strategy other than the deal's
    for i in range(2):
        own = []
        for s in range(game.shape[i]):
            if s != deal[i]:
                dev = tuple(s if j == i else deal[j] for j in range(2))
                own.append((game.players[i].strategies[s], _minus(_line(case, dev, i), _line(case, deal, i))))
        deviations.append(own)
    total: Line = (gains[0][0] + gains[1][0], gains[0][1] + gains[1][1])
    tempt_lines = [line for own in deviations for _, line in own]
    at = [_at(g, kappa) for g in gains]
    temptations, reneging = [], []
    for own in deviations:
        name, line = max(own, key=lambda item: _at(item[1], kappa))
        temptations.append(_at(line, kappa))
        reneging.append(name)
    has_range = sum(at, Fraction(0)) > 0
    kind = "none" if not has_range else ("without_transfers" if min(at) >= 0 else "with_transfers")
    plausible = case.plausible
    every = [*gains, total]
    return DealGains(
        kappa,
        deal,
        sq,
        tuple(at),
        tuple(temptations),
        tuple(reneging),
        kind,
        has_range and max(temptations) > 0,
        _threshold("range", [total], lambda k: _at(total, k) > 0, plausible),
        _threshold("each_gains", every, lambda k: _at(total, k) > 0 and all(_at(g, k) >= 0 for g in gains), plausible),
        _threshold("self_enforcing", tempt_lines, lambda k: all(_at(t, k) <= 0 for t in tempt_lines), plausible),
    )


def fearon_range(p: Fraction, cost_a: Fraction, cost_b: Fraction) -> tuple[Fraction, Fraction]:
    """[p − c_A, p + c_B] within [0, 1]: the shares of A that both prefer to fighting."""
    return max(Fraction(0), p - cost_a), min(Fraction(1), p + cost_b)


def powell(
    p: Fraction, shift: Fraction, cost_a: Fraction, cost_b: Fraction, discount: Fraction, side: int
) -> Commitment | None:
    """Powell's condition for the side whose power declines (None: no shift); ``side`` is A's
    player index, p and the shift A's (module docstring)."""
    if shift == 0:
        return None
    if shift < 0:  # A declines
        q, q_next, cost, declining = p, p + shift, cost_a, side
    else:
        q, q_next, cost, declining = 1 - p, 1 - p - shift, cost_b, 1 - side
    war = (q - cost) / (1 - discount)
    promised = 1 + discount * max(Fraction(0), q_next - cost) / (1 - discount)
    return Commitment(declining, q, q_next, cost, discount, war, promised, war > promised)


def diagnose_section(section: BargainingSection) -> RangeDiagnosis:
    """Fearon's range, its feasible divisions and Powell's condition, from the section alone."""
    values = _values(section)
    lo, hi = fearon_range(values["prevail"], values["cost_a"], values["cost_b"])
    empty = lo > hi
    feasible = None
    if section.divisions is not None:
        feasible = tuple(d for d in section.divisions if lo <= d <= hi)
    return RangeDiagnosis(
        section, lo, hi, empty, feasible, _powell_of(section, values), tuple(_followed_section(section))
    )


def _numbers(section: BargainingSection) -> dict[str, Ranged]:
    """The section's numbers by the names the analysis uses."""
    names = {"prevail": section.prevail, "cost_a": section.costs[section.player]}
    names["cost_b"] = section.costs[1 - section.player]
    if section.shift is not None and section.discount is not None:
        names["shift"], names["discount"] = section.shift, section.discount
    return names


def _values(section: BargainingSection, **changed: Fraction) -> dict[str, Fraction]:
    return {k: changed.get(k, v.value) for k, v in _numbers(section).items()}


def _powell_of(section: BargainingSection, values: dict[str, Fraction]) -> Commitment | None:
    if "shift" not in values:
        return None
    return powell(
        values["prevail"], values["shift"], values["cost_a"], values["cost_b"], values["discount"], section.player
    )


Values = dict[str, Fraction]
ValueMargin = Callable[[Values], Fraction]


def _followed_section(section: BargainingSection) -> list[Followed]:
    """Each ranged number over its range: "no middle ground" and "a commitment problem". The
    conclusions change only where p − c_A or p + c_B meets 0, 1 or a division, where the
    shift is 0, or where one of Powell's margins for either side is 0 — each affine in any one
    number (:mod:`sovgame.play.ranges`)."""
    out = []
    range_ends: list[ValueMargin] = [lambda v: v["prevail"] - v["cost_a"], lambda v: v["prevail"] + v["cost_b"] - 1]
    for d in section.divisions or ():
        range_ends += [_low_end_at(d), _high_end_at(d)]

    def no_middle(v: Values) -> bool:
        lo, hi = fearon_range(v["prevail"], v["cost_a"], v["cost_b"])
        return lo > hi or (section.divisions is not None and not any(lo <= d <= hi for d in section.divisions))

    def problem(v: Values) -> bool:
        found = _powell_of(section, v)
        return found is not None and found.problem

    for name, ranged in _numbers(section).items():
        if ranged.range is None:
            continue
        label = _label(name)
        along = _Along(section, name)
        out.append(
            follow(f"{label}: no middle ground", ranged, along.test(no_middle), [along.margin(m) for m in range_ends])
        )
        if "shift" in _numbers(section):
            margins = [along.margin(m) for m in _powell_margins()]
            out.append(follow(f"{label}: commitment problem", ranged, along.test(problem), margins))
    return out


class _Along:
    """The section's numbers with one of them (``name``) set to x."""

    def __init__(self, section: BargainingSection, name: str):
        self.section, self.name = section, name

    def values(self, x: Fraction) -> Values:
        return _values(self.section, **{self.name: x})

    def test(self, f: Callable[[Values], bool]) -> Callable[[Fraction], bool]:
        return lambda x: f(self.values(x))

    def margin(self, f: ValueMargin) -> Callable[[Fraction], Fraction]:
        return lambda x: f(self.values(x))


def _low_end_at(d: Fraction) -> ValueMargin:
    return lambda v: v["prevail"] - v["cost_a"] - d


def _high_end_at(d: Fraction) -> ValueMargin:
    return lambda v: v["prevail"] + v["cost_b"] - d


def _sides(v: Values) -> list[tuple[Fraction, Fraction, Fraction, Fraction]]:
    """(q, q', c, δ) with A declining, then with B declining."""
    p, s, d = v["prevail"], v["shift"], v["discount"]
    return [(p, p + s, v["cost_a"], d), (1 - p, 1 - p - s, v["cost_b"], d)]


def _powell_margins() -> list[ValueMargin]:
    """Where Powell's condition can change, for either side declining: the shift is 0, q' = c,
    and the two forms of the condition (q' ≥ c and q' < c) meet equality."""
    margins: list[ValueMargin] = [lambda v: v["shift"]]
    for k in range(2):
        margins += [_later_value(k), _form_of(k, True), _form_of(k, False)]
    return margins


def _later_value(k: int) -> ValueMargin:
    return lambda v: _sides(v)[k][1] - _sides(v)[k][2]


def _form_of(k: int, later_fight: bool) -> ValueMargin:
    return lambda v: _form(_sides(v)[k], later_fight)


def _form(side: tuple[Fraction, Fraction, Fraction, Fraction], later_fight: bool) -> Fraction:
    """(q − c) − δ(q' − c) − (1 − δ) when D would fight later (q' ≥ c), else (q − c) − (1 − δ)."""
    q, q_next, c, d = side
    return (q - c) - (d * (q_next - c) if later_fight else 0) - (1 - d)


def _label(name: str) -> str:
    return {"cost_a": "costs (side A)", "cost_b": "costs (side B)"}.get(name, name)


def analyze_bargaining(
    x: Case, kappa: Fraction | int = 1, status_quo: str | None = None, plausible: Sequence | None = None
) -> BargainingAnalysis:
    """The bargaining diagnosis of a case (module docstring): from its normal form where it
    has two players with compromise strategies, and from its ``[bargaining]`` section where it
    states one; at least one of the two is needed."""
    case = as_case(x, plausible)
    kappa = Fraction(kappa)
    section = case.section(BargainingSection)
    game = case.game
    deal, skipped = None, ""
    if game.n_players == 2 and game.compromise_profile is not None:
        deal = deal_gains(case, kappa, status_quo)
    else:
        skipped = (
            "the game has no two players that each name a compromise strategy, so the deal's gains are not computed"
        )
        if section is None:
            raise SovgameError(f"{case.origin}: bargaining: {skipped}, and the file has no [bargaining] table")
    return BargainingAnalysis(
        case, kappa, case.plausible, deal, None if section is None else diagnose_section(section), skipped
    )


# --- the stable JSON (docs/reference.md) ---------------------------------------------------


def _deal_json(result: BargainingAnalysis, d: DealGains) -> dict[str, Any]:
    game = result.case.game
    return {
        "kappa": fmt(d.kappa),
        "deal": game.outcome_key(d.deal),
        "status_quo": game.outcome_key(d.status_quo),
        "gains": {p.name: fmt(g) for p, g in zip(game.players, d.gains)},
        "total_gain": fmt(d.total),
        "temptations": {p.name: fmt(t) for p, t in zip(game.players, d.temptations)},
        "reneging_by": {p.name: name for p, name in zip(game.players, d.reneging)},
        "range": d.kind,
        "enforcement_failure": d.enforcement,
        "range_exists": threshold_to_json(d.opens),
        "each_side_gains": threshold_to_json(d.each_gains),
        "self_enforcing": threshold_to_json(d.self_enforcing),
    }


def _section_json(result: BargainingAnalysis, r: RangeDiagnosis) -> dict[str, Any]:
    game = result.case.game
    c = r.commitment
    return {
        "player": game.players[r.section.player].name,
        "prevail": fmt(r.section.prevail.value),
        "costs": {p.name: fmt(x.value) for p, x in zip(game.players, r.section.costs)},
        "range": None if r.empty else [fmt(r.lo), fmt(r.hi)],
        "feasible_divisions": None if r.feasible is None else [fmt(x) for x in r.feasible],
        "no_middle_ground": r.no_middle_ground,
        "commitment": None
        if c is None
        else {
            "declining": game.players[c.declining].name,
            "power_now": fmt(c.power_now),
            "power_next": fmt(c.power_next),
            "cost": fmt(c.cost),
            "discount": fmt(c.discount),
            "war_value": fmt(c.war_value),
            "most_promised": fmt(c.most_promised),
            "problem": c.problem,
        },
        "ranges": [followed_to_json(f) for f in r.followed],
    }


def bargaining_to_json(result: BargainingAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame bargaining`` (docs/reference.md)."""
    return {
        "game": result.case.game.title,
        "kappa": fmt(result.kappa),
        "plausible_kappa": [fmt(v) for v in result.plausible],
        "verdict_scale": verdict_scale_json(),
        "deal": None if result.deal is None else _deal_json(result, result.deal),
        "deal_skipped": result.skipped or None,
        "bargaining": None if result.section is None else _section_json(result, result.section),
    }
