"""What pairwise signs prove about a two-player game's equilibria: iterated strict dominance,
pure equilibria, the target's standing and the support pairs that can still hold a mixed
equilibrium, on textbook games (docs/models.md) and small games worked out by hand.

Matrices as the module takes them: ``a[r][c]`` the row player's payoff, ``b[c][r]`` the column
player's (own strategies as rows)."""

from __future__ import annotations

from sovgame.costs.support_pairs import (
    Standing,
    beats,
    candidate_pairs,
    iterated_dominance,
    members,
    pure_equilibria,
    standing,
)

# Symmetric games: the column player's own-rows matrix equals the row player's.
PD = [[3, 0], [5, 1]]  # R, S / T, P = 3, 0 / 5, 1
STAG_HUNT = [[4, 0], [3, 2]]
PENNIES_ROW = [[1, -1], [-1, 1]]
PENNIES_COLUMN = [[-1, 1], [1, -1]]  # the column player gains what the row player loses
# A strict pure equilibrium at (0, 0) beside a matching-pennies block on strategies 1 and 2:
# (0, 0) is the only pure equilibrium, no strategy is dominated, and the block holds a mixed
# equilibrium (1/2, 1/2) on {1, 2} for both (strategy 0 pays 0 against it, as do 1 and 2).
BLOCK_ROW = [[5, 0, 0], [0, 1, -1], [0, -1, 1]]
BLOCK_COLUMN = [[5, 0, 0], [0, -1, 1], [0, 1, -1]]


def test_members_and_beats():
    assert members(0b1011) == [0, 1, 3] and members(0) == []
    # PD: D (1) pays more than C (0) against both columns: mask 0b11; C beats D against none.
    assert beats(PD) == [[0, 0], [0b11, 0]]
    # Stag Hunt: C beats D against C (4 > 3), D beats C against D (2 > 0).
    assert beats(STAG_HUNT) == [[0, 0b01], [0b10, 0]]


def test_iterated_dominance():
    assert iterated_dominance(PD, PD) == (0b10, 0b10)  # D for both
    assert iterated_dominance(STAG_HUNT, STAG_HUNT) == (0b11, 0b11)  # nothing dominated
    # The column player's second strategy is dominated (1 > 0 against both rows); then the
    # row player's second (2 > 1 against the remaining column) goes too.
    assert iterated_dominance([[2, 0], [1, 3]], [[1, 1], [0, 0]]) == (0b01, 0b01)
    assert iterated_dominance(BLOCK_ROW, BLOCK_COLUMN) == (0b111, 0b111)


def test_pure_equilibria_in_row_major_order():
    assert pure_equilibria(PD, PD) == [(1, 1)]
    assert pure_equilibria(STAG_HUNT, STAG_HUNT) == [(0, 0), (1, 1)]
    assert pure_equilibria(PENNIES_ROW, PENNIES_COLUMN) == []
    assert pure_equilibria(BLOCK_ROW, BLOCK_COLUMN) == [(0, 0)]
    # Ties: every profile of a game of zeros.
    assert pure_equilibria([[0, 0], [0, 0]], [[0, 0], [0, 0]]) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_the_target_standing():
    assert standing(PD, PD, (1, 1)) == (Standing.ALONE, (0b10, 0b10))
    assert standing(PD, PD, (0, 0))[0] == Standing.NOT_ALONE  # no equilibrium at all
    assert standing(STAG_HUNT, STAG_HUNT, (0, 0))[0] == Standing.NOT_ALONE  # (D, D) too
    assert standing(PENNIES_ROW, PENNIES_COLUMN, (0, 0))[0] == Standing.NOT_ALONE
    # The only pure equilibrium, yet a mixed one may exist: the signs cannot settle it.
    assert standing(BLOCK_ROW, BLOCK_COLUMN, (0, 0)) == (Standing.OPEN, (0b111, 0b111))


def test_a_tie_at_the_target_against_a_strict_reply_is_a_continuum():
    # Row player: 2 at (0, 0) and 2 at (1, 0), a tie; 0 and 1 against column 1, so its second
    # strategy is not dominated. Column player: 1 against 0 at row 0 and 1 against 0 at row 1
    # (strict). (0, 0) and (1, 0) are both pure equilibria here: not alone.
    assert standing([[2, 0], [2, 1]], [[1, 1], [0, 0]], (0, 0))[0] == Standing.NOT_ALONE
    # A 3x3 where the target is the only pure equilibrium, strict for the column player, and
    # the row player ties at it with strategy 1, which pays less elsewhere (not dominated, no
    # equilibrium of its own): the row player may mix 0 and 1 against column 0.
    row = [[3, 0, 0], [3, 1, -1], [0, -1, 1]]
    column = [[3, 0, 0], [0, -1, 1], [0, 1, -1]]
    assert pure_equilibria(row, column) == [(0, 0)]
    assert standing(row, column, (0, 0))[0] == Standing.NOT_ALONE


def test_candidate_support_pairs():
    # Stag Hunt and matching pennies: the full supports; PD: none inside the survivors.
    assert candidate_pairs(STAG_HUNT, STAG_HUNT, (0b11, 0b11)) == [((0, 1), (0, 1))]
    assert candidate_pairs(PENNIES_ROW, PENNIES_COLUMN, (0b11, 0b11)) == [((0, 1), (0, 1))]
    assert candidate_pairs(PD, PD, (0b10, 0b10)) == []
    # The block game. A strategy is left out of a support when another pure strategy pays more
    # against every strategy of the other's support. Against {0, 1} the row player's 2 loses
    # to 0 everywhere (5 > 0, 0 > −1); on the column side, against rows {0, 1}, column 1 loses
    # to column 0 (5 > 0, 0 > −1): no pair on {0, 1}, nor on {0, 2} likewise. {1, 2} against
    # {1, 2} is the pennies block; all three against all three beat nothing everywhere.
    found = candidate_pairs(BLOCK_ROW, BLOCK_COLUMN, (0b111, 0b111))
    assert found == [((1, 2), (1, 2)), ((0, 1, 2), (0, 1, 2))]
