"""What the signs of a two-player game's pairwise comparisons prove about its equilibria, and
which support pairs can still hold one (used by :mod:`sovgame.costs.uniqueness`).

Between two consecutive pairwise breakpoints every comparison of two payoffs of a player
against one strategy of the other keeps its sign, so everything here is constant on such a
gap: the survivors of iterated strict dominance by pure strategies, the pure equilibria, and
the :class:`Standing` of the target. Strategies are bit masks (bit i: strategy i); payoffs
are the integer matrices of :class:`~sovgame.costs.support_polynomials.IntegerGame` at one κ, own
strategies as rows (``a`` the row player's m×n, ``b`` the column player's n×m).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from enum import StrEnum
from fractions import Fraction

from ..core.intervals import Endpoint, Root, between, compare, sort_points
from .regimes import polynomial_roots
from .support_polynomials import IntegerGame, SupportSystem, constant_sign, multiply

Matrix = list[list[int]]
Pair = tuple[tuple[int, ...], tuple[int, ...]]


class Standing(StrEnum):
    """What the pairwise signs prove about the target on a stretch of κ."""

    ALONE = "alone"  # iterated strict dominance leaves only the target
    NOT_ALONE = "not alone"  # the target is no equilibrium, another pure profile is, or a continuum
    OPEN = "open"  # neither: mixed equilibria decide


def members(mask: int) -> list[int]:
    """The strategies in a bit mask, in increasing order."""
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def beats(a: Matrix) -> list[list[int]]:
    """beats[w][l]: the mask of the other's strategies c against which w pays more than l."""
    return [[sum(1 << c for c, (x, y) in enumerate(zip(win, lose)) if x > y) for lose in a] for win in a]


def iterated_dominance(a: Matrix, b: Matrix) -> tuple[int, int]:
    """The survivors (masks) of iterated elimination of pure strategies strictly dominated by
    pure strategies. No equilibrium, mixed ones included, plays a removed strategy, and the
    game reduced to the survivors has the same equilibria."""
    comparisons = (beats(a), beats(b))
    alive = [(1 << len(a)) - 1, (1 << len(b)) - 1]
    changed = True
    while changed:
        changed = False
        for p in (0, 1):
            own, other, wins = alive[p], alive[1 - p], comparisons[p]
            removed = 0
            for lose in members(own):
                if any(w != lose and other & ~wins[w][lose] == 0 for w in members(own)):
                    removed |= 1 << lose
            if removed:
                alive[p] = own & ~removed
                changed = True
    return alive[0], alive[1]


def pure_equilibria(a: Matrix, b: Matrix) -> list[tuple[int, int]]:
    """Every pure equilibrium (row, column) in row-major order, the order the solver lists them."""
    m, n = len(a), len(b)
    column_best = [max(a[r][c] for r in range(m)) for c in range(n)]
    row_best = [max(b[c][r] for c in range(n)) for r in range(m)]
    return [(r, c) for r in range(m) for c in range(n) if a[r][c] == column_best[c] and b[c][r] == row_best[r]]


def standing(a: Matrix, b: Matrix, target: tuple[int, int]) -> tuple[Standing, tuple[int, int]]:
    """The target's :class:`Standing` and the dominance survivors.

    Not alone when one player ties at the target while the other's reply is strict: the
    first may mix in the tied strategy a little, and the second still replies with its
    target strategy, a continuum of equilibria.
    """
    t1, t2 = target
    alive = iterated_dominance(a, b)
    if alive == (1 << t1, 1 << t2):
        return Standing.ALONE, alive
    pure = pure_equilibria(a, b)
    if pure != [target]:
        return Standing.NOT_ALONE, alive
    row_gaps = [a[r][t2] - a[t1][t2] for r in range(len(a)) if r != t1]
    col_gaps = [b[c][t1] - b[t2][t1] for c in range(len(b)) if c != t2]
    row_tie, col_tie = 0 in row_gaps, 0 in col_gaps
    if (row_tie and all(g < 0 for g in col_gaps)) or (col_tie and all(g < 0 for g in row_gaps)):
        return Standing.NOT_ALONE, alive
    return Standing.OPEN, alive


def candidate_pairs(a: Matrix, b: Matrix, alive: tuple[int, int]) -> list[Pair]:
    """Support pairs (I, J), |I| = |J| ≥ 2, inside the survivors, such that no strategy of I is
    beaten by one pure strategy against every strategy of J, nor any of J against all of I:
    such a strategy is no best reply to any mix on the other support."""
    rows, cols = members(alive[0]), members(alive[1])
    row_wins, col_wins = beats(a), beats(b)
    row_covers = [[row_wins[w][lose] for w in range(len(a)) if w != lose] for lose in range(len(a))]
    col_covers = [[col_wins[w][lose] for w in range(len(b)) if w != lose] for lose in range(len(b))]
    pairs = []
    for k in range(2, min(len(rows), len(cols)) + 1):
        for J in itertools.combinations(cols, k):
            j_mask = sum(1 << c for c in J)
            fitting = [r for r in rows if all(j_mask & ~cover for cover in row_covers[r])]
            for I in itertools.combinations(fitting, k):
                i_mask = sum(1 << r for r in I)
                if all(i_mask & ~cover for c in J for cover in col_covers[c]):
                    pairs.append((I, J))
    return pairs


