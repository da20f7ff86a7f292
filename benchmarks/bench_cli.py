"""Wall time of whole commands from the shell, as a user meets them (start-up included).

Runs each command N times in a fresh process and prints the median and the range. Usage:

    python benchmarks/bench_cli.py [--runs N]

Uses the `sovgame` console script next to this Python (the installed one).
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
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


if __name__ == "__main__":
    main()
