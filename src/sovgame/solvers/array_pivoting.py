"""The lexicographic search of :mod:`sovgame.solvers.pivoting`, many bases at a time, in 64-bit
integers while a bound proves they cannot overflow (lrs's hybrid arithmetic, Avis 2000).

The walk, the rule and the answer are those of :func:`sovgame.solvers.pivoting.vertices`:
every lexicographically feasible basis of {z ≥ 0 : M z ≤ 1} is visited once, from the slack
basis, and each vertex is kept by its exact labels. Only the bookkeeping differs: the bases
not yet expanded are held in numpy arrays (a tableau, its denominator, basic and nonbasic
variables per basis) and expanded together, so that the ratio tests of every entering
variable of every basis and the pivots to every new neighbour are a few array operations.

**Why int64 is exact here.** A basis is held in int64 only while every entry of its tableau
and its denominator are below 2⁵³ in absolute value (:data:`LIMIT`), checked after each pivot.
(1) The ratio test divides two such integers, which convert to float64 exactly, and IEEE
division rounds correctly, so rounding is monotone: a float ratio strictly above another
means an exactly larger ratio. The rows whose float ratio equals the least one are therefore
the only candidates; when there is one it is the exact minimum, and ties (true ones, or near
ones rounded together) are decided by the exact lexicographic rule: in int64 when the basis
is *narrow* (entries and denominator below 2³¹, :data:`NARROW`: the cross-multiplications
stay below 2⁶²), in Python integers otherwise. (2) A fraction-free pivot computes
q = (x·p − y·f) / den, the division exact by Sylvester's identity, and q is found from
x·p − y·f modulo 2⁶⁴ alone (:func:`exact_quotients`), which wrapping int64 arithmetic gives,
provided |q|·2ˢ < 2⁶³ (2ˢ the power of two in den). For a narrow parent this always holds,
as |q|·2ˢ ≤ |x·p − y·f| ≤ 2·(2³¹ − 1)² < 2⁶³; for another, |q| ≤ (|x·p| + |y·f|) / den is
bounded in floats (with room for their rounding) and a child whose bound fails is pivoted in
Python integers instead. Bases past 2⁵³ leave the arrays and are expanded, with their
descendants until these are back within it, in Python's unbounded integers by
:mod:`~sovgame.solvers.pivoting` itself. No float decides anything.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: Entries of an int64 tableau stay below this in absolute value (module docstring).
LIMIT = 1 << 53
#: A basis whose entries and denominator are below this is narrow (module docstring).
NARROW = 1 << 31
#: Bases expanded together at most (bounds the memory of one step).
CHUNK = 2048
#: Fewer entries than this are divided by numpy's integer division (:func:`exact_quotients`).
DIVIDE_BELOW = 4096


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
    entered: np.ndarray  # (N,) the column whose variable entered last (the way back), or -1
    wide: np.ndarray  # (N,) bool, some entry or the denominator at least NARROW


def fits(node: tuple) -> bool:
    """Whether a basis given as :mod:`~sovgame.solvers.pivoting` holds it (columns,
    right-hand side, denominator, basic and nonbasic variables, mask) is within :data:`LIMIT`."""
    columns, rhs, den = node[:3]
    entries = columns + [rhs]
    return den < LIMIT and max(map(max, entries)) < LIMIT and min(map(min, entries)) > -LIMIT


def from_dictionaries(nodes: list[tuple]) -> Bases:
    """Bases given as :mod:`~sovgame.solvers.pivoting` holds them, all within :data:`LIMIT`, as
    arrays."""
    columns = np.array([node[0] + [node[1]] for node in nodes], dtype=np.int64)  # (N, d + 1, k)
    den = np.array([node[2] for node in nodes], dtype=np.int64)
    return Bases(
        columns.transpose(2, 0, 1).copy(),
        den,
        np.array([node[3] for node in nodes], dtype=np.int64).T.copy(),
        np.array([node[4] for node in nodes], dtype=np.int64).T.copy(),
        np.array([node[5] for node in nodes], dtype=np.int64),
        np.full(len(nodes), -1, dtype=np.int64),
        (np.abs(columns).max(axis=(1, 2)) >= NARROW) | (den >= NARROW),
    )


def to_dictionary(bases: Bases, n: int) -> tuple:
    """Basis ``n`` as :mod:`~sovgame.solvers.pivoting` holds it, in Python integers."""
    T = bases.tableaux[:, n]
    d = T.shape[1] - 1
    return (
        T[:, :d].T.tolist(),
        T[:, d].tolist(),
        int(bases.den[n]),
        bases.basic[:, n].tolist(),
        bases.nonbasic[:, n].tolist(),
        int(bases.mask[n]),
    )


def select(bases: Bases, which) -> Bases:
    """Some of the bases (a boolean or index array, or a slice)."""
    T, den, basic, nonbasic, mask, entered, wide = bases
    return Bases(T[:, which], den[which], basic[:, which], nonbasic[:, which], mask[which], entered[which], wide[which])


class VertexSet(NamedTuple):
    """The vertices z ≠ 0 of a polytope: ``labels[i]`` of vertex i, and where its coordinates
    are read (:meth:`coordinates`): a basis at it, as the right-hand sides, basic variables
    and denominator of ``bases[group[i]]`` (a basis, or arrays holding many bases, then
    column ``position[i]``)."""

    labels: list[int]
    bases: list[tuple]
    group: list[int]
    position: list[int] | None

    def coordinates(self, i: int, d: int) -> tuple[list[int], int]:
        """Vertex i's integer numerators (d coordinates) and their common denominator."""
        rhs, basic, den = self.bases[self.group[i]]
        if self.position is not None and (at := self.position[i]) >= 0:
            rhs, basic, den = rhs[:, at].tolist(), basic[:, at].tolist(), int(den[at])
        z = [0] * d
        for v, value in zip(basic, rhs):
            if v < d:
                z[v] = value
        return z, den


