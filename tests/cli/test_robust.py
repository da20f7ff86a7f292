"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import json

import pytest

from cases import BAD_OPTIONS, CASE_TOML
from sovgame.cli import app
from sovgame.robustness.plan import CHUNK_SIZE
from support import invoke


@pytest.mark.parametrize("options, parameter, option", BAD_OPTIONS)
def test_the_command_line_names_the_option(runner, tmp_path, options, parameter, option):
    path = tmp_path / "cardinal.toml"
    path.write_text(CASE_TOML.replace('payoff_scale = "ordinal"', 'payoff_scale = "cardinal"'), encoding="utf-8")
    ((name, value),) = options.items()
    result = runner.invoke(app, ["robust", str(path), "--samples", "10", option, str(value)])
    assert result.exit_code == 2 and f"sovgame: {option}: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_cli_json_has_the_documented_keys(runner):
    result = invoke(runner, "robust", "pakistan_afghanistan", "--samples", "2000", "--seed", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    data = json.loads(result.stdout)
    assert data["samples"] == 2000 and data["seed"] == 3
    for name in ("nash", "dominant", "unique"):
        criterion = data["criteria"][name]
        assert isinstance(criterion["p_within_plausible"], float) and len(criterion["ci95"]) == 2
        assert isinstance(criterion["never_share"], float)
        assert all(v is None or isinstance(v, float) for v in criterion["quantiles"].values())


def test_cli_workers_give_the_same_json(runner):
    args = ["robust", "pakistan_afghanistan", "--samples", str(CHUNK_SIZE + 500), "--seed", "9", "-f", "json"]
    one = invoke(runner, *args, "--workers", "1")
    two = invoke(runner, *args, "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_cli_table_and_csv(runner, case_file):
    table = invoke(runner, "robust", str(case_file), "-n", "1000")
    assert table.exit_code == 0, table.output
    assert "Robustness of the cost thresholds" in table.stdout and "same verdict" in table.stdout
    assert "Equilibria at κ = 2" in table.stdout
    csv = invoke(runner, "robust", str(case_file), "-n", "1000", "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("criterion,in the file,")
    assert len(csv.stdout.splitlines()) == 4


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--samples", "0"], "--samples"),
        (["--noise", "-1"], "--noise"),
        (["--workers", "0"], "--workers"),
        (["--noise", "abc"], "noise"),
        (["--samples", "many"], "samples"),
    ],
)
def test_cli_bad_options_exit_2(runner, case_file, args, needle):
    cardinal = case_file.parent / "cardinal.toml"
    cardinal.write_text(case_file.read_text().replace('"ordinal"', '"cardinal"'), encoding="utf-8")
    result = invoke(runner, "robust", str(cardinal), *args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr and result.stdout == ""


def test_cli_bad_file_exits_1(runner, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[game]\n", encoding="utf-8")
    result = invoke(runner, "robust", str(path))
    assert result.exit_code == 1 and "game.title" in result.stderr
