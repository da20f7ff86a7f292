"""Unilateral deviations as gains a − κ·b, the stability test on them, the binding player and
the breakpoints, on the case game of docs/models.md worked out by hand."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game
from sovgame.core.roots import Root
from sovgame.costs.deviations import Deviation, binding_player, breakpoints, deviations, stable

# The case game (docs/models.md): Pakistan (rows: Restrain, Strike) against Afghanistan
# (columns: Constrain, Tolerate); payoffs 3,3 / 1,4 / 4,1 / 2,2 and cost loads per profile:
# trade (any conflict, 1/2 and 1), refugees (any conflict, 0 and 1/2), operations (Pakistan's
# own strikes, 1/4): (0, 0) at (Restrain, Constrain), (1/2, 3/2) at (Restrain, Tolerate) and
# (3/4, 3/2) where Pakistan strikes.
CASE = load_game("pakistan_afghanistan").game
U, W = CASE.payoffs, CASE.cost_load()
TARGET = (0, 0)


def test_the_deviations_from_compromise_gain_one_each_less_their_costs():
    (pakistan,) = deviations(CASE, U, W, TARGET, 0)
    (afghanistan,) = deviations(CASE, U, W, TARGET, 1)
    # Pakistan strikes: 4 − 3 = 1, load 3/4; Afghanistan tolerates: 4 − 3 = 1, load 3/2.
    assert pakistan == Deviation(0, TARGET, 1, F(1), F(3, 4))
    assert afghanistan == Deviation(1, TARGET, 1, F(1), F(3, 2))
    assert pakistan.breakpoint == F(4, 3) and afghanistan.breakpoint == F(2, 3)
    assert pakistan.gain(F(0)) == 1 and pakistan.gain(F(4, 3)) == 0 and pakistan.gain(F(2)) == F(-1, 2)


def test_deviations_from_the_status_quo():
    # From (Strike, Tolerate): Pakistan restrains, 1 − 2 = −1 with load 1/2 − 3/4 = −1/4;
    # Afghanistan constrains, 1 − 2 = −1 with no change of load (both any-conflict costs stay).
    (pakistan,) = deviations(CASE, U, W, (1, 1), 0)
    (afghanistan,) = deviations(CASE, U, W, (1, 1), 1)
    assert (pakistan.a, pakistan.b, pakistan.breakpoint) == (F(-1), F(-1, 4), F(4))
    assert (afghanistan.a, afghanistan.b, afghanistan.breakpoint) == (F(-1), F(0), None)
    # Persistence of the status quo ends at κ = 4 (docs/models.md, "Claim tests that can fail").
    assert stable([pakistan, afghanistan], strict=False)(F(4))
    assert not stable([pakistan, afghanistan], strict=False)(F(41, 10))
    assert not stable([pakistan, afghanistan], strict=True)(F(4))  # a tie is no strict loss
    assert stable([pakistan, afghanistan], strict=True)(F(39, 10))


def test_stability_of_the_compromise_starts_at_the_larger_breakpoint():
    devs = deviations(CASE, U, W, TARGET, 0) + deviations(CASE, U, W, TARGET, 1)
    weak, strict = stable(devs, strict=False), stable(devs, strict=True)
    assert not weak(F(4, 3) - F(1, 1000)) and weak(F(4, 3)) and weak(F(10))
    assert not strict(F(4, 3)) and strict(F(4, 3) + F(1, 1000))
    assert sorted(breakpoints(devs)) == [F(2, 3), F(4, 3)]


def test_breakpoints_leave_out_negative_ones_and_flat_gains():
    devs = [
        Deviation(0, TARGET, 1, F(1), F(-1)),
        Deviation(0, TARGET, 1, F(1), F(0)),
        Deviation(1, TARGET, 1, F(0), F(2)),
    ]
    assert breakpoints(devs) == [F(0)]


def test_the_binding_player_has_the_largest_lower_end_and_the_first_wins_ties():
    assert binding_player({0: F(4, 3), 1: F(2, 3)}) == 0
    assert binding_player({0: F(2, 3), 1: F(4, 3)}) == 1
    assert binding_player({0: F(1), 1: F(1), 2: F(1, 2)}) == 0
    assert binding_player({0: None, 1: F(1, 2)}) == 1  # a player with no set of its own
    sqrt2 = Root.of_surd(F(0), F(1), F(2))  # 1.41421...
    assert binding_player({0: F(7, 5), 1: sqrt2}) == 1  # 1.4 < √2
    assert binding_player({0: F(71, 50), 1: sqrt2}) == 0  # 1.42 > √2
