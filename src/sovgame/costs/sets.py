"""Where each criterion holds: the exact set of cost levels κ, and the facts that decide it.

This is the first of the two passes of :mod:`sovgame.costs.thresholds`. For one criterion and
one target profile it finds the set of κ ≥ 0 on which the criterion holds — a union of
intervals in increasing order, as many pieces as there are, bounded or not, each end exact (a
fraction or a certified :class:`~sovgame.core.roots.Root`) and open or closed — together with
what decides it: each player's own set, the binding player, the deviations, the rival
equilibria. Nothing here knows today's costs or the plausible range; the second pass
(:func:`sovgame.costs.assessment.assess`) reads a set against them and words it.

With payoffs u(s; κ) = U(s) − κ·W(s), a deviation gains a − κ·b
(:mod:`sovgame.costs.deviations`), so every set but uniqueness and repeated play is found by
scanning the breakpoints a/b (:func:`sovgame.core.intervals.scan`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..core.intervals import Endpoint, Interval, Root, scan
from ..core.model import Game, Profile
from .criteria import CRITERIA, Criterion
from .deviations import Deviation, binding_player, breakpoints, deviations, stable

if TYPE_CHECKING:
    from .uniqueness import Piece, Tail, Uniqueness


@dataclass(frozen=True, kw_only=True)
class CriterionSet:
    """Where one criterion holds for ``target`` in ``game``.

    ``intervals`` are disjoint and increasing, any number of pieces, bounded or not (none:
    the criterion never holds). ``game`` and ``target`` are those the set was found in: for
    uniqueness, risk dominance and repeated play, the game of the players with a choice.
    ``defined`` is False where the criterion means nothing for this game.
    """

    criterion: str
    game: Game
    target: Profile
    intervals: tuple[Interval, ...]
    defined: bool = True
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlayerSet:
    """One player's own set of κ: where all of its ``comparisons`` hold."""

    player: int
    comparisons: tuple[Deviation, ...]
    intervals: tuple[Interval, ...]

    @property
    def start(self) -> Endpoint | None:
        """The least κ of the player's own set (None: empty)."""
        return self.intervals[0].lo if self.intervals else None


@dataclass(frozen=True, kw_only=True)
class ComparisonSet(CriterionSet):
    """``nash``, ``strict`` and ``dominant``: every comparison of a player's target strategy
    with another of its strategies, a − κb, does not gain (``strict``: loses).

    ``players`` hold each player's own set; ``binding`` is the player whose own set starts
    last (the first such on ties; None when the set is empty). ``held`` names the player held
    at one of its strategies when the set is the others' (:func:`held_sets`).
    """

    strict: bool
    players: tuple[PlayerSet, ...]
    binding: int | None
    held: int | None = None

    @property
    def binds(self) -> int | None:
        """The binding player as reports name it: none where the set starts at κ = 0, since
        no cost is needed there."""
        return None if not self.intervals or self.intervals[0].lo == 0 else self.binding

    @property
    def deciding(self) -> Deviation | None:
        """The binding player's deviation that sets the start: the largest breakpoint a/b
        among those costs make dearer (b > 0)."""
        if self.binding is None:
            return None
        own = next(p for p in self.players if p.player == self.binding)
        return max((d for d in own.comparisons if d.b > 0), key=lambda d: d.a / d.b, default=None)

    @property
    def blocking(self) -> Deviation | None:
        """A comparison no cost level wins: it gains (``strict``: does not lose) at κ = 0 and
        costs do not make it dearer (b ≤ 0). None if there is none."""
        for p in self.players:
            for d in p.comparisons:
                if (d.a > 0 or (self.strict and d.a == 0)) and d.b <= 0:
                    return d
        return None


@dataclass(frozen=True, kw_only=True)
class RiskDominanceSet(CriterionSet):
    """``risk_dominant`` against ``confront``, each player's other strategy (None: the game
    is no 2x2 game and the criterion is not defined)."""

    confront: Profile | None


