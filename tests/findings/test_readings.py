"""The case under its declared readings, every figure derived by hand (docs/models.md, "Readings")."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame import load_game
from sovgame.costs.verdicts import Verdict
from sovgame.findings.readings import AS_STATED, analyze_readings


@pytest.fixture(scope="module")
def readings():
    found = analyze_readings(load_game("pakistan_afghanistan"))
    assert found is not None
    return found


def test_the_case_declares_conditional_strikes_and_deadlock(readings):
    assert readings.stated.name == AS_STATED
    assert [o.name for o in readings.readings] == ["conditional strikes", "deadlock"]
    assert all(o.reading is not None and o.reading.reason and o.reading.source for o in readings.readings)


def test_conditional_strikes(readings):
    """Pakistan's T = 5/2 < R = 3. Compromise: Pakistan's own condition (5/2 − 3)/(3/4) < 0
    holds at every κ ≥ 0; Afghanistan's (4 − 3)/(3/2) = 2/3; so from 2/3, holding today, with
    Afghanistan binding. The status quo still ends above 4 (Pakistan's S − P and loads are as
    stated). At κ = 1 the payoffs are Pakistan 3, 1/2, 7/4, 5/4 and Afghanistan 3, 5/2, −1/2,
    1/2 at (R,C), (R,T), (S,C), (S,T): both pure diagonals are equilibria, and a mixed one
    where Pakistan restrains with p making Afghanistan indifferent, 3p − (1 − p)/2 =
    5p/2 + (1 − p)/2 ⇔ p = 2/3, and Afghanistan constrains with q making Pakistan indifferent,
    3q + (1 − q)/2 = 7q/4 + 5(1 − q)/4 ⇔ q = 3/8. Grades: security_dilemma's second test asks
    for "no middle ground" (a Deadlock, R < P for both), which Afghanistan's R 3 > P 2 denies
    under this reading too: not supported. ideology is tested on the types file, which a
    reading of this file does not change: not testable here, and named with the other files."""
    (o,) = [r for r in readings.readings if r.name == "conditional strikes"]
    assert o.entry is not None and o.exit is not None and o.scorecard is not None
    assert (o.entry.value, o.entry.attained, o.entry.verdict, o.entry.binding) == (
        F(2, 3),
        True,
        Verdict.HOLDS_TODAY,
        "Afghanistan",
    )
    assert (o.exit.value, o.exit.verdict) == (F(4), Verdict.BEYOND)
    strategies = [e.strategies for e in o.today.equilibria]
    assert ((F(1), F(0)), (F(1), F(0))) in strategies and ((F(0), F(1)), (F(0), F(1))) in strategies
    assert ((F(2, 3), F(1, 3)), (F(3, 8), F(5, 8))) in strategies and len(strategies) == 3
    grades = {r.claim.id: r.grade.value for r in o.scorecard.results}
    assert grades["ideology"] == "not_testable" and grades["security_dilemma"] == "not_supported"
    # The types, mediation, repeated-play and scenario files are not changed by a reading: said so.
    assert set(o.other_files) == {"ideology", "no_leverage", "cycles", "scenarios"}


def test_deadlock(readings):
    """R = 2 < P = 3 for both. Compromise: Pakistan (4 − 2)/(3/4) = 8/3, Afghanistan
    (4 − 2)/(3/2) = 4/3: from 8/3, beyond the top 2, Pakistan binding. The status quo: Pakistan
    leaving it gains 1 − 3 + κ/4 ≤ 0 ⇔ κ ≤ 8; Afghanistan's gain 1 − 3 never turns: ends
    above 8, beyond. Today only (Strike, Tolerate TTP): Strike dominates for Pakistan
    (13/4 > 2, 9/4 > 1/2) and Afghanistan answers Strike with Tolerate (3/2 > −1/2)."""
    (o,) = [r for r in readings.readings if r.name == "deadlock"]
    assert o.entry is not None and o.exit is not None
    assert (o.entry.value, o.entry.verdict, o.entry.binding) == (F(8, 3), Verdict.BEYOND, "Pakistan")
    assert (o.exit.value, o.exit.verdict, o.exit.binding) == (F(8), Verdict.BEYOND, "Pakistan")
    assert [e.pure_profile() for e in o.today.equilibria] == [(1, 1)]


def test_both_readings_change_a_verdict_of_the_file(readings):
    """As stated: exit beyond (4), entry reachable (4/3), only equilibrium beyond (4). Conditional
    strikes moves the entry to holds today, deadlock to beyond."""
    assert readings.stated.verdicts == (Verdict.BEYOND, Verdict.REACHABLE, Verdict.BEYOND)
    assert [o.name for o in readings.changing()] == ["conditional strikes", "deadlock"]


def test_a_file_without_readings_has_none():
    assert analyze_readings(load_game("prisoners_dilemma")) is None
