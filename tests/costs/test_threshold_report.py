"""What a threshold report says besides the numbers: the plausible range it used, its notes,
the third parties of games of three or more players, and that its results stay as computed."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

import pytest

from sovgame import load_game, parse_game
from sovgame.costs.thresholds import compute_threshold, compute_thresholds

# Prisoner's Dilemma 3, 0, 5, 1 with one any-conflict cost of weight 1 and no plausible range:
# κ_NE = T − R = 2, attained (closed at 2); never unique (docs/models.md).
PD = """
[game]
title = "PD"
[[players]]
name = "Row"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "Column"
strategies = ["C", "D"]
compromise = "C"
[payoffs]
"C|C" = [3, 3]
"C|D" = [0, 5]
"D|C" = [5, 0]
"D|D" = [1, 1]
[[costs]]
name = "conflict"
incidence = "any_conflict"
weights = [1, 1]
"""


def test_without_a_plausible_range_verdicts_use_zero_to_one_and_say_so():
    report = compute_thresholds(parse_game(PD))
    assert report.plausible == (F(0), F(1)) and not report.plausible_given
    assert "the file gives no plausible range; verdicts use [0, 1] (up to today's costs)" in report.notes
    assert compute_threshold(parse_game(PD), "nash").verdict == report.thresholds["nash"].verdict
    with_range = compute_thresholds(load_game("prisoners_dilemma"))
    assert with_range.plausible == (F(0), F(2)) and with_range.plausible_given
    assert not any("no plausible range" in note for note in with_range.notes)


def test_a_model_without_costs_says_that_kappa_changes_nothing():
    report = compute_thresholds(parse_game(PD), costs=[])
    assert "no costs in the model: κ changes nothing" in report.notes
    assert report.thresholds["nash"].value is None  # D pays more against C at every κ
    assert not any("κ changes nothing" in note for note in compute_thresholds(parse_game(PD)).notes)


def test_the_threshold_values_and_whether_they_are_attained():
    report = compute_thresholds(parse_game(PD))
    nash, unique = report.thresholds["nash"], report.thresholds["unique"]
    assert nash.value == 2 and nash.attained  # at κ = 2 the deviation ties: (C, C) holds
    assert unique.value is None and not unique.attained
    strict = report.thresholds["strict"]
    assert strict.value == 2 and not strict.attained  # strictly only above 2


def test_results_stay_as_computed():
    report = compute_thresholds(parse_game(PD))
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.thresholds["nash"].value = F(0)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.plausible = (F(0), F(5))  # type: ignore[misc]


def test_a_single_strategy_player_is_named_and_third_parties_are_reported():
    # India fixed at one strategy: the 2x2x1 game is the 2x2 game of the other two.
    notes = compute_thresholds(load_game("scenario_india_engaged")).notes
    assert any(note.startswith("India has a single strategy: uniqueness, risk dominance") for note in notes)
    assert not any("single strategy" in note for note in compute_thresholds(load_game("pakistan_afghanistan")).notes)
    # Three players of two strategies: India is the third party, with a nash threshold of the
    # others for each of its strategies.
    report = compute_thresholds(load_game("pakistan_afghanistan_india"))
    assert [t.player for t in report.third_parties] == ["India"]
    assert len(report.third_parties[0].nash) == 2
    assert compute_thresholds(load_game("pakistan_afghanistan")).third_parties == ()


@pytest.mark.parametrize("incidence", ["own_confront", "any_conflict", "mutual_confront"])
@pytest.mark.parametrize("payoffs", ["3, 0, 5, 1", "4, 0, 3, 2", "3, 1, 4, 0"])
def test_one_criterion_alone_is_the_one_of_the_whole_report(incidence, payoffs):
    # Prisoner's Dilemma, Stag Hunt and Chicken (R, S, T, P) under each incidence: ties at the
    # thresholds (κ_NE = T − R is attained), where a unique threshold computed from a strict
    # Nash set instead of the weak one would differ.
    R, S, T, P = payoffs.split(", ")
    text = PD.replace('"C|C" = [3, 3]', f'"C|C" = [{R}, {R}]').replace('"C|D" = [0, 5]', f'"C|D" = [{S}, {T}]')
    text = text.replace('"D|C" = [5, 0]', f'"D|C" = [{T}, {S}]').replace('"D|D" = [1, 1]', f'"D|D" = [{P}, {P}]')
    game = parse_game(text.replace("any_conflict", incidence))
    report = compute_thresholds(game)
    for criterion, threshold in report.thresholds.items():
        assert compute_threshold(game, criterion) == threshold, criterion


def test_indias_engagement_raises_the_others_nash_threshold():
    # pakistan_afghanistan_india: with India holding back, the case game: Pakistan's strike
    # gains 4 − 3 = 1 at a load of 3/4 (κ ≥ 4/3), Afghanistan's toleration 4 − 3 = 1 at 3/2
    # (κ ≥ 2/3). With India engaged, Pakistan's restraint pays 2: the strike gains 2 (κ ≥ 8/3);
    # Afghanistan's toleration 4.5 − 3 = 3/2 at 3/2 (κ ≥ 1). India pays no costs and gains 1
    # by engaging against every profile of the others: engaging strictly dominates.
    (india,) = compute_thresholds(load_game("pakistan_afghanistan_india")).third_parties
    held, engaged = india.nash["Hold back"], india.nash["Engage Kabul"]
    assert held.value == F(4, 3) and held.binding == "Pakistan"
    assert held.per_player == {"Pakistan": F(4, 3), "Afghanistan": F(2, 3)}
    assert engaged.value == F(8, 3) and engaged.binding == "Pakistan"
    assert engaged.per_player == {"Pakistan": F(8, 3), "Afghanistan": F(1)}
    assert held.attained and engaged.attained  # at the threshold the strike ties: still a Nash equilibrium
    assert india.dominant == "Engage Kabul"


def test_a_never_threshold_is_not_attained_and_strictness_decides_risk_dominance_ends():
    # PD under mutual_confront: (C, C) is never an equilibrium (T − R = 2 costs nothing more).
    never = compute_thresholds(parse_game(PD.replace("any_conflict", "mutual_confront"))).thresholds["nash"]
    assert never.value is None and not never.attained and never.intervals == ()
    # Chicken (3, 1, 4, 0) under own_confront: (C, C) is strict for κ > 1 (T − R − κ < 0), and
    # (D, D) is never an equilibrium (confronting at D|D loses S − P + κ = 1 + κ > 0), so (C, C)
    # is risk-dominant exactly where it is strict: above 1, not at 1 (docs/models.md's table).
    chicken = PD.replace('"C|D" = [0, 5]', '"C|D" = [1, 4]').replace('"D|C" = [5, 0]', '"D|C" = [4, 1]')
    chicken = chicken.replace('"D|D" = [1, 1]', '"D|D" = [0, 0]').replace("any_conflict", "own_confront")
    risk = compute_thresholds(parse_game(chicken)).thresholds["risk_dominant"]
    assert risk.value == 1 and not risk.attained
