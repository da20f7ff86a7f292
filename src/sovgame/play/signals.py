"""Costly reassurance (Kydd 2000, "Trust, Reassurance, and Cooperation"; Kydd 2005, ch. 7).

A 2x2 game in which one player (the sender, Kabul) has two types: a trustworthy one that some
belief moves to compromise and an untrustworthy one for which confronting strictly dominates
(:mod:`sovgame.play.trust`); the other (the receiver, Pakistan) has one type. Before play the
sender may pay a signal of cost c. In a separating equilibrium the trustworthy type sends and
the untrustworthy does not, so the receiver knows whom it faces: it plays its best reply to
compromise after the signal (r_T: compromise iff R − T ≥ 0) and to confrontation without it
(r_U: compromise iff S − P ≥ 0). Each type's value of being trusted is

    g = max_a u(r_T, a) − max_a u(r_U, a),

its best payoff against the receiver's move when trusted minus when not. The trustworthy
type sends iff c ≤ g_T, the untrustworthy does not iff c ≥ g_U (a tie keeps each type with
the choice named: both ends closed), and the signal reassures only if it changes the
receiver's move to compromise (r_T = compromise, r_U = confrontation) and the trustworthy type
then compromises (R ≥ T for it). So the separating costs are [max(g_U, 0), g_T] when these
hold and that interval is non-empty (docs/models.md, "Costly reassurance").

Case (pakistan_afghanistan_types): at κ Kabul's security seeker gains 3 − (2 − 3κ/2) =
1 + 3κ/2 and the TTP ally (4 − 3κ/2) − (2 − 3κ/2) = 2 while κ < 8/3, so c ∈ [2, 1 + 3κ/2]:
[2, 4] at κ = 2. Below κ = 4/3 Pakistan's Strike is dominant (r_T is confrontation), so no
signal changes its move: at κ = 1 the range is empty.

Every payoff is linear in κ, so the costs are piecewise linear: the set of κ at which a
separating range exists is found exactly from the breakpoints of the best replies and the
roots of g_T − g_U and g_T on each piece.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import Interval, between, scan, sort_points
from ..core.numbers import fmt
from ..core.ratios import linear_text
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.thresholds import Threshold, summarize
from ..costs.verdicts import verdict_for, verdict_phrase, verdict_scale_json
from ..errors import SovgameError
from .bayesian import BayesianGame, BayesType
from .trust import BeliefSet, _check, belief_set, prior_range, type_rstp


@dataclass(frozen=True)
class SignalRange:
    """At κ: the receiver's move when it trusts (``trusted``) and when it does not
    (``distrusted``), each type's value of being trusted, and the separating costs [lo, hi]
    (None: no signal separates and reassures; ``reason`` says why). ``lo_text`` and
    ``hi_text`` are the ends as functions of κ on the piece around κ."""

    kappa: Fraction
    trusted: str
    distrusted: str
    gain_trustworthy: Fraction
    gain_untrustworthy: Fraction
    range: tuple[Fraction, Fraction] | None
    reason: str
    lo_text: str = ""
    hi_text: str = ""


@dataclass(frozen=True, repr=False)
class SignalsAnalysis(Result):
    """What ``sovgame signals`` shows: the sender's types, the separating costs at κ and at
    the top of the plausible range, the κ at which a separating signal exists, and whether one
    is needed at the file's prior (``needed``; ``priors``: the priors of the untrustworthy type
    at which compromise holds without a signal)."""

    case: Case
    kappa: Fraction
    plausible: tuple[Fraction, Fraction]
    sender: int
    trustworthy: str
    untrustworthy: str
    prior: Fraction  # of the untrustworthy type
    ranges: tuple[SignalRange, ...]
    exists: Threshold
    priors: Interval | None
    needed: bool

    def at(self, kappa: Fraction) -> SignalRange:
        """The separating costs at κ."""
        return next(r for r in self.ranges if r.kappa == kappa)

    def json_data(self) -> dict[str, Any]:
        return signals_to_json(self)


def _roles(case: Case, bg: BayesianGame) -> tuple[int, BayesType, BayesType]:
    """The sender (the one player with two types) and its untrustworthy and trustworthy types
    (the untrustworthy one: confronting strictly dominates for it within the plausible range)."""
    senders = [p for p in range(2) if len(bg.types[p]) == 2]
    if len(senders) != 1 or any(len(bg.types[p]) > 2 for p in range(2)) or len(bg.types[1 - senders[0]]) != 1:
        raise SovgameError(f"{case.origin}: signals need one player with two [[types]] (the sender) and one with none")
    sender = senders[0]
    top = case.plausible[1]
    kinds = [belief_set(type_rstp(bg, t), top)[0] for t in bg.types[sender]]
    if kinds.count(BeliefSet.NONE) != 1:
        raise SovgameError(
            f"{case.origin}: signals need one type of {case.game.players[sender].name} for which confronting "
            f"strictly dominates at the top of the plausible range (κ = {top}) and one for which it does not"
        )
    bad = kinds.index(BeliefSet.NONE)
    return sender, bg.types[sender][bad], bg.types[sender][1 - bad]


def _cell(sender: int, own: int, other: int) -> tuple[int, int]:
    return (own, other) if sender == 0 else (other, own)


def _signal_at(bg: BayesianGame, sender: int, bad: BayesType, good: BayesType, kappa: Fraction) -> SignalRange:
    """The separating costs at κ (module docstring)."""
    game = bg.game
    receiver = 1 - sender
    (rr, rs, rt, rp) = (a + b * kappa for a, b in type_rstp(bg, bg.types[receiver][0]))
    c_r = game.players[receiver].compromise_index
    c_s = game.players[sender].compromise_index
    assert c_r is not None and c_s is not None
    trusted = c_r if rr - rt >= 0 else 1 - c_r
    distrusted = c_r if rs - rp >= 0 else 1 - c_r

    tables = {t.name: bg.payoffs(t, kappa) for t in (good, bad)}

    def best(t: BayesType, move: int) -> Fraction:
        """The type's best payoff against the receiver's ``move``."""
        u = tables[t.name]
        return max(Fraction(u[_cell(sender, a, move)]) for a in range(2))

    g_good, g_bad = best(good, trusted) - best(good, distrusted), best(bad, trusted) - best(bad, distrusted)
    names = game.players[receiver].strategies
    u_good = tables[good.name]
    reason = ""
    if trusted != c_r:
        reason = f"{game.players[receiver].name}'s {names[trusted]} is its best reply even to compromise: no signal changes its move"
    elif distrusted == c_r:
        reason = f"{game.players[receiver].name} compromises even against confrontation: no signal is needed"
    elif u_good[_cell(sender, c_s, c_r)] < u_good[_cell(sender, 1 - c_s, c_r)]:
        reason = f"the {good.name} type would not compromise even when trusted"
    elif max(g_bad, Fraction(0)) > g_good:
        reason = (
            f"the {bad.name} type values being trusted ({g_bad}) more than the {good.name} type does ({g_good}): "
            "any signal the one sends, the other would send too"
        )
    span = None if reason else (max(g_bad, Fraction(0)), g_good)
    return SignalRange(kappa, names[trusted], names[distrusted], g_good, g_bad, span, reason)


def _breakpoints(bg: BayesianGame, sender: int, types: Sequence[BayesType]) -> list[Fraction]:
    """Where a best reply can switch: every crossing of two payoff lines of one type."""
    points = []
    for t in types:
        lines = [(Fraction(a), -Fraction(b)) for a, b in zip(t.U.flat, bg.game.cost_load()[..., t.player].flat)]
        for i, (a0, a1) in enumerate(lines):
            for b0, b1 in lines[i + 1 :]:
                if a1 != b1 and (b0 - a0) / (a1 - b1) >= 0:
                    points.append((b0 - a0) / (a1 - b1))
    return points


def _roots_on_pieces(points: list[Fraction], f: Callable[[Fraction], Fraction]) -> list[Fraction]:
    """Roots of ``f``, linear on each gap between consecutive ``points`` (found from two
    evaluations inside the gap and kept when they fall inside it)."""
    pts = [p for p in sort_points(points) if isinstance(p, Fraction)]
    roots = []
    for index, lo in enumerate(pts):
        hi = pts[index + 1] if index + 1 < len(pts) else None
        x0 = between(lo, hi)
        x1 = (x0 + lo) / 2
        f0, f1 = f(x0), f(x1)
        if f0 != f1:
            root = x0 - f0 * (x0 - x1) / (f0 - f1)
            if root > lo and (hi is None or root < hi):
                roots.append(root)
    return roots


def analyze_signals(x: Case, kappa: Fraction | int = 1, plausible: Sequence | None = None) -> SignalsAnalysis:
    """Costly reassurance in a 2x2 case with a sender of two types (module docstring)."""
    case = as_case(x, plausible)
    bg = _check(case)
    sender, bad, good = _roles(case, bg)
    kappa = Fraction(kappa)
    points = _breakpoints(bg, sender, [bad, good, bg.types[1 - sender][0]])

    @functools.cache
    def at(k: Fraction) -> SignalRange:
        return _signal_at(bg, sender, bad, good, k)

    points += _roots_on_pieces(points, lambda k: at(k).gain_trustworthy - at(k).gain_untrustworthy)
    points += _roots_on_pieces(points, lambda k: at(k).gain_trustworthy)
    intervals = scan(points, lambda k: at(k).range is not None)
    verdict = verdict_for(intervals, case.plausible)
    exists = Threshold(
        "separating_signal",
        tuple(intervals),
        verdict,
        verdict_phrase(verdict, intervals, case.plausible),
        **summarize(intervals, case.plausible),
    )
    ranges = tuple(_with_formula(at(k), at, points) for k in dict.fromkeys([kappa, case.plausible[1]]))
    priors = prior_range(bg, sender, bad.name, kappa).interval
    needed = priors is None or not priors.contains(bad.prior)
    return SignalsAnalysis(
        case, kappa, case.plausible, sender, good.name, bad.name, bad.prior, ranges, exists, priors, needed
    )


def _with_formula(r: SignalRange, at: Callable[[Fraction], SignalRange], points: list[Fraction]) -> SignalRange:
    """``r`` with its ends as linear functions of κ on the piece of ``points`` around its κ."""
    if r.range is None:
        return r
    pts = [p for p in sort_points(points) if isinstance(p, Fraction)]
    lo = max((p for p in pts if p <= r.kappa), default=Fraction(0))
    hi = min((p for p in pts if p > r.kappa), default=None)
    x0 = between(lo, hi)
    x1 = (x0 + lo) / 2
    texts = []
    for end in (0, 1):
        y0, y1 = at(x0).range, at(x1).range
        if y0 is None or y1 is None:
            return r
        slope = (y0[end] - y1[end]) / (x0 - x1)
        texts.append(linear_text(y0[end] - slope * x0, slope))
    return SignalRange(**{**r.__dict__, "lo_text": texts[0], "hi_text": texts[1]})


# --- the stable JSON (docs/reference.md) ---------------------------------------------------


def signals_to_json(result: SignalsAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame signals`` (docs/reference.md)."""
    game = result.case.game
    return {
        "game": game.title,
        "sender": game.players[result.sender].name,
        "receiver": game.players[1 - result.sender].name,
        "trustworthy": result.trustworthy,
        "untrustworthy": result.untrustworthy,
        "prior": fmt(result.prior),
        "kappa": fmt(result.kappa),
        "plausible_kappa": [fmt(v) for v in result.plausible],
        "verdict_scale": verdict_scale_json(),
        "ranges": [
            {
                "kappa": fmt(r.kappa),
                "trusted": r.trusted,
                "distrusted": r.distrusted,
                "gain_trustworthy": fmt(r.gain_trustworthy),
                "gain_untrustworthy": fmt(r.gain_untrustworthy),
                "range": None if r.range is None else [fmt(r.range[0]), fmt(r.range[1])],
                "range_formula": None if not r.lo_text else [r.lo_text, r.hi_text],
                "reason": r.reason or None,
            }
            for r in result.ranges
        ],
        "separating_signal": threshold_to_json(result.exists),
        "priors_without_signal": None if result.priors is None else result.priors.to_json(),
        "signal_needed": result.needed,
    }
