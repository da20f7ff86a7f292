"""Rival equilibria covering an open gap: witness stretches worked out by hand, and the walk's
answers with and without the shortcut on random games (the pair-by-pair walk is the reference)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest

from sovgame.core.budget import work_limit
from sovgame.core.model import Cost, Player, bimatrix_game
from sovgame.costs import rival_cover, uniqueness
from sovgame.costs.rival_cover import covered_by_rivals, witness_stretches
from sovgame.costs.support_pairs import PairBreakpoints
from sovgame.costs.support_polynomials import IntegerGame

ALL = (0b111, 0b111)
TARGET = (0, 0)


def costed(A, B, loads) -> tuple[IntegerGame, object]:
    """The game (A, B) with target (0, 0) and one cost whose exposure is ``loads[(r, c)]``
    (row's load, column's load; 0 elsewhere): payoffs U − κ·W."""
    game = bimatrix_game(A, B)
    players = tuple(Player(p.name, p.strategies, p.strategies[0]) for p in game.players)
    m, n = len(A), len(A[0])
    exposure = {(i, j): tuple(Fraction(v) for v in loads.get((i, j), (0, 0))) for i in range(m) for j in range(n)}
    game = replace(game, players=players, costs=(Cost("c", "custom", (Fraction(1), Fraction(1)), (0, 1), exposure),))
    return IntegerGame(game, ("c",)), game


# A strict target (0, 0) paying (3, 3) beside a matching-pennies block on strategies 1 and 2,
# whose only equilibrium mixes (1/2, 1/2) for both at value 0, whatever κ. The row player's
# strategy 0 pays 1 − κ against either block column: against the block's mix it pays 1 − κ,
# worse than the value 0 exactly when κ > 1, so the mixed rival is an equilibrium of the
# whole game for κ ≥ 1 (strictly for κ > 1) and none for κ < 1. Column 0 pays −5 against the
# block rows: never a best reply there. Pairwise ties: 1 − κ against ±1 at κ = 0 and κ = 2.
PENNIES = ([[3, 1, 1], [0, 1, -1], [0, -1, 1]], [[3, 0, 0], [-5, -1, 1], [-5, 1, -1]], {(0, 1): (1, 0), (0, 2): (1, 0)})


def test_witness_stretches_end_where_the_outside_strategy_catches_up():
    ints, _ = costed(*PENNIES)
    cache = PairBreakpoints(ints)
    found = list(witness_stretches(cache, ALL, TARGET, Fraction(3, 2), (Fraction(0), Fraction(2))))
    # Two rivals at κ = 3/2. The block's mix (rows 1, 2 against columns 1, 2) strictly holds
    # while 1 − κ < 0. And one on all three strategies: the column player's y₁ = y₂ keeps
    # rows 1 and 2 tied (at 0), so row 0 must pay 0 too: 3y₀ + (1 − κ)(1 − y₀) = 0, y₀ =
    # (κ − 1)/(κ + 2), in (0, 1) exactly for κ > 1; the row player's x₁ = x₂ and 3x₀ = 5(1 − x₀),
    # x₀ = 5/8. Both stretches run from κ = 1 (where y₀ reaches 0 and the limit is the block's
    # mix, a rival) to the gap's end 2.
    assert [(s.lo, s.lo_rival, s.hi) for s in found] == [(1, True, 2), (1, True, 2)]
    assert all(s.covers(Fraction(1)) and not s.covers(Fraction(99, 100)) for s in found)


def test_cover_of_gaps():
    ints, _ = costed(*PENNIES)
    cache = PairBreakpoints(ints)
    # (2, ∞): the rival holds strictly throughout (1 − κ < 0 < ... never ties again).
    assert covered_by_rivals(cache, ALL, TARGET, (Fraction(2), None), strict=False)
    # (1, 2): covered, nothing left inside.
    assert covered_by_rivals(cache, ALL, TARGET, (Fraction(1), Fraction(2)), strict=False)
    # (0, 2): no rival below κ = 1, so not covered (the walk decides it pair by pair).
    assert not covered_by_rivals(cache, ALL, TARGET, (Fraction(0), Fraction(2)), strict=True)
    # (1/2, 2): the probe at 5/4 covers (1, 2) and κ = 1 (the limit); the probe at 3/4 finds none.
    assert not covered_by_rivals(cache, ALL, TARGET, (Fraction(1, 2), Fraction(2)), strict=True)


def random_game(rng: np.random.Generator, k: int):
    """A k×k game with integer payoffs in [−4, 4], cost loads in [0, 2] and target (0, 0)."""
    U = rng.integers(-4, 5, size=(k, k, 2))
    W = rng.integers(0, 3, size=(k, k, 2))
    loads = {(i, j): (int(W[i, j, 0]), int(W[i, j, 1])) for i in range(k) for j in range(k)}
    return costed(U[..., 0].tolist(), U[..., 1].tolist(), loads)[1]


@pytest.mark.parametrize("k", [4, 5, 6])
def test_the_shortcut_changes_no_answer(monkeypatch, k):
    """Random games with the shortcut tried on every open gap against the walk without it:
    the same pieces, and the shortcut settles some gaps (else this test would prove nothing)."""
    rng = np.random.default_rng([28, k])
    settled = 0
    original = rival_cover.covered_by_rivals

    def counting(*args, **kwargs):
        nonlocal settled
        found = original(*args, **kwargs)
        settled += found
        return found

    monkeypatch.setattr(uniqueness, "covered_by_rivals", counting)
    with work_limit(None):
        for _ in range(80):
            game = random_game(rng, k)
            monkeypatch.setattr(uniqueness, "COVER_FROM_PAIRS", 0)
            fast = uniqueness.uniqueness_of(game, ("c",), (0, 0))
            monkeypatch.setattr(uniqueness, "COVER_FROM_PAIRS", 10**9)
            walked = uniqueness.uniqueness_of(game, ("c",), (0, 0))
            assert fast.intervals == walked.intervals
            assert [(p.below, p.above) for p in fast.pieces] == [(p.below, p.above) for p in walked.pieces] or all(
                _same_neighbours(a, b) for a, b in zip(fast.pieces, walked.pieces)
            )
    assert settled > 0


def _same_neighbours(a, b) -> bool:
    """Neighbours agree but for the rational κ read inside a gap next to the piece (any κ of
    the gap gives the same pure equilibria, and reasons only ask whether κ is the end)."""
    for x, y in ((a.below, b.below), (a.above, b.above)):
        if (x is None) != (y is None):
            return False
        if x is not None and (x.end, x.target_nash, x.pure, x.kappa == x.end) != (
            y.end,
            y.target_nash,
            y.pure,
            y.kappa == y.end,
        ):
            return False
    return True
