"""The game model: players with a single strategy set aside, costs and payoffs kept exact."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np

from sovgame import load_game
from sovgame.core.model import Game, Player, kept_players, solved_shape


def test_kept_players_are_those_who_choose_topped_up_to_two():
    assert kept_players((2, 2, 1)) == (0, 1)
    assert kept_players((2, 1, 3)) == (0, 2)
    assert kept_players((1, 3, 1)) == (0, 1)  # one chooser: the first single-strategy player joins
    assert kept_players((1, 1, 1)) == (0, 1)
    assert kept_players((2, 3, 2)) == (0, 1, 2)
    assert solved_shape((2, 1, 3)) == (2, 3)


def test_the_engaged_scenario_is_its_2x2_game_with_the_same_costs():
    game = load_game("scenario_india_engaged").game
    assert game.shape == (2, 2, 1) and game.single_strategy_players == (2,)
    reduced = game.without_single_strategy_players()
    assert reduced.shape == (2, 2) and reduced.player_names == ["Pakistan", "Afghanistan"]
    assert [c.name for c in reduced.costs] == [c.name for c in game.costs]
    for only in (None, ("trade_disruption",), ("military_operations", "refugee_returns")):
        for kappa in (F(0), F(1), F(7, 3)):
            full, small = game.payoffs_at(kappa, only), reduced.payoffs_at(kappa, only)
            for s in itertools.product(range(2), range(2)):
                assert list(small[s]) == list(full[s + (0,)][:2])
    assert reduced.solved_profile((0, 1)) == (0, 1) and game.solved_profile((1, 0, 0)) == (1, 0)
    assert reduced.without_single_strategy_players() is reduced


def test_a_game_where_everyone_chooses_is_kept_as_it_is():
    game = load_game("pakistan_afghanistan_india").game
    assert game.without_single_strategy_players() is game and game.single_strategy_players == ()


def test_two_single_strategy_players_leave_a_2x1_game():
    payoffs = np.empty((2, 1, 1, 3), dtype=object)
    payoffs[...] = F(0)
    payoffs[1, 0, 0] = [F(1), F(2), F(3)]
    players = (Player("a", ("x", "y")), Player("b", ("only",)), Player("c", ("only",)))
    game = Game("g", players, payoffs)
    reduced = game.without_single_strategy_players()
    assert reduced.shape == (2, 1) and reduced.player_names == ["a", "b"]
    assert list(reduced.payoffs[1, 0]) == [F(1), F(2)]
    assert reduced.without_single_strategy_players() is reduced
