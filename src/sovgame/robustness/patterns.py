"""Sign patterns: what the signs of the pairwise comparisons prove about uniqueness, worked
out once per pattern.

At one κ, the proofs of :func:`target_alone` (iterated strict dominance leaves only the
target; the target is no equilibrium, another pure profile is one, or a continuum runs
through it) read nothing of a sample but the signs of its pairwise comparisons. So the answer
is a function of the *pattern* of signs, and a run needs it only for the patterns that occur:
81 at most in a 2x2 game, under 2,000 of the 3^18 possible in the 3x3 escalation game over
100,000 samples, against about a million (sample, κ) tests. A pattern is coded as a
base-3 number (digit c = sign of comparison c + 1, lowest first); :func:`settle` looks the
codes up in a table of the answers known so far and works out only the new ones.

The table is kept per process and per (shape, target), the only things the answer depends on
besides the signs: every pattern of a game with at most :data:`FULL_TABLE_COMPARISONS`
comparisons is worked out at once (3^9 = 19,683 rows for 3x2), larger games learn the
patterns as they come, up to :data:`MAX_KNOWN_PATTERNS`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.model import Profile
from .plan import SamplingPlan

#: Up to this many comparisons every sign pattern is worked out when first needed (3^10 rows).
FULL_TABLE_COMPARISONS = 10


#: Codes are held exactly as float64 sums up to this many comparisons (3^33 < 2^53).
MAX_CODED_COMPARISONS = 33


#: A table learnt pattern by pattern stops growing here (then new patterns are worked out
#: each time they come); 1 byte of answer and 8 of code each.
MAX_KNOWN_PATTERNS = 1 << 22

#: A learnt table of up to this many patterns is also reached by hashing (:func:`_probe`; 4 bytes
#: a slot, 16 slots a pattern: 16 MB at most).
MAX_PROBED_PATTERNS = 1 << 18


# (shape, target) -> (sorted codes, answers: bit 0 proved alone, bit 1 proved not alone).
_KNOWN: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
# (shape, target) -> (the sorted codes it was built from, each slot's position among them or -1).
_PROBES: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}


def coded(plan: SamplingPlan) -> bool:
    """Whether the game's patterns fit in one exact code (else :func:`settle_signs` applies)."""
    assert plan.pairwise is not None, "sign patterns are of two-player samples"
    return len(plan.pairwise.comparisons.player) <= MAX_CODED_COMPARISONS


def powers(count: int) -> np.ndarray:
    """3^c for each comparison c, as float64 (exact while ``count`` ≤ 33)."""
    return 3.0 ** np.arange(count)


