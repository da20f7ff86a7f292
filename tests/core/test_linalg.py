"""The exact elimination kernel against plain fraction arithmetic."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.core.linalg import PRIMES_31, cramer, cramer_unit, singular_mod


def det_by_fractions(M) -> F:
    """Gaussian elimination in fractions: the determinant as the product of the pivots."""
    M = [[F(v) for v in row] for row in M]
    n, det = len(M), F(1)
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return F(0)
        if p != c:
            M[c], M[p] = M[p], M[c]
            det = -det
        det *= M[c][c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return det


def squares(low: int, high: int, max_size: int = 7):
    return st.integers(1, max_size).flatmap(
        lambda n: st.lists(st.lists(st.integers(low, high), min_size=n, max_size=n), min_size=n, max_size=n)
    )


@settings(max_examples=300, deadline=None)
@given(st.one_of(squares(-3, 3), squares(1, 10**12)))
def test_cramer_solves_rows_times_z_equal_one(M):
    solved = cramer(M)
    d = det_by_fractions(M)
    if d == 0:
        assert solved is None
        return
    nums, det = solved
    assert det == abs(d)
    for row in M:  # rows · (nums / det) = 1, checked in integers
        assert sum(a * x for a, x in zip(row, nums)) == det


def test_cramer_needs_a_row_swap():
    # The first pivot is zero: [[0, 1], [1, 0]] z = 1 gives z = (1, 1); 3x3 likewise.
    assert cramer([[0, 1, 0], [1, 0, 0], [0, 0, 2]]) == ([2, 2, 1], 2)


@settings(max_examples=300, deadline=None)
@given(squares(-3, 3, 6), st.sampled_from(PRIMES_31[:3]), st.booleans())
def test_singular_mod_agrees_with_the_determinant_modulo_p(M, p, make_singular):
    if make_singular and len(M) > 1:  # the last row a combination of the others
        M[-1] = [a + b for a, b in zip(M[0], M[1 % len(M)])] if len(M) > 2 else [2 * v for v in M[0]]
    R = np.array([[v % p for v in row] for row in M], dtype=np.int64)[None]
    assert bool(singular_mod(R, p)[0]) == (det_by_fractions(M) % p == 0)


@settings(max_examples=300, deadline=None)
@given(squares(-4, 4, 5))
def test_cramer_unit_gives_the_determinant_and_the_solution_of_m_x_equals_the_last_unit_vector(M):
    n = len(M)
    determinant, numerators = cramer_unit(M)
    assert determinant == det_by_fractions(M)
    if determinant != 0:  # M · (numerators / det) = e_last, checked in integers
        for i, row in enumerate(M):
            assert sum(a * x for a, x in zip(row, numerators)) == determinant * int(i == n - 1)
    else:  # adj(M)·e_last column by column: Cramer's determinants, by fractions
        for c in range(n):
            replaced = [[int(i == n - 1) if j == c else v for j, v in enumerate(row)] for i, row in enumerate(M)]
            assert numerators[c] == det_by_fractions(replaced)


def test_cramer_unit_by_hand():
    # [[2, 1], [1, 3]] x = (0, 1): det 5, x = (−1/5, 2/5), numerators (−1, 2).
    assert cramer_unit([[2, 1], [1, 3]]) == (5, [-1, 2])
    # A zero first pivot needs a row swap: [[0, 1], [1, 0]] x = (0, 1) gives x = (1, 0), det −1.
    assert cramer_unit([[0, 1], [1, 0]]) == (-1, [-1, 0])
