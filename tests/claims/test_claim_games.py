"""Game-type, third-party and scenario tests of a claim, each on a small textbook game whose
answer is derived by hand in the comments."""

from __future__ import annotations

from cases import TRIANGLE
from sovgame import load_game, parse_game
from sovgame.claims.kinds.game_type import ordering_text, player_type
from strategies import DILEMMA_TYPES, two_by_two, two_by_two_text
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
    assert both.grade == "supported" and none.grade == "not_supported" and at_zero.grade == "supported"


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


def test_third_party_claims():
    case = parse_game(
        TRIANGLE
        + claims_toml(
            '{ kind = "third_party", player = "Outside", strategy = "Engage", expect = ["beyond", "never"] }',
            '{ kind = "third_party", player = "Outside", strategy = "Hold", expect = ["beyond", "never"] }',
            '{ kind = "third_party", player = "Row", strategy = "D", expect = "beyond" }',
        )
    )
    engage, hold, not_outside = graded(case)
    assert engage.grade == "supported" and engage.tests[0].value == "≥ 3: beyond"
    assert "Row binds: 'D' gains 3 when Column plays 'C' and Outside plays 'Engage'" in engage.reason
    assert "with Outside at 'Hold' the threshold is ≥ 2" in engage.reason
    assert hold.grade == "not_supported" and hold.tests[0].value == "≥ 2: reachable"
    assert not_outside.grade == "not_testable" and "no outside player" in not_outside.reason


def test_scenario_claims_with_a_file_beside_the_claim(tmp_path):
    # The baseline: Prisoner's Dilemma, own_confront, weights 1, range [0, 2.5]: compromise
    # is an equilibrium from κ = 2 (reachable). `lower.toml` lowers mutual compromise to 2 for
    # both: T − R = 3, so from κ = 3 (beyond): up, and beyond.
    # At κ = 1/2 the baseline pays (C, C) 3, 3; (C, D) 0, 9/2; (D, C) 9/2, 0; (D, D) 1/2, 1/2:
    # its only equilibrium is (D, D). `higher.toml` raises mutual compromise to 5: leaving it
    # gains 5 − 5 − κ ≤ 0 at every κ, so (C, C) is gained; (D, D) stays (leaving it still
    # pays 0 < 1/2), so it is not lost.
    (tmp_path / "lower.toml").write_text('extends = "base.toml"\n[payoffs]\n"C|C" = [2, 2]\n', encoding="utf-8")
    (tmp_path / "higher.toml").write_text('extends = "base.toml"\n[payoffs]\n"C|C" = [5, 5]\n', encoding="utf-8")
    base = tmp_path / "base.toml"
    base.write_text(two_by_two_text(PD, "own_confront", plausible=(0, 2.5)), encoding="utf-8")
    claimed = tmp_path / "claimed.toml"
    claimed.write_text(
        two_by_two_text(PD, "own_confront", plausible=(0, 2.5))
        + claims_toml(
            '{ kind = "scenario", scenario = "lower.toml", criterion = "nash", direction = "up", expect = "beyond" }',
            '{ kind = "scenario", scenario = "lower.toml", criterion = "nash", direction = "down" }',
            '{ kind = "scenario", scenario = "lower.toml", criterion = "nash", direction = "up", expect = "holds_today" }',
            '{ kind = "scenario", scenario = "higher.toml", gains = "C|C", kappa = 0.5 }',
            '{ kind = "scenario", scenario = "higher.toml", loses = "D|D", kappa = 0.5 }',
            '{ kind = "scenario", scenario = "missing.toml", criterion = "nash", direction = "up" }',
        ),
        encoding="utf-8",
    )
    up, down, half, gains, loses, missing = graded(load_game(str(claimed)))
    assert up.grade == "supported" and up.tests[0].value == "≥ 2 → ≥ 3 (reachable → beyond)"
    assert "in lower.toml the threshold rises: Row binds: 'D' gains 3" in up.reason
    assert down.grade == "not_supported" and half.grade == "partly_supported"
    assert (
        gains.grade == "supported"
        and "(C, C) is an equilibrium of higher.toml at every κ (holds today)" in gains.reason
    )
    # A mixed equilibrium too: the column player's q on C makes the row player indifferent,
    # 5q = (9/2)q + (1/2)(1 − q), so q = 1/2 (and the same for the row player by symmetry).
    assert gains.tests[0].value == "(D, D) → (C, C); (D, D); mixed: C 1/2, D 1/2; C 1/2, D 1/2"
    assert loses.grade == "not_supported"
    assert missing.grade == "not_testable" and "no such file" in missing.reason
