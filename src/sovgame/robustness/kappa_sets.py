"""Thresholds of many sampled games at once: sets of κ per sample, in numpy.

The ``nash`` and ``dominant`` sets are intervals cut out by linear bounds a/b; the ``unique``
threshold of two-player samples is walked down from κ = ∞ with proofs by iterated strict
dominance (see :mod:`sovgame.robustness`). 2x2 games also get their game types and the sign
patterns that decide their equilibrium sets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import patterns
from .patterns import powers
from .plan import GAME_TYPES, BindingCode, Comparisons, SamplingPlan, VerdictCode, pattern_comparisons
from .sampling import sort_rows


@dataclass
class KappaSets:
    """Per sample, a set of κ ≥ 0: one interval from ``lo`` to ``hi`` (inf: unbounded), or empty."""

    nonempty: np.ndarray
    lo: np.ndarray
    lo_closed: np.ndarray
    hi: np.ndarray
    hi_closed: np.ndarray

    @property
    def value(self) -> np.ndarray:
        """The threshold: the smallest κ of the set (inf when never)."""
        return np.where(self.nonempty, self.lo, np.inf)

    def verdicts(self, plausible: tuple[float, float]) -> np.ndarray:
        """holds today / reachable / beyond / lapsed / never codes, by the rule of
        :func:`sovgame.costs.verdicts.verdict_for` at κ = 1 and the top of the range."""
        top = plausible[1]
        edge = max(1.0, top)
        # Meets (1, top]: reaches above 1 and starts at or below the top.
        reachable = (top > 1.0) & (self.hi > 1.0) & ((self.lo < top) | ((self.lo == top) & self.lo_closed))
        codes = np.select(
            [~self.nonempty, self.contains(1.0), reachable, self.hi > edge],
            [VerdictCode.NEVER, VerdictCode.HOLDS_TODAY, VerdictCode.REACHABLE, VerdictCode.BEYOND],
            default=VerdictCode.LAPSED,
        )
        return codes.astype(np.int8)

    def contains(self, kappa: float) -> np.ndarray:
        """Per sample, whether κ lies in its set."""
        return (
            self.nonempty
            & ((self.lo < kappa) | ((self.lo == kappa) & self.lo_closed))
            & ((self.hi > kappa) | ((self.hi == kappa) & self.hi_closed))
        )


def ratios(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a/b where b ≠ 0, else 0: ``np.divide(a, b, out=zeros, where=b != 0)`` without its
    slow masked loop (the same numbers)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / b, 0.0)


def linear_sets(a: np.ndarray, b: np.ndarray, strict: bool) -> KappaSets:
    """Where ``a − κ·b ≤ 0`` (``< 0`` if strict) for every column, over κ ≥ 0.

    b > 0 gives a lower bound a/b, b < 0 an upper bound a/b (a negative upper bound, or zero
    for a strict condition, leaves nothing), b = 0 holds for every κ or for none.
    """
    ratio = ratios(a, b)
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
    bounds = np.where(b > 0, ratios(a, b), -np.inf)
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


def unique_walk(
    plan: SamplingPlan, U: np.ndarray, W: np.ndarray, gains: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[KappaSets, np.ndarray]:
    """The ``unique`` threshold of two-player samples where it is settled, and which are open.

    See the module docstring. The elements tested are κ = 0, every pairwise breakpoint and one
    κ inside each gap between them (and one beyond the last), walked down from the top as
    :func:`sovgame.costs.uniqueness.tail_of_uniqueness` does, each sample only until its proved tail
    ends (most end within a few elements, so this beats testing every element). At each
    element a sample is settled by the pattern of its comparison signs there
    (:mod:`~sovgame.robustness.patterns`). Returns the tail of κ from which the target is
    proved alone, and a mask of the samples where the element just below that tail is
    neither proved alone nor proved not alone. ``gains``: the pairwise (α, β), if at hand.
    """
    tables = plan.pairwise
    assert tables is not None, "the unique walk is for two-player samples"
    count = U.shape[0]
    alpha, beta = gains if gains is not None else tables.comparisons.gains(U, W)
    root = ratios(alpha, beta)
    points = np.empty((count, alpha.shape[1] + 1), order="F")  # columns: each point's κ
    points[:, 0] = 0.0  # κ = 0 is always tested
    points[:, 1:] = sort_rows(np.where((beta != 0) & (root > 0), root, 0.0))
    start, settled = _walk(plan, alpha, beta, root, points)
    elements = 2 * points.shape[1]
    has_tail = start < elements
    first = np.minimum(start, elements - 1)
    lo = np.where(has_tail, points[np.arange(count), first // 2], np.inf)
    sets = KappaSets(has_tail, lo, has_tail & (first % 2 == 0), np.full(count, np.inf), np.zeros(count, bool))
    return sets, ~settled


def element_kappa(points: np.ndarray, rows: np.ndarray, element: int) -> np.ndarray:
    """The κ at which element ``element`` of the walk is tested, for samples ``rows``: point
    k (element 2k) at itself, the gap after it (element 2k + 1) half way to the next point,
    the last gap at last + max(1, last)."""
    k = element // 2
    point = points[rows, k]
    if element % 2 == 0:
        return point
    if k + 1 < points.shape[1]:
        return (point + points[rows, k + 1]) / 2
    return point + np.maximum(1.0, point)


def _walk(
    plan: SamplingPlan, alpha: np.ndarray, beta: np.ndarray, root: np.ndarray, points: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Walk down the elements of ``points`` (:func:`element_kappa`): the first element of each
    sample's proved tail (``elements`` where there is none), and whether the element below it
    is proved not alone.

    The sign of comparison c at κ is sign(β_c·(r_c − κ)), or sign(α_c) where β_c = 0 (as
    :func:`_signs_at`; comparing κ with the root keeps the tie at a breakpoint exact), so the
    code of the pattern, Σ_c (sign_c + 1)·3^c, is a fixed part plus Σ_c sign(β_c·(r_c − κ))·3^c:
    one product of {−1, 0, 1} with the powers of 3 per sample, exact in float64.
    """
    if not patterns.coded(plan):
        return _walk_by_signs(plan, alpha, beta, root, points)
    count, elements = points.shape[0], 2 * points.shape[1]
    start = np.full(count, elements)  # first element of the proved tail (none yet)
    settled = np.ones(count, bool)  # the element below the tail is proved not alone
    weight = powers(alpha.shape[1])
    sign_beta = np.sign(beta)
    offset = ((sign_beta == 0) * np.sign(alpha) + 1.0) @ weight  # Σ 3^c + Σ_{β=0} sign(α_c)·3^c
    # The working rows (pool) are every sample at first; samples whose tail has ended drop out
    # of the pool only once they are a quarter of it, so the copies stay few. Roots and signs
    # are held as (comparisons, samples): each comparison's row runs along the samples.
    pool, live = np.arange(count), np.ones(count, bool)
    r, s, o = np.ascontiguousarray(root.T), np.ascontiguousarray(sign_beta.T), offset
    for element in range(elements - 1, -1, -1):
        d = r - element_kappa(points, pool, element)
        d *= s
        codes = weight @ np.sign(d, out=d) + o
        alone, not_alone = patterns.settle(plan, codes.astype(np.int64))
        alone &= live
        leaving = live & ~alone
        start[pool[alone]] = element
        settled[pool[leaving]] = not_alone[leaving]
        live = alone
        remaining = np.count_nonzero(live)
        if not remaining:
            break
        if remaining < 0.75 * len(pool):
            pool, r, s, o = pool[live], r[:, live], s[:, live], o[live]
            live = np.ones(remaining, bool)
    return start, settled


