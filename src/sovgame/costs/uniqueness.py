"""Where the target is the only equilibrium: the exact set of κ of the ``unique`` criterion.

Two players, exactly: the set of κ ≥ 0 where the target is the only equilibrium, mixed ones
included, as a union of intervals in increasing order — any number of pieces, bounded or not,
each end rational or a certified irrational :class:`~sovgame.core.roots.Root`, open or closed.

**The walk.** The pairwise breakpoints (:func:`~sovgame.costs.regimes.pairwise_breakpoints`)
cut κ ≥ 0 into points and open gaps on which every comparison of two payoffs keeps its sign.
On each the target's :class:`~sovgame.costs.support_pairs.Standing` is exact and constant:
*alone* (iterated strict dominance leaves only the target; the survivors hold every
equilibrium), *not alone* (the target is no equilibrium, another pure profile is one, or a
continuum through the target), or *open*. The walk goes up every element from κ = 0 (those
where the target is no pure equilibrium are not alone without more ado: the set lies inside
the Nash set). An open point is solved exactly; an open gap (lo, hi) is cut further at the
*kept* roots of its candidate support pairs
(:func:`~sovgame.costs.support_pairs.pair_breakpoints`): each piece between consecutive kept
roots is decided at one rational inside it — not alone where a pair strictly holds (a
nondegenerate mixed equilibrium), alone where no pair holds even weakly (a rival would make one
hold, as below), else by solving the game reduced to the dominance survivors (same
equilibria) — and each kept root itself exactly: a rational one by the same test, an
irrational one r by a limit where it can, else by the signs of the support polynomials there
(:mod:`~sovgame.costs.root_points`: the candidate pairs that hold at r, and where one of
them is singular there, every vertex of the reduced game). The limit: where the target is a
strict equilibrium (on the whole pairwise gap, so at r) and a piece next to r is not alone, r
is not alone either — rivals (x_n, y_n) at κ_n → r from that piece have a limit point, an
equilibrium at r (the equilibrium conditions are closed in κ and the mixes), and it is not
the target: near a strict equilibrium and near r each player's only best reply is its target
strategy, so rivals that close to the target would be the target itself. Consecutive elements
where the target is alone make one piece of the set; a point element closes the piece's end,
a gap leaves it open.

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
nondegenerate equilibrium on (Î, Ĵ) exists throughout — at the stretch's test point too, so
the stretch is found not alone; or κ₀ is a root of the pair at which it holds, and such a
root is kept (decided exactly, rational or not) and is itself an element of the walk.
Conversely a stretch whose test point has the target alone has it alone throughout, by the
same argument at any κ₀ in it. So each element's answer holds on the whole element, and
the pieces are the exact set; :mod:`tests/costs/reference_unique.py` checks it against
solving at every root of every support pair.

**Gaps full of rivals.** Before listing its candidate pairs, an open gap whose survivors have
many support pairs is tried by :mod:`sovgame.costs.rival_cover`: where rival equilibria are
proved at every κ of it (or at all but finitely many, the target strict), it is one element,
not alone, which is what the walk would find on each of its stretches.

Each piece carries what keeps the target from being alone just beyond its ends
(:class:`Neighbour`): the pure equilibria there and whether the target is an equilibrium at
all, read at one rational of the element next to it — they are the same anywhere in that
element, since pure equilibria change only at pairwise breakpoints.

More players (:func:`tail_of_uniqueness`): pure equilibria change only at pairwise
breakpoints; iterated strict dominance proves uniqueness from above, the only pure
equilibrium bounds it from below, and between the two the answer is exact by
:mod:`sovgame.costs.unique_nplayer` (mixed equilibria enumerated between their breakpoints in
κ) unless those breakpoints cannot be listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from ..core.budget import open_gap_work, require, solve_work, support_pair_work, support_pairs, walk_work
from ..core.intervals import Endpoint, Interval, Root, between, sort_points
from ..core.model import Game, Profile
from ..solvers.equilibria import pure_equilibria
from ..solvers.pivoting import solve_two_player
from .regimes import pairwise_breakpoints, representative
from .rival_cover import covered_by_rivals
from .root_points import PairAtRoot, alone_at_root, pair_at_root
from .support_pairs import (
    PairBreakpoints,
    Standing,
    candidate_pairs,
    inside,
    members,
    pair_breakpoints,
    standing,
    strictly_holds,
    weakly_holds,
)
from .support_pairs import pure_equilibria as integer_pure_equilibria
from .support_polynomials import IntegerGame
from .unique_nplayer import EXACT_NOTE, exact_tail

#: Support pairs of the survivors from which an open gap is first tried by witnesses.
COVER_FROM_PAIRS = 500

IRRATIONAL_NOTE = "the threshold is an irrational root, given as a rational bracket"


@dataclass(frozen=True)
class Tail:
    """Three or more players: where 'the target is the only equilibrium for every larger κ'
    starts.

    ``only_pure_from``: where the last stretch on which the target is the only pure
    equilibrium starts (None: there is none); the tail itself is where iterated strict
    dominance proves it alone, and ``bracket`` spans the two when they differ.
    ``enumerated``: every equilibrium, mixed ones included, was enumerated exactly between
    the breakpoints, so the start is exact; ``unresolved`` says why that enumeration could
    not decide it.
    """

    start: Endpoint | None
    attained: bool = False
    bracket: tuple[Fraction, Fraction] | None = None
    notes: tuple[str, ...] = ()
    defined: bool = True
    only_pure_from: Endpoint | None = None
    enumerated: bool = False
    unresolved: str | None = None


@dataclass(frozen=True)
class Neighbour:
    """What keeps the target from being alone just beyond one ``end`` of a piece (two
    players), read at ``kappa`` in the element next to it: whether the target is an
    equilibrium there (``target_nash``) and the other ``pure`` equilibria. ``kappa`` is None
    at an irrational point, where the rival can only be mixed (pure equilibria change at
    rational breakpoints only)."""

    end: Endpoint
    kappa: Fraction | None
    target_nash: bool = True
    pure: tuple[Profile, ...] = ()


@dataclass(frozen=True)
class Piece:
    """One interval of the set, with its neighbours ``below`` (None: it starts at κ = 0) and
    ``above`` (None: it is unbounded)."""

    interval: Interval
    below: Neighbour | None = None
    above: Neighbour | None = None


@dataclass(frozen=True)
class Uniqueness:
    """The set of κ where the target is the only equilibrium, piece by piece.

    ``bracket``: the isolating interval of an irrational least κ, or (three or more players,
    ``tail`` given) the stretch in which a start not known exactly lies. ``defined`` is
    False when nothing can be said (three or more players: no proof of uniqueness anywhere).
    """

    pieces: tuple[Piece, ...]
    bracket: tuple[Fraction, Fraction] | None = None
    notes: tuple[str, ...] = ()
    defined: bool = True
    tail: Tail | None = None

    @property
    def intervals(self) -> tuple[Interval, ...]:
        """The set as intervals in increasing order."""
        return tuple(p.interval for p in self.pieces)

    @staticmethod
    def of_tail(tail: Tail) -> Uniqueness:
        """The set [start, ∞) (or (start, ∞)) of a tail of three or more players."""
        pieces = () if tail.start is None or not tail.defined else (Piece(Interval(tail.start, tail.attained, None)),)
        return Uniqueness(pieces, tail.bracket, tail.notes, tail.defined, tail)


def uniqueness_of(game: Game, costs: Sequence[str], target: Profile) -> Uniqueness:
    """Where ``target`` is the only equilibrium (module docstring)."""
    # A 2x2x1 game is the 2x2 game of the others: mixed equilibria included.
    game, target = game.without_single_strategy_players(), game.solved_profile(target)
    if game.n_players > 2:
        return Uniqueness.of_tail(tail_of_uniqueness(game, costs, target))
    return _Walk(game, costs, (target[0], target[1])).run()


class Element(NamedTuple):
    """A point (``lo`` = ``hi``) or an open gap of the walk, and whether the target is alone there."""

    lo: Endpoint
    hi: Endpoint | None
    point: bool
    alone: bool


class _Walk:
    """The two-player walk up the pairwise elements (module docstring)."""

    def __init__(self, game: Game, costs: Sequence[str], target: tuple[int, int]):
        self.game, self.costs, self.target = game, costs, target
        self.ints = IntegerGame(game, costs)
        # The walk over every pairwise breakpoint there can be is counted by thresholds_work.
        self.points: list[Endpoint] = sort_points(self.ints.pairwise_breakpoints())
        self.cache = PairBreakpoints(self.ints)

    def payoffs(self, kappa: Fraction) -> tuple[list[list[int]], list[list[int]]]:
        """Both players' integer payoffs at κ (own strategies as rows)."""
        return self.ints.at(0, kappa), self.ints.at(1, kappa)

    def target_nash(self, a: list[list[int]], b: list[list[int]]) -> bool:
        """Whether the target is a pure equilibrium of the payoffs (a, b)."""
        t1, t2 = self.target
        return a[t1][t2] == max(row[t2] for row in a) and b[t2][t1] == max(row[t1] for row in b)

    def run(self) -> Uniqueness:
        """Every element from κ = 0 up, then the pieces they make."""
        elements: list[Element] = []
        for index, lo in enumerate(self.points):
            assert isinstance(lo, Fraction)  # pairwise breakpoints are rational
            hi = self.points[index + 1] if index + 1 < len(self.points) else None
            assert hi is None or isinstance(hi, Fraction)
            elements.append(self.point_element(lo))
            elements += self.gap_elements(lo, hi)
        pieces = self.pieces(elements)
        first = pieces[0].interval.lo if pieces else None
        if isinstance(first, Root):
            return Uniqueness(pieces, (first.lo, first.hi), (IRRATIONAL_NOTE,))
        return Uniqueness(pieces)

    def point_element(self, point: Fraction) -> Element:
        """A pairwise breakpoint, decided exactly."""
        a, b = self.payoffs(point)
        if not self.target_nash(a, b):
            return Element(point, point, True, False)
        state, alive = standing(a, b, self.target)
        return Element(
            point, point, True, state == Standing.ALONE or (state == Standing.OPEN and self.alone(point, alive))
        )

    def gap_elements(self, lo: Fraction, hi: Fraction | None) -> list[Element]:
        """A pairwise gap: one element, or, where it is open, its pieces and kept roots."""
        a, b = self.payoffs(between(lo, hi))
        if not self.target_nash(a, b):
            return [Element(lo, hi, False, False)]
        state, alive = standing(a, b, self.target)
        if state != Standing.OPEN:
            return [Element(lo, hi, False, state == Standing.ALONE)]
        require(open_gap_work(len(members(alive[0])), len(members(alive[1]))))
        strict = self.target_strict(a, b)  # constant on the pairwise gap, so at its inner roots too
        if self.rivals_everywhere(lo, hi, alive, strict):
            return [Element(lo, hi, False, False)]
        inner, active = self.inner_points(lo, hi, alive)

        def alone_at(kappa: Fraction) -> bool:
            """The target is alone at κ: no pair strictly holds, and either none holds at all
            (a rival would make one hold: module docstring) or the reduced game agrees."""
            if any(strictly_holds(systems, kappa) for systems in active):
                return False
            return not any(weakly_holds(systems, kappa) for systems in active) or self.alone(kappa, alive)

        lowers: list[Endpoint] = [lo, *inner]
        uppers: list[Endpoint | None] = [*inner, hi]
        pieces = [alone_at(between(below, above)) for below, above in zip(lowers, uppers)]
        out = [Element(lo, uppers[0], False, pieces[0])]
        for index, point in enumerate(inner):
            if isinstance(point, Fraction):
                at = alone_at(point)
            elif strict and not (pieces[index] and pieces[index + 1]):
                at = False  # a rival next to it has a limit at it (module docstring)
            else:
                at = self.alone_at_root(point, alive, active)
            out += [Element(point, point, True, at), Element(point, uppers[index + 1], False, pieces[index + 1])]
        return out

    def rivals_everywhere(self, lo: Fraction, hi: Fraction | None, alive: tuple[int, int], strict: bool) -> bool:
        """Whether rival equilibria provably cover the open gap (lo, hi) but for finitely many
        points where the strict target has them as limits, or all of it (:mod:`sovgame.costs.rival_cover`).
        Tried where the survivors have enough support pairs for the pair-by-pair walk to cost
        more than a few exact solves."""
        rows, cols = len(members(alive[0])), len(members(alive[1]))
        if support_pairs(rows, cols) < COVER_FROM_PAIRS:
            return False
        return covered_by_rivals(self.cache, alive, self.target, (lo, hi), strict)

    def target_strict(self, a: list[list[int]], b: list[list[int]]) -> bool:
        """Whether every deviation from the target strictly loses at the payoffs (a, b)."""
        t1, t2 = self.target
        rows = all(row[t2] < a[t1][t2] for r, row in enumerate(a) if r != t1)
        return rows and all(row[t1] < b[t2][t1] for c, row in enumerate(b) if c != t2)

    def inner_points(self, lo: Fraction, hi: Fraction | None, alive: tuple[int, int]) -> tuple[list[Endpoint], list]:
        """An open gap's kept roots, sorted, and the systems of the pairs that may hold there."""
        a, b = self.payoffs(between(lo, hi))
        rows, cols = len(members(alive[0])), len(members(alive[1]))  # open_gap_work: counted by the caller
        pairs = candidate_pairs(a, b, alive)
        require(support_pair_work([len(I) for I, _ in pairs], rows + cols))
        inner: list[Endpoint] = []
        active = []
        for pair in pairs:
            kept, systems = pair_breakpoints(self.cache, pair, alive, lo, hi)
            inner += kept
            if systems is not None:
                active.append(systems)
        return [x for x in sort_points(inner) if inside(x, lo, hi)], active

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

    def alone_at_root(self, root: Root, alive: tuple[int, int], active: list) -> bool:
        """Whether the target is the only equilibrium at an irrational kept root, by the signs
        of the support polynomials there: the candidate pairs ``active`` first, the vertices
        of the reduced game where a pair that holds there is singular
        (:mod:`sovgame.costs.root_points`)."""
        root = root.refined((root.hi - root.lo) / 2**32)  # narrow once: most signs are then read at once
        said = {pair_at_root(systems, root, self.target) for systems in active}
        if PairAtRoot.RIVAL in said:
            return False
        if PairAtRoot.SINGULAR not in said:
            return True
        rows, cols = members(alive[0]), members(alive[1])
        systems = support_pairs(len(rows), len(cols), smallest=1)
        require(support_pair_work([min(len(rows), len(cols))] * 2 * systems, len(rows) + len(cols)))
        return alone_at_root(self.cache.system, rows, cols, self.target, root)

    def pieces(self, elements: list[Element]) -> tuple[Piece, ...]:
        """Runs of elements where the target is alone, as intervals with their neighbours."""
        pieces = []
        start = None
        for index, element in enumerate(elements):
            if element.alone and start is None:
                start = index
            last = index == len(elements) - 1
            if start is not None and (last or not elements[index + 1].alone):
                first, end = elements[start], element
                hi, hi_closed = (end.lo, True) if end.point else (end.hi, False)
                interval = Interval(first.lo, first.point, hi, hi_closed)
                below = self.neighbour(elements[start - 1], first.lo) if start > 0 else None
                above = None if last else self.neighbour(elements[index + 1], hi)
                pieces.append(Piece(interval, below, above))
                start = None
        return tuple(pieces)

    def neighbour(self, element: Element, end: Endpoint | None) -> Neighbour:
        """What holds in ``element``, next to the piece end ``end`` (:class:`Neighbour`)."""
        assert end is not None
        if element.point and isinstance(element.lo, Root):
            return Neighbour(end, None)
        kappa = element.lo if element.point else between(element.lo, element.hi)
        assert isinstance(kappa, Fraction)
        a, b = self.payoffs(kappa)
        rivals = tuple(p for p in integer_pure_equilibria(a, b) if p != self.target)
        return Neighbour(end, kappa, self.target_nash(a, b), rivals)


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


def tail_of_uniqueness(game: Game, costs: Sequence[str], target: Profile) -> Tail:
    """Three or more players: the κ from which ``target`` is the unique equilibrium for good,
    as far as iterated strict dominance and the pure equilibria tell (module docstring)."""
    game, target = game.without_single_strategy_players(), game.solved_profile(target)
    return _tail_by_dominance(game, costs, target)


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
