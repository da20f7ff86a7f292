"""An independent, slow, exact enumerator of the extreme Nash equilibria of a bimatrix game.

It shares no code with sovgame (no import of it, a different formulation) so that the solver
can be checked against it. It works on the *best-response polyhedra* in mixed-strategy
coordinates, without the shift to positive payoffs or the projective normalisation that
sovgame's solver uses:

    H1 = {(x, v) : x ≥ 0, 1ᵀx = 1, Bᵀx ≤ v·1}     (row mix x, column player's best value v)
    H2 = {(y, u) : y ≥ 0, 1ᵀy = 1, A y ≤ u·1}     (column mix y, row player's best value u)

A vertex of H1 is fixed by a support S (x_i = 0 off S) and a set J of |S| columns whose
best-response constraints are tight: |S| + 1 equations (those and 1ᵀx = 1) in |S| + 1 unknowns.
Every choice (S, J), that is every support pair, is solved in fractions (Gauss–Jordan), singular
or infeasible ones are dropped and the rest deduplicated by their exact point. Labels of a
vertex x of H1: row i if x_i = 0, column j if (Bᵀx)_j = v; likewise for H2. The extreme
equilibria are the pairs of vertices whose labels cover every row and every column
(Mangasarian 1964; von Stengel 2002, Handbook of Game Theory 3, ch. 45, section 3), which is
also what Gambit's ``enummixed`` returns, degenerate games included.

Cost: Σ_k C(m,k)·C(n,k) small exact systems per player; fine up to about 7x7.

    >>> sorted(extreme_equilibria([[4, 0], [3, 2]], [[4, 3], [0, 2]]))[0]
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

Pair = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


def _to_fraction(v) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, float):
        return Fraction(repr(v))
    if hasattr(v, "numerator") and hasattr(v, "denominator"):  # numpy integers
        return Fraction(int(v.numerator), int(v.denominator))
    return Fraction(v)


def _integer_rows(M) -> list[list[int]]:
    """The matrix times the lcm of its denominators (a positive scaling: no best response moves)."""
    rows = [[_to_fraction(v) for v in row] for row in M]
    scale = math.lcm(*(v.denominator for row in rows for v in row)) if rows else 1
    return [[int(v * scale) for v in row] for row in rows]


def _solve(rows: list[list[int]], rhs: list[int]) -> list[Fraction] | None:
    """The solution of a square system in fractions (Gauss–Jordan), or None if singular."""
    n = len(rows)
    M = [[Fraction(v) for v in row] + [Fraction(r)] for row, r in zip(rows, rhs)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        pivot = M[c][c]
        M[c] = [v / pivot for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [M[r][n] for r in range(n)]


def vertices(P: list[list[int]]) -> dict[tuple[Fraction, ...], tuple[frozenset, frozenset]]:
    """Vertices of {(x, v): x ≥ 0, 1ᵀx = 1, Pᵀx ≤ v} for an integer matrix P (own strategies
    as rows, the opponent's as columns): {x: (rows with x_i = 0, columns tight)}."""
    m, n = len(P), len(P[0])
    found: dict = {}
    for size in range(1, min(m, n) + 1):
        for S in itertools.combinations(range(m), size):
            for J in itertools.combinations(range(n), size):
                # Unknowns x_S and v: Σ x_S = 1 and Σ_s P[s][j] x_s − v = 0 for j in J.
                rows = [[1] * size + [0]] + [[P[s][j] for s in S] + [-1] for j in J]
                sol = _solve(rows, [1] + [0] * size)
                if sol is None or any(t < 0 for t in sol[:size]):
                    continue
                v = sol[size]
                x = [Fraction(0)] * m
                for s, t in zip(S, sol[:size]):
                    x[s] = t
                values = [sum(P[i][j] * x[i] for i in S) for j in range(n)]
                if any(w > v for w in values) or tuple(x) in found:
                    continue
                found[tuple(x)] = (
                    frozenset(i for i in range(m) if x[i] == 0),
                    frozenset(j for j in range(n) if values[j] == v),
                )
    return found


def _polyhedra(A, B):
    Ai, Bi = _integer_rows(A), _integer_rows(B)
    m, n = len(Ai), len(Ai[0])
    H1 = vertices(Bi)  # x over rows; tight: columns j with (Bᵀx)_j = v
    H2 = vertices([[Ai[i][j] for i in range(m)] for j in range(n)])  # y over columns (P = Aᵀ)
    return m, n, H1, H2


def extreme_equilibria(A, B) -> set[Pair]:
    """Every extreme Nash equilibrium (row mix, column mix) of the game (A, B), exactly."""
    m, n, H1, H2 = _polyhedra(A, B)
    out = set()
    for x, (x_zero, x_tight) in H1.items():
        # Rows played by x must be best responses to y; columns that are not best responses
        # to x must be unplayed by y.
        need_rows = frozenset(range(m)) - x_zero
        need_cols = frozenset(range(n)) - x_tight
        for y, (y_zero, y_tight) in H2.items():
            if need_rows <= y_tight and need_cols <= y_zero:
                out.add((x, y))
    return out


def is_degenerate(A, B) -> bool:
    """Some vertex of a best-response polyhedron has more labels than its dimension."""
    m, n, H1, H2 = _polyhedra(A, B)
    return any(len(z) + len(t) > m for z, t in H1.values()) or any(len(z) + len(t) > n for z, t in H2.values())
