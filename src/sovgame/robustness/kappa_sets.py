"""Thresholds of many sampled games at once: sets of κ per sample, in numpy.

The ``nash`` and ``dominant`` sets are intervals cut out by linear bounds a/b; the ``unique``
set of two-player samples is read element by element over the pairwise breakpoints, with
proofs by iterated strict dominance (see :mod:`sovgame.robustness`). 2x2 games also get their game types and the sign
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


def unique_sets(
    plan: SamplingPlan,
    U: np.ndarray,
    W: np.ndarray,
    gains: tuple[np.ndarray, np.ndarray] | None = None,
    nash: KappaSets | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``unique`` set of two-player samples, read for its threshold and verdict where the
    sign tests settle them: (least κ, inf when never; verdict codes; open samples).

    The elements are κ = 0, every pairwise breakpoint and the gaps between them (and beyond
    the last), each tested at one κ (:func:`element_kappa`), from the bottom up; at each a
    sample is proved alone, proved not alone, or neither (:mod:`~sovgame.robustness.patterns`).
    The elements proved alone make a set inside the true one, those not proved not alone a set
    around it; a verdict only grows with its set (it is the best of the regions the set meets:
    κ = 1, (1, top], above both, below today; :func:`sovgame.costs.verdicts.verdict_for`), so
    where both give the same verdict it is the true one. The least κ is known where the first
    element not proved not alone is proved alone. A sample is open where either is not known;
    in 2x2 games none is. Where an element lies outside a sample's Nash set the target is
    no equilibrium there, so not alone: only the samples whose Nash set meets the element are
    tested. ``gains``: the pairwise (α, β), and ``nash``: the Nash sets, if at hand.
    """
    tables = plan.pairwise
    assert tables is not None, "the unique sets are for two-player samples"
    count = U.shape[0]
    alpha, beta = gains if gains is not None else tables.comparisons.gains(U, W)
    root = ratios(alpha, beta)
    points = np.empty((count, alpha.shape[1] + 1), order="F")  # columns: each point's κ
    points[:, 0] = 0.0  # κ = 0 is always tested
    points[:, 1:] = sort_rows(np.where((beta != 0) & (root > 0), root, 0.0))
    if nash is None:
        nash = linear_sets(*plan.nash.gains(U, W), strict=False)
    settle = _settler(plan, alpha, beta, root)
    top = float(plan.plausible[1])
    sure, maybe = np.zeros((4, count), bool), np.zeros((4, count), bool)
    value, unknown, seen = np.full(count, np.inf), np.zeros(count, bool), np.zeros(count, bool)
    rows = np.arange(count)
    for element in range(2 * points.shape[1]):
        k, point = element // 2, element % 2 == 0
        lo = points[:, k]
        hi = lo if point else (points[:, k + 1] if k + 1 < points.shape[1] else np.full(count, np.inf))
        inside = nash.nonempty & ((hi >= nash.lo) & (lo <= nash.hi) if point else (hi > nash.lo) & (lo < nash.hi))
        tested = rows[inside]
        alone, not_alone = np.zeros(count, bool), np.ones(count, bool)
        if len(tested):
            alone[tested], not_alone[tested] = settle(element_kappa(points, tested, element), tested)
        met = _regions(lo, hi, point, top)
        possible = ~not_alone
        sure |= met & alone
        maybe |= met & possible
        first = possible & ~seen
        value[first] = lo[first]
        unknown |= first & ~alone
        seen |= possible
    codes = _verdict_codes(sure)
    return value, codes, unknown | (codes != _verdict_codes(maybe))


def _regions(lo: np.ndarray, hi: np.ndarray, point: bool, top: float) -> np.ndarray:
    """Per sample, whether the element (the point lo, or the open gap (lo, hi)) holds κ = 1,
    meets (1, top], meets (max(1, top), ∞) and meets [0, 1): (4, samples)."""
    edge = max(1.0, top)
    if point:
        return np.stack([lo == 1.0, (top > 1.0) & (lo > 1.0) & (lo <= top), lo > edge, lo < 1.0])
    return np.stack([(lo < 1.0) & (hi > 1.0), (top > 1.0) & (hi > 1.0) & (lo < top), hi > edge, lo < 1.0])


def _verdict_codes(met: np.ndarray) -> np.ndarray:
    """The verdict codes of sets by the regions they meet (:func:`_regions`), read from today
    upward as :func:`sovgame.costs.verdicts.verdict_for` reads them."""
    return np.select(
        list(met),
        [VerdictCode.HOLDS_TODAY, VerdictCode.REACHABLE, VerdictCode.BEYOND, VerdictCode.LAPSED],
        default=VerdictCode.NEVER,
    ).astype(np.int8)


def element_kappa(points: np.ndarray, rows: np.ndarray, element: int) -> np.ndarray:
    """The κ at which element ``element`` is tested, for samples ``rows``: point k (element
    2k) at itself, the gap after it (element 2k + 1) half way to the next point, the last gap
    at last + max(1, last)."""
    k = element // 2
    point = points[rows, k]
    if element % 2 == 0:
        return point
    if k + 1 < points.shape[1]:
        return (point + points[rows, k + 1]) / 2
    return point + np.maximum(1.0, point)


def _settler(plan: SamplingPlan, alpha: np.ndarray, beta: np.ndarray, root: np.ndarray):
    """A function of (κ per sample, the samples) giving (proved alone, proved not alone) for
    those samples.

    The sign of comparison c at κ is sign(β_c·(r_c − κ)), or sign(α_c) where β_c = 0 (as
    :func:`_signs_at`; comparing κ with the root keeps the tie at a breakpoint exact), so the
    code of the pattern, Σ_c (sign_c + 1)·3^c, is a fixed part plus Σ_c sign(β_c·(r_c − κ))·3^c:
    one product of {−1, 0, 1} with the powers of 3 per sample, exact in float64. Games with
    too many comparisons for one code are settled by rows of signs instead.
    """
    if not patterns.coded(plan):

        def by_signs(kappa: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            signs = _signs_at(alpha[rows], beta[rows], root[rows], kappa[:, None])[:, 0, :]
            return patterns.settle_signs(plan, signs)

        return by_signs
    weight = powers(alpha.shape[1])
    sign_beta = np.sign(beta)
    offset = ((sign_beta == 0) * np.sign(alpha) + 1.0) @ weight  # Σ 3^c + Σ_{β=0} sign(α_c)·3^c
    # Roots and signs held as (comparisons, samples): each comparison's row runs along the samples.
    r, s = np.ascontiguousarray(root.T), np.ascontiguousarray(sign_beta.T)
    everyone = len(offset)

    def by_codes(kappa: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        whole = len(rows) == everyone
        d = (r if whole else r[:, rows]) - kappa
        d *= s if whole else s[:, rows]
        codes = weight @ np.sign(d, out=d) + (offset if whole else offset[rows])
        return patterns.settle(plan, codes.astype(np.int64))

    return by_codes


def pairwise_2x2(plan: SamplingPlan) -> Comparisons:
    """The four comparisons of a 2x2 game that decide its equilibrium set
    (:func:`~sovgame.robustness.plan.pattern_comparisons` of the target)."""
    return pattern_comparisons(plan.target)


def sign_patterns(alpha: np.ndarray, beta: np.ndarray, kappa: float) -> np.ndarray:
    """Code 0..80 of the four comparison signs at κ (base 3, sign + 1 per digit): the signs of
    :func:`_signs_at`, coded as the uniqueness sets code them (:func:`_settler`)."""
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
