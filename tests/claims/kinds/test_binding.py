"""The ``binding`` claim test: whose condition sets a threshold."""

from __future__ import annotations

from strategies import two_by_two
from support import claims_toml, graded

# Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1 (symmetric), compromise C listed first.
PD = [(3, 3), (0, 5), (5, 0), (1, 1)]


def test_binding_claims():
    # own_confront with weights (1, 2): the row player needs κ ≥ (5 − 3)/1 = 2, the column
    # player κ ≥ 2/2 = 1, so the row player binds at 2.
    case = two_by_two(
        PD,
        "own_confront",
        weights=(1, 2),
        extra=claims_toml(
            '{ kind = "binding", criterion = "nash", player = "Row", expect = "binding" }',
            '{ kind = "binding", criterion = "nash", player = "Column", expect = "binding" }',
            '{ kind = "binding", criterion = "nash", player = "Column", expect = "not_binding" }',
        ),
    )
    row, column, not_column = graded(case)
    assert row.grade == "supported" and row.tests[0].value == "Row (own thresholds: Row 2, Column 1)"
    assert column.grade == "not_supported"
    assert "Column's own condition starts at κ = 1, already met at today's costs" in column.reason
    assert not_column.grade == "supported"
    assert row.tests[0].decimal is None  # a player, not a number
