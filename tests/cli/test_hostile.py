"""Hostile conditions around the command line: each ends in a message and a documented exit
code, never a traceback, and changes no file.

Encodings that cannot show κ, output that cannot be written, a working folder deleted from
under the shell, a broken matplotlib back end, signals to a command running workers, numbers
too large for floating point, games too large for a command's budget, and names crafted to
run as spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cases import CASE_TOML

#: A generous cap that only catches a hang (the machine may be busy).
HANG = 120


def sovgame(*args, env=None, cwd=None, timeout=HANG):
    """sovgame in a subprocess, as a user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sovgame", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=timeout,
    )


def clean_failure(done, code=1):
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == code, stderr
    assert "Traceback" not in stderr and stderr.startswith("sovgame: "), stderr
    return stderr


# --- encodings that cannot show sovgame's symbols --------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""},
    ],
    ids=["ascii", "latin-1", "C locale"],
)
def test_symbols_are_spelled_out_where_the_encoding_lacks_them(env):
    table = sovgame("thresholds", "pakistan_afghanistan", env=env)
    assert table.returncode == 0, table.stderr
    text = table.stdout.decode("latin-1")
    assert "threshold kappa" in text and "κ" not in table.stdout.decode("utf-8", "replace")
    # The columns stay aligned: every line of a table (a run of lines drawn with | and +)
    # has the same width.
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith(("|", "+")):
            current.append(len(line))
        elif current:
            tables.append(set(current))
            current = []
    assert len(tables) >= 3 and all(len(widths) == 1 for widths in tables), tables
    data = sovgame("thresholds", "pakistan_afghanistan", "-f", "json", env=env)
    assert data.returncode == 0, data.stderr
    data.stdout.decode("ascii")  # \u escapes: plain ASCII, the same text to a JSON reader
    assert json.loads(data.stdout)["thresholds"]["nash"]["exact"] == "4/3"
    assert sovgame("analyze", env=env).returncode == 0


# --- output that cannot be written, a folder that is gone, a broken back end ----------------------


def test_output_to_a_full_device_is_a_message():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "sovgame", "solve", "pakistan_afghanistan"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=HANG,
        )
    assert "no space left on the device" in clean_failure(done)


def test_a_deleted_working_folder_is_a_message(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    code = (
        "import os, sys, runpy; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.argv = ['sovgame', 'report', 'pakistan_afghanistan', '-o', 'r.html']; "
        "runpy.run_module('sovgame', run_name='__main__')"
    )
    done = subprocess.run([sys.executable, "-c", code, str(gone)], capture_output=True, timeout=HANG)
    assert "the current folder no longer exists" in clean_failure(done)


def test_an_unknown_matplotlib_back_end_does_not_stop_a_plot(tmp_path):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "chart.png"
    done = sovgame("sweep", "pakistan_afghanistan", "--plot", str(chart), env={"MPLBACKEND": "nonexistent_backend"})
    assert done.returncode == 0, done.stderr
    assert chart.read_bytes().startswith(b"\x89PNG")


# --- signals to a command with workers ----------------------------------------------------------------


def children_of(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux: /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
@pytest.mark.parametrize("signum, code", [(signal.SIGHUP, 129), (signal.SIGQUIT, 131), (signal.SIGTERM, 143)])
def test_a_signal_stops_robust_and_its_workers(signum, code):
    process = subprocess.Popen(
        [sys.executable, "-m", "sovgame", "robust", "pakistan_afghanistan_escalation"]
        + ["--samples", "5000000", "--workers", "2", "--max-work", "1e12"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + HANG
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        workers = children_of(process.pid)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(0.5)
    process.send_signal(signum)
    # communicate() returns only once every holder of the pipes (the workers too) is gone.
    _, stderr = process.communicate(timeout=HANG)
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr and b"stopped by" in stderr
    assert not any(alive(w) for w in workers)


# --- numbers past floating point, games past a command's budget -------------------------------------


def test_mediation_at_a_cost_level_past_floating_point_is_exact():
    done = sovgame("mediate", "pakistan_afghanistan", "--kappa", "9" * 99, "-f", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    # At so high a cost compromise is dominant for both: the only correlated equilibrium
    # puts probability 1 on it, and the proof is exact.
    assert data["ce_max_target_probability"] == 1 and data["ce_max_welfare"]["certified"] is True


def test_mediation_of_a_game_past_the_budget_is_refused_before_it_starts(tmp_path):
    players = "".join(
        f'[[players]]\nname = "P{i}"\nstrategies = ["a", "b", "c", "d"]\ncompromise = "a"\n' for i in range(6)
    )
    import itertools

    cells = "".join(
        f'"{"|".join(p)}" = [{", ".join("1" for _ in range(6))}]\n' for p in itertools.product("abcd", repeat=6)
    )
    path = tmp_path / "six.toml"
    path.write_text(f'[game]\ntitle = "six"\n{players}[payoffs]\n{cells}')
    done = sovgame("mediate", str(path))
    assert "--max-work" in clean_failure(done)


def test_dynamics_refuses_a_time_that_is_no_number():
    assert "--time" in clean_failure(sovgame("dynamics", "stag_hunt", "--time", "nan"), code=2)


def test_show_counts_its_work(tmp_path):
    size = 120
    lines = ['[game]\ntitle = "wide"']
    for name in ("R", "C"):
        lines.append(
            f'[[players]]\nname = "{name}"\nstrategies = [{", ".join(f"{chr(34)}{name}{k}{chr(34)}" for k in range(size))}]'
        )
    lines.append("[payoffs]")
    lines += [f'"R{i}|C{j}" = [1, 2]' for i in range(size) for j in range(size)]
    path = tmp_path / "wide.toml"
    path.write_text("\n".join(lines) + "\n")
    refused = sovgame("show", str(path), "--max-work", "1e5")
    assert "showing this 120x120 game" in clean_failure(refused)
    assert sovgame("show", str(path), "-f", "json").returncode == 0


# --- formulas in names --------------------------------------------------------------------------------


FORMULAS = {
    "title": "=2+5",
    "Pakistan": '=HYPERLINK("http://evil.example/","x")',
    "Afghanistan": "+SUM(1,1)",
    "Strike": "@SUM(A1)",
}


def formula_game(tmp_path) -> Path:
    text = CASE_TOML.replace('title = "Pakistan-Afghanistan: the TTP sanctuary dilemma"', 'title = "=2+5"')
    for name in ("Pakistan", "Afghanistan", "Strike"):
        text = text.replace(f'"{name}', f'"{FORMULAS[name].replace(chr(34), chr(92) + chr(34))}')
    text += '\n[[claims]]\nid = "c1"\ntext = "=1+1"\nsource = "@source"\n'
    text += 'test = { kind = "threshold", criterion = "nash", expect = ["beyond", "never"] }\n'
    path = tmp_path / "formulas.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("command", ["show", "solve", "thresholds", "analyze", "claims", "sweep"])
def test_no_csv_cell_can_run_as_a_formula(tmp_path, command):
    path = formula_game(tmp_path)
    done = sovgame(command, str(path), "-f", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8"))))
    cells = [cell for row in rows for cell in row]
    neutralised = [c for c in cells if c.startswith("'") and c[1:2] in ("=", "+", "@")]
    assert neutralised, cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    numbers_only = [c for c in cells if c.startswith("-")]
    for cell in numbers_only:  # a minus sign starts only numbers as sovgame writes them
        assert cell == "-inf" or cell.lstrip("-")[0].isdigit(), cell
