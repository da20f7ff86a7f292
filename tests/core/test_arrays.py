"""Games built in Python: Game.from_arrays (two and n players), Game.from_payoffs,
Case.from_arrays with a plausible range, parse_game with a dict, and every result's
to_dict()/to_json() as the command line's JSON."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import numpy as np
import pytest

import sovgame
from sovgame import Case, Game, ParameterError

CASE_COSTS = [
    {"name": "trade_disruption", "incidence": "any_conflict", "weights": [0.5, 1]},
    {"name": "refugee_returns", "incidence": "any_conflict", "weights": [0, 0.5]},
    {"name": "military_operations", "incidence": "own_confront", "weights": [0.25, 0]},
]


def case_from_arrays() -> Case:
    # The bundled case: Pakistan's ordinal payoffs (rows Restrain, Strike) and Afghanistan's.
    return Case.from_arrays(
        [[3, 1], [4, 2]],
        [[3, 4], [1, 2]],
        players=["Pakistan", "Afghanistan"],
        strategies=[["Restrain strikes", "Strike"], ["Constrain TTP", "Tolerate TTP"]],
        compromise={"Pakistan": "Restrain strikes", "Afghanistan": "Constrain TTP"},
        costs=CASE_COSTS,
        plausible_kappa=[0, 2],
        title="case",
    )


def test_from_arrays_builds_the_case_with_its_thresholds():
    case = case_from_arrays()
    report = sovgame.compute_thresholds(case)
    # Pakistan's gain from Strike against Constrain is 4 − 3 = 1, its extra cost 3/4 per unit of
    # κ (trade 1/2 + operations 1/4): κ ≥ 4/3. (Strike, Tolerate) stays an equilibrium while
    # Pakistan's 2 − 3κ/4 ≥ 1 − κ/2, i.e. κ ≤ 4: compromise is the only equilibrium above 4.
    assert report.thresholds["nash"].value == F(4, 3) and report.thresholds["unique"].value == 4
    assert case.game.costs[0].weights == (F(1, 2), F(1))  # 0.5 read as one half, exactly
    assert case.plausible == (0, 2) and case.plausible_declared and report.plausible == (0, 2)
    loaded = sovgame.load_game("pakistan_afghanistan")
    assert isinstance(loaded, Case) and (case.game.payoffs == loaded.game.payoffs).all()


def test_a_bare_game_takes_the_plausible_range_as_a_parameter():
    """The game alone states no plausible range: verdicts compare with [0, 1] unless the call
    gives one. The case's Nash threshold 4/3 lies above today (1): "reachable" within [0, 2],
    "beyond" the top of [0, 1]."""
    game = case_from_arrays().game
    default = sovgame.compute_thresholds(game)
    given = sovgame.compute_thresholds(game, plausible=[0, 2])
    assert default.plausible == (0, 1) and not default.plausible_given
    assert default.thresholds["nash"].verdict == sovgame.Verdict.BEYOND
    assert given.plausible == (0, 2) and given.plausible_given
    assert given.thresholds["nash"].verdict == sovgame.Verdict.REACHABLE
    # An explicit range overrides the case's own.
    assert sovgame.compute_thresholds(case_from_arrays(), plausible=[0, 1]).thresholds["nash"].verdict == "beyond"
    with pytest.raises(ParameterError) as info:
        sovgame.compute_thresholds(game, plausible=[2, 1])
    assert info.value.parameter == "plausible"


def test_from_arrays_with_n_players_puts_each_payoff_where_it_belongs():
    # Three players, two strategies each: player i gets 1 when it matches player (i+1) mod 3.
    shape = (2, 2, 2)
    arrays = []
    for i in range(3):
        own = np.zeros(shape, dtype=int)
        for profile in itertools.product(range(2), repeat=3):
            own[profile] = int(profile[i] == profile[(i + 1) % 3])
        arrays.append(own)
    game = Game.from_arrays(*arrays, players=["A", "B", "C"])
    for profile in itertools.product(range(2), repeat=3):
        assert tuple(game.payoffs[profile]) == tuple(F(int(profile[i] == profile[(i + 1) % 3])) for i in range(3))
    assert game.player_names == ["A", "B", "C"] and game.shape == shape
    # Brute force: the pure equilibria are the two profiles where all match.
    pure = [e.pure_profile() for e in sovgame.solve(game).equilibria if e.pure]
    assert sorted(pure) == [(0, 0, 0), (1, 1, 1)]
    same = Game.from_payoffs(game.payoffs, players=["A", "B", "C"])
    assert (same.payoffs == game.payoffs).all()


@pytest.mark.parametrize(
    "kwargs, parameter",
    [
        ({"players": ["A"]}, "players"),
        ({"strategies": [["x", "x"], ["c1", "c2"]]}, "strategies"),
        ({"compromise": {"Row": "nope"}}, "compromise"),
        ({"costs": [{"name": "k", "incidence": "sometimes", "weights": [1, 1]}]}, "costs"),
        ({"costs": [{"name": "k", "incidence": "any_conflict", "weights": [-1, 1]}]}, "costs"),
        ({"plausible_kappa": [2, 1]}, "plausible_kappa"),
        ({"payoff_scale": "interval"}, "payoff_scale"),
    ],
)
def test_from_arrays_errors_name_the_parameter(kwargs, parameter):
    with pytest.raises(ParameterError) as info:
        Case.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, 4]], **kwargs)
    assert info.value.parameter == parameter and "--" not in str(info.value)


def test_from_arrays_refuses_arrays_of_different_shapes():
    with pytest.raises(ParameterError, match="arrays: 2 players need 2 arrays"):
        Game.from_arrays([[1, 2]], [[1, 2], [3, 4]])


def test_parse_game_takes_parsed_data_and_refuses_other_types(case_toml):
    import tomllib

    data = tomllib.loads(case_toml)
    case = sovgame.parse_game(data)
    assert sovgame.compute_thresholds(case).thresholds["nash"].value == F(4, 3)
    assert data == tomllib.loads(case_toml)  # the caller's dict is left as it was
    for wrong in (b"[game]", 42, None):
        with pytest.raises(ParameterError) as info:
            sovgame.parse_game(wrong)
        assert info.value.parameter == "text" and "str" in str(info.value)


def test_to_dict_and_to_json_are_the_command_lines_json(runner):
    from sovgame.cli import app

    case = sovgame.load_game("stag_hunt")
    cli = json.loads(runner.invoke(app, ["solve", "stag_hunt", "-f", "json"]).stdout)
    assert sovgame.solve(case).to_dict() == cli
    assert json.loads(sovgame.solve(case).to_json()) == cli
    thresholds = json.loads(runner.invoke(app, ["thresholds", "pakistan_afghanistan", "-f", "json"]).stdout)
    assert sovgame.to_dict(sovgame.compute_thresholds(sovgame.load_game("pakistan_afghanistan"))) == thresholds
    with pytest.raises(ParameterError):
        sovgame.to_dict(object())