def _walk_by_signs(
    plan: SamplingPlan, alpha: np.ndarray, beta: np.ndarray, root: np.ndarray, points: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_walk` for games with too many comparisons for one code: by rows of signs."""
    count, elements = points.shape[0], 2 * points.shape[1]
    start = np.full(count, elements)
    settled = np.ones(count, bool)
    active = np.arange(count)
    a, b, r = alpha, beta, root
    for element in range(elements - 1, -1, -1):
        if not len(active):
            break
        signs = _signs_at(a, b, r, element_kappa(points, active, element)[:, None])[:, 0, :]
        alone, not_alone = patterns.settle_signs(plan, signs)
        start[active[alone]] = element
        settled[active[~alone]] = not_alone[~alone]
        active = active[alone]
        a, b, r = a[alone], b[alone], r[alone]
    return start, settled


def pairwise_2x2(plan: SamplingPlan) -> Comparisons:
    """The four comparisons of a 2x2 game that decide its equilibrium set
    (:func:`~sovgame.robustness.plan.pattern_comparisons` of the target)."""
    return pattern_comparisons(plan.target)


def sign_patterns(alpha: np.ndarray, beta: np.ndarray, kappa: float) -> np.ndarray:
    """Code 0..80 of the four comparison signs at κ (base 3, sign + 1 per digit): the signs of
    :func:`_signs_at`, coded as the walk codes them (:func:`_walk`)."""
    weight = powers(alpha.shape[1])
    sign_beta = np.sign(beta)
    offset = ((sign_beta == 0) * np.sign(alpha) + 1.0) @ weight
    moving = np.sign((ratios(alpha, beta) - kappa) * sign_beta)
    return (moving @ weight + offset).astype(np.int64)


def game_types_2x2(plan: SamplingPlan, U: np.ndarray, W: np.ndarray, kappa: float) -> np.ndarray:
    """Each player's game type at κ (codes into :data:`GAME_TYPES`), from its R, S, T, P
    with the target strategy as C (docs/models.md notation; Jervis 1978): Prisoner's Dilemma
    T > R > P > S, Stag Hunt R > T ≥ P > S, Chicken T > R > S > P, Deadlock T > P > R > S,
    Harmony R > T and S > P (compromise dominant)."""
    t1, t2 = plan.target
    o1, o2 = 1 - t1, 1 - t2
    u = U - kappa * W if kappa else U
    u = np.ascontiguousarray(u.reshape(len(u), -1).T)  # rows: (profile, player), along the samples
    cells = {  # player: (R, S, T, P) as flat profiles
        0: (2 * t1 + t2, 2 * t1 + o2, 2 * o1 + t2, 2 * o1 + o2),
        1: (2 * t1 + t2, 2 * o1 + t2, 2 * t1 + o2, 2 * o1 + o2),
    }
    types = np.empty((U.shape[0], 2), np.int8)
    for i in (0, 1):
        R, S, T, P = (u[2 * c + i] for c in cells[i])
        dilemma = (T > R) & (R > P) & (P > S)
        stag = (R > T) & (T >= P) & (P > S)
        chicken = (T > R) & (R > S) & (S > P)
        deadlock = (T > P) & (P > R) & (R > S)
        harmony = (R > T) & (S > P)
        # The five orderings exclude one another (any two differ on T vs R, R vs P or P vs S),
        # so the type is 5 (other) less the code of the one that holds.
        types[:, i] = 5 - (5 * dilemma + 4 * stag + 3 * chicken + 2 * deadlock + 1 * harmony)
    return types


def type_counts(types: np.ndarray) -> np.ndarray:
    """Rows: each player, then the game (the common type, or other); columns: GAME_TYPES."""
    game = np.where(types[:, 0] == types[:, 1], types[:, 0], len(GAME_TYPES) - 1)
    rows = [np.bincount(types[:, i], minlength=len(GAME_TYPES)) for i in range(types.shape[1])]
    rows.append(np.bincount(game, minlength=len(GAME_TYPES)))
    return np.stack(rows)
