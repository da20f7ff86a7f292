"""Where the target becomes the only equilibrium for good: the tail of the ``unique`` threshold.

The answer is the last stretch of κ, walking down from κ = ∞, on which the target is the only
equilibrium, mixed ones included. Two players, exactly:

**The walk.** The pairwise breakpoints (:func:`~sovgame.costs.regimes.pairwise_breakpoints`)
cut κ ≥ 0 into points and open gaps on which every comparison of two payoffs keeps its sign.
On each the target's :class:`~sovgame.costs.support_pairs.Standing` is exact and constant:
*alone* (iterated strict dominance leaves only the target; the survivors hold every
equilibrium), *not alone* (the target is no equilibrium, another pure profile is one, or a
continuum through the target), or *open*. The walk goes down gap, point, gap, ... and stops
at the first element where the target is not alone. An open point is solved exactly; an open
gap (lo, hi) is cut further at the *kept* roots of its candidate support pairs
(:func:`~sovgame.costs.support_pairs.pair_breakpoints`), and each piece and rational root is
decided exactly: not alone where a pair strictly holds (a nondegenerate mixed equilibrium),
else by solving the game reduced to the dominance survivors (same equilibria).

**Why nothing is missed.** Let (x, y) ≠ target be an equilibrium at κ₀ in an open gap, with
supports I, J and best-reply sets BR(x) ⊇ J, BR(y) ⊇ I. Take it extreme (another equilibrium
means another extreme one: the equilibria form finitely many polytopes whose vertices are
extreme equilibria). Then x is a vertex of its best-response polytope, so |BR(x)| ≥ |I|, and
likewise |BR(y)| ≥ |J|; with J ⊆ BR(x) and I ⊆ BR(y) both are ≥ s = max(|I|, |J|) ≥ 2 (both
pure would be a pure equilibrium, constant on the gap, and the gap is open). Choose
I ⊆ Î ⊆ BR(y) and J ⊆ Ĵ ⊆ BR(x) with |Î| = |Ĵ| = s. At κ₀ the pair (Î, Ĵ) *holds*: y, padded
with zeros, solves the row player's indifference system on (Î, Ĵ) (or that system is
singular, which counts as holding), every row outside Î pays at most the value, and the same
for x. The pair is also a candidate: Î, Ĵ lie within the survivors (best replies to mixes on
survivors survive), and no strategy of Î is beaten by one pure strategy on all of Ĵ ⊇ J (it
would not be a best reply to y). Descartes' rule rules out only pairs whose conditions fail
strictly on the whole gap, so not this one. So either κ₀ is inside a piece of (Î, Ĵ) on
which it holds, hence strictly (no polynomial of the pair vanishes on a piece), and that
piece, whose ends are kept roots, contains the whole stretch of the walk around κ₀, where a
nondegenerate equilibrium on (Î, Ĵ) exists throughout; or κ₀ is a root of the pair, kept
and solved exactly when rational. Whether the target is alone is therefore constant between
consecutive kept points, and the walk's answer is that of walking every root of every
support pair (the every-breakpoint method, kept as a test reference), including its convention for
irrational roots: such a point is decided by the gaps on both sides.

More players: pure equilibria change only at pairwise breakpoints; iterated strict
dominance proves uniqueness from above, the only pure equilibrium bounds it from below, and
between the two the answer is exact by :mod:`sovgame.costs.unique_nplayer` (mixed equilibria
enumerated between their breakpoints in κ) unless those breakpoints cannot be listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.budget import open_gap_work, require, solve_work, support_pair_work, walk_work
from ..core.intervals import Endpoint, Root, between, sort_points
from ..core.model import Game, Profile
from ..solvers.equilibria import Equilibrium, Solution, pure_equilibria
from ..solvers.pivoting import solve_two_player
from .regimes import pairwise_breakpoints, representative
from .support_pairs import (
    PairBreakpoints,
    Standing,
    candidate_pairs,
    inside,
    members,
    pair_breakpoints,
    standing,
    strictly_holds,
)
from .support_polynomials import IntegerGame
from .unique_nplayer import EXACT_NOTE, exact_tail

IRRATIONAL_NOTE = "the threshold is an irrational root, given as a rational bracket"


@dataclass(frozen=True)
class Tail:
    """Where 'the target is the only equilibrium for every larger κ' starts.

    ``rival_kappa`` (two players, a rational start > 0): a cost level just below the start,
    where the rival equilibria that keep the target from being alone are looked up.
    ``survivors`` (two players, no tail): the equilibria above every breakpoint, among them
    the rival that survives at every cost level. ``only_pure_from`` (three or more players):
    where the last stretch on which the target is the only pure equilibrium starts (None:
    there is none); the tail itself is where iterated strict dominance proves it alone, and
    ``bracket`` spans the two when they differ. ``enumerated`` (three or more players): every
    equilibrium, mixed ones included, was enumerated exactly between the breakpoints, so the
    start is exact; ``unresolved`` says why that enumeration could not decide it.
    """

    start: Endpoint | None
    attained: bool = False
    bracket: tuple[Fraction, Fraction] | None = None
    notes: tuple[str, ...] = ()
    defined: bool = True
    rival_kappa: Fraction | None = None
    survivors: Solution | None = None
    only_pure_from: Endpoint | None = None
    enumerated: bool = False
    unresolved: str | None = None


def tail_of_uniqueness(game: Game, costs: Sequence[str], target: Profile) -> Tail:
    """The κ from which ``target`` is the unique equilibrium for good (module docstring)."""
    # A 2x2x1 game is the 2x2 game of the others: mixed equilibria included.
    game, target = game.without_single_strategy_players(), game.solved_profile(target)
    if game.n_players > 2:
        return _tail_by_dominance(game, costs, target)
    return _Walk(game, costs, (target[0], target[1])).run()


class _Walk:
    """The two-player walk down the pairwise elements (module docstring)."""

    def __init__(self, game: Game, costs: Sequence[str], target: tuple[int, int]):
        self.game, self.costs, self.target = game, costs, target
        self.ints = IntegerGame(game, costs)
        # The walk over every pairwise breakpoint there can be is counted by thresholds_work.
        self.points: list[Endpoint] = sort_points(self.ints.pairwise_breakpoints())
        self.cache = PairBreakpoints(self.ints)
        self.rational: set[Fraction] = {p for p in self.points if isinstance(p, Fraction)}

    def payoffs(self, kappa: Fraction) -> tuple[list[list[int]], list[list[int]]]:
        """Both players' integer payoffs at κ (own strategies as rows)."""
        return self.ints.at(0, kappa), self.ints.at(1, kappa)

    def run(self) -> Tail:
        """Walk down from the top gap; the first element where the target is not alone ends it."""
        for index in range(len(self.points) - 1, -1, -1):
            lo = self.points[index]
            hi = self.points[index + 1] if index + 1 < len(self.points) else None
            assert isinstance(lo, Fraction) and (hi is None or isinstance(hi, Fraction))  # pairwise: rational
            kappa = between(lo, hi)
            state, alive = standing(*self.payoffs(kappa), self.target)
            if state == Standing.NOT_ALONE:
                return self.fail_in_gap(hi, kappa)
            if state == Standing.OPEN:
                failed = self.walk_open_gap(lo, hi, alive)
                if failed is not None:
                    return failed
            state, alive = standing(*self.payoffs(lo), self.target)
            if state == Standing.NOT_ALONE or (state == Standing.OPEN and not self.alone(lo, alive)):
                return self.fail_at_point(lo, index)
        return Tail(Fraction(0), attained=True)

    def inner_points(self, lo: Fraction, hi: Fraction | None, alive: tuple[int, int]) -> tuple[list[Endpoint], list]:
        """An open gap's kept roots, sorted, and the systems of the pairs that may hold there."""
        a, b = self.payoffs(between(lo, hi))
        rows, cols = len(members(alive[0])), len(members(alive[1]))
        require(open_gap_work(rows, cols))
        pairs = candidate_pairs(a, b, alive)
        require(support_pair_work([len(I) for I, _ in pairs], rows + cols))
        inner: list[Endpoint] = []
        active = []
        for pair in pairs:
            kept, systems = pair_breakpoints(self.cache, pair, alive, lo, hi)
            inner += kept
            if systems is not None:
                active.append(systems)
        points = [x for x in sort_points(inner) if inside(x, lo, hi)]
        self.rational.update(x for x in points if isinstance(x, Fraction))
        return points, active

    def walk_open_gap(self, lo: Fraction, hi: Fraction | None, alive: tuple[int, int]) -> Tail | None:
        """Walk an open gap down its kept roots: the failure, or None if the target stays alone."""
        inner, active = self.inner_points(lo, hi, alive)

        def alone_at(kappa: Fraction) -> bool:
            """The target is alone at κ: no pair strictly holds, and the reduced game agrees."""
            return not any(strictly_holds(systems, kappa) for systems in active) and self.alone(kappa, alive)

        uppers: list[Endpoint | None] = [*inner, hi]
        lowers: list[Endpoint] = [lo, *inner]
        for below, above in zip(reversed(lowers), reversed(uppers)):
            kappa = between(below, above)
            if not alone_at(kappa):
                return self.fail_in_gap(above, kappa)
            if below != lo and isinstance(below, Fraction) and not alone_at(below):
                return Tail(below, attained=False, rival_kappa=self.rival_kappa(below))
        return None

    def alone(self, kappa: Fraction, alive: tuple[int, int]) -> bool:
        """Whether the target is the only equilibrium at κ, solved exactly on the game reduced
        to the dominance survivors ``alive`` (the same equilibria)."""
        rows, cols = members(alive[0]), members(alive[1])
        require(solve_work((len(rows), len(cols)), mixed=False))
        a, b = self.payoffs(kappa)  # scaled by positive factors: the same equilibria
        A = [[a[r][c] for c in cols] for r in rows]
        B = [[b[c][r] for c in cols] for r in rows]
        solution = solve_two_player(A, B)
        if len(solution.equilibria) != 1 or self.target[0] not in rows or self.target[1] not in cols:
            return False
        only = solution.equilibria[0]
        return only.row[rows.index(self.target[0])] == 1 and only.col[cols.index(self.target[1])] == 1

    def fail_in_gap(self, above: Endpoint | None, kappa: Fraction) -> Tail:
        """The target is not alone on the gap below ``above`` (at κ, inside it): the tail
        starts at ``above``."""
        if above is None:
            return Tail(None, survivors=self.pure_solution(kappa))
        if isinstance(above, Root):
            return Tail(above, attained=False, bracket=(above.lo, above.hi), notes=(IRRATIONAL_NOTE,))
        return Tail(above, attained=True, rival_kappa=self.rival_kappa(above))

    def fail_at_point(self, point: Fraction, index: int) -> Tail:
        """The target is not alone at the pairwise point: the tail is the gap above it. The
        gap below is cut at its kept roots first (when open), for :meth:`rival_kappa`."""
        if index > 0:
            lo = self.points[index - 1]
            assert isinstance(lo, Fraction)
            state, alive = standing(*self.payoffs(between(lo, point)), self.target)
            if state == Standing.OPEN:
                self.inner_points(lo, point, alive)
        return Tail(point, attained=False, rival_kappa=self.rival_kappa(point))

    def rival_kappa(self, start: Fraction) -> Fraction | None:
        """Halfway between the largest rational breakpoint the walk knows below ``start`` and
        ``start``: the cost level where the rival that keeps the target from being alone just
        below the start is looked up."""
        below = [p for p in self.rational if p < start]
        return (max(below) + start) / 2 if below else None

    def pure_solution(self, kappa: Fraction) -> Solution:
        """The pure equilibria at κ in the solver's order (all that the reason reads), as a
        :class:`Solution` that says it is not complete."""
        payoffs = self.game.payoffs_at(kappa, self.costs)
        m, n = self.ints.shape
        found = []
        for r, c in pure_equilibria(payoffs):
            strategies = (
                tuple(Fraction(int(i == r)) for i in range(m)),
                tuple(Fraction(int(j == c)) for j in range(n)),
            )
            found.append(Equilibrium(strategies, tuple(payoffs[r, c])))
        return Solution(self.game, kappa, tuple(found), None, False, "exact pure-profile search")


