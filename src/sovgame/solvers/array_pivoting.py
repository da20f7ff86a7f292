"""The lexicographic search of :mod:`sovgame.solvers.pivoting`, many bases at a time, in 64-bit
integers while a bound proves they cannot overflow (lrs's hybrid arithmetic, Avis 2000).

The walk, the rule and the answer are those of :func:`sovgame.solvers.pivoting.vertices`:
every lexicographically feasible basis of {z ≥ 0 : M z ≤ 1} is visited once, from the slack
basis, and each vertex is kept by its exact labels. Only the bookkeeping differs: the bases
not yet expanded are held in numpy arrays (a tableau, its denominator, basic and nonbasic
variables per basis) and expanded together, so that the ratio tests of every entering
variable of every basis and the pivots to every new neighbour are a few array operations.

**Why int64 is exact here.** A basis is held in int64 only while every entry of its tableau
and its denominator are below 2³¹ in absolute value (:data:`LIMIT`); checked after each pivot.
Then (1) a fraction-free pivot computes (x·p − y·f) / den from four such entries, and
|x·p − y·f| ≤ 2·(2³¹ − 1)² < 2⁶³: no product or difference overflows, and the division, exact
by Sylvester's identity, yields an entry that fits too; (2) the cross-multiplications of the
lexicographic tie-break multiply two such numbers: below 2⁶² each; (3) the ratio test divides
two integers below 2⁵³, which convert to float64 exactly, and IEEE division rounds correctly,
so rounding is monotone: a float ratio strictly above another means an exactly larger ratio.
Rows whose float ratio equals the least one are therefore the only candidates, and when there
is one it is the exact minimum; ties (and near-ties rounded together) are decided by the exact
lexicographic rule in integers. A basis whose tableau reaches the limit leaves the arrays and
is expanded, with its descendants until their entries fall below the limit again, in Python's
unbounded integers by :mod:`~sovgame.solvers.pivoting` itself. No float decides anything.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: Entries of an int64 tableau stay below this in absolute value (module docstring).
LIMIT = 1 << 31
#: Bases expanded together at most (bounds the memory of one step).
CHUNK = 2048


class Bases(NamedTuple):
    """N bases held in arrays, row i of every tableau together (so that the ratio test, a
    minimum over rows, is an elementwise minimum of k arrays): tableau row i of basis n is
    ``tableaux[i, n]``, the entries of the d nonbasic variables' columns, then the right-hand
    side, all over the basis's positive denominator ``den[n]``."""

    tableaux: np.ndarray  # (k, N, d + 1) int64
    den: np.ndarray  # (N,) int64
    basic: np.ndarray  # (k, N) the basic variable of each row
    nonbasic: np.ndarray  # (d, N) the nonbasic variable of each column
    mask: np.ndarray  # (N,) int64, bit v set when variable v is basic

    def __len__(self) -> int:
        return len(self.den)


def fits(tableau: list[list[int]], den: int) -> bool:
    """Whether a tableau (rows of Python integers) and its denominator are within :data:`LIMIT`."""
    return den < LIMIT and all(-LIMIT < v < LIMIT for row in tableau for v in row)


def as_bases(tableau: list[list[int]], den: int, basic: list[int], nonbasic: list[int], mask: int) -> Bases:
    """One basis as arrays (its entries within :data:`LIMIT`); ``tableau`` lists its rows."""
    return Bases(
        np.array(tableau, dtype=np.int64)[:, None, :],
        np.array([den], dtype=np.int64),
        np.array(basic, dtype=np.int64)[:, None],
        np.array(nonbasic, dtype=np.int64)[:, None],
        np.array([mask], dtype=np.int64),
    )


def join(parts: list[Bases]) -> Bases:
    """Bases of several groups as one group."""
    axes = (1, 0, 1, 1, 0)
    return Bases(*(np.concatenate([part[f] for part in parts], axis=axis) for f, axis in enumerate(axes)))


def record(bases: Bases, everything: int, origin: int, found: dict[int, tuple[int, list[int]]]) -> None:
    """Keep the vertices z ≠ 0 of these bases by their labels (the variables at zero: the
    nonbasic ones and the basic ones of value 0), with z's integer numerators."""
    k, d = len(bases.basic), len(bases.nonbasic)
    rhs = bases.tableaux[:, :, d]
    zero_bits = np.where(rhs == 0, np.left_shift(1, bases.basic), 0).sum(axis=0)
    labels = (everything ^ bases.mask ^ zero_bits).tolist()
    new: dict[int, int] = {}
    for n, label in enumerate(labels):
        if label & origin != origin and label not in found:
            new.setdefault(label, n)
    if new:
        chosen = np.fromiter(new.values(), dtype=np.int64, count=len(new))
        values = np.zeros((d + k, len(chosen)), dtype=np.int64)
        np.put_along_axis(values, bases.basic[:, chosen], rhs[:, chosen], axis=0)
        for label, z in zip(new, values[:d].T.tolist()):
            found[label] = (label, z)


