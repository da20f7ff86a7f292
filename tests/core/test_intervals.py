"""Sets of κ as exact intervals: the scan over breakpoints, irrational ends, exact comparison
and ordering of breakpoints, the rational between two of them. Every expected set is read off
the condition given to the scan by hand."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.intervals import Interval, between, compare, exact_text, scan, sort_points, value_float
from sovgame.core.roots import Root

SQRT2 = Root.of_surd(F(0), F(1), F(2))  # √2 ≈ 1.41421356
ONE_PLUS_SQRT2 = Root.of_surd(F(1), F(1), F(2))  # 1 + √2 ≈ 2.41421356


def below_sqrt2(k: F) -> bool:
    return k * k < 2


# --- scan with rational breakpoints ---------------------------------------------------------------


def test_a_closed_lower_end():
    # κ ≥ 4/3 (the case game's nash threshold): from 4/3 on, 4/3 included.
    assert scan([F(4, 3)], lambda k: k >= F(4, 3)) == [Interval(F(4, 3), True, None)]


def test_an_open_lower_end():
    # κ > 4: the point fails, the gap beyond holds.
    assert scan([F(4)], lambda k: k > 4) == [Interval(F(4), False, None)]


def test_a_bounded_interval_with_each_kind_of_end():
    # 1 < κ ≤ 2: open at 1, closed at 2.
    assert scan([F(2), F(1)], lambda k: 1 < k <= 2) == [Interval(F(1), False, F(2), True)]


def test_a_single_point():
    # Only at κ = 1 (a tie that holds at the breakpoint alone).
    assert scan([F(1)], lambda k: k == 1) == [Interval(F(1), True, F(1), True)]


def test_two_pieces_and_the_start_at_zero():
    # κ < 1 or κ ≥ 3: [0, 1) and [3, ∞); 0 is always a point of the scan.
    assert scan([F(3), F(1)], lambda k: k < 1 or k >= 3) == [Interval(F(0), True, F(1)), Interval(F(3), True, None)]


def test_everywhere_and_nowhere():
    assert scan([F(1), F(2)], lambda k: True) == [Interval(F(0), True, None)]
    assert scan([F(1), F(2)], lambda k: False) == []
    assert scan([], lambda k: k > 0) == [Interval(F(0), False, None)]


def test_negative_and_repeated_breakpoints_are_dropped():
    tested: list[F] = []

    def holds(k: F) -> bool:
        tested.append(k)
        return k >= 2

    assert scan([F(-5), F(2), F(2), F(4, 2)], holds) == [Interval(F(2), True, None)]
    # Points 0 and 2 and one κ in each of the two gaps: four tests, each once.
    assert len(tested) == 4 and len(set(tested)) == 4 and F(0) in tested and F(2) in tested


# --- irrational breakpoints -------------------------------------------------------------------------


def test_an_irrational_upper_end_is_open_when_the_gap_beyond_fails():
    # κ² < 2: [0, √2). √2 itself cannot be tested; it belongs to the set only when the gaps on
    # both sides do, and the gap above fails.
    assert scan([SQRT2], below_sqrt2) == [Interval(F(0), True, SQRT2, False)]


def test_an_irrational_lower_end_is_open_when_the_gap_below_fails():
    # κ² > 2: (√2, ∞).
    assert scan([SQRT2], lambda k: k * k > 2) == [Interval(SQRT2, False, None)]


def test_an_irrational_point_inside_the_set_is_kept():
    # Holds at every rational: both gaps around √2 hold, so √2 belongs and the set is whole.
    assert scan([SQRT2], lambda k: True) == [Interval(F(0), True, None)]


def test_an_irrational_point_between_two_failing_gaps_is_not_a_set_of_its_own():
    # Holds nowhere on the rationals: √2 cannot be a one-point set.
    assert scan([SQRT2], lambda k: False) == []


def test_irrational_and_rational_ends_together():
    # 1 ≤ κ < √2 or κ > 1 + √2.
    def holds(k: F) -> bool:
        return (1 <= k and k * k < 2) or (k > 1 and (k - 1) ** 2 > 2)

    found = scan([ONE_PLUS_SQRT2, F(1), SQRT2], holds)
    assert found == [Interval(F(1), True, SQRT2, False), Interval(ONE_PLUS_SQRT2, False, None)]
    assert [str(i) for i in found] == ["[1, √2)", "(1 + √2, ∞)"]


# --- exact comparison, ordering and the point between --------------------------------------------


def test_compare_orders_fractions_roots_and_infinity_exactly():
    # 1.414 < √2 < 1.4143 (1.41421356...), and None stands for +∞.
    assert compare(F(1414, 1000), SQRT2) == -1 and compare(SQRT2, F(14143, 10000)) == -1
    assert compare(SQRT2, SQRT2) == 0 and compare(SQRT2, ONE_PLUS_SQRT2) == -1
    assert compare(None, SQRT2) == 1 and compare(F(10**9), None) == -1 and compare(None, None) == 0


def test_sort_points_orders_and_dedupes_exactly():
    # The same root from another bracket is one point; 0 is always there.
    other = Root(SQRT2.poly, F(1), F(2))
    points = sort_points([ONE_PLUS_SQRT2, F(3, 2), SQRT2, other, F(-1), F(1)])
    assert points == [F(0), F(1), SQRT2, F(3, 2), ONE_PLUS_SQRT2]


def test_between_finds_a_rational_strictly_inside_even_a_narrow_gap():
    # √2 and 1.41421357 are 1.4e-9 apart; the root's bracket must be refined to part them.
    close = F(141421357, 10**8)
    point = between(SQRT2, close)
    assert compare(SQRT2, point) == -1 and point < close
    assert 1 < between(F(1), SQRT2) and compare(between(F(1), SQRT2), SQRT2) == -1
    inside = between(SQRT2, ONE_PLUS_SQRT2)
    assert compare(SQRT2, inside) == -1 and compare(inside, ONE_PLUS_SQRT2) == -1
    assert compare(between(ONE_PLUS_SQRT2, None), ONE_PLUS_SQRT2) == 1
    assert between(F(2), None) > 2
    with pytest.raises(ValueError):
        between(SQRT2, F(1))


def test_an_interval_with_irrational_ends_contains_rationals_exactly():
    interval = Interval(SQRT2, True, ONE_PLUS_SQRT2, False)
    assert not interval.contains(F(1414, 1000)) and interval.contains(F(14143, 10000))
    assert interval.contains(F(2414, 1000)) and not interval.contains(F(2415, 1000))
    assert Interval(F(1), False, None).contains(F(10**6)) and not Interval(F(1), False, None).contains(F(1))


def test_texts_and_floats_of_ends():
    assert exact_text(F(4, 3)) == "4/3" and exact_text(None) == "inf" and exact_text(SQRT2) == "√2"
    assert value_float(None) is None and value_float(F(1, 4)) == 0.25
    assert value_float(SQRT2) == pytest.approx(2**0.5, rel=1e-15)
    assert Interval(F(0), True, SQRT2, True).to_json() == {"lo": "0", "lo_closed": True, "hi": "√2", "hi_closed": True}


def test_rational_ends_are_in_the_interval_exactly_when_closed():
    assert Interval(F(1), True, F(2), True).contains(F(1)) and Interval(F(1), True, F(2), True).contains(F(2))
    assert not Interval(F(1), False, F(2), False).contains(F(1))
    assert not Interval(F(1), False, F(2), False).contains(F(2))
    assert Interval(F(0), True, None).contains(F(0)) and not Interval(F(0), False, None).contains(F(0))
    assert not Interval(F(1), True, F(2), True).contains(F(1, 2)) and not Interval(F(1), True, F(2), True).contains(
        F(3)
    )


def test_between_refines_wide_brackets_on_either_side():
    # √2 known only as the root of x² − 2 in (1, 2): against 3/2 the bracket must be halved
    # until it lies below 3/2 (and 3/2 must be halved against from the other side too).
    wide = Root(SQRT2.poly, F(1), F(2))
    point = between(wide, F(3, 2))
    assert compare(wide, point) == -1 and point < F(3, 2)
    point = between(F(5, 4), wide)
    assert F(5, 4) < point and compare(point, wide) == -1
    # Two wide brackets of different roots: 1 + √2 in (2, 3) and √2 in (1, 3).
    other = Root(ONE_PLUS_SQRT2.poly, F(2), F(3))
    point = between(Root(SQRT2.poly, F(1), F(3)), other)
    assert compare(SQRT2, point) == -1 and compare(point, ONE_PLUS_SQRT2) == -1


def test_between_refuses_equal_ends():
    with pytest.raises(ValueError):
        between(F(1), F(1))
    with pytest.raises(ValueError):
        between(SQRT2, Root(SQRT2.poly, F(1), F(2)))


# Mutants of intervals.py that no test can kill, being equivalent (benchmarks/mutation.py):
# - sort_points, ``p.compare(0) > 0`` made ``>= 0``: Root.compare never returns 0 (a root is
#   irrational), so both keep the same roots.
# - sort_points, ``p >= 0`` made ``p > 0`` for rationals: 0 is always in the set already.
# - between, ``a.hi - a.lo >= b.hi - b.lo`` made ``>`` (or the differences made sums): which
#   of two overlapping brackets is halved first changes how many halvings the loop takes, not
#   the rational it returns's being strictly between the two numbers.
