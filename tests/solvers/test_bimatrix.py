"""The two-player solver against textbook answers and an independent exact enumeration."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.solvers.bimatrix import solve_bimatrix


def answers(A, B):
    solution = solve_bimatrix(A, B)
    return {(e.row, e.col) for e in solution.equilibria}, solution


def fr(*values):
    return tuple(F(v) for v in values)


def test_prisoners_dilemma_has_only_mutual_defection():
    eqs, solution = answers([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert eqs == {(fr(0, 1), fr(0, 1))}
    assert solution.degenerate is False


def test_stag_hunt_has_two_pure_and_the_two_thirds_mixed_equilibrium():
    eqs, _ = answers([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    assert eqs == {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1)), (fr(F(2, 3), F(1, 3)), fr(F(2, 3), F(1, 3)))}


def test_matching_pennies_mixes_half_half():
    eqs, _ = answers([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert eqs == {(fr(F(1, 2), F(1, 2)), fr(F(1, 2), F(1, 2)))}


def test_nashpy_issue_222_segment_is_reported_with_both_ends_and_one_component():
    # docs/models.md: the row player mixes (p, 1-p), p in [0, 2/7], against column 1.
    eqs, solution = answers([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    assert eqs == {(fr(0, 1), fr(1, 0)), (fr(F(2, 7), F(5, 7)), fr(1, 0))}
    assert solution.degenerate is True
    components = {e.component for e in solution.equilibria}
    assert components == {1}


def test_zero_game_every_pure_profile_is_extreme_and_all_share_one_component():
    eqs, solution = answers([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    assert len(eqs) == 4
    assert solution.degenerate is True
    assert {e.component for e in solution.equilibria} == {1}


def test_zero_column_after_shift_loses_nothing():
    # docs/models.md: nashpy's vertex enumeration loses equilibria when a payoff column is zero.
    eqs, _ = answers([[0, 1], [0, 2]], [[0, 0], [0, 0]])
    # Column player indifferent everywhere; row strictly prefers r2 against c2, indifferent
    # against c1: extreme equilibria (r1,c1), (r2,c1), (r2,c2) form one component.
    assert eqs == {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(1, 0)), (fr(0, 1), fr(0, 1))}


def test_decimal_and_fraction_payoffs_stay_exact():
    eqs, _ = answers([["0.1", "0"], ["0", "0.2"]], [["0.2", "0"], ["0", "0.1"]])
    assert (fr(F(1, 3), F(2, 3)), fr(F(2, 3), F(1, 3))) in eqs


def test_rectangular_game():
    # Row has a strictly dominated third strategy.
    eqs, _ = answers([[3, 0], [5, 1], [-1, -1]], [[3, 5], [0, 1], [0, 0]])
    assert eqs == {(fr(0, 1, 0), fr(0, 1))}


# --- an independent exact oracle --------------------------------------------------------------


def _solve_exact(M, rhs):
    n = len(rhs)
    rows = [list(r) + [b] for r, b in zip(M, rhs)]
    for c in range(n):
        p = next((r for r in range(c, n) if rows[r][c] != 0), None)
        if p is None:
            return None
        rows[c], rows[p] = rows[p], rows[c]
        for r in range(n):
            if r != c:
                f = rows[r][c] / rows[c][c]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def _vertices(M):
    """Vertices of {z >= 0, M z <= 1} by brute force over every choice of d tight constraints,
    all in fractions: constraint c < d is z_c = 0, constraint d + j is (M z)_j = 1."""
    k, d = len(M), len(M[0])
    constraints = [[F(int(i == c)) for i in range(d)] for c in range(d)] + [list(row) for row in M]
    rhs = [F(0)] * d + [F(1)] * k
    found = {}
    for chosen in itertools.combinations(range(d + k), d):
        z = _solve_exact([constraints[c] for c in chosen], [rhs[c] for c in chosen])
        if z is None or any(v < 0 for v in z):
            continue
        loads = [sum(a * b for a, b in zip(row, z)) for row in M]
        if any(v > 1 for v in loads):
            continue
        labels = {c for c in range(d) if z[c] == 0} | {d + j for j in range(k) if loads[j] == 1}
        found[tuple(z)] = labels
    return found


def oracle(A, B):
    """Extreme equilibria as completely labelled vertex pairs, computed independently."""
    A = [[F(v) for v in row] for row in A]
    B = [[F(v) for v in row] for row in B]
    m, n = len(A), len(A[0])
    lowA = min(min(r) for r in A) - 1
    lowB = min(min(r) for r in B) - 1
    Ap = [[v - lowA for v in row] for row in A]
    BTp = [[B[i][j] - lowB for i in range(m)] for j in range(n)]
    P = _vertices(BTp)  # labels: rows 0..m-1 as zeros, columns m.. as tight
    Q = _vertices(Ap)  # labels: columns as zeros (0..n-1), rows as tight (n..)
    result = set()
    for x, lx in P.items():
        for y, ly in Q.items():
            if not any(x) and not any(y):
                continue
            ly_std = {c + m for c in ly if c < n} | {c - n for c in ly if c >= n}
            if lx | ly_std == set(range(m + n)):
                result.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return result


def _is_nash(A, B, x, y):
    row_values = [sum(A[i][j] * y[j] for j in range(len(y))) for i in range(len(x))]
    col_values = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
    value_x = sum(p * v for p, v in zip(x, row_values))
    value_y = sum(q * v for q, v in zip(y, col_values))
    return max(row_values) == value_x and max(col_values) == value_y


games = st.integers(2, 3).flatmap(
    lambda m: st.integers(2, 3).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=m, max_size=m),
            st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=m, max_size=m),
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(games)
def test_extreme_equilibria_match_an_independent_exact_enumeration(game):
    A, B = game
    eqs, _ = answers(A, B)
    assert eqs == oracle(A, B)


@settings(max_examples=200, deadline=None)
@given(games)
def test_every_reported_profile_is_an_equilibrium_in_exact_arithmetic(game):
    A, B = game
    eqs, _ = answers(A, B)
    assert eqs, "every finite game has an equilibrium"
    for x, y in eqs:
        assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
        assert _is_nash([[F(v) for v in r] for r in A], [[F(v) for v in r] for r in B], x, y)


@settings(max_examples=100, deadline=None)
@given(games, st.integers(1, 7), st.integers(-5, 5))
def test_positive_affine_changes_of_payoffs_change_nothing(game, scale, shift):
    A, B = game
    A2 = [[F(v * scale + shift, 3) for v in row] for row in A]
    assert answers(A, B)[0] == answers(A2, B)[0]


def test_degenerate_flag_on_random_integer_games_agrees_with_definition():
    """A game is degenerate iff some mixed strategy with support k has more than k pure best
    responses; check on small random games via the oracle's vertex label counts."""
    rng = np.random.default_rng(7)
    for _ in range(60):
        A = rng.integers(-2, 3, (2, 3)).tolist()
        B = rng.integers(-2, 3, (2, 3)).tolist()
        lowB = min(min(r) for r in B) - 1
        lowA = min(min(r) for r in A) - 1
        P = _vertices([[F(B[i][j] - lowB) for i in range(2)] for j in range(3)])
        Q = _vertices([[F(v - lowA) for v in row] for row in A])
        expected = any(len(l) > 2 for l in P.values()) or any(len(l) > 3 for l in Q.values())
        assert solve_bimatrix(A, B).degenerate is expected


@settings(max_examples=150, deadline=None)
@given(games, st.integers(1, 10**7), st.integers(-(10**7), 10**7), st.integers(10**5, 10**7))
def test_payoffs_with_large_denominators_lose_nothing(game, scale, shift, denominator):
    """Costs at an arbitrary κ give payoffs with large denominators: the float pre-pass must
    not merge or drop vertices (it once did when coordinates became tiny)."""
    A, B = game
    A2 = [[F(v * scale + shift, denominator) for v in row] for row in A]
    B2 = [[F(v * scale - shift, denominator + 1) for v in row] for row in B]
    assert answers(A2, B2)[0] == oracle(A, B)
