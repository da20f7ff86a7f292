"""Time ``sovgame robust`` against the obvious alternative, a per-sample loop over nashpy, and
measure its memory at 10^6 and 10^7 samples.

For each game, in one run: sovgame's time for N samples (nash, dominant and unique thresholds
plus the equilibrium set at the top of the plausible range, for every sample, in process, one
worker; median of several runs after a warm-up), and the samples per second of a Python loop
that hands each sampled game, with costs applied at the top of the plausible range, to
nashpy's support enumeration (a subsample; the loop does less work than sovgame: equilibria at
one κ, no thresholds; two players only). Also how often nashpy's equilibrium set matches
sovgame's on that subsample, and the peak memory of one sovgame run (traced by Python).

The floor (2x2 only): the simplest numpy code that finds the pure equilibria of the same
number of random 2x2 games, timed alternately with sovgame's run in the same process, and
the ratio of the two medians.

Games: the case game ``pakistan_afghanistan`` (2x2, ordinal), its campaign variant
``pakistan_afghanistan_campaign`` (3x2), the ordinal 3x3 escalation game
``pakistan_afghanistan_escalation``, and two three-player games: ``pakistan_afghanistan_india``
(compromise is never an equilibrium in any sample) and ``scenario_india_engaged`` (it always
is, so every exact sample runs the whole uniqueness test). For games larger than 2x2 two
sovgame figures are given: the vectorised pass alone (``unique_subsample=0``) and the default
run, which adds the exact per-sample path for the samples whose ``unique`` threshold mixed
equilibria decide (every sample's, subsampled, with three players).

Memory (Linux): the peak resident memory (VmHWM) of a fresh process running one ``robust``
call of 10^6 and 10^7 samples, next to the same process before the call (interpreter, numpy
and sovgame loaded, one small run done): what the run itself adds. Chunks of samples are evaluated and
dropped one by one; what grows with N is the per-sample thresholds, verdicts and binding
player a run keeps (about 28 bytes a sample) for its exact quantiles and for
``RobustResult.values``, plus one copy of a criterion's thresholds while its quantiles are
taken.

The goal table (last; ``--goals`` prints it alone): ``robust`` at 10^5 samples in process
(median ms; the 2x2 with the floor timed alternately in the same run, and their ratio), on the
command line (the ``sovgame`` console script next to this Python, stdout discarded, median
seconds over ``sovgame --version`` timed interleaved with it), each as wall time with CPU time
beside it (CPU is less sensitive to other processes on a busy machine), and the peak memory of
10^7 samples of the 2x2 in a fresh process, each against its goal: 2x2 at most 10x the floor and 0.12 s over
``--version``; 3x3 at most 0.4 s in process and 0.5 s over ``--version``; 10^7 samples within
512 MB.

Usage::

    python benchmarks/bench_robust.py [--samples 100000] [--repeats 5] [--nashpy-samples 300]
                                      [--memory 1000000,10000000] [--memory-games 2x2,3x3]
                                      [--goals] [--cli-runs 9]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

from sovgame import load_game
from sovgame.robustness.batch import pattern_key, sets_at_kappa
from sovgame.robustness.kappa_sets import pairwise_2x2, sign_patterns
from sovgame.robustness.plan import plan_sampling
from sovgame.robustness.runner import robust
from sovgame.robustness.sampling import chunk_generator, draw_samples

GAMES = [
    ("2x2", "pakistan_afghanistan"),
    ("3x2", "pakistan_afghanistan_campaign"),
    ("3x3", "pakistan_afghanistan_escalation"),
    ("3-player", "pakistan_afghanistan_india"),
    ("3-player", "scenario_india_engaged"),
]


def time_sovgame(game, samples: int, repeats: int, **options) -> list[float]:
    robust(game, min(samples, 5000), seed=0, **options)  # warm-up: imports, caches
    times = []
    for repeat in range(repeats):
        start = time.perf_counter()
        robust(game, samples, seed=repeat + 1, **options)
        times.append(time.perf_counter() - start)
    return times


def numpy_floor(samples: int, seed: int) -> np.ndarray:
    """The floor: the simplest numpy code that finds the pure equilibria of ``samples`` random
    2x2 games (uniform payoffs; a cell is an equilibrium where each player's payoff is the
    largest of its column or row). No thresholds, no exactness, no summaries."""
    rng = np.random.default_rng(seed)
    A, B = rng.random((samples, 2, 2)), rng.random((samples, 2, 2))
    return (A >= A.max(axis=1, keepdims=True)) & (B >= B.max(axis=2, keepdims=True))


def floor_ratio(game, samples: int, repeats: int) -> tuple[float, float]:
    """Median seconds of the floor and of sovgame's run of the same number of samples, timed
    alternately in this process (so both see the same machine load)."""
    robust(game, min(samples, 5000), seed=0)
    numpy_floor(min(samples, 5000), 0)
    floors, ours = [], []
    for repeat in range(repeats):
        start = time.perf_counter()
        numpy_floor(samples, repeat)
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        robust(game, samples, seed=repeat + 1)
        ours.append(time.perf_counter() - start)
    return statistics.median(floors), statistics.median(ours)


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


# The peak resident memory of this process image: VmHWM (ru_maxrss would carry over the
# high-water mark of the benchmark that forked it).
MEMORY_PROBE = """
import json, sys, time
from sovgame import load_game, work_limit
from sovgame.robustness.runner import robust

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

