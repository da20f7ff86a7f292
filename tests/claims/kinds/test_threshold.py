"""The ``threshold`` claim test: a criterion's verdict against what the claim expects."""

from __future__ import annotations

from strategies import two_by_two
from support import claims_toml, graded

# Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1 (symmetric), compromise C listed first.
PD = [(3, 3), (0, 5), (5, 0), (1, 1)]


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
