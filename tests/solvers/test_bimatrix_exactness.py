"""The two-player solvers lose nothing where floats are fragile: near-degenerate payoffs, wide
games (64 or more strategies: labels past one machine word), huge and tiny magnitudes.

The oracle is tests/reference.py: every support pair of both best-response polyhedra solved
in fractions, sharing no code with sovgame. Each test runs both methods (every square system,
floats proposing; exact pivoting) and the choice between them that ``solve`` makes.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings

from reference import extreme_equilibria, is_degenerate
from sovgame.solvers.bimatrix import solve_bimatrix
from sovgame.solvers.pivoting import solve_by_pivoting, solve_two_player
from strategies import near_degenerate_bimatrix

SOLVERS = pytest.mark.parametrize(
    "solver", [solve_bimatrix, solve_by_pivoting, solve_two_player], ids=["systems", "pivoting", "solve"]
)


def answers(A, B, solver):
    solution = solver(A, B)
    return {(e.row, e.col) for e in solution.equilibria}, solution


def pure(size: int, index: int) -> tuple[F, ...]:
    return tuple(F(int(i == index)) for i in range(size))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_degenerate_bimatrix())
@SOLVERS
def test_near_degenerate_games_match_the_exact_enumeration_of_every_support_pair(solver, game):
    A, B = game
    expected = extreme_equilibria(A, B)
    got, solution = answers(A, B, solver)
    assert got - expected == set(), "invented"
    assert expected - got == set(), "missed"
    assert solution.degenerate == is_degenerate(A, B)


@SOLVERS
def test_a_payoff_1e_8_away_from_a_tie_keeps_its_pure_equilibrium(solver):
    # A = 0 (4x3); B = 0 except B[r2][c2] = 1e-8. The column player's best reply to r2 is c2
    # alone, and the row player is indifferent everywhere, so (r2, c2) is a pure equilibrium:
    # no deviation gains (row: 0 everywhere; column: 1e-8 > 0). Merging float vertices that
    # agree to 9 digits lost it.
    A = [[F(0)] * 3 for _ in range(4)]
    B = [[F(0)] * 3 for _ in range(4)]
    B[1][1] = F(1, 10**8)
    got, solution = answers(A, B, solver)
    assert (pure(4, 1), pure(3, 1)) in got
    assert got == extreme_equilibria(A, B) and solution.degenerate


@SOLVERS
def test_pure_equilibrium_with_ties_broken_at_1e_9_is_found(solver):
    # (r1, c4) is a pure equilibrium: against c4 row r1 gets 2, the most in column c4
    # (others: 0, −1/200000000, −1/1000000000); against r1 column c4 gets 2.000000007, the
    # most in row r1 (others: 2, −3e-9, 2). The reference confirms it is the only one.
    A = [
        ["2", "2", "1999999993/1000000000", "2"],
        ["-3/1000000000", "1/200000000", "3/1000000000", "0"],
        ["0", "2", "1", "-1/200000000"],
        ["1", "1", "1000000003/500000000", "-1/1000000000"],
    ]
    B = [
        ["2", "-3/1000000000", "2", "2000000007/1000000000"],
        ["400000001/200000000", "-3/500000000", "1", "1"],
        ["-7/1000000000", "1", "1/200000000", "2000000007/1000000000"],
        ["2", "1999999999/1000000000", "-3/1000000000", "1999999993/1000000000"],
    ]
    A = [[F(v) for v in row] for row in A]
    B = [[F(v) for v in row] for row in B]
    got, _ = answers(A, B, solver)
    assert got == {(pure(4, 0), pure(4, 3))} == extreme_equilibria(A, B)


@pytest.mark.parametrize("n", [63, 64, 65, 130])
@SOLVERS
def test_dominant_strategies_with_63_to_130_columns(solver, n):
    # r1 strictly dominates r2 (2 > 1 everywhere) and c1 strictly dominates every other
    # column (n − j decreases in j): (r1, c1) is the only equilibrium, for any n.
    A = [[2] * n, [1] * n]
    B = [[n - j for j in range(n)]] * 2
    got, solution = answers(A, B, solver)
    assert got == {(pure(2, 0), pure(n, 0))}
    assert solution.degenerate is False


@pytest.mark.parametrize("n", [63, 64, 65, 130])
@SOLVERS
def test_matching_pennies_embedded_among_dominated_columns(solver, n):
    # Columns c3.. are strictly dominated for the column player (payoff −1 against both
    # rows; c1, c2 give 0 or 1). What remains is matching pennies on r1, r2 × c1, c2, whose
    # only equilibrium is (1/2, 1/2) against (1/2, 1/2); at that mix the row player gets 1/2
    # from both rows, so no row deviates.
    A = [[1, 0] + [0] * (n - 2), [0, 1] + [0] * (n - 2)]
    B = [[0, 1] + [-1] * (n - 2), [1, 0] + [-1] * (n - 2)]
    got, _ = answers(A, B, solver)
    half = (F(1, 2), F(1, 2))
    assert got == {(half, half + (F(0),) * (n - 2))}


@pytest.mark.parametrize("n", [63, 64, 65])
@SOLVERS
def test_wide_game_on_the_row_side(solver, n):
    # The transpose of the dominance game: now the row player has n strategies.
    A = [[n - i] * 2 for i in range(n)]
    B = [[2, 1] for _ in range(n)]
    got, _ = answers(A, B, solver)
    assert got == {(pure(n, 0), pure(2, 0))}


@pytest.mark.parametrize("big", [10**30, 10**400], ids=["1e30", "1e400"])
@SOLVERS
def test_huge_integer_payoffs(solver, big):
    A = [[3 * big, 0, 1, 2], [5 * big, big, 0, 1], [0, 2, big, 3]]
    B = [[3 * big, 5 * big, 1, 0], [0, big, 2, 1], [1, 1, 0, big]]
    got, solution = answers(A, B, solver)
    assert got == extreme_equilibria(A, B)
    assert solution.degenerate == is_degenerate(A, B)


@SOLVERS
def test_tiny_perturbations_of_large_payoffs(solver):
    # 1e12 ± 1e-12: ratios of 1e24 between payoff and perturbation.
    eps = F(1, 10**12)
    A = [[10**12 + eps, 10**12, 0], [10**12, 10**12 + eps, 0], [0, 0, 10**12 - eps]]
    B = [[10**12, 10**12 + eps, 0], [10**12 + eps, 10**12, 0], [0, 0, 10**12]]
    got, _ = answers(A, B, solver)
    assert got == extreme_equilibria(A, B)
