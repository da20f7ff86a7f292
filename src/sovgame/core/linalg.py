"""Exact linear algebra: the one elimination kernel behind every exact computation.

- :func:`det_int` — determinant of an integer matrix by Bareiss' fraction-free elimination
  (Bareiss 1968, *Math. Comp.* 22:565–578): every intermediate value is itself a minor, so
  integers stay as short as the answer allows.
- :func:`det` — determinant of a rational matrix: rows scaled to integers, then Bareiss.
- :func:`cramer` — rows · z = 1 for integer rows, as integer numerators over one determinant
  (one Bareiss elimination, then fraction-free back substitution).
- :func:`cramer_unit` — M x = e_last for an integer matrix in one fraction-free Gauss–Jordan
  pass: det M and the numerators adj(M)·e_last at once.
- :func:`singular_mod` — which of many small integer matrices are singular modulo a prime
  (vectorised); with primes whose product exceeds the Hadamard bound it proves det = 0.
- :func:`solve_linear` — A x = b in fractions by Gauss–Jordan elimination, any shape.
- :func:`interpolate` / :func:`evaluate` — polynomials in one variable through given points
  (Newton's divided differences), coefficients lowest degree first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

#: Primes just below 2**31: residues and their products fit in int64 without overflow.
PRIMES_31 = (
    2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543, 2147483497,
    2147483489, 2147483477, 2147483423, 2147483399, 2147483353, 2147483323, 2147483269, 2147483249,
    2147483237, 2147483179, 2147483171, 2147483137, 2147483123, 2147483077, 2147483069, 2147483059,
)  # fmt: skip
#: Every prime of PRIMES_31 exceeds 2**LOG2_PRIME_31.
LOG2_PRIME_31 = 30.99


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
    """Solve rows · z = 1 for a square integer matrix exactly, without fractions.

    Returns (numerators, det) with det = |det(rows)| > 0 and z_c = numerators[c] / det, or
    None when the matrix is singular.

    Bareiss elimination of the augmented matrix [rows | 1] leaves an upper triangular system
    whose last pivot is ±det; since det·z = ±adj(rows)·1 is an integer vector (Cramer's rule),
    back substitution ``N_i = (det·b_i − Σ_{j>i} u_ij N_j) / u_ii`` divides exactly. One
    elimination instead of the n + 1 determinants of Cramer's rule.
    """
    n = len(rows)
    if n == 1:
        a = rows[0][0]
        return None if a == 0 else ([1 if a > 0 else -1], abs(a))
    if n == 2:
        (a, b), (c, d) = rows
        determinant = a * d - b * c
        if determinant == 0:
            return None
        nums = [d - b, a - c]
        return (nums, determinant) if determinant > 0 else ([-v for v in nums], -determinant)
    M = [list(row) + [1] for row in rows]
    previous = 1
    for c in range(n):
        if M[c][c] == 0:
            swap = next((r for r in range(c + 1, n) if M[r][c] != 0), None)
            if swap is None:
                return None
            M[c], M[swap] = M[swap], M[c]
        pivot, row_c = M[c][c], M[c]
        for i in range(c + 1, n):
            row_i = M[i]
            factor = row_i[c]
            for j in range(c + 1, n + 1):
                row_i[j] = (row_i[j] * pivot - factor * row_c[j]) // previous
            row_i[c] = 0
        previous = pivot
    determinant = M[n - 1][n - 1]  # ± det(rows): rows may have been swapped
    nums = [0] * n
    for i in range(n - 1, -1, -1):
        acc = determinant * M[i][n] - sum(M[i][j] * nums[j] for j in range(i + 1, n))
        nums[i] = acc // M[i][i]
    if determinant < 0:
        determinant, nums = -determinant, [-v for v in nums]
    return nums, determinant


def singular_mod(R: np.ndarray, p: int) -> np.ndarray:
    """For a stack of residue matrices R (shape (b, n, n), entries in [0, p), p < 2**31):
    whether each determinant is ≡ 0 (mod p).

    Division-free elimination: row_i ← pivot·row_i − a_ic·row_c multiplies the determinant by
    the pivot, a unit mod p, so the determinant vanishes mod p exactly when some column finds
    no non-zero pivot. Products of two residues stay below 2**62, inside int64.
    """
    R = R.copy()
    count, n, _ = R.shape
    singular = np.zeros(count, dtype=bool)
    rows = np.arange(count)
    for c in range(n):
        nonzero = R[:, c:, c] != 0
        singular |= ~nonzero.any(axis=1)
        pivot_row = c + np.argmax(nonzero, axis=1)
        top, other = R[rows, c].copy(), R[rows, pivot_row].copy()
        R[rows, c], R[rows, pivot_row] = other, top
        if c + 1 < n:
            pivot = R[:, c, c][:, None, None]
            below = R[:, c + 1 :, c][:, :, None]
            R[:, c + 1 :, c:] = (R[:, c + 1 :, c:] * pivot % p - below * R[:, c : c + 1, c:] % p) % p
    return singular


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
