"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cases import CASE_TOML
from sovgame import load_game, parse_game
from sovgame.robustness.runner import robust
from sovgame.robustness.summary import _weight, weighted_quantiles, wilson_interval


@pytest.mark.parametrize(
    "name, kind",
    [
        ("prisoners_dilemma", "Prisoner's Dilemma"),
        ("stag_hunt", "Stag Hunt"),
        ("chicken", "Chicken"),
        ("deadlock", "Deadlock"),
    ],
)
def test_ordinal_sampling_keeps_the_textbook_game_type_at_zero(name, kind):
    result = robust(load_game(name), 500, seed=1)
    assert result.game_types["at_zero"][kind] == 1.0
    assert math.isclose(sum(result.game_types["at_top"].values()), 1.0)


def test_case_game_result_has_the_documented_json():
    result = robust(load_game("pakistan_afghanistan"), 5000, seed=1)
    data = result.to_dict()
    assert data["samples"] == 5000 and data["seed"] == 1
    assert set(data["criteria"]) == {"nash", "dominant", "unique"}
    for criterion in data["criteria"].values():
        assert isinstance(criterion["p_within_plausible"], float)
        lo, hi = criterion["ci95"]
        assert 0 <= lo <= criterion["p_within_plausible"] <= hi <= 1
        assert set(criterion["quantiles"]) == {"5", "50", "95"}
        assert 0 <= criterion["never_share"] <= 1
        assert math.isclose(sum(criterion["verdicts"].values()), 1.0)
    nash = data["criteria"]["nash"]
    assert nash["file"] == {"value": 4 / 3, "exact": "4/3", "attained": True, "verdict": "reachable"}
    assert nash["never_share"] == 0 and nash["quantiles"]["5"] < nash["quantiles"]["50"] < nash["quantiles"]["95"]
    # In the file compromise never dominates: against a striking Pakistan, Afghanistan's
    # Constrain pays the same any_conflict costs as Tolerate and its military weight is 0, so
    # Tolerate stays better by P − S at every κ. The file's weights_range draws that weight
    # from [0, 1/4]: Constrain then dominates there from κ = (P − S)/w, so no sample (w > 0)
    # keeps the file's "never".
    dominant = data["criteria"]["dominant"]
    assert dominant["file"]["verdict"] == "never"
    assert dominant["never_share"] == 0 and dominant["agreement"] == 0
    assert data["attribution"]["dominant"] == {
        "file_verdict": "never",
        "disagreement": 1.0,
        "samples": 5000,
        "drivers": [],
    }
    assert data["criteria"]["unique"]["subsample"] is None
    assert set(data["binding"]) == {"Pakistan", "Afghanistan", "none", "never"}
    assert math.isclose(sum(data["binding"].values()), 1.0)
    assert data["binding"]["Pakistan"] > data["binding"]["Afghanistan"]
    top = data["equilibria_at_top"]
    assert top["kappa"] == 2 and math.isclose(sum(s["share"] for s in top["sets"]), 1.0)
    assert top["target_equilibrium_share"] == nash["p_within_plausible"]
    assert top["target_unique_share"] == data["criteria"]["unique"]["p_within_plausible"]
    assert data["verdict"].split(":")[0] in ("Robust", "Mostly robust", "Fragile", "Not robust")


def test_a_cardinal_game_without_noise_says_nothing_is_uncertain():
    case = parse_game(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'))
    result = robust(case, 100, seed=1)
    assert not result.uncertain and result.verdict.startswith("No uncertainty")
    assert any("nothing is uncertain" in note for note in result.notes)
    assert result.criteria["nash"].quantiles == {"5": 4 / 3, "50": 4 / 3, "95": 4 / 3}
    assert result.criteria["nash"].agreement == 1.0


def test_wilson_interval():
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    lo, hi = wilson_interval(5, 10)
    assert math.isclose(lo, 0.2366, abs_tol=1e-4) and math.isclose(hi, 0.7634, abs_tol=1e-4)


def test_quantiles_of_unweighted_samples_are_the_order_statistics():
    """The smallest value whose cumulative count reaches q·n: the ceil(q·n)-th of the sorted
    values (written out here with a full sort), never averaged; 'never' (inf) included."""
    rng = np.random.default_rng(4)
    for n in (1, 2, 3, 19, 20, 1000, 1001):
        values = np.round(rng.exponential(size=n), 1)  # ties
        values[rng.random(n) < 0.3] = np.inf
        ordered = sorted(values.tolist())
        expected = [ordered[min(max(math.ceil(q * n * (1 - 1e-12)), 1), n) - 1] for q in (0.05, 0.5, 0.95)]
        ones = np.broadcast_to(1.0, (n,))
        assert weighted_quantiles(values, ones, [0.05, 0.5, 0.95]) == expected
        assert weighted_quantiles(values, np.ones(n), [0.05, 0.5, 0.95]) == expected


def test_uniform_weights_count_what_summing_ones_would():
    rng = np.random.default_rng(5)
    mask = rng.random(10_001) < 0.37
    ones = np.broadcast_to(np.float64(1.0), mask.shape)
    assert _weight(ones, mask) == float(np.ones(mask.shape)[mask].sum()) == float(mask.sum())
    weights = rng.choice([0.0, 1.0, 2.5], size=mask.shape)
    assert _weight(weights, mask) == float(weights[mask].sum())
