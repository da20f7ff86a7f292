"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest

from conftest import CASE_TOML
from sovgame import load_game, parse_game, solve
from sovgame.cli import app
from sovgame.core.model import bimatrix_game
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import VERDICTS
from sovgame.errors import GameFileError, ParameterError, UsageError
from sovgame.present.robust import robust_to_json
from sovgame.robustness.batch import pattern_key, sets_at_kappa, solution_key
from sovgame.robustness.kappa_sets import pairwise_2x2, sign_patterns, target_alone
from sovgame.robustness.plan import (
    CHUNK_SIZE,
    chunk_generator,
    draw_samples,
    exact_sample_game,
    plan_sampling,
)
from sovgame.robustness.runner import evaluate_samples, robust
from sovgame.robustness.summary import wilson_interval

#: A cardinal 2x2 with every incidence, so that sampled deviations meet costs that rise, fall
#: or stay flat (b > 0, b < 0, b = 0) for every target profile.
MIXED_COSTS_2X2 = """
[game]
title = "mixed costs"
payoff_scale = "cardinal"

[[players]]
name = "A"
strategies = ["a0", "a1"]
compromise = "a0"

[[players]]
name = "B"
strategies = ["b0", "b1"]
compromise = "b0"

[payoffs]
"a0|b0" = [3, 3]
"a0|b1" = [1, 4]
"a1|b0" = [4, 1]
"a1|b1" = [2, 2]

[[costs]]
name = "war"
incidence = "mutual_confront"
weights = [1, 1]
weights_range = [[0, 2], [0.5, 1.5]]

[[costs]]
name = "strikes"
incidence = "own_confront"
weights = [0.25, 0.5]

[[costs]]
name = "trade"
incidence = "any_conflict"
weights = [0.5, 0.25]
weights_range = [[0, 1], [0, 0.5]]

[analysis]
plausible_kappa = [0.5, 2]
"""


def draw(game, count: int, seed: int = 11, **options):
    plan = plan_sampling(game, **options)
    U, W = draw_samples(plan, chunk_generator(seed, 0), count)
    return plan, U, W


def same_number(x: float, exact) -> bool:
    if exact is None:
        return math.isinf(x)
    return math.isclose(x, float(exact), rel_tol=1e-9, abs_tol=1e-12)


# --- the Monte Carlo against the closed form -------------------------------------------------


def test_nash_threshold_distribution_matches_the_closed_form_for_the_case_game():
    """MODELS.md: with four distinct ranks per player, T_i − R_i is (hi_i − lo_i)·Beta(1, 4), so
    P(κ_NE ≤ x) = Π_i [1 − (1 − x·Δw_i/(hi_i − lo_i))^4]. Pakistan: Δw = 3/4 over hi − lo = 3;
    Afghanistan: Δw = 3/2 over 3."""
    game = load_game("pakistan_afghanistan")
    W = game.cost_load()
    assert (W[1, 0, 0] - W[0, 0, 0], W[0, 1, 1] - W[0, 0, 1]) == (Fraction(3, 4), Fraction(3, 2))
    samples = 40_000
    result = robust(game, samples, seed=2024)
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
    game = parse_game(text)
    plan, U, W = draw(game, 2000)
    payoffs = np.array(game.payoffs, dtype=float).reshape(4, 2)
    for i in range(2):
        order = np.argsort(payoffs[:, i], kind="stable")
        assert (np.diff(U[:, order, i], axis=1) >= 0).all()
        assert (U[:, :, i] >= payoffs[:, i].min()).all() and (U[:, :, i] <= payoffs[:, i].max()).all()
    # Equal ranks stay equal: Pakistan's 1 at two outcomes.
    assert (U[:, 1, 0] == U[:, 3, 0]).all()
    assert len(np.unique(U[:, 0, 0])) == 2000


# --- the vectorised thresholds against the exact per-sample path -----------------------------


def assert_agrees_with_exact(game, count: int, seed: int = 11, **options) -> int:
    plan, U, W = draw(game, count, seed, **options)
    batch = evaluate_samples(plan, U, W)
    checked = 0
    for j in range(count):
        report = compute_thresholds(exact_sample_game(plan, U[j], W[j]), plan.target)
        for name in ("nash", "dominant"):
            exact = report.thresholds[name]
            assert same_number(batch.values[name][j], exact.value), (name, j, batch.values[name][j], exact.value)
            assert VERDICTS[batch.verdicts[name][j]] == exact.verdict, (name, j)
        nash = report.thresholds["nash"]
        binding = batch.binding[j]
        if not nash.intervals:
            assert binding == -2
        else:
            assert (None if binding < 0 else plan.game.player_names[binding]) == nash.binding, j
        if batch.unique_open[j]:
            continue
        unique = report.thresholds["unique"]
        assert same_number(batch.values["unique"][j], unique.value), (j, batch.values["unique"][j], unique.value)
        assert VERDICTS[batch.verdicts["unique"][j]] == unique.verdict, j
        checked += 1
    return checked


