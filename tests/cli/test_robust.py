"""Robustness under uncertainty: the Monte Carlo against its closed form, the vectorised
thresholds against the exact per-sample path, reproducibility, the command line, and the
``weights_range`` key of a cost."""

from __future__ import annotations

import json
import sys

import pytest

from bounds import hang_guard
from cases import BAD_OPTIONS, CASE_TOML
from sovgame.cli import app
from sovgame.errors import extra_hint
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
    header, *rows = csv.stdout.splitlines()
    assert header.startswith("section,key1,") and header.endswith(",exact,value,boolean,text")
    # The three criteria of the table, each with its share within the plausible range.
    shares = [r for r in rows if r.startswith("criteria,") and ",p_within_plausible," in r]
    assert [r.split(",")[1] for r in shares] == ["nash", "dominant", "unique"]


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


# --- on a Dask cluster ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster():
    """Two worker processes on this machine, shared by the tests of this module (starting one
    takes seconds)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        yield cluster


def test_cli_on_a_dask_cluster_gives_the_bytes_of_one_worker(runner, dask_cluster, monkeypatch):
    # Two chunks, open unique samples and their exact subsample: every kind of work item
    # (run_chunk, run_exact_unique) runs on the cluster's worker processes.
    args = ["robust", "pakistan_afghanistan_escalation", "-n", str(CHUNK_SIZE + 100), "--seed", "5"]
    args += ["--unique-subsample", "4", "-f", "json"]
    one = invoke(runner, *args)
    on_cluster = invoke(runner, *args, "--dask", dask_cluster.scheduler_address)
    assert one.exit_code == on_cluster.exit_code == 0, on_cluster.output
    assert on_cluster.stdout == one.stdout
    data = json.loads(on_cluster.stdout)
    assert data["criteria"]["unique"]["subsample"]["size"] == 4
    ran = dask_cluster.scheduler.task_prefixes  # the work did run on the cluster
    assert "run_chunk" in ran and "run_exact_unique" in ran, sorted(ran)
    # The address may come from the environment instead.
    monkeypatch.setenv("SOVGAME_DASK", dask_cluster.scheduler_address)
    table = invoke(runner, "robust", "pakistan_afghanistan", "-n", "3000", "--seed", "2")
    monkeypatch.delenv("SOVGAME_DASK")
    assert (
        table.exit_code == 0
        and table.stdout == invoke(runner, "robust", "pakistan_afghanistan", "-n", "3000", "--seed", "2").stdout
    )


def test_cli_dask_errors_name_the_option(runner, monkeypatch):
    pytest.importorskip("distributed")
    import socket

    from sovgame.cli import robust as command

    assert command.DASK_CONNECT_TIMEOUT <= 10  # a few seconds, not the minutes of a hung connect
    monkeypatch.setattr(command, "DASK_CONNECT_TIMEOUT", 1)  # keep this test quick

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with hang_guard():  # the attempt gives up after the timeout, not after minutes
        refused = invoke(runner, "robust", "stag_hunt", "-n", "100", "--dask", f"tcp://127.0.0.1:{port}")
    assert refused.exit_code == 1 and refused.stderr.startswith("sovgame: --dask: cannot reach"), refused.stderr
    assert "Traceback" not in refused.stderr and refused.stdout == ""
    malformed = invoke(runner, "robust", "stag_hunt", "-n", "100", "--dask", "scheduler-without-port")
    assert (
        malformed.exit_code == 2 and "--dask: 'scheduler-without-port' is not a scheduler address" in malformed.stderr
    )
    both = invoke(runner, "robust", "stag_hunt", "-n", "100", "--dask", "tcp://127.0.0.1:1", "--workers", "2")
    assert both.exit_code == 2 and "--workers" in both.stderr
    monkeypatch.setitem(sys.modules, "distributed", None)  # the extra not installed
    missing = invoke(runner, "robust", "stag_hunt", "-n", "100", "--dask", "tcp://127.0.0.1:8786")
    assert missing.exit_code == 2 and extra_hint("cluster") in missing.stderr and "--dask" in missing.stderr
    assert "Traceback" not in missing.stderr