# --- three or more players ---------------------------------------------------------------------


def surviving_strategies(payoffs: np.ndarray) -> list[list[int]]:
    """Iterated elimination of pure strategies strictly dominated by pure strategies.

    Strategies removed this way are played in no equilibrium, mixed ones included.
    """
    alive = [list(range(k)) for k in payoffs.shape[:-1]]
    changed = True
    while changed:
        changed = False
        for i in range(len(alive)):
            sub = payoffs[np.ix_(*alive)][..., i]
            keep = []
            for a_pos, a in enumerate(alive[i]):
                row_a = np.take(sub, a_pos, axis=i)
                dominated = any(
                    all(x < y for x, y in zip(row_a.ravel(), np.take(sub, b_pos, axis=i).ravel()))
                    for b_pos in range(len(alive[i]))
                    if b_pos != a_pos
                )
                if not dominated:
                    keep.append(a)
            if len(keep) < len(alive[i]):
                alive[i] = keep
                changed = True
    return alive


def _tail_by_dominance(game: Game, costs, target: Profile) -> Tail:
    """3+ players: the target is alone after iterated strict dominance (sufficient), and it is
    the only pure equilibrium (necessary); both exact over pairwise breakpoints."""
    points = sort_points(pairwise_breakpoints(game, costs))
    require(walk_work(game.shape, len(points)))  # refused before the walk when past the work limit
    elements = [(kind, index) for index in range(len(points)) for kind in ("point", "gap")]

    def tail(test: Callable[[Fraction], bool]) -> tuple[Endpoint | None, bool]:
        """Where the last stretch on which ``test`` holds up to κ = ∞ starts, and whether it includes that point."""
        start = None
        for pos in range(len(elements) - 1, -1, -1):
            kind, index = elements[pos]
            kappa = representative(points, index, kind)  # never None: pairwise breakpoints are rational
            if kappa is None or not test(kappa):
                break
            start = pos
        if start is None:
            return None, False
        kind, index = elements[start]
        return points[index], kind == "point"

    def alone_after_dominance(kappa: Fraction) -> bool:
        """Iterated strict dominance at κ leaves only the target."""
        return all(
            len(a) == 1 and a[0] == t for a, t in zip(surviving_strategies(game.payoffs_at(kappa, costs)), target)
        )

    def only_pure(kappa: Fraction) -> bool:
        """The target is the only pure equilibrium at κ."""
        return pure_equilibria(game.payoffs_at(kappa, costs)) == [tuple(target)]

    upper, upper_attained = tail(alone_after_dominance)
    lower, lower_attained = tail(only_pure)
    note = "3+ players: uniqueness proved by iterated strict dominance (which rules out mixed equilibria too)"
    if lower is None:
        return Tail(None, notes=(note,))
    if upper is not None and upper == lower and upper_attained == lower_attained:
        return Tail(upper, attained=upper_attained, notes=(note,), only_pure_from=lower)
    return _between_pure_and_dominance(game, costs, target, points, (lower, lower_attained), (upper, upper_attained))


