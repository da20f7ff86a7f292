"""Thresholds of many sampled games at once: sets of κ per sample, in numpy.

The ``nash`` and ``dominant`` sets are intervals cut out by linear bounds a/b; the ``unique``
threshold of two-player samples is walked down from κ = ∞ with proofs by iterated strict
dominance (see :mod:`sovgame.robustness`). 2x2 games also get their game types and the sign
patterns that decide their equilibrium sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.model import Profile
from .plan import GAME_TYPES, BindingCode, Comparisons, SamplingPlan, VerdictCode


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
    first such player on ties, as :mod:`sovgame.thresholds`); −1 when the threshold is 0,
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


def unique_walk(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> tuple[KappaSets, np.ndarray]:
    """The ``unique`` threshold of two-player samples where it is settled, and which are open.

    See the module docstring. The elements tested are κ = 0, every pairwise breakpoint and one
    κ inside each gap between them (and one beyond the last), walked down from the top as
    :func:`sovgame.regimes.tail_of_uniqueness` does, each sample only until its proved tail
    ends (most end within a few elements, so this beats testing every element). Returns the
    tail of κ from which the target is proved alone, and a mask of the samples where the
    element just below that tail is neither proved alone nor proved not alone.
    """
    tables = plan.pairwise
    assert tables is not None, "the unique walk is for two-player samples"
    count = U.shape[0]
    alpha, beta = tables.comparisons.gains(U, W)
    root = np.divide(alpha, beta, out=np.zeros_like(alpha), where=beta != 0)
    points = np.sort(np.where((beta != 0) & (root > 0), root, 0.0), axis=1)
    points = np.concatenate([np.zeros((count, 1)), points], axis=1)  # κ = 0 is always tested
    last = points[:, -1:]
    gaps = np.concatenate([(points[:, :-1] + points[:, 1:]) / 2, last + np.maximum(1.0, last)], axis=1)
    tests = np.empty((count, 2 * points.shape[1]))
    tests[:, 0::2], tests[:, 1::2] = points, gaps  # point 0, gap 0, point 1, gap 1, ...

    elements = tests.shape[1]
    start = np.full(count, elements)  # first element of the proved tail (none yet)
    settled = np.ones(count, bool)  # the element below the tail is proved not alone
    active = np.arange(count)
    # The walk's working copies shrink with the active samples.
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


def target_alone(plan: SamplingPlan, signs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At one κ per row, given the signs of every pairwise comparison (rows, comparisons):
    (proved the only equilibrium, proved not the only one).

    Proved alone: iterated elimination of strictly dominated strategies leaves only the target
    (survivors are all a player can use in any equilibrium, mixed included; the order of
    elimination does not matter for strict dominance). Proved not alone: the target is no
    equilibrium, another pure profile is one, or one player ties at the target while the
    other's reply is strict (then mixing the tied strategies in with a small weight is an
    equilibrium too: a continuum). In 2x2 games one of the two always holds.
    """
    tables = plan.pairwise
    assert tables is not None, "pairwise comparisons are made for two-player samples"
    m, n = plan.shape
    count = signs.shape[0]
    if not signs.shape[1]:  # every player has one strategy: nothing is ever compared
        signs = np.zeros((count, 1), np.int8)
    # rows[:, r2, r1, c] = sign(A[r2, c] − A[r1, c]); cols[:, c2, c1, r] = sign(B[r, c2] − B[r, c1]).
    rows = (signs[:, tables.row_index.ravel()] * tables.row_sign.ravel()).reshape(count, m, m, n)
    cols = (signs[:, tables.col_index.ravel()] * tables.col_sign.ravel()).reshape(count, n, n, m)
    return _alone_after_dominance(rows, cols, plan.target), _proved_not_alone(rows, cols, plan.target)


# The strategy axes are tiny, so they are looped over with whole-array operations: numpy
# reduces a short inner axis far more slowly.


def _any_of(arrays: list[np.ndarray]) -> np.ndarray:
    out = arrays[0].copy()
    for a in arrays[1:]:
        out |= a
    return out


def _all_of(arrays: list[np.ndarray]) -> np.ndarray:
    out = arrays[0].copy()
    for a in arrays[1:]:
        out &= a
    return out


