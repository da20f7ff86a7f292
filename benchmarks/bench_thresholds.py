"""Time a full threshold analysis (nash, strict, dominant, unique, risk dominance, repeated
play) in process, for the bundled case game and its 3x2 campaign variant, plus a random 3x3.

Each game is loaded fresh for every run, so cached cost loads do not flatter the figure.
Prints the median and the spread over the runs. Usage:

    python benchmarks/bench_thresholds.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from sovgame import load_game, parse_game
from sovgame.thresholds import compute_thresholds

RANDOM_3X3 = """
[game]
title = "random 3x3 with costs"
[[players]]
name = "A"
strategies = ["a0", "a1", "a2"]
compromise = "a0"
[[players]]
name = "B"
strategies = ["b0", "b1", "b2"]
compromise = "b0"
[payoffs]
"a0|b0" = [3, 3]
"a0|b1" = [0, 4]
"a0|b2" = [1, 2]
"a1|b0" = [4, 0]
"a1|b1" = [1, 1]
"a1|b2" = [2, -1]
"a2|b0" = [2, 1]
"a2|b1" = [-1, 2]
"a2|b2" = [0, 0]
[[costs]]
name = "war"
incidence = "any_conflict"
weights = [1, 0.5]
[[costs]]
name = "operations"
incidence = "own_confront"
weights = [0.25, 0.75]
[analysis]
plausible_kappa = [0, 2]
"""


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
        "random 3x3 with two costs": lambda: parse_game(RANDOM_3X3),
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
