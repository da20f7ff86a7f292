"""Exact checks of mixed-strategy profiles: expected payoffs and the Nash condition.

Every equilibrium sovgame reports passes :func:`is_nash` exactly (in fractions, or in a number
field for irrational probabilities), whatever found it (the vertex enumeration, the support
enumeration of n-player games, nashpy in a cross-check): a profile is an equilibrium when no
player has a pure strategy that pays strictly more than its mixed strategy against the
others' mixed strategies.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Union

import numpy as np

if TYPE_CHECKING:
    from ..core.algebraic import Algebraic

#: An exact number: a Fraction or, for games of three or more players, an irrational
#: :class:`~sovgame.core.algebraic.Algebraic`.
Number = Union[Fraction, "Algebraic"]
#: A mixed strategy: one exact probability per pure strategy, in the file's order.
Strategy = tuple[Number, ...]


def rational(x: Number) -> Fraction:
    """x as a Fraction: what every equilibrium of a two-player game holds (only games of three
    or more players can have irrational probabilities)."""
    if not isinstance(x, Fraction):
        raise TypeError(f"{x} is irrational")
    return x


def expected_payoffs(payoffs: np.ndarray, strategies: Sequence[Strategy]) -> tuple[Number, ...]:
    """Each player's expected payoff when every player plays its mixed strategy."""
    n = payoffs.shape[-1]
    totals: list[Number] = [Fraction(0)] * n
    for profile, weight in _support_profiles(strategies):
        cell = payoffs[profile]
        for i in range(n):
            totals[i] += weight * cell[i]
    return tuple(totals)


def pure_strategy_values(payoffs: np.ndarray, strategies: Sequence[Strategy], player: int) -> list[Number]:
    """Player's expected payoff from each of its pure strategies against the others' mix:
    one pass over the others' support profiles (linear in the player's strategies)."""
    others = [s for i, s in enumerate(strategies) if i != player]
    own_strategies = range(payoffs.shape[player])
    values: list[Number] = [Fraction(0)] * len(own_strategies)
    for rest, weight in _support_profiles(others):
        for own in own_strategies:
            values[own] += weight * payoffs[rest[:player] + (own,) + rest[player:]][player]
    return values


def is_nash(payoffs: np.ndarray, strategies: Sequence[Strategy]) -> bool:
    """True if no player gains by a unilateral deviation, checked in exact arithmetic.

    Also requires each strategy to be a probability vector (non-negative, summing to one).
    """
    for strategy in strategies:
        support = [p for p in strategy if p]  # zeros add nothing (wide games are mostly zeros)
        if any(p < 0 for p in support) or sum(support, Fraction(0)) != 1:
            return False
    current = expected_payoffs(payoffs, strategies)
    for player in range(payoffs.shape[-1]):
        if max(pure_strategy_values(payoffs, strategies, player)) > current[player]:
            return False
    return True


class TwoPlayerCheck:
    """The exact Nash check of :func:`is_nash` for two players, in integers.

    Each player's payoff matrix is scaled once by the least common multiple L of its
    denominators, and each mixed strategy is written as integer numerators over their least
    common denominator (x = x̃ / X). Scaling by a positive number moves no comparison, so the
    row player's payoffs against y order as the integers (L_A·A)·ỹ, and x is a best reply
    exactly when every row it plays attains their maximum; likewise for the column player.
    At an equilibrium x·A·y is that maximum over L_A·Y (x's weights sum to 1 and sit on rows
    attaining it). The same verdict and payoffs as :func:`is_nash` and
    :func:`expected_payoffs`, with a handful of integer operations per entry in place of
    fractions.
    """

    def __init__(self, payoffs: np.ndarray) -> None:
        self._row_scale, self._row = _integer_matrix(payoffs[..., 0])
        self._col_scale, self._col = _integer_matrix(payoffs[..., 1])
        self._col_transposed = [list(column) for column in zip(*self._col)]

    def payoffs_if_nash(self, row: Sequence[Fraction], col: Sequence[Fraction]) -> tuple[Fraction, Fraction] | None:
        """Both players' expected payoffs if (row, col) is a Nash equilibrium, else None (also
        when a strategy is not a probability vector). Two-player equilibria are rational."""
        x_total, x = _numerators(row)
        y_total, y = _numerators(col)
        if x is None or y is None:
            return None
        row_values = _combination(self._row, y)
        col_values = _combination(self._col_transposed, x)
        row_best, col_best = max(row_values), max(col_values)
        if any(v and row_values[i] != row_best for i, v in enumerate(x)) or any(
            v and col_values[j] != col_best for j, v in enumerate(y)
        ):
            return None
        return Fraction(row_best, self._row_scale * y_total), Fraction(col_best, self._col_scale * x_total)


def _combination(matrix: list[list[int]], weights: list[int]) -> list[int]:
    """matrix · weights, over the nonzero weights only (mixed strategies are mostly zeros)."""
    used = [(j, w) for j, w in enumerate(weights) if w]
    return [sum([row[j] * w for j, w in used]) for row in matrix]


def _integer_matrix(values: np.ndarray) -> tuple[int, list[list[int]]]:
    """(L, L·values) with L the least common multiple of the denominators."""
    rows = [[v if isinstance(v, Fraction) else Fraction(v) for v in row] for row in values.tolist()]
    scale = math.lcm(*(v.denominator for row in rows for v in row))
    return scale, [[v.numerator * (scale // v.denominator) for v in row] for row in rows]


def _numerators(strategy: Sequence[Fraction]) -> tuple[int, list[int] | None]:
    """(X, x̃) with x = x̃ / X over the least common denominator; x̃ None unless x is a
    probability vector (non-negative, summing to one)."""
    total = math.lcm(*[p.denominator for p in strategy])
    numerators = [p.numerator * (total // p.denominator) for p in strategy]
    if min(numerators) < 0 or sum(numerators) != total:
        return total, None
    return total, numerators


def _support_profiles(strategies: Sequence[Strategy]):
    """(profile, probability) over the product of the supports."""
    supports = [[(k, p) for k, p in enumerate(s) if p] for s in strategies]
    for combo in itertools.product(*supports):
        weight: Number = Fraction(1)
        for _, p in combo:
            weight *= p
        yield tuple(k for k, _ in combo), weight
