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


@pytest.mark.parametrize("bits", [1, 3, 20])
def test_hashed_lookups_answer_as_the_table_does_whatever_the_collisions(monkeypatch, bits):
    # With 2 or 8 slots nearly every code shares its slot with another: those must fall through
    # to the binary search, never take the answer of the code that holds the slot.
    plan = plan_sampling(load_game("pakistan_afghanistan_escalation"), target=(1, 1))
    monkeypatch.setattr(patterns, "_slot_bits", lambda size: bits)
    monkeypatch.delitem(patterns._KNOWN, (plan.shape, plan.target), raising=False)
    rng = np.random.default_rng(bits)
    signs = rng.choice(np.array([-1, 0, 1], np.int8), size=(600, 18))
    expected = target_alone(plan, signs)
    settle(plan, codes_of(signs[:300]))  # half of them learnt first: the rest are new or known
    alone, not_alone = settle(plan, codes_of(signs))
    assert np.array_equal(alone, expected[0]) and np.array_equal(not_alone, expected[1])


def _sign_tables(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """rows[:, r2, r1, c] = sign(A[r2, c] − A[r1, c]), cols[:, c2, c1, r] = sign(B[r, c2] − B[r, c1])."""
    rows = np.sign(A[:, :, None, :] - A[:, None, :, :]).astype(np.int8)
    cols = np.sign(B.transpose(0, 2, 1)[:, :, None, :] - B.transpose(0, 2, 1)[:, None, :, :]).astype(np.int8)
    return rows, cols


@pytest.mark.parametrize("shape", [(2, 63), (3, 64), (2, 65), (70, 3), (2, 130)])
def test_dominance_with_more_than_64_strategies_matches_the_exact_elimination(shape):
    # A bitmask of uint64 cannot hold a 65th strategy: the elimination switches to booleans
    # there, and must agree with the exact iterated elimination of sovgame.costs.regimes.
    from fractions import Fraction

    from sovgame.costs.uniqueness import surviving_strategies

    m, n = shape
    rng = np.random.default_rng(m * n)
    A = rng.integers(-3, 4, (12, m, n))
    B = rng.integers(-3, 4, (12, m, n))
    A[:6, 0, :] = 9  # half the samples: row 0 strictly dominant ...
    B[:6, :, 1] = 9  # ... and column 1 the only reply: the target (0, 1) alone
    rows, cols = _sign_tables(A, B)
    alone = patterns._alone_after_dominance(rows, cols, (0, 1))
    for k in range(len(A)):
        payoffs = np.empty((m, n, 2), dtype=object)
        payoffs[..., 0] = [[Fraction(int(v)) for v in row] for row in A[k]]
        payoffs[..., 1] = [[Fraction(int(v)) for v in row] for row in B[k]]
        assert bool(alone[k]) == (surviving_strategies(payoffs) == [[0], [1]])
    assert alone[:6].all()
    if max(shape) <= 64:  # both implementations where the bitmask one applies
        assert np.array_equal(alone, patterns._alone_after_dominance_wide(rows, cols, (0, 1)))
