"""Time the correlated-equilibrium linear programs (HiGHS) and their exact certification
for a three-player game with three strategies each (27 outcomes, 54 obedience constraints).

Usage: python benchmarks/bench_mediation.py [--games N] [--seed S]
"""

from __future__ import annotations

import argparse
import statistics
import time
from fractions import Fraction

import numpy as np

from sovgame.play.mediation import correlated_equilibrium


def random_game(rng, shape=(3, 3, 3)) -> np.ndarray:
    payoffs = np.empty(shape + (len(shape),), dtype=object)
    for idx in np.ndindex(*shape):
        payoffs[idx] = [Fraction(int(v)) for v in rng.integers(-5, 6, size=len(shape))]
    return payoffs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    games = [random_game(rng) for _ in range(args.games)]
    correlated_equilibrium(games[0], np.array([Fraction(1)] * 27, dtype=object))  # warm-up (imports)
    times, certified = [], 0
    for payoffs in games:
        welfare = np.array([sum(payoffs[s]) for s in np.ndindex(*payoffs.shape[:-1])], dtype=object)
        start = time.perf_counter()
        ce = correlated_equilibrium(payoffs, welfare)
        times.append(time.perf_counter() - start)
        certified += ce.certified
    print(f"3 players x 3 strategies, {args.games} random games (seed {args.seed}), welfare-maximising CE")
    print(
        f"median {1000 * statistics.median(times):.2f} ms per LP incl. exact certification "
        f"(min {1000 * min(times):.2f}, max {1000 * max(times):.2f}); certified exactly: {certified}/{args.games}"
    )


if __name__ == "__main__":
    main()
