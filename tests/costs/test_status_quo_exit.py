"""The status quo's exit: where the all-confront profile stops being an equilibrium, for good;
hand-derived on textbook games and the case, and against the exact solver on random games."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import load_game, solve
from sovgame.costs.status_quo_exit import status_quo_exit
from sovgame.costs.verdicts import Verdict
from strategies import rstp, two_by_two


def symmetric(R, S, T, P, incidence, plausible=(0, 2)):
    return two_by_two([(R, R), (S, T), (T, S), (P, P)], incidence, plausible=plausible)


def test_the_case_status_quo_ends_above_4_beyond_the_plausible_range_pakistan_ending_it():
    """(Strike, Tolerate TTP): Pakistan moving to Restrain gains S − P − κ·(W(R,T) − W(S,T))
    = (1 − 2) − κ·(1/2 − 3/4) = −1 + κ/4 ≤ 0 ⇔ κ ≤ 4; Afghanistan moving to Constrain gains
    1 − 2 − κ·(3/2 − 3/2) = −1 < 0 at every κ. So the status quo holds on [0, 4] and ends above
    4, beyond the plausible top 2; compromise enters at 4/3, well before (docs/models.md)."""
    found = status_quo_exit(load_game("pakistan_afghanistan"))
    assert found is not None
    assert found.held[0].lo == 0 and found.held[0].hi == 4 and found.held[0].hi_closed
    assert (found.value, found.attained, found.verdict, found.binding) == (F(4), False, Verdict.BEYOND, "Pakistan")
    assert found.per_player == {"Pakistan": F(4), "Afghanistan": None}


def test_textbook_games_by_incidence():
    """Symmetric Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1, weight 1 (docs/models.md):
    own_confront: leaving (D, D) gains S − P + κ = −1 + κ ≤ 0 ⇔ κ ≤ 1, so it ends above 1:
    reachable with the top 2, beyond with the top 1 (the set (1, ∞) misses (1, 1]);
    any_conflict: (C, D) and (D, D) carry the same cost, the gain stays −1: it never ends;
    Chicken 3, 1, 4, 0 leaves (D, D) with gain S − P = 1 > 0 when no cost moves it (mutual
    confront only raises P's cost: 1 + κ > 0): never an equilibrium, exit set [0, ∞), holds today."""
    pd_own = status_quo_exit(symmetric(3, 0, 5, 1, "own_confront"))
    assert pd_own is not None and (pd_own.value, pd_own.verdict) == (F(1), Verdict.REACHABLE)
    narrow = status_quo_exit(symmetric(3, 0, 5, 1, "own_confront", plausible=(0, 1)))
    assert narrow is not None and narrow.verdict == Verdict.BEYOND
    pd_any = status_quo_exit(symmetric(3, 0, 5, 1, "any_conflict"))
    assert pd_any is not None and (pd_any.value, pd_any.verdict, pd_any.exit) == (None, Verdict.NEVER, ())
    chicken = status_quo_exit(symmetric(3, 1, 4, 0, "mutual_confront"))
    assert chicken is not None and not chicken.held
    assert (chicken.value, chicken.attained, chicken.verdict) == (F(0), True, Verdict.HOLDS_TODAY)


def test_no_status_quo_without_two_strategies_each():
    assert status_quo_exit(load_game("pakistan_afghanistan_escalation")) is None


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["prisoners_dilemma", "stag_hunt", "chicken", "deadlock"]).flatmap(rstp),
    st.sampled_from(["own_confront", "any_conflict", "mutual_confront"]),
)
def test_the_exit_agrees_with_the_exact_solver_either_side(values, incidence):
    """Just below the exit κ the status quo is an equilibrium of the solved game, just above it
    is not (and stays not at twice that κ): checked with solve, which shares no code with it."""
    R, S, T, P = values
    case = symmetric(R, S, T, P, incidence)
    found = status_quo_exit(case)
    assert found is not None
    d = found.profile

    def holds(kappa: F) -> bool:
        return d in solve(case.game, kappa).pure_profiles

    if found.value is None:
        assert holds(F(0)) and holds(F(1000))
        return
    above = found.value + F(1, 1000)
    assert not holds(above) and not holds(2 * above)
    if found.held:
        assert holds(found.value) and holds(max(F(0), found.value - F(1, 1000)))
