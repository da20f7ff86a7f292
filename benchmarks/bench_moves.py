"""Time, in process, what goes beyond one simultaneous move on the bundled case: the move-order
analysis (``sovgame sequential``), the trust analysis with Kabul's types (``sovgame trust``)
and the thresholds as functions of Kabul's success probability (``thresholds --vary
capacity``). The target is under 50 ms each.

Each game is loaded fresh for every run, so cached cost loads do not flatter the figure.
Prints the median and the spread over the runs. Usage:

    python benchmarks/bench_moves.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from sovgame import load_game
from sovgame.costs.capacity import vary_capacity
from sovgame.play.sequential import analyze_sequential
from sovgame.play.trust import analyze_trust


def measure(name: str, analysis, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        game = load_game(name)
        start = time.perf_counter()
        analysis(game)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    cases = {
        "sequential: pakistan_afghanistan": ("pakistan_afghanistan", analyze_sequential),
        "trust: pakistan_afghanistan": ("pakistan_afghanistan", analyze_trust),
        "trust: pakistan_afghanistan_types": ("pakistan_afghanistan_types", analyze_trust),
        "vary capacity: pakistan_afghanistan_capacity": ("pakistan_afghanistan_capacity", vary_capacity),
    }
    for name, analysis in cases.values():  # warm-up: imports and caches of code paths
        measure(name, analysis, 2)
    print(f"moves beyond one simultaneous shot, {args.runs} runs each, in process (target < 50 ms)")
    print(f"{'analysis':48} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    for label, (name, analysis) in cases.items():
        times = measure(name, analysis, args.runs)
        print(f"{label:48} {1000 * statistics.median(times):10.2f} {1000 * min(times):8.2f} {1000 * max(times):8.2f}")


if __name__ == "__main__":
    main()
