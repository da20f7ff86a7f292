"""Exact checks of mixed-strategy profiles: expected payoffs and the Nash condition.

Every equilibrium sovgame reports passes :func:`is_nash` exactly (in fractions, or in a number
field for irrational probabilities), whatever found it (the vertex enumeration, the support
enumeration of n-player games, nashpy in a cross-check): a profile is an equilibrium when no
player has a pure strategy that pays strictly more than its mixed strategy against the
others' mixed strategies.
"""

from __future__ import annotations

import itertools
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


def _support_profiles(strategies: Sequence[Strategy]):
    """(profile, probability) over the product of the supports."""
    supports = [[(k, p) for k, p in enumerate(s) if p] for s in strategies]
    for combo in itertools.product(*supports):
        weight: Number = Fraction(1)
        for _, p in combo:
            weight *= p
        yield tuple(k for k, _ in combo), weight
