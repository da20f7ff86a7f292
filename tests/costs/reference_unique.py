"""The uniqueness tail by the every-breakpoint method: a reference the faster walk of
:mod:`sovgame.costs.uniqueness` must agree with.

Every κ where the equilibrium set may change is listed first: the pairwise ties and, beyond
2x2, the roots of the polynomials of *every* pair of supports, each interpolated in fractions
at k + 2 points from Fraction determinants. Then the game is solved exactly once per
breakpoint and per gap, walking down from κ = ∞ while the target stays the only equilibrium.
The rivals named in the reason are looked up halfway between the largest rational breakpoint
below the start and the start. Slow (every support pair of the game), and simple enough to
trust.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from sovgame.core.intervals import Endpoint, Root, sort_points
from sovgame.core.linalg import det, interpolate
from sovgame.costs.regimes import pairwise_breakpoints, polynomial_roots, representative
from sovgame.costs.uniqueness import IRRATIONAL_NOTE, Tail
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


def reference_tail(game, costs, target) -> Tail:
    """Where the target becomes the only equilibrium for good (two players), at every breakpoint."""
    points = equilibrium_breakpoints(game, costs)
    elements = [(kind, index) for index in range(len(points)) for kind in ("point", "gap")]
    last_solution, start = None, None
    for pos in range(len(elements) - 1, -1, -1):
        kind, index = elements[pos]
        kappa = representative(points, index, kind)
        if kappa is None:  # an irrational point: alone there if the gaps on both sides are
            continue
        solution = solve(game, kappa, costs)
        if pos == len(elements) - 1:
            last_solution = solution
        if not (len(solution.equilibria) == 1 and solution.equilibria[0].pure_profile() == tuple(target)):
            break
        start = pos
    if start is None:
        return Tail(None, survivors=last_solution)
    kind, index = elements[start]
    point = points[index]
    if isinstance(point, Root):
        return Tail(point, attained=False, bracket=(point.lo, point.hi), notes=(IRRATIONAL_NOTE,))
    below = [p for p in points if isinstance(p, Fraction) and p < point]
    rival = (below[-1] + point) / 2 if below else None
    return Tail(point, attained=kind == "point", rival_kappa=rival)
