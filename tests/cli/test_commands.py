"""The command line: exit codes, stdout and stderr kept apart, JSON parsed, help everywhere."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib.metadata import version

import pytest

from sovgame.cli import app
from support import invoke


def test_version_matches_package_metadata(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sovgame {version('sovgame')}"


def test_every_command_has_help_with_both_flags(runner):
    import typer.main

    commands = typer.main.get_command(app).commands
    assert {"games", "show", "solve", "analyze"} <= set(commands)
    for name in commands:
        for flag in ("-h", "--help"):
            result = invoke(runner, name, flag)
            assert result.exit_code == 0, (name, result.output)
            assert "Usage" in result.stdout


def test_solve_json_has_the_documented_shape(runner, case_file):
    result = invoke(runner, "solve", str(case_file), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["game"] == "Pakistan-Afghanistan: the TTP sanctuary dilemma"
    assert data["players"] == ["Pakistan", "Afghanistan"]
    assert data["kappa"] == 0 and data["degenerate"] is False
    assert data["equilibria"] == [
        {
            "strategies": {
                "Pakistan": {"Restrain strikes": 0.0, "Strike": 1.0},
                "Afghanistan": {"Constrain TTP": 0.0, "Tolerate TTP": 1.0},
            },
            "exact": {
                "Pakistan": {"Restrain strikes": "0", "Strike": "1"},
                "Afghanistan": {"Constrain TTP": "0", "Tolerate TTP": "1"},
            },
            "payoffs": {"Pakistan": 2.0, "Afghanistan": 2.0},
            "pure": True,
            "component": None,
        }
    ]
    assert list(data)[:5] == ["game", "players", "kappa", "degenerate", "equilibria"]


def test_solve_at_a_cost_level_finds_the_mixed_equilibrium(runner, case_file):
    result = invoke(runner, "solve", str(case_file), "--kappa", "2", "-f", "json")
    data = json.loads(result.stdout)
    assert data["kappa"] == 2
    exact = [e["exact"] for e in data["equilibria"]]
    # By hand at κ = 2: Afghanistan's 1/2 makes Pakistan indifferent (3y = 2y + 1/2) and
    # Pakistan's 1/3 makes Afghanistan indifferent (5x - 2 = 2x - 1).
    assert {
        "Pakistan": {"Restrain strikes": "1/3", "Strike": "2/3"},
        "Afghanistan": {"Constrain TTP": "1/2", "Tolerate TTP": "1/2"},
    } in exact
    assert len(exact) == 3


def test_solve_sets_a_player_with_one_strategy_aside(runner):
    # scenario_india_engaged is 2x2x1: solved as its 2x2 game, so complete, with the mixed
    # equilibrium (hand derivation in tests/costs/test_regimes.py: Pakistan restrains with
    # 1/4, Afghanistan constrains with 1/2 at κ = 4), and nashpy can check it.
    result = invoke(runner, "solve", "scenario_india_engaged", "--kappa", "4", "--check-nashpy", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["complete"] is True and len(data["equilibria"]) == 3
    assert data["notes"][0].startswith("India has a single strategy ('Engage Kabul')")
    assert {
        "Pakistan": {"Restrain strikes": "1/4", "Strike": "3/4"},
        "Afghanistan": {"Constrain TTP": "1/2", "Tolerate TTP": "1/2"},
        "India": {"Engage Kabul": "1"},
    } in [e["exact"] for e in data["equilibria"]]
    assert data["nashpy_check"]["missed"] == [] and data["nashpy_check"]["extra"] == 0


def test_table_marks_equilibrium_cells_and_goes_to_stdout(runner, case_file):
    result = invoke(runner, "solve", str(case_file))
    assert result.exit_code == 0
    assert "★ 2, 2" in result.stdout
    assert "verified in exact arithmetic" in result.stdout
    assert result.stderr == ""


def test_markdown_and_csv(runner, case_file):
    md = invoke(runner, "solve", str(case_file), "-f", "markdown").stdout
    assert "| Restrain strikes | 3, 3 | 1, 4 |" in md
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "solve", str(case_file), "-f", "csv").stdout)))
    # Long form: the one equilibrium (Strike, Tolerate TTP) as probabilities, exact and as floats.
    strike = [r for r in rows if r["section"] == "equilibria" and r["key3"] == "Pakistan" and r["key4"] == "Strike"]
    assert [(r["key1"], r["key2"], r["exact"], float(r["value"])) for r in strike] == [("1", "strategies", "1", 1.0)]


def test_stdin_is_read_with_a_dash(runner, case_toml):
    result = invoke(runner, "solve", "-", "-f", "json", input=case_toml)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["equilibria"]) == 1


def test_bad_input_exits_1_with_message_on_stderr_and_no_traceback(runner, tmp_path, case_toml):
    bad = tmp_path / "bad.toml"
    bad.write_text(case_toml.replace("= [4, 1]", "= [4, true]"))
    result = invoke(runner, "solve", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f'{bad}: payoffs."Strike|Constrain TTP"[1]: a boolean is not a number' in result.stderr
    assert "Traceback" not in result.stderr
    missing = invoke(runner, "show", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_misuse_exits_2(runner, case_file):
    assert invoke(runner, "solve", str(case_file), "--kappa", "-1").exit_code == 2
    assert invoke(runner, "solve", str(case_file), "--kappa", "abc").exit_code == 2
    assert invoke(runner, "solve", str(case_file), "--format", "xml").exit_code == 2
    assert invoke(runner, "solve").exit_code == 2
    assert invoke(runner, "no-such-command").exit_code == 2


def test_game_too_large_is_a_clear_error(runner, tmp_path):
    n = 20
    strategies = [f"s{i}" for i in range(n)]
    lines = [
        '[game]\ntitle = "big"\n',
        f'[[players]]\nname = "A"\nstrategies = {json.dumps(strategies)}\n',
        f'[[players]]\nname = "B"\nstrategies = {json.dumps(strategies)}\n',
        "[payoffs]",
    ]
    lines += [f'"s{i}|s{j}" = [{(i * j) % 7}, {(i + j) % 5}]' for i in range(n) for j in range(n)]
    path = tmp_path / "big.toml"
    path.write_text("\n".join(lines))
    result = invoke(runner, "solve", str(path))
    assert result.exit_code == 1
    # Pivoting visits at most McMullen's bound of vertices per best-response polytope (dimension
    # 20, 40 facets): C(30, 10) + C(29, 9) = 40,060,020 each. Refused before it starts, saying how.
    assert "80,120,040 vertices" in result.stderr and "--max-work" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "sovgame", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("sovgame ")


def test_console_script_separates_streams(case_file, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[game]\n")
    result = subprocess.run([sys.executable, "-m", "sovgame", "solve", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert "game.title: missing" in result.stderr and "Traceback" not in result.stderr


def test_thresholds_json_for_the_case(runner):
    result = invoke(runner, "thresholds", "pakistan_afghanistan", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    nash = data["thresholds"]["nash"]
    assert (nash["exact"], nash["binding"], nash["verdict"]) == ("4/3", "Pakistan", "reachable")
    assert data["thresholds"]["unique"]["exact"] == "4"
    assert data["repeated"]["delta_star"] == {"Pakistan": "1/2", "Afghanistan": "1/2"}


def test_thresholds_options_and_their_errors(runner):
    only_trade = json.loads(
        invoke(runner, "thresholds", "pakistan_afghanistan", "--cost", "trade_disruption", "-f", "json").stdout
    )
    assert only_trade["costs"] == ["trade_disruption"] and only_trade["thresholds"]["nash"]["exact"] == "2"
    bad_cost = invoke(runner, "thresholds", "pakistan_afghanistan", "--cost", "tariffs")
    assert bad_cost.exit_code == 1 and "no cost named 'tariffs'" in bad_cost.stderr
    bad_target = invoke(runner, "thresholds", "pakistan_afghanistan", "--target", "Strike|Nothing")
    assert bad_target.exit_code == 2 and "'Nothing' is not a strategy of Afghanistan" in bad_target.stderr
    bad_discount = invoke(runner, "thresholds", "pakistan_afghanistan", "--discount", "1.5")
    assert bad_discount.exit_code == 2 and "between 0 and 1" in bad_discount.stderr
    other = json.loads(
        invoke(runner, "thresholds", "prisoners_dilemma", "--target", "Defect|Defect", "-f", "json").stdout
    )
    assert other["target"] == {"Row": "Defect", "Column": "Defect"}
    assert other["thresholds"]["nash"]["verdict"] == "holds_today"


def test_thresholds_need_a_compromise(runner, tmp_path, case_toml):
    path = tmp_path / "nocompromise.toml"
    path.write_text(
        case_toml.replace('compromise = "Restrain strikes"\n', "")
        .replace('incidence = "own_confront"', 'incidence = "custom"\nexposure = { "Strike|Tolerate TTP" = [1, 0] }')
        .replace(
            '[[costs]]\nname = "trade_disruption"\nincidence = "any_conflict"',
            '[[costs]]\nname = "trade_disruption"\nincidence = "custom"\nexposure = { "Strike|Tolerate TTP" = [1, 1] }',
        )
        .replace('between = ["Pakistan", "Afghanistan"]\n', "")
        .replace(
            'name = "refugee_returns"\nincidence = "any_conflict"',
            'name = "refugee_returns"\nincidence = "custom"\nexposure = { "Strike|Tolerate TTP" = [0, 1] }',
        )
    )
    result = invoke(runner, "thresholds", str(path))
    assert result.exit_code == 1, result.output
    assert "Pakistan name no compromise strategy" in result.stderr


def test_sweep_regimes_json(runner):
    data = json.loads(invoke(runner, "sweep", "pakistan_afghanistan", "-f", "json").stdout)
    assert data["breakpoints"] == ["4/3", "4"]
    labels = [(r["lo"], r["hi"], r["point"]) for r in data["regimes"]]
    assert labels == [
        ("0", "4/3", False),
        ("4/3", "4/3", True),
        ("4/3", "4", False),
        ("4", "4", True),
        ("4", None, False),
    ]
    assert data["regimes"][0]["summary"] == "(Strike, Tolerate TTP)"
    # κ = 0 and today (κ = 1) fall in [0, 4/3), the top of the range (2) in (4/3, 4).
    assert [r["contains_kappa"] for r in data["regimes"]] == [["0", "1"], [], ["2"], [], []]


def test_sweep_plot_writes_a_png(runner, tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "regimes.png"
    result = invoke(runner, "sweep", "pakistan_afghanistan", "--plot", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"wrote {target}" in result.stderr
    bad = invoke(runner, "sweep", "pakistan_afghanistan", "--plot", str(tmp_path / "x.txt"))
    assert bad.exit_code == 1 and ".png" in bad.stderr


def test_analyze_defaults_to_the_case_and_concludes(runner):
    result = invoke(runner, "analyze")
    assert result.exit_code == 0, result.output
    assert "Pakistan-Afghanistan" in result.stdout
    assert "becomes an equilibrium at κ = 4/3" in " ".join(result.stdout.split())
    data = json.loads(invoke(runner, "analyze", "-f", "json").stdout)
    assert data["thresholds"]["thresholds"]["unique"]["verdict"] == "beyond"
    assert "At today's costs (κ = 1) the only equilibrium is (Strike, Tolerate TTP)." in data["conclusion"]
    assert data["equilibria"]["kappa"] == 0 and data["equilibria_today"]["kappa"] == 1
    assert data["equilibria_at_top"]["kappa"] == 2
    assert [c["id"] for c in data["claims"]["claims"]] == [
        "security_dilemma",
        "no_leverage",
        "ideology",
        "cycles",
        "scenarios",
        "unreachable",
    ]


def test_games_lists_bundled_games(runner):
    data = json.loads(invoke(runner, "games", "-f", "json").stdout)
    case = next(row for row in data if row["name"] == "pakistan_afghanistan")
    assert case["players"] == ["Pakistan", "Afghanistan"] and case["size"] == "2x2"


def test_check_nashpy_reports_what_nashpy_finds(runner):
    data = json.loads(invoke(runner, "solve", "stag_hunt", "--check-nashpy", "-f", "json").stdout)
    assert data["nashpy_check"] == {"found": [1, 2, 3], "missed": [], "not_equilibria": 0, "extra": 0}
    three = invoke(runner, "solve", "pakistan_afghanistan_india", "--check-nashpy")
    assert three.exit_code == 2 and "two-player games only" in three.stderr
