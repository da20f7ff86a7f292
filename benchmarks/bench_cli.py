"""Wall time of whole commands from the shell, as a user meets them (start-up included).

Runs each command N times in a fresh process and prints the median and the range. Usage:

    python benchmarks/bench_cli.py [--runs N] [--startup-runs N] [--before PATH] [--startup-only]

Uses the `sovgame` console script next to this Python (the installed one).

Then the start-up rows: `sovgame --version` (goal at most 0.12 s) and `sovgame solve
pakistan_afghanistan` (a 2x2 game; goal at most 0.08 s over `--version`) from the shell, as
`python -m sovgame` with the package's bytecode compiled first (an installed copy has it;
without it every module is compiled from source on each run, about 60 ms more here),
interleaved with each other and with the same commands of another source tree (``--before``,
e.g. an export of the previous commit: ``git archive REV src | tar -x -C DIR``); wall time
and CPU time (user + system, less sensitive to other processes on a busy machine); and where
the time of `solve` goes: the imports, by the top-level package (``-X importtime``, own time
of each module summed by package, median over the runs). Last, the goal table: ``--version``
and ``solve`` over ``--version`` for each tree, wall seconds with CPU seconds beside them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = [
    ["solve", "pakistan_afghanistan"],
    ["thresholds", "pakistan_afghanistan"],
    ["analyze"],
    ["analyze", "stag_hunt"],
    ["claims", "pakistan_afghanistan"],
    ["--version"],
]


STARTUP = ["solve", "pakistan_afghanistan"]
VERSION = ["--version"]
SOURCE = Path(__file__).resolve().parents[1] / "src"


def startup(runs: int, before: Path | None) -> None:
    """The start-up rows: ``--version`` and ``solve`` on a 2x2 game, wall and CPU time, and
    the imports of ``solve``."""
    trees = {"now": SOURCE} | ({"before": before / "src" if (before / "src").exists() else before} if before else {})
    for tree in trees.values():  # bytecode, as an installed copy has it
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "sovgame")], check=True)
    commands = {"--version": VERSION, "solve": STARTUP}
    wall: dict[tuple[str, str], list[float]] = {(t, c): [] for t in trees for c in commands}
    cpu: dict[tuple[str, str], list[float]] = {(t, c): [] for t in trees for c in commands}
    imports: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(runs):
        for name, tree in trees.items():  # interleaved: the machine's load falls on all alike
            env = {**os.environ, "PYTHONPATH": str(tree)}
            for command, argv in commands.items():
                before_run = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "sovgame", *argv], stdout=subprocess.DEVNULL, env=env, check=True)
                wall[name, command].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name, command].append(after.ru_utime - before_run.ru_utime + after.ru_stime - before_run.ru_stime)
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-m", "sovgame", *STARTUP],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                check=True,
            )
            imports[name].append(import_times(done.stderr))
    print(
        f"\nstart-up from the shell, {runs} runs each, bytecode compiled; goals: --version <= 0.12 s, "
        f"solve {' '.join(STARTUP[1:])} (2x2) <= 0.08 s over --version"
    )
    for name in trees:
        version_wall, solve_wall = (statistics.median(wall[name, c]) for c in commands)
        version_cpu, solve_cpu = (statistics.median(cpu[name, c]) for c in commands)
        print(
            f"{name:7} --version median {version_wall:.3f} s wall ({version_cpu:.3f} s CPU); solve median "
            f"{solve_wall:.3f} s wall ({solve_cpu:.3f} s CPU); solve over --version {solve_wall - version_wall:.3f} s "
            f"wall ({solve_cpu - version_cpu:.3f} s CPU)"
        )
        shares = {
            key: statistics.median(run.get(key, 0.0) for run in imports[name])
            for key in ("numpy", "typer", "rich", "sovgame", "other")
        }
        print(
            f"{'':7} imports of solve in ms: " + ", ".join(f"{key} {1e3 * value:.0f}" for key, value in shares.items())
        )
    print(f"\ngoal table (start-up, medians of {runs} runs from the shell, wall with CPU beside it)")
    print(f"{'tree':7} {'--version s':>16} {'goal':>7}   {'solve over --version s':>23} {'goal':>7}")
    for name in trees:
        version = statistics.median(wall[name, "--version"]), statistics.median(cpu[name, "--version"])
        over = (statistics.median(wall[name, "solve"]) - version[0], statistics.median(cpu[name, "solve"]) - version[1])
        print(
            f"{name:7} {version[0]:8.3f} ({version[1]:.3f}) {'<= 0.12':>7}   {over[0]:15.3f} ({over[1]:.3f}) "
            f"{'<= 0.08':>7}"
        )


def import_times(report: str) -> dict[str, float]:
    """Seconds spent importing, by package: the own time of each module imported (its
    ``-X importtime`` self column), summed by top-level package; the standard library and
    everything else under "other"."""
    totals: dict[str, float] = {}
    for line in report.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        top = parts[2].strip().split(".")[0]
        key = top if top in ("numpy", "typer", "rich", "sovgame") else "other"
        totals[key] = totals.get(key, 0.0) + int(parts[0]) / 1e6
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--startup-runs", type=int, default=21)
    parser.add_argument("--before", type=Path, help="another source tree to time side by side")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up rows and their goal table")
    args = parser.parse_args()
    if args.startup_only:
        startup(args.startup_runs, args.before)
        return
    script = Path(sys.executable).with_name("sovgame")
    exe = str(script) if script.exists() else shutil.which("sovgame")
    if exe is None:
        sys.exit("the sovgame console script is not installed next to this Python")
    print(f"{args.runs} runs each of {exe} (stdout discarded)")
    for command in COMMANDS:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([exe, *command], stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        print(
            f"sovgame {' '.join(command):32} median {statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f})"
        )
    startup(args.startup_runs, args.before)


if __name__ == "__main__":
    main()