@dataclass(frozen=True, kw_only=True)
class UniqueSet(CriterionSet):
    """``unique``: where the target is the only equilibrium, piece by piece
    (:func:`sovgame.costs.uniqueness.uniqueness_of`; None when the target is never even an
    equilibrium: ``not_even_nash`` is then the empty Nash set). ``nash`` is the target's Nash
    set, which holds this one; ``costs`` are the costs counted."""

    costs: tuple[str, ...]
    uniqueness: Uniqueness | None = None
    not_even_nash: ComparisonSet | None = None
    nash: ComparisonSet | None = None

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The intervals of the set with what keeps the target from being alone beyond their ends."""
        return () if self.uniqueness is None else self.uniqueness.pieces

    @property
    def tail(self) -> Tail | None:
        """Three or more players: the tail the set is read from."""
        return None if self.uniqueness is None else self.uniqueness.tail

    @property
    def bracket(self) -> tuple[Fraction, Fraction] | None:
        """Rationals around the least κ: an irrational one's isolating interval, or the
        stretch in which a start not known exactly lies."""
        return None if self.uniqueness is None else self.uniqueness.bracket

    @property
    def undecided(self) -> tuple[Fraction, Fraction] | None:
        """Where the start lies when it is not known exactly (three or more players: from
        the last stretch of the target as the only pure equilibrium to the start proved by
        dominance); None when the set is exact (an irrational start is exact)."""
        tail = self.tail
        if tail is None or tail.bracket is None or isinstance(tail.start, Root):
            return None
        return tail.bracket


@dataclass(frozen=True, kw_only=True)
class SustainedSet(CriterionSet):
    """``repeated``: where the threat of reverting to a stage equilibrium sustains the target
    at the discount factor ``discount`` (:mod:`sovgame.costs.grim`)."""

    discount: Fraction


@dataclass(frozen=True)
class HeldSets:
    """Player ``player`` held at each of its strategies: the others' Nash set for each
    (``nash``, by strategy name), and the strategy that strictly dominates for ``player`` at
    every κ ≥ 0, if any."""

    player: int
    nash: dict[str, ComparisonSet]
    dominant: str | None


# --- nash, strict, dominant ----------------------------------------------------------------------


def comparison_set(
    criterion: str,
    game: Game,
    target: Profile,
    comparisons: dict[int, list[Deviation]],
    strict: bool,
    held: int | None = None,
) -> ComparisonSet:
    """Where every comparison holds at once (``comparisons`` by player), and each player's own set."""
    every = [d for devs in comparisons.values() for d in devs]
    intervals = tuple(scan(breakpoints(every), stable(every, strict)))
    players = tuple(
        PlayerSet(i, tuple(devs), tuple(scan(breakpoints(devs), stable(devs, strict))))
        for i, devs in comparisons.items()
    )
    binding = binding_player({p.player: p.start for p in players}) if intervals else None
    return ComparisonSet(
        criterion=criterion,
        game=game,
        target=target,
        intervals=intervals,
        strict=strict,
        players=players,
        binding=binding,
        held=held,
    )


def nash_set(game: Game, U: np.ndarray, W: np.ndarray, target: Profile, strict: bool = False) -> ComparisonSet:
    """``nash`` (``strict``): no unilateral deviation from the target gains (every one loses)."""
    comparisons = {i: deviations(game, U, W, target, i) for i in range(game.n_players)}
    return comparison_set(Criterion.STRICT if strict else Criterion.NASH, game, target, comparisons, strict)


def dominance_set(game: Game, U: np.ndarray, W: np.ndarray, target: Profile) -> ComparisonSet:
    """``dominant``: u_i(t_i, o) > u_i(s, o) for every player i, every other strategy s and
    every opponents' profile o; the deviation from (t_i, o) to (s, o) must lose strictly."""
    comparisons: dict[int, list[Deviation]] = {i: [] for i in range(game.n_players)}
    for profile in game.profiles():
        for i in range(game.n_players):
            if profile[i] == target[i]:
                comparisons[i] += deviations(game, U, W, profile, i)
    return comparison_set(Criterion.DOMINANT, game, target, comparisons, True)


