"""All extreme Nash equilibria of a two-player game, exactly, degenerate games included.

Method (Mangasarian 1964; von Stengel 2002, *Computing equilibria for two-person games*,
Handbook of Game Theory 3, ch. 45; Avis, Rosenberg, Savani & von Stengel 2010, *Enumeration of
Nash equilibria for two-player games*, Economic Theory 42). With payoffs shifted to be
positive, the best-response polytopes are

    P = {x ∈ R^m : x ≥ 0, Bᵀx ≤ 1}        Q = {y ∈ R^n : A y ≤ 1, y ≥ 0}

and a pair of vertices (x, y) ≠ (0, 0) is an extreme equilibrium (after normalising x and y
to probabilities) exactly when it is *completely labelled*: every pure strategy is either
unplayed or a best response. Labels 0..m-1 are the row strategies, m..m+n-1 the columns.

Every vertex of P is the solution of a square system: a support S of k rows on which x may
be positive and k columns J whose best-response constraints are tight. All such systems are
solved at once in floating point (numpy), with a deliberately loose tolerance so that a
vertex collects *at least* its true labels; every candidate equilibrium is then recomputed
and checked in exact rational arithmetic, which removes the false ones. Degeneracy (a vertex
with more labels than the dimension) is decided exactly the same way. Equilibria on a common
continuum share a ``component``: the connected components of the bipartite graph of extreme
equilibria (Avis et al. 2010, section 4).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

from ..core.linalg import cramer
from ..errors import GameTooLargeError

#: Loose on purpose: a label is kept when it *might* hold; exact arithmetic decides.
LABEL_TOL = 1e-7
#: Systems with |det| / Π‖rows‖ below this are solved exactly instead of in floats.
COND_RATIO = 1e-6
#: Up to this many square systems (3x3 games) pure integer arithmetic beats numpy's overhead.
SMALL_BASES = 20
#: Above this many square systems the enumeration would take too long or too much memory.
MAX_BASES = 3_000_000


@dataclass(frozen=True)
class BimatrixEquilibrium:
    """An extreme equilibrium: exact mixed strategies and the continuum it lies on (if any)."""

    row: tuple[Fraction, ...]
    col: tuple[Fraction, ...]
    component: int | None = None


@dataclass(frozen=True)
class BimatrixSolution:
    equilibria: tuple[BimatrixEquilibrium, ...]
    degenerate: bool


def count_bases(m: int, n: int) -> int:
    """Square systems solved per polytope: Σ_k C(m,k)·C(n,k) = C(m+n, m)."""
    return math.comb(m + n, m)


def solve_bimatrix(A, B) -> BimatrixSolution:
    """Every extreme Nash equilibrium of the bimatrix game (A, B), in exact fractions.

    Parameters
    ----------
    A, B : m×n nested sequences of numbers (ints, Fractions, decimal strings)
        Payoffs of the row and the column player.

    Returns
    -------
    BimatrixSolution
        Equilibria sorted pure first, then by the row player's probabilities (descending);
        ``degenerate`` tells whether some strategy has more best responses than its support
        size, in which case equilibria may form continua (see ``component``).
    """
    A_int = _positive_integer_matrix(A)
    B_int = _positive_integer_matrix(B)
    m, n = A_int.shape
    if count_bases(m, n) > MAX_BASES:
        raise GameTooLargeError(
            f"a {m}x{n} game needs {count_bases(m, n):,} linear systems per player to enumerate "
            "every equilibrium; that is too many for this machine. Remove dominated strategies, "
            "or install the optional extra sovgame[gambit] and use Gambit's solvers."
        )
    # P = {x ≥ 0 : Bᵀx ≤ 1}: zero labels are rows (0..m-1), tight labels are columns (m..).
    P = _Polytope(B_int.T)
    # Q = {y ≥ 0 : A y ≤ 1}: tight labels are rows (0..m-1), zero labels are columns (m..).
    Q = _Polytope(A_int)
    if count_bases(m, n) <= SMALL_BASES:
        px, qy = P.exact_vertices(), Q.exact_vertices()
    else:
        px, qy = P.float_vertices(), Q.float_vertices()
    cand_x, cand_y = _completely_labelled_pairs(px, qy, m, n)

    found: dict[tuple, tuple] = {}
    for a, b in zip(cand_x, cand_y):
        x = P.exact_vertex(px.basis(a))
        y = Q.exact_vertex(qy.basis(b))
        if x is None or y is None:
            continue
        x_labels = x[1] | (x[2] << m)
        y_labels = y[2] | (y[1] << m)
        if x_labels | y_labels != (1 << (m + n)) - 1:
            continue
        row = _normalise(x[0])
        col = _normalise(y[0])
        found[(row, col)] = (x[0], y[0])

    degenerate = P.is_degenerate(px) or Q.is_degenerate(qy)
    equilibria = _with_components(list(found))
    return BimatrixSolution(equilibria=equilibria, degenerate=degenerate)


# --- internals ---------------------------------------------------------------------------


def _completely_labelled_pairs(
    px: _FloatVertices, qy: _FloatVertices, m: int, n: int
) -> tuple[Iterable[int], Iterable[int]]:
    """Indices (a, b) of vertex pairs whose label sets together cover all m + n labels."""
    if m + n <= 63:
        mask_x = px.zero_bits | (px.tight_bits << np.uint64(m))
        mask_y = qy.tight_bits | (qy.zero_bits << np.uint64(m))
        full = np.uint64((1 << (m + n)) - 1)
        cand_x, cand_y = np.nonzero((mask_x[:, None] | mask_y[None, :]) == full)
        return cand_x, cand_y
    # More than 63 labels: compare label sets as Python integers.
    lx = [int(z) | (int(t) << m) for z, t in zip(px.zero_bits_py, px.tight_bits_py)]
    ly = [int(t) | (int(z) << m) for z, t in zip(qy.zero_bits_py, qy.tight_bits_py)]
    full_int = (1 << (m + n)) - 1
    pairs = [(a, b) for a in range(len(lx)) for b in range(len(ly)) if lx[a] | ly[b] == full_int]
    return [a for a, _ in pairs], [b for _, b in pairs]


def _positive_integer_matrix(M) -> np.ndarray:
    """Shift and scale a payoff matrix to positive integers (equilibria do not change).

    Adding a constant and multiplying by a positive number are positive affine maps of one
    player's payoffs; they move neither best responses nor equilibria.
    """
    if all(isinstance(v, (int, np.integer)) for row in M for v in row):
        ints = [[int(v) for v in row] for row in M]
        low = min(min(row) for row in ints)
        return np.array([[v - low + 1 for v in row] for row in ints], dtype=object)
    rows = _as_fractions(M)
    lowest = min(min(row) for row in rows)
    shifted = [[v - lowest + 1 for v in row] for row in rows]
    scale = math.lcm(*(v.denominator for row in shifted for v in row))
    return np.array([[int(v * scale) for v in row] for row in shifted], dtype=object)


def _as_fractions(M) -> list[list[Fraction]]:
    return [[v if isinstance(v, Fraction) else Fraction(v) for v in row] for row in M]


@lru_cache(maxsize=256)
def _combinations(n: int, k: int) -> np.ndarray:
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)


@dataclass
class _FloatVertices:
    """Candidate vertices found in floating point: basis and (over-complete) labels."""

    supports: list[np.ndarray]  # per vertex: indices of the support S
    tights: list[np.ndarray]  # per vertex: indices of the tight constraints J of the basis
    zero_bits: np.ndarray
    tight_bits: np.ndarray
    n_labels: np.ndarray

    def basis(self, index: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Vertex ``index``'s basis: its support S and its tight constraints J."""
        return tuple(self.supports[index].tolist()), tuple(self.tights[index].tolist())

    @property
    def zero_bits_py(self) -> list[int]:
        """``zero_bits`` as Python integers (for more than 63 labels)."""
        return self.zero_bits.tolist()

    @property
    def tight_bits_py(self) -> list[int]:
        """``tight_bits`` as Python integers (for more than 63 labels)."""
        return self.tight_bits.tolist()


