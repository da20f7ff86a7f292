"""The uniqueness threshold of games with three or more players, exact where the enumeration
reaches (sovgame.costs.unique_nplayer): checked against the exact enumeration of every
equilibrium at cost levels on both sides of the threshold."""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest

from sovgame.core.intervals import Root, compare
from sovgame.core.model import Cost, Game, Incidence, Player
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.unique_nplayer import EXACT_NOTE
from sovgame.solvers.nplayer import enumerate_equilibria

TARGET = (0, 0, 0)


def costed_game(seed: int) -> Game:
    """A 2x2x2 game with payoffs 0..6, an own_confront and an any_conflict cost."""
    rng = random.Random(seed)
    payoffs = np.empty((2, 2, 2, 3), dtype=object)
    for index in np.ndindex(payoffs.shape):
        payoffs[index] = F(rng.randint(0, 6))
    players = tuple(Player(f"P{i}", ("C", "D"), "C") for i in range(3))
    costs = (
        Cost("own", Incidence.OWN_CONFRONT, tuple(F(rng.randint(1, 3)) for _ in range(3)), (0, 1, 2)),
        Cost("any", Incidence.ANY_CONFLICT, tuple(F(rng.randint(0, 2)) for _ in range(3)), (0, 1, 2)),
    )
    return Game(title=f"random {seed}", players=players, payoffs=payoffs, costs=costs)


def alone(game: Game, kappa: F) -> bool:
    found = enumerate_equilibria(game.payoffs_at(kappa))
    assert found.complete
    return len(found.points) == 1 and not found.components and found.points[0] == ((F(1), F(0)),) * 3


def rational_near(point, above: bool, gap: F) -> F:
    """A rational within ``gap`` of the point, on the side asked."""
    if isinstance(point, Root):
        root = point.refined(gap / 2)
        return root.hi + gap / 4 if above else root.lo - gap / 4
    return point + gap if above else point - gap


# Seeds whose threshold lies strictly between where the target becomes the only pure
# equilibrium and where dominance proves it alone (rational and irrational ones, 0 included,
# attained or not), picked from seeds 0..300.
EXACT_SEEDS = [6, 14, 17, 21, 23, 27, 50, 79, 97, 113, 145, 157]


@pytest.mark.parametrize("seed", EXACT_SEEDS)
def test_the_exact_threshold_separates_alone_from_not_alone(seed):
    game = costed_game(seed)
    unique = compute_thresholds(game, TARGET).thresholds["unique"]
    assert EXACT_NOTE in unique.notes
    assert unique.verdict is not None  # settled
    if unique.value is None:  # never: a rival equilibrium at every cost level
        assert not alone(game, F(1000))
        return
    start = unique.value
    for gap in (F(1, 10**6), F(1, 7), F(3)):
        assert alone(game, rational_near(start, True, gap)), gap
    if isinstance(start, F):
        assert alone(game, start) == unique.attained
    if compare(start, 0) > 0:
        assert not alone(game, rational_near(start, False, F(1, 10**6)))


def test_some_threshold_is_irrational_and_exact():
    # Seed 24 of the scan: a mixed equilibrium vanishes at κ = (−19 + √1145)/24 ≈ 0.618, after
    # the last rival pure equilibrium and before dominance proves the target alone.
    game = costed_game_from_scan(1, 24)
    unique = compute_thresholds(game, TARGET).thresholds["unique"]
    assert isinstance(unique.value, Root) and unique.value == Root.of_surd(F(-19, 24), F(1, 24), F(1145))
    assert not unique.attained and unique.verdict is not None
    assert alone(game, rational_near(unique.value, True, F(1, 10**4)))
    assert not alone(game, rational_near(unique.value, False, F(1, 10**4)))


def costed_game_from_scan(seed: int, index: int) -> Game:
    """The index-th game of one random stream (how the example above was found)."""
    rng = random.Random(seed)
    for _ in range(index + 1):
        payoffs = np.empty((2, 2, 2, 3), dtype=object)
        for cell in np.ndindex(payoffs.shape):
            payoffs[cell] = F(rng.randint(0, 6))
        own = tuple(F(rng.randint(1, 3)) for _ in range(3))
        anyc = tuple(F(rng.randint(0, 2)) for _ in range(3))
    players = tuple(Player(f"P{i}", ("C", "D"), "C") for i in range(3))
    costs = (Cost("own", Incidence.OWN_CONFRONT, own, (0, 1, 2)), Cost("any", Incidence.ANY_CONFLICT, anyc, (0, 1, 2)))
    return Game(title="scan", players=players, payoffs=payoffs, costs=costs)
