"""Work estimates of the ordinal-stability and quantal-response lenses (:mod:`sovgame.core.budget`).

Stability tests every state at every breakpoint of the orderings: about two sample points
per pair of states and player, each testing every move, sanction and escape (about
states × moves³ comparisons). The logit branch takes a few hundred continuation steps, each
some Newton iterations over the whole payoff array.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .budget import Work


def stability_work(shape: Sequence[int]) -> Work:
    """GMCR stability and its κ-intervals on a game of this shape."""
    states = math.prod(shape)
    moves = sum(m - 1 for m in shape)
    samples = 2 * len(shape) * states * (states - 1) // 2 + 2
    units = samples * states * max(1, moves) ** 3 // 20 + states * 100
    return Work(
        units,
        f"ordinal stability of this {'x'.join(map(str, shape))} game",
        f"{states:,} states and up to {samples:,} orderings to test",
        "remove strategies nobody plays or declare infeasible states",
    )


def qre_work(shape: Sequence[int], branches: int) -> Work:
    """``branches`` traces of the logit principal branch on a game of this shape."""
    cells = math.prod(shape) * len(shape)
    size = sum(shape)
    units = branches * 300 * (cells * len(shape) + size**3 + 200)
    return Work(
        units,
        f"{branches} logit QRE branches of this {'x'.join(map(str, shape))} game",
        f"{cells:,} payoffs and {size} probabilities per continuation step",
        "remove strategies nobody plays",
    )
