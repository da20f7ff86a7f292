"""Work budgets: estimates counted from the shape, refusals that say what to do, accounts."""

from __future__ import annotations

import itertools
import math

import pytest

from sovgame.core import budget
from sovgame.core.bezout import bezout_number
from sovgame.core.budget import (
    DEFAULT_MAX_WORK,
    Work,
    WorkLimitError,
    expected_bases,
    metered,
    open_gap_work,
    pivot_work,
    pivots,
    require,
    solve_work,
    support_pairs,
    thresholds_work,
    work_limit,
)
from sovgame.errors import GameTooLargeError, ParameterError


@pytest.mark.parametrize("m, n", [(2, 2), (3, 4), (5, 5), (6, 3), (1, 7)])
def test_support_pairs_are_counted_as_listing_them_would(m, n):
    # The reference lists every pair of equal-size supports of two or more strategies.
    listed = sum(
        1
        for k in range(2, min(m, n) + 1)
        for _ in itertools.combinations(range(m), k)
        for _ in itertools.combinations(range(n), k)
    )
    assert support_pairs(m, n) == listed
    # Vandermonde: Σ_k C(m,k)·C(n,k) over k ≥ 0 is C(m+n, m); minus k = 0 and k = 1.
    assert support_pairs(m, n) == math.comb(m + n, m) - 1 - m * n


def test_estimates_of_huge_games_take_no_time_and_no_memory():
    # 200x200: the uniqueness walk alone has up to 2·200·C(200, 2)·200 cost levels to test,
    # 40,000 outcomes each; an open stretch of it would list about 10^119 pairs of supports,
    # counted, not listed.
    work = thresholds_work((200, 200))
    assert work.units > DEFAULT_MAX_WORK * 10**5 and "7,960,000 cost levels to test" in work.because
    pairs = open_gap_work(200, 200)
    assert pairs.units > 10**100 and "pairs of supports" in pairs.because


def test_a_step_past_the_limit_is_refused_with_what_to_reduce_and_how_to_raise_it():
    with work_limit(1000), pytest.raises(WorkLimitError) as info:
        require(Work(5000, "solving a 9x9 game", "48,620 linear systems", "remove dominated strategies"))
    error = info.value
    assert isinstance(error, GameTooLargeError) and error.exit_code == 1
    message = error.describe("--max-work N")
    assert message.startswith("solving a 9x9 game: about 5,000 units of work (48,620 linear systems)")
    assert "past the limit of 1,000" in message and "remove dominated strategies" in message
    assert "--max-work 1e4" in message  # a limit that would let it run


def test_an_account_adds_up_the_steps_of_one_command():
    with work_limit(1000) as account:
        require(Work(600, "first", "x"))
        with pytest.raises(WorkLimitError, match="after 600 units already done"):
            require(Work(600, "second", "x"))
        assert account.spent == 600
        require(Work(400, "third", "x"))  # exactly at the limit is allowed
    with work_limit(None):
        require(Work(10**30, "anything", "x"))  # no limit


def test_a_forecast_refuses_at_once_what_would_follow():
    with work_limit(1000) as account, pytest.raises(WorkLimitError, match="1,100 units"):
        require(Work(100, "breakpoints", "x"), forecast=1000)
    assert account.spent == 0


def test_metered_calls_get_their_own_account_unless_one_is_open():
    seen = []

    @metered
    def step(units):
        require(Work(units, "step", "x"))
        seen.append(budget._ACCOUNT.get().spent)

    step(DEFAULT_MAX_WORK)  # alone: the whole default limit
    step(DEFAULT_MAX_WORK)  # a new account each time
    with work_limit(DEFAULT_MAX_WORK):
        step(10)
        with pytest.raises(WorkLimitError):
            step(DEFAULT_MAX_WORK)  # the open account counts both
    assert seen == [DEFAULT_MAX_WORK, DEFAULT_MAX_WORK, 10]


@pytest.mark.parametrize("bad", [0, -5, 1.5, "many", True])
def test_the_limit_must_be_a_positive_whole_number(bad):
    with pytest.raises(ParameterError, match="max_work"):
        with work_limit(bad):
            pass


def test_solve_work_follows_the_number_of_bases():
    # Two players, enumeration (lopsided games): C(m+n, m) bases per polytope, each over m + n labels.
    assert not pivots(4, 12)
    assert solve_work((4, 12)).units == math.comb(16, 4) * 16 + 80 * 16 * 4 + 2000
    # Pivoting: at most McMullen's bound of vertices per polytope, 25 facets in dimension 13
    # (odd: 2·C(25 − 6 − 1, 6)) and in dimension 12 (even: 25/19·C(19, 6)).
    assert pivots(12, 13) and pivots(3, 3) and pivots(2, 6) and pivots(7, 30)
    assert expected_bases(12, 13) == 2 * math.comb(18, 6) == 37_128
    assert expected_bases(13, 12) == 25 * math.comb(19, 6) // 19 == 35_700
    assert solve_work((12, 13)).units == pivot_work(12, 13, 37_128 + 35_700).units + 300
    assert solve_work((30, 30)).units > DEFAULT_MAX_WORK > solve_work((12, 13)).units
    # Three players: the support enumeration, (2^k − 1) supports per player; pure profiles only
    # (mixed=False) are far less.
    assert solve_work((5, 5, 5)).units > DEFAULT_MAX_WORK > solve_work((5, 5, 5), mixed=False).units


def test_bezout_numbers_of_the_indifference_equations():
    # McKelvey & McLennan (1997): with two strategies each, the most totally mixed equilibria of
    # an n-player game is the number of derangements of n: 2 for 3 players, 9 for 4, 44 for 5;
    # three players with three strategies each: 10.
    assert [bezout_number([1] * n) for n in (3, 4, 5)] == [2, 9, 44]
    assert bezout_number([2, 2, 2]) == 10
    assert bezout_number([1, 1]) == 1 and bezout_number([1, 0, 0]) == 0


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2)])
def test_the_default_limit_admits_the_support_enumeration_of_small_games(shape):
    assert solve_work(shape).units <= DEFAULT_MAX_WORK


@pytest.mark.parametrize("shape", [(4, 4, 4), (3, 3, 3, 3), (2,) * 6, (10, 10, 10)])
def test_the_default_limit_refuses_larger_games(shape):
    assert solve_work(shape).units > DEFAULT_MAX_WORK


def test_a_program_raises_the_limit_through_the_package():
    import sovgame

    game = sovgame.bimatrix_game([[1, 2, 3]] * 12, [[3, 2, 1]] * 12)  # 12x3: C(15, 3) = 455 bases
    with sovgame.work_limit(10), pytest.raises(sovgame.WorkLimitError, match="sovgame.work_limit"):
        sovgame.solve(game)
    with sovgame.work_limit(10**6):
        assert sovgame.solve(game).equilibria
