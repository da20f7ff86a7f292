"""The vertices of a best-response polytope {z ≥ 0, M z ≤ 1}: proposed in floats, decided exactly.

:mod:`~sovgame.solvers.bimatrix` pairs the vertices of the two best-response polytopes of a
game; this module finds them. Every vertex z ≠ 0 solves a square system, a *basis*: a support
S (z is zero off S) and as many rows J of M that are tight, M_JS z_S = 1. All bases of one size
are solved at once in floating point (numpy); the float stage only proposes and prunes:

- each basis gets a tolerance ``SAFETY·k·u·κ̂`` from its conditioning, where
  κ̂ = 2/|det|·(‖M_JS‖_F/√k)^k bounds the condition number κ₂ from above (Guggenheimer,
  Edelman & Johnson 1995, *SIAM J. Numer. Anal.* 32:1602) and k·u·κ₂ is the first-order
  forward error of a backward-stable solve (Higham 2002, *Accuracy and Stability of Numerical
  Algorithms*, §7.1). A basis whose tolerance exceeds ``MAX_TOL`` is solved exactly instead;
- a basis is dropped as singular only when its integer determinant is *proved* zero (zero
  modulo primes whose product exceeds the Hadamard bound), and as infeasible only when a
  coordinate or a slack is negative by more than its tolerance;
- a label (z_i = 0, or row j tight) is kept whenever it *might* hold (|value| ≤ tolerance), so
  the float labels of a basis contain the exact labels of its vertex;
- no two bases are merged as "the same vertex": bases whose float points and labels look
  alike form a *cluster* for pairing only, and :meth:`Polytope.cluster_exact` computes every
  distinct exact vertex of a cluster (near-degenerate games split one float point into several
  exact vertices).

What is proved and what is estimated: each vertex returned and its labels are exact (integer
arithmetic), and singular bases are dropped by proof. The pruning of infeasible bases rests on
the error bound above, taken with a margin of ``SAFETY`` (1000) over the estimate; the tests
and ``benchmarks/bench_solve.py`` check it on near-degenerate games against an independent
exact enumeration. The matrix enters the float stage as ``int / top``, correctly rounded, so
integers of any size neither overflow nor lose their meaning; entries spanning more than
about 290 orders of magnitude are left to exact enumeration.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..core.linalg import LOG2_PRIME_31, PRIMES_31, cramer, singular_mod

#: The float tolerance of a basis is SAFETY × k·u·κ̂ (module docstring).
SAFETY = 1e3
#: Bases whose tolerance would exceed this are solved exactly.
MAX_TOL = 1e-5
#: From this many doubtful bases of one size on, singular ones are proved so in vectorised
#: modular arithmetic first; fewer are cheaper to solve exactly one by one.
MODULAR_MIN = 32
#: Up to this many square systems (3x3 games) pure integer arithmetic beats numpy's overhead.
SMALL_BASES = 20
#: Smallest scaled payoff the float stage takes (normal floats, far from underflow).
MIN_SCALED = 1e-290
_U = 2.0**-53  # unit roundoff of float64


@lru_cache(maxsize=256)
def _combinations(n: int, k: int) -> np.ndarray:
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)


@lru_cache(maxsize=256)
def _bases(d: int, k: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every basis (S, J) with |S| = |J| = size: supports S ⊆ range(d) and tight sets J ⊆
    range(k), as two index arrays of one row per basis (read only: they are shared)."""
    S, J = _combinations(d, size), _combinations(k, size)
    s_idx, j_idx = np.repeat(S, len(J), axis=0), np.tile(J, (len(S), 1))
    s_idx.flags.writeable = j_idx.flags.writeable = False
    return s_idx, j_idx


@dataclass(frozen=True)
class Vertex:
    """An exact vertex z = point / det of {z ≥ 0, M z ≤ 1} with its exact labels."""

    point: tuple[int, ...]  # integer numerators over one positive denominator
    zero_bits: int  # coordinates i with z_i = 0
    tight_bits: int  # rows j with M_j z = 1
    direction: tuple[int, ...]  # point / gcd(point): the same for every basis of the vertex


