"""Scenarios without copying: `extends`, and the scenarios side by side."""

from __future__ import annotations

import json

import pytest

from sovgame.cli import app


def test_scenarios_json_lists_each_with_equilibria_thresholds_and_changes(runner):
    result = runner.invoke(
        app, ["scenarios", "scenario_status_quo", "scenario_escalation", "scenario_india_engaged", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["name"] for d in data] == ["scenario_status_quo", "scenario_escalation", "scenario_india_engaged"]
    assert data[0]["thresholds"]["thresholds"]["nash"]["exact"] == "4/3"
    assert data[2]["thresholds"]["thresholds"]["nash"]["exact"] == "8/3"
    assert data[2]["changes"]["thresholds"]["nash"] == {
        "before": "4/3",
        "after": "8/3",
        "verdict_before": "reachable",
        "verdict_after": "beyond",
    }
    assert data[1]["changes"]["gained"] == ["Sustained campaign|Tolerate TTP"]
    # Equilibria are compared at today's costs by default. At κ = 1 Pakistan's payoffs against
    # 'Tolerate TTP' are Strike 2 − 3/4 = 5/4 and Campaign 5/2 − 5/4 = 5/4 (campaign load
    # 1/2 + 1/4 + 1/2): a tie, so both pure profiles are equilibria (and the mixtures between).
    assert data[1]["kappa"] == 1
    pure = {
        (e["exact"]["Pakistan"]["Strike"], e["exact"]["Pakistan"]["Sustained campaign"])
        for e in data[1]["equilibria"]
        if e["pure"]
    }
    assert pure == {("1", "0"), ("0", "1")}
    # At κ = 0 the campaign is the only equilibrium (the game file's comment derives it).
    at_zero = json.loads(
        runner.invoke(
            app, ["scenarios", "scenario_status_quo", "scenario_escalation", "--kappa", "0", "--format", "json"]
        ).stdout
    )
    assert [e["exact"]["Pakistan"]["Sustained campaign"] for e in at_zero[1]["equilibria"]] == ["1"]


def test_scenarios_report(tmp_path, runner):
    out = tmp_path / "futures.md"
    result = runner.invoke(app, ["scenarios", "scenario_status_quo", "scenario_india_engaged", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## Scenarios side by side" in text and "## scenario_india_engaged: Cost thresholds for compromise" in text
    assert "4/3 (1.333) → 8/3 (2.667)" in text
    page = tmp_path / "futures.html"
    assert (
        runner.invoke(app, ["scenarios", "scenario_status_quo", "scenario_escalation", "-o", str(page)]).exit_code == 0
    )
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_whatif_json(runner):
    result = runner.invoke(app, ["whatif", "pakistan_afghanistan", "--set", "cost:trade_disruption=1,1", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Pakistan's cost of striking rises from 3/4 to 5/4 per κ: κ_NE = 1/(5/4) = 4/5.
    assert (
        data["thresholds"]["nash"]["before"]["exact"] == "4/3" and data["thresholds"]["nash"]["after"]["exact"] == "4/5"
    )
    assert data["changed_cells"] == {}
    cells = json.loads(
        runner.invoke(app, ["whatif", "pakistan_afghanistan", "--set", "Strike|Tolerate TTP=1,2", "-f", "json"]).stdout
    )
    assert cells["changed_cells"] == {"Strike|Tolerate TTP": {"before": ["2", "2"], "after": ["1", "2"]}}
    assert runner.invoke(app, ["whatif", "pakistan_afghanistan"]).exit_code == 2


def test_what_if_and_scenarios_take_games_and_cases():
    """The Prisoner's Dilemma (T=5, R=3, P=1, S=0) with its temptation lowered to 2 and its
    sucker's payoff kept: (C, C) becomes an equilibrium at κ = 0 (2 < 3), a Stag Hunt."""
    import sovgame

    game = sovgame.Game.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]], compromise=["C", "C"], title="PD"
    )
    result = sovgame.what_if(game, ["D|C=2,0", "C|D=0,2"], kappa=0)
    assert "C|C" in result.change.gained and result.to_dict()["changed_cells"] == {
        "C|D": {"before": ["0", "5"], "after": ["0", "2"]},
        "D|C": {"before": ["5", "0"], "after": ["2", "0"]},
    }
    case = sovgame.load_game("pakistan_afghanistan")
    scenarios, changes = sovgame.compare_scenarios([case, "pakistan_afghanistan", game], kappa=0)
    assert [s.name for s in scenarios] == [case.title, "pakistan_afghanistan", "PD"]
    assert changes[1].gained == changes[1].lost == ()  # the file read again is the same game
    with pytest.raises(sovgame.ParameterError, match="^spec: expected a file name, a Game or a Case, not int"):
        sovgame.what_if(3, [])  # type: ignore[arg-type]
