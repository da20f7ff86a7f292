"""Nothing hangs: inputs that ran until killed are refused at once, saying why and what to do.

Each case here once ran for a minute or more (or filled gigabytes). Each test now asserts the
refusal's message and that it came before any counted work (the work account of the command,
:mod:`sovgame.core.budget`), or bounds the memory in a subprocess; a generous cap in wall time
catches a hang without failing on a busy machine.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from bounds import HANG_SECONDS, hang_guard, units, work_counted
from cases import CASE_TOML
from support import invoke

MEMORY = 2 * 1024**3  # a runaway allocation fails instead of filling the machine
#: The hang guard of the two solves below, which do seconds of real work (tens on a loaded
#: machine): still well short of the 448 s the 1x2000 game once took.
SOLVING_HANG_SECONDS = 5 * HANG_SECONDS


def game_text(shape, costs=True, value=lambda i: (i * 7919) % 10, scale="cardinal"):
    """A game of the given shape with pseudo-random integer payoffs and one cost."""
    import itertools

    names = [f"P{p}" for p in range(len(shape))]
    lines = [f'[game]\ntitle = "generated"\npayoff_scale = "{scale}"']
    for p, k in enumerate(shape):
        strategies = ", ".join(f'"s{j}"' for j in range(k))
        lines.append(f'[[players]]\nname = "{names[p]}"\nstrategies = [{strategies}]\ncompromise = "s0"')
    lines.append("[payoffs]")
    for index, profile in enumerate(itertools.product(*(range(k) for k in shape))):
        key = "|".join(f"s{j}" for j in profile)
        values = ", ".join(str(value(index * len(shape) + i)) for i in range(len(shape)))
        lines.append(f'"{key}" = [{values}]')
    if costs:
        lines.append(f'[[costs]]\nname = "c"\nincidence = "own_confront"\nweights = [{", ".join(["1"] * len(shape))}]')
    return "\n".join(lines) + "\n"


@pytest.fixture
def make_game(tmp_path):
    def make(shape, **options):
        path = tmp_path / f"g{'x'.join(map(str, shape))}.toml"
        path.write_text(game_text(shape, **options))
        return str(path)

    return make


def at_once(runner, *args):
    """Run in process; returns the result and the work units the command counted."""
    with hang_guard(), work_counted() as accounts:
        result = invoke(runner, *args)
    return result, units(accounts)


def refused_in_process(runner, *args, done=0):
    """Run in process; the refusal must come before more than ``done`` units of counted work
    and say how to get past it."""
    result, work = at_once(runner, *args)
    assert work <= done, f"{args}: {work:,} units done before the refusal"
    assert result.exit_code == 1, result.output
    assert "--max-work" in result.stderr and "Traceback" not in result.output
    return result


def run(*args, timeout=HANG_SECONDS, input=None):
    """sovgame in a subprocess, with a memory cap and a timeout that only catches a hang."""

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "sovgame", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
        preexec_fn=cap,
    )


# --- huge numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["show", "solve", "thresholds"])
def test_a_payoff_with_a_huge_exponent_is_refused_at_once(runner, tmp_path, command):
    path = tmp_path / "huge.toml"
    path.write_text(CASE_TOML.replace("[2, 2]", '["1e999999999", 2]'))
    result, work = at_once(runner, command, str(path))
    assert work == 0  # refused while reading the file
    assert result.exit_code == 1 and 'payoffs."Strike|Tolerate TTP"[0]' in result.stderr
    assert "at most 100 digits" in result.stderr


@pytest.mark.parametrize("kappa", ["1e999999999", "1e400", "1e-400", "-1e999999999"])
def test_a_huge_or_tiny_kappa_is_a_usage_error_at_once(runner, kappa):
    result, work = at_once(runner, "solve", "pakistan_afghanistan", "--kappa", kappa)
    assert work == 0
    assert result.exit_code == 2 and "--kappa" in result.stderr and "at most 100 digits" in result.stderr


@pytest.mark.parametrize("number, expected", [("3e999999999", "at most 100 digits"), ("7" * 5000, "too long")])
def test_an_nfg_payoff_past_the_limits_is_refused_with_its_place(runner, tmp_path, number, expected):
    path = tmp_path / "huge.nfg"
    path.write_text(f'NFG 1 R "t" {{ "A" "B" }}\n{{ 2 2 }}\n1 2 {number} 4 5 6 7 8\n')
    result, _ = at_once(runner, "convert", str(path), str(tmp_path / "out.toml"))
    assert result.exit_code == 1 and "line 3, column 5" in result.stderr and expected in result.stderr


@pytest.mark.parametrize("value", ["1e400", "10" + "0" * 400, '"1e-320"', "0." + "0" * 300 + "1"])
def test_numbers_a_float_cannot_hold_are_refused_not_crashed_on(runner, tmp_path, value):
    path = tmp_path / "far.toml"
    path.write_text(CASE_TOML.replace("[2, 2]", f"[{value}, 2]"))
    for command in ("show", "solve", "thresholds", "sweep", "analyze"):
        result = invoke(runner, command, str(path))
        assert result.exit_code == 1 and "at most 100" in result.stderr, (command, result.output)


def test_robust_refuses_noise_that_would_overflow_without_a_warning(runner):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy overflow warning would fail the test
        result = invoke(runner, "robust", "pakistan_afghanistan", "--noise", "1e308", "--samples", "100")
        inf = invoke(runner, "robust", "pakistan_afghanistan", "--noise", "1e400", "--samples", "100")
    assert result.exit_code == 2 and "--noise: must be below 1e+100" in result.stderr
    assert inf.exit_code == 2 and "--noise" in inf.stderr


# --- work past the budget ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["sweep", "report"])
def test_the_regimes_of_an_8x8_game_are_refused_within_a_second(runner, make_game, tmp_path, command):
    # Every regime needs the roots of all 12,805 support pairs and two solves per breakpoint.
    game = make_game((8, 8))
    result = refused_in_process(
        runner, command, game, *(["-o", str(tmp_path / "r.json")] if command == "report" else [])
    )
    assert "pairs of supports" in result.stderr
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("command", ["thresholds", "whatif", "analyze"])
def test_the_thresholds_of_an_8x8_game_answer_within_the_default_limit(runner, make_game, command):
    # They gave no answer after 600 s once (7x7 took 180 s), then were refused; the walk of
    # the uniqueness tail takes well under a second (benchmarks/bench_thresholds.py).
    game = make_game((8, 8))
    result, work = at_once(runner, command, game, *(["--set", "plausible_kappa=0,3"] if command == "whatif" else []))
    assert result.exit_code == 0, result.output
    assert 0 < work <= 20_000_000  # counted, within the default limit


@pytest.mark.parametrize(
    "shape, command",
    [((50, 50), c) for c in ("thresholds", "sweep", "whatif", "robust", "solve")]
    + [((200, 200), c) for c in ("thresholds", "robust")],
)
def test_huge_square_games_are_refused_at_once_in_little_memory(make_game, shape, command):
    # Listing the support pairs of a 50x50 game to count them filled 10 GB within a minute.
    game = make_game(shape)
    extra = ["--set", "plausible_kappa=0,3"] if command == "whatif" else []
    result = run(command, game, *extra)
    assert result.returncode == 1, result.stderr
    assert "--max-work" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("shape", [(2, 1000), (1, 8000)])
def test_lopsided_games_are_refused_by_solve(make_game, shape):
    # 2x1000 took 7.3 GB and over 60 s, 1x8000 5.1 GB.
    result = run("solve", make_game(shape, costs=False))
    assert result.returncode == 1 and "linear systems" in result.stderr and "--max-work" in result.stderr


def test_a_12x12_game_is_solved_within_the_memory_cap(make_game):
    # Solving all 2.7 million square systems took 27 s and 870 MB; pivoting between vertices
    # visits a few thousand bases (benchmarks/bench_solve.py).
    result = run("solve", make_game((12, 12), costs=False), "-f", "json", timeout=SOLVING_HANG_SECONDS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["equilibria"]


def test_a_1x2000_game_is_solved_within_the_work_it_is_allowed(make_game):
    # Within the default limit (about 4e6 units) yet 448 s once: the exact Nash check of each
    # of its ~200 equilibria rebuilt a 2000-entry strategy per pure deviation (cubic in the
    # strategies); it is linear now.
    result = run("solve", make_game((1, 2000), costs=False), "-f", "json", timeout=SOLVING_HANG_SECONDS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["equilibria"]


def test_robust_on_six_players_is_refused_before_sampling(make_game):
    # 6 players x 4 strategies with 2,000 samples passed 60 s and 1.4 GB.
    result = run("robust", make_game((4,) * 6), "--samples", "2000")
    assert result.returncode == 1 and "--max-work" in result.stderr


@pytest.mark.parametrize("shape", [(5, 5, 5), (4, 4, 4), (3, 3, 3, 3), (2, 2, 2, 2, 2, 2)])
def test_support_enumeration_past_the_limit_is_refused(runner, make_game, shape):
    # 4x4x4: 3,375 support profiles, the largest with up to 56 solutions of 9 equations.
    result = refused_in_process(runner, "solve", make_game(shape, costs=False))
    assert "support profiles" in result.stderr


def test_a_3x3x2_game_is_solved_completely_within_the_default_limit(runner, make_game):
    with hang_guard():  # bench_nplayer.py measures the speed
        result = invoke(runner, "solve", make_game((3, 3, 2), costs=False), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["complete"] is True


def test_a_sweep_whose_regimes_would_take_too_long_is_refused_before_it_starts(runner, make_game):
    # 7x7: 3,382 support pairs and two solves for each of about as many breakpoints.
    result = refused_in_process(runner, "sweep", make_game((7, 7)))
    assert "the breakpoints in κ of this 7x7 game" in result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (["repeated", "pakistan_afghanistan", "--periods", "1000000000000"], "1,000,000,000,000 periods"),
        (["dynamics", "stag_hunt", "--time", "1e300"], "learning dynamics"),
        (["dynamics", "stag_hunt", "--iterations", "100000000000"], "100,000,000,000 rounds"),
    ],
)
def test_play_commands_estimate_their_work_too(runner, args, expected):
    result = refused_in_process(runner, *args)
    assert expected in result.stderr


def test_mediate_on_a_large_game_is_refused(runner, make_game):
    result = refused_in_process(runner, "mediate", make_game((60, 60)))
    assert "linear program" in result.stderr


def test_max_work_lowers_and_raises_the_limit(runner, make_game):
    game = make_game((3, 3))
    assert invoke(runner, "thresholds", game).exit_code == 0
    low = invoke(runner, "thresholds", game, "--max-work", "1000")
    assert low.exit_code == 1 and "past the limit of 1,000" in low.stderr
    sweep = invoke(runner, "sweep", make_game((5, 5)), "--max-work", "1000")
    assert sweep.exit_code == 1
    raised = invoke(runner, "sweep", make_game((4, 4)), "--max-work", "1e8", "-f", "json")
    assert raised.exit_code == 0 and json.loads(raised.stdout)["regimes"]
    for bad in ("0", "-5", "1.5", "lots"):
        assert invoke(runner, "solve", "stag_hunt", "--max-work", bad).exit_code == 2


def test_dev_zero_as_standard_input_is_refused_at_the_cap(tmp_path):
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [sys.executable, "-m", "sovgame", "show", "-"],
            stdin=zeros,
            capture_output=True,
            text=True,
            timeout=HANG_SECONDS,
        )
    assert result.returncode == 1 and "<stdin>: larger than 8.0 MiB" in result.stderr


def test_long_allowed_work_shows_progress_on_a_terminal(tmp_path):
    # stderr on a pseudo-terminal: the progress display appears after a second.
    import pty

    rng = random.Random(0)
    game = str(tmp_path / "six.toml")  # sweep: about four seconds
    Path(game).write_text(game_text((6, 6), value=lambda i: rng.randint(0, 9)))
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "sovgame", "sweep", game, "--max-work", "1e9"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    assert b"6x6 game" in seen and b"% of the estimate" in seen and b"0:00:0" in seen  # step, share, time


# --- stopping cleanly ---------------------------------------------------------------------------------


def test_ctrl_c_stops_a_long_computation_with_exit_130_and_no_traceback(make_game, tmp_path):
    game = make_game((7, 7))  # a few minutes of work, allowed by a raised limit
    process = subprocess.Popen(
        [sys.executable, "-m", "sovgame", "report", game, "-o", str(tmp_path / "r.json"), "--max-work", "1e12"],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130
    stderr = process.stderr.read()
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "r.json").exists()


def test_ctrl_c_stops_robust_with_worker_processes(tmp_path):
    rng = random.Random(0)
    text = game_text((6, 6), scale="ordinal", value=lambda i: rng.randint(0, 9))
    game = tmp_path / "ordinal.toml"  # open samples: half a minute or more of exact subsample
    game.write_text(text.replace("own_confront", "any_conflict"))
    command = ["robust", str(game), "--workers", "2", "--samples", "100000", "--max-work", "1e12"]
    process = subprocess.Popen(
        [sys.executable, "-m", "sovgame", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(3)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the workers too
    assert process.wait(timeout=30) == 130
    stdout, stderr = process.communicate()
    assert "Traceback" not in stderr and stdout == ""


# --- the sensitivity and the numbers that decide the verdicts ----------------------------------


def two_cost_game(make_game, shape):
    """A game of ``shape`` with two costs (own and any conflict), whose deciding numbers need
    the equilibria of the game in each number."""
    path = Path(make_game(shape))
    text = path.read_text()
    path.write_text(text + '[[costs]]\nname = "d"\nincidence = "any_conflict"\nweights = [2, 1]\n')
    return str(path)


def test_analyze_of_an_8x8_game_with_two_costs_leaves_the_deciding_numbers_out_at_once(runner, make_game):
    # The deciding numbers (a sensitivity run inside analyze) took 38 s and then failed the whole
    # command on the work limit; with it raised, a single number took 140 s.
    game = two_cost_game(make_game, (8, 8))
    result, work = at_once(runner, "analyze", game, "-f", "json")
    assert result.exit_code == 0, result.output
    # Equilibria and thresholds count about 1.5 million units; following the numbers would
    # have passed the limit of 20 million, so none of that work was started.
    assert work <= 5_000_000, work
    data = json.loads(result.stdout)
    assert data["thresholds"] is not None and data["deciding"] is None
    assert "past the limit" in data["deciding_left_out"] and "units of work" in data["deciding_left_out"]
    table = invoke(runner, "analyze", game)
    assert table.exit_code == 0 and "left out:" in table.stdout and "--max-work" in table.stdout


@pytest.mark.parametrize("shape", [(8, 8), (10, 10)])
def test_the_sensitivity_of_a_large_game_is_refused_within_seconds(runner, make_game, shape):
    # 8x8: 140 s for the first number alone; 10x10: minutes (205 numbers).
    # The thresholds at the file's values come first (about a million units); following one
    # number would take far more.
    result = refused_in_process(runner, "sensitivity", two_cost_game(make_game, shape), done=2_000_000)
    assert "units of work" in result.stderr


def test_the_sensitivity_of_a_40x40_game_is_refused_before_any_number(runner, make_game):
    # 3,202 numbers, each read at least once over 124,800 comparisons: it took 6 s to refuse
    # after following its first numbers; the least work is counted first.
    result = refused_in_process(runner, "sensitivity", two_cost_game(make_game, (40, 40)))
    assert "each read at least once" in result.stderr


def test_claims_and_sensitivity_take_max_work(runner):
    # Neither had the option, though both run in a work account (exit 2: no such option).
    for command in ("claims", "sensitivity"):
        result = invoke(runner, command, "pakistan_afghanistan", "--max-work", "1000")
        assert result.exit_code == 1 and "--max-work" in result.stderr, (command, result.output)


#: Every command that computes, with arguments that are valid but for --max-work.
COMPUTING = {
    "explore": ["stag_hunt", "--no-browser"],
    "show": ["stag_hunt"],
    "solve": ["stag_hunt"],
    "thresholds": ["stag_hunt"],
    "sweep": ["stag_hunt"],
    "analyze": ["stag_hunt"],
    "claims": ["pakistan_afghanistan"],
    "whatif": ["pakistan_afghanistan", "--set", "cost:trade_disruption=1,1"],
    "scenarios": ["stag_hunt", "chicken"],
    "report": ["stag_hunt", "-o", "{tmp}/report.md"],
    "mediate": ["chicken"],
    "repeated": ["prisoners_dilemma"],
    "dynamics": ["stag_hunt"],
    "robust": ["stag_hunt", "--samples", "100"],
    "sensitivity": ["stag_hunt"],
    "stability": ["prisoners_dilemma"],
    "qre": ["prisoners_dilemma"],
}


def test_max_work_is_declared_and_read_in_one_place(runner, tmp_path):
    import inspect

    from sovgame.cli import app

    for command in app.registered_commands:
        # The shared option is added to the command's signature for typer; the command's own
        # function neither declares nor reads it.
        assert ("max_work" in inspect.signature(command.callback).parameters) == (command.name in COMPUTING)
        assert "max_work" not in inspect.signature(inspect.unwrap(command.callback)).parameters
    assert set(COMPUTING) <= {command.name for command in app.registered_commands}
    for name, args in COMPUTING.items():
        args = [a.replace("{tmp}", str(tmp_path)) for a in args]
        bad = invoke(runner, name, *args, "--max-work", "1.5")
        assert bad.exit_code == 2, (name, bad.output)
        assert "--max-work: give a whole number of work units >= 1 (e.g. 1e9), not 1.5" in bad.stderr, name
    assert not list(tmp_path.iterdir())  # refused before any work: no report written
