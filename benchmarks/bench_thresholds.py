"""Time a full threshold analysis (nash, strict, dominant, unique, risk dominance, repeated
play) in process, for the bundled case game, its 3x2 campaign variant and the 3x3 escalation game.

Each game is loaded fresh for every run, so cached cost loads do not flatter the figure.
Prints the median and the spread over the runs.

Then the comparison with the every-breakpoint method, on random cost-parametrised two-player games 2x2 .. 8x8 (``--sizes``):
``compute_thresholds`` as it is, next to the same call with the uniqueness set of the
every-breakpoint method (every root of every support pair, one exact solve per breakpoint and gap;
kept in ``tests/costs/reference_unique.py``), game by game, with the check that both give
the same ``unique`` Threshold. Payoffs are integers in [-4, 4]; the target is a pure profile
that is an equilibrium for some κ ≥ 0 (games without one are redrawn; otherwise ``unique``
is settled at once, "never even an equilibrium"); costs are either an exposure table of
integers in [0, 2] (``custom``) or fall on leaving the target (``confront``: 1 or 2 per unit
of κ for the player away from its target strategy, plus 0 or 1 wherever anyone is away).
Medians of CPU time per game (the machine is shared; wall time beside it); the reference is
timed until ``--reference-budget`` seconds per size and kind are spent (the count says how
many games it timed; its median is then over those, marked ``>``). Goals: 6x6 ≤ 0.5 s, 8x8
≤ 5 s.

Last, the tail: the slowest of ``--tail-games`` random games (200) per size and kind, 2x2 ..
10x10 (``--tail-sizes``), with its index in that size's fixed sequence, next to the median
and the 99th percentile; no game should take over a second. Usage:

    python benchmarks/bench_thresholds.py [--runs N] [--sizes 2 3 4 5 6 7 8] [--games 20]
                                          [--reference-budget 60] [--skip-bundled]
                                          [--skip-reference] [--tail-sizes 2 4 6 8 10]
                                          [--tail-games 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from unittest import mock

import numpy as np

from sovgame import load_game
from sovgame.core.budget import work_limit
from sovgame.core.model import Cost, Player, bimatrix_game
from sovgame.costs import uniqueness
from sovgame.costs.thresholds import compute_thresholds

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from costs.reference_unique import reference_uniqueness  # noqa: E402  (the every-breakpoint method, kept for tests)

GOALS = {6: 0.5, 8: 5.0}  # seconds per game
TAIL_GOAL = 1.0  # seconds: no random game up to 10x10 slower


def measure(make_game, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        game = make_game()
        start = time.perf_counter()
        compute_thresholds(game)
        times.append(time.perf_counter() - start)
    return times


def nash_somewhere(U: np.ndarray, W: np.ndarray, target: tuple[int, int]) -> bool:
    """Whether the target is a pure equilibrium for some κ ≥ 0: every deviation gains
    a − κb ≤ 0 on one common stretch of κ."""
    low, high = Fraction(0), None
    for player in (0, 1):
        for s in range(U.shape[player]):
            if s == target[player]:
                continue
            other = (s, target[1]) if player == 0 else (target[0], s)
            a = int(U[other + (player,)] - U[target + (player,)])
            b = int(W[other + (player,)] - W[target + (player,)])
            if b == 0 and a > 0:
                return False
            if b > 0:
                low = max(low, Fraction(a, b))
            elif b < 0:
                high = Fraction(a, b) if high is None else min(high, Fraction(a, b))
    return high is None or low <= high


def random_costed_game(rng: np.random.Generator, m: int, n: int, kind: str):
    """One game of the module docstring, its target the players' compromise strategies."""
    while True:
        U = rng.integers(-4, 5, size=(m, n, 2))
        W = rng.integers(0, 3, size=(m, n, 2))
        target = (int(rng.integers(m)), int(rng.integers(n)))
        if kind == "confront":
            own = np.zeros((m, n, 2), dtype=np.int64)
            own[np.arange(m) != target[0], :, 0] = rng.integers(1, 3, size=(m - 1, n))
            own[:, np.arange(n) != target[1], 1] = rng.integers(1, 3, size=(m, n - 1))
            away = np.ones((m, n), dtype=bool)
            away[target] = False
            W = own + away[..., None] * rng.integers(0, 2, size=(m, n, 2))
        if nash_somewhere(U, W, target):
            break
    game = bimatrix_game(U[..., 0].tolist(), U[..., 1].tolist(), title=f"random {m}x{n} {kind}")
    players = tuple(Player(p.name, p.strategies, p.strategies[t]) for p, t in zip(game.players, target))
    exposure = {(i, j): (Fraction(int(W[i, j, 0])), Fraction(int(W[i, j, 1]))) for i in range(m) for j in range(n)}
    return replace(game, players=players, costs=(Cost("c", "custom", (Fraction(1), Fraction(1)), (0, 1), exposure),))


def timed_unique(game, reference: bool):
    """(the unique Threshold, CPU seconds, wall seconds) of one compute_thresholds."""
    patch = mock.patch.object(uniqueness, "uniqueness_of", reference_uniqueness) if reference else None
    with work_limit(None):
        if patch:
            patch.start()
        try:
            cpu, wall = time.process_time(), time.perf_counter()
            report = compute_thresholds(game)
            return report.thresholds["unique"], time.process_time() - cpu, time.perf_counter() - wall
        finally:
            if patch:
                patch.stop()


