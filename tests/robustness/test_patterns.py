"""Sign patterns: the table of answers gives what target_alone gives on the signs themselves,
for every pattern of a 2x2 game and for random patterns (ties included) of larger games."""

from __future__ import annotations

import numpy as np
import pytest

from cases import MIXED_COSTS_2X2
from sovgame import load_game, parse_game
from sovgame.robustness import patterns
from sovgame.robustness.patterns import decode, settle, settle_signs, target_alone
from sovgame.robustness.plan import plan_sampling


def codes_of(signs: np.ndarray) -> np.ndarray:
    """Σ_c (sign_c + 1)·3^c, in Python integers (the definition, not the walk's float product)."""
    return np.array([sum((int(s) + 1) * 3**c for c, s in enumerate(row)) for row in signs], np.int64)


def plans():
    mixed = parse_game(MIXED_COSTS_2X2)
    yield from (plan_sampling(mixed, target=t) for t in ("a0|b0", "a0|b1", "a1|b0", "a1|b1"))
    yield plan_sampling(load_game("pakistan_afghanistan_campaign"))  # 3x2: 9 comparisons, a full table
    yield plan_sampling(load_game("pakistan_afghanistan_escalation"))  # 3x3: 18, learnt as they come


def test_every_2x2_pattern_is_settled_as_target_alone_settles_it():
    for plan in plans():
        if plan.shape != (2, 2):
            continue
        signs = np.array([[(code // 3**k) % 3 - 1 for k in range(4)] for code in range(81)], np.int8)
        assert np.array_equal(decode(np.arange(81, dtype=np.int64), 4), signs)
        alone, not_alone = settle(plan, codes_of(signs))
        expected = target_alone(plan, signs)
        assert np.array_equal(alone, expected[0]) and np.array_equal(not_alone, expected[1])
        assert (alone ^ not_alone).all()  # in 2x2 games one of the proofs always applies


@pytest.mark.parametrize("zeros", [0.0, 0.2, 0.6])
def test_random_patterns_of_larger_games_are_settled_as_target_alone_settles_them(zeros):
    rng = np.random.default_rng(int(zeros * 10))
    for plan in plans():
        count = len(plan.pairwise.comparisons.player)
        signs = rng.choice(np.array([-1, 1], np.int8), size=(3000, count))
        signs[rng.random(signs.shape) < zeros] = 0
        signs = np.concatenate([signs, signs[:500]])  # repeated patterns: looked up, not learnt again
        expected = target_alone(plan, signs)
        for _ in range(2):  # the second time every pattern is known
            alone, not_alone = settle(plan, codes_of(signs))
            assert np.array_equal(alone, expected[0]) and np.array_equal(not_alone, expected[1])
        by_rows = settle_signs(plan, signs)
        assert np.array_equal(by_rows[0], expected[0]) and np.array_equal(by_rows[1], expected[1])


def test_a_full_table_of_learnt_patterns_still_answers(monkeypatch):
    plan = plan_sampling(load_game("pakistan_afghanistan_escalation"), target=(2, 2))
    monkeypatch.setattr(patterns, "MAX_KNOWN_PATTERNS", 50)
    monkeypatch.delitem(patterns._KNOWN, (plan.shape, plan.target), raising=False)
    rng = np.random.default_rng(5)
    signs = rng.choice(np.array([-1, 0, 1], np.int8), size=(400, 18))
    alone, not_alone = settle(plan, codes_of(signs))
    expected = target_alone(plan, signs)
    assert np.array_equal(alone, expected[0]) and np.array_equal(not_alone, expected[1])
    assert len(patterns._KNOWN.get((plan.shape, plan.target), ([],))[0]) <= 50
