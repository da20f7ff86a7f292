"""The uniqueness walk: the same Threshold objects as the every-breakpoint method (tests/costs/
reference_unique.py), sets derived by hand, and the work it is allowed."""

from __future__ import annotations

import itertools
from dataclasses import replace
from fractions import Fraction as F
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sovgame.costs.uniqueness as uniqueness
from costs.reference_unique import reference_uniqueness
from sovgame import bundled_names, load_game
from sovgame.core.budget import WorkLimitError, work_limit
from sovgame.core.intervals import Root
from sovgame.core.model import Cost, Player, bimatrix_game
from sovgame.costs.thresholds import Criterion, compute_threshold, compute_thresholds
from sovgame.solvers.equilibria import solve


def with_costs(U, W, target):
    """A two-player game with payoffs U[i][j] = (row, column), one custom cost with exposures
    W[i][j] = (row, column) at weight 1, and ``target`` as each player's compromise."""
    game = bimatrix_game([[c[0] for c in row] for row in U], [[c[1] for c in row] for row in U])
    players = tuple(Player(p.name, p.strategies, p.strategies[s]) for p, s in zip(game.players, target))
    exposure = {(i, j): (F(w[0]), F(w[1])) for i, row in enumerate(W) for j, w in enumerate(row)}
    return replace(game, players=players, costs=(Cost("c", "custom", (F(1), F(1)), (0, 1), exposure),))


def reference_unique(game, target=None, costs=None):
    """The unique threshold as the every-breakpoint method gives it: the same assembly around the
    reference tail (every support pair's roots, one solve per element)."""
    with mock.patch.object(uniqueness, "uniqueness_of", reference_uniqueness):
        return compute_threshold(game, Criterion.UNIQUE, target, costs)


def same_threshold(fast, slow) -> bool:
    """Equal Threshold objects. One allowance: an irrational threshold found as the root of
    two different polynomials has two float-made brackets around the same number; they must
    overlap, and everything else must be equal."""
    if fast == slow:
        return True
    a, b = fast.value, slow.value
    if isinstance(a, Root) and isinstance(b, Root) and a.lo < b.hi and b.lo < a.hi:
        return replace(fast, value=b, bracket=slow.bracket, intervals=slow.intervals, reason=slow.reason) == slow
    return False


@st.composite
def costed_games(draw):
    """An m×n game (2..4 each) with a target that is an equilibrium at some κ ≥ 0 when one
    exists. Costs either anywhere (exposures 0..2) or on leaving the target (each player 1..2
    per unit of κ away from its target strategy, plus 0..1 wherever anyone is away)."""
    m, n = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    U = [[(draw(st.integers(-4, 4)), draw(st.integers(-4, 4))) for _ in range(n)] for _ in range(m)]
    target = (draw(st.integers(0, m - 1)), draw(st.integers(0, n - 1)))
    if draw(st.booleans()):
        W = [[(draw(st.integers(0, 2)), draw(st.integers(0, 2))) for _ in range(n)] for _ in range(m)]
    else:
        W = [
            [
                (
                    (i != target[0]) * draw(st.integers(1, 2)) + ((i, j) != target) * draw(st.integers(0, 1)),
                    (j != target[1]) * draw(st.integers(1, 2)) + ((i, j) != target) * draw(st.integers(0, 1)),
                )
                for j in range(n)
            ]
            for i in range(m)
        ]
    game = with_costs(U, W, target)
    ever = [p for p in itertools.product(range(m), range(n)) if compute_threshold(game, "nash", p).intervals]
    return game, (draw(st.sampled_from(ever)) if ever else target)


@settings(max_examples=100, deadline=None)
@given(costed_games())
def test_the_walk_gives_the_same_thresholds_as_every_breakpoint_solved(drawn):
    game, target = drawn
    fast = compute_threshold(game, Criterion.UNIQUE, target)
    assert same_threshold(fast, reference_unique(game, target)), (game.payoffs.tolist(), target)


