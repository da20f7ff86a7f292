"""Cost thresholds: from which cost level κ does compromise beat confrontation, and who
stands in the way? All exact (fractions) unless a bracket is stated.

With payoffs u(s; κ) = U(s) − κ·W(s) (:meth:`sovgame.core.model.Game.cost_load`), a unilateral
deviation of player i from the target t to s' gains ``a − κ·b`` with a = U_i(s') − U_i(t) and
b = W_i(s') − W_i(t). So every criterion below is decided by signs of linear (or, for risk
dominance, quadratic) functions of κ, and its set of κ is found exactly by scanning the
breakpoints a/b (:func:`sovgame.core.intervals.scan`).

Criteria (docs/models.md; Jervis 1978; Harsanyi & Selten 1988; Friedman 1971):

- ``nash``: t is a Nash equilibrium: a − κb ≤ 0 for every deviation. For a 2x2 game
  κ_NE = max_i (T_i − R_i)/Δw_i. The *binding* player sets the lower end.
- ``strict``: t is a strict equilibrium: a − κb < 0.
- ``dominant``: each player's target strategy strictly dominates its others.
- ``unique``: t is the only equilibrium, mixed ones included, for every larger κ. Exact for
  two-player games by a walk down the breakpoints of the equilibrium set
  (:mod:`sovgame.costs.uniqueness`); for more players from iterated strict dominance, which
  bounds it from above.
- ``risk_dominant`` (2x2): t and the all-confront profile d are strict equilibria and
  (R1−T1)(R2−T2) > (P1−S1)(P2−S2), or t is strict and d is no strict equilibrium.
- ``repeated`` (2x2): grim trigger sustains t iff δ ≥ δ*_i = (T_i − R_i)/(T_i − P_i), when the
  punishment is itself a stage equilibrium (:mod:`sovgame.costs.grim`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..core.budget import metered, require, thresholds_work
from ..core.case import Case, as_case, as_game, origin_of
from ..core.intervals import Endpoint, Interval, Root, scan
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..errors import ParameterError, SovgameError
from .deviations import Deviation, binding_player, breakpoints, deviations, stable
from .reasons import deviation_reason, dominance_reason, risk_dominance_reason, rival_reason
from .verdicts import Verdict, verdict_for, verdict_phrase

if TYPE_CHECKING:
    from .grim import Repeated


class Criterion(StrEnum):
    """What the target profile must be for a cost level κ to count (module docstring)."""

    NASH = "nash"
    STRICT = "strict"
    DOMINANT = "dominant"
    UNIQUE = "unique"
    RISK_DOMINANT = "risk_dominant"


#: The criteria in the order every table and JSON lists them.
CRITERIA = tuple(Criterion)


@dataclass(frozen=True)
class Threshold:
    """Where one criterion holds over κ ≥ 0, and what that means for the claim."""

    criterion: str
    intervals: tuple[Interval, ...]
    verdict: Verdict | None  # None: not settled exactly (see :func:`sovgame.costs.verdicts.verdict_for`)
    reason: str
    value: Endpoint | None = None  # smallest κ from which it holds (None: never)
    attained: bool = False
    upper: Endpoint | None = None  # where it stops holding again (None: never stops)
    bracket: tuple[Fraction, Fraction] | None = None
    binding: str | None = None
    per_player: dict[str, Endpoint | None] | None = None
    defined: bool = True
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThirdParty:
    """How one player's choice moves the others' compromise threshold (3+ players).

    For each strategy of ``player``, ``nash[strategy]`` is the κ from which the others'
    compromise profile is an equilibrium *among them* with ``player`` held at that strategy;
    the rise from the player's compromise strategy to another is the "triangular deadlock"
    measure. ``dominant`` names the strategy that strictly dominates for ``player`` at every
    κ ≥ 0, if any.
    """

    player: str
    nash: dict[str, Threshold]
    dominant: str | None


@dataclass(frozen=True)
class ThresholdReport:
    """Every threshold of a game for one target, with the repeated-play and third-party ones."""

    game: Game
    target: Profile
    costs: tuple[str, ...]
    plausible: tuple[Fraction, Fraction]
    plausible_given: bool
    thresholds: dict[str, Threshold]
    repeated: Repeated | None  # grim trigger (2x2 games)
    notes: tuple[str, ...] = field(default_factory=tuple)
    third_parties: tuple[ThirdParty, ...] = ()

    def target_names(self) -> dict[str, str]:
        """Each player's target strategy by player name."""
        return {p.name: p.strategies[s] for p, s in zip(self.game.players, self.target)}