def _alone_after_dominance(rows: np.ndarray, cols: np.ndarray, target: Profile) -> np.ndarray:
    """Iterated elimination of strictly dominated strategies, on every row at once, leaves
    only the target. ``rows[:, r2, r1, c]`` = sign(A[r2, c] − A[r1, c]), ``cols`` likewise."""
    count, m, _, n = rows.shape
    t1, t2 = target
    # Sets of strategies as bitmasks: bit c of beats_rows[:, r2, r1] is set where
    # A[r2, c] > A[r1, c] (never for r2 = r1); likewise for columns.
    # Typed loosely: numpy's stubs reject shifts of unsigned arrays by unsigned scalars.
    bits: Any = np.uint8 if max(m, n) <= 8 else np.uint16 if max(m, n) <= 16 else np.uint64
    beats_rows = _any_of([(rows[..., c] > 0).astype(bits) << bits(c) for c in range(n)])
    beats_cols = _any_of([(cols[..., r] > 0).astype(bits) << bits(r) for r in range(m)])
    alive_rows = np.full(count, (1 << m) - 1, bits)
    alive_cols = np.full(count, (1 << n) - 1, bits)
    for _ in range(max(m + n - 2, 1)):
        changed = False
        players = ((beats_rows, alive_rows, alive_cols, m), (beats_cols, alive_cols, alive_rows, n))
        for beats, own, other, size in players:
            # A strategy goes when a live rival beats it against every live opposing strategy.
            covers = (other[:, None, None] & ~beats) == 0  # [:, winner, loser]
            beaten = _any_of([covers[:, w, :] & ((own >> bits(w)) & 1).astype(bool)[:, None] for w in range(size)])
            removed = _any_of([beaten[:, k].astype(bits) << bits(k) for k in range(size)]) & own
            if removed.any():
                own &= ~removed
                changed = True
        if not changed:
            break
    return (alive_rows == 1 << t1) & (alive_cols == 1 << t2)


def _proved_not_alone(rows: np.ndarray, cols: np.ndarray, target: Profile) -> np.ndarray:
    """The target is no equilibrium, another pure profile is one, or a continuum through the
    target exists (one player ties there while the other's reply is strict)."""
    count, m, _, n = rows.shape
    t1, t2 = target
    best_rows = _all_of([rows[:, r2] <= 0 for r2 in range(m)])  # [:, r, c]: r is a best reply to c
    best_cols = _all_of([cols[:, c2] <= 0 for c2 in range(n)])  # [:, c, r]: c is a best reply to r
    nash = best_rows & np.swapaxes(best_cols, 1, 2)
    target_nash = nash[:, t1, t2]
    others = [nash[:, r, c] for r in range(m) for c in range(n) if (r, c) != (t1, t2)]
    other_nash = _any_of(others) if others else np.zeros(count, bool)
    row_gaps = [rows[:, r2, t1, t2] for r2 in range(m) if r2 != t1]  # other rows against the target
    col_gaps = [cols[:, c2, t2, t1] for c2 in range(n) if c2 != t2]
    true, false = np.ones(count, bool), np.zeros(count, bool)
    row_tie = _any_of([g == 0 for g in row_gaps]) if row_gaps else false
    col_tie = _any_of([g == 0 for g in col_gaps]) if col_gaps else false
    row_strict = _all_of([g < 0 for g in row_gaps]) if row_gaps else true
    col_strict = _all_of([g < 0 for g in col_gaps]) if col_gaps else true
    continuum = target_nash & ((row_tie & col_strict) | (col_tie & row_strict))
    return ~target_nash | other_nash | continuum


def pairwise_2x2(plan: SamplingPlan) -> Comparisons:
    """The four comparisons of a 2x2 game, each 'target strategy minus the other': the row
    player against the column target and against the column alternative, the column player
    against the row target and against the row alternative."""
    t1, t2 = plan.target
    o1, o2 = 1 - t1, 1 - t2
    own = [2 * t1 + t2, 2 * t1 + o2, 2 * t1 + t2, 2 * o1 + t2]
    other = [2 * o1 + t2, 2 * o1 + o2, 2 * t1 + o2, 2 * o1 + o2]
    return Comparisons(np.array([0, 0, 1, 1]), np.array(other), np.array(own))


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


def type_counts(types: np.ndarray) -> np.ndarray:
    """Rows: each player, then the game (the common type, or other); columns: GAME_TYPES."""
    game = np.where(types[:, 0] == types[:, 1], types[:, 0], len(GAME_TYPES) - 1)
    rows = [np.bincount(types[:, i], minlength=len(GAME_TYPES)) for i in range(types.shape[1])]
    rows.append(np.bincount(game, minlength=len(GAME_TYPES)))
    return np.stack(rows)
