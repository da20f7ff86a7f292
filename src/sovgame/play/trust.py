"""Trust (Kydd 1997, 2005): how sure must each side be that the other compromises before
compromising is its best response, and how likely may the other's uncompromising type be
before compromise stops being an equilibrium outcome.

Two players, two strategies each (compromise C, confrontation D); docs/models.md, "Types and
trust". For one type of player i with R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D) at κ, C is
a best response to the belief p that the other plays C iff

    p·(R − T) + (1 − p)·(S − P) ≥ 0,

linear in p. So the beliefs at which C is a best response form one interval: every belief
(R ≥ T and S ≥ P: compromise weakly dominant), none (R < T and S < P: confrontation strictly
dominant), [p*, 1] (R ≥ T and S < P: an assurance problem) or [0, p*] (R < T and S ≥ P:
anti-coordination), with Kydd's threshold

    p* = (P − S) / ((R − T) + (P − S)).

R, S, T, P are linear in κ, so p* is a ratio of two linear functions of κ, and the form of the
interval changes only where R − T or S − P changes sign: :func:`trust_functions` gives it
exactly on every piece of κ ≥ 0. (The Stag Hunt 4, 0, 3, 2: p* = 2/3.)

The compromise profile (Kydd's cooperative equilibrium): every *cooperative* type (one for
which some belief makes C a best response) plays C, the others play D. It is a Bayesian
equilibrium iff each player has a cooperative type and the other's cooperative prior mass c_j
lies in the belief interval of each of i's cooperative types. The κ at which it is
(:func:`compromise_threshold`) changes only at the sign changes above and where
p*(κ) = c, for c the prior mass of a set of the other's types: all rational. Varying one type's
prior π (the others scaled in proportion) moves c_j linearly in π, so the priors at which
compromise stays an equilibrium outcome form an exact interval (:func:`prior_range`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case, plausible_of
from ..core.intervals import Interval, exact_text, scan, sort_points
from ..core.model import Game
from ..core.numbers import fmt, json_number
from ..core.ratios import Ratio
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.thresholds import Threshold, summarize
from ..costs.verdicts import verdict_for, verdict_phrase, verdict_scale_json
from ..errors import ParameterError, SovgameError
from ..sections.sequence import MoveOrder
from .bayesian import (
    BayesianGame,
    BayesianSolution,
    BayesType,
    bayesian_equilibrium_to_json,
    bayesian_game,
    is_bayesian_nash,
    solve_bayesian,
)


class BeliefSet(StrEnum):
    """The beliefs (that the other compromises) at which compromise is a best response."""

    EVERY = "every"  # compromise is weakly dominant
    AT_LEAST = "at_least"  # [p*, 1]
    AT_MOST = "at_most"  # [0, p*]
    NONE = "none"  # confrontation strictly dominates: no belief suffices


@dataclass(frozen=True)
class TrustPiece:
    """On the κ of ``interval``, the beliefs at which compromise is a best response."""

    interval: Interval
    kind: BeliefSet
    threshold: Ratio | None  # p*(κ) for AT_LEAST and AT_MOST


@dataclass(frozen=True)
class TrustFunction:
    """One type's trust threshold over κ ≥ 0, piece by piece."""

    player: int
    type_name: str
    prior: Fraction
    pieces: tuple[TrustPiece, ...]


def type_rstp(bg: BayesianGame, t: BayesType) -> tuple[tuple[Fraction, Fraction], ...]:
    """(R, S, T, P) of type t, each as (value at κ = 0, slope in κ)."""
    game = bg.game
    i, j = t.player, 1 - t.player
    c, d = game.players[i].compromise_index, game.players[j].compromise_index
    assert c is not None and d is not None
    W = game.cost_load()[..., i]
    out = []
    for own, other in ((c, d), (c, 1 - d), (1 - c, d), (1 - c, 1 - d)):
        cell = (own, other) if i == 0 else (other, own)
        out.append((t.U[cell], -W[cell]))
    return tuple(out)


def belief_set(rstp: tuple[tuple[Fraction, Fraction], ...], kappa: Fraction) -> tuple[BeliefSet, Fraction | None]:
    """The beliefs at which compromise is a best response at κ, and p* (module docstring)."""
    R, S, T, P = (a + b * kappa for a, b in rstp)
    f1, f0 = R - T, S - P
    if f1 >= 0 and f0 >= 0:
        return BeliefSet.EVERY, Fraction(0)
    if f1 < 0 and f0 < 0:
        return BeliefSet.NONE, None
    threshold = -f0 / (f1 - f0)
    return (BeliefSet.AT_LEAST, threshold) if f1 >= 0 else (BeliefSet.AT_MOST, threshold)