# --- entry point -------------------------------------------------------------------------------


@metered
def compute_thresholds(
    game: Game | Case,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    discount: Fraction | None = None,
    plausible: Sequence | None = None,
) -> ThresholdReport:
    """Every threshold of ``game`` for ``target`` (default: the compromise profile).

    Parameters
    ----------
    game : a Game, or a Case (its game, and its plausible range unless ``plausible`` is given)
    target : a profile of strategy indices, an outcome key "s1|s2", or None
    costs : keep only the costs of these names (None: all)
    discount : a discount factor δ in (0, 1): also find the κ from which grim trigger
        sustains the target
    plausible : the plausible range [lo, hi] of κ the verdicts compare with (default: the
        case's, else [0, 1]: :func:`sovgame.core.case.plausible_of`)
    """
    case, game = as_case(game, plausible), as_game(game)
    require(thresholds_work(game.shape))  # refused before it starts when past the work limit
    profile = resolve_target(case, target)
    kept = game.kept_costs(costs, case.origin)
    U = game.payoffs
    W = game.cost_load(kept)
    plausible = case.plausible
    notes = []
    if not case.plausible_declared:
        notes.append("the file gives no plausible range; verdicts use [0, 1] (up to today's costs)")
    if not kept:
        notes.append("no costs in the model: κ changes nothing")

    results: dict[str, Threshold] = {}
    for criterion in CRITERIA:
        results[criterion.value] = _threshold_of(game, criterion, profile, kept, plausible, results.get("nash"))
    # Players with a single strategy never deviate: the equilibrium set, risk dominance and
    # repeated play are those of the others' game (a 2x2x1 game is a 2x2 game).
    solved = game.without_single_strategy_players()
    own = game.solved_profile(profile)
    sU, sW = solved.payoffs, solved.cost_load(kept)
    if solved is not game:
        names = " and ".join(game.players[i].name for i in game.single_strategy_players)
        notes.append(
            f"{names} {'have' if len(game.single_strategy_players) > 1 else 'has'} a single strategy: uniqueness, "
            f"risk dominance and repeated play are those of the {solved.n_players}-player game of the others"
        )
    from .grim import repeated_thresholds

    repeated = repeated_thresholds(solved, sU, sW, own, plausible, discount, kept)
    # Players after the first two are the outside parties of a bilateral dispute.
    third = tuple(third_party_effect(game, U, W, profile, k, plausible) for k in range(2, game.n_players))
    return ThresholdReport(
        game=game,
        target=profile,
        costs=kept,
        plausible=plausible,
        plausible_given=case.plausible_declared,
        thresholds=results,
        repeated=repeated,
        notes=tuple(notes),
        third_parties=third,
    )


@metered
def compute_threshold(
    game: Game | Case,
    criterion: Criterion | str,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    plausible: Sequence | None = None,
) -> Threshold:
    """One criterion's threshold for ``target``: the very :class:`Threshold` that
    :func:`compute_thresholds` reports under ``criterion``, without the work of the others
    (``unique`` needs ``nash``, and computes it).

    Parameters
    ----------
    criterion : one of :data:`CRITERIA` ("nash", "strict", "dominant", "unique", "risk_dominant")
    game, target, costs, plausible : as for :func:`compute_thresholds`
    """
    try:
        wanted = Criterion(criterion)
    except ValueError:
        raise ParameterError(
            "criterion", f"{criterion!r} is not one of {', '.join(c.value for c in CRITERIA)}"
        ) from None
    case = as_case(game, plausible)
    require(thresholds_work(case.game.shape))  # refused before it starts when past the work limit
    profile = resolve_target(case, target)
    return _threshold_of(case.game, wanted, profile, case.game.kept_costs(costs, case.origin), case.plausible)