def held_sets(game: Game, U: np.ndarray, W: np.ndarray, target: Profile, k: int) -> HeldSets:
    """The others' Nash set with player k held at each of its strategies, and whether one of
    k's strategies strictly dominates at every κ ≥ 0."""
    others = [i for i in range(game.n_players) if i != k]
    nash = {}
    for s in range(game.shape[k]):
        fixed = target[:k] + (s,) + target[k + 1 :]
        comparisons = {i: deviations(game, U, W, fixed, i) for i in others}
        nash[game.players[k].strategies[s]] = comparison_set(Criterion.NASH, game, fixed, comparisons, False, held=k)
    dominant = None
    for s in range(game.shape[k]):
        devs = [d for profile in game.profiles() if profile[k] == s for d in deviations(game, U, W, profile, k)]
        intervals = scan(breakpoints(devs), stable(devs, strict=True))
        if intervals and intervals[0].lo == 0 and intervals[0].lo_closed and intervals[0].hi is None:
            dominant = game.players[k].strategies[s]
    return HeldSets(k, nash, dominant)


# --- risk dominance ------------------------------------------------------------------------------


def confront_profile(game: Game, target: Profile) -> Profile | None:
    """In a 2x2 game, each player's other strategy; None elsewhere."""
    if game.shape != (2, 2):
        return None
    return tuple(1 - t for t in target)


def risk_dominance_set(game: Game, U: np.ndarray, W: np.ndarray, target: Profile) -> RiskDominanceSet:
    """``risk_dominant`` (2x2; Harsanyi & Selten 1988): the target t and the all-confront
    profile d are strict equilibria and (R1−T1)(R2−T2) > (P1−S1)(P2−S2), or t is strict and
    d is no strict equilibrium."""
    d = confront_profile(game, target)
    if d is None:
        return RiskDominanceSet(
            criterion=Criterion.RISK_DOMINANT, game=game, target=target, intervals=(), defined=False, confront=None
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

    intervals = tuple(scan(breakpoints(t_devs) + breakpoints(d_devs) + roots, holds))
    return RiskDominanceSet(
        criterion=Criterion.RISK_DOMINANT, game=game, target=target, intervals=intervals, confront=d
    )


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


# --- uniqueness ----------------------------------------------------------------------------------


def unique_set(game: Game, target: Profile, costs: tuple[str, ...], nash: ComparisonSet) -> UniqueSet:
    """``unique`` in ``game`` (the players with a choice) from ``nash``, the target's Nash
    set: empty where that is; else every piece where the target is the only equilibrium
    (:func:`sovgame.costs.uniqueness.uniqueness_of`)."""
    from . import uniqueness  # looked up on the module: tests swap in a reference method

    if not nash.intervals:
        return UniqueSet(
            criterion=Criterion.UNIQUE,
            game=game,
            target=target,
            intervals=(),
            costs=costs,
            not_even_nash=nash,
            nash=nash,
        )
    found = uniqueness.uniqueness_of(game, costs, target)
    return UniqueSet(
        criterion=Criterion.UNIQUE,
        game=game,
        target=target,
        intervals=found.intervals,
        defined=found.defined,
        notes=tuple(found.notes),
        costs=costs,
        uniqueness=found,
        nash=nash,
    )


def criterion_set(
    game: Game, criterion: Criterion, target: Profile, costs: tuple[str, ...], nash: ComparisonSet | None = None
) -> CriterionSet:
    """One criterion's set for ``target`` (``unique`` starts from ``nash``, found when not
    given). Players with a single strategy never deviate: uniqueness and risk dominance are
    those of the others' game."""
    U, W = game.payoffs, game.cost_load(costs)
    if criterion in (Criterion.NASH, Criterion.STRICT):
        return nash_set(game, U, W, target, strict=criterion == Criterion.STRICT)
    if criterion == Criterion.DOMINANT:
        return dominance_set(game, U, W, target)
    solved, own = game.without_single_strategy_players(), game.solved_profile(target)
    if criterion == Criterion.RISK_DOMINANT:
        return risk_dominance_set(solved, solved.payoffs, solved.cost_load(costs), own)
    return unique_set(solved, own, costs, nash if nash is not None else nash_set(game, U, W, target))


def every_criterion_set(game: Game, target: Profile, costs: tuple[str, ...]) -> dict[str, CriterionSet]:
    """Each criterion's set for ``target``, by name in the order of :data:`CRITERIA`."""
    nash = nash_set(game, game.payoffs, game.cost_load(costs), target)
    return {c.value: nash if c == Criterion.NASH else criterion_set(game, c, target, costs, nash) for c in CRITERIA}
