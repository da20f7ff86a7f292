"""The straightforward per-sample computation of a robustness run, kept as the reference that
the fast paths must reproduce bit for bit.

This is the algorithm of ``sovgame robust`` as it was before its sign patterns were settled
once each (see :mod:`sovgame.robustness.patterns`), copied here function by function: every
(sample, κ) test of the unique set calls
:func:`~sovgame.robustness.patterns.target_alone` on the signs of that sample, every group of
comparisons is gathered from the payoffs on its own, game types come from ``np.select``, every
support pair of the batched equilibria is checked on its own, the exact path of an open sample
runs the whole :func:`~sovgame.costs.thresholds.compute_thresholds`, and quantiles sort every
value. :func:`installed` swaps it into the runner, so that a whole run (summaries, JSON,
tables) can be compared with the fast one. Only ``target_alone``, ``KappaSets``, the sampling,
the verdict rule of :func:`sovgame.costs.verdicts.verdict_for` and the summaries' arithmetic
are shared.
"""

from __future__ import annotations

import contextlib
import math
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from sovgame.core.intervals import Interval
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import verdict_for
from sovgame.robustness import batch, runner, summary
from sovgame.robustness.batch import _indifference
from sovgame.robustness.chunks import ChunkResult
from sovgame.robustness.kappa_sets import KappaSets, pairwise_2x2, type_counts
from sovgame.robustness.patterns import target_alone
from sovgame.robustness.plan import TOLERANCE, BindingCode, SamplingPlan, VerdictCode
from sovgame.robustness.sampling import chunk_generator, draw_samples, exact_sample_game


def gains(comparisons, U, W):
    """(a, b) of ``comparisons``, gathered with numpy's advanced indexing."""
    a = U[:, comparisons.to, comparisons.player] - U[:, comparisons.at, comparisons.player]
    b = W[:, comparisons.to, comparisons.player] - W[:, comparisons.at, comparisons.player]
    return a, b


def linear_sets(a: np.ndarray, b: np.ndarray, strict: bool) -> KappaSets:
    """Where ``a − κ·b ≤ 0`` (``< 0`` if strict) for every column, over κ ≥ 0.

    b > 0 gives a lower bound a/b, b < 0 an upper bound a/b (a negative upper bound, or zero
    for a strict condition, leaves nothing), b = 0 holds for every κ or for none.
    """
    ratio = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    lower = np.max(np.where(b > 0, ratio, -np.inf), axis=1, initial=-np.inf)
    upper = np.min(np.where(b < 0, ratio, np.inf), axis=1, initial=np.inf) + 0.0  # −0.0 → 0.0
    flat_fails = ((b == 0) & ((a >= 0) if strict else (a > 0))).any(axis=1)
    lo = np.maximum(lower, 0.0)
    if strict:
        nonempty = ~flat_fails & (lo < upper)
        # Where every lower bound is negative the condition already holds at κ = 0.
        return KappaSets(nonempty, lo, lower < 0, upper, np.zeros_like(nonempty))
    nonempty = ~flat_fails & (lo <= upper)
    return KappaSets(nonempty, lo, np.ones_like(nonempty), upper, np.ones_like(nonempty))


def nash_binding(plan: SamplingPlan, a: np.ndarray, b: np.ndarray, sets: KappaSets) -> np.ndarray:
    """The binding player of the nash threshold: the one whose own lower end is largest (the
    first such player on ties, as :mod:`sovgame.costs.thresholds`); −1 when the threshold is 0,
    −2 when never."""
    ratio = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    bounds = np.where(b > 0, ratio, -np.inf)
    own = np.stack(
        [np.max(bounds[:, plan.nash.player == i], axis=1, initial=-np.inf) for i in range(plan.n_players)], axis=1
    )
    binding = np.argmax(np.maximum(own, 0.0), axis=1).astype(np.int8)
    binding[sets.lo == 0] = BindingCode.NONE
    binding[~sets.nonempty] = BindingCode.NEVER
    return binding


