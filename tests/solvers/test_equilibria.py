"""Games with three or more players through ``solve``: pure equilibria against brute force, mixed
ones exact (the enumeration itself is tested in test_nplayer.py)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import is_nash
from sovgame.core.model import Game, Player
from sovgame.solvers.equilibria import pure_equilibria
from strategies import payoff_arrays

# McKelvey & McLennan (1996), "Computation of equilibria in finite games", Handbook of
# Computational Economics 1, ch. 2: a 3-player, 2-action game with 9 Nash equilibria.
MM_PAYOFFS = {(0, 0, 0): (9, 8, 12), (1, 1, 0): (9, 8, 2), (0, 1, 1): (3, 4, 6), (1, 0, 1): (3, 4, 4)}


def mckelvey_mclennan() -> Game:
    payoffs = np.empty((2, 2, 2, 3), dtype=object)
    payoffs[...] = F(0)
    for profile, values in MM_PAYOFFS.items():
        payoffs[profile] = [F(v) for v in values]
    players = tuple(Player(name, ("a", "b")) for name in ("one", "two", "three"))
    return Game(title="McKelvey-McLennan", players=players, payoffs=payoffs)


@settings(max_examples=50, deadline=None)
@given(payoff_arrays((2, 3, 2), -2, 2))
def test_pure_equilibria_by_brute_force_on_random_games(payoffs):
    shape = payoffs.shape[:-1]
    expected = [
        s
        for s in itertools.product(*(range(k) for k in shape))
        if all(payoffs[s][i] >= payoffs[s[:i] + (t,) + s[i + 1 :]][i] for i in range(3) for t in range(shape[i]))
    ]
    assert pure_equilibria(payoffs) == expected


def test_solve_lists_every_equilibrium_exactly_with_payoffs():
    from sovgame import solve

    solution = solve(mckelvey_mclennan())
    assert solution.complete and solution.method == "exact support enumeration"
    assert all(is_nash(solution.game.payoffs, e.strategies) for e in solution.equilibria)
    # The pure equilibria by hand: (a, a, a) pays (9, 8, 12) and each deviation 0; (b, b, a)
    # pays (9, 8, 2) and player 3's deviation to b pays 0; (a, b, b) and (b, a, b) pay 3, 4, 4
    # (player 3), against 0 for each deviation.
    assert solution.pure_profiles == [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
    for e in solution.equilibria:
        assert e.payoffs == tuple(
            sum(
                (
                    F(int(MM_PAYOFFS.get(p, (0, 0, 0))[i]))
                    * e.strategies[0][p[0]]
                    * e.strategies[1][p[1]]
                    * e.strategies[2][p[2]]
                    for p in itertools.product(range(2), repeat=3)
                ),
                F(0),
            )
            for i in range(3)
        )


def test_triangular_deadlock_measure_for_india():
    from sovgame import load_game
    from sovgame.costs.thresholds import compute_thresholds

    report = compute_thresholds(load_game("pakistan_afghanistan_india"))
    # The all-compromise profile includes India holding back, which engaging always beats.
    assert report.thresholds["nash"].value is None
    (india,) = report.third_parties
    assert india.player == "India" and india.dominant == "Engage Kabul"
    # By hand: holding back leaves the case game, Pakistan binding at (4 − 3)/(3/4) = 4/3
    # (Afghanistan (4 − 3)/(3/2) = 2/3); engaging lowers Pakistan's restraint payoff by 1, so
    # (4 − 2)/(3/4) = 8/3, and raises Afghanistan's toleration to 4.5: (4.5 − 3)/(3/2) = 1.
    hold, engage = india.nash["Hold back"], india.nash["Engage Kabul"]
    assert (hold.value, hold.binding, hold.per_player) == (
        F(4, 3),
        "Pakistan",
        {"Pakistan": F(4, 3), "Afghanistan": F(2, 3)},
    )
    assert (engage.value, engage.binding, engage.per_player) == (
        F(8, 3),
        "Pakistan",
        {"Pakistan": F(8, 3), "Afghanistan": F(1)},
    )
    assert (hold.verdict, engage.verdict) == ("reachable", "beyond")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_pure_strategy_values_are_the_expected_payoffs_of_each_deviation(data):
    # Brute force: the expected payoff of player i's pure strategy s against the others'
    # mixes is the sum over every full profile of the others' probabilities times the payoff.
    from sovgame.solvers.verify import pure_strategy_values

    shape = tuple(data.draw(st.lists(st.integers(1, 3), min_size=2, max_size=3)))
    n = len(shape)
    payoffs = np.empty(shape + (n,), dtype=object)
    for index in np.ndindex(*payoffs.shape):
        payoffs[index] = F(data.draw(st.integers(-5, 5)), data.draw(st.integers(1, 4)))
    strategies = []
    for k in shape:
        weights = data.draw(st.lists(st.integers(0, 3), min_size=k, max_size=k).filter(any))
        strategies.append(tuple(F(w, sum(weights)) for w in weights))
    for player in range(n):
        expected = []
        for own in range(shape[player]):
            total = F(0)
            for profile in itertools.product(*(range(k) for k in shape)):
                if profile[player] != own:
                    continue
                weight = F(1)
                for i, s in enumerate(profile):
                    weight *= 1 if i == player else strategies[i][s]
                total += weight * payoffs[profile][player]
            expected.append(total)
        assert pure_strategy_values(payoffs, strategies, player) == expected
