"""Running a robustness analysis: chunks of samples on any executor, and the exact subsample.

See :mod:`sovgame.robustness` for the sampling model and how each quantity is computed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import replace

import numpy as np

from ..core.model import Game, Profile
from ..errors import ParameterError
from .attribution import attribute
from .batch import sets_at_kappa
from .kappa_sets import game_types_2x2, linear_sets, nash_binding, pairwise_2x2, sign_patterns, type_counts, unique_walk
from .plan import (
    CHUNK_SIZE,
    CRITERIA,
    DEFAULT_SAMPLES,
    MAX_SAMPLES,
    Progress,
    SamplingPlan,
    VerdictCode,
    chunk_generator,
    draw_samples,
    exact_sample_game,
    plan_sampling,
)
from .summary import ChunkResult, RobustResult, summarise


def evaluate_samples(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> ChunkResult:
    """Every vectorised per-sample quantity for the samples (U, W)."""
    count = U.shape[0]
    values, verdicts = {}, {}
    a, b = plan.nash.gains(U, W)
    nash = linear_sets(a, b, strict=False)
    values["nash"], verdicts["nash"] = nash.value, nash.verdicts(plan.plausible)
    binding = nash_binding(plan, a, b, nash)
    a, b = plan.dominance.gains(U, W)
    dominant = linear_sets(a, b, strict=True)
    values["dominant"], verdicts["dominant"] = dominant.value, dominant.verdicts(plan.plausible)
    if plan.pairwise is not None:
        unique, open_ = unique_walk(plan, U, W)
        values["unique"] = np.where(open_, np.nan, unique.value)
        verdicts["unique"] = np.where(open_, VerdictCode.NOT_COMPUTED, unique.verdicts(plan.plausible)).astype(np.int8)
    else:
        open_ = np.ones(count, bool)
        values["unique"] = np.full(count, np.nan)
        verdicts["unique"] = np.full(count, VerdictCode.NOT_COMPUTED, np.int8)
    patterns = types_zero = types_top = None
    sets: Counter = Counter()
    unresolved = 0
    if plan.two_by_two:
        alpha, beta = pairwise_2x2(plan).gains(U, W)
        patterns = np.bincount(sign_patterns(alpha, beta, plan.top), minlength=81)
        types_zero = type_counts(game_types_2x2(plan, U, W, 0.0))
        types_top = type_counts(game_types_2x2(plan, U, W, plan.top))
    else:
        sets, unresolved = sets_at_kappa(plan, U, W, plan.top_exact)
    return ChunkResult(
        values,
        verdicts,
        open_,
        binding,
        int(nash.contains(plan.top).sum()),
        patterns,
        sets,
        unresolved,
        types_zero,
        types_top,
    )


def run_chunk(plan: SamplingPlan, seed: int, chunk: int, count: int) -> ChunkResult:
    """Draw and evaluate chunk ``chunk`` (``count`` samples). A module-level function of
    picklable arguments, so any executor can run it."""
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    return evaluate_samples(plan, U, W)


def exact_unique(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> tuple[float, int]:
    """The ``unique`` threshold of one sample by the exact path: (value, verdict code);
    (nan, VerdictCode.UNDETERMINED) where :func:`compute_thresholds` cannot settle it."""
    from ..costs.thresholds import compute_thresholds

    threshold = compute_thresholds(exact_sample_game(plan, U, W), plan.target).thresholds["unique"]
    if not threshold.defined:
        return math.nan, VerdictCode.UNDETERMINED
    return (math.inf if threshold.value is None else float(threshold.value)), VerdictCode.of(threshold.verdict)


def run_exact_unique(
    plan: SamplingPlan, seed: int, chunk: int, count: int, local: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Redraw chunk ``chunk`` and compute ``unique`` exactly for its samples ``local``."""
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    results = [exact_unique(plan, U[j], W[j]) for j in local]
    return np.array([v for v, _ in results], float), np.array([c for _, c in results], np.int8)


def robust(
    game: Game,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    noise: float | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    progress: Progress | None = None,
    *,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    unique_subsample: int | None = None,
) -> RobustResult:
    """How robust are the verdicts on ``game`` to what its numbers do not pin down?

    Draws ``samples`` games from the sampling model of the module docstring and summarises,
    for the ``nash``, ``dominant`` and ``unique`` thresholds of ``target`` (default: every
    player's compromise strategy), the 5/50/95% quantiles, the share of ``never``, the share
    P(threshold ≤ top of the plausible range) with a Wilson 95% interval, how often each
    verdict comes out and how often it is the file's own; the binding player; for 2x2 games
    the game types; and the equilibria at the top of the plausible range.

    Parameters
    ----------
    game : Game
    samples : number of sampled games (1 .. 10,000,000)
    seed : seed ≥ 0; the same seed gives the same result, whatever ``workers`` or ``executor``
    noise : standard deviation of Normal noise added to every payoff of a cardinal game
    workers : processes to spread the chunks over (1: run in this process)
    executor : any :class:`concurrent.futures.Executor` to run the chunks on instead of
        ``workers`` processes; it is not shut down. A Dask cluster plugs in through its
        executor when one machine is not enough::

            from dask.distributed import Client
            client = Client("tcp://scheduler:8786")
            with client.get_executor() as pool:
                result = robust(game, 10_000_000, seed=1, executor=pool)

        Work items are :func:`run_chunk` and :func:`run_exact_unique` calls with picklable
        arguments (the plan, the seed and chunk numbers), so workers need only sovgame
        installed; samples are redrawn where they are used instead of being shipped.
    progress : called in this process as ``progress(done, total, stage)`` after each chunk
        ("sampling") and each batch of exact computations ("exact unique")
    target : a profile, an outcome key "s1|s2", or None for the compromise profile
    costs : keep only the costs of these names (None: all)
    unique_subsample : how many open samples get the exact ``unique`` path (module docstring);
        by default enough that they add at most about ±0.005 (one standard error) to
        P(threshold ≤ top), between 10 and 200 (500 with three or more players); 0 leaves
        open samples undetermined

    Raises
    ------
    ParameterError
        For arguments that cannot be used (the message names the parameter).
    """
    from ..costs.thresholds import compute_thresholds

    samples = _whole(samples, "samples", 1, MAX_SAMPLES)
    seed = _whole(seed, "seed", 0, None)
    workers = _whole(workers, "workers", 1, None)
    plan = plan_sampling(game, target, costs, noise, unique_subsample)
    report = compute_thresholds(game, plan.target, plan.costs)
    chunks = [(k, min(CHUNK_SIZE, samples - first)) for k, first in enumerate(range(0, samples, CHUNK_SIZE))]
    own_pool = ProcessPoolExecutor(max_workers=workers) if executor is None and workers > 1 else None
    try:
        results, per_sample, open_count, size = _run(own_pool or executor, plan, seed, chunks, samples, progress)
    finally:
        if own_pool is not None:
            own_pool.shutdown()
    result = summarise(plan, report, samples, seed, noise, results, *per_sample, open_count=open_count, subsample=size)
    attribution = attribute(plan, seed, report, per_sample[1], per_sample[2]) if plan.uncertain else ()
    return replace(result, attribution=attribution)