def test_the_walk_agrees_on_every_bundled_two_player_game_target_and_cost():
    checked = 0
    for name in bundled_names():
        case = load_game(name)
        if case.game.n_players != 2:
            continue
        for target in itertools.product(*(range(k) for k in case.game.shape)):
            for costs in [None] + [[c.name] for c in case.game.costs]:
                if compute_threshold(case, "nash", target, costs).intervals:
                    fast = compute_threshold(case, Criterion.UNIQUE, target, costs)
                    assert same_threshold(fast, reference_unique(case, target, costs)), (name, target, costs)
                    checked += 1
    assert checked > 20


def matching_pennies_behind_a_truce():
    """Rows and columns T, a, b: (T, T) pays both 1; a player's T pays −1 against the other's
    a or b, and its a or b pay 0 against the other's T; on {a, b}² the row player wants to
    match and the column player to mismatch (±1, matching pennies). Each player pays κ
    whenever it plays a or b."""
    U = [[(1, 1), (-1, 0), (-1, 0)], [(0, -1), (1, -1), (-1, 1)], [(0, -1), (-1, 1), (1, -1)]]
    W = [[(int(i > 0), int(j > 0)) for j in range(3)] for i in range(3)]
    return with_costs(U, W, (0, 0))


def test_a_threshold_set_by_a_mixed_equilibrium_inside_a_pairwise_gap():
    # Hand derivation. Column mix (t, p, q) on (T, a, b): the row's T pays 2t − 1, a pays
    # −κ + p − q, b pays −κ + q − p; the column's payoffs are the same with the row's mix.
    # Matching pennies on {a, b} (both mix ½, ½) gives a and b −κ against T's −1: an
    # equilibrium exactly when κ ≤ 1. For κ > 1 no equilibrium uses a or b: if the row did
    # with p > q, only a (b pays less), so the column's b beats its a and p = 0 < q, a
    # contradiction (likewise p < q); with p = q, a and b pay −κ < −1 ≤ 2t − 1, so T is
    # strictly better. The same holds for the column. So (T, T) is alone exactly for κ > 1;
    # the only pairwise breakpoint is κ = 2 (the row's T against a: −1 = 1 − κ), so κ = 1 is
    # a breakpoint of the mixed equilibria only.
    game = matching_pennies_behind_a_truce()
    unique = compute_threshold(game, Criterion.UNIQUE)
    assert (unique.value, unique.attained, unique.bracket) == (F(1), False, None)
    assert unique.reason.endswith("a mixed equilibrium survives until κ = 1")
    half = (F(0), F(1, 2), F(1, 2))
    assert (half, half) in [e.strategies for e in solve(game, 1).equilibria]
    assert [e.pure_profile() for e in solve(game, F(101, 100)).equilibria] == [(0, 0)]


def test_thresholds_of_8x8_games_run_within_the_default_work_limit_and_bracket_the_change():
    rng = np.random.default_rng(3)
    U = rng.integers(-4, 5, (8, 8, 2)).tolist()
    W = [[((i != 0) * 2 + (j != 0), (j != 0) * 2 + (i != 0)) for j in range(8)] for i in range(8)]
    game = with_costs(U, W, (0, 0))
    unique = compute_thresholds(game).thresholds["unique"]  # once refused before it started
    # The every-pair reference takes minutes here: check the claim with the solver instead.
    assert isinstance(unique.value, F) and unique.value > 0
    alone = lambda kappa: [e.pure_profile() for e in solve(game, kappa).equilibria] == [(0, 0)]  # noqa: E731
    assert alone(unique.value + F(1, 1000)) and alone(unique.value + 10)
    assert alone(unique.value) == unique.attained
    assert not alone(unique.value - F(1, 1000))


def test_what_is_still_too_large_is_refused_before_it_starts():
    rng = np.random.default_rng(4)
    U = rng.integers(0, 9, (60, 60, 2)).tolist()
    game = with_costs(U, [[(i, j) for j in range(60)] for i in range(60)], (0, 0))
    with work_limit(10**6), pytest.raises(WorkLimitError, match="cost levels to test"):
        compute_thresholds(game)
