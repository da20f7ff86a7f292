"""The exact elimination kernel against Fraction arithmetic."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.core.linalg import cramer_unit, det, solve_linear

square = st.integers(1, 5).flatmap(
    lambda n: st.lists(st.lists(st.integers(-4, 4), min_size=n, max_size=n), min_size=n, max_size=n)
)


@settings(max_examples=300, deadline=None)
@given(square)
def test_cramer_unit_gives_the_determinant_and_the_solution_of_m_x_equals_the_last_unit_vector(M):
    n = len(M)
    determinant, numerators = cramer_unit(M)
    assert determinant == det([[F(v) for v in row] for row in M])
    if determinant != 0:
        # The reference: Gauss–Jordan in fractions.
        solved = solve_linear([[F(v) for v in row] for row in M], [F(int(i == n - 1)) for i in range(n)])
        assert solved is not None
        assert [F(v, determinant) for v in numerators] == solved[0]
    else:
        # adj(M)·e_last column by column: cofactors, from the Laplace expansion in fractions.
        for c in range(n):
            replaced = [[F(int(i == n - 1)) if j == c else F(v) for j, v in enumerate(row)] for i, row in enumerate(M)]
            assert numerators[c] == det(replaced)


def test_cramer_unit_by_hand():
    # [[2, 1], [1, 3]] x = (0, 1): det 5, x = (−1/5, 2/5), numerators (−1, 2).
    assert cramer_unit([[2, 1], [1, 3]]) == (5, [-1, 2])
    # A zero first pivot needs a row swap: [[0, 1], [1, 0]] x = (0, 1) gives x = (1, 0), det −1.
    assert cramer_unit([[0, 1], [1, 0]]) == (-1, [-1, 0])
