"""Draws whose nash or dominant verdict lies within the float rounding bound are decided in
fractions: constructed ties and near-ties against hand-derived verdicts, and random draws
crowded with ties against the independent reference (reference.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import MIXED_COSTS_2X2
from robustness import reference
from sovgame import parse_game, robust
from sovgame.core.case import as_case
from sovgame.costs.status_quo_exit import status_quo_profile
from sovgame.costs.verdicts import VERDICTS
from sovgame.findings.quick_check import exit_codes
from sovgame.robustness.kappa_sets import linear_sets
from sovgame.robustness.near_ties import exact_set, uncertain
from sovgame.robustness.plan import plan_sampling
from sovgame.robustness.runner import evaluate_samples
from strategies import two_by_two

TINY = 2.0**-60  # far below half an ulp of 1 (2^-53): 1 ± TINY rounds to 1.0


def plan_2x2(top: Fraction = Fraction(2)):
    """A cardinal 2x2 case with target (a0, b0) and plausible range [0, top]; the draws are
    given by each test, so only its comparisons and range matter (the plan reads them as drawn
    numbers, not as the file's own)."""
    plan = plan_sampling(as_case(parse_game(MIXED_COSTS_2X2), [Fraction(0), top]))
    return replace(plan, exact_payoffs=None, exact_load=None)


def one_draw(a0_gain: tuple[float, float], w_moved: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """One draw (profiles a0|b0, a0|b1, a1|b0, a1|b1; players A, B) where only A's move from
    the target to a1 against b0 costs: A gains U[a1|b0] − U[a0|b0] − κ·w_moved (``a0_gain``
    holds those two payoffs); every other move loses 1 at every κ (b = 0, a = −1)."""
    at, to = a0_gain
    U = np.array([[[at, 0.0], [0.0, -1.0], [to, 0.0], [-1.0, -1.0]]])
    W = np.zeros((1, 4, 2))
    W[0, 2, 0] = w_moved
    return U, W


# Hand derivations. A's condition a − κ·b ≤ 0 (nash) or < 0 (dominant), every other move
# holding at every κ, with a = to − at and b = w_moved:
#  - a = 1 + TINY, b = 1: nash [1 + TINY, ∞) misses 1, meets (1, 2]: reachable; dominant
#    (1 + TINY, ∞): reachable. Floats: a rounds to 1.0, nash [1, ∞) holds today (wrong).
#  - a = 1, b = 1: nash [1, ∞) holds today; dominant (1, ∞) reachable (floats agree).
#  - a = 1 − TINY, b = 1: nash [1 − TINY, ∞) holds today; dominant (1 − TINY, ∞) holds
#    today. Floats: dominant (1, ∞) reachable (wrong).
#  - a = −1 − TINY, b = −1: nash [0, 1 + TINY] holds today; dominant [0, 1 + TINY) holds
#    today. Floats: dominant [0, 1) lapsed (wrong).
#  - a = −1 + TINY, b = −1: nash [0, 1 − TINY] lies below 1: lapsed; dominant [0, 1 − TINY):
#    lapsed. Floats: nash [0, 1] holds today (wrong).
#  - a = 2 + 2·TINY, b = 1 (top 2): nash [2 + 2·TINY, ∞) lies above the top: beyond; dominant
#    beyond. Floats: nash [2, ∞) meets (1, 2]: reachable (wrong).
CONSTRUCTED = [
    ((-TINY, 1.0), 1.0, "reachable", "reachable"),
    ((0.0, 1.0), 1.0, "holds_today", "reachable"),
    ((TINY, 1.0), 1.0, "holds_today", "holds_today"),
    ((TINY, -1.0), -1.0, "holds_today", "holds_today"),
    ((-TINY, -1.0), -1.0, "lapsed", "lapsed"),
    ((-2 * TINY, 2.0), 1.0, "beyond", "beyond"),
]


def test_constructed_ties_and_near_ties_get_their_exact_verdicts():
    plan = plan_2x2()
    for (at, to), w_moved, nash, dominant in CONSTRUCTED:
        U, W = one_draw((at, to), w_moved)
        found = evaluate_samples(plan, U, W)
        assert VERDICTS[found.verdicts["nash"][0]] == nash, (at, to, w_moved)
        assert VERDICTS[found.verdicts["dominant"][0]] == dominant, (at, to, w_moved)
        assert found.decided_exactly == {"nash": 1, "dominant": 1}  # each lies within the bound
        # The threshold is the set's lower end: 2 + 2·TINY in the last case, at most 1 + TINY
        # before; summaries count it within the plausible range where it is ≤ 2.
        assert (found.values["nash"][0] <= plan.top) == (to != 2.0), (at, to)


def test_the_floats_alone_misclassify_the_constructed_near_ties():
    """The cases above are hard ones: the float sets give another verdict in five places."""
    plan = plan_2x2()
    wrong = 0
    for (at, to), w_moved, nash, dominant in CONSTRUCTED:
        U, W = one_draw((at, to), w_moved)
        gains = plan.gathered.gains(U, W)
        floats = (
            linear_sets(*gains["nash"], strict=False).verdicts(plan.plausible)[0],
            linear_sets(*gains["dominance"], strict=True).verdicts(plan.plausible)[0],
        )
        wrong += sum(VERDICTS[code] != want for code, want in zip(floats, (nash, dominant)))
    assert wrong == 5


def test_draws_far_from_any_tie_are_left_to_the_floats():
    plan = plan_2x2()
    U, W = one_draw((0.0, 0.75))  # a/b = 0.75: far from 0.75's neighbours 1 and 2
    sets = linear_sets(*plan.gathered.gains(U, W)["nash"], strict=False)
    assert not uncertain(sets, plan.top).any()
    assert evaluate_samples(plan, U, W).decided_exactly == {"nash": 0, "dominant": 0}


def test_exact_set_of_a_tie_is_closed_for_nash_and_open_for_dominance():
    plan = plan_2x2()
    U, W = one_draw((0.0, 1.0))
    nash = exact_set(plan.nash, U[0], W[0], strict=False)
    assert nash is not None and (nash.lo, nash.lo_closed, nash.hi) == (1, True, None)
    dominant = exact_set(plan.dominance, U[0], W[0], strict=True)
    assert dominant is not None and (dominant.lo, dominant.lo_closed, dominant.hi) == (1, False, None)


# Numbers that make ties and near-ties likely: exact ratios 1, 2, 1/3 and 10/3 (the tops
# below), numbers a tiny amount off them, and halves.
NASTY = [0.0, 1.0, -1.0, 2.0, 3.0, 10.0, 0.5, TINY, -TINY, 1.0 + 2.0**-52, 1.0 - 2.0**-53, 1 / 3, 3 * TINY]


@settings(max_examples=60, deadline=None)
@given(
    numbers=st.lists(st.sampled_from(NASTY), min_size=16 * 16, max_size=16 * 16),
    top=st.sampled_from([Fraction(2), Fraction(1, 3), Fraction(10, 3), Fraction(1)]),
)
def test_verdicts_of_draws_crowded_with_ties_equal_the_exact_reference(numbers, top):
    """16 draws per example, every payoff and load from NASTY: each draw's nash and dominant
    verdicts, and whether the target is an equilibrium at the top, equal reference.py's
    (the definitions worked out in fractions, no code shared with sovgame)."""
    plan = plan_2x2(top)
    values = np.array(numbers).reshape(16, 2, 4, 2)
    U, W = np.ascontiguousarray(values[:, 0]), np.ascontiguousarray(values[:, 1])
    found = evaluate_samples(plan, U, W)
    at_top = 0
    for j in range(16):
        sample = reference.Sample.of((2, 2), U[j], W[j])
        expected = reference.thresholds(sample, plan.target, unique=False)
        for name in ("nash", "dominant"):
            want = reference.verdict(getattr(expected, name), top)
            assert VERDICTS[found.verdicts[name][j]] == want, (name, j, U[j].tolist(), W[j].tolist())
        at_top += expected.nash.contains(top)
    assert found.target_equilibrium == at_top


TIE_AT_TODAY = (
    MIXED_COSTS_2X2.split("[[costs]]")[0]
    + """
[[costs]]
name = "strikes"
incidence = "own_confront"
weights = [1, 1]

[analysis]
plausible_kappa = [0.5, 2]
"""
)


def test_json_counts_the_draws_decided_exactly():
    """A cardinal game without noise: every draw is the file's game, whose compromise becomes
    an equilibrium at exactly κ = 1 (A's move to a1 against b0 gains 4 − 3 − κ·1, B's
    likewise): all 40 are decided exactly, and the exact verdicts are the file's."""
    result = robust(parse_game(TIE_AT_TODAY), samples=40, seed=3)
    data = json.loads(json.dumps(result.json_data(), default=str))
    assert data["decided_exactly"] == {"nash": 40, "dominant": 40}
    assert data["criteria"]["nash"]["verdicts"]["holds_today"] == 1.0  # [1, ∞) holds κ = 1
    assert data["criteria"]["dominant"]["verdicts"]["reachable"] == 1.0  # (1, ∞) does not


def test_status_quo_exit_near_today_gets_its_exact_verdict():
    """The quick run's exit of the status quo d: A's move from d gains a − κ·b with b = −1
    and a = −1 − s (s = U_A(d)), B's move loses 1 at every κ. d holds on [0, 1 + s], so the
    exit set is (1 + s, ∞): s = −TINY gives (1 − TINY, ∞) ∋ 1, holds today (floats read an
    exit at 1.0: reachable, wrong); s = 0 gives (1, ∞), reachable; s = TINY gives
    (1 + TINY, ∞), reachable (top 2)."""
    plan = plan_2x2()
    d = status_quo_profile(plan.game)
    assert d is not None
    at = int(np.ravel_multi_index(d, (2, 2)))
    moved_a = int(np.ravel_multi_index((1 - d[0], d[1]), (2, 2)))
    moved_b = int(np.ravel_multi_index((d[0], 1 - d[1]), (2, 2)))
    for s, want in ((-TINY, "holds_today"), (0.0, "reachable"), (TINY, "reachable")):
        U, W = np.zeros((1, 4, 2)), np.zeros((1, 4, 2))
        U[0, at, 0], U[0, moved_a, 0], W[0, moved_a, 0] = s, -1.0, -1.0
        U[0, moved_b, 1] = -1.0
        found = exit_codes(plan, U, W)
        assert found is not None
        assert VERDICTS[found[1][0]] == want, s
        assert found[2] == 1


def test_numbers_the_run_does_not_draw_are_the_files_own_in_the_exact_paths():
    # Nothing is drawn (cardinal, no noise, no weight range): every sample is the file's game.
    # Row leaving (C, C) for D gains 13/10 − 1 − κ·3/10 ≤ 0 ⇔ κ ≥ 1 (Column never gains: 1 < 3), so
    # compromise is an equilibrium exactly from κ = 1: it holds today. In floats 1.3 − 1 = 0.3000…04
    # and the ratio rounds above 1, so every draw is near the tie and re-decided: from the file's
    # 13/10 and 3/10 it holds today, as `thresholds` says; from the floats it would be reachable.
    tie = two_by_two([(1, 3), (0, 4), ("1.3", 1), ("0.5", 2)], "own_confront", weights=("0.3", 1))
    result = robust(tie, samples=200, seed=0)
    data = json.loads(result.to_json())
    assert data["decided_exactly"]["nash"] == 200
    nash = data["criteria"]["nash"]
    assert nash["file"]["verdict"] == "holds_today" and nash["verdicts"]["holds_today"] == 1.0
    assert nash["agreement"] == 1.0
