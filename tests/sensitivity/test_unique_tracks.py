"""The tracks of uniqueness and risk dominance: the sign tests against the exact solver, and
readings along a number against the thresholds of the changed game, in larger games too."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import bimatrix_game, solve
from sovgame.costs.thresholds import compute_thresholds
from sovgame.sensitivity.one_number import criterion_track, sensitivity
from sovgame.sensitivity.parameters import line, parameters, with_value
from sovgame.sensitivity.unique_tracks import Signs, alone_after_dominance, comparisons, maybe_alone
from strategies import costed_2x2, costed_bimatrix


def test_in_2x2_games_the_sign_tests_decide_uniqueness_as_the_solver_does():
    """Every pattern of the four comparison signs (81), every target, with random magnitudes:
    'alone' (iterated strict dominance) holds exactly when the exact solver finds the target
    as the only equilibrium, and 'maybe alone' exactly then too (they coincide in 2x2 games)."""
    rng = random.Random(0)
    for signs in itertools.product((-1, 0, 1), repeat=4):
        A = [[F(0), F(0)], [F(signs[0] * rng.randint(1, 3)), F(signs[1] * rng.randint(1, 3))]]
        B = [[F(0), F(signs[2] * rng.randint(1, 3))], [F(0), F(signs[3] * rng.randint(1, 3))]]
        game = bimatrix_game(A, B)
        equilibria = solve(game).equilibria
        along = line(game, parameters(game)[0])
        keys, forms = comparisons(along)
        index = {k: j for j, k in enumerate(keys)}
        values = [(a0 + a1 * along.parameter.value, b0) for a0, a1, b0, _ in forms]
        found = Signs.at(index, values, F(0))
        for target in itertools.product((0, 1), repeat=2):
            unique = len(equilibria) == 1 and equilibria[0].pure_profile() == target
            assert alone_after_dominance((2, 2), target, found) == unique, (signs, target)
            assert maybe_alone((2, 2), target, found) == unique, (signs, target)


@settings(max_examples=20, deadline=None)
@given(costed_bimatrix(2, 3), st.data())
def test_readings_in_larger_games_agree_with_the_thresholds_of_the_changed_game(game, data):
    """2x3 games (mixed equilibria can decide uniqueness there): at random values of a random
    number, each criterion's reading equals compute_thresholds on the game edited to that value."""
    target = data.draw(st.tuples(st.integers(0, 1), st.integers(0, 2)))
    parameter = data.draw(st.sampled_from(parameters(game)))
    x = parameter.value + F(data.draw(st.integers(-8, 8)), 4)
    if not parameter.allowed(x):
        return
    expected = compute_thresholds(with_value(game, parameter, x), target).thresholds
    along = line(game, parameter)
    for criterion in ("nash", "strict", "dominant", "unique"):
        reading = criterion_track(along, criterion, target).read(x)
        t = expected[criterion]
        assert reading.state == (t.verdict if t.defined else None), criterion
        if reading.value is not None:
            assert (reading.value, reading.attained) == (t.value, t.attained), criterion


@settings(max_examples=40, deadline=None)
@given(costed_2x2(), st.data())
def test_2x2_readings_are_the_whole_uniqueness_set_of_the_changed_game(game, data):
    """Every piece of the set, bounded or not, with its verdict read from today upward: the
    sign tests of a 2x2 game give the set compute_thresholds finds on the edited game."""
    target = data.draw(st.tuples(st.integers(0, 1), st.integers(0, 1)))
    parameter = data.draw(st.sampled_from(parameters(game)))
    x = parameter.value + F(data.draw(st.integers(-8, 8)), 4)
    if not parameter.allowed(x):
        return
    t = compute_thresholds(with_value(game, parameter, x), target).thresholds["unique"]
    reading = criterion_track(line(game, parameter), "unique", target).read(x)
    assert (reading.intervals, reading.state, reading.value) == (t.intervals, t.verdict, t.value)


@settings(max_examples=10, deadline=None)
@given(costed_bimatrix(2, 3), st.data())
def test_interval_ends_in_larger_games_are_true_changes(game, data):
    """The uniqueness interval of a random number of a 2x3 game (target: the first strategies):
    each end a true change, checked by compute_thresholds on the edited game."""
    from sovgame.sensitivity.one_number import entry_of

    target = (0, 0)
    parameter = data.draw(st.sampled_from(parameters(game)))
    track = criterion_track(line(game, parameter), "unique", target)
    if track.depends():
        _check(game, entry_of(game.game, track, parameter), target)


def _check(game, entry, target):
    """As assert_interval_exact, for a target other than the compromise profile."""
    p = entry.parameter
    points = [(p.value, entry.state)]
    for end, outward in ((entry.lower, -1), (entry.upper, 1)):
        if end.at is None or not isinstance(end.at, F):
            continue
        if end.closed:
            points.append((end.at, entry.state))
        if end.change:
            points.append((end.at + outward * F(1, 10**9), end.beyond) if end.closed else (end.at, end.beyond))
    for x, wanted in points:
        if p.allowed(x):
            t = compute_thresholds(with_value(game, p, x), target).thresholds["unique"]
            assert (t.verdict if t.defined else None) == wanted, (p.key, x)


def test_the_case_needs_no_solver_and_is_complete():
    from sovgame import load_game

    result = sensitivity(load_game("pakistan_afghanistan"))
    assert all(e.complete for e in result.entries)
