"""The status quo's exit: where the all-confront profile stops being an equilibrium, for good;
hand-derived on textbook games, the case and a game built for a stretch of κ, and checked
against the exact solver on random games."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import load_case, load_game, parse_game, solve
from sovgame.costs.status_quo_exit import STATUS_QUO_EXIT, status_quo_exit
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from strategies import costed_2x2, rstp, two_by_two


def symmetric(R, S, T, P, incidence, plausible=(0, 2)):
    return two_by_two([(R, R), (S, T), (T, S), (P, P)], incidence, plausible=plausible)


def held_by_solver(case, kappa: F) -> bool:
    """Whether the status quo (each player's non-compromise strategy) is an equilibrium at κ,
    by the exact solver, which shares no code with the exit."""
    game = case.game if hasattr(case, "game") else case
    d = tuple(1 - t if n == 2 else t for t, n in zip(game.compromise_profile, game.shape))
    return d in solve(game, kappa).pure_profiles


def test_the_case_status_quo_ends_above_4_beyond_the_plausible_range_pakistan_ending_it():
    """(Strike, Tolerate TTP): Pakistan moving to Restrain gains S − P − κ·(W(R,T) − W(S,T))
    = (1 − 2) − κ·(1/2 − 3/4) = −1 + κ/4 ≤ 0 ⇔ κ ≤ 4; Afghanistan moving to Constrain gains
    1 − 2 − κ·(3/2 − 3/2) = −1 < 0 at every κ. So the status quo holds on [0, 4] and ends above
    4, beyond the plausible top 2; compromise enters at 4/3, well before (docs/models.md)."""
    report = compute_thresholds(load_case("pakistan_afghanistan"))
    found = report.status_quo_exit
    assert found is not None and found.threshold.criterion == STATUS_QUO_EXIT
    assert found.held[0].lo == 0 and found.held[0].hi == 4 and found.held[0].hi_closed
    assert (found.value, found.attained, found.verdict, found.binding) == (F(4), False, Verdict.BEYOND, "Pakistan")
    assert found.per_player == {"Pakistan": F(4), "Afghanistan": None}
    assert found.out_below is None and [str(i) for i in found.out] == ["(4, ∞)"]
    assert report.thresholds["nash"].value == F(4, 3) and STATUS_QUO_EXIT not in report.thresholds
    # One computation: the function alone gives the same as the thresholds' field.
    alone = status_quo_exit(load_case("pakistan_afghanistan"))
    assert alone is not None and alone.threshold == found.threshold and alone.held == found.held
    data = report.to_dict()["status_quo"]
    assert data["profile"] == {"Pakistan": "Strike", "Afghanistan": "Tolerate TTP"}
    assert (data["exact"], data["verdict"], data["binding"]) == ("4", "beyond", "Pakistan")
    assert data["per_player"] == {"Pakistan": "4", "Afghanistan": "inf"}
    assert data["held"] == [{"lo": "0", "lo_closed": True, "hi": "4", "hi_closed": True}]
    assert data["out"] == [{"lo": "4", "lo_closed": False, "hi": None, "hi_closed": False}]


def test_textbook_games_by_incidence():
    """Symmetric Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1, weight 1 (docs/models.md):
    own_confront: leaving (D, D) gains S − P + κ = −1 + κ ≤ 0 ⇔ κ ≤ 1, so it ends above 1:
    reachable with the top 2, beyond with the top 1 (the set (1, ∞) misses (1, 1]);
    mutual_confront: only (D, D) is costed, the same gain −1 + κ: ends above 1;
    any_conflict: (C, D) and (D, D) carry the same cost, the gain stays −1: it never ends, which
    is why compromise is never the only equilibrium there."""
    pd_own = status_quo_exit(symmetric(3, 0, 5, 1, "own_confront"))
    assert pd_own is not None and (pd_own.value, pd_own.verdict, pd_own.attained) == (F(1), Verdict.REACHABLE, False)
    assert pd_own.binding == "Row" and pd_own.per_player == {"Row": F(1), "Column": F(1)}
    narrow = status_quo_exit(symmetric(3, 0, 5, 1, "own_confront", plausible=(0, 1)))
    assert narrow is not None and narrow.verdict == Verdict.BEYOND
    pd_mutual = status_quo_exit(symmetric(3, 0, 5, 1, "mutual_confront"))
    assert pd_mutual is not None and pd_mutual.value == F(1)


def test_a_status_quo_that_never_ends():
    """PD 3, 0, 5, 1 under any_conflict: leaving (D, D) gains S − P = −1 at every κ (both
    outcomes carry the cost), so H = [0, ∞): no exit set, verdict never, nobody ends it."""
    found = status_quo_exit(symmetric(3, 0, 5, 1, "any_conflict"))
    assert found is not None
    assert (found.value, found.verdict, found.exit, found.out, found.binding) == (None, Verdict.NEVER, (), (), None)
    assert [str(i) for i in found.held] == ["[0, ∞)"]
    assert found.per_player == {"Row": None, "Column": None}
    assert "every cost level" in found.threshold.reason


def test_a_status_quo_that_never_holds():
    """Chicken 3, 1, 4, 0 with a mutual_confront cost: leaving (D, D) gains S − P + κ = 1 + κ > 0
    at every κ ≥ 0, so H is empty: the exit set is all of [0, ∞), attained at 0, and the verdict
    holds today; no player "ends" what never held."""
    found = status_quo_exit(symmetric(3, 1, 4, 0, "mutual_confront"))
    assert found is not None and not found.held
    assert (found.value, found.attained, found.verdict, found.binding) == (F(0), True, Verdict.HOLDS_TODAY, None)
    assert found.per_player == {"Row": F(0), "Column": F(0)}
    assert [str(i) for i in found.out] == ["[0, ∞)"]
    assert "no equilibrium at any cost level" in found.threshold.reason


#: A 2x2 game whose status quo holds on a bounded stretch starting above 0 (custom costs).
STRETCH = """
[game]
title = "a stretch"
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
"C|D" = [2, 4]
"D|C" = [4, 0]
"D|D" = [1, 3]
[[costs]]
name = "c"
incidence = "custom"
weights = [0.5, 0.5]
exposure = { "C|D" = [1, 0], "D|D" = [0, 1] }
[analysis]
plausible_kappa = [0, 2]
"""


def test_a_status_quo_that_holds_on_a_stretch_above_zero():
    """At (D, D): Row moving to C gains (2 − 1) − κ·(1/2 − 0) = 1 − κ/2 ≤ 0 ⇔ κ ≥ 2 (leaving
    pays until costs fall on Row's own compromise move); Column moving to C gains
    (0 − 3) − κ·(0 − 1/2) = −3 + κ/2 ≤ 0 ⇔ κ ≤ 6. So H = [2, 6]: the exit κ is 6 (beyond the
    plausible top 2, Column ends it: Row's own set [2, ∞) never ends), and the status quo is
    out on [0, 2) too, which the reason and the bottom line say. (Reading the complement of H
    instead would call it out today, κ = 1, and hide that it holds from 2 to 6.)"""
    case = parse_game(STRETCH)
    found = status_quo_exit(case)
    assert found is not None
    assert [str(i) for i in found.held] == ["[2, 6]"]
    assert (found.value, found.attained, found.verdict, found.binding) == (F(6), False, Verdict.BEYOND, "Column")
    assert found.per_player == {"Row": None, "Column": F(6)}
    assert [str(i) for i in found.out] == ["[0, 2)", "(6, ∞)"]
    assert "below κ = 2 it is no equilibrium either: Row's 'C' gains 1" in found.threshold.reason
    for kappa, holds in [(F(0), False), (F(1), False), (F(2), True), (F(4), True), (F(6), True), (F(61, 10), False)]:
        assert held_by_solver(case, kappa) == holds, kappa


def test_players_with_one_strategy_stand_aside():
    """scenario_india_engaged is the case with India fixed at 'Engage Kabul': a 2x2x1 game is
    the 2x2 game it is, so its status quo and exit are defined, and agree with the solver."""
    case = load_case("scenario_india_engaged")
    found = status_quo_exit(case)
    assert found is not None and found.value is not None
    assert set(found.per_player) == {"Pakistan", "Afghanistan"}
    assert held_by_solver(case, found.value) and not held_by_solver(case, found.value + F(1, 100))


def test_no_status_quo_without_two_strategies_each():
    assert status_quo_exit(load_game("pakistan_afghanistan_escalation")) is None
    report = compute_thresholds(load_case("pakistan_afghanistan_escalation"))
    assert report.status_quo_exit is None and report.to_dict()["status_quo"] is None


@st.composite
def custom_2x2(draw):
    """A 2x2 game (C the compromise) with small integer payoffs and a custom exposure table of
    0..2 per cell and player: moves away from the status quo can get dearer or cheaper."""
    cells = ("C|C", "C|D", "D|C", "D|D")
    pay = {k: (draw(st.integers(-4, 4)), draw(st.integers(-4, 4))) for k in cells}
    load = {k: (draw(st.integers(0, 2)), draw(st.integers(0, 2))) for k in cells}
    text = STRETCH.split("[payoffs]")[0] + "[payoffs]\n"
    text += "\n".join(f'"{k}" = [{a}, {b}]' for k, (a, b) in pay.items())
    exposure = ", ".join(f'"{k}" = [{a}, {b}]' for k, (a, b) in load.items())
    text += f'\n[[costs]]\nname = "c"\nincidence = "custom"\nweights = [1, 1]\nexposure = {{ {exposure} }}\n'
    return parse_game(text)


GRID = [F(k, 4) for k in range(0, 41)]  # κ = 0, 1/4, ..., 10


def probes(found) -> list[F]:
    """The grid, and each end of H and of the exit set with a point just beside it."""
    ends = [found.value] if found.value is not None else []
    ends += [e for i in found.held for e in (i.lo, i.hi) if e is not None]
    return GRID + [p for e in ends for p in (e, e + F(1, 1000), max(F(0), e - F(1, 1000)))]


@settings(max_examples=60, deadline=None)
@given(st.one_of(costed_2x2(), custom_2x2()))
def test_held_and_exit_agree_with_the_solver_on_a_grid(case):
    """Brute force, pointwise: at every probe κ the status quo is a pure equilibrium of the
    solved game iff κ lies in H, and above the exit κ it never is."""
    found = status_quo_exit(case)
    assert found is not None
    for kappa in probes(found):
        in_held = any(i.contains(kappa) for i in found.held)
        assert held_by_solver(case, kappa) == in_held, kappa
        if found.value is not None and kappa > found.value:
            assert not held_by_solver(case, kappa), kappa


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["prisoners_dilemma", "stag_hunt", "chicken", "deadlock"]).flatmap(rstp),
    st.sampled_from(["own_confront", "any_conflict", "mutual_confront"]),
)
def test_the_exit_agrees_with_the_exact_solver_either_side(values, incidence):
    """Just below the exit κ the status quo is an equilibrium of the solved game, just above it
    is not (and stays not at twice that κ)."""
    case = symmetric(*values, incidence)
    found = status_quo_exit(case)
    assert found is not None
    if found.value is None:
        assert held_by_solver(case, F(0)) and held_by_solver(case, F(1000))
        return
    above = found.value + F(1, 1000)
    assert not held_by_solver(case, above) and not held_by_solver(case, 2 * above)
    if found.held:
        assert held_by_solver(case, found.value) and held_by_solver(case, max(F(0), found.value - F(1, 1000)))


def test_the_bottom_line_names_the_stretch_below():
    """The stretch game (H = [2, 6]): the bottom line gives the exit above 6 and says that the
    status quo is an equilibrium only from κ = 2, so "out today" is not mistaken for "ended"."""
    from sovgame.findings.analysis import analyze
    from sovgame.findings.bottom_line import bottom_line

    lines = bottom_line(analyze(parse_game(STRETCH)))
    assert any(
        "stops being an equilibrium above κ = 6 (it is one only from κ = 2): BEYOND; Column ends it" in line
        for line in lines
    )


def test_the_quick_runs_exit_of_a_2x2x1_game_is_the_exact_one_per_draw():
    """India, with one strategy, never moves: the vectorised exit of each draw of the quick run
    (only the two players who can move) is the exact exit of that draw's game."""
    import numpy as np

    from sovgame.findings.quick_check import VERDICT_CODES, exit_samples
    from sovgame.robustness.plan import plan_sampling
    from sovgame.robustness.sampling import chunk_generator, draw_samples, exact_sample_game

    plan = plan_sampling(load_case("scenario_india_engaged"), unique_subsample=0)
    found = exit_samples(plan, 30, 0)
    assert found is not None
    values, codes = found
    U, W = draw_samples(plan, chunk_generator(0, 0), 30)
    for k in range(30):
        exact = status_quo_exit(exact_sample_game(plan, U[k], W[k]))
        assert exact is not None and codes[k] == VERDICT_CODES[exact.verdict]
        assert np.isinf(values[k]) if exact.value is None else np.isclose(values[k], float(exact.value), rtol=1e-9)