def _check(game_or_bg: Game | Case | BayesianGame) -> BayesianGame:
    bg = game_or_bg if isinstance(game_or_bg, BayesianGame) else bayesian_game(game_or_bg)
    game = bg.game
    if game.shape != (2, 2) or game.compromise_profile is None:
        raise SovgameError(
            f"{bg.case.origin}: trust thresholds need a 2x2 game in which each player names a compromise strategy"
        )
    return bg


def trust_functions(game) -> tuple[TrustFunction, ...]:
    """Every type's trust threshold as an exact function of κ (module docstring)."""
    bg = _check(game)
    out = []
    for player in range(2):
        for t in bg.types[player]:
            rstp = type_rstp(bg, t)
            (r0, r1), (s0, s1), (t0, t1), (p0, p1) = rstp
            f1, f0 = (r0 - t0, r1 - t1), (s0 - p0, s1 - p1)
            points = [-a / b for a, b in (f1, f0) if b != 0 and -a / b >= 0]
            ratio = _ratio(rstp)
            pieces: list[TrustPiece] = []
            for kind in BeliefSet:
                for interval in scan(points, _is_kind(rstp, kind)):
                    with_p = kind in (BeliefSet.AT_LEAST, BeliefSet.AT_MOST)
                    pieces.append(TrustPiece(interval, kind, ratio if with_p else None))
            pieces.sort(key=lambda piece: (piece.interval.lo, not piece.interval.lo_closed))  # rational ends: exact
            out.append(TrustFunction(player, t.name, t.prior, tuple(pieces)))
    return tuple(out)


def _is_kind(rstp: tuple[tuple[Fraction, Fraction], ...], kind: BeliefSet) -> Callable[[Fraction], bool]:
    """κ ↦ whether the type's belief set at κ is of ``kind``."""
    return lambda k: belief_set(rstp, k)[0] == kind


def cooperative_mass(bg: BayesianGame, player: int, kappa: Fraction) -> Fraction:
    """The prior mass of ``player``'s cooperative types at κ (those some belief moves to compromise)."""
    return sum(
        (t.prior for t in bg.types[player] if belief_set(type_rstp(bg, t), kappa)[0] != BeliefSet.NONE), Fraction(0)
    )


def compromise_profile(bg: BayesianGame, kappa: Fraction) -> tuple:
    """Every cooperative type plays compromise, every other type confronts (behaviour strategies)."""
    out = []
    for player in range(2):
        c = bg.game.players[player].compromise_index
        assert c is not None
        beh = []
        for t in bg.types[player]:
            plays = c if belief_set(type_rstp(bg, t), kappa)[0] != BeliefSet.NONE else 1 - c
            beh.append(tuple(Fraction(int(a == plays)) for a in range(2)))
        out.append(tuple(beh))
    return tuple(out)


def compromise_holds(bg: BayesianGame, kappa: Fraction) -> bool:
    """Whether the compromise profile is a Bayesian equilibrium at κ with compromise played by
    some type of each player (checked exactly, type by type)."""
    if any(cooperative_mass(bg, p, kappa) == 0 for p in range(2)):
        return False
    return is_bayesian_nash(bg, kappa, compromise_profile(bg, kappa))


def compromise_threshold(game: Game | Case | BayesianGame, plausible: Sequence | None = None) -> Threshold:
    """The κ at which the compromise profile is a Bayesian equilibrium, exactly, with its
    verdict against today and the top of the plausible range (``plausible``, else the
    case's, else [0, 1])."""
    bg = _check(game)
    plausible = plausible_of(bg.case, plausible)
    points: list[Fraction] = []
    for player in range(2):
        masses = {
            sum((t.prior for t in subset), Fraction(0))
            for k in range(len(bg.types[1 - player]) + 1)
            for subset in itertools.combinations(bg.types[1 - player], k)
        }
        for t in bg.types[player]:
            (r0, r1), (s0, s1), (t0, t1), (p0, p1) = type_rstp(bg, t)
            # f(c) = c·(R − T) + (1 − c)·(S − P) = 0, linear in κ for each mass c.
            for c in masses | {Fraction(0), Fraction(1)}:
                a = c * (r0 - t0) + (1 - c) * (s0 - p0)
                b = c * (r1 - t1) + (1 - c) * (s1 - p1)
                if b != 0 and -a / b >= 0:
                    points.append(-a / b)
    intervals = scan(sort_points(points), lambda k: compromise_holds(bg, k))
    verdict = verdict_for(intervals, plausible)
    return Threshold(
        "bayesian",
        tuple(intervals),
        verdict,
        verdict_phrase(verdict, intervals, plausible),
        **summarize(intervals, plausible),
    )


