"""Costly reassurance (Kydd 2000, 2005): the separating signal costs on the case with types,
derived by hand."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame import load_game
from sovgame.core.intervals import Interval
from sovgame.errors import SovgameError
from sovgame.play.signals import analyze_signals

TYPES = load_game("pakistan_afghanistan_types")


def test_separating_costs_at_twice_todays_costs():
    """κ = 2. Pakistan restrains when it trusts (R 3 ≥ T 4 − 3/2) and strikes when it does not
    (S 1 − 1 = 0 < P 2 − 3/2). The seeker gets 3 trusted and max(1 − 3, 2 − 3) = −1 not: 4; the
    ally max(0, 4 − 3) = 1 trusted, max(−2 − 3, 2 − 3) = −1 not: 2. So c in [2, 4], and the
    ends as functions of κ are 2 and 1 + 3κ/2."""
    r = analyze_signals(TYPES, 2).at(F(2))
    assert r.range == (F(2), F(4))
    assert (r.gain_trustworthy, r.gain_untrustworthy) == (F(4), F(2))
    assert (r.lo_text, r.hi_text) == ("2", "1 + (3/2)κ")


def test_no_signal_helps_today():
    """κ = 1: Pakistan's Strike is dominant (R 3 < T 13/4), so trusting changes nothing."""
    r = analyze_signals(TYPES, 1).at(F(1))
    assert r.range is None and "Strike" in r.reason


def test_where_a_separating_signal_exists():
    """Pakistan restrains when trusting iff 3 ≥ 4 − 3κ/4 (κ ≥ 4/3) and strikes when not iff
    1 − κ/2 < 2 − 3κ/4 (κ < 4); the seeker values trust more (1 + 3κ/2 ≥ 2) from κ = 2/3.
    So [4/3, 4): reachable within the plausible [0, 2]."""
    exists = analyze_signals(TYPES, 2).exists
    assert exists.intervals == (Interval(F(4, 3), True, F(4), False),)
    assert exists.verdict == "reachable"


def test_a_signal_is_not_needed_at_the_files_prior():
    """At κ = 2 compromise holds for ally priors up to 1/2 without any signal; 2/5 is below."""
    result = analyze_signals(TYPES, 2)
    assert result.priors == Interval(F(0), True, F(1, 2), True) and not result.needed


def test_a_game_without_types_is_refused():
    with pytest.raises(SovgameError, match="two \\[\\[types\\]\\]"):
        analyze_signals(load_game("pakistan_afghanistan"), 2)
