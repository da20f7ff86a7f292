"""The two-number map: cells read exactly, boundary points exact (checked on both sides by the
thresholds of the edited game), κ as an axis with the threshold as the boundary, executors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction as F

import pytest

from sovgame import load_game
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.errors import ParameterError
from sovgame.sensitivity.grid import sensitivity_map
from sovgame.sensitivity.parameters import find_parameter, with_value
from sovgame.sensitivity.tracks import Ratio

MIL, TRADE = "cost:military_operations@Pakistan", "cost:trade_disruption@Pakistan"


@pytest.fixture(scope="module")
def game():
    return load_game("pakistan_afghanistan")


def verdict(game, values: dict, criterion: str):
    for key, value in values.items():
        game = with_value(game, find_parameter(game, key), value)
    return compute_thresholds(game).thresholds[criterion].verdict


def test_cells_and_boundary_points_of_two_weights(game):
    """Uniqueness over Pakistan's military and trade weights: κ_unique = 1/w_mil whatever the
    trade weight (trade is paid at both of Pakistan's choices against Tolerate), so the
    boundaries are the vertical lines w_mil = 1/2 (beyond → reachable) and w_mil = 1
    (reachable → holds today), and w_mil = 0 (never)."""
    result = sensitivity_map(game, MIL, TRADE, "unique", grid=9, x_range=(F(0), F(2)), y_range=(F(0), F(1)))
    assert len(result.cells) == 9 and len(result.cells[0]) == 9
    for j, y in enumerate(result.y.values):
        for i, x in enumerate(result.x.values):
            assert result.cells[j][i].state == verdict(game, {MIL: x, TRADE: y}, "unique")
    for y in result.y.values:
        row = {(b.x, b.before, b.after) for b in result.boundary if b.y == y}
        assert {(F(1, 2), Verdict.BEYOND, Verdict.REACHABLE), (F(1), Verdict.REACHABLE, Verdict.HOLDS_TODAY)} <= row
    for b in result.boundary:
        if isinstance(b.x, F) and isinstance(b.y, F):
            here = verdict(game, {MIL: b.x, TRADE: b.y}, "unique")
            assert here in (b.before, b.after)


def test_kappa_as_an_axis_draws_where_the_criterion_holds_and_the_threshold_as_boundary(game):
    result = sensitivity_map(game, "kappa", MIL, "unique", grid=11, x_range=(F(0), F(5)), y_range=(F(0), F(1)))
    assert result.kappa_axis and set(result.states()) == {False, True}
    for j, w in enumerate(result.y.values):
        threshold = compute_thresholds(with_value(game, find_parameter(game, MIL), w)).thresholds["unique"]
        for i, kappa in enumerate(result.x.values):
            holds = any(interval.contains(kappa) for interval in threshold.intervals)
            assert result.cells[j][i].state == holds, (w, kappa)
    # The boundary is κ = 1/w for w > 0 (never at w = 0).
    assert [c.piece.formula for c in result.curves if c.piece.lo != c.piece.hi] == [Ratio(F(1), F(0), F(0), F(1))]


def test_executors_give_the_same_map(game):
    alone = sensitivity_map(game, MIL, "Pakistan@Strike|Constrain TTP", "nash", grid=7)
    with ThreadPoolExecutor(max_workers=2) as pool:
        pooled = sensitivity_map(game, MIL, "Pakistan@Strike|Constrain TTP", "nash", grid=7, executor=pool)
    assert (pooled.cells, pooled.boundary) == (alone.cells, alone.boundary)


def test_bad_maps_name_the_parameter(game):
    with pytest.raises(ParameterError) as caught:
        sensitivity_map(game, MIL, MIL)
    assert caught.value.parameter == "map"
    with pytest.raises(ParameterError) as caught:
        sensitivity_map(game, "nonsense", MIL)
    assert caught.value.parameter == "map"
    with pytest.raises(ParameterError) as caught:
        sensitivity_map(game, "kappa", MIL, grid=1)
    assert caught.value.parameter == "grid"


@pytest.mark.parametrize(("w", "span"), [(F(5, 4), (F(0), F(4, 5))), (F(3, 2), (F(2, 3), F(1)))])
def test_a_threshold_on_an_end_of_the_kappa_range_is_a_boundary_point(game, w, span):
    """κ_unique = 1/w_mil for w_mil ≤ 3/2 (the docstring above; past 3/2 another deviation
    holds it at 2/3): with w = 5/4 the tail starts at κ = 4/5, the top of the κ range [0, 4/5];
    with w = 3/2 at κ = 2/3, the bottom of [2/3, 1]. Both ends belong to the range, so the
    point (1/w, w) is on the boundary. (As floats 4/5 rounds up and 2/3 down, which used to
    drop these points.)"""
    result = sensitivity_map(game, "kappa", MIL, "unique", grid=2, x_range=span, y_range=(w - 1, w))
    assert (F(1) / w, w) in {(b.x, b.y) for b in result.boundary}
