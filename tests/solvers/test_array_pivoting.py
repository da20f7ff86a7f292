"""Pivoting many bases at a time in int64 arrays: the same vertices as the walk one basis at a
time in Python integers, bases handed between the two when their entries pass the int64
bound, and exact divisions by multiplication."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.solvers import array_pivoting, pivoting
from sovgame.solvers.bimatrix import solve_bimatrix


def matrices(k, d, low, high):
    return st.lists(st.lists(st.integers(low, high), min_size=d, max_size=d), min_size=k, max_size=k)


shapes = st.tuples(st.integers(1, 6), st.integers(1, 6))


def walk_in_python(M):
    """The vertices as the walk one basis at a time finds them: {labels: z scaled to sum 1}."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pivoting, "ARRAYS_FROM", 10**9)
        found = pivoting.vertex_sets([M])[0]
    return _scaled(found, len(M[0]))


def walk(M):
    """The vertices as :func:`sovgame.solvers.pivoting.vertex_sets` finds them (walked in arrays
    when ``ARRAYS_FROM`` says so)."""
    return _scaled(pivoting.vertex_sets([M])[0], len(M[0]))


def _scaled(found, d):
    out = {}
    for i, labels in enumerate(found.labels):
        z, _ = found.coordinates(i, d)
        out[labels] = tuple(F(v, sum(z)) for v in z)
    return out


@settings(max_examples=150, deadline=None)
@given(shapes.flatmap(lambda shape: matrices(*shape, 1, 3)))
def test_the_walk_in_arrays_finds_what_the_walk_in_python_finds(M):
    # Entries 1..3 make most polytopes degenerate: many bases per vertex, ties in the ratio
    # test decided by the lexicographic rule.
    expected = walk_in_python(M)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pivoting, "ARRAYS_FROM", 0)
        assert walk(M) == expected


@settings(max_examples=100, deadline=None)
@given(shapes.flatmap(lambda shape: matrices(*shape, 1, 200)), st.sampled_from([2, 64, 1 << 12]))
def test_bases_past_the_int64_bound_are_walked_in_python_integers_and_back(M, limit):
    # A low bound sends most bases to the walk in Python integers and their children back to
    # the arrays when they fit: every hand-over in both directions is exercised.
    expected = walk_in_python(M)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pivoting, "ARRAYS_FROM", 0)
        patch.setattr(array_pivoting, "LIMIT", limit)
        assert walk(M) == expected


def games(low, high):
    return shapes.flatmap(lambda shape: st.tuples(matrices(*shape, low, high), matrices(*shape, low, high)))


@settings(max_examples=150, deadline=None)
@given(games(-2, 2), st.sampled_from([2, 1 << 31]))
def test_equilibria_in_arrays_are_those_of_every_square_system(game, limit):
    # Square games walk both polytopes together; small payoffs make most games degenerate.
    A, B = game
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pivoting, "ARRAYS_FROM", 0)
        patch.setattr(array_pivoting, "LIMIT", limit)
        assert pivoting.solve_by_pivoting(A, B) == solve_bimatrix(A, B)


def counting_hand_overs(monkeypatch) -> dict[str, int]:
    """Count the bases ``expand`` leaves to Python integers: past 2⁵³ (``beyond``), or whose
    pivot int64 cannot make exactly (``pending``)."""
    counts = {"beyond": 0, "pending": 0}
    expand = array_pivoting.expand

    def counting(bases, seen):
        children, beyond, pending = expand(bases, seen)
        counts["beyond"] += len(beyond)
        counts["pending"] += len(pending)
        return children, beyond, pending

    monkeypatch.setattr(array_pivoting, "expand", counting)
    return counts


def test_a_game_whose_bases_cross_the_int64_bound_agrees_with_gambit(monkeypatch):
    # Payoffs up to 10⁴ in a 7x7 game give dictionary entries past 2⁵³ and pivots whose
    # bound rules out int64 (their bases are walked in Python integers). Gambit's exact
    # enumeration is the reference.
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng([3, 7])
    A, B = rng.integers(-(10**4), 10**4 + 1, (7, 7)).tolist(), rng.integers(-(10**4), 10**4 + 1, (7, 7)).tolist()
    counts = counting_hand_overs(monkeypatch)
    ours = {(e.row, e.col) for e in pivoting.solve_by_pivoting(A, B).equilibria}
    assert counts["beyond"] and counts["pending"], "no basis was handed over: the hand-over went untested"
    table = getattr(gbt, "StrategicGame", None) or gbt.Game
    result = gbt.nash.enummixed_solve(table.from_arrays(A, B), rational=True)
    theirs = {
        tuple(
            tuple(F(int(profile[p][str(s + 1)].numerator), int(profile[p][str(s + 1)].denominator)) for s in range(7))
            for p in ("1", "2")
        )
        for profile in result.equilibria
    }
    assert ours == theirs


