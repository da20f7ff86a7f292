"""The bargaining diagnosis (Fearon 1995; Powell 2006): the case's gains against the temptation
to renege, Deadlock's opening range, Fearon's textbook range, indivisibility and Powell's
condition, each derived by hand."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from cases import CASE_TOML
from sovgame import load_game, parse_game
from sovgame.core.intervals import Interval
from sovgame.play.bargaining import analyze_bargaining, fearon_range, powell

CASE = parse_game(CASE_TOML)
NO_COMPROMISE = """\
[game]
title = "Two sides and a prize"

[[players]]
name = "A"
strategies = ["x", "y"]

[[players]]
name = "B"
strategies = ["x", "y"]

[payoffs]
"x|x" = [0, 0]
"x|y" = [0, 0]
"y|x" = [0, 0]
"y|y" = [0, 0]

[bargaining]
player = "A"
prevail = 0.5
costs = { A = 0.1, B = 0.1 }
"""


def test_case_gains_against_the_temptation_to_renege():
    """At κ = 1 Pakistan gets 3 at the deal and 2 − (1/2 + 1/4) = 5/4 in the status quo: 7/4;
    Afghanistan 3 against 2 − (1 + 1/2) = 1/2: 5/2; together 17/4. Reneging: Pakistan strikes
    for 4 − 3/4 = 13/4, a gain of 1/4; Afghanistan tolerates for 4 − 3/2 = 5/2, a loss of 1/2.
    A range without transfers, and the failure is one of enforcement. At κ = 0: 1 + 1 = 2."""
    today = analyze_bargaining(CASE, 1).deal
    assert today is not None
    assert today.gains == (F(7, 4), F(5, 2)) and today.total == F(17, 4)
    assert today.temptations == (F(1, 4), F(-1, 2))
    assert today.kind == "without_transfers" and today.enforcement
    free = analyze_bargaining(CASE, 0).deal
    assert free is not None and free.total == 2


def test_case_deal_enforces_itself_from_four_thirds():
    """Pakistan's temptation 1 − 3κ/4 ≤ 0 iff κ ≥ 4/3; Afghanistan's 1 − 3κ/2 ≤ 0 iff κ ≥ 2/3."""
    deal = analyze_bargaining(CASE, 1).deal
    assert deal is not None
    assert deal.self_enforcing.intervals == (Interval(F(4, 3), True, None, False),)


def test_deadlock_has_no_range_until_costs_open_one():
    """Deadlock R 2 < P 3, conflict costing each side κ outside (C, C): each side's gain is
    2 − (3 − κ) = κ − 1, so no range up to κ = 1 (a tie gains nothing) and one above it."""
    deal = analyze_bargaining(load_game("deadlock"), 1).deal
    assert deal is not None
    assert deal.gains == (0, 0) and deal.kind == "none" and not deal.enforcement
    assert deal.opens.intervals == (Interval(F(1), False, None, False),)
    above = analyze_bargaining(load_game("deadlock"), 2).deal
    assert above is not None and above.gains == (1, 1) and above.kind == "without_transfers"


def test_fearons_textbook_range():
    """p = 1/2, c_A = c_B = 1/10: [1/2 − 1/10, 1/2 + 1/10] = [2/5, 3/5]."""
    assert fearon_range(F(1, 2), F(1, 10), F(1, 10)) == (F(2, 5), F(3, 5))
    result = analyze_bargaining(parse_game(NO_COMPROMISE))
    assert result.deal is None and result.section is not None
    assert (result.section.lo, result.section.hi, result.section.no_middle_ground) == (F(2, 5), F(3, 5), False)


def test_an_indivisible_issue_has_no_middle_ground():
    """Only all or nothing is feasible ([0, 1]); neither lies in [2/5, 3/5]. With 1/2 also
    feasible, a middle ground exists."""
    section = analyze_bargaining(parse_game(NO_COMPROMISE + "divisions = [0, 1]\n")).section
    assert section is not None and section.feasible == () and section.no_middle_ground
    section = analyze_bargaining(parse_game(NO_COMPROMISE + "divisions = [0, 0.5, 1]\n")).section
    assert section is not None and section.feasible == (F(1, 2),) and not section.no_middle_ground


def test_powells_condition_by_hand():
    """Declining side: q = 1/2 now, q' = 1/4 later, c = 1/10, δ = 9/10. Fighting now:
    (1/2 − 1/10)/(1/10) = 4. The most it can be promised: the whole prize today and its later
    value of fighting, 1 + (9/10)(1/4 − 1/10)/(1/10) = 1 + 27/20 = 47/20 < 4: war. In the
    closed form, q − q' = 1/4 > (1 − δ)(1 + c − q') = (1/10)(17/20) = 17/200. A smaller shift,
    q' = 9/20: 1/20 against (1/10)(1 + 1/10 − 9/20) = 13/200, covered: no war."""
    found = powell(F(1, 2), F(-1, 4), F(1, 10), F(1, 10), F(9, 10), 0)
    assert found is not None
    assert (found.war_value, found.most_promised, found.problem, found.declining) == (F(4), F(47, 20), True, 0)
    small = powell(F(1, 2), F(-1, 20), F(1, 10), F(1, 10), F(9, 10), 0)
    assert small is not None and not small.problem


def test_powell_names_the_side_that_declines():
    """A rises by 1/4: B declines from 1/2 to 1/4, with B's cost."""
    found = powell(F(1, 2), F(1, 4), F(1, 5), F(1, 10), F(9, 10), 0)
    assert found is not None and found.declining == 1
    assert (found.power_now, found.power_next, found.cost) == (F(1, 2), F(1, 4), F(1, 10))
    assert powell(F(1, 2), F(0), F(1, 10), F(1, 10), F(9, 10), 0) is None


def test_bundled_ttp_bargaining_and_the_shift_at_which_it_turns():
    """Pakistan p = 3/5, c = 1/10 and 1/5: range [1/2, 4/5]. Its power falls to 2/5 (δ = 9/10):
    fighting now (1/2)/(1/10) = 5 against 1 + 9(3/10) = 37/10: a commitment problem. Along
    the shift s: −s > (1/10)(1 + 1/10 − 3/5 − s) ⇔ −(9/10)s > 1/20 ⇔ s < −1/18."""
    section = analyze_bargaining(load_game("pakistan_afghanistan_ttp")).section
    assert section is not None and (section.lo, section.hi) == (F(1, 2), F(4, 5))
    assert section.commitment is not None and section.commitment.problem
    assert (section.commitment.war_value, section.commitment.most_promised) == (F(5), F(37, 10))
    shift = {f.name: f for f in section.followed}["shift: commitment problem"]
    assert shift.holds == (Interval(F(-3, 10), True, F(-1, 18), False),)


def test_a_game_without_compromise_or_section_is_refused():
    from sovgame.errors import SovgameError

    with pytest.raises(SovgameError, match="no \\[bargaining\\] table"):
        analyze_bargaining(parse_game(NO_COMPROMISE.split("[bargaining]")[0]))