class Found:
    """The vertices met on a walk, group of bases by group: the labels of the bases not at
    the origin and where each was met."""

    def __init__(self) -> None:
        self.labels: list[np.ndarray] = []
        self.index: list[np.ndarray] = []
        self.bases: list[tuple] = []
        self.python: dict[int, tuple] = {}  # bases met in Python integers

    def record(self, bases: Bases, everything: int, origin: int) -> None:
        """Note the labels of these bases (the variables at zero: the nonbasic ones and the
        basic ones of value 0) but those at the origin (z = 0)."""
        d = len(bases.nonbasic)
        rhs = bases.tableaux[:, :, d]
        zero_bits = np.where(rhs == 0, np.left_shift(1, bases.basic), 0).sum(axis=0)
        labels = everything ^ bases.mask ^ zero_bits
        keep = ((labels & origin) != origin).nonzero()[0]
        # Copies of what coordinates need, so that the tableaux themselves are let go.
        group = (rhs[:, keep], bases.basic[:, keep], bases.den[keep])
        self.add(labels[keep], np.arange(len(keep)), group)

    def add(self, labels: np.ndarray, index: np.ndarray, group: tuple) -> None:
        """Note bases by their labels, with the right-hand sides, basic variables and
        denominators of their group and their indices in it."""
        if len(labels):
            self.labels.append(labels)
            self.index.append(index)
            self.bases.append(group)

    def note(self, labels: int, basis: tuple) -> None:
        """Note one basis (lists: right-hand side, basic variables; denominator) by its labels."""
        self.python.setdefault(labels, basis)

    def vertex_sets(self, polytopes: int, shift: int) -> list[VertexSet]:
        """The distinct vertices of each polytope of the walk, whose number is the labels'
        bits from ``shift`` on (the bits below are the labels proper)."""
        groups = self.bases + list(self.python.values())
        labels = np.concatenate(self.labels + [np.fromiter(self.python, dtype=np.int64, count=len(self.python))])
        index = np.concatenate(self.index + [np.full(len(self.python), -1)])
        sizes = [len(part) for part in self.labels] + [1] * len(self.python)
        group = np.repeat(np.arange(len(sizes)), sizes)
        distinct, first = np.unique(labels, return_index=True)
        tags = distinct >> shift
        sets = []
        for tag in range(polytopes):
            mine = tags == tag
            chosen = first[mine]
            own = (distinct[mine] & ((1 << shift) - 1)).tolist()
            sets.append(VertexSet(own, groups, group[chosen].tolist(), index[chosen].tolist()))
        return sets


