"""The set of κ where the target is the only equilibrium, by the every-breakpoint method: a
reference the faster walk of :mod:`sovgame.costs.uniqueness` must agree with.

Every κ where the equilibrium set may change is listed first: the pairwise ties and, beyond
2x2, the roots of the polynomials of *every* pair of supports, each interpolated in fractions
at k + 2 points from Fraction determinants. Then the game is solved exactly once per rational
breakpoint and per gap between breakpoints (:func:`sovgame.solvers.equilibria.solve`), and the
elements where the target is the only equilibrium are joined into intervals.

An irrational breakpoint r cannot be solved in fractions. There the target is not alone when
it is no pure equilibrium, and not alone when it is a strict equilibrium and a gap next to r
is not alone: rival equilibria at κ → r have a limit point, an equilibrium at r, and it is not
the target, since near a strict equilibrium and near r each player's only best reply is its
target strategy. Otherwise r is decided by enumerating the extreme equilibria at r: every
vertex of each player's best-response polyhedron solves a nonsingular square system of tight
constraints, whose solution is a ratio of polynomials in κ (interpolated in fractions, as the
breakpoints are), and extreme equilibria are the pairs of vertices whose supports lie in each
other's best replies; each sign at r is exact (:class:`AlgebraicPoint`: sympy's factorisation
for the minimal polynomial of r, interval arithmetic for the sign). Slow (every support pair
of the game), and simple enough to trust; it shares no code with the walk beyond the root
isolation of the breakpoints.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy

from sovgame.core.intervals import Endpoint, Interval, Root, between, sort_points
from sovgame.core.linalg import det, interpolate
from sovgame.costs.regimes import pairwise_breakpoints, polynomial_roots
from sovgame.costs.uniqueness import IRRATIONAL_NOTE, Neighbour, Piece, Uniqueness, tail_of_uniqueness
from sovgame.solvers.equilibria import solve


def support_polynomials(P0, P1, rows, cols, total, samples) -> list[list[Fraction]]:
    """Coefficients of the polynomials whose roots bound support (rows, cols) for the player
    whose payoffs are P0 − κP1 (its strategies are the rows): D, N_0..N_k, then one per row
    outside ``rows``; through the values at ``samples``, all in fractions."""
    k = len(rows)
    series: list[list[Fraction]] = [[] for _ in range(k + 2 + total - k)]
    for kappa in samples:
        P = P0 - kappa * P1
        # [[P_IJ, −1], [1ᵀ, 0]] · [y; v] = [0; 1]: the opponent's mix y on cols, value v.
        M = [[P[r, c] for c in cols] + [Fraction(-1)] for r in rows] + [[Fraction(1)] * k + [Fraction(0)]]
        N = [
            det([row[:col] + [Fraction(int(i == k))] + row[col + 1 :] for i, row in enumerate(M)])
            for col in range(k + 1)
        ]
        series[0].append(det(M))
        for col in range(k + 1):
            series[1 + col].append(N[col])
        for offset, r in enumerate(r for r in range(total) if r not in rows):
            series[k + 2 + offset].append(sum((P[r, c] * N[j] for j, c in enumerate(cols)), Fraction(0)) - N[k])
    return [interpolate(samples, values) for values in series]


def equilibrium_breakpoints(game, costs) -> list[Endpoint]:
    """Every κ ≥ 0 where the equilibrium set may change, sorted."""
    points: list[Endpoint] = list(pairwise_breakpoints(game, costs))
    m, n = game.shape
    if game.shape == (2, 2):  # only pairwise breakpoints occur
        return sort_points(points)
    U, W = game.payoffs, game.cost_load(costs)
    A0, A1, B0, B1 = U[..., 0], W[..., 0], U[..., 1].T, W[..., 1].T
    for k in range(2, min(m, n) + 1):
        samples = [Fraction(s) for s in range(k + 2)]
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                for P0, P1, rows, cols, total in ((A0, A1, I, J, m), (B0, B1, J, I, n)):
                    for poly in support_polynomials(P0, P1, rows, cols, total, samples):
                        points += polynomial_roots(poly)
    return sort_points(points)


# --- exact signs at an irrational κ ---------------------------------------------------------------

X = sympy.Symbol("x")


class AlgebraicPoint:
    """One irrational real r, the root of ``root.poly`` in (root.lo, root.hi), and the exact
    sign of any polynomial with rational coefficients at r: by interval arithmetic on ever
    narrower intervals around r (a polynomial that does not vanish at r has a sign once the
    interval is narrow enough), and zero when the minimal polynomial of r (the factor of
    root.poly, by sympy's factorisation, that changes sign on the interval) divides it."""

    def __init__(self, root: Root):
        whole = sympy.Poly(list(reversed(root.poly)), X, domain="QQ")
        self.lo, self.hi = root.lo, root.hi
        self.minimal = next(
            factor
            for factor, _ in whole.factor_list()[1]
            if sympy.sign(factor.eval(sympy.Rational(self.lo))) != sympy.sign(factor.eval(sympy.Rational(self.hi)))
        )
        self.coefficients = [Fraction(int(c.p), int(c.q)) for c in reversed(self.minimal.all_coeffs())]

    def value(self, coefficients: list[Fraction], x: Fraction) -> Fraction:
        total = Fraction(0)
        for c in reversed(coefficients):
            total = total * x + c
        return total

    def bisect(self) -> None:
        """Halve the interval around r, keeping the sign change of the minimal polynomial."""
        mid = (self.lo + self.hi) / 2
        if (self.value(self.coefficients, mid) > 0) != (self.value(self.coefficients, self.lo) > 0):
            self.hi = mid
        else:
            self.lo = mid

    def sign(self, coefficients: list[Fraction]) -> int:
        """The sign at r of the polynomial with these coefficients (lowest degree first)."""
        if not any(coefficients):
            return 0
        checked = False
        while True:
            low, high = Fraction(0), Fraction(0)
            for c in reversed(coefficients):  # Horner in intervals: [low, high]·[lo, hi] + c
                products = (low * self.lo, low * self.hi, high * self.lo, high * self.hi)
                low, high = min(products) + c, max(products) + c
            if low > 0:
                return 1
            if high < 0:
                return -1
            if not checked:
                poly = sympy.Poly([sympy.Rational(c) for c in reversed(coefficients)], X, domain="QQ")
                if poly.rem(self.minimal).is_zero:
                    return 0
                checked = True
            self.bisect()


class Systems:
    """Every square system of one game, k ≥ 1, for both players, as exact polynomials in κ
    (:func:`support_polynomials`): computed once, read at each irrational point."""

    def __init__(self, game, costs):
        U, W = game.payoffs, game.cost_load(costs)
        m, n = game.shape
        players = ((U[..., 0], W[..., 0], m, n), (U[..., 1].T, W[..., 1].T, n, m))
        self.by_player = []
        for P0, P1, own, other in players:
            found = []
            for k in range(1, min(own, other) + 1):
                samples = [Fraction(s) for s in range(k + 2)]
                for I in itertools.combinations(range(own), k):
                    for J in itertools.combinations(range(other), k):
                        polys = support_polynomials(P0, P1, I, J, own, samples)
                        outside = [r for r in range(own) if r not in I]
                        found.append((I, J, polys[0], polys[1 : k + 1], list(zip(outside, polys[k + 2 :]))))
            self.by_player.append(found)

    def vertices(self, point: AlgebraicPoint, player: int) -> set[tuple[frozenset, frozenset]]:
        """(support of the mix on the other's strategies, own best replies) for every vertex of
        the polyhedron of mixes the player replies to at r: every nonsingular system whose
        solution is a mix (N_j/D ≥ 0) that no outside strategy beats."""
        found = set()
        for I, J, D, N, outside in self.by_player[player]:
            d = point.sign(D)
            if d == 0:
                continue
            mix = [point.sign(poly) * d for poly in N]
            gaps = [(r, point.sign(poly) * d) for r, poly in outside]
            if any(s < 0 for s in mix) or any(g > 0 for _, g in gaps):
                continue
            support = frozenset(j for j, s in zip(J, mix) if s > 0)
            found.add((support, frozenset(I) | frozenset(r for r, g in gaps if g == 0)))
        return found


def alone_at_irrational(systems: Systems, target, root: Root) -> bool:
    """Whether the target is the only equilibrium at κ = root: no pair of vertices other than
    the target's own is an equilibrium (each support within the other's best replies)."""
    point = AlgebraicPoint(root)
    y_vertices = systems.vertices(point, 0)  # the column player's mixes y, the row player's replies
    x_vertices = systems.vertices(point, 1)  # the row player's mixes x
    only = (frozenset({target[0]}), frozenset({target[1]}))
    return not any(sx <= by and sy <= bx and (sx, sy) != only for sx, bx in x_vertices for sy, by in y_vertices)


# --- the reference ------------------------------------------------------------------------------


def target_strict_and_nash(game, costs, target, kappa: Endpoint) -> tuple[bool, bool]:
    """(the target is a strict equilibrium, it is an equilibrium) at κ, exactly: each
    deviation gains a − κb, compared with κ through a/b."""
    U, W = game.payoffs, game.cost_load(costs)
    strict = nash = True
    for i in range(2):
        for s in range(game.shape[i]):
            if s == target[i]:
                continue
            moved = target[:i] + (s,) + target[i + 1 :]
            a, b = U[moved + (i,)] - U[target + (i,)], W[moved + (i,)] - W[target + (i,)]
            sign = (
                (a > 0) - (a < 0)
                if b == 0
                else (1 if b > 0 else -1) * (1 if a / b > kappa else -1 if a / b < kappa else 0)
            )
            strict &= sign < 0
            nash &= sign <= 0
    return strict, nash


def reference_uniqueness(game, costs, target) -> Uniqueness:
    """Where the target is the only equilibrium (two players), at every breakpoint."""
    game, target = game.without_single_strategy_players(), tuple(game.solved_profile(target))
    if game.n_players > 2:
        return Uniqueness.of_tail(tail_of_uniqueness(game, costs, target))
    points = equilibrium_breakpoints(game, costs)
    elements = []  # (lo, hi, point, κ solved at or None, alone)
    for index, p in enumerate(points):
        nxt = points[index + 1] if index + 1 < len(points) else None
        elements.append([p, p, True, p if isinstance(p, Fraction) else None, None])
        elements.append([p, nxt, False, between(p, nxt), None])
    solutions = {}
    for element in elements:
        if element[3] is not None:
            solutions[element[3]] = solution = solve(game, element[3], costs)
            element[4] = len(solution.equilibria) == 1 and solution.equilibria[0].pure_profile() == target
    systems = None
    for index, element in enumerate(elements):
        if element[4] is None:  # an irrational point (module docstring)
            strict, nash = target_strict_and_nash(game, costs, target, element[0])
            if not nash or (strict and not (elements[index - 1][4] and elements[index + 1][4])):
                element[4] = False
            else:
                systems = systems or Systems(game, costs)
                element[4] = alone_at_irrational(systems, target, element[0])
    pieces = []
    start = None
    for index, (_lo, _hi, _point, _kappa, alone) in enumerate(elements):
        if alone and start is None:
            start = index
        last = index == len(elements) - 1
        if start is not None and (last or not elements[index + 1][4]):
            first, end = elements[start], elements[index]
            hi, hi_closed = (end[0], True) if end[2] else (end[1], False)
            below = neighbour(game, target, solutions, elements[start - 1], first[0]) if start > 0 else None
            above = None if last else neighbour(game, target, solutions, elements[index + 1], hi)
            pieces.append(Piece(Interval(first[0], first[2], hi, hi_closed), below, above))
            start = None
    lo = pieces[0].interval.lo if pieces else None
    if isinstance(lo, Root):
        return Uniqueness(tuple(pieces), (lo.lo, lo.hi), (IRRATIONAL_NOTE,))
    return Uniqueness(tuple(pieces))


def neighbour(game, target, solutions, element, end) -> Neighbour:
    """The pure equilibria in the element next to a piece, from its exact solution."""
    kappa = element[3]
    if kappa is None:
        return Neighbour(end, None)
    profiles = [e.pure_profile() for e in solutions[kappa].equilibria]
    rivals = tuple(sorted(p for p in profiles if p is not None and p != target))
    return Neighbour(end, kappa, target in profiles, rivals)