@dataclass(frozen=True)
class PriorRange:
    """The priors of one type at which compromise is an equilibrium outcome at κ (``interval``;
    None: at no prior), the file's prior, and the upper end as a function of κ where it is
    1 − p*(κ) of the other player's one cooperative type (``formula``)."""

    player: int
    type_name: str
    prior: Fraction  # the file's
    kappa: Fraction
    interval: Interval | None
    formula: Ratio | None = None
    formula_on: Interval | None = None  # the κ on which ``formula`` gives the upper end
    reason: str = ""  # why no prior works, when none does

    @property
    def above(self) -> bool:
        """The file's prior lies above every prior at which compromise holds (and some prior does)."""
        if self.interval is None:
            return False
        hi = self.interval.hi
        assert isinstance(hi, Fraction)
        return self.prior > hi or (self.prior == hi and not self.interval.hi_closed)


def with_prior(bg: BayesianGame, player: int, index: int, prior: Fraction) -> BayesianGame:
    """``bg`` with the prior of one type set to ``prior`` and the player's other types scaled
    in proportion to fill 1 − prior."""
    own = bg.types[player]
    rest = sum((t.prior for k, t in enumerate(own) if k != index), Fraction(0))
    scaled = tuple(replace(t, prior=prior if k == index else (1 - prior) * t.prior / rest) for k, t in enumerate(own))
    types = (scaled, bg.types[1]) if player == 0 else (bg.types[0], scaled)
    return replace(bg, types=types)


def _beliefs(bg: BayesianGame, player: int, kappa: Fraction) -> tuple[Fraction, Fraction] | None:
    """The beliefs [L, H] that the other compromises at which every cooperative type of
    ``player`` compromises (None: no such belief)."""
    lo, hi = Fraction(0), Fraction(1)
    for t in bg.types[player]:
        kind, p = belief_set(type_rstp(bg, t), kappa)
        if kind == BeliefSet.AT_LEAST and p is not None:
            lo = max(lo, p)
        elif kind == BeliefSet.AT_MOST and p is not None:
            hi = min(hi, p)
    return (lo, hi) if lo <= hi else None


def prior_range(game, player: int, type_name: str, kappa: Fraction | int) -> PriorRange:
    """The priors π of ``type_name`` (player ``player``'s other types scaled to 1 − π in
    proportion) at which the compromise profile is a Bayesian equilibrium at κ, exactly
    (module docstring)."""
    bg = _check(game)
    names = bg.type_names(player)
    if type_name not in names:
        known = ", ".join(names)
        raise ParameterError("type_name", f"{type_name!r} is no type of {bg.game.players[player].name} ({known})")
    kappa = Fraction(kappa)
    index, other = names.index(type_name), 1 - player
    me, rest = bg.types[player][index], [t for k, t in enumerate(bg.types[player]) if k != index]
    coop = {t.name: belief_set(type_rstp(bg, t), kappa)[0] != BeliefSet.NONE for t in bg.types[player]}
    share = (
        sum((t.prior for t in rest if coop[t.name]), Fraction(0)) / sum((t.prior for t in rest), Fraction(0))
        if rest
        else Fraction(0)
    )
    slope = int(coop[type_name]) - share  # the other's belief that ``player`` compromises: share + slope·π
    beliefs, mine = _beliefs(bg, other, kappa), _beliefs(bg, player, kappa)
    own_ok = mine is not None and mine[0] <= cooperative_mass(bg, other, kappa) <= mine[1]
    interval = None
    if beliefs is not None and own_ok and cooperative_mass(bg, other, kappa) > 0:
        interval = _solve(share, slope, beliefs, fixed=not rest)
    reason = "" if interval is not None else _why_none(bg, player, kappa, beliefs, own_ok)
    if interval is not None:  # an independent exact check inside the interval
        assert isinstance(interval.lo, Fraction) and isinstance(interval.hi, Fraction)
        inside = (interval.lo + interval.hi) / 2
        assert compromise_holds(with_prior(bg, player, index, inside), kappa), (type_name, kappa, interval)
    formula = None
    coop_other = [t for t in bg.types[other] if belief_set(type_rstp(bg, t), kappa)[0] == BeliefSet.AT_LEAST]
    if interval is not None and slope == -1 and len(coop_other) == cooperative_count(bg, other, kappa) == 1:
        formula = _ratio(type_rstp(bg, coop_other[0])).complement()
    on = regime(bg, kappa) if formula else None
    return PriorRange(player, type_name, me.prior, kappa, interval, formula, on, reason)


