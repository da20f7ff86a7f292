"""robust draws a limited strategy's success probability from its success_range: the share of
samples within the plausible range against its closed form, and the exact path agreeing with
the vectorised one on sampled games with capacity."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from cases import MOVES_TOML
from sovgame import parse_game
from sovgame.costs.thresholds import compute_thresholds
from sovgame.robustness.runner import robust
from sovgame.robustness.sampling import exact_sample_game
from sovgame.sections.capacity import at_success
from support import draw

#: The case as cardinal numbers (nothing redrawn but q), Kabul's capacity q ~ U(3/10, 9/10).
CARDINAL = parse_game(MOVES_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"').split("[[types]]")[0])


def test_share_within_the_plausible_range_matches_the_closed_form():
    """κ_NE(q) = 4/(1 + 2q) ≤ 2 iff q ≥ 1/2, so with q ~ Uniform(0.3, 0.9) the share is
    (0.9 − 0.5)/(0.9 − 0.3) = 2/3."""
    samples = 20_000
    result = robust(CARDINAL, samples, seed=5)
    assert result.uncertain
    nash = result.criteria["nash"]
    expected = 2 / 3
    assert abs(nash.p_within_plausible - expected) <= 4 * math.sqrt(expected * (1 - expected) / samples)
    values = result.values["nash"]
    # Every sampled threshold lies in 4/(1 + 2q) for q in [0.3, 0.9]: [4/2.8, 4/1.6].
    assert values.min() >= 4 / 2.8 - 1e-9 and values.max() <= 4 / 1.6 + 1e-9
    assert "success of 'Constrain TTP' drawn from its success_range" in result.model


def test_a_fixed_q_is_the_files_game_in_every_sample():
    fixed = parse_game(MOVES_TOML.replace("success_range = [0.3, 0.9]\n", "").replace('"ordinal"', '"cardinal"'))
    plan, U, W = draw(fixed, 4)
    assert not plan.uncertain
    expected = np.array(fixed.game.payoffs, dtype=float).reshape(4, 2)
    assert np.allclose(U[0], expected) and np.allclose(
        W[0], np.array(fixed.game.cost_load(), dtype=float).reshape(4, 2)
    )


def test_exact_sample_game_is_the_sampled_game_without_a_second_lottery():
    plan, U, W = draw(CARDINAL, 3, seed=3)
    for k in range(3):
        exact = exact_sample_game(plan, U[k], W[k])
        # The sample's q solves U[(Restrain, Constrain), Pakistan] = 1 + 2q.
        q = Fraction((float(U[k, 0, 0]) - 1) / 2)
        reference = compute_thresholds(at_success(CARDINAL, {(1, 0): q})).thresholds["nash"].value
        assert abs(float(compute_thresholds(exact).thresholds["nash"].value) - float(reference)) < 1e-9
