"""Pivoting between adjacent vertices: the same extreme equilibria as the enumeration of every
square system, on degenerate games too, and the same as Gambit's exact solver on large games."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import bimatrix_game, solve
from sovgame.core.budget import expected_bases
from sovgame.core.linalg import solve_linear
from sovgame.solvers import pivoting
from sovgame.solvers.bimatrix import solve_bimatrix
from sovgame.solvers.pivoting import solve_2x2, solve_by_pivoting, solve_two_player, vertices
from sovgame.solvers.verify import expected_payoffs, is_nash


def matrices(m, n, low, high):
    return st.lists(st.lists(st.integers(low, high), min_size=n, max_size=n), min_size=m, max_size=m)


games = st.tuples(st.integers(1, 5), st.integers(1, 5), st.sampled_from([(0, 1), (-2, 2), (-5, 5)])).flatmap(
    lambda shape: st.tuples(matrices(shape[0], shape[1], *shape[2]), matrices(shape[0], shape[1], *shape[2]))
)


@settings(max_examples=400, deadline=None)
@given(games)
def test_pivoting_finds_what_solving_every_system_finds(game):
    # Payoffs in {0, 1} or [-2, 2] make most games degenerate: ties, continua, many bases
    # per vertex. The enumeration is checked against a brute-force oracle in test_bimatrix.
    A, B = game
    assert solve_by_pivoting(A, B) == solve_bimatrix(A, B)


@settings(max_examples=400, deadline=None)
@given(matrices(2, 2, -3, 3), matrices(2, 2, -3, 3), st.sampled_from([1, 3, 10**9 + 7]))
def test_the_2x2_closed_form_agrees_with_solving_every_system(A, B, denominator):
    A = [[F(v, denominator) for v in row] for row in A]
    solution = solve_2x2(A, B)
    if solution is None:  # ties against a pure strategy: left to pivoting
        assert A[0][0] == A[1][0] or A[0][1] == A[1][1] or B[0][0] == B[0][1] or B[1][0] == B[1][1]
    else:
        assert solution == solve_bimatrix(A, B)
    assert solve_two_player(A, B) == solve_bimatrix(A, B)


@settings(max_examples=60, deadline=None)
@given(games, st.integers(1, 10**6), st.integers(10**5, 10**7))
def test_fractions_with_large_denominators_change_nothing(game, shift, denominator):
    A, B = game
    A2 = [[F(v * 7 + shift, denominator) for v in row] for row in A]
    B2 = [[F(v * 3 - shift, denominator + 1) for v in row] for row in B]
    assert solve_by_pivoting(A2, B2) == solve_bimatrix(A, B)


def test_every_profile_of_the_zero_game_and_one_continuum():
    solution = solve_by_pivoting([[0] * 3] * 3, [[0] * 3] * 3)
    assert sorted(e.row.index(1) * 3 + e.col.index(1) for e in solution.equilibria) == list(range(9))
    assert solution.degenerate and {e.component for e in solution.equilibria} == {1}


def brute_force_vertices(M):
    """Every vertex of {z ≥ 0, M z ≤ 1} in fractions, by its labels: each choice of d
    constraints made tight (z_i = 0 for i < d, row j of M z = 1 for d + j) is solved by
    Gauss–Jordan elimination and kept when feasible."""
    k, d = len(M), len(M[0])
    constraints = [[F(int(i == c)) for i in range(d)] for c in range(d)] + [[F(v) for v in row] for row in M]
    rhs = [F(0)] * d + [F(1)] * k
    found = {}
    for chosen in itertools.combinations(range(d + k), d):
        solved = solve_linear([constraints[c] for c in chosen], [rhs[c] for c in chosen])
        if solved is None or solved[1] < d:
            continue
        z = solved[0]
        loads = [sum(a * v for a, v in zip(row, z)) for row in M]
        if min(z) >= 0 and max(loads) <= 1 and any(z):
            labels = {i for i in range(d) if z[i] == 0} | {d + j for j in range(k) if loads[j] == 1}
            found[sum(1 << v for v in labels)] = tuple(v / sum(z) for v in z)
    return found


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5).flatmap(lambda k: st.integers(1, 5).flatmap(lambda d: matrices(k, d, 1, 3))))
def test_every_vertex_is_found_and_no_more_bases_than_mcmullen_allows(M):
    found = {labels: tuple(F(v, sum(z)) for v in z) for labels, z in vertices(M)}
    assert found == brute_force_vertices(M)
    assert len(found) <= expected_bases(len(M), len(M[0]))


@pytest.mark.parametrize("size, seed", [(8, 1), (9, 2)])
def test_large_games_agree_with_gambits_exact_enumeration(size, seed):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng([seed, size])
    A, B = rng.integers(-5, 6, (size, size)).tolist(), rng.integers(-5, 6, (size, size)).tolist()
    table = getattr(gbt, "StrategicGame", None) or gbt.Game
    result = gbt.nash.enummixed_solve(table.from_arrays(A, B), rational=True)
    theirs = set()
    for profile in result.equilibria:
        theirs.add(
            tuple(
                tuple(
                    F(int(profile[p][str(s + 1)].numerator), int(profile[p][str(s + 1)].denominator))
                    for s in range(size)
                )
                for p in ("1", "2")
            )
        )
    ours = {(e.row, e.col) for e in solve_by_pivoting(A, B).equilibria}
    assert ours == theirs


#: Primes of about 30 digits (as tests/test_known_failures.py): payoffs 1/p_i have no common
#: denominator below about 10^120, past the float range once scaled to integers.
PRIMES = [
    1000000000000000000000000000057,
    1000000000000000000000000000099,
    1000000000000000000000000000211,
    1000000000000000000000000000217,
]


def test_payoffs_past_the_float_range_are_solved_exactly():
    # 1/p1³ > 1/p2³ > 1/p3³ > 1/p4³: the row's r1 beats r2 against both columns, and the
    # column answers r1 with c1 (1 > 0): (r1, c1) is the only equilibrium.
    A = [[F(1, p**3) for p in PRIMES[:2]], [F(1, p**3) for p in PRIMES[2:]]]
    B = [[1, 0], [F(1, PRIMES[3] ** 3), 1]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solution = solve(bimatrix_game(A, B))
    assert [e.pure_profile() for e in solution.equilibria] == [(0, 0)]


def brute_force_equilibria(A, B):
    """Completely labelled pairs of brute-force vertices (payoffs shifted to be ≥ 1)."""
    m, n = len(A), len(A[0])
    low_a, low_b = min(map(min, A)) - 1, min(map(min, B)) - 1
    P = brute_force_vertices([[F(B[i][j]) - low_b for i in range(m)] for j in range(n)])
    Q = brute_force_vertices([[F(v) - low_a for v in row] for row in A])
    full = (1 << (m + n)) - 1
    pairs = set()
    for x_labels, x in P.items():
        for y_labels, y in Q.items():
            # Q's labels: its coordinates (columns) are bits 0..n-1, its rows n..: as m + j and i.
            y_std = (y_labels >> n) | (y_labels & ((1 << n) - 1)) << m
            if x_labels | y_std == full:
                pairs.add((x, y))
    return pairs


def test_large_denominators_raise_no_float_warnings_and_agree_with_brute_force():
    values = [F(k + 1, p) for k, p in enumerate(PRIMES * 4)]
    A = [values[0:4], values[4:8], values[8:12], values[12:16]]
    B = [list(reversed(row)) for row in A]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = {(e.row, e.col) for e in solve_by_pivoting(A, B).equilibria}
    assert ours == brute_force_equilibria(A, B)


def payoff_array(A, B):
    payoffs = np.empty((len(A), len(A[0]), 2), dtype=object)
    for i, row in enumerate(A):
        for j, value in enumerate(row):
            payoffs[i, j] = (F(value), F(B[i][j]))
    return payoffs


@settings(max_examples=300, deadline=None)
@given(games, st.sampled_from([1, 7]))
def test_the_payoffs_that_pivoting_proves_are_those_of_an_equilibrium(game, denominator):
    # Pivoting and the 2x2 closed form report payoffs without the check in fractions: the
    # profile must pass that check and the payoffs must be its expected payoffs.
    A = [[F(v, denominator) for v in row] for row in game[0]]
    B = game[1]
    payoffs = payoff_array(A, B)
    closed_form = solve_2x2(A, B) if (len(A), len(A[0])) == (2, 2) else None
    for solution in (solve_by_pivoting(A, B), closed_form):
        for e in solution.equilibria if solution else ():
            assert e.payoffs is not None
            assert is_nash(payoffs, (e.row, e.col))
            assert e.payoffs == expected_payoffs(payoffs, (e.row, e.col))


def inverse(matrix):
    """The inverse of a square matrix of fractions (Gauss–Jordan)."""
    n = len(matrix)
    rows = [[F(v) for v in row] + [F(int(i == j)) for j in range(n)] for i, row in enumerate(matrix)]
    for c in range(n):
        p = next(r for r in range(c, n) if rows[r][c] != 0)
        rows[c], rows[p] = rows[p], rows[c]
        rows[c] = [v / rows[c][c] for v in rows[c]]
        for r in range(n):
            if r != c and rows[r][c] != 0:
                rows[r] = [a - rows[r][c] * b for a, b in zip(rows[r], rows[c])]
    return [row[n:] for row in rows]


def lexicographic_row(M, basic, entering):
    """The lexicographic minimum ratio row for ``entering`` at the basis whose variables, row by
    row, are ``basic`` (of z's d coordinates and the k slacks of M z + s = 1), from B⁻¹ alone:
    the least of (B⁻¹1, B⁻¹)_i / (B⁻¹ a)_i over the rows with (B⁻¹ a)_i > 0, as tuples of fractions."""
    k = len(M)
    full = [list(row) + [int(i == j) for j in range(k)] for i, row in enumerate(M)]
    Binv = inverse([[full[r][v] for v in basic] for r in range(k)])
    direction = [sum(Binv[i][r] * full[r][entering] for r in range(k)) for i in range(k)]
    rhs = [sum(Binv[i]) for i in range(k)]
    keys = {i: tuple(v / direction[i] for v in [rhs[i], *Binv[i]]) for i in range(k) if direction[i] > 0}
    return min(keys, key=keys.get) if keys else None


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 4).flatmap(lambda k: st.integers(1, 4).flatmap(lambda d: matrices(k, d, 1, 3))))
def test_every_leaving_row_is_the_lexicographic_minimum_ratio_of_the_basis_inverse(M):
    # Entries 1..3: most bases are degenerate, so the rule's ties are what is tested. The
    # reference reads nothing from the dictionaries but their basic variables.
    k, d = len(M), len(M[0])
    start = ([list(c) for c in zip(*M)], [1] * k, 1, list(range(d, d + k)), list(range(d)), ((1 << k) - 1) << d)
    seen, stack = {start[5]}, [start]
    while stack:
        node = stack.pop()
        edges = {column: row for column, row, _ in pivoting._edges(node, -1, d)}
        for column, entering in enumerate(node[4]):
            assert edges.get(column) == lexicographic_row(M, node[3], entering)
        for column, row, mask in pivoting._edges(node, -1, d):
            if mask not in seen:
                seen.add(mask)
                stack.append(pivoting._pivot(node, column, row))