def _why_none(
    bg: BayesianGame, player: int, kappa: Fraction, beliefs: tuple[Fraction, Fraction] | None, own_ok: bool
) -> str:
    """Why compromise is an equilibrium outcome at no prior of ``player``'s types."""
    other = 1 - player
    name, rival = bg.game.players[player].name, bg.game.players[other].name
    at = f"at κ = {fmt(kappa)}"
    if cooperative_mass(bg, other, kappa) == 0:
        return f"{at} confronting strictly dominates for every type of {rival}: no belief about {name} suffices"
    if beliefs is None:
        return f"{at} {rival}'s types need incompatible beliefs that {name} compromises"
    if not own_ok:
        return f"{at} {name}'s compromising types need more trust in {rival} than its types give"
    low, high = beliefs
    return (
        f"{at} {rival} compromises only if {name} compromises with probability in [{fmt(low)}, {fmt(high)}], "
        "which no prior of this type gives"
    )


def regime(bg: BayesianGame, kappa: Fraction) -> Interval:
    """The κ around ``kappa`` on which every type's belief set keeps its form (which types
    are cooperative, and how): the breakpoints are where some R − T or S − P changes sign."""
    rstps = [type_rstp(bg, t) for own in bg.types for t in own]
    points = []
    for (r0, r1), (s0, s1), (t0, t1), (p0, p1) in rstps:
        for a, b in ((r0 - t0, r1 - t1), (s0 - p0, s1 - p1)):
            if b != 0 and -a / b >= 0:
                points.append(-a / b)
    kinds = [belief_set(r, kappa)[0] for r in rstps]
    same = scan(points, lambda k: [belief_set(r, k)[0] for r in rstps] == kinds)
    return next(i for i in same if i.contains(kappa))


def cooperative_count(bg: BayesianGame, player: int, kappa: Fraction) -> int:
    """How many of ``player``'s types are cooperative at κ."""
    return sum(1 for t in bg.types[player] if belief_set(type_rstp(bg, t), kappa)[0] != BeliefSet.NONE)


def _ratio(rstp: tuple[tuple[Fraction, Fraction], ...]) -> Ratio:
    """p*(κ) = (P − S)/((R − T) + (P − S)) with R, S, T, P linear in κ."""
    (r0, r1), (s0, s1), (t0, t1), (p0, p1) = rstp
    return Ratio(p0 - s0, p1 - s1, (r0 - t0) + (p0 - s0), (r1 - t1) + (p1 - s1))


def _solve(share: Fraction, slope: Fraction, beliefs: tuple[Fraction, Fraction], fixed: bool) -> Interval | None:
    """The π in [0, 1] with L ≤ share + slope·π ≤ H and share + slope·π > 0 (the other's
    belief that the player compromises must lie in [L, H], and some type must compromise);
    ``fixed``: the type is the player's only one, so π is 1."""
    L, H = beliefs
    lows: list[tuple[Fraction, bool]] = [(Fraction(1) if fixed else Fraction(0), True)]
    highs: list[tuple[Fraction, bool]] = [(Fraction(1), True)]
    for bound, strict, upper in ((L, False, False), (H, False, True), (Fraction(0), True, False)):
        # share + slope·π ≥ bound (upper: ≤ bound); strict: > bound.
        if slope == 0:
            value = share
            if (value > bound if not upper else value < bound) or (value == bound and not strict):
                continue
            return None
        edge = (bound - share) / slope
        keeps_above = (slope > 0) != upper  # the solutions lie above ``edge``
        (lows if keeps_above else highs).append((edge, not strict))
    lo = max(lows, key=lambda item: (item[0], not item[1]))
    hi = min(highs, key=lambda item: (item[0], item[1]))
    if lo[0] > hi[0] or (lo[0] == hi[0] and not (lo[1] and hi[1])):
        return None
    return Interval(lo[0], lo[1], hi[0], hi[1])


