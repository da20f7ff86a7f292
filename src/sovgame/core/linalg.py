"""Exact linear algebra: the one elimination kernel behind every exact computation.

- :func:`det_int` — determinant of an integer matrix by Bareiss' fraction-free elimination
  (Bareiss 1968, *Math. Comp.* 22:565–578): every intermediate value is itself a minor, so
  integers stay as short as the answer allows.
- :func:`det` — determinant of a rational matrix: rows scaled to integers, then Bareiss.
- :func:`cramer` — rows · z = 1 for integer rows, as integer numerators over one determinant.
- :func:`cramer_unit` — M x = e_last for an integer matrix in one fraction-free Gauss–Jordan
  pass: det M and the numerators adj(M)·e_last at once.
- :func:`solve_linear` — A x = b in fractions by Gauss–Jordan elimination, any shape.
- :func:`interpolate` / :func:`evaluate` — polynomials in one variable through given points
  (Newton's divided differences), coefficients lowest degree first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def det_int(M: Sequence[Sequence[int]]) -> int:
    """Determinant of a square integer matrix (Bareiss; exact, no fractions)."""
    A = [list(row) for row in M]
    n, sign, previous = len(A), 1, 1
    if n == 0:
        return 1
    for k in range(n - 1):
        if A[k][k] == 0:
            swap = next((r for r in range(k + 1, n) if A[r][k] != 0), None)
            if swap is None:
                return 0
            A[k], A[swap] = A[swap], A[k]
            sign = -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                A[i][j] = (A[i][j] * A[k][k] - A[i][k] * A[k][j]) // previous
        previous = A[k][k]
    return sign * A[n - 1][n - 1]


def det(M: Sequence[Sequence[Fraction]]) -> Fraction:
    """Determinant of a square rational matrix: each row times the lcm of its denominators
    makes an integer matrix whose determinant is divided back (det is linear in each row)."""
    scale = 1
    rows = []
    for row in M:
        lcm = math.lcm(*(Fraction(v).denominator for v in row)) if row else 1
        scale *= lcm
        rows.append([int(Fraction(v) * lcm) for v in row])
    return Fraction(det_int(rows), scale)


def cramer(rows: Sequence[Sequence[int]]) -> tuple[list[int], int] | None:
    """Solve rows · z = 1 for a square integer matrix by Cramer's rule.

    Returns (numerators, det) with det > 0 and z_c = numerators[c] / det, or None when the
    matrix is singular.
    """
    determinant = det_int(rows)
    if determinant == 0:
        return None
    size = len(rows)
    nums = [det_int([list(row[:c]) + [1] + list(row[c + 1 :]) for row in rows]) for c in range(size)]
    if determinant < 0:
        determinant, nums = -determinant, [-v for v in nums]
    return nums, determinant


def cramer_unit(M: Sequence[Sequence[int]]) -> tuple[int, list[int]]:
    """(det M, adj(M)·e_last) for a square integer matrix: the Cramer numerators of
    M x = e_last (x = numerators / det when det ≠ 0), defined for singular M too.

    One fraction-free Gauss–Jordan elimination of [M | e_last] (Bareiss 1968): after the step
    on column k every entry is a minor of the augmented matrix, so each division is exact;
    at the end the left block is ±det·I and the right column ±det·x. A singular M has no
    such pass, and its numerators come from one determinant each.
    """
    size = len(M)
    rows = [list(row) + [int(i == size - 1)] for i, row in enumerate(M)]
    sign, previous = 1, 1
    for k in range(size):
        pivot = next((r for r in range(k, size) if rows[r][k] != 0), None)
        if pivot is None:
            unit = [int(i == size - 1) for i in range(size)]
            return 0, [
                det_int([list(row[:c]) + [u] + list(row[c + 1 :]) for row, u in zip(M, unit)]) for c in range(size)
            ]
        if pivot != k:
            rows[k], rows[pivot] = rows[pivot], rows[k]
            sign = -sign
        lead_row = rows[k]
        lead = lead_row[k]
        for i in range(size):
            if i != k:
                row, factor = rows[i], rows[i][k]
                rows[i] = [(x * lead - factor * y) // previous for x, y in zip(row, lead_row)]
        previous = lead
    return sign * previous, [sign * row[size] for row in rows]


def solve_linear(A: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> tuple[list[Fraction], int] | None:
    """Solve A x = b exactly by Gauss–Jordan elimination (any shape).

    Returns (x, rank) with free variables set to 0, or None when the system is inconsistent.
    A rank below the number of unknowns means the solution is not unique.
    """
    rows = [[Fraction(v) for v in row] + [Fraction(r)] for row, r in zip(A, b)]
    n = len(A[0]) if len(A) else 0
    pivots: list[int] = []
    rank = 0
    for col in range(n):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [v / lead for v in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * c for a, c in zip(rows[r], rows[rank])]
        pivots.append(col)
        rank += 1
    if any(rows[r][n] != 0 for r in range(rank, len(rows))):
        return None
    x = [Fraction(0)] * n
    for r, col in enumerate(pivots):
        x[col] = rows[r][n]
    return x, rank


def interpolate(xs: Sequence[Fraction], ys: Sequence[Fraction]) -> list[Fraction]:
    """Coefficients (lowest degree first) of the polynomial of degree < len(xs) through the
    points (xs[k], ys[k]) (Newton's divided differences; xs distinct)."""
    n = len(xs)
    coef = [Fraction(y) for y in ys]
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) / (xs[i] - xs[i - j])
    poly = [Fraction(0)] * n
    for i in range(n - 1, -1, -1):
        # poly = poly · (x − xs[i]) + coef[i]
        shifted = [Fraction(0)] + poly[:-1]
        poly = [s - xs[i] * p for s, p in zip(shifted, poly)]
        poly[0] += coef[i]
    return poly


def evaluate(poly: Sequence[Fraction], x: Fraction) -> Fraction:
    """The polynomial with coefficients ``poly`` (lowest degree first) at x (Horner)."""
    result = Fraction(0)
    for c in reversed(poly):
        result = result * x + c
    return result
