"""Equilibria of many sampled games at one cost level: batched support enumeration in
numpy, with samples that are degenerate within the tolerance solved exactly."""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..core.model import Profile
from .plan import EXACT_FALLBACK_PER_CHUNK, MAX_SUPPORT_PAIRS, TOLERANCE, SamplingPlan, SetKey, Supports
from .sampling import exact_sample_game

if TYPE_CHECKING:
    from ..solvers.equilibria import Solution


def pattern_key(plan: SamplingPlan, code: int) -> SetKey:
    """The exact equilibrium set of every 2x2 game with these four comparison signs: solve one
    representative (the best replies, hence the structure of the equilibrium set, depend on
    the signs only). Solved once per process for each target and code (4 × 81 at most)."""
    return _pattern_key(tuple(plan.target), int(code))


@functools.cache
def _pattern_key(target: Profile, code: int) -> SetKey:
    from ..core.model import bimatrix_game
    from ..solvers.equilibria import solve

    signs = [(code // 3**k) % 3 - 1 for k in range(4)]
    t1, t2 = target
    o1, o2 = 1 - t1, 1 - t2
    A = [[0, 0], [0, 0]]
    B = [[0, 0], [0, 0]]
    A[t1][t2], A[t1][o2] = signs[0], signs[1]  # row player: target minus other, per column
    B[t1][t2], B[o1][t2] = signs[2], signs[3]  # column player: target minus other, per row
    return solution_key(solve(bimatrix_game(A, B)))


def _indifference(P: np.ndarray, rows: tuple[int, ...], cols: tuple[int, ...], tol: np.ndarray):
    """For payoffs P (samples, own, other): the other's mix on ``cols`` that makes the own
    strategies ``rows`` indifferent. Returns (ok, degenerate): ok when that mix is strictly
    positive and every own strategy outside ``rows`` earns strictly less; degenerate when a
    tie within the tolerance, a zero probability or a singular system leaves it open."""
    k = len(rows)
    block = P[:, rows][:, :, cols]
    # Reductions over the short axes are written out: numpy runs them one sample at a time.
    size = np.abs(block)
    scale = np.maximum(_reduce(np.maximum, [size[:, i, j] for i in range(k) for j in range(k)]), 1.0)
    # Solve [differences of the rows; 1ᵀ] · mix = e_k: in closed form for k ≤ 2 (most pairs).
    if k == 1:
        mix = np.ones((P.shape[0], 1))
        singular = np.zeros(P.shape[0], bool)
    elif k == 2:
        d = block[:, 1, :] - block[:, 0, :]
        det = d[:, 0] - d[:, 1]
        singular = np.abs(det) <= 1e-12 * scale
        safe = np.where(singular, 1.0, det)
        mix = np.stack([-d[:, 1] / safe, d[:, 0] / safe], axis=1)
    else:
        system = np.empty_like(block)
        system[:, :-1, :] = block[:, 1:, :] - block[:, :1, :]
        system[:, -1, :] = 1.0
        singular = np.abs(np.linalg.det(system)) <= 1e-12 * scale ** (k - 1)
        system[singular] = np.eye(k)
        rhs = np.zeros((P.shape[0], k, 1))
        rhs[:, -1, 0] = 1.0
        mix = np.linalg.solve(system, rhs)[..., 0]
    value = np.einsum("nk,nk->n", block[:, 0, :], mix)
    outside = [r for r in range(P.shape[1]) if r not in rows]
    positive = _reduce(np.logical_and, [mix[:, j] > TOLERANCE for j in range(k)])
    nonnegative = _reduce(np.logical_and, [mix[:, j] >= -TOLERANCE for j in range(k)])
    if outside:
        earn = np.einsum("nrk,nk->nr", P[:, outside][:, :, cols], mix)
        bar = value + tol
        better = _reduce(np.logical_or, [earn[:, r] > bar for r in range(len(outside))])
        tie = _reduce(np.logical_or, [np.abs(earn[:, r] - value) <= tol for r in range(len(outside))])
    else:
        better = tie = np.zeros(P.shape[0], bool)
    ok = ~singular & positive & ~better & ~tie
    degenerate = singular | (nonnegative & ~better & (tie | ~positive))
    return ok, degenerate


def _reduce(operation: np.ufunc, arrays: list[np.ndarray]) -> np.ndarray:
    """``operation`` applied along a short list of arrays (exact: maxima, and, or)."""
    out = arrays[0]
    for array in arrays[1:]:
        out = operation(out, array)
    return out


def support_pairs(shape: tuple[int, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every pair of equal-size supports (I, J) of a two-player game."""
    m, n = shape
    return [
        (I, J)
        for k in range(1, min(m, n) + 1)
        for I in itertools.combinations(range(m), k)
        for J in itertools.combinations(range(n), k)
    ]


def bimatrix_equilibria_batch(
    A: np.ndarray, B: np.ndarray, pairs: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]
) -> tuple[np.ndarray, np.ndarray]:
    """Batched support enumeration (nondegenerate games; von Stengel 2002, §3).

    A, B: (samples, m, n). Returns (is_equilibrium (samples, pairs), degenerate (samples,)).
    In a nondegenerate game every equilibrium has supports of equal size and is the unique
    solution of its indifference equations, so checking each pair finds all of them; a sample
    flagged degenerate needs the exact solver.
    """
    tol = TOLERANCE * np.maximum(np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2))), 1.0)
    Bt = np.swapaxes(B, 1, 2)
    found = np.zeros((A.shape[0], len(pairs)), bool)
    degenerate = np.zeros(A.shape[0], bool)
    # Pure pairs all at once: (ok, degenerate) of each own strategy against each opposing one.
    rows_pure, cols_pure = _pure_replies(A, tol), _pure_replies(Bt, tol)
    for index, (I, J) in enumerate(pairs):
        if len(I) == 1:
            (i,), (j,) = I, J
            (rows_ok, rows_degenerate), (cols_ok, cols_degenerate) = rows_pure[i][j], cols_pure[j][i]
        else:
            rows_ok, rows_degenerate = _indifference(A, I, J, tol)  # column mix on J keeps I indifferent
            cols_ok, cols_degenerate = _indifference(Bt, J, I, tol)  # row mix on I keeps J indifferent
        found[:, index] = rows_ok & cols_ok
        degenerate |= rows_degenerate | cols_degenerate
    return found, degenerate


def _pure_replies(P: np.ndarray, tol: np.ndarray) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """:func:`_indifference` of every single own strategy i against every single opposing
    strategy j, as [i][j] → (ok, degenerate): with one strategy on each side the mix is 1 and
    the value P[i, j] itself, so ok when every other own strategy earns less by more than the
    tolerance, degenerate when none earns more but one ties within it."""
    own = P.shape[1]
    rows = np.ascontiguousarray(np.moveaxis(P, 0, -1))  # [i, j, :]: along the samples
    bar = rows + tol
    better = np.zeros(rows.shape, bool)  # [i, j, :]: some other own strategy r earns more
    tie = np.zeros(rows.shape, bool)
    for r in range(own):  # a short axis: looped over, with whole-array operations
        earn = rows[r]
        beats, ties = earn > bar, np.abs(earn - rows) <= tol
        beats[r], ties[r] = False, False  # r against itself
        better |= beats
        tie |= ties
    ok, degenerate = ~better & ~tie, ~better & tie
    return [[(ok[i, j], degenerate[i, j]) for j in range(P.shape[2])] for i in range(own)]


def pure_equilibria_batch(u: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Pure equilibria of n-player games: (stable (samples, profiles), degenerate (samples,)).
    A tie within the tolerance between a player's best replies marks the sample degenerate."""
    count, n = u.shape[0], len(shape)
    full = u.reshape((count,) + shape + (n,))
    tol = TOLERANCE * np.maximum(np.abs(u).max(axis=(1, 2)), 1.0).reshape((count,) + (1,) * n)
    stable = np.ones((count,) + shape, bool)
    degenerate = np.zeros(count, bool)
    for i in range(n):
        own = full[..., i]
        near = own >= own.max(axis=1 + i, keepdims=True) - tol
        stable &= near
        degenerate |= (near.sum(axis=1 + i) > 1).reshape(count, -1).any(axis=1)
    return stable.reshape(count, -1), degenerate


def searches_mixed(plan: SamplingPlan) -> bool:
    """Whether equilibria at the top include mixed ones (two players, support pairs within bounds)."""
    return plan.n_players == 2 and len(support_pairs(plan.shape)) <= MAX_SUPPORT_PAIRS


def solution_key(solution: Solution) -> SetKey:
    """The equilibrium set of an exact :class:`~sovgame.solvers.equilibria.Solution` as supports."""
    equilibria = sorted(
        {tuple(tuple(k for k, p in enumerate(s) if p != 0) for s in eq.strategies) for eq in solution.equilibria}
    )
    return tuple(equilibria), any(eq.component is not None for eq in solution.equilibria)


def sets_at_kappa(plan: SamplingPlan, U: np.ndarray, W: np.ndarray, kappa: Fraction | float) -> tuple[Counter, int]:
    """Equilibrium sets at κ for games other than 2x2: (Counter of SetKey, unresolved count).
    ``kappa`` is best given exactly: degenerate samples are solved exactly at that κ."""
    from ..solvers.equilibria import pure_equilibria, solve

    u = U - float(kappa) * W
    counts: Counter = Counter()
    labels: list[Supports]
    rows: list[list[int]] | np.ndarray
    mixed = searches_mixed(plan)
    if mixed:
        pairs = support_pairs(plan.shape)
        m, n = plan.shape
        found, degenerate = bimatrix_equilibria_batch(u[:, :, 0].reshape(-1, m, n), u[:, :, 1].reshape(-1, m, n), pairs)
        labels = list(pairs)
    else:
        found, degenerate = pure_equilibria_batch(u, plan.shape)
        labels = [tuple((s,) for s in p) for p in plan.game.profiles()]
    kept = found[~degenerate]
    if kept.shape[1] <= 62:
        # One integer per sample names its equilibrium set (bit c: candidate c is one): far
        # quicker to count than rows of booleans.
        codes = (kept.astype(np.int64) << np.arange(kept.shape[1], dtype=np.int64)).sum(axis=1)
        distinct, frequency = np.unique(codes, return_counts=True)
        rows = [[(int(code) >> c) & 1 for c in range(kept.shape[1])] for code in distinct]
    else:
        rows, frequency = np.unique(kept, axis=0, return_counts=True)
    for row, number in zip(rows, frequency):
        counts[(tuple(sorted(labels[c] for c, hit in enumerate(row) if hit)), False)] += int(number)
    unresolved = 0
    # Degenerate within the tolerance: solve exactly, once per distinct sample (a cardinal game
    # without noise gives identical samples), up to a budget per chunk.
    cache: dict[bytes, SetKey] = {}
    exact_kappa = Fraction(kappa)
    for j in np.flatnonzero(degenerate):
        tag = U[j].tobytes() + W[j].tobytes()
        if tag not in cache:
            if len(cache) >= EXACT_FALLBACK_PER_CHUNK:
                unresolved += 1
                continue
            exact = exact_sample_game(plan, U[j], W[j])
            if mixed:
                cache[tag] = solution_key(solve(exact, exact_kappa))
            else:
                pure = pure_equilibria(exact.game.payoffs_at(exact_kappa))
                cache[tag] = (tuple(sorted(tuple((s,) for s in p) for p in pure)), False)
        counts[cache[tag]] += 1
    return counts, unresolved
