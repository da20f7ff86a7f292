"""nashpy's second opinion, checked exactly: on non-degenerate textbook games it finds every
equilibrium sovgame finds, and nothing else."""

from __future__ import annotations

from sovgame import load_game, solve
from sovgame.solvers.crosscheck import cross_check_nashpy
from support import extra_module


def test_nashpy_agrees_on_the_stag_hunt_and_chicken():
    extra_module("nashpy")
    # Stag Hunt at κ = 0: (C, C), (D, D) and the mix (2/3, 1/3); Chicken: (C, D), (D, C) and
    # (1/2, 1/2) (docs/models.md): three each, all found, none missed, nothing extra.
    for name in ("stag_hunt", "chicken"):
        solution = solve(load_game(name), 0)
        assert len(solution.equilibria) == 3
        check = cross_check_nashpy(solution)
        assert check.found == (1, 2, 3) and check.missed == () and (check.not_equilibria, check.extra) == (0, 0)


def test_nashpy_agrees_on_the_prisoners_dilemma():
    extra_module("nashpy")
    check = cross_check_nashpy(solve(load_game("prisoners_dilemma"), 0))
    assert check.found == (1,) and check.missed == () and check.extra == 0