def _run(
    pool: Executor | None,
    plan: SamplingPlan,
    seed: int,
    chunks: list[tuple[int, int]],
    samples: int,
    progress: Progress | None,
) -> tuple[list[ChunkResult], tuple[dict, dict, dict], int, int]:
    """Every chunk, then the exact subsample of the open ``unique`` samples: the chunks'
    results, the per-sample (values, verdicts, weights) of each criterion, how many samples
    were open and how many of them got the exact path."""
    arguments = [(plan, seed, k, count) for k, count in chunks]
    results = _map(pool, run_chunk, arguments, [count for _, count in chunks], progress, "sampling")
    values = {c: np.concatenate([r.values[c] for r in results]) for c in CRITERIA}
    verdicts = {c: np.concatenate([r.verdicts[c] for r in results]) for c in CRITERIA}
    weights = {c: np.ones(samples) for c in CRITERIA}
    open_index = np.flatnonzero(np.concatenate([r.unique_open for r in results]))
    size = plan.subsample_size(len(open_index), samples)
    if size:
        unique = (values["unique"], verdicts["unique"], weights["unique"])
        _exact_subsample(pool, plan, seed, chunks, open_index, size, *unique, progress)
    else:
        verdicts["unique"][open_index] = VerdictCode.UNDETERMINED  # nothing computed: say so, weigh 1
    return results, (values, verdicts, weights), len(open_index), size


def _exact_subsample(
    pool: Executor | None,
    plan: SamplingPlan,
    seed: int,
    chunks: list[tuple[int, int]],
    open_index: np.ndarray,
    size: int,
    values: np.ndarray,
    verdicts: np.ndarray,
    weights: np.ndarray,
    progress: Progress | None,
) -> None:
    """The exact ``unique`` path for ``size`` of the open samples, written into the per-sample
    arrays in place; each member then stands for len(open)/size open samples, the others
    weigh 0 (a stratified estimate, see :mod:`sovgame.robustness`)."""
    # Evenly spaced over the open samples in sample order: the same whatever the workers.
    chosen = open_index[(np.arange(size, dtype=np.int64) * len(open_index)) // size]
    by_chunk = [
        (k, count, chosen[(chosen >= k * CHUNK_SIZE) & (chosen < k * CHUNK_SIZE + count)]) for k, count in chunks
    ]
    by_chunk = [item for item in by_chunk if len(item[2])]
    exact = _map(
        pool,
        run_exact_unique,
        [(plan, seed, k, count, local - k * CHUNK_SIZE) for k, count, local in by_chunk],
        [len(local) for _, _, local in by_chunk],
        progress,
        "exact unique",
    )
    values[chosen] = np.concatenate([v for v, _ in exact])
    verdicts[chosen] = np.concatenate([c for _, c in exact])
    weights[open_index] = 0.0
    weights[chosen] = len(open_index) / size


def _map(pool: Executor | None, function, arguments: list[tuple], sizes: list[int], progress, stage: str) -> list:
    """``function(*args)`` for each item, in order, on ``pool`` (None: here), reporting progress."""
    total, done = sum(sizes), 0
    results: list = [None] * len(arguments)
    if pool is None:
        for index, args in enumerate(arguments):
            results[index] = function(*args)
            done += sizes[index]
            if progress:
                progress(done, total, stage)
        return results
    futures = {pool.submit(function, *args): index for index, args in enumerate(arguments)}
    for future in as_completed(futures):
        index = futures[future]
        results[index] = future.result()
        done += sizes[index]
        if progress:
            progress(done, total, stage)
    return results


def _whole(value, parameter: str, lowest: int, highest: int | None) -> int:
    """``value`` as an int within [lowest, highest], or a :class:`ParameterError` naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(parameter, f"must be a whole number, not {value!r}")
    if value < lowest or (highest is not None and value > highest):
        bound = f"between {lowest:,} and {highest:,}" if highest is not None else f">= {lowest}"
        raise ParameterError(parameter, f"must be {bound}, not {value}")
    return int(value)
