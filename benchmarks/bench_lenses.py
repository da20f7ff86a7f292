"""How long the two other lenses take: ordinal stability (every state under the four concepts
and the exact κ-intervals) on a 2x2 and a 6x6 game and on the published Elmira case (three
decision makers, nine states), and the logit QRE principal branch (from
λ = 0 to λ = 10⁶, with the limit checked against the exact equilibria) on the case and a 6x6.

Targets: stability 2x2 ≤ 20 ms, 6x6 ≤ 1 s, Elmira ≤ 1 s; QRE branch on the case ≤ 0.3 s, 6x6 ≤ 3 s. Times
are medians of N runs in process (no Python start-up, no file reading).

    python benchmarks/bench_lenses.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from fractions import Fraction
from pathlib import Path

from sovgame import Game, load_case
from sovgame.play.gmcr import stability
from sovgame.solvers.qre import trace


def random_game(m: int, n: int, seed: int) -> Game:
    """A two-player m x n game with payoffs 0..9 and an own_confront cost (compromise: the first strategy)."""
    rng = random.Random(seed)
    a = [[rng.randint(0, 9) for _ in range(n)] for _ in range(m)]
    b = [[rng.randint(0, 9) for _ in range(n)] for _ in range(m)]
    costs = [{"name": "c", "incidence": "own_confront", "weights": [1, Fraction(1, 2)]}]
    return Game.from_arrays(a, b, compromise=["r1", "c1"], costs=costs)


def median_seconds(function, runs: int) -> float:
    """The median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    games = Path(__file__).resolve().parents[1] / "games"
    case = load_case(str(games / "pakistan_afghanistan.toml"))
    pd = load_case(str(games / "prisoners_dilemma.toml"))
    elmira = load_case(str(games / "elmira.toml"))
    six = random_game(6, 6, 1)
    rows = [
        ("stability, Prisoner's Dilemma (2x2)", lambda: stability(pd, 0), 0.020),
        ("stability, the case (2x2)", lambda: stability(case, 1), 0.020),
        ("stability, random 6x6 with a cost", lambda: stability(six, 1), 1.0),
        ("stability, Elmira (3 players, 9 states)", lambda: stability(elmira, 0), 1.0),
        ("qre branch, the case at κ = 1", lambda: trace(case.game, 1), 0.3),
        ("qre branch, random 6x6 at κ = 1", lambda: trace(six, 1), 3.0),
    ]
    print(f"{'what':42} {'median':>10} {'target':>8}  within")
    for label, function, target in rows:
        seconds = median_seconds(function, runs)
        print(f"{label:42} {seconds * 1000:8.1f}ms {target * 1000:6.0f}ms  {'yes' if seconds <= target else 'NO'}")


if __name__ == "__main__":
    main()
