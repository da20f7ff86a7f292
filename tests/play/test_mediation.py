"""Mediation: correlated equilibria (textbook answers) and leverage (docs/models.md)."""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import load_game
from sovgame.cli import app
from sovgame.play.mediation import correlated_equilibrium, mediate, obedience_rows
from strategies import payoff_arrays


def test_chicken_welfare_maximising_correlated_equilibrium_is_a_third_each():
    result = mediate(load_game("chicken"), 0)  # the textbook game, costs not counted
    welfare = result.ce_welfare
    assert welfare.certified and welfare.value == F(16, 3)
    assert welfare.distribution == {(0, 0): F(1, 3), (0, 1): F(1, 3), (1, 0): F(1, 3)}
    # Against the best Nash equilibrium (a pure one, total 5): recommendation adds 1/3.
    assert result.best_nash_welfare == 5


def test_prisoners_dilemma_only_correlated_equilibrium_is_mutual_defection():
    result = mediate(load_game("prisoners_dilemma"), 0)
    assert result.ce_target.value == 0 and result.ce_target.certified
    assert result.ce_welfare.distribution == {(1, 1): F(1)}


def test_case_game_transfers_fall_as_models_says():
    case = load_game("pakistan_afghanistan")
    for kappa in (F(0), F(1, 3), F(2, 3), F(1), F(4, 3), F(2)):
        result = mediate(case, kappa)
        assert result.transfers["Pakistan"] == max(F(0), 1 - F(3, 4) * kappa)
        assert result.transfers["Afghanistan"] == max(F(0), 1 - F(3, 2) * kappa)
    assert mediate(case, 0).transfers == {"Pakistan": 1, "Afghanistan": 1}
    # Guarantees insure against exploitation: P − S = 2 − 1 for both at κ = 0.
    assert mediate(case, 0).guarantees == {"Pakistan": 1, "Afghanistan": 1}
    # The default is today's costs: 1 − 3/4 = 1/4 for Pakistan, none for Afghanistan.
    assert mediate(case).kappa == 1 and mediate(case).transfers == {"Pakistan": F(1, 4), "Afghanistan": 0}


def test_recommendation_alone_suffices_from_the_nash_threshold():
    result = mediate(load_game("pakistan_afghanistan"))
    assert result.recommendation_suffices.value == F(4, 3)
    at_threshold = mediate(load_game("pakistan_afghanistan"), F(4, 3))
    assert at_threshold.ce_target.value == 1


def test_mediator_budget_from_the_file():
    result = mediate(load_game("pakistan_afghanistan_mediation"), F(1))
    assert result.budget == F(1, 10) and result.total_transfers == F(1, 4)
    assert result.mediator == "Turkey and Qatar"


@settings(max_examples=30, deadline=None)
@given(st.tuples(*[st.integers(2, 3)] * 3).flatmap(payoff_arrays))
def test_every_lp_answer_obeys_the_constraints_exactly_on_random_games(payoffs):
    shape = payoffs.shape[:-1]
    welfare = np.array([sum(payoffs[s]) for s in np.ndindex(*shape)], dtype=object)
    ce = correlated_equilibrium(payoffs, welfare)
    assert ce.certified
    p = [ce.distribution.get(s, F(0)) for s in np.ndindex(*shape)]
    assert sum(p) == 1
    for row in obedience_rows(payoffs):
        assert sum(r * v for r, v in zip(row, p)) <= 0


def test_mediate_json(runner):
    result = runner.invoke(app, ["mediate", "chicken", "--kappa", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ce_max_target_probability"] == pytest.approx(1 / 3)
    assert data["ce_max_welfare"]["welfare"] == pytest.approx(16 / 3)
    assert data["ce_max_welfare"]["distribution"] == pytest.approx(
        {"Swerve|Swerve": 1 / 3, "Swerve|Straight": 1 / 3, "Straight|Swerve": 1 / 3}
    )
    assert data["best_nash_welfare"] == 5
    assert data["transfers"] == {"Row": "1", "Column": "1"}
    assert data["guarantees"] == {"Row": "0", "Column": "0"}


def test_an_uncertified_optimum_is_never_shown_as_exact(monkeypatch):
    """When no dual proves the optimum, the rebuilt fractions are a feasible point, not the
    proved maximum: the views show the value as ≈ a decimal, and the value of recommendation
    is a float. (Chicken at κ = 0: the certified optimum is 16/3, best Nash 5; above.)"""
    from sovgame.play import mediation
    from sovgame.present.play import mediation_sections

    monkeypatch.setattr(mediation, "_exact_dual", lambda *args: False)
    result = mediate(load_game("chicken"), 0)
    assert not result.ce_welfare.certified and not result.ce_target.certified
    assert isinstance(result.value_of_recommendation, float)
    assert result.value_of_recommendation == pytest.approx(1 / 3)
    table = mediation_sections(result)[0]
    assert [row[1] for row in table.rows] == ["≈0.333333", "≈5.33333"]
    assert all("≈" in line for line in table.lines[:2])
    data = result.to_dict()
    assert data["ce_max_target_exact"] is None and data["ce_max_welfare"]["exact"] is None
