"""Time ``sovgame robust`` against the obvious alternative, a per-sample loop over nashpy.

For each game, in one run: sovgame's samples per second (nash, dominant and unique thresholds
plus the equilibrium set at the top of the plausible range, for every sample, in process, one
worker), and the samples per second of a Python loop that hands each sampled game, with costs
applied at the top of the plausible range, to nashpy's support enumeration (a subsample; the
loop does less work than sovgame: equilibria at one κ, no thresholds). Also how often nashpy's
equilibrium set matches sovgame's on that subsample, and the peak memory of one sovgame run.

Games: the case game ``pakistan_afghanistan`` (2x2, ordinal), its campaign variant
``pakistan_afghanistan_campaign`` (3x2) and an ordinal 3x3 escalation game defined below. For
games larger than 2x2 two sovgame figures are given: the vectorised pass alone
(``unique_subsample=0``) and the default run, which adds the exact per-sample path for the
samples whose ``unique`` threshold mixed equilibria decide.

Usage::

    python benchmarks/bench_robust.py [--samples 100000] [--repeats 5] [--nashpy-samples 300]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
import warnings

import numpy as np

from sovgame import load_game
from sovgame.robustness.batch import pattern_key, sets_at_kappa
from sovgame.robustness.kappa_sets import pairwise_2x2, sign_patterns
from sovgame.robustness.plan import chunk_generator, draw_samples, plan_sampling
from sovgame.robustness.runner import robust


def time_sovgame(game, samples: int, repeats: int, **options) -> list[float]:
    robust(game, min(samples, 5000), seed=0, **options)  # warm-up: imports, caches
    times = []
    for repeat in range(repeats):
        start = time.perf_counter()
        robust(game, samples, seed=repeat + 1, **options)
        times.append(time.perf_counter() - start)
    return times


def peak_memory_mb(game, samples: int) -> float:
    tracemalloc.start()
    robust(game, samples, seed=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def supports(profile, tol: float = 1e-9) -> tuple:
    return tuple(tuple(int(k) for k in np.flatnonzero(np.asarray(s) > tol)) for s in profile)


def nashpy_loop(game, count: int) -> tuple[float, int]:
    """Seconds per sample of a per-sample nashpy loop, and on how many samples nashpy's
    equilibrium set (as supports) equals sovgame's."""
    import nashpy

    plan = plan_sampling(game)
    U, W = draw_samples(plan, chunk_generator(99, 0), count)
    m, n = game.shape
    u = U - plan.top * W
    start = time.perf_counter()
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        for j in range(count):
            A = u[j, :, 0].reshape(m, n)
            B = u[j, :, 1].reshape(m, n)
            found.append(sorted({supports(eq) for eq in nashpy.Game(A, B).support_enumeration()}))
    seconds = (time.perf_counter() - start) / count
    if plan.two_by_two:
        alpha, beta = pairwise_2x2(plan).gains(U, W)
        ours = [pattern_key(plan, int(code))[0] for code in sign_patterns(alpha, beta, plan.top)]
    else:
        ours = [next(iter(sets_at_kappa(plan, U[j : j + 1], W[j : j + 1], plan.top_exact)[0]))[0] for j in range(count)]
    agree = sum(list(theirs) == list(mine) for theirs, mine in zip(found, ours))
    return seconds, agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--nashpy-samples", type=int, default=300)
    args = parser.parse_args()
    games = [
        ("pakistan_afghanistan (2x2)", load_game("pakistan_afghanistan")),
        ("pakistan_afghanistan_campaign (3x2)", load_game("pakistan_afghanistan_campaign")),
        ("pakistan_afghanistan_escalation (3x3)", load_game("pakistan_afghanistan_escalation")),
    ]
    print(
        f"sovgame robust: {args.samples:,} samples, median of {args.repeats} runs, one worker, in process; "
        f"nashpy {__import__('nashpy').__version__} support_enumeration loop on {args.nashpy_samples} samples "
        f"(equilibria at the top of the plausible range only)"
    )
    header = f"{'game':40} {'run':22} {'median s':>9} {'min s':>7} {'samples/s':>11} {'nashpy/s':>9} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for label, game in games:
        per_sample, agree = nashpy_loop(game, args.nashpy_samples)
        nashpy_rate = 1 / per_sample
        runs = [("default", {})]
        if game.shape != (2, 2):
            runs.insert(0, ("vectorised (no exact)", {"unique_subsample": 0}))
        for run, options in runs:
            times = time_sovgame(game, args.samples, args.repeats, **options)
            median = statistics.median(times)
            rate = args.samples / median
            print(
                f"{label:40} {run:22} {median:9.3f} {min(times):7.3f} {rate:11,.0f} {nashpy_rate:9,.0f} "
                f"{rate / nashpy_rate:7.0f}"
            )
        result = robust(game, args.samples, seed=1)
        unique = result.criteria["unique"]
        exact = f"; unique exact on {unique.subsample} of {unique.open:,} open samples" if unique.open else ""
        print(
            f"{'':40} nashpy's equilibrium set = sovgame's on {agree}/{args.nashpy_samples} samples{exact}; "
            f"peak traced memory {peak_memory_mb(game, args.samples):.0f} MB"
        )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory (all of the above): {maxrss:.0f} MB")


if __name__ == "__main__":
    main()
