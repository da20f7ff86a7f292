"""A conclusion followed along one declared range: the exact set where it holds, from the zeros
of affine margins."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.intervals import Interval
from sovgame.play.ranges import affine_root, follow
from sovgame.sections.ranged import Ranged


def test_a_strict_inequality_opens_its_end():
    """x > 1/3 on [0, 1]: holds on (1/3, 1], changes at 1/3."""
    f = follow("x", Ranged(F(1, 2), (F(0), F(1))), lambda x: x > F(1, 3), [lambda x: x - F(1, 3)])
    assert f.holds == (Interval(F(1, 3), False, F(1), True),) and f.changes == (F(1, 3),) and f.at_value
    assert f.throughout is None


def test_a_band_and_a_point():
    """1/4 <= x <= 1/2 or x = 3/4 on [0, 1]: two pieces, closed, with changes at each end."""

    def holds(x: F) -> bool:
        return F(1, 4) <= x <= F(1, 2) or x == F(3, 4)

    margins = [lambda x: x - F(1, 4), lambda x: x - F(1, 2), lambda x: x - F(3, 4)]
    f = follow("x", Ranged(F(0), (F(0), F(1))), holds, margins)
    assert f.holds == (Interval(F(1, 4), True, F(1, 2), True), Interval(F(3, 4), True, F(3, 4), True))
    assert f.changes == (F(1, 4), F(1, 2), F(3, 4)) and not f.at_value


def test_throughout_and_nowhere():
    assert follow("x", Ranged(F(1), (F(0), F(2))), lambda x: True, []).throughout is True
    assert follow("x", Ranged(F(1), (F(0), F(2))), lambda x: False, []).throughout is False


def test_margins_must_be_affine():
    assert affine_root(lambda x: 3 * x - 1) == F(1, 3)
    assert affine_root(lambda x: F(2)) is None
    with pytest.raises(ValueError):
        affine_root(lambda x: x * x - 1)
