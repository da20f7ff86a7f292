"""The numbers of a game file and the games along one of them, on the case game of
docs/models.md; the threshold along Pakistan's military weight is derived by hand."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.sensitivity.parameters import ParameterKind, find_parameter, line, parameters, scale_of, with_value

CASE = load_game("pakistan_afghanistan")
MILITARY = find_parameter(CASE, "cost:military_operations@Pakistan")


def test_the_numbers_of_the_case_file():
    # Two players' payoffs at four outcomes, two weights for each of three costs, the top of the
    # plausible range [0, 2].
    found = parameters(CASE)
    kinds = [p.kind for p in found]
    assert kinds.count(ParameterKind.PAYOFF) == 8 and kinds.count(ParameterKind.WEIGHT) == 6
    assert kinds.count(ParameterKind.PLAUSIBLE_TOP) == 1 and len(found) == 15
    assert MILITARY.value == F(1, 4) and MILITARY.player == 0 and MILITARY.lowest == 0
    assert all(p.allowed(F(0)) and not p.allowed(F(-1)) for p in found if p.kind == ParameterKind.WEIGHT)
    assert find_parameter(CASE, "Pakistan@Strike|Constrain TTP").value == 4


def test_the_gains_along_pakistans_military_weight():
    # Pakistan striking against a constraining Kabul gains 4 − 3 = 1 and pays trade (1/2) and
    # military operations (p) per κ: (a0, a1, b0, b1) = (1, 0, 1/2, 1). Afghanistan's
    # toleration does not move with p: (1, 0, 3/2, 0).
    along = line(CASE, MILITARY)
    assert along.form(0, (0, 0), (1, 0)) == (1, 0, F(1, 2), 1)
    assert along.form(1, (0, 0), (0, 1)) == (1, 0, F(3, 2), 0)
    U, W = along.arrays(F(1, 4))
    assert (U == CASE.game.payoffs).all() and (W == CASE.game.cost_load()).all()  # the file's value
    assert along.top(F(7)) == 2


def test_the_unique_verdict_turns_at_a_military_weight_of_one_half():
    # docs/models.md, "Sensitivity": κ_unique = 1/w_mil(Pakistan), so the unique verdict is
    # beyond for 0 < w < 1/2 and turns at 1/2 (κ_unique = 2, the top, not attained: beyond);
    # above 1/2 it is reachable. κ_NE = 1/(1/2 + w) with Pakistan binding while it is ≥ 2/3.
    for w, unique, verdict in (
        (F(2, 5), F(5, 2), Verdict.BEYOND),
        (F(1, 2), F(2), Verdict.BEYOND),
        (F(3, 5), F(5, 3), Verdict.REACHABLE),
    ):
        edited = compute_thresholds(with_value(CASE, MILITARY, w)).thresholds
        moved = compute_thresholds(line(CASE, MILITARY).game_at(w)).thresholds
        for report in (edited, moved):  # an edit of the file and the point on the line agree
            assert report["unique"].value == unique and report["unique"].verdict == verdict
            assert report["nash"].value == 1 / (F(1, 2) + w)


def test_what_a_number_is_measured_against():
    # The largest payoff (4) for payoffs, the largest weight (1) for weights.
    assert scale_of(CASE.game, find_parameter(CASE, "Pakistan@Strike|Constrain TTP")) == 4
    assert scale_of(CASE.game, MILITARY) == 1