def _signs_at(alpha: np.ndarray, beta: np.ndarray, root: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """Signs of α − κβ = β·(r − κ) at each κ, exactly 0 when κ is the root r itself.

    alpha, beta, root: (samples, comparisons); kappa: (samples, points) → (samples, points,
    comparisons), int8. Comparing κ with the root, rather than evaluating α − κβ in floats,
    keeps the tie at each breakpoint exact.
    """
    sign_beta = np.sign(beta).astype(np.int8)[:, None, :]
    moving = sign_beta * np.sign(root[:, None, :] - kappa[:, :, None]).astype(np.int8)
    return np.where(sign_beta == 0, np.sign(alpha).astype(np.int8)[:, None, :], moving)


def unique_sets(plan, U, W):
    """The unique set of every sample, testing every (sample, element) on its own signs, read
    sample by sample: the elements proved alone and those not proved not alone as exact
    intervals (floats are fractions exactly), their verdicts by
    :func:`sovgame.costs.verdicts.verdict_for`, the threshold where the first element not proved
    not alone is proved alone. (value, verdict codes, open)."""
    tables = plan.pairwise
    count = U.shape[0]
    alpha, beta = gains(tables.comparisons, U, W)
    root = np.divide(alpha, beta, out=np.zeros_like(alpha), where=beta != 0)
    points = np.sort(np.where((beta != 0) & (root > 0), root, 0.0), axis=1)
    points = np.concatenate([np.zeros((count, 1)), points], axis=1)
    last = points[:, -1:]
    gaps = np.concatenate([(points[:, :-1] + points[:, 1:]) / 2, last + np.maximum(1.0, last)], axis=1)
    tests = np.empty((count, 2 * points.shape[1]))
    tests[:, 0::2], tests[:, 1::2] = points, gaps
    signs = _signs_at(alpha, beta, root, tests)
    alone, not_alone = target_alone(plan, signs.reshape(-1, signs.shape[2]))
    alone, not_alone = alone.reshape(tests.shape), not_alone.reshape(tests.shape)
    plausible = (Fraction(plan.plausible[0]), Fraction(plan.plausible[1]))
    value, codes, open_ = np.full(count, np.inf), np.empty(count, np.int8), np.zeros(count, bool)
    for j in range(count):
        sure, maybe, first = [], [], None
        for element in range(tests.shape[1]):
            k = element // 2
            lo = Fraction(points[j, k])
            if element % 2 == 0:
                piece = Interval(lo, True, lo, True)
            else:
                hi = Fraction(points[j, k + 1]) if k + 1 < points.shape[1] else None
                if hi == lo:
                    continue  # an empty gap between equal breakpoints
                piece = Interval(lo, False, hi, False)
            if alone[j, element]:
                sure.append(piece)
            if not not_alone[j, element]:
                maybe.append(piece)
                if first is None:
                    first = (lo, bool(alone[j, element]))
        verdict = verdict_for(sure, plausible)
        codes[j] = VerdictCode.of(verdict)
        open_[j] = verdict != verdict_for(maybe, plausible) or (first is not None and not first[1])
        value[j] = float(first[0]) if first is not None else np.inf
    return value, codes, open_


def sign_patterns(alpha: np.ndarray, beta: np.ndarray, kappa: float) -> np.ndarray:
    """Code 0..80 of the four comparison signs at κ (base 3, sign + 1 per digit)."""
    root = np.divide(alpha, beta, out=np.zeros_like(alpha), where=beta != 0)
    signs = _signs_at(alpha, beta, root, np.full((alpha.shape[0], 1), kappa))[:, 0, :]
    return ((signs + 1).astype(np.int64) * np.array([1, 3, 9, 27])).sum(axis=1)


def game_types_2x2(plan: SamplingPlan, U: np.ndarray, W: np.ndarray, kappa: float) -> np.ndarray:
    """Each player's game type at κ (codes into :data:`GAME_TYPES`), from its R, S, T, P
    with the target strategy as C (docs/models.md notation; Jervis 1978): Prisoner's Dilemma
    T > R > P > S, Stag Hunt R > T ≥ P > S, Chicken T > R > S > P, Deadlock T > P > R > S,
    Harmony R > T and S > P (compromise dominant)."""
    t1, t2 = plan.target
    o1, o2 = 1 - t1, 1 - t2
    u = U - kappa * W if kappa else U
    cells = {  # player: (R, S, T, P) as flat profiles
        0: (2 * t1 + t2, 2 * t1 + o2, 2 * o1 + t2, 2 * o1 + o2),
        1: (2 * t1 + t2, 2 * o1 + t2, 2 * t1 + o2, 2 * o1 + o2),
    }
    types = []
    for i in (0, 1):
        R, S, T, P = (u[:, c, i] for c in cells[i])
        types.append(
            np.select(
                [
                    (T > R) & (R > P) & (P > S),
                    (R > T) & (T >= P) & (P > S),
                    (T > R) & (R > S) & (S > P),
                    (T > P) & (P > R) & (R > S),
                    (R > T) & (S > P),
                ],
                [0, 1, 2, 3, 4],
                default=5,
            ).astype(np.int8)
        )
    return np.stack(types, axis=1)


def bimatrix_equilibria_batch(A, B, pairs):
    """Every support pair checked on its own."""
    tol = TOLERANCE * np.maximum(np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2))), 1.0)
    Bt = np.swapaxes(B, 1, 2)
    found = np.zeros((A.shape[0], len(pairs)), bool)
    degenerate = np.zeros(A.shape[0], bool)
    for index, (I, J) in enumerate(pairs):
        rows_ok, rows_degenerate = _indifference(A, I, J, tol)
        cols_ok, cols_degenerate = _indifference(Bt, J, I, tol)
        found[:, index] = rows_ok & cols_ok
        degenerate |= rows_degenerate | cols_degenerate
    return found, degenerate


