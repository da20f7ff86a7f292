"""Drawing samples: the sorting networks, the ordinal model (each player's payoffs redrawn by
rank within its own range, ties kept), weights drawn within their ranges, and a sample as an
exact game."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from cases import MIXED_COSTS_2X2
from sovgame import load_game, parse_game
from sovgame.robustness.plan import plan_sampling
from sovgame.robustness.sampling import chunk_generator, draw_samples, exact_sample_game, sort_rows


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 7])
def test_sort_rows_sorts_every_row(width):
    rng = np.random.default_rng(width)
    x = rng.integers(-3, 4, size=(500, width)).astype(float)  # many ties
    assert np.array_equal(sort_rows(x), np.sort(x, axis=1))


def test_ordinal_samples_keep_each_players_order_and_ties_within_its_range():
    # Prisoner's Dilemma payoffs 3, 0, 5, 1 for each player: four ranks in [0, 5].
    game = load_game("prisoners_dilemma")
    plan = plan_sampling(game)
    U, _ = draw_samples(plan, chunk_generator(3, 0), 2000)
    for i in range(2):
        stated = np.array([float(game.game.payoffs[p + (i,)]) for p in game.game.profiles()])
        drawn = U[:, :, i]
        assert drawn.min() >= 0 and drawn.max() <= 5
        for a in range(4):
            for b in range(4):
                if stated[a] < stated[b]:
                    assert np.all(drawn[:, a] < drawn[:, b])
    # The case game: Pakistan's payoffs 3, 1, 4, 2 and Afghanistan's 3, 4, 1, 2 are four ranks
    # each, and the two players are drawn independently (not the same numbers).
    case = load_game("pakistan_afghanistan")
    U, _ = draw_samples(plan_sampling(case), chunk_generator(3, 0), 500)
    assert not np.array_equal(np.sort(U[:, :, 0], axis=1), np.sort(U[:, :, 1], axis=1))


def test_ties_stay_ties():
    # A's payoffs 3, 1, 4, 1 at a0|b0, a0|b1, a1|b0, a1|b1: three ranks, the two outcomes with
    # payoff 1 equal in every sample.
    text = MIXED_COSTS_2X2.replace('payoff_scale = "cardinal"', 'payoff_scale = "ordinal"')
    text = text.replace('"a1|b1" = [2, 2]', '"a1|b1" = [1, 2]')  # A's payoff at a1|b1 ties a0|b1
    plan = plan_sampling(parse_game(text))
    U, _ = draw_samples(plan, chunk_generator(0, 0), 300)
    assert np.array_equal(U[:, 1, 0], U[:, 3, 0]) and np.all(U[:, 0, 0] > U[:, 1, 0])


def test_ranged_weights_are_drawn_within_their_ranges():
    # MIXED_COSTS_2X2: war (mutual confrontation, weights drawn in [0, 2] and [1/2, 3/2]),
    # strikes (own confrontation, 1/4 and 1/2 fixed) and trade (any conflict, drawn in [0, 1]
    # and [0, 1/2]). Profiles a0|b0, a0|b1, a1|b0, a1|b1; a0 and b0 are the compromises.
    plan = plan_sampling(parse_game(MIXED_COSTS_2X2), noise=0.5)
    drawn: dict[str, np.ndarray] = {}
    _, W = draw_samples(plan, chunk_generator(5, 0), 1000, drawn)
    war, trade = drawn["war"], drawn["trade"]
    for weights, bounds in ((war, [(0, 2), (0.5, 1.5)]), (trade, [(0, 1), (0, 0.5)])):
        assert weights.shape == (1000, 2)
        for i, (lo, hi) in enumerate(bounds):
            assert weights[:, i].min() >= lo and weights[:, i].max() <= hi
            assert weights[:, i].max() - weights[:, i].min() > (hi - lo) / 2  # spread over the range
    assert np.all(W[:, 0] == 0)  # both compromise: no cost
    # a0|b1: A pays trade, B pays trade and its strikes; a1|b0 the other way round.
    assert np.allclose(W[:, 1, 0], trade[:, 0]) and np.allclose(W[:, 1, 1], trade[:, 1] + 0.5)
    assert np.allclose(W[:, 2, 0], trade[:, 0] + 0.25) and np.allclose(W[:, 2, 1], trade[:, 1])
    # a1|b1: everything.
    assert np.allclose(W[:, 3, 0], war[:, 0] + 0.25 + trade[:, 0])
    assert np.allclose(W[:, 3, 1], war[:, 1] + 0.5 + trade[:, 1])


def test_the_same_chunk_draws_the_same_samples():
    plan = plan_sampling(load_game("pakistan_afghanistan"))
    first = draw_samples(plan, chunk_generator(7, 2), 50)
    again = draw_samples(plan, chunk_generator(7, 2), 50)
    other = draw_samples(plan, chunk_generator(7, 3), 50)
    assert np.array_equal(first[0], again[0]) and not np.array_equal(first[0], other[0])


def test_an_exact_sample_game_holds_the_drawn_numbers_exactly():
    game = load_game("pakistan_afghanistan")
    plan = plan_sampling(game)
    U, W = draw_samples(plan, chunk_generator(1, 0), 3)
    exact = exact_sample_game(plan, U[2], W[2]).game
    load = exact.cost_load()
    for k, profile in enumerate(game.game.profiles()):
        for i in range(2):
            assert exact.payoffs[profile + (i,)] == Fraction(float(U[2, k, i]))
            assert load[profile + (i,)] == Fraction(float(W[2, k, i]))
    assert exact.player_names == game.game.player_names
