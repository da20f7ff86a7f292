"""The verdict scale in words (sets of κ, sentences, the legend, the JSON scale) and its edge
where the plausible top lies below today: the sentences every threshold output prints."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.intervals import Interval
from sovgame.costs.verdicts import (
    MEANINGS,
    Verdict,
    range_text,
    set_text,
    verdict_for,
    verdict_legend,
    verdict_phrase,
    verdict_scale_json,
)

TOP = (F(0), F(2))
FROM_4_3 = [Interval(F(4, 3), True, None)]
ABOVE_4 = [Interval(F(4), False, None)]
BELOW_1 = [Interval(F(0), True, F(1), False)]


def test_a_set_between_a_low_top_and_today_has_lapsed():
    # Top 1/2: S = [3/4, 9/10] lies above the top but below today; it held only at lower costs
    # than today's, so lapsed (beyond would need S above max(1, top) = 1).
    assert verdict_for([Interval(F(3, 4), True, F(9, 10), True)], (F(0), F(1, 2))) == Verdict.LAPSED
    assert verdict_for([Interval(F(3, 4), True, F(11, 10), True)], (F(0), F(1, 2))) == Verdict.HOLDS_TODAY


@pytest.mark.parametrize(
    "intervals, text",
    [
        (FROM_4_3, "from κ = 4/3"),
        (ABOVE_4, "above κ = 4"),
        ([Interval(F(0), True, None)], "at every κ"),
        ([Interval(F(0), False, None)], "above κ = 0"),
        (BELOW_1, "for κ in [0, 1)"),
        ([Interval(F(1), True, F(2), True)], "for κ in [1, 2]"),
        ([Interval(F(0), True, F(1, 2), False), Interval(F(5), True, None)], "for κ in [0, 1/2) ∪ [5, ∞)"),
    ],
)
def test_sets_of_kappa_in_words(intervals, text):
    assert set_text(intervals) == text


@pytest.mark.parametrize(
    "verdict, intervals, phrase",
    [
        (Verdict.HOLDS_TODAY, [Interval(F(0), True, None)], "holds at every κ, so already at today's costs (κ = 1)"),
        (
            Verdict.REACHABLE,
            FROM_4_3,
            "holds from κ = 4/3: not at today's costs (κ = 1), but within the plausible range up to 2",
        ),
        (Verdict.BEYOND, ABOVE_4, "holds only above κ = 4, beyond the top of the plausible range (2)"),
        (Verdict.NEVER, [], "holds at no cost level"),
        (Verdict.LAPSED, BELOW_1, "holds only for κ in [0, 1): below today's costs (κ = 1), not at them"),
        (
            None,
            FROM_4_3,
            "holds from κ = 4/3; whether that includes today's costs (κ = 1) or the top (2) is not settled",
        ),
    ],
)
def test_verdict_phrases(verdict, intervals, phrase):
    assert verdict_phrase(verdict, intervals, TOP) == phrase
    if verdict is not None:
        assert verdict_for(intervals, TOP) == verdict  # each example is its own verdict


def test_the_legend_range_and_scale():
    assert (
        verdict_legend()
        == "verdicts against today's costs, κ = 1 (the glossary, --glossary, says what each word means)"
    )
    assert verdict_legend(F(2)) == (
        "verdicts against today's costs, κ = 1 and the top of the plausible range (estimates of today's costs), "
        "κ = 2 "
        "(the glossary, --glossary, says what each word means)"
    )
    assert range_text((F(0), F(2))) == "[0, 2]" and range_text((F(1, 2), F(3))) == "[1/2, 3]"
    scale = verdict_scale_json()
    assert list(scale) == ["holds_today", "reachable", "beyond", "never", "lapsed"]
    assert scale["lapsed"] == MEANINGS[Verdict.LAPSED] == "held only at lower costs than today's (κ < 1)"


# A mutant of verdicts.py that no test can kill, being equivalent (benchmarks/mutation.py):
# verdict_for's ``top > TODAY`` made ``top >= TODAY``. With top = 1 the range (1, top] is
# empty: a set meets it only by starting at or below 1 and reaching above 1, and such a set
# (its start closed at 1, or below 1) contains 1 and is "holds today" before this test.