def leaving_rows(bases: Bases) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pivot of these bases: (base, entering column, leaving row) index arrays, the row
    chosen by the lexicographic minimum ratio test (module docstring), for each column with a
    positive entry."""
    T = bases.tableaux
    k, d = len(T), T.shape[2] - 1
    floats = T.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = floats[:, :, d:] / floats[:, :, :d]
    np.copyto(ratios, np.inf, where=T[:, :, :d] <= 0)  # only positive entries bound a step
    least = ratios.min(axis=0)
    candidates = ratios == least
    count = candidates.view(np.uint8).sum(axis=0, dtype=np.uint8)
    # With one candidate this sum is its row; ties are decided below.
    rows = (candidates.view(np.uint8) * np.arange(k, dtype=np.uint8)[:, None, None]).sum(axis=0, dtype=np.int64)
    bounded = least < np.inf
    tied = bounded & (count > 1)
    if tied.any():
        n_tied, column_tied = np.nonzero(tied)
        rows[n_tied, column_tied] = _lexicographic_least(bases, n_tied, column_tied, candidates[:, n_tied, column_tied])
    n_index, columns = np.nonzero(bounded)
    return n_index, columns, rows[n_index, columns]


def _lexicographic_least(bases: Bases, nodes: np.ndarray, columns: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """For each (base, entering column) whose rows ``candidates`` (k × pairs) tie in floats,
    the least of those rows in the lexicographic order of the perturbed right-hand side over
    the pivot column: the exact ratio, then, for slack j = 0, 1, ..., that slack's entry of
    den·B⁻¹ (its tableau column when nonbasic, the denominator in its own row when basic) over
    the pivot column's entry. The rows of B⁻¹ are independent, so one row remains.

    Exact: rows i and l compare by the sign of the first nonzero entry of
    key_l·a_i − key_i·a_l, products of two numbers below 2³¹ (module docstring)."""
    T = bases.tableaux[:, nodes]  # (k, pairs, d + 1)
    k, count, width = T.shape
    d = width - 1
    at = np.arange(count)
    keys = np.zeros((count, k, k + 1), dtype=np.int64)  # per pair and row: rhs, then den·B⁻¹
    keys[:, :, 0] = T[:, :, d].T
    nonbasic, basic = bases.nonbasic[:, nodes], bases.basic[:, nodes]
    q, n = np.nonzero(nonbasic >= d)
    keys[n, :, 1 + nonbasic[q, n] - d] = T[:, n, q].T
    i, n = np.nonzero(basic >= d)
    keys[n, i, 1 + basic[i, n] - d] = bases.den[nodes][n]
    entries = T[:, at, columns].T  # (pairs, k): the pivot column of each pair
    order = np.argsort(~candidates.T, axis=1, kind="stable")  # each pair's candidate rows first
    sizes = candidates.sum(axis=0)
    best = order[:, 0]
    for rank in range(1, int(sizes.max())):
        live = np.flatnonzero(sizes > rank)
        mine, other = best[live], order[live, rank]
        difference = keys[live, other] * entries[live, mine][:, None] - keys[live, mine] * entries[live, other][:, None]
        first = (difference != 0).argmax(axis=1)
        better = difference[np.arange(len(live)), first] < 0
        best[live[better]] = other[better]
    return best


def pivot(bases: Bases, parents: np.ndarray, columns: np.ndarray, rows: np.ndarray, masks: np.ndarray) -> Bases:
    """The bases after ``columns`` enter and ``rows`` leave in ``parents``: one fraction-free
    (Bareiss) step each, every division exact, the new denominator the pivot. int64 cannot
    overflow: every entry and denominator of the parents is below 2³¹ (module docstring)."""
    T = bases.tableaux[:, parents]
    at = np.arange(len(parents))
    p = T[rows, at, columns]
    column = T[:, at, columns]  # (k, M)
    row = T[rows, at, :]  # (M, d + 1)
    den = bases.den[parents]
    new = (T * p[:, None] - column[:, :, None] * row) // den[:, None]
    new[rows, at, :] = row
    new[:, at, columns] = -column
    new[rows, at, columns] = den
    basic, nonbasic = bases.basic[:, parents], bases.nonbasic[:, parents]
    entering, leaving = nonbasic[columns, at], basic[rows, at]
    basic[rows, at] = entering
    nonbasic[columns, at] = leaving
    return Bases(new, p, basic, nonbasic, masks)


def within_limit(bases: Bases) -> np.ndarray:
    """Which bases may stay in int64 (entries and denominator below :data:`LIMIT`)."""
    return (np.abs(bases.tableaux).max(axis=0).max(axis=1) < LIMIT) & (bases.den < LIMIT)


def select(bases: Bases, which) -> Bases:
    """Some of the bases (a boolean or index array, or a slice)."""
    T, den, basic, nonbasic, mask = bases
    return Bases(T[:, which], den[which], basic[:, which], nonbasic[:, which], mask[which])
