"""Trust (Kydd 1997, 2005): the case's thresholds at κ = 1 and 2, the Stag Hunt's 2/3, and
Kydd's cooperative equilibrium with greedy types, each against a hand derivation."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from cases import CASE_TOML, MOVES_TOML
from sovgame import load_game, parse_game
from sovgame.core.intervals import Interval
from sovgame.errors import ParameterError
from sovgame.play.bayesian import bayesian_game, solve_bayesian
from sovgame.play.trust import (
    BeliefSet,
    belief_set,
    compromise_holds,
    compromise_threshold,
    prior_range,
    trust_functions,
    type_rstp,
    with_prior,
)

CASE = parse_game(CASE_TOML)
#: The case with Kabul's types (a TTP ally whose constraining is worse by 3), full capacity.
TYPES = parse_game(MOVES_TOML.split("[[capacity]]")[0] + "[[types]]" + MOVES_TOML.split("[[types]]", 1)[1])


def beliefs(game, kappa):
    bg = bayesian_game(game)
    return {
        (bg.game.players[p].name, t.name): belief_set(type_rstp(bg, t), F(kappa)) for p in range(2) for t in bg.types[p]
    }


def test_case_trust_thresholds_today_and_at_twice_todays_costs():
    """At κ = 1 Pakistan has R 3, S 1/2, T 13/4, P 5/4: R < T and S < P, so 'Strike' is
    dominant and no belief suffices; Kabul has R 3, S −1/2, T 5/2, P 1/2: p* = (1/2 + 1/2) /
    ((3 − 5/2) + 1) = 2/3. At κ = 2 Pakistan: R 3, S 0, T 5/2, P 1/2: p* = (1/2)/(1/2 + 1/2)
    = 1/2; Kabul: R 3, S −2, T 1, P −1: p* = 1/(2 + 1) = 1/3."""
    today, doubled = beliefs(CASE, 1), beliefs(CASE, 2)
    assert today[("Pakistan", "(one type)")] == (BeliefSet.NONE, None)
    assert today[("Afghanistan", "(one type)")] == (BeliefSet.AT_LEAST, F(2, 3))
    assert doubled[("Pakistan", "(one type)")] == (BeliefSet.AT_LEAST, F(1, 2))
    assert doubled[("Afghanistan", "(one type)")] == (BeliefSet.AT_LEAST, F(1, 3))


def test_case_trust_thresholds_as_functions_of_kappa():
    """Pakistan: R − T = 3κ/4 − 1 and S − P = κ/4 − 1, so none below 4/3, p* = (1 − κ/4)/(κ/2)
    = (4 − κ)/(2κ) on [4/3, 4), compromise weakly dominant from 4. Kabul: R − T = 3κ/2 − 1,
    S − P = −1: none below 2/3, then p* = 1/(3κ/2) = 2/(3κ)."""
    pakistan, kabul = trust_functions(CASE)
    assert [(str(p.interval), p.kind) for p in pakistan.pieces] == [
        ("[0, 4/3)", BeliefSet.NONE),
        ("[4/3, 4)", BeliefSet.AT_LEAST),
        ("[4, ∞)", BeliefSet.EVERY),
    ]
    assert pakistan.pieces[1].threshold.text() == "(4 − κ)/(2κ)"
    for kappa in (F(4, 3), F(2), F(3)):
        assert pakistan.pieces[1].threshold.at(kappa) == (4 - kappa) / (2 * kappa)
    assert [(str(p.interval), p.kind) for p in kabul.pieces] == [
        ("[0, 2/3)", BeliefSet.NONE),
        ("[2/3, ∞)", BeliefSet.AT_LEAST),
    ]
    assert kabul.pieces[1].threshold.text() == "2/(3κ)"


def test_stag_hunt_trust_threshold_is_two_thirds():
    """Kydd's assurance game with R, S, T, P = 4, 0, 3, 2 (docs/models.md): p* = (P − S) /
    ((R − T) + (P − S)) = 2/(1 + 2) = 2/3, costs not counted."""
    for kind, p in beliefs(load_game("stag_hunt"), 0).values():
        assert (kind, p) == (BeliefSet.AT_LEAST, F(2, 3))


KYDD = """
[game]
title = "Kydd: security seekers and greedy types"
[[players]]
name = "Row"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "Column"
strategies = ["C", "D"]
compromise = "C"
[payoffs]
"C|C" = [4, 4]
"C|D" = [0, 3]
"D|C" = [3, 0]
"D|D" = [2, 2]
[[types]]
player = "Row"
name = "seeker"
prior = "3/4"
[[types]]
player = "Row"
name = "greedy"
prior = "1/4"
payoffs = { "C|C" = 3, "D|C" = 5 }
[[types]]
player = "Column"
name = "seeker"
prior = "3/4"
[[types]]
player = "Column"
name = "greedy"
prior = "1/4"
payoffs = { "C|C" = 3, "C|D" = 5 }
"""


def test_kydd_cooperation_needs_the_greedy_prior_at_most_one_third():
    """Security seekers have Stag Hunt payoffs (p* = 2/3); greedy types a Prisoner's Dilemma
    (R 3 < T 5, S 0 < P 2: defecting dominant). Seekers cooperate and greedy types defect in
    equilibrium iff each side's seekers believe the other cooperates with probability
    1 − g ≥ 2/3, i.e. the greedy prior g ≤ 1/3 (Kydd 1997)."""
    case = parse_game(KYDD)
    bg = bayesian_game(case)
    assert compromise_holds(bg, F(0))
    assert prior_range(case, 0, "greedy", 0).interval == Interval(F(0), True, F(1, 3), True)
    assert compromise_holds(with_prior(bg, 0, 1, F(1, 3)), F(0))
    assert not compromise_holds(with_prior(bg, 0, 1, F(1, 2)), F(0))
    cooperative = ((F(1), F(0)), (F(0), F(1)))
    assert (cooperative, cooperative) in {e.behaviour for e in solve_bayesian(case, 0).equilibria}
    at_half = solve_bayesian(with_prior(bg, 0, 1, F(1, 2)), 0).equilibria
    assert (cooperative, cooperative) not in {e.behaviour for e in at_half}


def test_case_with_a_ttp_ally_type():
    """Kabul is a TTP ally with prior 2/5 (constraining costs it 3 more: 'Tolerate' is dominant
    below κ = 8/3). Pakistan believes Kabul constrains with probability 3/5 at most, so
    compromise is an equilibrium outcome iff 3/5 ≥ (4 − κ)/(2κ) ⇔ κ ≥ 4/(3 − 4/5) = 20/11, and
    at κ = 2 iff the ally prior is at most 1 − 1/2 = 1/2. At κ = 1 no prior helps: Pakistan's
    'Strike' is dominant."""
    t = compromise_threshold(TYPES)
    assert t.intervals == (Interval(F(20, 11), True, None),)
    at_top = prior_range(TYPES, 1, "ttp_ally", 2)
    assert at_top.interval == Interval(F(0), True, F(1, 2), True) and not at_top.above
    assert at_top.formula.text() == "(3κ − 4)/(2κ)" and at_top.formula.at(F(2)) == F(1, 2)
    today = prior_range(TYPES, 1, "ttp_ally", 1)
    assert today.interval is None and "Pakistan" in today.reason
    assert prior_range(with_prior(bayesian_game(TYPES), 1, 1, F(3, 5)), 1, "ttp_ally", 2).above


def test_case_bayesian_equilibria_at_twice_todays_costs():
    """κ = 2: the ally always tolerates. Pure: (Restrain; seeker constrains) since Pakistan's
    belief 3/5 ≥ 1/2 and Kabul's 1 ≥ 1/3; and the status quo. Mixed: Pakistan is indifferent
    when 3/5·σ = 1/2 (σ = 5/6, the seeker's chance of constraining) and the seeker when
    Pakistan restrains with probability 1/3."""
    found = {e.behaviour for e in solve_bayesian(TYPES, 2).equilibria}
    C, T = (F(1), F(0)), (F(0), F(1))
    assert found == {((C,), (C, T)), ((T,), (T, T)), (((F(1, 3), F(2, 3)),), ((F(5, 6), F(1, 6)), T))}


def test_unknown_type_names_the_parameter():
    with pytest.raises(ParameterError) as info:
        prior_range(TYPES, 1, "ally", 1)
    assert info.value.parameter == "type_name"