@dataclass
class Candidates:
    """Bases the float stage kept, grouped in clusters of bases it could not tell apart, with
    the labels each cluster might have (a superset of every member vertex's exact labels)."""

    supports: list[np.ndarray]  # per basis: the support S
    tights: list[np.ndarray]  # per basis: the tight constraints J
    cluster_of: np.ndarray  # per basis: its cluster
    zero_bits: np.ndarray  # per cluster (uint64, or Python ints for more than 63 bits)
    tight_bits: np.ndarray
    n_labels: np.ndarray
    _members: list[list[int]] | None = field(default=None, repr=False)
    #: The exact vertices of each cluster once computed (Polytope.cluster_exact).
    exact: dict[int, list[Vertex]] = field(default_factory=dict, repr=False)

    def members(self, cluster: int) -> list[int]:
        """The bases of a cluster."""
        if self._members is None:
            groups: list[list[int]] = [[] for _ in range(len(self.n_labels))]
            for basis, c in enumerate(self.cluster_of.tolist()):
                groups[c].append(basis)
            self._members = groups
        return self._members[cluster]

    def basis(self, index: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Basis ``index``: its support S and its tight constraints J."""
        return tuple(self.supports[index].tolist()), tuple(self.tights[index].tolist())


@dataclass
class _Block:
    """The bases of one support size that the float stage keeps, and their possible labels."""

    supports: np.ndarray
    tights: np.ndarray
    z: np.ndarray  # the float points, scaled so that the largest coordinate is 1
    zero: np.ndarray  # (bases, d) booleans: z_i may be 0
    tight: np.ndarray  # (bases, k) booleans: M_j z may be 1

    def joined(self, other: _Block) -> _Block:
        """Both blocks' bases in one block."""
        return _Block(
            *(
                np.concatenate([a, b])
                for a, b in zip(
                    (self.supports, self.tights, self.z, self.zero, self.tight),
                    (other.supports, other.tights, other.z, other.zero, other.tight),
                )
            )
        )


class Polytope:
    """{z ∈ R^d : z ≥ 0, M z ≤ 1} for a positive integer matrix M of shape (k, d)."""

    def __init__(self, M_int: np.ndarray):
        self.rows = [[int(v) for v in row] for row in M_int]
        self.k, self.d = M_int.shape
        top = max(max(row) for row in self.rows)
        # int / int is correctly rounded in Python, whatever the size of the integers.
        self.M = np.array([[v / top for v in row] for row in self.rows], dtype=np.float64)
        self.log2_top = math.log2(top)
        self.float_ok = bool(self.M.min() >= MIN_SCALED)
        self.row_norm = np.sqrt((self.M * self.M).sum(axis=1))
        self._residues: dict[int, np.ndarray] = {}
        self._exact_cache: dict[tuple, Vertex | None] = {}

    def candidates(self, bases: int) -> Candidates:
        """The float stage, or every basis exactly for small games (``bases`` ≤ SMALL_BASES,
        where integer arithmetic beats numpy's overhead) and for payoffs floats cannot hold."""
        if bases <= SMALL_BASES or not self.float_ok:
            return self.exact_vertices()
        with np.errstate(divide="ignore", over="ignore", under="ignore", invalid="ignore"):
            return self.float_vertices()

    # -- float stage ----------------------------------------------------------------------------

    def float_vertices(self) -> Candidates:
        """Candidate clusters of bases, with labels that include at least the true ones."""
        blocks = [self._float_block(size) for size in range(1, min(self.k, self.d) + 1)]
        blocks = [b for b in blocks if len(b.supports)]
        if not blocks:
            empty = np.zeros(0, dtype=np.intp)
            return Candidates(
                [], [], empty, bits(np.zeros((0, self.d), bool)), bits(np.zeros((0, self.k), bool)), empty
            )
        z = np.concatenate([b.z for b in blocks])
        zero = np.concatenate([b.zero for b in blocks])
        tight = np.concatenate([b.tight for b in blocks])
        # Bases that look alike (same possible labels, same point to 9 digits) form one
        # cluster: a unit for pairing only; cluster_exact() finds every vertex in it.
        key = np.concatenate([zero, tight, np.round(z, 9) + 0.0], axis=1)
        rows = np.ascontiguousarray(key).view(np.dtype((np.void, key.dtype.itemsize * key.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        zero, tight = zero[first], tight[first]
        return Candidates(
            [s for b in blocks for s in b.supports],
            [j for b in blocks for j in b.tights],
            inverse.reshape(-1),
            bits(zero),
            bits(tight),
            zero.sum(axis=1) + tight.sum(axis=1),
        )

    def _float_block(self, size: int) -> _Block:
        """Every basis with |S| = |J| = size: solved in floats when well conditioned, exactly
        when not (unless proved singular); infeasible ones dropped only when certainly so."""
        # long: one vectorised pass; the arrays it filters are only meaningful together.
        M = self.M
        s_idx, j_idx = _bases(self.d, self.k, size)
        sub = M[j_idx[:, :, None], s_idx[:, None, :]]
        det = np.abs(np.linalg.det(sub))
        fro2 = np.einsum("bij,bij->b", sub, sub)
        # tol = SAFETY·size·u·κ̂ with κ̂ = 2/|det|·(‖sub‖_F/√size)^size; inf or nan: exact.
        tol = (SAFETY * size * _U * 2.0) * (fro2 / size) ** (size / 2) / det
        well = tol <= MAX_TOL  # False for nan and inf too
        exact = None if well.all() else self._exact_block(sub[~well], s_idx[~well], j_idx[~well])
        if exact is not None:
            sub, s_idx, j_idx, tol = sub[well], s_idx[well], j_idx[well], tol[well]
        sol = np.linalg.solve(sub, np.ones((len(sub), size, 1)))[:, :, 0] if len(sub) else np.zeros((0, size))
        znorm = np.abs(sol).max(axis=1, initial=0.0) * math.sqrt(size)  # ≥ ‖z‖₂
        zero_thr = tol * znorm
        # Infeasible only when certainly so: a coordinate below −tolerance ...
        keep = (sol >= -zero_thr[:, None]).all(axis=1)
        sol, s_idx, j_idx, tol, znorm, zero_thr = (
            sol[keep],
            s_idx[keep],
            j_idx[keep],
            tol[keep],
            znorm[keep],
            zero_thr[keep],
        )
        z = np.zeros((len(sol), self.d))
        z[np.arange(len(sol))[:, None], s_idx] = sol
        slack = 1.0 - z @ M.T
        # |error of M_j z| ≤ ‖M_j‖·‖error of z‖ + the rounding of the product itself.
        slack_thr = (tol + SAFETY * (size + 1) * _U)[:, None] * (1.0 + znorm[:, None] * self.row_norm[None, :])
        # ... or a load above 1 + tolerance.
        keep = (slack >= -slack_thr).all(axis=1)
        z, slack, slack_thr, zero_thr = z[keep], slack[keep], slack_thr[keep], zero_thr[keep]
        zmax = np.maximum(np.abs(z).max(axis=1, initial=0.0), 1e-300)
        block = _Block(
            s_idx[keep], j_idx[keep], z / zmax[:, None], np.abs(z) <= zero_thr[:, None], np.abs(slack) <= slack_thr
        )
        return block if exact is None else block.joined(exact)

    def _exact_block(self, sub: np.ndarray, s_idx: np.ndarray, j_idx: np.ndarray) -> _Block:
        """The bases floats cannot be trusted with, solved exactly (exact labels)."""
        size = s_idx.shape[1]
        doubtful = self._not_proved_singular(sub, s_idx, j_idx) if len(sub) >= MODULAR_MIN else range(len(sub))
        kept = []
        for b in doubtful:
            vertex = self.exact_vertex((tuple(s_idx[b].tolist()), tuple(j_idx[b].tolist())))
            if vertex is not None:
                kept.append((b, vertex))
        index = np.array([b for b, _ in kept], dtype=np.intp)
        top = [max(v.point) for _, v in kept]
        return _Block(
            s_idx[index].reshape(-1, size),
            j_idx[index].reshape(-1, size),
            np.array([[c / t for c in v.point] for (_, v), t in zip(kept, top)]).reshape(-1, self.d),
            np.array([[bool(v.zero_bits >> i & 1) for i in range(self.d)] for _, v in kept], bool).reshape(-1, self.d),
            np.array([[bool(v.tight_bits >> j & 1) for j in range(self.k)] for _, v in kept], bool).reshape(-1, self.k),
        )

    def _not_proved_singular(self, sub: np.ndarray, s_idx: np.ndarray, j_idx: np.ndarray) -> list[int]:
        """Indices of the bases not *proved* singular. The proof: det ≡ 0 modulo primes whose
        product exceeds the Hadamard bound Π‖rows‖ of the integer matrix, so det = 0."""
        size = sub.shape[1]
        # log2 of the Hadamard bound: the scaled rows' norms times top^size, plus one bit for
        # the rounding of the scaled entries (relative error ≤ u each).
        log2_h = np.log2(np.einsum("bij,bij->bi", sub, sub)).sum(axis=1) / 2 + size * self.log2_top + 1.0
        need = np.ceil(np.maximum(log2_h, 1.0) / LOG2_PRIME_31).astype(int)
        open_ = np.nonzero(need > len(PRIMES_31))[0].tolist()  # bound too large: solve exactly
        testing = np.nonzero(need <= len(PRIMES_31))[0]
        for count, p in enumerate(PRIMES_31, start=1):
            if not len(testing):
                break
            R = self._residues_of(p)[j_idx[testing][:, :, None], s_idx[testing][:, None, :]]
            zero_mod_p = singular_mod(R, p)
            open_ += testing[~zero_mod_p].tolist()  # det ≢ 0 (mod p): not singular
            testing = testing[zero_mod_p & (need[testing] > count)]  # the rest: proved singular
        return sorted(open_)

    def _residues_of(self, p: int) -> np.ndarray:
        if p not in self._residues:
            self._residues[p] = np.array([[v % p for v in row] for row in self.rows], dtype=np.int64)
        return self._residues[p]

    # -- exact stage ----------------------------------------------------------------------------

    def exact_vertex(self, basis: tuple[tuple[int, ...], tuple[int, ...]]) -> Vertex | None:
        """The exact vertex of the basis (S, J), or None when it has none (singular system,
        a negative coordinate or a load above 1). Integer arithmetic throughout."""
        if basis in self._exact_cache:
            return self._exact_cache[basis]
        S, J = basis
        M = self.rows
        solved = cramer([[M[j][s] for s in S] for j in J])
        result = None
        if solved is not None and all(v >= 0 for v in solved[0]):
            nums, det = solved
            z = [0] * self.d
            for s, v in zip(S, nums):
                z[s] = v
            loads = [sum(M[j][s] * z[s] for s in S) for j in range(self.k)]
            if all(load <= det for load in loads):
                g = math.gcd(*z)  # z ≠ 0: some coordinate solves a row of M_JS z = 1
                result = Vertex(
                    tuple(z),
                    sum(1 << i for i in range(self.d) if z[i] == 0),
                    sum(1 << j for j in range(self.k) if loads[j] == det),
                    tuple(v // g for v in z),
                )
        self._exact_cache[basis] = result
        return result

    def cluster_exact(self, cands: Candidates, cluster: int) -> list[Vertex]:
        """Every distinct exact vertex among the bases of a cluster (cached).

        A basis (S, J) whose equations a vertex v already found satisfies (v is zero off S and
        tight on J) has v as its solution or is singular: it needs no exact work."""
        if cluster in cands.exact:
            return cands.exact[cluster]
        found: list[Vertex] = []
        full_d = (1 << self.d) - 1
        for index in cands.members(cluster):
            S, J = cands.basis(index)
            off_support = full_d & ~sum(1 << s for s in S)
            tight_j = sum(1 << j for j in J)
            if any(off_support & ~v.zero_bits == 0 and tight_j & ~v.tight_bits == 0 for v in found):
                continue
            vertex = self.exact_vertex((S, J))
            if vertex is not None and all(vertex.direction != v.direction for v in found):
                found.append(vertex)
        cands.exact[cluster] = found
        return found

    def exact_vertices(self) -> Candidates:
        """Every vertex by exact arithmetic over all bases, one cluster per vertex."""
        bases, zero_bits, tight_bits, seen = [], [], [], set()
        for size in range(1, min(self.k, self.d) + 1):
            for S in itertools.combinations(range(self.d), size):
                for J in itertools.combinations(range(self.k), size):
                    vertex = self.exact_vertex((S, J))
                    if vertex is None or vertex.direction in seen:
                        continue
                    seen.add(vertex.direction)
                    bases.append((S, J))
                    zero_bits.append(vertex.zero_bits)
                    tight_bits.append(vertex.tight_bits)
        n_labels = np.array([z.bit_count() + t.bit_count() for z, t in zip(zero_bits, tight_bits)], dtype=int)
        wide = self.d > 63 or self.k > 63
        as_array = (lambda v: np.array(v, dtype=object)) if wide else (lambda v: np.array(v, dtype=np.uint64))
        count = len(bases)
        return Candidates(
            [np.array(b[0], dtype=np.intp) for b in bases],
            [np.array(b[1], dtype=np.intp) for b in bases],
            np.arange(count),
            as_array(zero_bits),
            as_array(tight_bits),
            n_labels,
        )

    def is_degenerate(self, cands: Candidates) -> bool:
        """True if some vertex has more than d labels, checked exactly (every vertex of each
        cluster whose possible labels number more than d)."""
        for cluster in np.nonzero(cands.n_labels > self.d)[0].tolist():
            for v in self.cluster_exact(cands, cluster):
                if v.zero_bits.bit_count() + v.tight_bits.bit_count() > self.d:
                    return True
        return False


def bits(flags: np.ndarray) -> np.ndarray:
    """Each row of booleans as one integer bitmask (uint64 when it fits, else Python ints)."""
    if flags.shape[1] <= 63:
        weights = np.left_shift(np.uint64(1), np.arange(flags.shape[1], dtype=np.uint64))
        return (flags.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
    # int(i): shifting by a numpy int64 overflows from bit 63 on (1 << np.int64(64) == 0).
    return np.array([sum(1 << int(i) for i in np.flatnonzero(row)) for row in flags], dtype=object)
