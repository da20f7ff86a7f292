"""The vertices of a best-response polytope: proposed in floats, never merged or dropped by a
tolerance, decided exactly (solvers/polytope.py)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import HealthCheck, given, settings

from reference import extreme_equilibria
from sovgame.core.linalg import PRIMES_31
from sovgame.solvers import bimatrix, polytope
from sovgame.solvers.bimatrix import solve_bimatrix
from strategies import near_degenerate_bimatrix


def answers(A, B):
    return {(e.row, e.col) for e in solve_bimatrix(A, B).equilibria}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_degenerate_bimatrix(max_m=5, max_n=5))
def test_float_clusters_hold_every_vertex_with_at_least_its_exact_labels(game):
    # The exact enumeration of every basis is the truth; the float stage must neither lose a
    # vertex nor miss one of its labels (its labels may be more).
    M = bimatrix._positive_integer_matrix(game[0])
    truth = polytope.Polytope(M).exact_vertices()
    exact = {}
    P = polytope.Polytope(M)
    for c in range(len(truth.n_labels)):
        (v,) = P.cluster_exact(truth, c)
        exact[v.direction] = (v.zero_bits, v.tight_bits)
    floats = P.candidates(10**9)  # the float stage whatever the size
    seen = {}
    for c in range(len(floats.n_labels)):
        for v in P.cluster_exact(floats, c):
            zero, tight = int(floats.zero_bits[c]), int(floats.tight_bits[c])
            assert v.zero_bits & ~zero == 0 and v.tight_bits & ~tight == 0
            seen[v.direction] = (v.zero_bits, v.tight_bits)
    assert seen == exact


def test_bits_past_63_columns_are_python_integers():
    flags = np.zeros((2, 70), bool)
    flags[0, 0] = flags[0, 64] = flags[1, 69] = True
    assert polytope.bits(flags).tolist() == [1 | (1 << 64), 1 << 69]


def test_singularity_is_dropped_only_when_proved():
    p1, p2 = PRIMES_31[0], PRIMES_31[1]
    # det = 0: proved by enough primes. det = p1·p2 ≡ 0 modulo both of the first two primes,
    # but the Hadamard bound (> p1·p2) needs a third: not singular, kept.
    for M, singular in (([[p1, 1], [2 * p1, 2]], True), ([[p1 * p2 + 1, 1], [1, 1]], False)):
        P = polytope.Polytope(np.array(M, dtype=object))
        kept = P._not_proved_singular(P.M[None], np.array([[0, 1]]), np.array([[0, 1]]))
        assert (kept == []) == singular


def test_one_float_cluster_can_hold_two_exact_vertices_and_both_are_kept():
    # Found by random search: payoffs 0..2 perturbed by k/10^12. Two vertices of
    # {z ≥ 0, M z ≤ 1} agree to 9 digits with the same possible labels, so the float stage
    # cannot tell them apart; the exact stage must return both.
    T = 10**12
    M = [
        [F(2 * T - 8, T), F(T + 3, T), F(1)],
        [F(1), F(2), F(2 * T + 5, T)],
        [F(2), F(0), F(T - 9, T)],
        [F(T + 9, T), F(2 * T - 4, T), F(0)],
    ]
    P = polytope.Polytope(bimatrix._positive_integer_matrix(M))
    cands = P.candidates(bimatrix.count_bases(4, 3))
    clusters = [P.cluster_exact(cands, c) for c in range(len(cands.n_labels))]
    split = [vs for vs in clusters if len(vs) > 1]
    assert split and all(len({v.direction for v in vs}) == len(vs) for vs in split)
    # And the game with these payoffs for both players loses nothing.
    assert answers(M, M) == extreme_equilibria(M, M)


def test_payoffs_spanning_400_orders_of_magnitude_are_enumerated_exactly():
    big = 10**400
    A = [[big, 1, 2, 0], [0, 3, 1, 2], [2, 0, big, 1]]
    B = [[1, big, 0, 2], [2, 0, 1, big], [0, 1, 2, 1]]
    P = polytope.Polytope(bimatrix._positive_integer_matrix(B).T)
    assert not P.float_ok  # 1/10^400 is no float
    assert answers(A, B) == extreme_equilibria(A, B)
