"""Time a full threshold analysis (nash, strict, dominant, unique, risk dominance, repeated
play) in process, for the bundled case game, its 3x2 campaign variant and the 3x3 escalation game.

Each game is loaded fresh for every run, so cached cost loads do not flatter the figure.
Prints the median and the spread over the runs. Usage:

    python benchmarks/bench_thresholds.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from sovgame import load_game
from sovgame.costs.thresholds import compute_thresholds


def measure(make_game, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        game = make_game()
        start = time.perf_counter()
        compute_thresholds(game)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    cases = {
        "pakistan_afghanistan (2x2)": lambda: load_game("pakistan_afghanistan"),
        "pakistan_afghanistan_campaign (3x2)": lambda: load_game("pakistan_afghanistan_campaign"),
        "pakistan_afghanistan_escalation (3x3)": lambda: load_game("pakistan_afghanistan_escalation"),
        "pakistan_afghanistan_india (2x2x2)": lambda: load_game("pakistan_afghanistan_india"),
    }
    measure(cases["pakistan_afghanistan (2x2)"], 3)  # warm-up: imports and caches of code paths
    print(f"full threshold analysis, {args.runs} runs each, in process")
    print(f"{'game':40} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    for name, make in cases.items():
        times = measure(make, args.runs)
        print(f"{name:40} {1000 * statistics.median(times):10.2f} {1000 * min(times):8.2f} {1000 * max(times):8.2f}")


if __name__ == "__main__":
    main()
