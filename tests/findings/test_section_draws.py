"""The ranged section numbers drawn by ``robust``: reproducible with a seed, within their
ranges, and each draw's grade or verdict the one the hand derivation gives for its values."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from sovgame import load_case
from sovgame.findings.section_draws import MAX_DRAWS, draw_sections, may_draw
from support import invoke


@pytest.fixture(scope="module")
def india():
    return load_case("scenario_india_engaged")


def test_the_same_seed_gives_the_same_draws_and_another_seed_others(india):
    a, b, c = draw_sections(india, 60, 5), draw_sections(india, 60, 5), draw_sections(india, 60, 6)
    assert a is not None and b is not None and c is not None
    assert a.values == b.values and a.json_data() == b.json_data()
    assert a.values != c.values
    # A shorter run is not asked for more draws than it has samples; a long one is capped.
    assert a.samples == 60 and draw_sections(india, 10**6, 5).samples == MAX_DRAWS


def test_every_draw_lies_within_its_declared_range_on_the_exact_grid(india):
    result = draw_sections(india, 80, 3)
    assert [d.key for d in result.drawn] == ["effect:india_on_restraint", "effect:india_on_tolerance"]
    for row in result.values:
        for x, d in zip(row, result.drawn):
            lo, hi = d.range
            assert isinstance(x, Fraction) and lo <= x <= hi
            assert ((x - lo) / (hi - lo) * 2**16).denominator == 1


def test_each_draw_s_verdict_is_the_hand_derived_one(india):
    # With India engaged, κ_NE = max(4(1 - e)/3, 2(1 + f)/3) for Pakistan's effect e in [-1, 0]
    # and Afghanistan's f in [0, 1] (Pakistan's Strike gains 1 - e - 3κ/4 at compromise,
    # Afghanistan's Tolerate 1 + f - 3κ/2). Pakistan's is the larger throughout (4(1 - e)/3 >=
    # 4/3 >= 2(1 + f)/3), so the verdict is beyond iff 4(1 - e)/3 > 2, i.e. e < -1/2, else
    # reachable (never holds today: 4(1 - e)/3 >= 4/3 > 1).
    result = draw_sections(india, 120, 9)
    (nash,) = [s for s in result.subjects if s.subject == "nash"]
    beyond = sum(1 for e, _ in result.values if e < Fraction(-1, 2))
    assert nash.at_file == "beyond"
    assert nash.counts.get("beyond", 0) == beyond == nash.kept
    assert nash.counts.get("reachable", 0) == len(result.values) - beyond


def test_the_case_s_claims_survive_as_their_thresholds_say():
    # no_leverage: supported iff the mediator's budget b < 1/4 (the transfer compromise needs
    # per period at κ = 1: Pakistan's temptation 13/4 - 3); scenarios: supported iff India's
    # effect e < -1/2 (above); both read only their own number.
    result = draw_sections(load_case("pakistan_afghanistan"), 100, 2)
    keys = [d.key for d in result.drawn]
    budget = keys.index("pakistan_afghanistan_mediation:mediator.budget")
    effect = keys.index("pakistan_afghanistan_india:effect:india_on_restraint")
    by_subject = {s.subject: s for s in result.subjects}
    assert by_subject["claim:no_leverage"].kept == sum(1 for row in result.values if row[budget] < Fraction(1, 4))
    assert by_subject["claim:scenarios"].kept == sum(1 for row in result.values if row[effect] < Fraction(-1, 2))


def test_a_file_with_nothing_ranged_draws_nothing():
    chicken = load_case("chicken")
    assert not may_draw(chicken) and draw_sections(chicken, 100) is None


def test_robust_json_says_what_was_drawn_and_over_which_ranges(runner):
    result = invoke(runner, "robust", "scenario_india_engaged", "--samples", "50", "--seed", "4", "--format", "json")
    assert result.exit_code == 0, result.stderr
    sections = json.loads(result.stdout)["sections"]
    assert sections["samples"] == 50 and sections["seed"] == 4
    assert {d["number"]: d["range"] for d in sections["drawn"]} == {
        "effect:india_on_restraint": ["-1", "0"],
        "effect:india_on_tolerance": ["0", "1"],
    }
    assert {s["subject"] for s in sections["subjects"]} >= {"nash", "unique"}
    plain = invoke(runner, "robust", "chicken", "--samples", "50", "--format", "json")
    assert plain.exit_code == 0 and "sections" not in json.loads(plain.stdout)
    table = invoke(runner, "robust", "scenario_india_engaged", "--samples", "50")
    assert "draws of the sections' declared ranges" in table.stdout


def test_the_number_of_section_draws_is_the_users_to_choose(runner):
    few = invoke(runner, "robust", "scenario_india_engaged", "--samples", "50", "--section-draws", "7", "-f", "json")
    assert few.exit_code == 0, few.stderr
    assert json.loads(few.stdout)["sections"]["samples"] == 7
    none = invoke(runner, "robust", "scenario_india_engaged", "--samples", "50", "--section-draws", "0", "-f", "json")
    assert none.exit_code == 0 and "sections" not in json.loads(none.stdout)
    negative = invoke(runner, "robust", "scenario_india_engaged", "--section-draws", "-1")
    assert negative.exit_code == 2 and "--section-draws" in negative.stderr
