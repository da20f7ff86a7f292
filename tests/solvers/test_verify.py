"""The exact Nash check every reported equilibrium passes: probability vectors only, ties,
mixed equilibria, any number of players. Expected answers are the textbook equilibria of
docs/models.md or worked out by hand in the comments."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

from sovgame.solvers.verify import expected_payoffs, is_nash, pure_strategy_values


def table(shape: tuple[int, ...], payoff) -> np.ndarray:
    """Payoffs (strategies..., players) of Fractions from ``payoff(profile) -> tuple``."""
    out = np.empty(shape + (len(shape),), dtype=object)
    for profile in itertools.product(*(range(k) for k in shape)):
        out[profile] = tuple(F(x) for x in payoff(profile))
    return out


def bimatrix(A, B) -> np.ndarray:
    return table((len(A), len(A[0])), lambda p: (A[p[0]][p[1]], B[p[0]][p[1]]))


PURE = (F(1), F(0)), (F(0), F(1))
C, D = PURE
PD = bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # R, S, T, P = 3, 0, 5, 1
STAG_HUNT = bimatrix([[4, 0], [3, 2]], [[4, 3], [0, 2]])  # 4, 0, 3, 2
PENNIES = bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
ZERO = bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])  # every probability profile is an equilibrium
# nashpy issue 222 (docs/models.md): the row player may mix (p, 1 − p) for p in [0, 2/7]
# against column 1: column 1 pays 2p + 4(1 − p), column 2 pays 7p + 2(1 − p), and
# 4 − 2p ≥ 2 + 5p iff p ≤ 2/7; the row player gets −3 either way against column 1.
DEGENERATE = bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])


def test_pure_equilibria_of_the_prisoners_dilemma():
    assert is_nash(PD, [D, D])
    assert not is_nash(PD, [C, C]) and not is_nash(PD, [C, D]) and not is_nash(PD, [D, C])


def test_negative_probabilities_are_refused_even_where_no_one_could_gain():
    # In the zero game nobody gains by any deviation, so only the check of the vectors refuses
    # (2, −1): it sums to 1 but is no probability vector.
    assert is_nash(ZERO, [(F(1, 2), F(1, 2)), C])
    assert not is_nash(ZERO, [(F(2), F(-1)), C])
    assert not is_nash(ZERO, [C, (F(-1, 3), F(4, 3))])


def test_negative_probabilities_cannot_fake_an_equilibrium():
    # A coordination game (both get 1 when they match, −1 otherwise) with both playing
    # (3/2, −1/2): each player's pure strategies pay 3/2 + 1/2 = 2 and −3/2 − 1/2 = −2, and
    # the "mix" itself pays 3/2·2 − 1/2·(−2) = 4 > 2. No pure deviation beats it, so only the
    # check of the vectors refuses the profile.
    match = bimatrix([[1, -1], [-1, 1]], [[1, -1], [-1, 1]])
    weird = (F(3, 2), F(-1, 2))
    assert pure_strategy_values(match, [weird, weird], 0) == [F(2), F(-2)]
    assert expected_payoffs(match, [weird, weird]) == (F(4), F(4))
    assert not is_nash(match, [weird, weird])


def test_probabilities_must_sum_to_one():
    assert not is_nash(ZERO, [(F(1, 2), F(1, 4)), C])
    assert not is_nash(ZERO, [C, (F(1), F(1))])
    assert not is_nash(ZERO, [(F(0), F(0)), C])


def test_the_mixed_equilibria_of_textbook_games():
    half = (F(1, 2), F(1, 2))
    assert is_nash(PENNIES, [half, half])
    assert not is_nash(PENNIES, [half, C]) and not is_nash(PENNIES, [(F(2, 3), F(1, 3)), half])
    # Stag Hunt: each mixes (2/3, 1/3); C pays 4·2/3 = 8/3, D pays 3·2/3 + 2·1/3 = 8/3.
    mixed = (F(2, 3), F(1, 3))
    assert is_nash(STAG_HUNT, [mixed, mixed]) and expected_payoffs(STAG_HUNT, [mixed, mixed]) == (F(8, 3), F(8, 3))
    assert not is_nash(STAG_HUNT, [half, half])
    assert is_nash(STAG_HUNT, [C, C]) and is_nash(STAG_HUNT, [D, D])


@pytest.mark.parametrize("p, equilibrium", [(F(0), True), (F(1, 7), True), (F(2, 7), True), (F(3, 7), False)])
def test_ties_along_the_segment_of_a_degenerate_game(p, equilibrium):
    # At p = 2/7 both columns pay 24/7: a tie, still an equilibrium; past it column 2 pays more.
    assert is_nash(DEGENERATE, [(p, 1 - p), C]) == equilibrium


def test_three_players():
    # Each gets 1 when all three choose alike, else 0. All alike: pure equilibria. (0, 0, 1):
    # the third gains 1 by joining. All mixing (1/2, 1/2): each strategy wins with 1/4, a tie.
    game = table((2, 2, 2), lambda p: (int(len(set(p)) == 1),) * 3)
    half = (F(1, 2), F(1, 2))
    assert is_nash(game, [C, C, C]) and is_nash(game, [D, D, D])
    assert not is_nash(game, [C, C, D])
    assert is_nash(game, [half, half, half]) and expected_payoffs(game, [half] * 3) == (F(1, 4),) * 3
    # Two mix, the third plays C: the third's C wins 1/4, D also 1/4; but the first, against
    # (1/2, 1/2) and C, wins 1/2 with C and 0 with D, so it deviates.
    assert not is_nash(game, [half, half, C])


def test_expected_and_pure_strategy_values_of_a_three_strategy_game():
    # Rock–paper–scissors: against (1/2, 1/2, 0) rock pays 0·1/2 − 1·1/2 = −1/2, paper
    # 1/2 + 0 = 1/2, scissors −1/2 + 1/2 = 0.
    beats = {(0, 2), (1, 0), (2, 1)}
    game = table((3, 3), lambda p: (1, -1) if p in beats else (-1, 1) if p[::-1] in beats else (0, 0))
    mix = (F(1, 2), F(1, 2), F(0))
    assert pure_strategy_values(game, [mix, mix], 0) == [F(-1, 2), F(1, 2), F(0)]
    assert not is_nash(game, [mix, mix])
    third = (F(1, 3),) * 3
    assert is_nash(game, [third, third]) and expected_payoffs(game, [third, third]) == (F(0), F(0))


# A mutant of verify.py that no test can kill, being equivalent (benchmarks/mutation.py):
# ``p < 0`` made ``p <= 0`` in the check of the vectors: the zeros are left out of ``support``
# before it, so no p there is 0.
