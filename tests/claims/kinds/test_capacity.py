"""The ``capacity`` claim test: a verdict at a limited strategy's success probability."""

from __future__ import annotations

from cases import CASE_TOML, MOVES_TOML
from sovgame import parse_game
from support import claims_toml, graded


def test_capacity_claims():
    """κ_NE(q) = 1/(1/4 + q/2): at q = 2/5, 20/9 > 2 (beyond); at the file's 3/5, 20/11 ≤ 2
    (reachable); the verdict turns at q = 1/2."""
    case = parse_game(
        MOVES_TOML
        + claims_toml(
            '{ kind = "capacity", success = 0.4, criterion = "nash", expect = ["beyond", "never"] }',
            '{ kind = "capacity", player = "Afghanistan", strategy = "Constrain TTP", criterion = "nash", expect = ["beyond", "never"] }',
        )
    )
    low, stated = graded(case)
    assert low.grade == "supported" and low.tests[0].value == "≥ 20/9: beyond"
    assert stated.grade == "not_supported" and stated.tests[0].value == "≥ 20/11: reachable"
    assert "succeeds with probability 3/5" in stated.reason and "the verdict changes at q = 1/2" in stated.reason


def test_a_capacity_claim_on_a_file_without_capacity_names_the_strategy_or_is_untestable():
    case = parse_game(
        CASE_TOML
        + claims_toml(
            '{ kind = "capacity", criterion = "nash", expect = "beyond" }',
            '{ kind = "capacity", player = "Afghanistan", strategy = "Constrain TTP", success = 0.4, criterion = "nash", expect = "beyond" }',
        )
    )
    missing, named = graded(case)
    assert missing.grade == "not_testable" and "[[capacity]]" in missing.reason
    assert named.grade == "supported"
