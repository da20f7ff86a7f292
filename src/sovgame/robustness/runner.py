"""Running a robustness analysis: chunks of samples on any executor, and the exact subsample.

See :mod:`sovgame.robustness` for the sampling model and how each quantity is computed.
"""

from __future__ import annotations

import contextlib
import functools
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.budget import Work, metered, require, robust_work, support_pairs, thresholds_work, work_limit
from ..core.case import Case, as_case
from ..core.model import Game, Profile
from ..core.workers import worker_pool
from ..errors import ParameterError
from . import near_ties
from .attribution import attribute
from .batch import sets_at_kappa
from .chunks import ChunkResult, PerSample
from .kappa_sets import game_types_2x2, linear_sets, nash_binding, sign_patterns, type_counts, unique_sets
from .plan import (
    CHUNK_SIZE,
    DEFAULT_SAMPLES,
    MAX_SAMPLES,
    MAX_SUPPORT_PAIRS,
    MAX_WORKERS,
    Progress,
    SamplingPlan,
    VerdictCode,
    plan_sampling,
)
from .sampling import chunk_generator, draw_samples, exact_sample_game
from .summary import RobustResult, summarise


def evaluate_samples(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> ChunkResult:
    """Every vectorised per-sample quantity for the samples (U, W)."""
    count = U.shape[0]
    values, verdicts = {}, {}
    gains = plan.gathered.gains(U, W)  # every comparison below, in one pass
    a, b = gains["nash"]
    nash = linear_sets(a, b, strict=False)
    near_nash = near_ties.settle(plan, nash, plan.nash, U, W, strict=False)  # ends made exact where near
    values["nash"], verdicts["nash"] = nash.value, near_nash.verdicts
    binding = nash_binding(plan, a, b, nash)
    dominant = linear_sets(*gains["dominance"], strict=True)
    near_dominant = near_ties.settle(plan, dominant, plan.dominance, U, W, strict=True)
    values["dominant"], verdicts["dominant"] = dominant.value, near_dominant.verdicts
    if plan.pairwise is not None:
        value, codes, open_ = unique_sets(plan, U, W, gains["pairwise"], nash)
        values["unique"] = np.where(open_, np.nan, value)
        verdicts["unique"] = np.where(open_, VerdictCode.NOT_COMPUTED, codes).astype(np.int8)
    else:
        open_ = np.ones(count, bool)
        values["unique"] = np.full(count, np.nan)
        verdicts["unique"] = np.full(count, VerdictCode.NOT_COMPUTED, np.int8)
    patterns = types_zero = types_top = None
    sets: Counter = Counter()
    unresolved = 0
    if plan.two_by_two:
        patterns = np.bincount(sign_patterns(*gains["pattern"], plan.top), minlength=81)
        types_zero = type_counts(game_types_2x2(plan, U, W, 0.0))
        types_top = type_counts(game_types_2x2(plan, U, W, plan.top))
    else:
        sets, unresolved = sets_at_kappa(plan, U, W, plan.top_exact)
    return ChunkResult(
        values,
        verdicts,
        open_,
        binding,
        int(near_nash.holds_top.sum()),
        patterns,
        sets,
        unresolved,
        types_zero,
        types_top,
        {"nash": near_nash.decided_exactly, "dominant": near_dominant.decided_exactly},
    )


#: Freed memory the allocator of a process that runs chunks keeps for reuse (see
#: :func:`keep_freed_memory`), and the size from which it maps fresh pages instead.
KEEP_FREED_BYTES = 128 << 20
MAP_FROM_BYTES = 16 << 20


@functools.cache
def keep_freed_memory() -> bool:
    """Let this process's allocator keep the memory of finished chunks for the next ones.

    glibc's malloc gives freed memory at the top of its heap back to the system once a few
    MB are free, and serves large requests with fresh pages; so every chunk's arrays (a few
    MB, freed when the chunk is done) would be faulted in page by page again, chunk after
    chunk: a third of the time of a 2x2 run. Raising the trim threshold to
    :data:`KEEP_FREED_BYTES` and the mapping threshold to :data:`MAP_FROM_BYTES` keeps that
    memory in the process (up to 128 MB of it, reused by the next chunk; larger arrays, such
    as the per-sample thresholds of a long run, still come and go as mappings). Done once per
    process, where glibc is the allocator (elsewhere nothing changes); True if done.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return False
    if not hasattr(libc, "gnu_get_libc_version"):  # another C library: leave it be
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    return bool(libc.mallopt(m_mmap_threshold, MAP_FROM_BYTES)) and bool(
        libc.mallopt(m_trim_threshold, KEEP_FREED_BYTES)
    )


def run_chunk(plan: SamplingPlan, seed: int, chunk: int, count: int) -> ChunkResult:
    """Draw and evaluate chunk ``chunk`` (``count`` samples). A module-level function of
    picklable arguments, so any executor can run it."""
    keep_freed_memory()
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    return evaluate_samples(plan, U, W)


def exact_unique(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> tuple[float, int]:
    """The ``unique`` threshold of one sample by the exact path: (value, verdict code);
    (nan, VerdictCode.UNDETERMINED) where :func:`compute_thresholds` cannot settle it.

    Exactly ``compute_thresholds(game, target).thresholds["unique"]`` of the sampled game,
    without the criteria a run throws away (strict, dominant, risk dominance, repeated play,
    third parties: most of the work with three or more players). Where the target is an
    equilibrium at no κ ≥ 0 it is never the only one (:func:`ever_nash`, as ``unique``
    itself starts); else :func:`~sovgame.costs.thresholds.compute_threshold` of ``unique``.
    """
    from ..costs.thresholds import Criterion, compute_threshold

    if not ever_nash(plan, U, W):
        return math.inf, VerdictCode.NEVER
    game = exact_sample_game(plan, U, W)
    with work_limit(None):  # the exact stage as a whole is counted before it starts (_run)
        threshold = compute_threshold(game, Criterion.UNIQUE, plan.target)
    if not threshold.defined:
        return math.nan, VerdictCode.UNDETERMINED
    return (math.inf if threshold.value is None else float(threshold.value)), VerdictCode.of(threshold.verdict)


def ever_nash(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> bool:
    """Whether the target of one sample is a Nash equilibrium at some κ ≥ 0, in fractions.

    Each deviation gains a − κb (exact differences of the sample's numbers, as in
    :func:`exact_sample_game`); none gains on [max(0, a/b for b > 0), min(a/b for b < 0)],
    provided no deviation with b = 0 gains (a > 0).
    """
    lower, upper = Fraction(0), None
    U, W = plan.exact_draw(U, W)
    for player, at, to in zip(*(x.tolist() for x in plan.nash.fields())):
        a = U[to, player] - U[at, player]
        b = W[to, player] - W[at, player]
        if b == 0:
            if a > 0:
                return False
        elif b > 0:
            lower = max(lower, a / b)
        else:
            upper = a / b if upper is None else min(upper, a / b)
    return upper is None or lower <= upper


def run_exact_unique(
    plan: SamplingPlan, seed: int, chunk: int, count: int, local: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Redraw chunk ``chunk`` and compute ``unique`` exactly for its samples ``local``."""
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    results = [exact_unique(plan, U[j], W[j]) for j in local]
    return np.array([v for v, _ in results], float), np.array([c for _, c in results], np.int8)


@metered
def robust(
    game: Game | Case,
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
    plausible: Sequence | None = None,
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
    game : a Game, or a Case: its plausible range and, with ``[[capacity]]``, its lotteries
        (q drawn from each ``success_range``) are part of the sampling model
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
    plausible : the plausible range [lo, hi] of κ (default: the case's, else [0, 1])

    Raises
    ------
    ParameterError
        For arguments that cannot be used (the message names the parameter).
    """
    from ..costs.thresholds import compute_thresholds

    samples = _whole(samples, "samples", 1, MAX_SAMPLES)
    seed = _whole(seed, "seed", 0, None)
    workers = _whole(workers, "workers", 1, MAX_WORKERS)
    case = as_case(game, plausible)
    require(robust_work(case.game.shape, samples, mixed_at_top(case.game.shape)))  # refused before it starts
    plan = plan_sampling(case, target, costs, noise, unique_subsample)
    report = compute_thresholds(case, plan.target, plan.costs)
    chunks = [(k, min(CHUNK_SIZE, samples - first)) for k, first in enumerate(range(0, samples, CHUNK_SIZE))]
    with worker_pool(workers) if executor is None and workers > 1 else contextlib.nullcontext(executor) as pool:
        # Ctrl-C or an error stops the workers at once (sovgame.core.workers).
        results, per_sample, size = _run(pool, plan, seed, chunks, samples, progress)
    result = summarise(plan, report, samples, seed, noise, results, per_sample, subsample=size)
    attribution = attribute(plan, seed, report, per_sample.verdicts, per_sample.weights) if plan.uncertain else ()
    decided = Counter[str]()
    for chunk in results:
        decided.update(chunk.decided_exactly)
    return replace(result, attribution=attribution, decided_exactly={c: decided[c] for c in ("nash", "dominant")})


def _run(
    pool: Executor | None,
    plan: SamplingPlan,
    seed: int,
    chunks: list[tuple[int, int]],
    samples: int,
    progress: Progress | None,
) -> tuple[list[ChunkResult], PerSample, int]:
    """Every chunk, then the exact subsample of the open ``unique`` samples: the chunks'
    counts, the per-sample arrays and how many open samples got the exact path."""
    per_sample = PerSample.empty(samples)
    arguments = [(plan, seed, k, count) for k, count in chunks]
    results = _map(
        pool,
        run_chunk,
        arguments,
        [count for _, count in chunks],
        progress,
        "sampling",
        keep=lambda index, result: per_sample.take(result, chunks[index][0] * CHUNK_SIZE),
    )
    open_index = per_sample.open_index
    size = plan.subsample_size(len(open_index), samples)
    unique = per_sample.values["unique"], per_sample.verdicts["unique"]
    if size:  # the exact stage is counted (and refused past the limit) before it starts
        require(exact_subsample_work(plan.shape, size, len(open_index)))
        per_sample.weights["unique"] = np.ones(samples)
        _exact_subsample(pool, plan, seed, chunks, open_index, size, *unique, per_sample.weights["unique"], progress)
    else:
        unique[1][open_index] = VerdictCode.UNDETERMINED  # nothing computed: say so, weigh 1
    return results, per_sample, size


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


def _map(
    pool: Executor | None,
    function,
    arguments: list[tuple],
    sizes: list[int],
    progress,
    stage: str,
    keep: Callable[[int, Any], Any] | None = None,
) -> list:
    """``function(*args)`` for each item, in order, on ``pool`` (None: here), reporting progress.
    ``keep(index, result)`` is applied to each result as it comes in (so a chunk's arrays can
    be put in place and dropped), and what it returns is kept."""
    total, done = sum(sizes), 0
    results: list = [None] * len(arguments)

    def arrived(index: int, result) -> None:
        nonlocal done
        results[index] = keep(index, result) if keep else result
        done += sizes[index]
        if progress:
            progress(done, total, stage)

    if pool is None:
        for index, args in enumerate(arguments):
            arrived(index, function(*args))
        return results
    futures = {pool.submit(function, *args): index for index, args in enumerate(arguments)}
    for future in as_completed(futures):
        arrived(futures.pop(future), future.result())  # popped: its result can be freed once kept
    return results


def mixed_at_top(shape: tuple[int, ...]) -> bool:
    """Whether the equilibria at the top of the range include mixed ones (as
    :func:`sovgame.robustness.batch.searches_mixed` decides, counted without listing)."""
    return len(shape) == 2 and support_pairs(shape[0], shape[1], smallest=1) <= MAX_SUPPORT_PAIRS


def exact_subsample_work(shape: tuple[int, ...], size: int, open_count: int) -> Work:
    """The exact ``unique`` threshold of ``size`` samples, each as :func:`compute_thresholds`."""
    each = thresholds_work(shape)
    return Work(
        size * each.units,
        f"the exact 'only equilibrium' threshold of {size:,} of the {open_count:,} samples the fast test leaves open",
        f"{each.because} per sample",
        "ask for fewer with {{unique_subsample}} (0 leaves them undetermined)",
    )


def _whole(value, parameter: str, lowest: int, highest: int | None) -> int:
    """``value`` as an int within [lowest, highest], or a :class:`ParameterError` naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(parameter, f"must be a whole number, not {value!r}")
    if value < lowest or (highest is not None and value > highest):
        bound = f"between {lowest:,} and {highest:,}" if highest is not None else f">= {lowest}"
        raise ParameterError(parameter, f"must be {bound}, not {value}")
    return int(value)
