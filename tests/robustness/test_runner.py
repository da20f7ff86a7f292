"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor

import pytest

from cases import BAD_OPTIONS, CASE_TOML
from sovgame import load_game, parse_game
from sovgame.errors import ParameterError, UsageError
from sovgame.present.robust import robust_to_json
from sovgame.robustness.plan import CHUNK_SIZE
from sovgame.robustness.runner import robust


def json_text(result) -> str:
    return json.dumps(robust_to_json(result), ensure_ascii=False, sort_keys=False)


def test_same_seed_gives_identical_output_and_another_seed_does_not():
    game = load_game("pakistan_afghanistan")
    first = json_text(robust(game, 3000, seed=7))
    assert json_text(robust(game, 3000, seed=7)) == first
    assert json_text(robust(game, 3000, seed=8)) != first


def test_workers_and_executors_give_identical_output():
    game = load_game("pakistan_afghanistan_campaign")
    samples = 2 * CHUNK_SIZE + 100  # three chunks
    alone = json_text(robust(game, samples, seed=3))
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert json_text(robust(game, samples, seed=3, executor=pool)) == alone
    assert json_text(robust(game, samples, seed=3, workers=2)) == alone


def test_exact_subsample_is_reproducible_across_executors():
    game = load_game("pakistan_afghanistan_escalation")
    first = robust(game, 1500, seed=4, unique_subsample=3)
    unique = first.criteria["unique"]
    assert unique.open > 3 and unique.subsample == 3
    data = robust_to_json(first)["criteria"]["unique"]
    assert data["subsample"] == {"size": 3, "of": unique.open, "settled": 1500 - unique.open}
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert json_text(robust(game, 1500, seed=4, unique_subsample=3, executor=pool)) == json_text(first)
    weights = first.weights["unique"]
    assert math.isclose(weights.sum(), 1500)
    assert unique.ci95[0] <= unique.p_within_plausible <= unique.ci95[1]


def test_progress_is_reported_in_order_up_to_the_total():
    calls = []
    robust(load_game("stag_hunt"), CHUNK_SIZE + 10, seed=1, progress=lambda *args: calls.append(args))
    assert [c[0] for c in calls] == [CHUNK_SIZE, CHUNK_SIZE + 10]
    assert {c[1] for c in calls} == {CHUNK_SIZE + 10} and {c[2] for c in calls} == {"sampling"}


def test_three_player_games_use_the_exact_subsample_for_unique():
    result = robust(load_game("pakistan_afghanistan_india"), 400, seed=1, unique_subsample=15)
    unique = result.criteria["unique"]
    assert (unique.open, unique.subsample, unique.settled) == (400, 15, 0)
    assert result.game_types is None and not result.at_top.mixed_searched
    assert any("3 players" in note for note in result.notes)


@pytest.mark.parametrize("options, parameter, option", BAD_OPTIONS)
def test_bad_arguments_are_usage_errors_naming_the_parameter(options, parameter, option):
    game = parse_game(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'))
    with pytest.raises(ParameterError, match=f"^{parameter}: ") as caught:
        robust(game, **{"samples": 10, **options})
    assert caught.value.parameter == parameter and "--" not in str(caught.value)
    assert isinstance(caught.value, UsageError)
