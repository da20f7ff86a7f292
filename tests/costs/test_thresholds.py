"""Thresholds against the textbook table of docs/models.md and against the solver itself."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import load_game, solve
from sovgame.costs.regimes import equilibrium_breakpoints, structure
from sovgame.costs.thresholds import CRITERIA, compute_threshold, compute_thresholds, quadratic_roots
from strategies import costed_2x2, costed_bimatrix, symmetric

GAMES = {  # R, S, T, P (docs/models.md, symmetric, compromise listed first)
    "pd": (3, 0, 5, 1),
    "stag": (4, 0, 3, 2),
    "chicken": (3, 1, 4, 0),
    "deadlock": (2, 1, 4, 3),
}


# (game, incidence) -> {criterion: (value, attained)}; None = never. From docs/models.md's table.
TEXTBOOK = {
    ("pd", "own_confront"): {"nash": (2, True), "unique": (2, False)},
    ("pd", "any_conflict"): {"nash": (2, True), "unique": None, "risk_dominant": (3, False)},
    ("pd", "mutual_confront"): {"nash": None, "unique": None},
    ("stag", "own_confront"): {"nash": (0, True), "risk_dominant": (F(1, 2), False), "unique": (2, False)},
    ("stag", "any_conflict"): {"nash": (0, True), "risk_dominant": (1, False), "unique": None},
    ("stag", "mutual_confront"): {"nash": (0, True), "risk_dominant": (1, False), "unique": (2, False)},
    ("chicken", "own_confront"): {"nash": (1, True), "unique": (1, False)},
    ("chicken", "any_conflict"): {"nash": (1, True), "unique": (1, False)},
    ("chicken", "mutual_confront"): {"nash": None, "unique": None},
    ("deadlock", "own_confront"): {"nash": (2, True), "unique": (2, False)},
    ("deadlock", "any_conflict"): {"nash": (2, True), "unique": None, "risk_dominant": (4, False)},
    ("deadlock", "mutual_confront"): {"nash": None, "unique": None},
}


@pytest.mark.parametrize("key", sorted(TEXTBOOK))
def test_textbook_thresholds(key):
    name, incidence = key
    report = compute_thresholds(symmetric(*GAMES[name], incidence))
    for criterion, expected in TEXTBOOK[key].items():
        t = report.thresholds[criterion]
        if expected is None:
            assert t.value is None and t.verdict == "never", (criterion, t)
        else:
            assert (t.value, t.attained) == (F(expected[0]), expected[1]), (criterion, t)


def test_textbook_delta_star():
    assert compute_thresholds(symmetric(*GAMES["pd"], "any_conflict")).repeated.at_zero == {
        "Row": F(1, 2),
        "Column": F(1, 2),
    }
    # Deadlock: δ* = (4 − 2)/(4 − 3) = 2 > 1, no discount factor sustains cooperation.
    assert compute_thresholds(symmetric(*GAMES["deadlock"], "any_conflict")).repeated.at_zero["Row"] == 2


def test_case_game_figures():
    report = compute_thresholds(load_game("pakistan_afghanistan"))
    nash = report.thresholds["nash"]
    assert (nash.value, nash.attained, nash.upper) == (F(4, 3), True, None)
    assert nash.binding == "Pakistan"
    assert nash.per_player == {"Pakistan": F(4, 3), "Afghanistan": F(2, 3)}
    assert nash.verdict == "reachable"
    unique = report.thresholds["unique"]
    assert (unique.value, unique.attained, unique.bracket, unique.verdict) == (F(4), False, None, "beyond")
    assert report.repeated.at_zero == {"Pakistan": F(1, 2), "Afghanistan": F(1, 2)}


def test_case_game_json_has_the_documented_shape():
    data = compute_thresholds(load_game("pakistan_afghanistan")).to_dict()
    assert data["target"] == {"Pakistan": "Restrain strikes", "Afghanistan": "Constrain TTP"}
    assert data["costs"] == ["trade_disruption", "refugee_returns", "military_operations"]
    assert data["plausible_kappa"] == [0, 2]
    nash = data["thresholds"]["nash"]
    assert nash["value"] == pytest.approx(4 / 3) and nash["exact"] == "4/3" and nash["attained"] is True
    assert nash["upper"] is None and nash["binding"] == "Pakistan"
    assert nash["per_player"] == {"Pakistan": "4/3", "Afghanistan": "2/3"}
    assert nash["verdict"] == "reachable" and nash["reason"]
    unique = data["thresholds"]["unique"]
    assert (unique["value"], unique["exact"], unique["attained"], unique["bracket"], unique["verdict"]) == (
        4.0,
        "4",
        False,
        None,
        "beyond",
    )
    assert set(data["thresholds"]) == {"nash", "strict", "dominant", "unique", "risk_dominant"}


def test_one_criterion_alone_is_the_one_every_criterion_reports_with_a_single_strategy_player():
    # India has a single strategy in scenario_india_engaged, so risk dominance is that of the
    # 2x2 game of the others (tests/costs/test_regimes.py writes it out): at κ, Pakistan's
    # R1 − T1 = 3κ/4 − 2, Afghanistan's R2 − T2 = 3κ/2 − 3/2 at compromise; at (Strike, Tolerate)
    # P1 − S1 = 2 − κ/4, P2 − S2 = 3/2. Both are strict equilibria for 8/3 < κ < 8, where
    # (3κ/4 − 2)(3κ/2 − 3/2) > (3/2)(2 − κ/4) reduces to (9/8)κ² − (30/8)κ > 0, κ > 10/3; from
    # κ = 8 on only compromise is strict. So compromise risk-dominates exactly for κ > 10/3.
    case = load_game("scenario_india_engaged")
    report = compute_thresholds(case)
    for criterion in CRITERIA:
        assert compute_threshold(case, criterion) == report.thresholds[criterion], criterion
    (interval,) = report.thresholds["risk_dominant"].intervals
    assert (interval.lo, interval.lo_closed, interval.hi) == (F(10, 3), False, None)


def test_cost_filter_answers_how_high_one_cost_alone_must_go():
    case = load_game("pakistan_afghanistan")
    # Trade alone: Pakistan's deviation to Strike costs 1/2 more per κ: (4 − 3)/(1/2) = 2.
    nash = compute_thresholds(case, costs=["trade_disruption"]).thresholds["nash"]
    assert nash.value == 2 and nash.per_player == {"Pakistan": F(2), "Afghanistan": F(1)}


def test_never_reason_names_player_and_deviation():
    report = compute_thresholds(symmetric(*GAMES["pd"], "any_conflict"))
    reason = report.thresholds["unique"].reason
    assert "gains 1 by playing 'D' rather than 'C'" in reason and "falls on both of its choices alike" in reason


def test_discount_gives_the_cost_level_that_sustains_compromise():
    case = load_game("pakistan_afghanistan")
    # δ*_Pakistan(κ) = (1 − 3κ/4)/(2 − 0) ≤ 1/4 ⟺ κ ≥ 2/3; Afghanistan (1 − 3κ/2)/2 ≤ 1/4 ⟺ κ ≥ 1/3.
    rep = compute_thresholds(case, discount=F(1, 4)).repeated
    assert rep.sustainable_from.value == F(2, 3) and rep.sustainable_from.attained


def test_quadratic_roots_exact_and_surd():
    assert quadratic_roots(F(1), F(-3), F(2)) == [F(1), F(2)]
    roots = quadratic_roots(F(1), F(-2), F(-1))  # 1 ± √2
    assert [str(r) for r in roots] == ["1 − √2", "1 + √2"]
    # 1 + √2 = 2.41421356237309504…: between these two rationals, its interval proved.
    assert roots[1].compare(F(24142135623730, 10**13)) == 1 and roots[1].compare(F(24142135623731, 10**13)) == -1
    assert roots[1].lo < roots[1].hi and (roots[1].lo - 1) ** 2 < 2 < (roots[1].hi - 1) ** 2
    assert roots[0].compare(0) == -1 and (roots[0].hi - 1) ** 2 < 2 < (roots[0].lo - 1) ** 2


# --- properties: thresholds bracket the change they claim, checked with the solver --------------------


def _target_is_nash(game, kappa):
    return (0, 0) in solve(game, kappa).pure_profiles


def _target_unique(game, kappa):
    s = solve(game, kappa)
    return len(s.equilibria) == 1 and s.equilibria[0].pure_profile() == (0, 0)


EPS = F(1, 1000)


@settings(max_examples=150, deadline=None)
@given(costed_2x2())
def test_nash_threshold_brackets_the_change_in_the_solver(game):
    nash = compute_thresholds(game).thresholds["nash"]
    if nash.value is None:
        for k in (F(0), F(1, 2), F(3), F(50)):
            assert not _target_is_nash(game, k)
        return
    v = nash.value
    assert _target_is_nash(game, v) == nash.attained
    assert _target_is_nash(game, v + EPS) or (nash.upper is not None and nash.upper <= v + EPS)
    if v > 0:
        assert not _target_is_nash(game, v - EPS)


@settings(max_examples=150, deadline=None)
@given(costed_2x2())
def test_unique_threshold_brackets_the_change_in_the_solver(game):
    unique = compute_thresholds(game).thresholds["unique"]
    if unique.value is None:
        assert not _target_unique(game, F(1000))
        return
    v = unique.value
    for k in (v + EPS, v + 1, v + 100):
        assert _target_unique(game, k)
    assert _target_unique(game, v) == unique.attained
    if v > 0:
        assert not _target_unique(game, v - EPS)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3)])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_no_regime_is_missed_on_a_fine_grid(shape, data):
    """Between reported breakpoints the equilibrium structure must not change."""
    game = data.draw(costed_bimatrix(*shape)).game
    grid = [F(i, 8) for i in range(0, 8 * 6 + 1)]
    points = equilibrium_breakpoints(game)
    previous = structure(solve(game, grid[0]))
    for a, b in zip(grid, grid[1:]):
        current = structure(solve(game, b))
        if current != previous:  # a breakpoint in [a, b], compared exactly (roots included)
            assert any(a <= p <= b for p in points), (game.payoffs, a, b)
        previous = current
