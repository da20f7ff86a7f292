"""Limited capacity as a chance move: expected payoffs and cost loads, and the case's
equilibrium threshold as a function of the success probability q (docs/models.md)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from cases import CASE_TOML, MOVES_TOML
from sovgame import parse_game
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.sections.capacity import Capacity, LimitedCapacity, at_success, capacity_of, mix, stated
from support import only_problem, problems

KABUL = (1, 0)  # Afghanistan's "Constrain TTP"


def test_expected_payoffs_and_cost_loads_by_hand():
    case = parse_game(MOVES_TOML)
    game = case.game
    q = F(3, 5)
    # (Restrain, Constrain): Pakistan 3 with probability q, else 1 (Restrain|Tolerate);
    # Afghanistan 3, else 4. Cost loads: Pakistan 0, else 1/2; Afghanistan 0, else 3/2.
    assert tuple(game.payoffs[0, 0]) == (3 * q + 1 * (1 - q), 3 * q + 4 * (1 - q)) == (F(11, 5), F(17, 5))
    assert tuple(game.cost_load()[0, 0]) == (F(1, 2) * (1 - q), F(3, 2) * (1 - q))
    # (Strike, Constrain): 4 else 2 for Pakistan, whose load is 3/4 either way.
    assert game.payoffs[1, 0, 0] == 4 * q + 2 * (1 - q) and game.cost_load()[1, 0, 0] == F(3, 4)
    # Outcomes where Kabul tolerates are as the file states them.
    assert (game.payoffs[:, 1] == stated(case).payoffs[:, 1]).all()
    assert stated(case).payoffs[0, 0, 0] == 3 and stated(case) is case.section(LimitedCapacity).stated
    # The expected game's costs are exposure tables of the mixed exposure; the stated ones as written.
    assert [c.incidence for c in stated(case).costs] == ["any_conflict", "any_conflict", "own_confront"]
    assert {c.incidence for c in game.costs} == {"custom"} and game.costs[0].exposure[(0, 0)] == ((1 - q), (1 - q))


@pytest.mark.parametrize("q", [F(1), F(3, 4), F(3, 5), F(1, 2), F(1, 3), F(1, 10)])
def test_case_threshold_is_one_over_a_quarter_plus_half_q(q):
    """Hand derivation (docs/models.md, "Capacity"): Pakistan restrains against a
    constraining Kabul iff q(3κ/4 − 1) + (1 − q)(κ/4 − 1) ≥ 0 ⇔ κ ≥ 1/(1/4 + q/2); Kabul's
    own deviation gains q·(4 − 3) − κ·q·3/2, so its threshold stays 2/3 for every q > 0."""
    case = at_success(parse_game(CASE_TOML), {KABUL: q})
    nash = compute_thresholds(case).thresholds["nash"]
    assert nash.value == 1 / (F(1, 4) + q / 2) and nash.attained
    assert nash.per_player == {"Pakistan": 1 / (F(1, 4) + q / 2), "Afghanistan": F(2, 3)}
    assert nash.binding == "Pakistan"
    # Beyond the plausible top 2 exactly when q < 1/2.
    assert nash.verdict == (Verdict.BEYOND if q < F(1, 2) else Verdict.REACHABLE)


def test_at_success_replaces_the_files_q():
    case = parse_game(MOVES_TOML)
    full = at_success(case, {KABUL: F(1)})
    assert (full.game.payoffs == stated(case).payoffs).all()
    assert [e.success for e in capacity_of(full)] == [F(1)]
    assert compute_thresholds(full).thresholds["nash"].value == F(4, 3)


def test_mix_on_floats_per_sample_matches_exact():
    game = parse_game(CASE_TOML).game
    entry = Capacity(1, 0, F(1, 2), 1)
    qs = np.array([0.25, 0.5, 1.0])
    floats = np.repeat(np.array(game.payoffs, dtype=float)[None], 3, axis=0)
    mixed = mix(floats, [entry], [qs.reshape(3, 1, 1)], offset=1)
    for k, q in enumerate([F(1, 4), F(1, 2), F(1)]):
        exact = mix(game.payoffs, [Capacity(1, 0, q, 1)])
        assert np.array_equal(mixed[k], np.array(exact, dtype=float))


def test_every_analysis_works_on_the_expected_payoffs():
    """With q = 3/5 compromise becomes an equilibrium at 1/(1/4 + 3/10) = 20/11: the regimes of
    sweep change there, and solve finds it at κ = 2 but not at κ = 3/2."""
    from sovgame.costs.regimes import sweep
    from sovgame.solvers.equilibria import solve

    case = parse_game(MOVES_TOML)
    assert F(20, 11) in sweep(case).breakpoints
    assert (0, 0) in solve(case, 2).pure_profiles and (0, 0) not in solve(case, F(3, 2)).pure_profiles


# --- reading [[capacity]] ------------------------------------------------------------------------


def capacity(body: str) -> str:
    return CASE_TOML + "\n[[capacity]]\n" + body


def test_capacity_problems_name_their_keys():
    assert only_problem(capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0\n')) == (
        "capacity[0].success: is 0; it must satisfy 0 < success <= 1"
    )
    assert only_problem(capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\n')).startswith(
        "capacity[0].success: missing"
    )
    found = only_problem(capacity('player = "Afghanistn"\nstrategy = "Constrain TTP"\nsuccess = 0.5\n'))
    assert (
        found.startswith("capacity[0].player: 'Afghanistn' is not a player") and "did you mean 'Afghanistan'" in found
    )
    found = only_problem(capacity('player = "Afghanistan"\nstrategy = "Constrain"\nsuccess = 0.5\n'))
    assert found.startswith("capacity[0].strategy: 'Constrain' is not a strategy of Afghanistan")
    found = only_problem(
        capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.5\nfallback = "Constrain TTP"\n')
    )
    assert found.startswith("capacity[0].fallback: is the strategy itself")
    found = only_problem(
        capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.5\nsuccess_range = [0.6, 0.9]\n')
    )
    assert found == "capacity[0].success_range: is [3/5, 9/10], which does not contain the stated success 1/2"


def test_capacity_fallback_is_required_beyond_two_strategies_and_may_not_be_limited_itself():
    three = CASE_TOML.replace(
        'strategies = ["Restrain strikes", "Strike"]', 'strategies = ["Restrain strikes", "Strike", "Campaign"]'
    ).replace(
        '"Strike|Tolerate TTP"            = [2, 2]',
        '"Strike|Tolerate TTP" = [2, 2]\n"Campaign|Constrain TTP" = [1, 1]\n"Campaign|Tolerate TTP" = [1, 1]',
    )
    found = only_problem(three + '\n[[capacity]]\nplayer = "Pakistan"\nstrategy = "Strike"\nsuccess = 0.5\n')
    assert found == "capacity[0].fallback: missing; name the strategy of Pakistan a failed attempt leaves"
    both = (
        '[[capacity]]\nplayer = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.5\n'
        '[[capacity]]\nplayer = "Afghanistan"\nstrategy = "Tolerate TTP"\nsuccess = 0.5\n'
    )
    found = problems(CASE_TOML + "\n" + both)
    assert (
        "capacity[0].fallback: has a capacity of its own; a failed attempt must leave a strategy that always succeeds"
        in found
    )
