"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from cases import CASE_TOML, MIXED_COSTS_2X2
from sovgame import load_game, parse_game
from sovgame.errors import UsageError
from sovgame.robustness.runner import robust
from support import draw, problems


def test_nash_threshold_distribution_matches_the_closed_form_for_the_case_game():
    """docs/models.md: with four distinct ranks per player, T_i − R_i is (hi_i − lo_i)·Beta(1, 4), so
    P(κ_NE ≤ x) = Π_i [1 − (1 − x·Δw_i/(hi_i − lo_i))^4]. Pakistan: Δw = 3/4 over hi − lo = 3;
    Afghanistan: Δw = 3/2 over 3. The weights are the file's (CASE_TOML: no weights_range)."""
    case = parse_game(CASE_TOML)
    W = case.game.cost_load()
    assert (W[1, 0, 0] - W[0, 0, 0], W[0, 1, 1] - W[0, 0, 1]) == (Fraction(3, 4), Fraction(3, 2))
    samples = 40_000
    result = robust(case, samples, seed=2024)
    values = result.values["nash"]
    assert len(values) == samples
    for x in (0.25, 0.5, 1.0, 4 / 3, 1.75, 2.0):
        expected = math.prod(1 - (1 - x * dw / 3) ** 4 for dw in (0.75, 1.5))
        observed = np.count_nonzero(values <= x) / samples
        standard_error = math.sqrt(expected * (1 - expected) / samples)
        assert abs(observed - expected) <= 4 * standard_error, (x, observed, expected)
    # The share within the plausible range is the same CDF at its top, κ = 2.
    top = math.prod(1 - (1 - 2 * dw / 3) ** 4 for dw in (0.75, 1.5))
    nash = result.criteria["nash"]
    assert abs(nash.p_within_plausible - top) <= 4 * math.sqrt(top * (1 - top) / samples)
    assert nash.ci95[0] < nash.p_within_plausible < nash.ci95[1]


def test_ordinal_samples_keep_each_players_ranking_and_range():
    text = CASE_TOML.replace('"Strike|Tolerate TTP"            = [2, 2]', '"Strike|Tolerate TTP" = [1, 2]')
    assert text != CASE_TOML
    case = parse_game(text)
    plan, U, W = draw(case, 2000)
    payoffs = np.array(case.game.payoffs, dtype=float).reshape(4, 2)
    for i in range(2):
        order = np.argsort(payoffs[:, i], kind="stable")
        assert (np.diff(U[:, order, i], axis=1) >= 0).all()
        assert (U[:, :, i] >= payoffs[:, i].min()).all() and (U[:, :, i] <= payoffs[:, i].max()).all()
    # Equal ranks stay equal: Pakistan's 1 at two outcomes.
    assert (U[:, 1, 0] == U[:, 3, 0]).all()
    assert len(np.unique(U[:, 0, 0])) == 2000


def test_weights_range_draws_weights_within_their_bounds():
    case = parse_game(MIXED_COSTS_2X2)
    plan, U, W = draw(case, 3000)
    assert (U == U[0]).all()  # cardinal without noise: payoffs fixed
    # Player A at (a1, b1): war (mutual) + strikes (own) + trade (any): [0, 2] + 0.25 + [0, 1].
    load = W[:, 3, 0]
    assert load.min() >= 0.25 and load.max() <= 3.25 and load.std() > 0.3
    result = robust(case, 500, seed=2)
    assert result.uncertain and "weights of war, trade drawn from their weights_range" in result.model
    assert result.to_dict()["model"]["weights_range"] == ["war", "trade"]


def test_noise_on_an_ordinal_game_is_refused():
    with pytest.raises(UsageError, match="ordinal"):
        robust(load_game("pakistan_afghanistan"), 10, noise=0.5)


def with_range(value: str) -> str:
    return CASE_TOML.replace("weights = [0.5, 1.0]\n", f"weights = [0.5, 1.0]\nweights_range = {value}\n")


def test_weights_range_loads_exactly():
    case = parse_game(with_range('[[0.25, 1], ["1/2", 2]]'))
    assert case.game.costs[0].weights_range == ((Fraction(1, 4), Fraction(1)), (Fraction(1, 2), Fraction(2)))
    assert case.game.costs[1].weights_range is None


@pytest.mark.parametrize(
    "value, key, words",
    [
        ("[[0, 1]]", "costs[0].weights_range", "has 1 item; give 2 pairs"),
        (
            "[0, 1]",
            "costs[0].weights_range",
            "is one list of numbers; give 2 pairs [lo, hi], one per player "
            "(Pakistan, Afghanistan), e.g. [[0, 1], [0, 1]]",
        ),
        ("[[0, 1], 3]", "costs[0].weights_range[1]", "must be a list of 2 numbers"),
        ("[[0, 1], [2, 1.5]]", "costs[0].weights_range[1]", "0 <= lo <= hi"),
        ("[[-1, 1], [0, 2]]", "costs[0].weights_range[0]", "0 <= lo <= hi"),
        ("[[0, 1], [0, true]]", "costs[0].weights_range[1][1]", "boolean"),
        ("[[0.6, 1], [0, 2]]", "costs[0].weights_range[0]", "does not contain the stated weight"),
        ('"wide"', "costs[0].weights_range", "give 2 pairs"),
    ],
)
def test_weights_range_problems_name_the_key(value, key, words):
    found = problems(with_range(value))
    assert len(found) == 1, found
    assert found[0].startswith(f"{key}: ") and words in found[0], found