def decode(codes: np.ndarray, count: int) -> np.ndarray:
    """The signs (rows, comparisons) of each code."""
    digits = (codes[:, None] // (3 ** np.arange(count, dtype=np.int64))) % 3
    return (digits - 1).astype(np.int8)


def settle(plan: SamplingPlan, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`target_alone` of the sign pattern of each code: (proved alone, proved not alone)."""
    count = len(plan.pairwise.comparisons.player) if plan.pairwise is not None else 0
    key = (plan.shape, plan.target)
    known, answers = _KNOWN.get(key, (np.empty(0, np.int64), np.empty(0, np.uint8)))
    if not len(known) and count <= FULL_TABLE_COMPARISONS:
        known = np.arange(3**count, dtype=np.int64)
        answers = _answers(plan, decode(known, count))
        _KNOWN[key] = known, answers
    if count <= FULL_TABLE_COMPARISONS:
        found = answers[codes]
    else:
        found = _learnt(plan, key, codes, count, known, answers)
    return (found & 1).astype(bool), (found & 2).astype(bool)


def _learnt(
    plan: SamplingPlan, key: tuple, codes: np.ndarray, count: int, known: np.ndarray, answers: np.ndarray
) -> np.ndarray:
    """The answers for ``codes`` from the table learnt so far, adding the new patterns: those
    found by :func:`_probe` at once, the rest by binary search."""
    position, hit = _probe(key, known, codes)
    if hit.all():
        return answers[position]
    if hit.any():
        found = np.empty(len(codes), np.uint8)
        found[hit] = answers[position[hit]]
        found[~hit] = _searched(plan, key, codes[~hit], count, known, answers)
        return found
    return _searched(plan, key, codes, count, known, answers)


def _probe(key: tuple, known: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``known``, found) of each code by one hashed probe: a slot per code
    (Fibonacci hashing: the top bits of code × ⌊2^64/φ⌋, a power of two at least 16 times the
    table's size, so that about 1 code in 30 shares its slot), holding the position of one known code that hashes there. A code is found
    only where the known code at that position equals it, so the answer is exact; codes that
    share a slot with another, and new ones, are left to the binary search. One gather instead
    of a binary search of a dozen cache-missing steps per code: the 3x3 run's lookups took a
    third of its time."""
    if not len(known) or len(known) > MAX_PROBED_PATTERNS:
        return np.zeros(len(codes), np.intp), np.zeros(len(codes), bool)
    bits = _slot_bits(len(known))
    built = _PROBES.get(key)
    if built is None or built[0] is not known or len(built[1]) != 1 << bits:  # the table has grown
        slots = np.full(1 << bits, -1, np.int32)
        slots[_slot_of(known, bits)] = np.arange(len(known), dtype=np.int32)
        built = known, slots
        _PROBES[key] = built  # replaced whole, as the table is
    position = built[1][_slot_of(codes, bits)]
    hit = (position >= 0) & (known[position] == codes)
    return position, hit


def _slot_bits(size: int) -> int:
    return max(10, (16 * size - 1).bit_length())


def _slot_of(codes: np.ndarray, bits: int) -> np.ndarray:
    product = codes.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # wraps modulo 2^64
    return (product >> np.uint64(64 - bits)).astype(np.intp)


def _searched(
    plan: SamplingPlan, key: tuple, codes: np.ndarray, count: int, known: np.ndarray, answers: np.ndarray
) -> np.ndarray:
    """The answers for ``codes`` by binary search of the table, adding the new patterns."""
    position = np.minimum(np.searchsorted(known, codes), max(len(known) - 1, 0))
    hit = known[position] == codes if len(known) else np.zeros(len(codes), bool)
    if hit.all():
        return answers[position]
    new = np.unique(codes[~hit])
    worked = _answers(plan, decode(new, count))
    if len(known) + len(new) > MAX_KNOWN_PATTERNS:  # full: answer without keeping them
        found = np.empty(len(codes), np.uint8)
        found[hit] = answers[position[hit]]
        found[~hit] = worked[np.searchsorted(new, codes[~hit])]
        return found
    merged = np.concatenate([known, new])
    order = np.argsort(merged, kind="stable")
    known, answers = merged[order], np.concatenate([answers, worked])[order]
    # Threads of one process share the table: it is replaced whole, never changed in place, so
    # a reader sees one consistent table (at worst, patterns learnt at once by two are learnt again).
    _KNOWN[key] = known, answers
    return answers[np.searchsorted(known, codes)]


def _answers(plan: SamplingPlan, signs: np.ndarray) -> np.ndarray:
    alone, not_alone = target_alone(plan, signs)
    return alone.astype(np.uint8) | (not_alone.astype(np.uint8) << np.uint8(1))


def settle_signs(plan: SamplingPlan, signs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`target_alone` for games with too many comparisons for a code: once per distinct
    row of signs."""
    distinct, inverse = np.unique(signs, axis=0, return_inverse=True)
    alone, not_alone = target_alone(plan, distinct)
    inverse = inverse.reshape(-1)
    return alone[inverse], not_alone[inverse]


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
    if max(m, n) > 64:  # no bitmask type holds more than 64 strategies
        return _alone_after_dominance_wide(rows, cols, target)
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


def _alone_after_dominance_wide(rows: np.ndarray, cols: np.ndarray, target: Profile) -> np.ndarray:
    """:func:`_alone_after_dominance` with sets of strategies as boolean arrays, for players
    with more than 64 strategies (slower, and rare)."""
    count, m, _, n = rows.shape
    beats = (rows > 0, cols > 0)  # [:, winner, loser, opposing strategy]
    alive = [np.ones((count, m), bool), np.ones((count, n), bool)]
    for _ in range(max(m + n - 2, 1)):
        changed = False
        for me in (0, 1):
            own, other = alive[me], alive[1 - me]
            # A strategy goes when a live rival beats it against every live opposing strategy.
            covers = (beats[me] | ~other[:, None, None, :]).all(axis=3)  # [:, winner, loser]
            removed = (covers & own[:, :, None]).any(axis=1) & own
            if removed.any():
                own &= ~removed
                changed = True
        if not changed:
            break
    (t1, t2), (rows_alive, cols_alive) = target, alive
    return rows_alive[:, t1] & (rows_alive.sum(axis=1) == 1) & cols_alive[:, t2] & (cols_alive.sum(axis=1) == 1)


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