class Seen:
    """The bases seen so far, by their masks: a sorted int64 array (sorting and binary search
    cost less than hashing a Python integer per edge)."""

    def __init__(self, masks: list[int]) -> None:
        self.masks = np.unique(np.array(masks, dtype=np.int64))

    def fresh(self, masks: np.ndarray) -> np.ndarray:
        """The positions in ``masks`` of one edge to each basis not seen before, ascending;
        those bases are seen from now on."""
        order = np.argsort(masks)
        ordered = masks[order]
        distinct = np.ones(len(ordered), dtype=bool)
        distinct[1:] = ordered[1:] != ordered[:-1]
        ordered, order = ordered[distinct], order[distinct]
        at = np.searchsorted(self.masks, ordered)
        new = self.masks[np.minimum(at, len(self.masks) - 1)] != ordered
        added, where = ordered[new], at[new]
        where += np.arange(len(where))  # their places once merged (both ascending)
        merged = np.empty(len(self.masks) + len(added), dtype=np.int64)
        kept = np.ones(len(merged), dtype=bool)
        kept[where] = False
        merged[where] = added
        merged[kept] = self.masks
        self.masks = merged
        return np.sort(order[new])


def expand(bases: Bases, seen: Seen) -> tuple[Bases, list[tuple], list[tuple]]:
    """The neighbours of these bases not yet ``seen`` (seen from now on): those within
    :data:`LIMIT` as arrays, the others as dictionaries in Python integers, and the pivots
    (parent dictionary, column, row) to make in Python integers, where int64 cannot."""
    parents, columns, rows = _leaving_rows(bases)
    masks = (
        bases.mask[parents]
        ^ np.left_shift(1, bases.basic[rows, parents])
        ^ np.left_shift(1, bases.nonbasic[columns, parents])
    )
    # One edge per new basis (two parents reach the same basis, with the same vertex and the
    # same dictionary up to the order of its rows and columns).
    chosen = seen.fresh(masks)
    parents, columns, rows = parents[chosen], columns[chosen], rows[chosen]
    tableaux, den, basic, nonbasic, exact = pivot(bases, parents, columns, rows)
    largest = np.abs(tableaux).max(axis=(0, 2))  # den < LIMIT: an entry of the parent
    children = Bases(tableaux, den, basic, nonbasic, masks[chosen], columns, (largest >= NARROW) | (den >= NARROW))
    inside = largest < LIMIT
    if exact is None and inside.all():
        return children, [], []
    made = np.ones(len(den), dtype=bool) if exact is None else exact
    beyond = [to_dictionary(children, n) for n in (made & ~inside).nonzero()[0].tolist()]
    pending = [(to_dictionary(bases, parents[n]), int(columns[n]), int(rows[n])) for n in (~made).nonzero()[0].tolist()]
    return select(children, made & inside), beyond, pending