def random_games_row(sizes: list[int], count: int, budget: float, seed: int) -> None:
    """Ours against the every-breakpoint method, by size and kind of costs."""
    print(
        f"\ncompute_thresholds on random cost-parametrised games ({count} per size and kind, seed {seed}); "
        "median per game, CPU (wall); reference = the every-breakpoint uniqueness set"
    )
    header = f"{'size':>5} {'kind':9} {'ours ms':>18} {'max ms':>9} {'reference ms':>22} {'timed':>6} {'same':>5} {'goal':>7}"
    print(header)
    for k in sizes:
        for kind in ("custom", "confront"):
            rng = np.random.default_rng([seed, k, ("custom", "confront").index(kind)])
            games = [random_costed_game(rng, k, k, kind) for _ in range(count)]
            ours, theirs, spent, same = [], [], 0.0, True
            for game in games:
                unique, cpu, wall = timed_unique(game, reference=False)
                ours.append((cpu, wall))
                if spent < budget:
                    slow, cpu, wall = timed_unique(game, reference=True)
                    spent += wall
                    theirs.append((cpu, wall))
                    same &= same_unique(unique, slow)
            m = statistics.median
            mark = "" if len(theirs) == len(games) else ">"
            reference = (
                f"{mark}{1e3 * m(c for c, _ in theirs):9.1f} ({1e3 * m(w for _, w in theirs):9.1f})" if theirs else "-"
            )
            goal = f"{1e3 * GOALS[k]:.0f}" if k in GOALS else ""
            print(
                f"{k:>3}x{k:<1} {kind:9} {1e3 * m(c for c, _ in ours):8.1f} ({1e3 * m(w for _, w in ours):7.1f}) "
                f"{1e3 * max(w for _, w in ours):9.1f} {reference:>22} {len(theirs):>3}/{len(games):<2} "
                f"{'yes' if same else 'NO':>5} {goal:>7}",
                flush=True,
            )


def worst_row(sizes: list[int], count: int, seed: int) -> None:
    """The slowest of ``count`` random games per size (both kinds of costs), and which game it
    is: its kind and index in the fixed sequence of that size and kind (seed
    ``[seed, size, kind]``, as :func:`random_games_row` draws them)."""
    print(
        f"\nthe heaviest tail: the slowest compute_thresholds of {count} random games per size and kind "
        f"(seed {seed}), CPU (wall); limit {1e3 * TAIL_GOAL:.0f} ms"
    )
    header = f"{'size':>5} {'kind':9} {'median ms':>10} {'p99 ms':>9} {'worst ms':>19} {'game':>6} {'unique':>14}"
    print(header)
    for k in sizes:
        for kind in ("custom", "confront"):
            rng = np.random.default_rng([seed, k, ("custom", "confront").index(kind)])
            timings = []
            for index in range(count):
                unique, cpu, wall = timed_unique(random_costed_game(rng, k, k, kind), reference=False)
                timings.append((cpu, wall, index, unique))
            cpu, wall, index, unique = max(timings, key=lambda t: t[0])
            cpus = sorted(t[0] for t in timings)
            value = "never" if unique.value is None else str(unique.value)
            print(
                f"{k:>3}x{k:<1} {kind:9} {1e3 * statistics.median(cpus):10.1f} {1e3 * cpus[int(0.99 * (count - 1))]:9.1f} "
                f"{1e3 * cpu:8.1f} ({1e3 * wall:8.1f}) {index:>6} {value[:14]:>14}"
                + ("  over the limit" if cpu > TAIL_GOAL else ""),
                flush=True,
            )


def same_unique(fast, slow) -> bool:
    """Equal Thresholds; an irrational value found as the root of two different polynomials
    may carry two float-made brackets, which must then overlap (tests/costs/test_uniqueness.py)."""
    if fast == slow:
        return True
    a, b = fast.value, slow.value
    if hasattr(a, "lo") and hasattr(b, "lo") and a.lo < b.hi and b.lo < a.hi:
        return replace(fast, value=b, bracket=slow.bracket, intervals=slow.intervals, reason=slow.reason) == slow
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 5, 6, 7, 8])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--reference-budget", type=float, default=60.0, help="seconds per size and kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-bundled", action="store_true")
    parser.add_argument("--skip-reference", action="store_true", help="leave out the comparison with the reference")
    parser.add_argument("--tail-sizes", type=int, nargs="*", default=[2, 4, 6, 8, 10])
    parser.add_argument("--tail-games", type=int, default=200, help="games per size and kind for the worst case")
    args = parser.parse_args()
    if not args.skip_bundled:
        bundled(args.runs)
    if not args.skip_reference:
        random_games_row(args.sizes, args.games, args.reference_budget, args.seed)
    if args.tail_sizes:
        worst_row(args.tail_sizes, args.tail_games, args.seed)


def bundled(runs: int) -> None:
    cases = {
        "pakistan_afghanistan (2x2)": lambda: load_game("pakistan_afghanistan"),
        "pakistan_afghanistan_campaign (3x2)": lambda: load_game("pakistan_afghanistan_campaign"),
        "pakistan_afghanistan_escalation (3x3)": lambda: load_game("pakistan_afghanistan_escalation"),
        "pakistan_afghanistan_india (2x2x2)": lambda: load_game("pakistan_afghanistan_india"),
    }
    measure(cases["pakistan_afghanistan (2x2)"], 3)  # warm-up: imports and caches of code paths
    print(f"full threshold analysis, {runs} runs each, in process")
    print(f"{'game':40} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    for name, make in cases.items():
        times = measure(make, runs)
        print(f"{name:40} {1000 * statistics.median(times):10.2f} {1000 * min(times):8.2f} {1000 * max(times):8.2f}")


if __name__ == "__main__":
    main()
