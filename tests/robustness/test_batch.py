"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from sovgame import load_game, solve
from sovgame.robustness.batch import sets_at_kappa, solution_key
from sovgame.robustness.runner import robust
from sovgame.robustness.sampling import exact_sample_game
from support import draw, game_changed


def test_batched_equilibria_at_the_top_agree_with_the_exact_solver():
    for game, count in (
        (load_game("pakistan_afghanistan_campaign"), 40),
        (load_game("pakistan_afghanistan_escalation"), 40),
    ):
        plan, U, W = draw(game, count, seed=9)
        for j in range(count):
            counts, unresolved = sets_at_kappa(plan, U[j : j + 1], W[j : j + 1], plan.top_exact)
            assert unresolved == 0
            exact = solve(exact_sample_game(plan, U[j], W[j]), Fraction(plan.top))
            assert list(counts) == [solution_key(exact)], j


def test_degenerate_samples_are_solved_exactly():
    """A cardinal game without noise or weight ranges: every sample is the file's game at κ = 2,
    degenerate there (ties), so the batched check hands it to the exact solver."""
    game = load_game("pakistan_afghanistan_escalation", ["plausible_kappa=0,2"])
    fixed = tuple(replace(c, weights_range=None) for c in game.game.costs)
    game = game_changed(game, payoff_scale="cardinal", costs=fixed)
    result = robust(game, 300, seed=1)
    exact = solve(game, 2)
    assert [s.share for s in result.at_top.sets] == [1.0]
    assert (result.at_top.sets[0].equilibria, result.at_top.sets[0].continuum) == solution_key(exact)
