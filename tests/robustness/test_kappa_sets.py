"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cases import CASE_TOML, MIXED_COSTS_2X2
from robustness import reference
from sovgame import load_game, parse_game, solve
from sovgame.core.model import bimatrix_game
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import VERDICTS
from sovgame.robustness.batch import pattern_key, solution_key
from sovgame.robustness.kappa_sets import pairwise_2x2, sign_patterns, unique_sets
from sovgame.robustness.patterns import target_alone
from sovgame.robustness.plan import plan_sampling
from sovgame.robustness.runner import evaluate_samples
from sovgame.robustness.sampling import exact_sample_game
from support import draw


def same_number(x: float, exact) -> bool:
    if exact is None:
        return math.isinf(x)
    return math.isclose(x, float(exact), rel_tol=1e-9, abs_tol=1e-12)


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
            signs = [(code // 3**k) % 3 - 1 for k in range(4)]
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


# --- the fast paths against the straightforward per-sample computation --------------------------


def four_by_four_toml() -> str:
    """An ordinal 4x4 game with two costs: 48 pairwise comparisons, too many for one pattern
    code, so the walk goes by rows of signs."""
    rng = np.random.default_rng(3)
    names = [[f"r{k}" for k in range(4)], [f"c{k}" for k in range(4)]]
    cells = "\n".join(
        f'"{r}|{c}" = [{int(rng.integers(1, 6))}, {int(rng.integers(1, 6))}]' for r in names[0] for c in names[1]
    )
    return f"""
[game]
title = "four by four"
payoff_scale = "ordinal"
[[players]]
name = "R"
strategies = {names[0]}
compromise = "r0"
[[players]]
name = "C"
strategies = {names[1]}
compromise = "c0"
[payoffs]
{cells}
[[costs]]
name = "war"
incidence = "any_conflict"
weights = [1, 1]
weights_range = [[0.5, 2], [0.5, 2]]
[[costs]]
name = "own"
incidence = "own_confront"
weights = [0.5, 0.25]
[analysis]
plausible_kappa = [0, 2]
"""


def walk_cases():
    mixed = parse_game(MIXED_COSTS_2X2)
    for target in ("a0|b0", "a0|b1", "a1|b0", "a1|b1"):
        yield mixed, {"target": target, "noise": 1.5}
    yield load_game("pakistan_afghanistan"), {}
    cardinal = parse_game(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'))
    yield cardinal, {}  # every sample the file's game: ties at every breakpoint
    yield load_game("pakistan_afghanistan_campaign"), {}
    yield load_game("pakistan_afghanistan_escalation"), {}
    yield load_game("pakistan_afghanistan_escalation"), {"target": (2, 1)}
    yield parse_game(four_by_four_toml()), {}


def test_fast_chunk_evaluation_equals_the_straightforward_one_on_the_same_samples():
    """Sign patterns settled once each, comparisons gathered in one pass: the same per-sample
    arrays, bit for bit, as testing every (sample, κ) on its own signs (reference.py)."""
    for game, options in walk_cases():
        plan, U, W = draw(game, 3000, seed=21, **options)
        fast, slow = evaluate_samples(plan, U, W), reference.evaluate_samples(plan, U, W)
        for name in ("nash", "dominant", "unique"):
            assert np.array_equal(fast.values[name], slow.values[name], equal_nan=True), (game.title, name)
            assert np.array_equal(fast.verdicts[name], slow.verdicts[name]), (game.title, name)
        assert np.array_equal(fast.unique_open, slow.unique_open) and np.array_equal(fast.binding, slow.binding)
        assert fast.target_equilibrium == slow.target_equilibrium
        assert fast.sets == slow.sets and fast.unresolved == slow.unresolved
        for name in ("patterns", "types_zero", "types_top"):
            mine, theirs = getattr(fast, name), getattr(slow, name)
            assert (mine is None and theirs is None) or np.array_equal(mine, theirs), name
        if plan.pairwise is not None:
            fast_sets, slow_sets = unique_sets(plan, U, W), reference.unique_sets(plan, U, W)
            for mine, theirs in zip(fast_sets, slow_sets):
                assert np.array_equal(mine, theirs), game.title
