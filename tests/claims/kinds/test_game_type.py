"""The ``game_type`` claim test: each player's 2x2 type (Jervis 1978) at κ."""

from __future__ import annotations

from sovgame import parse_game
from sovgame.claims.kinds.game_type import ordering_text, player_type
from strategies import DILEMMA_TYPES, two_by_two
from support import claims_toml, graded

PD = [(3, 3), (0, 5), (5, 0), (1, 1)]


def test_player_type_matches_the_textbook_orderings():
    # (R, S, T, P) of docs/models.md's reference games.
    cases = {
        (3, 0, 5, 1): "prisoners_dilemma",
        (4, 0, 3, 2): "stag_hunt",
        (3, 1, 4, 0): "chicken",
        (2, 1, 4, 3): "deadlock",
    }
    for rstp, kind in cases.items():
        assert player_type(*rstp) == kind and DILEMMA_TYPES[kind](*rstp)
    assert player_type(4, 3, 2, 1) == "harmony" and player_type(1, 1, 1, 1) == "other"
    from fractions import Fraction as F

    assert ordering_text({"R": F(3), "S": F(-1, 2), "T": F(5, 2), "P": F(1, 2)}) == "R 3 > T 5/2 > P 1/2 > S -1/2"
    assert ordering_text({"R": F(1), "S": F(0), "T": F(1), "P": F(0)}) == "R 1 = T 1 > S 0 = P 0"


def test_game_type_claims_per_player():
    # any_conflict, weights (1, 3), κ = 1. Row: R 3, S 0 − 1, T 5 − 1, P 1 − 1: T > R > P > S, a
    # prisoners' dilemma. Column: R 3, S 0 − 3, T 5 − 3, P 1 − 3: R > T > P > S, a stag hunt.
    case = two_by_two(
        PD,
        "any_conflict",
        weights=(1, 3),
        extra=claims_toml(
            '{ kind = "game_type", expect = "prisoners_dilemma" }',
            '{ kind = "game_type", expect = ["prisoners_dilemma", "stag_hunt"] }',
            '{ kind = "game_type", expect = "chicken" }',
            # At κ = 0 both players have the file's payoffs: a prisoners' dilemma.
            '{ kind = "game_type", expect = "prisoners_dilemma", kappa = 0 }',
        ),
    )
    partly, both, none, at_zero = graded(case)
    assert partly.grade == "partly_supported"
    assert partly.tests[0].value == "Row: prisoners' dilemma; Column: stag hunt"
    assert "Column's payoffs order as R 3 > T 2 > P -2 > S -3: stag hunt, not prisoners' dilemma" in partly.reason
    assert both.grade == "supported" and none.grade == "not_supported" and at_zero.grade == "by_construction"


def test_game_type_needs_a_2x2_game():
    three_by_two = """
[game]
title = "three by two"
[[players]]
name = "Row"
strategies = ["C", "D", "E"]
compromise = "C"
[[players]]
name = "Column"
strategies = ["C", "D"]
compromise = "C"
[payoffs]
"C|C" = [3, 3]
"C|D" = [0, 5]
"D|C" = [5, 0]
"D|D" = [1, 1]
"E|C" = [4, 0]
"E|D" = [0, 0]
"""
    case = parse_game(three_by_two + claims_toml('{ kind = "game_type", expect = "prisoners_dilemma" }'))
    (result,) = graded(case)
    assert result.grade == "not_testable" and "2x2 games; this one is 3x2" in result.reason