def test_bases_are_handed_both_ways_between_the_arrays_and_python_integers(monkeypatch):
    # With the bound at 20 and entries 1..4, the origin's neighbours (denominator: an entry)
    # fit the arrays, some bases further on leave them (entries past 20) and some of their
    # descendants come back (denominator past 4: not the origin's neighbours); the vertices
    # stay those of the walk in Python integers.
    rng = np.random.default_rng(5)
    polytopes = [rng.integers(1, 5, (k, d)).tolist() for k, d in [(5, 5), (6, 4), (4, 6), (6, 6)] * 10]
    expected = [walk_in_python(M) for M in polytopes]
    back = [0]
    from_dictionaries = array_pivoting.from_dictionaries

    def counting_back(nodes):
        back[0] += sum(node[2] > 4 for node in nodes)
        return from_dictionaries(nodes)

    monkeypatch.setattr(pivoting, "ARRAYS_FROM", 0)
    monkeypatch.setattr(array_pivoting, "LIMIT", 20)
    counts = counting_hand_overs(monkeypatch)
    monkeypatch.setattr(array_pivoting, "from_dictionaries", counting_back)
    assert [walk(M) for M in polytopes] == expected
    assert counts["beyond"] and back[0]


@settings(max_examples=150, deadline=None)
@given(shapes.flatmap(lambda shape: matrices(*shape, 1, 3)), st.sampled_from([2, 8]))
def test_wide_bases_pivot_modulo_2_64_and_break_ties_in_python_integers(M, narrow):
    # A low bound for narrow bases makes most bases wide: their pivots go through the
    # arithmetic modulo 2⁶⁴ and the bound on their entries, their ties through Python.
    expected = walk_in_python(M)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pivoting, "ARRAYS_FROM", 0)
        patch.setattr(array_pivoting, "NARROW", narrow)
        assert walk(M) == expected


@settings(max_examples=100, deadline=None)
@given(st.tuples(st.integers(2, 5), st.integers(2, 5)).flatmap(lambda shape: matrices(*shape, 1, 1 << 22)))
def test_pivots_int64_cannot_make_are_made_in_python_integers(M):
    # Entries up to 2²² give minors near 2⁶³ three pivots from the origin: the bound rules
    # some pivots out of int64, and those bases are made from their parents in Python.
    expected = walk_in_python(M)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pivoting, "ARRAYS_FROM", 0)
        assert walk(M) == expected


@settings(max_examples=300, deadline=None)
@given(st.integers(1, (1 << 31) - 1), st.data())
def test_exact_quotients_divide_exact_multiples(den, data):
    bound = ((1 << 63) - 1) // den  # the numerators fit in int64
    quotients = data.draw(st.lists(st.integers(-bound, bound), min_size=1, max_size=6))
    numerators = np.array([[[q * den for q in quotients]]], dtype=np.int64).transpose(0, 2, 1)  # (1, N, 1)
    dens = np.full(len(quotients), den, dtype=np.int64)
    got = array_pivoting.exact_quotients(numerators.copy(), dens)
    assert got[0, :, 0].tolist() == quotients


def test_seen_bases_are_new_once():
    seen = array_pivoting.Seen([5, 9])
    fresh = seen.fresh(np.array([9, 7, 3, 7, 5, 3], dtype=np.int64))
    masks = np.array([9, 7, 3, 7, 5, 3])[fresh].tolist()
    assert sorted(masks) == [3, 7] and len(fresh) == 2
    assert seen.fresh(np.array([3, 7, 9, 11], dtype=np.int64)).tolist() == [3]


def every_basis(M):
    """Every basis the walk in Python integers visits, as its dictionaries."""
    k, d = len(M), len(M[0])
    start = ([list(c) for c in zip(*M)], [1] * k, 1, list(range(d, d + k)), list(range(d)), ((1 << k) - 1) << d)
    seen, stack, bases = {start[5]}, [start], []
    while stack:
        node = stack.pop()
        bases.append(node)
        for column, row, mask in pivoting._edges(node, -1, d):
            if mask not in seen:
                seen.add(mask)
                stack.append(pivoting._pivot(node, column, row))
    return bases


@settings(max_examples=150, deadline=None)
@given(shapes.flatmap(lambda shape: matrices(*shape, 1, 3)))
def test_the_ratio_test_in_arrays_chooses_the_rows_of_the_exact_lexicographic_rule(M):
    # Every pivot of every basis, ties included (entries 1..3: most bases are degenerate).
    d = len(M[0])
    for node in every_basis(M):
        expected = {(column, row) for column, row, _ in pivoting._edges(node, -1, d)}
        with np.errstate(divide="ignore", invalid="ignore"):  # as in a walk: ratios over entries ≤ 0
            parents, columns, rows = array_pivoting._leaving_rows(array_pivoting.from_dictionaries([node]))
        assert set(zip(columns.tolist(), rows.tolist())) == expected and not parents.any()
