"""The commands on moves beyond one simultaneous shot: sequential, trust and thresholds
--vary capacity; JSON parsed, errors on stderr with their exit codes."""

from __future__ import annotations

import json

from cases import MOVES_TOML
from support import invoke


def moves_file(tmp_path):
    path = tmp_path / "moves.toml"
    path.write_text(MOVES_TOML, encoding="utf-8")
    return str(path)


def test_sequential_json(runner):
    result = invoke(runner, "sequential", "pakistan_afghanistan", "--order", "Afghanistan,Pakistan", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["chosen_order"] == ["Afghanistan", "Pakistan"] and data["kappa"] == 1
    simultaneous, pakistan, kabul = data["orders"]
    assert simultaneous["order"] is None and simultaneous["outcomes"] == ["Strike|Tolerate TTP"]
    assert kabul["unique_threshold"]["exact"] == "4/3" and kabul["unique_threshold"]["attained"] is False
    assert kabul["unique_threshold"]["verdict"] == "reachable"
    assert pakistan["unique_threshold"]["exact"] == "2/3" and pakistan["unique_threshold"]["verdict"] == "holds_today"
    assert kabul["spe"] == [
        {
            "leader_move": "Tolerate TTP",
            "plan": {"Constrain TTP": "Strike", "Tolerate TTP": "Strike"},
            "outcome": "Strike|Tolerate TTP",
            "payoffs": {"Pakistan": "5/4", "Afghanistan": "1/2"},
        }
    ]
    assert data["first_mover"]["Pakistan"]["value"] == ["7/4", "7/4"]


def test_sequential_table_marks_the_order_named(runner):
    result = invoke(runner, "sequential", "pakistan_afghanistan", "--order", "Afghanistan,Pakistan", "-f", "markdown")
    assert result.exit_code == 0 and "| Afghanistan first (the order named) |" in result.stdout


def test_sequential_errors(runner):
    result = invoke(runner, "sequential", "pakistan_afghanistan", "--order", "Afghanistan,India")
    assert result.exit_code == 2 and result.stderr.startswith("sovgame: --order: name every player once")
    result = invoke(runner, "sequential", "pakistan_afghanistan_india")
    assert result.exit_code == 1 and "two-player games" in result.stderr and not result.stdout


def test_trust_json(runner, tmp_path):
    """With Kabul's capacity 3/5, at κ = 2 Pakistan has R = 3·3/5 + 1·2/5 − 2·(1/2)(2/5) = 9/5,
    T = 4·3/5 + 2·2/5 − 2·3/4 = 17/10, S = 1 − 1 = 0, P = 2 − 3/2 = 1/2: p* = (1/2)/(1/10 + 1/2) = 5/6.
    The security seeker constrains (its p* is 1/3 and Pakistan then restrains), the ally never
    does, so compromise needs 1 − π ≥ 5/6: an ally prior of at most 1/6, and the file's 2/5 is above."""
    result = invoke(runner, "trust", moves_file(tmp_path), "--kappa", "2", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_type = {(t["player"], t["type"]): t for t in data["trust"]}
    assert by_type[("Pakistan", "(one type)")]["at_kappa"] == {"kind": "at_least", "threshold": "5/6"}
    assert by_type[("Afghanistan", "security_seeker")]["at_top"]["kind"] == "at_least"
    ally = next(p for p in data["priors"] if p["type"] == "ttp_ally")
    assert ally["kappa"] == "2" and ally["above"] is True
    assert ally["interval"] == {"lo": "0", "lo_closed": True, "hi": "1/6", "hi_closed": True}
    assert data["compromise"]["verdict"] in {"reachable", "beyond", "holds_today", "never", "lapsed"}


def test_trust_needs_a_two_by_two_game(runner):
    result = invoke(runner, "trust", "pakistan_afghanistan_escalation")
    assert result.exit_code == 1 and "2x2" in result.stderr


def test_thresholds_vary_capacity_json(runner, tmp_path):
    result = invoke(runner, "thresholds", moves_file(tmp_path), "--vary", "capacity", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["varied"] == {
        "player": "Afghanistan",
        "strategy": "Constrain TTP",
        "fallback": "Tolerate TTP",
        "success": "3/5",
    }
    nash = data["criteria"]["nash"]
    assert [p["formula"] for p in nash["pieces"]] == ["4/(1 + 2q)"] and nash["changes"] == ["1/2"]
    assert nash["at_file"]["exact"] == "20/11"


def test_thresholds_vary_errors(runner, tmp_path):
    result = invoke(runner, "thresholds", moves_file(tmp_path), "--vary", "weights")
    assert result.exit_code == 2 and "--vary" in result.stderr
    result = invoke(runner, "thresholds", "pakistan_afghanistan", "--vary", "capacity")
    assert result.exit_code == 2 and result.stderr.startswith("sovgame: --vary: the file has none")


def test_show_json_states_the_moves(runner):
    data = json.loads(invoke(runner, "show", "pakistan_afghanistan_capacity", "-f", "json").stdout)
    assert data["capacity"] == [
        {
            "player": "Afghanistan",
            "strategy": "Constrain TTP",
            "success": "3/5",
            "fallback": "Tolerate TTP",
            "success_range": ["3/10", "9/10"],
        }
    ]
    assert data["sequence"] is None and data["types"] == []
    # The payoffs shown are the expected ones: (Restrain, Constrain) = [3q + 1(1 − q), 3q + 4(1 − q)].
    assert data["payoffs_exact"]["Restrain strikes|Constrain TTP"] == ["11/5", "17/5"]
    data = json.loads(invoke(runner, "show", "pakistan_afghanistan_commitment", "-f", "json").stdout)
    assert data["sequence"] == {"order": ["Afghanistan", "Pakistan"], "observed": True}
