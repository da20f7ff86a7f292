"""Learning dynamics select the equilibrium the literature predicts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sovgame import load_game
from sovgame.cli import app
from sovgame.play.dynamics import run_dynamics


@pytest.mark.parametrize("p, expected", [(0.7, (0, 0)), (0.6, (1, 1)), (0.68, (0, 0)), (0.65, (1, 1))])
def test_stag_hunt_basins_either_side_of_two_thirds(p, expected):
    # Stag pays 4p against Hare's 3p + 2(1 − p): Stag is better iff p > 2/3 (docs/models.md).
    case = load_game("stag_hunt")
    result = run_dynamics(case, start=(np.array([p, 1 - p]), np.array([p, 1 - p])))
    for trajectory in result.trajectories:
        selected = result.solution.equilibria[trajectory.selected]
        assert selected.pure_profile() == expected, trajectory.method


def test_costs_move_the_case_game_to_compromise():
    # Above κ = 4 compromise is the only equilibrium; both dynamics find it from the uniform start.
    result = run_dynamics(load_game("pakistan_afghanistan"), kappa=5)
    assert all(result.solution.equilibria[t.selected].pure_profile() == (0, 0) for t in result.trajectories)


def test_dynamics_cli(runner, tmp_path):
    result = runner.invoke(app, ["dynamics", "stag_hunt", "--start", "0.7,0.3;0.7,0.3", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [t["selected"] for t in data["trajectories"]] == ["Stag|Stag", "Stag|Stag"]
    bad = runner.invoke(app, ["dynamics", "stag_hunt", "--start", "0.7,0.2;0.5,0.5"])
    assert bad.exit_code == 2 and "summing to 1" in bad.stderr
    three = runner.invoke(app, ["dynamics", "pakistan_afghanistan_india"])
    assert three.exit_code == 1 and "two-player" in three.stderr
    pytest.importorskip("matplotlib")
    png = tmp_path / "d.png"
    assert runner.invoke(app, ["dynamics", "stag_hunt", "--plot", str(png)]).exit_code == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