def _threshold_of(
    game: Game,
    criterion: Criterion,
    profile: Profile,
    kept: tuple[str, ...],
    plausible: tuple[Fraction, Fraction],
    nash: Threshold | None = None,
) -> Threshold:
    """One criterion's threshold (``unique`` starts from ``nash``, computed when not given).
    Players with a single strategy never deviate: uniqueness and risk dominance are those of
    the others' game."""
    U, W = game.payoffs, game.cost_load(kept)
    if criterion in (Criterion.NASH, Criterion.STRICT):
        return _deviation_threshold(game, U, W, profile, plausible, strict=criterion == Criterion.STRICT)
    if criterion == Criterion.DOMINANT:
        return _dominance_threshold(game, U, W, profile, plausible)
    solved, own = game.without_single_strategy_players(), game.solved_profile(profile)
    if criterion == Criterion.RISK_DOMINANT:
        return _risk_dominance(solved, solved.payoffs, solved.cost_load(kept), own, plausible)
    if nash is None:
        nash = _deviation_threshold(game, U, W, profile, plausible, strict=False)
    return _unique_threshold(solved, own, plausible, nash, kept)


def third_party_effect(
    game: Game, U: np.ndarray, W: np.ndarray, target: Profile, k: int, plausible: tuple[Fraction, Fraction]
) -> ThirdParty:
    """The others' Nash threshold with player k held at each of its strategies, and
    whether one of k's strategies strictly dominates at every κ ≥ 0."""
    others = [i for i in range(game.n_players) if i != k]
    nash = {}
    for s in range(game.shape[k]):
        fixed = target[:k] + (s,) + target[k + 1 :]
        devs = [d for i in others for d in deviations(game, U, W, fixed, i)]
        intervals = scan(breakpoints(devs), stable(devs, strict=False))
        summary = summarize(intervals)
        verdict = verdict_for(intervals, plausible)
        lower = {
            i: (own[0].lo if (own := scan(breakpoints(ds), stable(ds, False))) else None)
            for i in others
            for ds in [deviations(game, U, W, fixed, i)]
        }
        binding = None
        if intervals and summary["value"] != 0:
            binding = game.players[binding_player(lower)].name
        nash[game.players[k].strategies[s]] = Threshold(
            "nash",
            tuple(intervals),
            verdict,
            verdict_phrase(verdict, intervals, plausible),
            binding=binding,
            per_player={game.players[i].name: lower[i] for i in others},
            **summary,
        )
    dominant = None
    for s in range(game.shape[k]):
        devs = [d for profile in game.profiles() if profile[k] == s for d in deviations(game, U, W, profile, k)]
        intervals = scan(breakpoints(devs), stable(devs, strict=True))
        if intervals and intervals[0].lo == 0 and intervals[0].lo_closed and intervals[0].hi is None:
            dominant = game.players[k].strategies[s]
    return ThirdParty(game.players[k].name, nash, dominant)


def resolve_target(x: Game | Case, target: Profile | str | None) -> Profile:
    """The target as a profile: the compromise profile for None, parsed from "s1|s2" for a string."""
    game = as_game(x)
    if target is None:
        profile = game.compromise_profile
        if profile is None:
            lacking = [p.name for p in game.players if p.compromise is None]
            raise SovgameError(
                f"{origin_of(x)}: players[*].compromise: {', '.join(lacking)} name no compromise strategy; "
                'add `compromise = "..."` to each [[players]] table or name a target outcome "s1|s2"'
            )
        return profile
    if isinstance(target, str):
        try:
            return game.parse_outcome(target)
        except ValueError as exc:
            raise ParameterError("target", str(exc)) from None
    return tuple(target)


# --- verdicts -----------------------------------------------------------------------------------


def summarize(intervals: Sequence[Interval]) -> dict:
    """The fields of a :class:`Threshold` that a set of κ gives: where it starts (``value``),
    whether it holds there (``attained``) and where it first stops (``upper``)."""
    if not intervals:
        return {"value": None, "attained": False, "upper": None}
    first = intervals[0]
    return {"value": first.lo, "attained": first.lo_closed, "upper": first.hi}


