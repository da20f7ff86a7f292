"""A second opinion: nashpy's vertex enumeration on the same game, checked exactly.

``sovgame solve --check-nashpy`` shows which of sovgame's equilibria nashpy also finds; on
degenerate games nashpy loses some (docs/models.md, "Known pitfalls of the libraries").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .equilibria import Solution
from .verify import is_nash


@dataclass(frozen=True)
class CrossCheck:
    """What nashpy's vertex enumeration finds on the same game, each profile checked exactly."""

    found: tuple[int, ...]  # 1-based numbers of our equilibria that nashpy also returned
    missed: tuple[int, ...]  # ours that nashpy did not return
    not_equilibria: int  # profiles nashpy returned that fail the exact check
    extra: int  # exact equilibria nashpy returned that we did not (a bug in sovgame if ever > 0)


def cross_check_nashpy(solution: Solution) -> CrossCheck:
    """Run nashpy's ``vertex_enumeration`` on the solved game and compare, exactly.

    nashpy works in floats; each profile it returns is rounded to the nearest fraction with
    denominator ≤ 10⁶ and checked with :func:`is_nash`. Payoffs are shifted to be positive
    first, as nashpy's vertex enumeration needs (docs/models.md).
    """
    import nashpy

    full = solution.game
    game = full.without_single_strategy_players()  # as solve() solved it
    if game.n_players != 2:
        raise ValueError("nashpy handles two-player games only")
    payoffs = game.payoffs_at(solution.kappa)
    A = np.array(payoffs[..., 0], dtype=float)
    B = np.array(payoffs[..., 1], dtype=float)
    dropped = full.single_strategy_players
    ours = {
        tuple(s for i, s in enumerate(e.strategies) if i not in dropped): index
        for index, e in enumerate(solution.equilibria, start=1)
    }
    found, not_equilibria, extra = set(), 0, 0
    for x, y in nashpy.Game(A - A.min() + 1, B - B.min() + 1).vertex_enumeration():
        profile = tuple(tuple(Fraction(float(p)).limit_denominator(10**6) for p in s) for s in (x, y))
        if not is_nash(payoffs, profile):
            not_equilibria += 1
        elif profile in ours:
            found.add(ours[profile])
        else:
            extra += 1
    missed = tuple(i for i in ours.values() if i not in found)
    return CrossCheck(tuple(sorted(found)), missed, not_equilibria, extra)