class _Polytope:
    """{z ∈ R^d : z ≥ 0, M z ≤ 1} for a positive integer matrix M of shape (k, d)."""

    def __init__(self, M_int: np.ndarray):
        self.M_int = M_int
        self.k, self.d = M_int.shape
        self.M = M_int.astype(np.float64)
        self._exact_cache: dict[tuple, tuple | None] = {}

    def float_vertices(self) -> _FloatVertices:
        """Candidate vertices with labels that include at least the true ones.

        Each basis (S, J) is classified by its conditioning: the ratio |det| / Π‖rows‖
        (1 for orthogonal rows, 0 for singular ones). Well-conditioned systems are solved in
        floating point, where the error is far below the label tolerance; the others go to
        exact arithmetic, unless the integer determinant is provably zero.
        """
        # long: one vectorised pass per support size, then one merge over all of them; the
        # arrays it builds are only meaningful together.
        k, d, M = self.k, self.d, self.M
        supports, tights, zs, exact_rows = [], [], [], []
        for size in range(1, min(k, d) + 1):
            S = _combinations(d, size)
            J = _combinations(k, size)
            s_idx = np.repeat(S, len(J), axis=0)
            j_idx = np.tile(J, (len(S), 1))
            sub = M[j_idx[:, :, None], s_idx[:, None, :]]
            det = np.linalg.det(sub)
            hadamard = np.prod(np.linalg.norm(sub, axis=2), axis=1)
            ratio = np.abs(det) / hadamard
            well = ratio > COND_RATIO
            # For integer matrices with a small Hadamard bound the float determinant is
            # accurate to well under 1/2, so |det| < 1/2 proves a singular system.
            provably_singular = (hadamard < 2.0**45) & (np.abs(det) < 0.5)
            doubtful = ~well & ~provably_singular
            for b in np.nonzero(doubtful)[0]:
                basis = (tuple(s_idx[b].tolist()), tuple(j_idx[b].tolist()))
                exact = self.exact_vertex(basis)
                if exact is not None:
                    exact_rows.append((s_idx[b], j_idx[b], exact))
            if not well.any():
                continue
            sub, s_idx, j_idx = sub[well], s_idx[well], j_idx[well]
            sol = np.linalg.solve(sub, np.ones((len(sub), size, 1)))[:, :, 0]
            z = np.zeros((len(sub), d))
            np.put_along_axis(z, s_idx, sol, axis=1)
            # Filter infeasible bases per block, before any per-row Python work.
            zm = np.abs(sol).max(axis=1)
            feasible = (sol >= -LABEL_TOL * zm[:, None]).all(axis=1) & ((1.0 - z @ M.T) >= -LABEL_TOL).all(axis=1)
            supports.append(s_idx[feasible])
            tights.append(j_idx[feasible])
            zs.append(z[feasible])
        s_all = [row for block in supports for row in block]
        j_all = [row for block in tights for row in block]
        z = np.concatenate(zs) if zs else np.zeros((0, d))
        slack = 1.0 - z @ M.T
        zmax = np.abs(z).max(axis=1, initial=0.0)
        zero = np.abs(z) <= LABEL_TOL * zmax[:, None]
        tight = np.abs(slack) <= LABEL_TOL
        # Vertices found exactly: their labels are exact.
        if exact_rows:
            z_exact = np.array([[float(v) for v in e[0]] for _, _, e in exact_rows])
            zero_exact = np.array([[bool(e[1] >> i & 1) for i in range(d)] for _, _, e in exact_rows])
            tight_exact = np.array([[bool(e[2] >> j & 1) for j in range(k)] for _, _, e in exact_rows])
            z = np.concatenate([z, z_exact])
            zero = np.concatenate([zero, zero_exact])
            tight = np.concatenate([tight, tight_exact])
            zmax = np.concatenate([zmax, np.abs(z_exact).max(axis=1)])
            s_all += [e[0] for e in exact_rows]
            j_all += [e[1] for e in exact_rows]
        # Several bases give one vertex in degenerate games: keep one per (labels, point).
        # Distinct vertices have distinct exact label sets, so this never merges two.
        key = np.concatenate([zero, tight, np.round(z / np.maximum(zmax, 1e-300)[:, None], 9)], axis=1)
        _, first = np.unique(key, axis=0, return_index=True)
        first.sort()
        zero, tight = zero[first], tight[first]
        s_all = [s_all[i] for i in first]
        j_all = [j_all[i] for i in first]
        zero_bits = _bits(zero)
        tight_bits = _bits(tight)
        n_labels = zero.sum(axis=1) + tight.sum(axis=1)
        return _FloatVertices(s_all, j_all, zero_bits, tight_bits, n_labels)

    def exact_vertex(self, basis) -> tuple | None:
        """(z, zero_bits, tight_bits) exactly for the basis (S, J), or None if not a vertex.

        Integer arithmetic throughout (Cramer's rule with fraction-free determinants): z is
        returned as integer numerators over one positive common denominator, which is all
        that labels and normalised strategies need.
        """
        if basis in self._exact_cache:
            return self._exact_cache[basis]
        S, J = basis
        rows = [[self.M_int[j, s] for s in S] for j in J]
        solved = cramer(rows)
        result = None
        if solved is not None:
            nums, det = solved
            if all(v >= 0 for v in nums):
                z = [0] * self.d
                for s, v in zip(S, nums):
                    z[s] = v
                loads = [sum(self.M_int[j, s] * z[s] for s in S) for j in range(self.k)]
                if all(load <= det for load in loads):
                    zero_bits = sum(1 << i for i in range(self.d) if z[i] == 0)
                    tight_bits = sum(1 << j for j in range(self.k) if loads[j] == det)
                    result = (tuple(z), zero_bits, tight_bits)
        self._exact_cache[basis] = result
        return result

    def exact_vertices(self) -> _FloatVertices:
        """Every vertex by exact arithmetic over all bases: faster than numpy for small games."""
        bases, zero_bits, tight_bits, seen = [], [], [], set()
        for size in range(1, min(self.k, self.d) + 1):
            for S in itertools.combinations(range(self.d), size):
                for J in itertools.combinations(range(self.k), size):
                    exact = self.exact_vertex((S, J))
                    if exact is None:
                        continue
                    key = _normalise(exact[0])
                    if key in seen:
                        continue
                    seen.add(key)
                    bases.append((S, J))
                    zero_bits.append(exact[1])
                    tight_bits.append(exact[2])
        n_labels = np.array([z.bit_count() + t.bit_count() for z, t in zip(zero_bits, tight_bits)], dtype=int)
        as_array = (
            (lambda v: np.array(v, dtype=np.uint64))
            if self.d <= 63 and self.k <= 63
            else (lambda v: np.array(v, dtype=object))
        )
        return _FloatVertices(
            [np.array(b[0]) for b in bases],
            [np.array(b[1]) for b in bases],
            as_array(zero_bits),
            as_array(tight_bits),
            n_labels,
        )

    def is_degenerate(self, vertices: _FloatVertices) -> bool:
        """True if some vertex has more than d labels, checked exactly."""
        for index in np.nonzero(vertices.n_labels > self.d)[0]:
            exact = self.exact_vertex(vertices.basis(int(index)))
            if exact is not None and (exact[1].bit_count() + exact[2].bit_count()) > self.d:
                return True
        return False