# --- Nash and strict -------------------------------------------------------------------------------


def _deviation_threshold(game, U, W, target, plausible, strict: bool) -> Threshold:
    name = "strict" if strict else "nash"
    per_player_devs = [deviations(game, U, W, target, i) for i in range(game.n_players)]
    intervals, lower_ends, per_player, summary, verdict, binding = _joint(game, per_player_devs, strict, plausible)
    reason = deviation_reason(game, target, per_player_devs, intervals, lower_ends, verdict, summary, plausible, strict)
    return Threshold(name, tuple(intervals), verdict, reason, binding=binding, per_player=per_player, **summary)


def _joint(game: Game, per_player_devs: list[list[Deviation]], strict: bool, plausible) -> tuple:
    """What every player's comparisons give together and each player's alone: (intervals of
    κ where all hold, each player's lower end by index and by name, the summary, the verdict,
    the binding player: the one whose own set starts last; None at κ = 0 or never)."""
    all_devs = [d for devs in per_player_devs for d in devs]
    intervals = scan(breakpoints(all_devs), stable(all_devs, strict))
    lower_ends: dict[int, Endpoint | None] = {}
    per_player: dict[str, Endpoint | None] = {}
    for i, devs in enumerate(per_player_devs):
        own = scan(breakpoints(devs), stable(devs, strict))
        lower_ends[i] = own[0].lo if own else None
        per_player[game.players[i].name] = lower_ends[i]
    summary = summarize(intervals)
    verdict = verdict_for(intervals, plausible)
    binding = None
    if intervals and summary["value"] != 0:
        binding = game.players[binding_player(lower_ends)].name
    return intervals, lower_ends, per_player, summary, verdict, binding


# --- dominance ------------------------------------------------------------------------------------


def _dominance_threshold(game, U, W, target, plausible) -> Threshold:
    """Strict dominance: u_i(t_i, o) > u_i(s, o) for every other s and every opponents' o."""
    comparisons: list[list[Deviation]] = [[] for _ in range(game.n_players)]
    for profile in game.profiles():
        for i in range(game.n_players):
            if profile[i] != target[i]:
                continue
            # Deviation from (t_i, o) to (s, o) must lose strictly.
            comparisons[i] += deviations(game, U, W, profile, i)
    intervals, _, per_player, summary, verdict, binding = _joint(game, comparisons, True, plausible)
    reason = dominance_reason(game, target, comparisons, intervals, verdict, summary, plausible, binding)
    return Threshold("dominant", tuple(intervals), verdict, reason, binding=binding, per_player=per_player, **summary)


# --- uniqueness --------------------------------------------------------------------------------


def _unique_threshold(game, target, plausible, nash: Threshold, kept) -> Threshold:
    from .uniqueness import tail_of_uniqueness

    if not nash.intervals:
        return Threshold("unique", (), Verdict.NEVER, f"the target is never even an equilibrium: {nash.reason}")
    tail = tail_of_uniqueness(game, kept, target)
    if not tail.defined:
        return Threshold("unique", (), Verdict.NEVER, tail.reason or "", defined=False, notes=tuple(tail.notes))
    if tail.start is None:
        reason = tail.reason or "another equilibrium survives at every cost level"
        return Threshold("unique", (), Verdict.NEVER, reason, notes=tuple(tail.notes))
    interval = Interval(tail.start, tail.attained, None)
    verdict: Verdict | None = verdict_for([interval], plausible)
    if tail.bracket is not None and not isinstance(tail.start, Root):
        # The threshold lies somewhere in the bracket (not a root known exactly, whose
        # verdict above is exact): settled only if both ends agree.
        earliest = verdict_for([Interval(tail.bracket[0], True, None)], plausible)
        latest = verdict_for([Interval(tail.bracket[1], False, None)], plausible)
        verdict = earliest if earliest == latest else None
    reason = verdict_phrase(verdict, [interval], plausible)
    if tail.bracket is not None:
        reason = f"{reason} (the threshold lies in [{fmt(tail.bracket[0])}, {fmt(tail.bracket[1])}])"
    if tail.reason:
        reason = f"{reason}; {tail.reason}"
    elif game.n_players == 2 and isinstance(tail.start, Fraction) and tail.start > 0:
        reason = f"{reason}; {_last_rival(game, kept, target, tail.start, tail.rival_kappa or tail.start / 2)}"
    return Threshold(
        "unique",
        (interval,),
        verdict,
        reason,
        value=tail.start,
        attained=tail.attained,
        bracket=tail.bracket,
        notes=tuple(tail.notes),
    )


