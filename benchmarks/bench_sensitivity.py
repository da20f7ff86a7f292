"""Time the full one-at-a-time sensitivity (every number of the file, every criterion, and the
claims the file states) in process, for the bundled case game (2x2) and the 3x3 escalation game;
also the deciding numbers ``analyze`` names and a 41x41 two-number map of the case.

Targets: under 0.5 s for the 2x2 case, under 5 s for the 3x3.
Each game is loaded fresh for every run, so cached cost loads do not flatter the figure.
Prints the median and the spread over the runs. Usage:

    python benchmarks/bench_sensitivity.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from sovgame import load_game
from sovgame.sensitivity.grid import sensitivity_map
from sovgame.sensitivity.one_number import deciding, sensitivity


def measure(job, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    jobs = {
        "full sensitivity, pakistan_afghanistan (2x2)": lambda: sensitivity(load_game("pakistan_afghanistan")),
        "full sensitivity, pakistan_afghanistan_escalation (3x3)": lambda: sensitivity(
            load_game("pakistan_afghanistan_escalation")
        ),
        "deciding numbers (analyze), 2x2": lambda: deciding(load_game("pakistan_afghanistan")),
        "deciding numbers (analyze), 3x3": lambda: deciding(load_game("pakistan_afghanistan_escalation")),
        "41x41 map of unique, two weights, 2x2": lambda: sensitivity_map(
            load_game("pakistan_afghanistan"),
            "cost:military_operations@Pakistan",
            "cost:trade_disruption@Pakistan",
            "unique",
        ),
    }
    measure(jobs["full sensitivity, pakistan_afghanistan (2x2)"], 1)  # warm-up: imports
    sizes = {
        "2x2": len(sensitivity(load_game("pakistan_afghanistan")).entries),
        "3x3": len(sensitivity(load_game("pakistan_afghanistan_escalation")).entries),
    }
    print(
        f"sensitivity, {args.runs} runs each, in process ({sizes['2x2']} entries for the 2x2, {sizes['3x3']} for the 3x3)"
    )
    print(f"{'job':58} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, job in jobs.items():
        times = measure(job, args.runs)
        print(f"{name:58} {statistics.median(times):9.3f} {min(times):7.3f} {max(times):7.3f}")


if __name__ == "__main__":
    main()