def _between_pure_and_dominance(game: Game, costs, target: Profile, points, lower, upper) -> Tail:
    """3+ players, when the target is the only pure equilibrium from ``lower`` on but dominance
    proves it alone only from ``upper`` on (None: never): exact by
    :mod:`sovgame.costs.unique_nplayer`, else the bracket [lower, upper]."""
    (low, _), (high, high_attained) = lower, upper
    exact = exact_tail(game, costs, target, points, lower, upper)
    if not isinstance(exact, str):
        start, attained, _ = exact
        if start is None:
            return Tail(None, notes=(EXACT_NOTE,), only_pure_from=low, enumerated=True)
        bracket = (start.lo, start.hi) if isinstance(start, Root) else None
        notes = (EXACT_NOTE, IRRATIONAL_NOTE) if bracket else (EXACT_NOTE,)
        return Tail(start, attained=attained, bracket=bracket, notes=notes, only_pure_from=low, enumerated=True)
    note = f"3+ players: mixed equilibria between the two could not be decided exactly ({exact})"
    if high is None:
        return Tail(None, defined=False, notes=(note,), only_pure_from=low, unresolved=exact)
    return Tail(
        high,
        attained=high_attained,
        bracket=(
            Fraction(low) if isinstance(low, Fraction) else low.lo,
            Fraction(high) if isinstance(high, Fraction) else high.hi,
        ),
        notes=(note,),
        only_pure_from=low,
        unresolved=exact,
    )
