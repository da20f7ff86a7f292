"""Where the equilibria of a game of three or more players can change with the cost level κ.

With payoffs U − κ·W the indifference equations F_S(x, κ) of a support profile S are
polynomials in its probabilities x and in κ. On a stretch of κ where the solutions of F_S in
the open region of S are isolated and nonsingular, they move continuously with κ (implicit
function theorem), so the equilibria with support S appear, vanish or change only where

- a solution meets the boundary of the region: a strategy t outside S starts to pay as much
  (its best-reply polynomial r_t vanishes), or a probability of S reaches 0, which is the same
  event seen from the smaller support without that strategy (there, its strategy starts to pay
  as much); or
- two solutions meet: the Jacobian determinant det ∂F_S/∂x vanishes.

Each event is a square system, F_S plus one polynomial, in (x, κ); its real solutions with x in
the open unit box and κ in the stretch asked for are found exactly
(:func:`~sovgame.solvers.polysystems.real_solutions`), and their κ are the breakpoints. When
such a system has solutions of positive dimension, κ is read from the elimination polynomial
of its lexicographic Gröbner basis (κ last) when there is one (the degenerate set then sits at
finitely many κ); otherwise the breakpoints cannot be listed and a reason is returned.
Between consecutive breakpoints (and the pairwise ties of payoffs, where pure equilibria
change) one exact enumeration decides the whole stretch.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from functools import cmp_to_key

import numpy as np

from ..core.algebraic import Algebraic
from ..core.roots import Root, nonnegative_roots, primitive
from ..core.roots import compare as compare_roots
from .polysystems import AlgebraTooHard, dimension, groebner, is_empty, real_solutions, ring
from .supports import build_system, integer_payoffs, support_profiles

Point = Fraction | Root


def kappa_breakpoints(payoffs: np.ndarray, loads: np.ndarray, lo: Fraction, hi: Fraction | None) -> list[Point] | str:
    """Every κ in (lo, hi) (hi None: unbounded) where the equilibria of some support with at
    least one mixing player can change (module docstring), sorted; a reason when some event
    system cannot be resolved."""
    ints = integer_payoffs(payoffs, loads)
    n = payoffs.shape[-1]
    values, weights = ints[:n], ints[n:]
    found: list[Point] = []
    for support in support_profiles(payoffs.shape[:-1]):
        if all(len(own) == 1 for own in support):
            continue  # pure profiles change at the pairwise ties only
        system = build_system(values, support, weights)
        k = system.nvars
        for extra in [*system.replies, _jacobian_determinant(system.equations, k)]:
            points = _event_points([*system.equations, extra], system.ctx, k, lo, hi)
            if isinstance(points, str):
                return points
            found += points
    ordered = sorted(found, key=cmp_to_key(compare_roots))
    return [p for i, p in enumerate(ordered) if i == 0 or compare_roots(ordered[i - 1], p) != 0]


def _event_points(polys: list, ctx, k: int, lo: Fraction, hi: Fraction | None) -> list[Point] | str:
    try:
        basis = groebner(polys, ctx)
    except AlgebraTooHard as too_hard:
        return f"the breakpoints in κ: {too_hard}"
    if is_empty(basis):
        return []
    dim, _ = dimension(basis, k + 1)
    if dim == 0:
        box = [(Fraction(0), Fraction(1))] * k + [(lo, hi)]
        return [_as_point(solution[-1]) for solution in real_solutions(basis, box)]
    return _eliminated(basis, ctx, k, lo, hi)


def _as_point(value: Fraction | Algebraic) -> Point:
    return value if isinstance(value, Fraction) else value.as_root()


def _eliminated(basis, ctx, k: int, lo: Fraction, hi: Fraction | None) -> list[Point] | str:
    """The real roots in (lo, hi) of the polynomial in κ alone of the lexicographic basis."""
    lex = ring(k + 1, "lex", [f"x{j}" for j in range(k + 1)])
    moved = [lex.from_dict({tuple(int(e) for e in m): int(c) for m, c in zip(g.monoms(), g.coeffs())}) for g in basis]
    try:
        lex_basis = groebner(moved, lex)
    except AlgebraTooHard as too_hard:
        return f"the breakpoints in κ: {too_hard}"
    alone = [g for g in lex_basis if all(not any(m[:k]) for m in g.monoms())]
    if not alone:
        return "the breakpoints in κ: a continuum of degenerate equilibria moves with κ"
    coeffs = [0] * (max(int(m[k]) for m in alone[0].monoms()) + 1)
    for m, c in zip(alone[0].monoms(), alone[0].coeffs()):
        coeffs[int(m[k])] = int(c)
    out: list[Point] = []
    for root, _ in nonnegative_roots(primitive(coeffs)):
        if compare_roots(root, lo) > 0 and (hi is None or compare_roots(root, hi) < 0):
            out.append(root)
    return out


def _jacobian_determinant(equations: Sequence, k: int):
    """det ∂F/∂x over the first k variables (Laplace expansion: k ≤ 6 here)."""
    rows = [[f.derivative(j) for j in range(k)] for f in equations]
    total = None
    for permutation in itertools.permutations(range(k)):
        term = rows[0][permutation[0]]
        for i in range(1, k):
            term = term * rows[i][permutation[i]]
        if _odd(permutation):
            term = -term
        total = term if total is None else total + term
    return total


def _odd(permutation: tuple[int, ...]) -> bool:
    inversions = sum(1 for a, b in itertools.combinations(permutation, 2) if a > b)
    return inversions % 2 == 1