def sets_at_kappa(plan, U, W, kappa):
    """:func:`sovgame.robustness.batch.sets_at_kappa` with the pair-by-pair batch above."""
    with _patched(batch, bimatrix_equilibria_batch=bimatrix_equilibria_batch):
        return batch.sets_at_kappa(plan, U, W, kappa)


def evaluate_samples(plan, U, W) -> ChunkResult:
    """Every per-sample quantity, each group of comparisons computed from the payoffs."""
    count = U.shape[0]
    values, verdicts = {}, {}
    a, b = gains(plan.nash, U, W)
    nash = linear_sets(a, b, strict=False)
    values["nash"], verdicts["nash"] = nash.value, nash.verdicts(plan.plausible)
    binding = nash_binding(plan, a, b, nash)
    a, b = gains(plan.dominance, U, W)
    dominant = linear_sets(a, b, strict=True)
    values["dominant"], verdicts["dominant"] = dominant.value, dominant.verdicts(plan.plausible)
    if plan.pairwise is not None:
        value, codes, open_ = unique_sets(plan, U, W)
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
        alpha, beta = gains(pairwise_2x2(plan), U, W)
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


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs: Sequence[float], **_) -> list[float]:
    """For each q the smallest value whose cumulative weight reaches q of the total (the
    inverted CDF: an actual sample value, so 'never' (inf) is never averaged with a number)."""
    if not len(values):
        return [math.inf] * len(qs)
    # A hair below q·total, so that q·n landing a rounding error above a whole number of
    # samples does not skip to the next one.
    shrink = 1 - 1e-12
    if np.all(weights == 1):
        ordered = np.sort(values)
        return [float(ordered[min(max(math.ceil(q * len(values) * shrink), 1), len(values)) - 1]) for q in qs]
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    positions = np.searchsorted(cumulative, [q * cumulative[-1] * shrink for q in qs], side="left")
    return [float(values[order][min(int(pos), len(order) - 1)]) for pos in positions]


@contextlib.contextmanager
def _patched(module, **names):
    saved = {name: getattr(module, name) for name in names}
    for name, value in names.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


@contextlib.contextmanager
def installed():
    """Within the block, :func:`sovgame.robustness.runner.robust` runs the reference (in this
    process: executors in other processes import the runner afresh)."""
    with _patched(runner, run_chunk=run_chunk, run_exact_unique=run_exact_unique):
        with _patched(summary, weighted_quantiles=weighted_quantiles):
            yield
