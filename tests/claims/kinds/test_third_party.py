"""The ``third_party`` claim test: an outside player held at a strategy moves the others' threshold."""

from __future__ import annotations

from cases import TRIANGLE
from sovgame import parse_game
from support import claims_toml, graded


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
