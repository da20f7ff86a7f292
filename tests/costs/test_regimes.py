"""Regimes of the equilibrium set over κ on the bundled India games: every change point listed
(three players too), and a player with a single strategy set aside so that a 2x2x1 game is
solved as the 2x2 game it is, mixed equilibria included.

The expected values are derived by hand from the payoffs and cost loads written out in
games/pakistan_afghanistan_india.toml (scenario_india_engaged fixes India at "Engage Kabul").
With India engaged, at cost level κ (Pakistan, Afghanistan):

    Restrain|Constrain (2, 3)              Restrain|Tolerate (−κ/2, 9/2 − 3κ/2)
    Strike|Constrain   (4 − 3κ/4, 1 − 3κ/2) Strike|Tolerate  (2 − 3κ/4, 5/2 − 3κ/2)

(Restrain, Constrain) is an equilibrium for κ ≥ 8/3 (Pakistan: 2 ≥ 4 − 3κ/4; Afghanistan:
3 ≥ 9/2 − 3κ/2 from κ ≥ 1), (Strike, Tolerate) for κ ≤ 8 (Pakistan: 2 − 3κ/4 ≥ −κ/2;
Afghanistan prefers Tolerate by 3/2 against Strike at every κ).
"""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game, solve
from sovgame.core.intervals import Root
from sovgame.costs.regimes import equilibrium_breakpoints, polynomial_roots, structure, sweep
from sovgame.costs.thresholds import compute_thresholds

R_C, S_T = ((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1)))
ENGAGED = (F(1),)


def test_sweep_lists_both_change_points_of_the_three_player_game():
    # Full game: India engages at every κ (strictly dominant), so the regimes are those of the
    # engaged 2x2 game: (Strike, Tolerate) alone below 8/3, both pure equilibria up to 8,
    # (Restrain, Constrain) alone above 8. The change at 8/3 used to be dropped.
    result = sweep(load_game("pakistan_afghanistan_india"))
    assert list(result.breakpoints) == [F(8, 3), F(8)]
    pure = [sorted(r.solution.pure_profiles) for r in result.regimes]
    assert pure[0] == [(1, 1, 1)] and pure[-1] == [(0, 0, 1)]
    assert all(p == [(0, 0, 1), (1, 1, 1)] for p in pure[1:-1])


def test_every_regime_differs_from_its_neighbours_and_starts_at_a_listed_change():
    for name in ("pakistan_afghanistan_india", "scenario_india_engaged", "pakistan_afghanistan_escalation"):
        result = sweep(load_game(name))
        for before, after in zip(result.regimes, result.regimes[1:]):
            assert structure(before.solution) != structure(after.solution), name
        starts = [r.lo for r in result.regimes[1:]]  # a point and the gap after it share one
        assert sorted(set(starts)) == list(result.breakpoints), name


def test_a_single_strategy_player_is_set_aside_and_the_mixed_equilibrium_found():
    # κ = 4: payoffs (2, 3), (−2, −3/2), (1, −5), (−1, −7/2). Both diagonal profiles are strict
    # equilibria, so there is a mixed one: Afghanistan is indifferent when Pakistan restrains
    # with p: 3p − 5(1 − p) = −3p/2 − 7(1 − p)/2, p = 1/4; Pakistan when Afghanistan constrains
    # with q: 2q − 2(1 − q) = q − (1 − q), q = 1/2. India's payoff there (2, 3, 3, 4 at the four
    # outcomes): (1/4)(5/2) + (3/4)(7/2) = 13/4; Pakistan's 4q − 2 = 0, Afghanistan's 8p − 5 = −3.
    solution = solve(load_game("scenario_india_engaged"), 4)
    assert solution.complete is True and solution.method == "exact vertex enumeration"
    strategies = {e.strategies for e in solution.equilibria}
    mixed = ((F(1, 4), F(3, 4)), (F(1, 2), F(1, 2)), ENGAGED)
    assert strategies == {R_C + (ENGAGED,), S_T + (ENGAGED,), mixed}
    (eq,) = [e for e in solution.equilibria if not e.pure]
    assert eq.payoffs == (F(0), F(-3), F(13, 4))
    assert solution.notes[0].startswith("India has a single strategy ('Engage Kabul'): solved as the 2-player game")


def test_the_engaged_scenario_sweeps_as_a_two_player_game():
    result = sweep(load_game("scenario_india_engaged"))
    assert list(result.breakpoints) == [F(8, 3), F(8)]
    assert not any(note.startswith("3+ players") for note in result.notes)
    middle = next(r for r in result.regimes if not r.is_point and r.lo == F(8, 3))
    assert middle.hi == F(8) and middle.solution.complete and len(middle.solution.equilibria) == 3
    # The same candidates as the 2x2 game: pairwise ties only (a 2x2 game has no others).
    assert equilibrium_breakpoints(load_game("scenario_india_engaged").game) == [F(0), F(1), F(8, 3), F(8)]


def test_thresholds_of_the_engaged_scenario_are_those_of_its_2x2_game():
    report = compute_thresholds(load_game("scenario_india_engaged"))
    t = report.thresholds
    assert (t["nash"].value, t["nash"].binding) == (F(8, 3), "Pakistan")
    # Unique from 8 on, not at 8 (Strike, Tolerate is still an equilibrium there): above 8
    # Restrain strictly dominates for Pakistan (−κ/2 > 2 − 3κ/4), then Constrain is the reply.
    assert (t["unique"].value, t["unique"].attained, t["unique"].defined) == (F(8), False, True)
    # Risk dominance, now defined: (3κ/4 − 2)(3κ/2 − 3/2) > (2 − κ/4)(3/2) ⇔ 9κ²/8 − 15κ/4 > 0
    # ⇔ κ > 10/3 (both strict there: 10/3 > 8/3 and < 8).
    assert (t["risk_dominant"].value, t["risk_dominant"].attained) == (F(10, 3), False)
    # Grim trigger at κ = 0 against (Strike, Tolerate): Pakistan (4 − 2)/(4 − 2) = 1,
    # Afghanistan (9/2 − 3)/(9/2 − 5/2) = 3/4.
    assert report.repeated.points[0].delta_star == {"Pakistan": F(1), "Afghanistan": F(3, 4)}
    assert any("India has a single strategy" in note for note in report.notes)


def test_polynomial_roots_are_exact_or_certified():
    # (κ − 1/2)(κ² − 2)²(κ + 3): 1/2 exactly, √2 once (a double root), nothing negative.
    poly = _expand([[F(-1, 2), F(1)], [F(-2), F(0), F(1)], [F(-2), F(0), F(1)], [F(3), F(1)]])
    roots = polynomial_roots(poly)
    assert roots[0] == F(1, 2) and len(roots) == 2
    assert isinstance(roots[1], Root) and roots[1] == Root.of_surd(F(0), F(1), F(2))
    assert polynomial_roots([F(0), F(0)]) == [] and polynomial_roots([F(5)]) == []


def _expand(factors):
    out = [F(1)]
    for f in factors:
        product = [F(0)] * (len(out) + len(f) - 1)
        for i, a in enumerate(out):
            for j, b in enumerate(f):
                product[i + j] += a * b
        out = product
    return out