def test_case_game_thresholds_agree_with_the_exact_path_on_200_samples():
    game = load_game("pakistan_afghanistan")
    assert assert_agrees_with_exact(game, 200) == 200  # a 2x2 game leaves no sample open


@pytest.mark.parametrize("target", ["a0|b0", "a1|b1", "a0|b1", "a1|b0"])
def test_every_target_agrees_with_the_exact_path_under_noise_and_weight_ranges(target):
    game = parse_game(MIXED_COSTS_2X2)
    assert assert_agrees_with_exact(game, 60, seed=3, target=target, noise=1.5) == 60


def test_two_by_two_thresholds_agree_with_exact_at_ties():
    """No noise: every sample is the file's game, full of exact ties (b = 0, a = 0)."""
    for name in ("prisoners_dilemma", "stag_hunt", "chicken", "deadlock"):
        game = parse_game(load_game_text(name).replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'))
        for target in ("0|0", "1|1", "0|1"):
            profile = tuple(int(x) for x in target.split("|"))
            assert assert_agrees_with_exact(game, 1, target=profile) == 1


def load_game_text(name: str) -> str:
    from sovgame.files.gamefile import read_game_text

    return read_game_text(name)[0]


def test_larger_games_agree_with_the_exact_path_where_settled():
    campaign = load_game("pakistan_afghanistan_campaign")
    assert assert_agrees_with_exact(campaign, 30) == 30  # dominance settles every sample here
    escalation = load_game("pakistan_afghanistan_escalation")
    assert assert_agrees_with_exact(escalation, 10, seed=5) >= 8


def test_every_2x2_sign_pattern_is_settled_and_solved_as_the_exact_solver_does():
    """The four comparison signs decide the equilibrium set of a 2x2 game: each pattern's
    representative (pattern_key) and the unique test (target_alone) against the exact solver
    on a game with those signs and other magnitudes."""
    rng = np.random.default_rng(0)
    for target in ((0, 0), (1, 0)):
        for code in range(81):
            signs = [(code // 3 ** k) % 3 - 1 for k in range(4)]
            t1, t2 = target
            o1, o2 = 1 - t1, 1 - t2
            A = rng.integers(-3, 4, size=(2, 2)).astype(object)
            B = rng.integers(-3, 4, size=(2, 2)).astype(object)
            A[t1, t2] = A[o1, t2] + signs[0] * int(rng.integers(1, 4))
            A[t1, o2] = A[o1, o2] + signs[1] * int(rng.integers(1, 4))
            B[t1, t2] = B[t1, o2] + signs[2] * int(rng.integers(1, 4))
            B[o1, t2] = B[o1, o2] + signs[3] * int(rng.integers(1, 4))
            game = bimatrix_game(A.tolist(), B.tolist())
            plan = plan_sampling(game, target=target)
            U = np.array(game.payoffs, dtype=float).reshape(1, 4, 2)
            W = np.zeros_like(U)
            alpha, beta = pairwise_2x2(plan).gains(U, W)
            assert sign_patterns(alpha, beta, 0.0)[0] == code
            exact = solve(game)
            assert pattern_key(plan, code) == solution_key(exact)
            a, b = plan.pairwise.comparisons.gains(U, W)
            alone, not_alone = target_alone(plan, np.sign(a).astype(np.int8))
            only = len(exact.equilibria) == 1 and exact.equilibria[0].pure_profile() == target
            assert alone[0] == only and not_alone[0] == (not only), (target, signs)


def test_batched_equilibria_at_the_top_agree_with_the_exact_solver():
    for game, count in ((load_game("pakistan_afghanistan_campaign"), 40), (load_game("pakistan_afghanistan_escalation"), 40)):
        plan, U, W = draw(game, count, seed=9)
        for j in range(count):
            counts, unresolved = sets_at_kappa(plan, U[j:j + 1], W[j:j + 1], plan.top_exact)
            assert unresolved == 0
            exact = solve(exact_sample_game(plan, U[j], W[j]), Fraction(plan.top))
            assert list(counts) == [solution_key(exact)], j


def test_degenerate_samples_are_solved_exactly():
    """A cardinal game without noise: every sample is the file's game at κ = 2, degenerate
    there (ties), so the batched check hands it to the exact solver."""
    game = load_game("pakistan_afghanistan_escalation", ["plausible_kappa=0,2"])
    game = replace(game, payoff_scale="cardinal")
    result = robust(game, 300, seed=1)
    exact = solve(game, 2)
    assert [s.share for s in result.at_top.sets] == [1.0]
    assert (result.at_top.sets[0].equilibria, result.at_top.sets[0].continuum) == solution_key(exact)


# --- reproducibility and parallel runs ---------------------------------------------------------


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


# --- what the result says ----------------------------------------------------------------------


@pytest.mark.parametrize("name, kind", [("prisoners_dilemma", "Prisoner's Dilemma"), ("stag_hunt", "Stag Hunt"),
                                        ("chicken", "Chicken"), ("deadlock", "Deadlock")])
def test_ordinal_sampling_keeps_the_textbook_game_type_at_zero(name, kind):
    result = robust(load_game(name), 500, seed=1)
    assert result.game_types["at_zero"][kind] == 1.0
    assert math.isclose(sum(result.game_types["at_top"].values()), 1.0)


def test_case_game_result_has_the_documented_json():
    result = robust(load_game("pakistan_afghanistan"), 5000, seed=1)
    data = robust_to_json(result)
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
    # Compromise never dominates in the case game (any_conflict costs fall on both choices alike).
    assert data["criteria"]["dominant"]["quantiles"] == {"5": None, "50": None, "95": None}
    assert data["criteria"]["dominant"]["never_share"] == 1.0
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
    game = parse_game(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'))
    result = robust(game, 100, seed=1)
    assert not result.uncertain and result.verdict.startswith("No uncertainty")
    assert any("nothing is uncertain" in note for note in result.notes)
    assert result.criteria["nash"].quantiles == {"5": 4 / 3, "50": 4 / 3, "95": 4 / 3}
    assert result.criteria["nash"].agreement == 1.0


def test_weights_range_draws_weights_within_their_bounds():
    game = parse_game(MIXED_COSTS_2X2)
    plan, U, W = draw(game, 3000)
    assert (U == U[0]).all()  # cardinal without noise: payoffs fixed
    # Player A at (a1, b1): war (mutual) + strikes (own) + trade (any): [0, 2] + 0.25 + [0, 1].
    load = W[:, 3, 0]
    assert load.min() >= 0.25 and load.max() <= 3.25 and load.std() > 0.3
    result = robust(game, 500, seed=2)
    assert result.uncertain and "weights of war, trade drawn from their weights_range" in result.model
    assert robust_to_json(result)["model"]["weights_range"] == ["war", "trade"]


def test_three_player_games_use_the_exact_subsample_for_unique():
    result = robust(load_game("pakistan_afghanistan_india"), 400, seed=1, unique_subsample=15)
    unique = result.criteria["unique"]
    assert (unique.open, unique.subsample, unique.settled) == (400, 15, 0)
    assert result.game_types is None and not result.at_top.mixed_searched
    assert any("3 players" in note for note in result.notes)


def test_wilson_interval():
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    lo, hi = wilson_interval(5, 10)
    assert math.isclose(lo, 0.2366, abs_tol=1e-4) and math.isclose(hi, 0.7634, abs_tol=1e-4)


BAD_OPTIONS = [
    ({"samples": 0}, "samples", "--samples"), ({"samples": -5}, "samples", "--samples"),
    ({"seed": -1}, "seed", "--seed"), ({"workers": 0}, "workers", "--workers"),
    ({"noise": -0.5}, "noise", "--noise"), ({"noise": float("nan")}, "noise", "--noise"),
    ({"unique_subsample": -1}, "unique_subsample", "--unique-subsample"),
]


@pytest.mark.parametrize("options, parameter, option", BAD_OPTIONS)
def test_bad_arguments_are_usage_errors_naming_the_parameter(options, parameter, option):
    game = parse_game(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'))
    with pytest.raises(ParameterError, match=f"^{parameter}: ") as caught:
        robust(game, **{"samples": 10, **options})
    assert caught.value.parameter == parameter and "--" not in str(caught.value)
    assert isinstance(caught.value, UsageError)


@pytest.mark.parametrize("options, parameter, option", BAD_OPTIONS)
def test_the_command_line_names_the_option(runner, tmp_path, options, parameter, option):
    path = tmp_path / "cardinal.toml"
    path.write_text(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'), encoding="utf-8")
    (name, value), = options.items()
    result = runner.invoke(app, ["robust", str(path), "--samples", "10", option, str(value)])
    assert result.exit_code == 2 and f"sovgame: {option}: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_noise_on_an_ordinal_game_is_refused():
    with pytest.raises(UsageError, match="ordinal"):
        robust(load_game("pakistan_afghanistan"), 10, noise=0.5)


# --- the command line --------------------------------------------------------------------------


def invoke(runner, *args):
    return runner.invoke(app, list(args))


def test_cli_json_has_the_documented_keys(runner):
    result = invoke(runner, "robust", "pakistan_afghanistan", "--samples", "2000", "--seed", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    data = json.loads(result.stdout)
    assert data["samples"] == 2000 and data["seed"] == 3
    for name in ("nash", "dominant", "unique"):
        criterion = data["criteria"][name]
        assert isinstance(criterion["p_within_plausible"], float) and len(criterion["ci95"]) == 2
        assert isinstance(criterion["never_share"], float)
        assert all(v is None or isinstance(v, float) for v in criterion["quantiles"].values())


def test_cli_workers_give_the_same_json(runner):
    args = ["robust", "pakistan_afghanistan", "--samples", str(CHUNK_SIZE + 500), "--seed", "9", "-f", "json"]
    one = invoke(runner, *args, "--workers", "1")
    two = invoke(runner, *args, "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_cli_table_and_csv(runner, case_file):
    table = invoke(runner, "robust", str(case_file), "-n", "1000")
    assert table.exit_code == 0, table.output
    assert "Robustness of the cost thresholds" in table.stdout and "same verdict" in table.stdout
    assert "Equilibria at κ = 2" in table.stdout
    csv = invoke(runner, "robust", str(case_file), "-n", "1000", "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("criterion,in the file,")
    assert len(csv.stdout.splitlines()) == 4


@pytest.mark.parametrize("args, needle", [
    (["--samples", "0"], "--samples"), (["--noise", "-1"], "--noise"), (["--workers", "0"], "--workers"),
    (["--noise", "abc"], "noise"), (["--samples", "many"], "samples"),
])
def test_cli_bad_options_exit_2(runner, case_file, args, needle):
    cardinal = case_file.parent / "cardinal.toml"
    cardinal.write_text(case_file.read_text().replace('"ordinal"', '"cardinal"'), encoding="utf-8")
    result = invoke(runner, "robust", str(cardinal), *args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr and result.stdout == ""


def test_cli_bad_file_exits_1(runner, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[game]\n", encoding="utf-8")
    result = invoke(runner, "robust", str(path))
    assert result.exit_code == 1 and "game.title" in result.stderr


# --- weights_range in the game file ---------------------------------------------------------------


def with_range(value: str) -> str:
    return CASE_TOML.replace('weights = [0.5, 1.0]\n', f'weights = [0.5, 1.0]\nweights_range = {value}\n')


def problems(text: str) -> list[str]:
    with pytest.raises(GameFileError) as info:
        parse_game(text, "case.toml")
    return [str(p) for p in info.value.problems]


def test_weights_range_loads_exactly():
    game = parse_game(with_range('[[0.25, 1], ["1/2", 2]]'))
    assert game.costs[0].weights_range == ((Fraction(1, 4), Fraction(1)), (Fraction(1, 2), Fraction(2)))
    assert game.costs[1].weights_range is None


@pytest.mark.parametrize("value, key, words", [
    ("[[0, 1]]", "costs[0].weights_range", "has 1 item; give 2 pairs"),
    ("[0, 1]", "costs[0].weights_range", "is one list of numbers; give 2 pairs [lo, hi], one per player "
                                          "(Pakistan, Afghanistan), e.g. [[0, 1], [0, 1]]"),
    ("[[0, 1], 3]", "costs[0].weights_range[1]", "must be a list of 2 numbers"),
    ("[[0, 1], [2, 1.5]]", "costs[0].weights_range[1]", "0 <= lo <= hi"),
    ("[[-1, 1], [0, 2]]", "costs[0].weights_range[0]", "0 <= lo <= hi"),
    ("[[0, 1], [0, true]]", "costs[0].weights_range[1][1]", "boolean"),
    ("[[0.6, 1], [0, 2]]", "costs[0].weights_range[0]", "does not contain the stated weight"),
    ('"wide"', "costs[0].weights_range", "give 2 pairs"),
])
def test_weights_range_problems_name_the_key(value, key, words):
    found = problems(with_range(value))
    assert len(found) == 1, found
    assert found[0].startswith(f"{key}: ") and words in found[0], found
