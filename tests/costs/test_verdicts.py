"""The verdict scale against today (κ = 1) and the top of the plausible range, at its edges,
decided exactly (docs/models.md, "Verdicts against today")."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.intervals import Interval, Root
from sovgame.costs.verdicts import Verdict, compare, contains, meets, surd_of, verdict_for

TOP = (F(0), F(2))


def closed(lo, hi):
    return Interval(F(lo), True, None if hi is None else F(hi), True)


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        # S = {1}: today itself.
        ([closed(1, 1)], Verdict.HOLDS_TODAY),
        # S = [0, 1): held below today's costs, not at them.
        ([Interval(F(0), True, F(1), False)], Verdict.LAPSED),
        # S = [0, 1]: 1 is in S.
        ([closed(0, 1)], Verdict.HOLDS_TODAY),
        # S = (1, 2] with top 2: not today, but within reach.
        ([Interval(F(1), False, F(2), True)], Verdict.REACHABLE),
        # S = [2, ∞): starts exactly at the top, which counts as within the range.
        ([closed(2, None)], Verdict.REACHABLE),
        # S = (2, ∞): only above the top.
        ([Interval(F(2), False, None)], Verdict.BEYOND),
        # S = [3, 4]: above the top, bounded.
        ([closed(3, 4)], Verdict.BEYOND),
        # S = ∅.
        ([], Verdict.NEVER),
        # Two pieces, one below today and one beyond the top: beyond wins over lapsed.
        ([Interval(F(0), True, F(1, 2), False), closed(5, None)], Verdict.BEYOND),
        # Two pieces, one below today and one within reach.
        ([Interval(F(0), True, F(1, 2), False), closed(F(3, 2), F(7, 4))], Verdict.REACHABLE),
    ],
)
def test_verdict_scale_at_its_edges(intervals, expected):
    assert verdict_for(intervals, TOP) == expected


def test_a_top_below_today_leaves_nothing_reachable():
    # With the plausible range [0, 1/2], (1, top] is empty: S = [3/4, 5/4] holds today,
    # S = (1, 5/4] lies above max(1, top) = 1: beyond.
    low = (F(0), F(1, 2))
    assert verdict_for([closed(F(3, 4), F(5, 4))], low) == Verdict.HOLDS_TODAY
    assert verdict_for([Interval(F(1), False, F(5, 4), True)], low) == Verdict.BEYOND
    assert verdict_for([Interval(F(1, 4), True, F(1, 2), True)], low) == Verdict.LAPSED


def test_json_values_and_words():
    assert [v.value for v in Verdict] == ["holds_today", "reachable", "beyond", "never", "lapsed"]
    assert Verdict.HOLDS_TODAY.words == "holds today"


# --- irrational endpoints -----------------------------------------------------------------------


def test_a_root_is_compared_through_its_bracket():
    root = Root.of_surd(F(1), F(1), F(2))  # 1 + √2 ≈ 2.414, bracket 1e-12 wide
    assert compare(root, F(2)) == 1 and compare(root, F(3)) == -1
    assert verdict_for([Interval(root, False, None)], TOP) == Verdict.BEYOND
    assert verdict_for([Interval(root, False, None)], (F(0), F(5, 2))) == Verdict.REACHABLE


def test_a_rational_inside_the_bracket_is_decided_by_the_closed_form():
    # −1/2 + √2 ≈ 0.9142 < 1, with a bracket (0, 2) wide enough to hold 1: the closed form
    # decides, (1 + 1/2)² = 9/4 > 2.
    root = Root(F(0), F(2), "-1/2 + √2", 0.9142)
    assert surd_of(root) == (F(-1, 2), F(1), F(2))
    assert compare(root, F(1)) == -1
    assert contains(Interval(root, True, None), F(1)) is True
    # 3/2 − √2 ≈ 0.0858: below 1; 5/2 − √(1/2) ≈ 1.7929 above 1 and below 2.
    assert compare(Root(F(0), F(2), "3/2 − √2", 0.0858), F(1)) == -1
    assert compare(Root(F(1), F(2), "5/2 − √(1/2)", 1.7929), F(1)) == 1
    assert compare(Root(F(1), F(2), "5/2 − √(1/2)", 1.7929), F(2)) == -1
    # √3 ≈ 1.732 written without a constant term.
    assert compare(Root(F(1), F(2), "√3", 1.732), F(7, 4)) == -1


def test_without_a_closed_form_the_verdict_is_not_settled():
    root = Root(F(1, 2), F(3, 2), None, 1.0)  # could be on either side of 1
    assert compare(root, F(1)) is None
    assert verdict_for([Interval(root, False, None)], TOP) is None
    # Far from 1 and from the top the bracket settles it.
    assert verdict_for([Interval(Root(F(5, 2), F(3), None, 2.7), False, None)], TOP) == Verdict.BEYOND


def test_a_misread_closed_form_decides_nothing():
    # The text does not match the bracket: it must not be trusted.
    assert surd_of(Root(F(0), F(2), "10 + √2", 1.0)) is None


def test_meets_is_exact_at_the_ends():
    assert meets(Interval(F(1), True, F(1), True), F(1), F(2)) is False  # {1} does not meet (1, 2]
    assert meets(Interval(F(2), True, None), F(1), F(2)) is True  # [2, ∞) meets (1, 2] at 2
    assert meets(Interval(F(2), False, None), F(1), F(2)) is False
    assert meets(Interval(F(0), True, F(1), True), F(1), None) is False