def _bits(flags: np.ndarray):
    """Each row of booleans as one integer bitmask (uint64 when it fits, else Python ints)."""
    if flags.shape[1] <= 63:
        weights = np.left_shift(np.uint64(1), np.arange(flags.shape[1], dtype=np.uint64))
        return (flags.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
    return np.array([sum(1 << i for i in np.nonzero(row)[0]) for row in flags], dtype=object)


def _normalise(z: tuple[int, ...]) -> tuple[Fraction, ...]:
    """Scale a vertex (integer numerators over a common denominator) to probabilities."""
    total = sum(z)
    return tuple(Fraction(v, total) for v in z)


def _sort_key(pair):
    row, col = pair
    pure = all(v in (0, 1) for v in row + col)
    return (not pure, tuple(-v for v in row), tuple(-v for v in col))


def _with_components(pairs: list[tuple]) -> tuple[BimatrixEquilibrium, ...]:
    """Number the continua: equilibria joined through shared strategies (union-find)."""
    pairs = sorted(pairs, key=_sort_key)
    parent: dict = {}

    def find(node: int) -> int:
        """The root of ``node``'s component, halving the path on the way."""
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    row_id: dict = {}
    col_id: dict = {}
    keys = [(row_id.setdefault(row, len(row_id)), col_id.setdefault(col, len(col_id))) for row, col in pairs]
    for r, c in keys:
        parent[find(2 * r)] = find(2 * c + 1)
    roots = [find(2 * r) for r, _ in keys]
    sizes = {root: roots.count(root) for root in roots}
    ids: dict = {}
    result = []
    for (row, col), root in zip(pairs, roots):
        component = None
        if sizes[root] > 1:
            component = ids.setdefault(root, len(ids) + 1)
        result.append(BimatrixEquilibrium(row=row, col=col, component=component))
    return tuple(result)
