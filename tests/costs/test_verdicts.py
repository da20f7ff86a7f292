"""The verdict scale against today (κ = 1) and the top of the plausible range, at its edges,
decided exactly (docs/models.md, "Verdicts against today")."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.intervals import Interval, Root
from sovgame.costs.verdicts import Verdict, compare, contains, meets, verdict_for

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


def test_a_set_above_a_low_top_but_below_today_lapsed():
    # With the plausible range [0, 1/2], S = [3/4, 7/8] lies above the top yet below today's
    # costs. 1 ∉ S; (1, 1/2] is empty, so nothing is reachable; and "beyond" asks for S to
    # meet (max(1, top), ∞) = (1, ∞), above today as well as above the top, which [3/4, 7/8]
    # does not. It held only at lower costs than today's: lapsed (docs/models.md, "Verdicts
    # against today"). Reading "beyond" as above min(1, top) = 1/2 would call it beyond.
    low = (F(0), F(1, 2))
    assert verdict_for([closed(F(3, 4), F(7, 8))], low) == Verdict.LAPSED
    # The same set with a top of 1 or above: still lapsed.
    assert verdict_for([closed(F(3, 4), F(7, 8))], (F(0), F(1))) == Verdict.LAPSED
    assert verdict_for([closed(F(3, 4), F(7, 8))], TOP) == Verdict.LAPSED


def test_json_values_and_words():
    assert [v.value for v in Verdict] == ["holds_today", "reachable", "beyond", "never", "lapsed"]
    assert Verdict.HOLDS_TODAY.words == "holds today"


# --- irrational endpoints -----------------------------------------------------------------------


def test_a_root_is_compared_exactly():
    root = Root.of_surd(F(1), F(1), F(2))  # 1 + √2 ≈ 2.414
    assert compare(root, F(2)) == 1 and compare(root, F(3)) == -1
    assert verdict_for([Interval(root, False, None)], TOP) == Verdict.BEYOND
    assert verdict_for([Interval(root, False, None)], (F(0), F(5, 2))) == Verdict.REACHABLE


def test_a_rational_inside_a_wide_interval_is_decided_by_the_polynomial():
    # −1/2 + √2 ≈ 0.9142 is the root of 4x² + 4x − 7 in (0, 2) (the other root is negative);
    # at 1 the polynomial is 1 > 0 while at 0 it is −7 < 0: the root lies below 1.
    root = Root((-7, 4, 4), F(0), F(2))
    assert compare(root, F(1)) == -1 and compare(root, F(9, 10)) == 1
    assert contains(Interval(root, True, None), F(1)) is True
    assert contains(Interval(F(0), True, root, False), F(1)) is False


def test_a_root_without_closed_form_settles_the_verdict():
    # The plastic number ρ ≈ 1.3247, the real root of x³ − x − 1 (irrational: ±1 are no
    # roots), in the interval (1/2, 3/2) that also holds 1: ρ > 1 since 1 − 1 − 1 < 0 has the
    # sign of the left end.
    root = Root((-1, -1, 0, 1), F(1, 2), F(3, 2))
    assert compare(root, F(1)) == 1
    assert verdict_for([Interval(root, False, None)], TOP) == Verdict.REACHABLE
    assert verdict_for([Interval(F(0), True, root, False)], TOP) == Verdict.HOLDS_TODAY


def test_roots_closer_to_1_or_the_top_than_any_float_can_tell():
    # √(1 + 10⁻⁴⁰) = 1 + 5·10⁻⁴¹ − …: above 1, below 1 + 10⁻⁴⁰/2; as floats all three are 1.
    h = F(1, 10**40)
    root = Root.of_surd(F(0), F(1), 1 + h)
    assert float(root) == 1.0 and compare(root, F(1)) == 1 and compare(root, 1 + h / 2) == -1
    assert verdict_for([Interval(root, True, None)], TOP) == Verdict.REACHABLE
    # A top just above √2 that equals √2 as a float: √2 is below it, so within reach.
    above = F(14142135623730951, 10**16)
    sqrt2 = Root.of_surd(F(0), F(1), F(2))
    assert float(above) == float(sqrt2)
    assert verdict_for([Interval(sqrt2, False, None)], (F(0), above)) == Verdict.REACHABLE
    assert verdict_for([Interval(sqrt2, False, None)], (F(0), above - F(1, 10**15))) == Verdict.BEYOND


def test_meets_is_exact_at_the_ends():
    assert meets(Interval(F(1), True, F(1), True), F(1), F(2)) is False  # {1} does not meet (1, 2]
    assert meets(Interval(F(2), True, None), F(1), F(2)) is True  # [2, ∞) meets (1, 2] at 2
    assert meets(Interval(F(2), False, None), F(1), F(2)) is False
    assert meets(Interval(F(0), True, F(1), True), F(1), None) is False
