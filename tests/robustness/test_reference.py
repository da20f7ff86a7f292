"""The independent reference of reference.py against the textbook answers of docs/models.md,
so that agreeing with it means agreeing with the literature."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from robustness import reference

F = Fraction

#: Cost exposure per flat profile (C|C, C|D, D|C, D|D) and player, weight 1 (docs/models.md).
EXPOSURE = {
    "own_confront": [[0, 0], [0, 1], [1, 0], [1, 1]],
    "any_conflict": [[0, 0], [1, 1], [1, 1], [1, 1]],
    "mutual_confront": [[0, 0], [0, 0], [0, 0], [1, 1]],
}

GAMES = {
    "Prisoner's Dilemma": (3, 0, 5, 1),
    "Stag Hunt": (4, 0, 3, 2),
    "Chicken": (3, 1, 4, 0),
    "Deadlock": (2, 1, 4, 3),
}


def symmetric(rstp, incidence: str) -> reference.Sample:
    R, S, T, P = rstp
    U = np.array([[R, R], [S, T], [T, S], [P, P]], float)
    return reference.Sample.of((2, 2), U, np.array(EXPOSURE[incidence], float))


# The table "Reference answers" of docs/models.md: κ_NE and κ_unique of (C, C) per incidence
# (None: never). Stag Hunt's (C, C) is an equilibrium at κ = 0 already. For κ_unique the
# table says "unique above x": the tail is open at x (at x itself the game is degenerate, a
# deviation ties, and a second equilibrium remains).
TABLE = [
    ("Prisoner's Dilemma", "own_confront", F(2), F(2)),
    ("Prisoner's Dilemma", "any_conflict", F(2), None),
    ("Prisoner's Dilemma", "mutual_confront", None, None),
    ("Stag Hunt", "own_confront", F(0), F(2)),
    ("Stag Hunt", "any_conflict", F(0), None),
    ("Stag Hunt", "mutual_confront", F(0), F(2)),
    ("Chicken", "own_confront", F(1), F(1)),
    ("Chicken", "any_conflict", F(1), F(1)),
    ("Chicken", "mutual_confront", None, None),
    ("Deadlock", "own_confront", F(2), F(2)),
    ("Deadlock", "any_conflict", F(2), None),
    ("Deadlock", "mutual_confront", None, None),
]


@pytest.mark.parametrize("name, incidence, nash, unique", TABLE)
def test_the_reference_gives_the_textbook_thresholds(name, incidence, nash, unique):
    found = reference.thresholds(symmetric(GAMES[name], incidence), (0, 0))
    assert found.nash.value == nash
    assert found.unique.value == unique
    if unique is not None:
        (piece,) = found.unique.pieces
        assert not piece.lo_closed and piece.hi is None
    if nash is not None and nash > 0:
        assert found.binding == 0  # both players need the same κ: the first binds
    # Strict dominance of C needs T − R < κ·Δw and P − S < κ·Δw at once (own_confront:
    # κ > max(T − R, P − S)); any_conflict never moves P − S, mutual_confront never T − R.
    R, S, T, P = GAMES[name]
    expected = {"own_confront": max(T - R, P - S, 0)}.get(incidence)
    if incidence == "mutual_confront" and T < R:
        expected = max(P - S, 0)
    if incidence == "any_conflict" and S > P:
        expected = max(T - R, 0)
    assert found.dominant.value == (None if expected is None else F(expected))


def test_stag_hunt_has_its_mixed_equilibrium_and_the_two_pure_ones():
    # docs/models.md: (C,C), (D,D) and the mix (2/3, 1/3) for each player at κ = 0.
    found = reference.equilibria(symmetric(GAMES["Stag Hunt"], "own_confront"), F(0))
    pure_c, pure_d, mixed = (F(1), F(0)), (F(0), F(1)), (F(2, 3), F(1, 3))
    assert sorted(found) == sorted([(pure_c, pure_c), (pure_d, pure_d), (mixed, mixed)])


def test_the_degenerate_game_keeps_both_ends_of_its_segment():
    # nashpy issue 222 (docs/models.md): A = [[-3, 3], [-3, 5]], B = [[2, 7], [4, 2]]; the
    # row player mixes (p, 1 − p) with p in [0, 2/7] against column 1. Column 1 is a best
    # reply while 2p + 4(1 − p) ≥ 7p + 2(1 − p), i.e. p ≤ 2/7; the row player is indifferent
    # against column 1 (−3 both), so every such p is an equilibrium.
    U = np.array([[-3, 2], [3, 7], [-3, 4], [5, 2]], float)
    sample = reference.Sample.of((2, 2), U, np.zeros((4, 2)))
    found = set(reference.equilibria(sample, F(0)))
    assert found == {((F(0), F(1)), (F(1), F(0))), ((F(2, 7), F(5, 7)), (F(1), F(0)))}
    assert not reference.target_alone(sample, (1, 0), F(0))


def test_verdicts_follow_the_scale_against_today_and_the_top():
    # docs/models.md, "Verdicts against today", with the plausible top 2.
    top = F(2)
    span = reference.Span
    assert reference.verdict(span(F(1, 2)), top) == "holds_today"
    assert reference.verdict(span(F(1), False), top) == "reachable"  # (1, ∞) misses 1 itself
    assert reference.verdict(span(F(2)), top) == "reachable"  # [2, ∞) meets (1, 2] at 2
    assert reference.verdict(span(F(2), False), top) == "beyond"
    assert reference.verdict(span(F(0), True, F(1), False), top) == "lapsed"
    assert reference.verdict(span(F(0), True, F(1), True), top) == "holds_today"
    assert reference.verdict(reference.NEVER, top) == "never"
    # A top below today: nothing is reachable, above today is beyond.
    assert reference.verdict(span(F(3, 2)), F(1, 2)) == "beyond"


def test_the_binding_player_is_the_one_whose_deviation_needs_more():
    # The case game of docs/models.md: Pakistan needs κ ≥ 4/3, Afghanistan 2/3; Pakistan binds.
    U = np.array([[3, 3], [1, 4], [4, 1], [2, 2]], float)
    # trade_disruption (any_conflict 1/2, 1), refugee_returns (any_conflict 0, 1/2),
    # military_operations (own_confront 1/4, 0): loads per profile and player.
    W = np.array([[0, 0], [0.5, 1.5], [0.75, 1.5], [0.75, 1.5]])
    found = reference.thresholds(reference.Sample.of((2, 2), U, W), (0, 0))
    assert found.nash.value == F(4, 3) and found.binding == 0
    assert found.unique.value == 4  # docs/models.md: κ_unique = 4
