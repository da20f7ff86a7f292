"""The straightforward per-sample computation of a robustness run, kept as the reference that
the fast paths must reproduce bit for bit.

This is the algorithm of ``sovgame robust`` before its sign patterns were settled once each
and its comparisons shared (see :mod:`sovgame.robustness.patterns`): every (sample, κ) test of
the unique walk calls :func:`~sovgame.robustness.patterns.target_alone` on the signs of that
sample, every group of comparisons is computed from the payoffs on its own, and the exact path
of an open sample runs the whole :func:`~sovgame.costs.thresholds.compute_thresholds`.
:func:`installed` swaps it into the runner, so that a whole run (summaries, JSON, tables) can
be compared with the fast one.
"""

from __future__ import annotations

import contextlib
import math
from collections import Counter

import numpy as np

from sovgame.costs.thresholds import compute_thresholds
from sovgame.robustness import runner
from sovgame.robustness.batch import sets_at_kappa
from sovgame.robustness.kappa_sets import (
    KappaSets,
    _signs_at,
    game_types_2x2,
    linear_sets,
    nash_binding,
    pairwise_2x2,
    sign_patterns,
    type_counts,
)
from sovgame.robustness.patterns import target_alone
from sovgame.robustness.plan import VerdictCode, chunk_generator, draw_samples, exact_sample_game
from sovgame.robustness.summary import ChunkResult


def unique_walk(plan, U, W):
    """The unique walk testing every (sample, element) on its own signs."""
    tables = plan.pairwise
    count = U.shape[0]
    alpha, beta = tables.comparisons.gains(U, W)
    root = np.divide(alpha, beta, out=np.zeros_like(alpha), where=beta != 0)
    points = np.sort(np.where((beta != 0) & (root > 0), root, 0.0), axis=1)
    points = np.concatenate([np.zeros((count, 1)), points], axis=1)
    last = points[:, -1:]
    gaps = np.concatenate([(points[:, :-1] + points[:, 1:]) / 2, last + np.maximum(1.0, last)], axis=1)
    tests = np.empty((count, 2 * points.shape[1]))
    tests[:, 0::2], tests[:, 1::2] = points, gaps
    elements = tests.shape[1]
    start = np.full(count, elements)
    settled = np.ones(count, bool)
    active = np.arange(count)
    a, b, r, t = alpha, beta, root, tests
    for element in range(elements - 1, -1, -1):
        if not len(active):
            break
        signs = _signs_at(a, b, r, t[:, element : element + 1])[:, 0, :]
        alone, not_alone = target_alone(plan, signs)
        start[active[alone]] = element
        settled[active[~alone]] = not_alone[~alone]
        active = active[alone]
        a, b, r, t = a[alone], b[alone], r[alone], t[alone]
    has_tail = start < elements
    first = np.minimum(start, elements - 1)
    lo = np.where(has_tail, points[np.arange(count), first // 2], np.inf)
    sets = KappaSets(has_tail, lo, has_tail & (first % 2 == 0), np.full(count, np.inf), np.zeros(count, bool))
    return sets, ~settled


def evaluate_samples(plan, U, W) -> ChunkResult:
    """Every per-sample quantity, each group of comparisons computed from the payoffs."""
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
    target_equilibrium = int(nash.contains(plan.top).sum())
    return ChunkResult(
        values, verdicts, open_, binding, target_equilibrium, patterns, sets, unresolved, types_zero, types_top
    )


def run_chunk(plan, seed: int, chunk: int, count: int) -> ChunkResult:
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    return evaluate_samples(plan, U, W)


def exact_unique(plan, U, W) -> tuple[float, int]:
    """The unique threshold of one sample from the whole threshold report."""
    threshold = compute_thresholds(exact_sample_game(plan, U, W), plan.target).thresholds["unique"]
    if not threshold.defined:
        return math.nan, VerdictCode.UNDETERMINED
    return (math.inf if threshold.value is None else float(threshold.value)), VerdictCode.of(threshold.verdict)


def run_exact_unique(plan, seed: int, chunk: int, count: int, local):
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    results = [exact_unique(plan, U[j], W[j]) for j in local]
    return np.array([v for v, _ in results], float), np.array([c for _, c in results], np.int8)


@contextlib.contextmanager
def installed():
    """Within the block, :func:`sovgame.robustness.runner.robust` runs the reference (in this
    process: executors in other processes import the runner afresh)."""
    saved = runner.run_chunk, runner.run_exact_unique
    runner.run_chunk, runner.run_exact_unique = run_chunk, run_exact_unique
    try:
        yield
    finally:
        runner.run_chunk, runner.run_exact_unique = saved