def _leaving_rows(bases: Bases) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pivot of these bases but the one back: (base, entering column, leaving row) index
    arrays, the row chosen by the lexicographic minimum ratio test (module docstring), for
    each column with a positive entry."""
    T = bases.tableaux
    k, d = len(T), T.shape[2] - 1
    # The ratios rhs / a over the entries a > 0; an entry a ≤ 0 becomes 0, so that its ratio
    # is +inf (rhs > 0) or NaN (rhs = 0), both ignored by fmin.
    ratios = T[:, :, :d].astype(np.float64)
    np.maximum(ratios, 0.0, out=ratios)
    np.divide(T[:, :, d:].astype(np.float64), ratios, out=ratios)  # x / 0: warnings off (walk)
    least = np.fmin.reduce(ratios, axis=0)
    candidates = (ratios == least).view(np.uint8)
    count = candidates.sum(axis=0, dtype=np.uint8)
    rows = (candidates * np.arange(k, dtype=np.uint8)[:, None, None]).sum(axis=0, dtype=np.uint8)  # if alone
    bounded = least < np.inf
    back = (bases.entered >= 0).nonzero()[0]
    bounded[back, bases.entered[back]] = False  # the parent, already seen
    tied = bounded & (count > 1)
    if tied.any():
        n_tied, column_tied = np.nonzero(tied)
        if bases.wide.any():  # wide bases break their ties in Python integers
            narrow = ~bases.wide[n_tied]
            for n, c in zip(n_tied[~narrow].tolist(), column_tied[~narrow].tolist()):
                rows[n, c] = _lexicographic_least_wide(bases, n, c, candidates[:, n, c].nonzero()[0].tolist())
            n_tied, column_tied = n_tied[narrow], column_tied[narrow]
        if len(n_tied):
            rows[n_tied, column_tied] = _lexicographic_least(
                bases, n_tied, column_tied, candidates[:, n_tied, column_tied].view(bool)
            )
    n_index, columns = np.nonzero(bounded)
    return n_index, columns, rows[n_index, columns].astype(np.int64)


def _lexicographic_least(bases: Bases, nodes: np.ndarray, columns: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """For each (base, entering column) whose rows ``candidates`` (k × pairs) tie in floats,
    the least of those rows in the lexicographic order of the perturbed right-hand side over
    the pivot column: the exact ratio, then, for slack j = 0, 1, ..., that slack's entry of
    den·B⁻¹ (its tableau column when nonbasic, the denominator in its own row when basic) over
    the pivot column's entry. The rows of B⁻¹ are independent, so one row remains.

    Exact: rows i and l compare by the sign of the first nonzero entry of
    key_l·a_i − key_i·a_l, products of two numbers below 2³¹ (module docstring)."""
    T = bases.tableaux
    k, d = len(T), T.shape[2] - 1
    pair, rows = np.nonzero(candidates.T)  # every candidate row of every pair, pair by pair
    node = nodes[pair]
    # Where each slack's column of den·B⁻¹ is found in the candidate's row: its nonbasic
    # column, else (basic) column d + 1, which holds the denominator in the slack's own row
    # and 0 in the others; column d is the right-hand side, the first key.
    extended = np.zeros((len(pair), d + 2), dtype=np.int64)
    extended[:, : d + 1] = T[rows, node]
    own_slack = bases.basic[rows, node] - d
    slot = np.full((len(pair), k + 1), d + 1, dtype=np.int64)
    slot[:, 0] = d
    nonbasic = bases.nonbasic[:, node]
    q, at = np.nonzero(nonbasic >= d)
    slot[at, 1 + nonbasic[q, at] - d] = q
    keys = extended[np.arange(len(pair))[:, None], slot]
    mine = (own_slack >= 0).nonzero()[0]
    keys[mine, 1 + own_slack[mine]] = bases.den[node[mine]]
    entries = T[rows, node, columns[pair]]  # each candidate's pivot column entry
    sizes = np.bincount(pair, minlength=len(nodes))
    start = np.cumsum(sizes) - sizes
    best = start.copy()
    for rank in range(1, int(sizes.max())):
        live = (sizes > rank).nonzero()[0]
        current, other = best[live], start[live] + rank
        difference = keys[other] * entries[current][:, None] - keys[current] * entries[other][:, None]
        first = (difference != 0).argmax(axis=1)
        better = difference[np.arange(len(live)), first] < 0
        best[live[better]] = other[better]
    return rows[best]


def _lexicographic_least_wide(bases: Bases, n: int, column: int, candidates: list[int]) -> int:
    """:func:`_lexicographic_least` for one pair of a wide basis, in Python integers."""
    T = bases.tableaux[:, n].tolist()
    d = len(T[0]) - 1
    den = int(bases.den[n])
    slot = {v: j for j, v in enumerate(bases.nonbasic[:, n].tolist())}
    basic = bases.basic[:, n].tolist()

    def key(i: int) -> list[int]:
        return [T[i][d]] + [T[i][slot[d + j]] if d + j in slot else den * (basic[i] == d + j) for j in range(len(T))]

    best = candidates[0]
    for other in candidates[1:]:
        for mine, theirs in zip(key(other), key(best)):
            left, right = mine * T[best][column], theirs * T[other][column]
            if left != right:
                best = other if left < right else best
                break
    return best


def pivot(
    bases: Bases, parents: np.ndarray, columns: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """The tableaux, denominators, basic and nonbasic variables of the bases after ``columns``
    enter and ``rows`` leave in ``parents``: one fraction-free (Bareiss) step each, every
    division exact, the new denominator the pivot; and which of them are exact (module
    docstring: those of narrow parents always, the others when the bound on their entries
    allows), None when all are."""
    T = bases.tableaux[:, parents]
    at = np.arange(len(parents))
    p = T[rows, at, columns]
    column = T[:, at, columns]  # (k, M)
    row = T[rows, at, :]  # (M, d + 1)
    den = bases.den[parents]
    exact = None
    if bases.wide.any() and (wide := bases.wide[parents]).any():
        # |q| ≤ (|x·p| + |y·f|) / den, in floats with room for their rounding
        exact = np.ones(len(parents), dtype=bool)
        w = wide.nonzero()[0]
        size = np.abs(T[:, w].astype(np.float64)) * np.abs(p[w].astype(np.float64))[:, None]
        size += np.abs(column[:, w].astype(np.float64))[:, :, None] * np.abs(row[w].astype(np.float64))
        twos = (den[w] & -den[w]).astype(np.float64)
        exact[w] = size.max(axis=(0, 2)) / den[w] * twos < 2.0**62
    numerators = T.view(np.uint64) * p.view(np.uint64)[:, None]  # wrapping: modulo 2⁶⁴
    numerators -= column.view(np.uint64)[:, :, None] * row.view(np.uint64)
    new = exact_quotients(numerators.view(np.int64), den, wrapped=exact is not None)
    new[rows, at, :] = row
    new[:, at, columns] = -column
    new[rows, at, columns] = den
    basic, nonbasic = bases.basic[:, parents], bases.nonbasic[:, parents]
    entering, leaving = nonbasic[columns, at], basic[rows, at]
    basic[rows, at] = entering
    nonbasic[columns, at] = leaving
    return new, p, basic, nonbasic, exact


def exact_quotients(numerators: np.ndarray, den: np.ndarray, wrapped: bool = False) -> np.ndarray:
    """numerators[:, n] / den[n], in place, for int64 numerators congruent modulo 2⁶⁴ to exact
    multiples N = q·den of the positive den[n] (``wrapped``; else equal to them), where
    |q|·2ˢ < 2⁶³ for den = 2ˢ·o with o odd.

    Then N·o⁻¹ ≡ q·2ˢ (mod 2⁶⁴), with o⁻¹ the inverse of o modulo 2⁶⁴, found by Newton's
    iteration x ← x·(2 − o·x) (each step doubles the low bits that are right; x = o is right
    to 3, as o² ≡ 1 mod 8); so the product in wrapping arithmetic, read as a signed int64, is
    q·2ˢ itself, and an arithmetic shift right by s leaves q (Granlund & Montgomery 1994,
    *Division by invariant integers using multiplication*, section 9). Four times faster than
    numpy's integer division, which small groups of true multiples use instead."""
    if not wrapped and numerators.size < DIVIDE_BELOW:  # the inverses cost more than they save
        return np.floor_divide(numerators, den[:, None], out=numerators)
    twos = den & -den
    shift = np.frexp(twos.astype(np.float64))[1] - 1  # exact: a power of two below 2⁵³
    odd = (den >> shift).view(np.uint64)
    inverse = odd.copy()
    for _ in range(5):  # 3 → 6 → 12 → 24 → 48 → 96 correct bits
        inverse *= np.uint64(2) - odd * inverse
    unsigned = numerators.view(np.uint64)
    np.multiply(unsigned, inverse[:, None], out=unsigned)
    return np.right_shift(numerators, shift[:, None], out=numerators)