def _last_rival(game: Game, kept, target: Profile, start: Fraction, below: Fraction) -> str:
    """Why uniqueness starts only at ``start``: the rival equilibrium at ``below``, just under
    it, and the deviation whose gain costs remove there (two players; exact)."""
    from ..solvers.equilibria import solve

    rivals = solve(game, below, kept).equilibria
    return rival_reason(game, game.payoffs, game.cost_load(kept), target, rivals, start)


# --- risk dominance ------------------------------------------------------------------------------


def confront_profile(game: Game, target: Profile) -> Profile | None:
    """In a 2x2 game, each player's other strategy; None elsewhere."""
    if game.shape != (2, 2):
        return None
    return tuple(1 - t for t in target)


def _risk_dominance(game, U, W, target, plausible) -> Threshold:
    d = confront_profile(game, target)
    if d is None:
        return Threshold(
            "risk_dominant", (), Verdict.NEVER, "risk dominance is defined here for 2x2 games only", defined=False
        )
    t_devs = [dv for i in range(2) for dv in deviations(game, U, W, target, i)]
    d_devs = [dv for i in range(2) for dv in deviations(game, U, W, d, i)]
    # Deviation losses at t (R − T) and at d (P − S) are −gain = −a + κb: linear in κ.
    (ta, tb), (ua, ub) = [(-dv.a, dv.b) for dv in t_devs]
    (pa, pb), (qa, qb) = [(-dv.a, dv.b) for dv in d_devs]
    # H(κ) = (ta + tb κ)(ua + ub κ) − (pa + pb κ)(qa + qb κ) = c2 κ² + c1 κ + c0.
    c2 = tb * ub - pb * qb
    c1 = ta * ub + tb * ua - pa * qb - pb * qa
    c0 = ta * ua - pa * qa
    roots = quadratic_roots(c2, c1, c0)

    def holds(k: Fraction) -> bool:
        """t is strict and risk dominates d (or d is no strict equilibrium) at κ = k."""
        t_strict = all(dv.gain(k) < 0 for dv in t_devs)
        d_strict = all(dv.gain(k) < 0 for dv in d_devs)
        h = c2 * k * k + c1 * k + c0
        return t_strict and (not d_strict or h > 0)

    intervals = scan(breakpoints(t_devs) + breakpoints(d_devs) + roots, holds)
    summary = summarize(intervals)
    verdict = verdict_for(intervals, plausible)
    reason = risk_dominance_reason(game, d, intervals, verdict, summary, plausible)
    return Threshold("risk_dominant", tuple(intervals), verdict, reason, **summary)


def quadratic_roots(c2: Fraction, c1: Fraction, c0: Fraction) -> list[Endpoint]:
    """Real roots of c2 κ² + c1 κ + c0, exact (Fraction) or in closed form (Root)."""
    if c2 == 0:
        return [-c0 / c1] if c1 != 0 else []
    disc = c1 * c1 - 4 * c2 * c0
    if disc < 0:
        return []
    a = -c1 / (2 * c2)
    r = disc / (4 * c2 * c2)  # roots a ± √r
    num, den = r.numerator, r.denominator
    if math.isqrt(num) ** 2 == num and math.isqrt(den) ** 2 == den:
        s = Fraction(math.isqrt(num), math.isqrt(den))
        return [*sorted({a - s, a + s})]
    return [Root.of_surd(a, Fraction(-1), r), Root.of_surd(a, Fraction(1), r)]
