"""Thresholds as formulas of one number p: the boundary κ = a(p)/b(p) of a linear condition,
its text, polynomials in words, and the events where a family of conditions can change, on the
case game's numbers derived by hand (docs/models.md)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.intervals import Interval
from sovgame.sensitivity.tracks import Constant, Never, Ratio, at, form_polynomials, moves, poly_text, roots_of, summary

# Pakistan's strike in the case game along its military weight p: gain 1 − κ·(1/2 + p), so
# κ = 1/(p + 1/2) (the docs' κ_NE = 4/3 at p = 1/4). Afghanistan's toleration does not move.
PAKISTAN = (F(1), F(0), F(1, 2), F(1))
AFGHANISTAN = (F(1), F(0), F(3, 2), F(0))


def test_forms_at_a_value_and_whether_they_move():
    assert at(PAKISTAN, F(1, 4)) == (1, F(3, 4)) and at(AFGHANISTAN, F(9)) == (1, F(3, 2))
    assert moves(PAKISTAN) and not moves(AFGHANISTAN)


def test_the_boundary_of_a_form_as_a_ratio():
    pakistan = Ratio.of(PAKISTAN)
    assert pakistan == Ratio(F(1), F(0), F(1, 2), F(1))  # normalised by the slope of b
    assert pakistan(F(1, 4)) == F(4, 3) and pakistan(F(1, 2)) == 1
    assert pakistan.text() == "1/(p + 1/2)"
    afghanistan = Ratio.of(AFGHANISTAN)
    assert afghanistan(F(5)) == F(2, 3) and afghanistan.text() == "2/3"
    # (2p − 1)/(p + 1): numerator in parentheses; p/(p + 1) without.
    assert Ratio(F(-1), F(2), F(1), F(1)).text("w") == "(2·w − 1)/(w + 1)"
    assert Ratio(F(0), F(1), F(1), F(1)).text() == "p/(p + 1)"
    assert Ratio(F(3), F(0), F(0), F(1)).text() == "3/p"
    assert Constant(F(4)).text() == "4" and Never().text() == "never"
    assert Ratio.of(PAKISTAN).rational and Constant(F(4)).rational


@pytest.mark.parametrize(
    "coefficients, text",
    [
        ([F(1, 2), F(-3), F(1)], "p² − 3·p + 1/2"),
        ([F(0), F(0), F(0), F(-2)], "−2·p³"),
        ([F(-1), F(1)], "p − 1"),
        ([F(0)], "0"),
        ([F(5)], "5"),
    ],
)
def test_polynomials_in_words(coefficients, text):
    assert poly_text(coefficients) == text


def test_summary_of_a_set_of_kappa():
    assert summary([]) == (None, False)
    assert summary([Interval(F(4, 3), True, None)]) == (F(4, 3), True)
    assert summary([Interval(F(4), False, None), Interval(F(9), True, None)]) == (F(4), False)


def test_events_of_the_case_games_nash_condition_along_the_military_weight():
    # The verdict can change where Pakistan's boundary 1/(p + 1/2) crosses today (1) or the top
    # (2): p = 1/2 and p = 0; where b vanishes, p = −1/2; and where the two players' boundaries
    # cross, 1/(p + 1/2) = 2/3: p = 1.
    polys = form_polynomials([PAKISTAN, AFGHANISTAN], [F(1), F(2)])
    assert sorted(set(roots_of(polys))) == [F(-1, 2), F(0), F(1, 2), F(1)]