@dataclass(frozen=True, repr=False)
class TrustAnalysis(Result):
    """What ``sovgame trust`` shows: the Bayesian equilibria at κ, every type's trust
    threshold as a function of κ, the κ at which the compromise profile is an equilibrium,
    and, for each type of a player with several, the priors at which it is (at κ and at the
    top of the plausible range)."""

    case: Case
    kappa: Fraction
    plausible: tuple[Fraction, Fraction]
    solution: BayesianSolution
    functions: tuple[TrustFunction, ...]
    compromise: Threshold
    priors: tuple[PriorRange, ...]
    notes: tuple[str, ...] = ()

    @property
    def game(self) -> Game:
        """The game the case states."""
        return self.case.game

    def json_data(self) -> dict[str, Any]:
        bg = self.solution.bayesian
        game = self.game
        return {
            "game": game.title,
            "players": game.player_names,
            "kappa": json_number(self.kappa),
            "plausible_kappa": [json_number(v) for v in self.plausible],
            "verdict_scale": verdict_scale_json(),
            "types": {
                game.players[p].name: [{"name": t.name, "prior": fmt(t.prior)} for t in bg.types[p]] for p in range(2)
            },
            "equilibria": [bayesian_equilibrium_to_json(bg, e) for e in self.solution.equilibria],
            "degenerate": self.solution.degenerate,
            "notes": list(self.solution.notes) + list(self.notes),
            "trust": [function_to_json(bg, f, self.kappa, self.plausible[1]) for f in self.functions],
            "compromise": threshold_to_json(self.compromise),
            "priors": [
                {
                    "player": game.players[r.player].name,
                    "type": r.type_name,
                    "kappa": fmt(r.kappa),
                    "prior": fmt(r.prior),
                    "interval": None if r.interval is None else r.interval.to_json(),
                    "above": r.above,
                    "formula": None if r.formula is None else r.formula.text(),
                    "formula_on": None if r.formula_on is None else r.formula_on.to_json(),
                    "reason": r.reason or None,
                }
                for r in self.priors
            ],
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("κ", fmt(self.kappa)),
            ("Bayesian equilibria", str(len(self.solution.equilibria))),
            ("compromise from κ", "never" if self.compromise.value is None else exact_text(self.compromise.value)),
        ]


def analyze_trust(game: Game | Case, kappa: Fraction | int = 1, plausible: Sequence | None = None) -> TrustAnalysis:
    """The trust analysis of a 2x2 game with (or without) types at κ (default 1: today's
    costs). A Case gives its ``[[types]]`` (a bare Game: one type per player) and its
    plausible range (``plausible`` overrides it)."""
    case = as_case(game, plausible)
    bg = _check(case)
    kappa = Fraction(kappa)
    plausible = case.plausible
    points = dict.fromkeys([kappa, plausible[1]])
    priors = tuple(
        prior_range(bg, player, t.name, k)
        for k in points
        for player in range(2)
        if len(bg.types[player]) > 1
        for t in bg.types[player]
    )
    notes = ("the file's [sequence] is not part of the trust analysis: both move without seeing the other",)
    return TrustAnalysis(
        case,
        kappa,
        plausible,
        solve_bayesian(bg, kappa),
        trust_functions(bg),
        compromise_threshold(bg),
        priors,
        notes if case.section(MoveOrder) is not None else (),
    )


def function_to_json(bg: BayesianGame, f: TrustFunction, kappa: Fraction, top: Fraction) -> dict[str, Any]:
    """One type's trust function: its belief set at κ and at the top, and its pieces along κ."""
    rstp = type_rstp(bg, bg.types[f.player][bg.type_names(f.player).index(f.type_name)])

    def at(k: Fraction) -> dict[str, Any]:
        """The belief set at κ = k."""
        kind, p = belief_set(rstp, k)
        return {"kind": kind.value, "threshold": None if p is None else fmt(p)}

    return {
        "player": bg.game.players[f.player].name,
        "type": f.type_name,
        "prior": fmt(f.prior),
        "at_kappa": at(kappa),
        "at_top": at(top),
        "pieces": [
            {
                "interval": piece.interval.to_json(),
                "kind": piece.kind.value,
                "threshold": None if piece.threshold is None else piece.threshold.text(),
            }
            for piece in f.pieces
        ],
    }