game = load_game(sys.argv[1])
robust(game, 20_000, seed=0)
before = peak_mb()
start = time.perf_counter()
with work_limit(None):  # 10^7 samples are past the default budget of one command
    robust(game, int(sys.argv[2]), seed=1)
seconds = time.perf_counter() - start
print(json.dumps({"before": before, "peak": peak_mb(), "seconds": seconds}))
"""


def memory_of(name: str, samples: int) -> dict:
    """Peak resident memory (MB) of a fresh process running one run of ``samples``."""
    out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, name, str(samples)], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def speed_table(args) -> None:
    import nashpy

    print(
        f"sovgame robust: {args.samples:,} samples, median of {args.repeats} runs, one worker, in process; "
        f"nashpy {nashpy.__version__} support_enumeration loop on {args.nashpy_samples} samples "
        f"(equilibria at the top of the plausible range only)"
    )
    header = f"{'game':42} {'run':22} {'median s':>9} {'min s':>7} {'samples/s':>11} {'nashpy/s':>9} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for size, name in GAMES:
        game = load_game(name if args.game_dir is None else str(args.game_dir / f"{name}.toml"))
        label = f"{name} ({size})"
        two_players = game.n_players == 2
        per_sample, agree = nashpy_loop(game, args.nashpy_samples) if two_players else (None, None)
        if game.shape == (2, 2):
            floor, ours = floor_ratio(game, args.samples, max(args.repeats, 7))
            print(
                f"{label:42} {'numpy floor':22} {floor:9.4f}   (pure equilibria of {args.samples:,} random 2x2 games); "
                f"sovgame {ours:.4f} s = {ours / floor:.1f}x the floor"
            )
        runs = [("default", {})]
        if game.shape != (2, 2):
            runs.insert(0, ("vectorised (no exact)", {"unique_subsample": 0}))
        for run, options in runs:
            times = time_sovgame(game, args.samples, args.repeats, **options)
            median = statistics.median(times)
            rate = args.samples / median
            theirs = f"{1 / per_sample:9,.0f} {rate * per_sample:7.0f}" if per_sample else f"{'n/a':>9} {'':>7}"
            print(f"{label:42} {run:22} {median:9.3f} {min(times):7.3f} {rate:11,.0f} {theirs}")
        result = robust(game, args.samples, seed=1)
        unique = result.criteria["unique"]
        exact = f"unique exact on {unique.subsample} of {unique.open:,} open samples; " if unique.open else ""
        agreement = (
            f"nashpy's equilibrium set = sovgame's on {agree}/{args.nashpy_samples} samples; "
            if two_players
            else "nashpy: two players only; "
        )
        print(f"{'':42} {agreement}{exact}peak traced memory {peak_memory_mb(game, args.samples):.0f} MB")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory (all of the above): {maxrss:.0f} MB")


def memory_table(args) -> None:
    sizes = [int(n) for n in args.memory.split(",") if n]
    wanted = set(args.memory_games.split(","))
    print()
    print("peak resident memory of one run in a fresh process (MB): before the run, peak, added by the run")
    header = f"{'game':42} {'samples':>12} {'before':>8} {'peak':>8} {'added':>8} {'seconds':>9}"
    print(header)
    print("-" * len(header))
    for size, name in GAMES:
        if size not in wanted:
            continue
        for samples in sizes:
            m = memory_of(name, samples)
            added = m["peak"] - m["before"]
            print(
                f"{name + ' (' + size + ')':42} {samples:12,} {m['before']:8.0f} {m['peak']:8.0f} {added:8.0f} "
                f"{m['seconds']:9.1f}"
            )


def cli_over_version(name: str, samples: int, runs: int) -> tuple[float, float]:
    """Median seconds (wall, CPU) of ``sovgame robust NAME -n SAMPLES`` over ``sovgame
    --version``, the two run interleaved ``runs`` times in fresh processes."""
    script = Path(sys.executable).with_name("sovgame")
    commands = {"version": [str(script), "--version"], "robust": [str(script), "robust", name, "-n", str(samples)]}
    wall: dict[str, list[float]] = {key: [] for key in commands}
    cpu: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
            wall[key].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[key].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    over = [statistics.median(t["robust"]) - statistics.median(t["version"]) for t in (wall, cpu)]
    return over[0], over[1]


def in_process(game, samples: int, repeats: int, floor: bool) -> dict[str, float]:
    """Median seconds, wall and CPU (this process: less sensitive to other processes on a busy
    machine), of ``robust(game, samples)`` and, with ``floor``, of :func:`numpy_floor` timed
    alternately with it."""
    robust(game, min(samples, 5000), seed=0)
    numpy_floor(min(samples, 5000), 0)
    times: dict[str, list[float]] = {key: [] for key in ("wall", "cpu", "floor wall", "floor cpu")}
    for repeat in range(repeats):
        if floor:
            wall, cpu = time.perf_counter(), time.process_time()
            numpy_floor(samples, repeat)
            times["floor wall"].append(time.perf_counter() - wall)
            times["floor cpu"].append(time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        robust(game, samples, seed=repeat + 1)
        times["wall"].append(time.perf_counter() - wall)
        times["cpu"].append(time.process_time() - cpu)
    return {key: statistics.median(values) if values else math.nan for key, values in times.items()}


def goal_table(args) -> None:
    """The figures the goals name, each beside its goal (module docstring)."""
    two = in_process(load_game("pakistan_afghanistan"), args.samples, max(args.repeats, 7), floor=True)
    three = in_process(load_game("pakistan_afghanistan_escalation"), args.samples, args.repeats, floor=False)
    cli = {
        name: cli_over_version(name, args.samples, args.cli_runs)
        for name in ("pakistan_afghanistan", "pakistan_afghanistan_escalation")
    }
    memory = memory_of("pakistan_afghanistan", 10_000_000)["peak"] if args.goal_memory else math.nan
    print()
    print(
        f"goal table: robust at {args.samples:,} samples, medians, wall time with CPU time beside it "
        f"(CLI: {args.cli_runs} runs interleaved with --version)"
    )
    header = (
        f"{'case':5} {'in process ms':>17} {'floor ms':>13} {'ratio':>13} {'goal':>10}   "
        f"{'CLI s over --version':>20} {'goal':>8}"
    )
    print(header)
    print("-" * len(header))
    rows = [
        ("2x2", two, "pakistan_afghanistan", "<= 10x", "<= 0.12"),
        ("3x3", three, "pakistan_afghanistan_escalation", "<= 400 ms", "<= 0.5"),
    ]
    for label, times, name, goal, cli_goal in rows:
        floor = f"{1e3 * times['floor wall']:6.2f} ({1e3 * times['floor cpu']:.2f})" if label == "2x2" else ""
        ratio = (
            f"{times['wall'] / times['floor wall']:5.1f}x ({times['cpu'] / times['floor cpu']:.1f}x)"
            if label == "2x2"
            else ""
        )
        print(
            f"{label:5} {1e3 * times['wall']:8.1f} ({1e3 * times['cpu']:.1f}) {floor:>13} {ratio:>13} {goal:>10}   "
            f"{cli[name][0]:11.3f} ({cli[name][1]:.3f}) {cli_goal:>8}"
        )
    if args.goal_memory:
        print(f"2x2 at 10^7 samples: peak resident memory {memory:.0f} MB (goal <= 512 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--nashpy-samples", type=int, default=300)
    parser.add_argument("--memory", default="1000000,10000000", help="sample counts for the memory table ('' skips)")
    parser.add_argument("--memory-games", default="2x2,3x3", help="which games (by size) the memory table runs")
    parser.add_argument(
        "--game-dir",
        type=Path,
        help="read the games of the speed table from this folder (e.g. an earlier version's games/, to time "
        "today's code on the files an earlier figure was measured on)",
    )
    parser.add_argument("--goals", action="store_true", help="print the goal table alone")
    parser.add_argument("--cli-runs", type=int, default=9, help="runs of each command line for the goal table")
    parser.add_argument(
        "--no-goal-memory", dest="goal_memory", action="store_false", help="leave 10^7 samples out of the goal table"
    )
    args = parser.parse_args()
    if not args.goals:
        speed_table(args)
        if args.memory:
            memory_table(args)
    goal_table(args)


if __name__ == "__main__":
    main()
