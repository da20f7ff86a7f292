"""Wall time of whole commands from the shell, as a user meets them (start-up included).

Runs each command N times in a fresh process and prints the median and the range. Usage:

    python benchmarks/bench_cli.py [--runs N] [--startup-runs N] [--before PATH]

Uses the `sovgame` console script next to this Python (the installed one).

Then the start-up row: `sovgame solve pakistan_afghanistan` (a 2x2 game) from the
shell, goal under 0.25 s, as `python -m sovgame` with the package's bytecode compiled first
(an installed copy has it; without it every module is compiled from source on each run,
about 60 ms more here), interleaved with the same command of another source tree
(``--before``, e.g. an export of the previous commit: ``git archive REV src | tar -x -C
DIR``), and where the time goes: the imports, by the top-level package (``-X importtime``,
own time of each module summed by package, median over the runs).
"""

from __future__ import annotations

import argparse
import os
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
SOURCE = Path(__file__).resolve().parents[1] / "src"


def startup(runs: int, before: Path | None) -> None:
    """The start-up row: the wall time of ``sovgame solve`` on a 2x2 game, and its imports."""
    trees = {"now": SOURCE} | ({"before": before / "src" if (before / "src").exists() else before} if before else {})
    for tree in trees.values():  # bytecode, as an installed copy has it
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "sovgame")], check=True)
    times: dict[str, list[float]] = {name: [] for name in trees}
    imports: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(runs):
        for name, tree in trees.items():  # interleaved: the machine's load falls on both alike
            env = {**os.environ, "PYTHONPATH": str(tree)}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "sovgame", *STARTUP], stdout=subprocess.DEVNULL, env=env, check=True)
            times[name].append(time.perf_counter() - start)
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-m", "sovgame", *STARTUP],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                check=True,
            )
            imports[name].append(import_times(done.stderr))
    print(f"\nsovgame {' '.join(STARTUP)} (2x2) from the shell, {runs} runs each, bytecode compiled; goal < 0.25 s")
    for name in trees:
        wall = times[name]
        shares = {
            key: statistics.median(run.get(key, 0.0) for run in imports[name])
            for key in ("numpy", "typer", "rich", "sovgame", "other")
        }
        parts = ", ".join(f"{key} {1e3 * value:.0f}" for key, value in shares.items())
        print(
            f"{name:7} median {statistics.median(wall):.3f} s (min {min(wall):.3f}, max {max(wall):.3f}); "
            f"imports in ms: {parts}"
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
    args = parser.parse_args()
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