class PairBreakpoints:
    """The support systems of one game and the roots of their polynomials, computed once and
    shared by every gap of the walk (they do not depend on κ)."""

    def __init__(self, game: IntegerGame):
        self.game = game
        self._systems: dict[tuple[int, tuple[int, ...], tuple[int, ...]], SupportSystem] = {}
        self._roots: dict[tuple[Fraction, ...], list[Endpoint]] = {}

    def system(self, player: int, own: tuple[int, ...], other: tuple[int, ...]) -> SupportSystem:
        """The player's system making ``own`` indifferent by a mix on ``other``."""
        key = (player, own, other)
        if key not in self._systems:
            g = self.game
            self._systems[key] = SupportSystem(g.U[player], g.W[player], g.L[player], own, other)
        return self._systems[key]

    def roots(self, poly: list[Fraction]) -> list[Endpoint]:
        """The real roots ≥ 0 of an exact polynomial (:func:`~sovgame.costs.regimes.polynomial_roots`)."""
        key = tuple(poly)
        if key not in self._roots:
            self._roots[key] = polynomial_roots(list(poly))
        return self._roots[key]


def ruled_out(system: SupportSystem, outside: Sequence[int], lo: Fraction, hi: Fraction | None) -> bool:
    """Whether Descartes' rule proves one of the system's conditions false on all of (lo, hi):
    a mix N_j/D < 0 or an outside strategy paying more than the value, at every κ there."""
    sign_d = constant_sign(system.D, lo, hi)
    if sign_d == 0:
        return False  # singular at every κ: undecided, never ruled out
    conditions = [(poly, -1) for poly in system.N[: system.k]] + [(system.outside(r), 1) for r in outside]
    for poly, wrong in conditions:
        if sign_d is None:  # D changes sign: test the product, whose sign is that of the ratio
            if constant_sign(multiply(poly, system.D), lo, hi) == wrong:
                return True
        elif constant_sign(poly, lo, hi) == wrong * sign_d:
            return True
    return False


def inside(point: Endpoint, lo: Fraction, hi: Fraction | None) -> bool:
    """Whether a breakpoint lies in the open interval (lo, hi), decided exactly (an irrational
    root by the sign of its polynomial at the ends)."""
    return compare(point, lo) > 0 and compare(point, hi) < 0


def pair_breakpoints(
    cache: PairBreakpoints, pair: Pair, alive: tuple[int, int], lo: Fraction, hi: Fraction | None
) -> tuple[list[Endpoint], list[tuple[SupportSystem, list[int]]] | None]:
    """The roots of one pair's polynomials inside (lo, hi) next to which the pair may hold an
    equilibrium, and its systems if it may hold one anywhere there (else None).

    The roots cut (lo, hi) into pieces on which every one of the pair's polynomials keeps its
    sign, so whether the pair holds (non-strictly: :meth:`SupportSystem.holds`) is constant
    on each piece; it is tested at one rational inside each piece and at each root (an
    irrational one by exact signs, :meth:`SupportSystem.holds_at_root`). A root is kept if
    the pair holds on a piece next to it or at it.
    """
    I, J = pair
    rows, cols = members(alive[0]), members(alive[1])
    systems = []
    # One player's system at a time: a pair ruled out by the first needs no second.
    for player, own, other, outside in (
        (0, I, J, [r for r in rows if r not in I]),
        (1, J, I, [c for c in cols if c not in J]),
    ):
        system = cache.system(player, own, other)
        if ruled_out(system, outside, lo, hi):
            return [], None
        systems.append((system, outside))
    found: list[Endpoint] = []
    for system, outside in systems:
        for poly in system.fractions(outside):
            found += [x for x in cache.roots(poly) if inside(x, lo, hi)]
    points = [x for x in sort_points(found) if inside(x, lo, hi)]

    def holds(kappa: Endpoint) -> bool:
        """The pair's conditions, non-strictly, at κ (an irrational κ by exact signs there)."""
        if isinstance(kappa, Root):
            return all(system.holds_at_root(kappa, outside) for system, outside in systems)
        return all(system.holds(kappa, outside, strict=False) for system, outside in systems)

    lowers: list[Endpoint] = [lo, *points]
    uppers: list[Endpoint | None] = [*points, hi]
    pieces = [holds(between(below, above)) for below, above in zip(lowers, uppers)]
    kept = [x for i, x in enumerate(points) if pieces[i] or pieces[i + 1] or holds(x)]
    return kept, (systems if any(pieces) or kept else None)


def strictly_holds(systems: list[tuple[SupportSystem, list[int]]], kappa: Fraction) -> bool:
    """The pair is a nondegenerate mixed equilibrium at κ: every mix strictly positive, every
    surviving strategy outside it strictly worse (dominated ones are, by their dominator)."""
    return all(system.holds(kappa, outside, strict=True) for system, outside in systems)


def weakly_holds(systems: list[tuple[SupportSystem, list[int]]], kappa: Fraction) -> bool:
    """The pair's conditions hold at κ, not strictly (a singular system counts as holding):
    every equilibrium other than the target, in an open gap, makes some candidate pair hold
    so (:mod:`sovgame.costs.uniqueness`)."""
    return all(system.holds(kappa, outside, strict=False) for system, outside in systems)
