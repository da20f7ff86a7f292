"""Threshold, equilibrium and binding tests of a claim, each on a textbook game whose answer
is derived by hand (docs/models.md, reference answers)."""

from __future__ import annotations

from strategies import two_by_two
from support import claims_toml, graded

# Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1 (symmetric), compromise C listed first.
PD = [(3, 3), (0, 5), (5, 0), (1, 1)]
# Stag Hunt R, S, T, P = 4, 0, 3, 2.
STAG = [(4, 4), (0, 3), (3, 0), (2, 2)]


def test_threshold_claims_on_the_prisoners_dilemma():
    # own_confront, weights 1: leaving (C, C) for D gains T − R − κ = 2 − κ, so compromise
    # is an equilibrium for κ ≥ 2 and the only one above max(T − R, P − S) = 2
    # (docs/models.md). With the plausible range [0, 1.5]: both beyond.
    case = two_by_two(
        PD,
        "own_confront",
        plausible=(0, 1.5),
        extra=claims_toml(
            '{ kind = "threshold", criterion = "nash", expect = ["beyond", "never"] }',
            '{ kind = "threshold", criterion = "nash", expect = "holds_today" }',
            '{ kind = "threshold", criterion = "unique", expect = "beyond" }',
            # A target that is already an equilibrium.
            '{ kind = "threshold", criterion = "nash", target = "D|D", expect = "holds_today" }',
        ),
    )
    beyond, today, unique, defect = graded(case)
    assert beyond.grade == "supported" and beyond.tests[0].value == "≥ 2: beyond"
    assert beyond.tests[0].decimal == 2.0
    assert "Row binds: 'D' gains 2" in beyond.reason
    assert today.grade == "not_supported"
    assert unique.grade == "supported" and unique.tests[0].value == "> 2: beyond"
    # (D, D): leaving it for C gains S − P = −1 at every κ (own_confront charges D, not C:
    # it only gets dearer to stay), so it is an equilibrium at every κ, today included.
    assert defect.grade == "supported" and defect.tests[0].value == "≥ 0: holds today"


def test_equilibrium_claims_on_the_stag_hunt():
    # any_conflict, weight 1, κ = 1: (C, C) pays 4, 4; (C, D) pays −1, 2; (D, C) 2, −1; (D, D)
    # 1, 1. (C, C) and (D, D) are both equilibria (leaving costs 2 at each), so neither is the
    # only one; at (C, D) the row player gains 1 − (−1) = 2 by D.
    case = two_by_two(
        STAG,
        "any_conflict",
        extra=claims_toml(
            '{ kind = "equilibrium", profile = "C|C", expect = "equilibrium" }',
            '{ kind = "equilibrium", profile = "C|C", expect = "only_equilibrium" }',
            '{ kind = "equilibrium", profile = "C|D", expect = "not_equilibrium" }',
            # At κ = 3 (D, D) pays 2 − 3 = −1 and leaving it pays 0 − 3 = −3: still one.
            '{ kind = "equilibrium", profile = "D|D", expect = "not_equilibrium", kappa = 3 }',
        ),
    )
    one, only, not_one, later = graded(case)
    assert one.grade == "supported"
    assert only.grade == "not_supported" and "also an equilibrium: (D, D)" in only.reason
    assert not_one.grade == "supported" and "Row gains 2 by 'D' instead of 'C' when Column plays 'D'" in not_one.reason
    assert later.grade == "not_supported"
    assert one.tests[0].quantity == "the equilibria at κ = 1 (today's costs)"


def test_a_tie_makes_a_weak_equilibrium_and_says_so():
    # Prisoner's Dilemma, own_confront, κ = 2: leaving (C, C) gains 2 − 2 = 0.
    case = two_by_two(
        PD,
        "own_confront",
        extra=claims_toml('{ kind = "equilibrium", profile = "C|C", expect = "equilibrium", kappa = 2 }'),
    )
    (result,) = graded(case)
    assert result.grade == "supported" and "it is weak: Row gains nothing by 'D'" in result.reason


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


def test_untestable_threshold_claims_say_why():
    # The column player names no compromise strategy: there is no threshold to test.
    from sovgame import parse_game
    from strategies import two_by_two_text

    head, tail = two_by_two_text(PD, "custom").rsplit('compromise = "C"\n', 1)
    text = (head + tail).replace('incidence = "custom"', 'incidence = "custom"\nexposure = { "D|D" = [1, 1] }')
    case = parse_game(text + claims_toml('{ kind = "threshold", criterion = "nash", expect = "never" }'))
    (result,) = graded(case)
    assert result.grade == "not_testable" and result.tests[0].value == "—"
    assert "not every player names a compromise strategy" in result.reason
