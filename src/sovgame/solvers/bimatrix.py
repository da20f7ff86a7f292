"""All extreme Nash equilibria of a two-player game, exactly, degenerate games included.

Method (Mangasarian 1964; von Stengel 2002, *Computing equilibria for two-person games*,
Handbook of Game Theory 3, ch. 45; Avis, Rosenberg, Savani & von Stengel 2010, *Enumeration of
Nash equilibria for two-player games*, Economic Theory 42). With payoffs shifted to be
positive, the best-response polytopes are

    P = {x ∈ R^m : x ≥ 0, Bᵀx ≤ 1}        Q = {y ∈ R^n : A y ≤ 1, y ≥ 0}

and a pair of vertices (x, y) ≠ (0, 0) is an extreme equilibrium (after normalising x and y
to probabilities) exactly when it is *completely labelled*: every pure strategy is either
unplayed or a best response. Labels 0..m-1 are the row strategies, m..m+n-1 the columns.

The vertices of P and Q come from :mod:`~sovgame.solvers.polytope`: proposed in floating point,
never merged or dropped by a tolerance, and decided in exact integer arithmetic. Pairs of
float clusters whose possible labels cover every strategy are the candidates; each candidate
pair is checked with the exact vertices and their exact labels, so every equilibrium
reported, and the ``degenerate`` flag, are exact. Equilibria on a common continuum share a
``component``: the connected components of the bipartite graph of extreme equilibria (Avis
et al. 2010, section 4).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import GameTooLargeError
from .polytope import Candidates, Polytope

#: Above this many square systems the enumeration would take too long or too much memory.
MAX_BASES = 3_000_000


@dataclass(frozen=True)
class BimatrixEquilibrium:
    """An extreme equilibrium: exact mixed strategies and the continuum it lies on (if any).

    ``payoffs`` (row player's, column player's) is set by a solver whose own exact arithmetic
    proves the profile an equilibrium (:mod:`~sovgame.solvers.pivoting`); None otherwise, and
    then the profile is checked before it is reported (:mod:`~sovgame.solvers.equilibria`).
    """

    row: tuple[Fraction, ...]
    col: tuple[Fraction, ...]
    component: int | None = None
    payoffs: tuple[Fraction, Fraction] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class BimatrixSolution:
    """The extreme equilibria of a bimatrix game and whether the game is degenerate."""

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
    P = Polytope(B_int.T)
    # Q = {y ≥ 0 : A y ≤ 1}: tight labels are rows (0..m-1), zero labels are columns (m..).
    Q = Polytope(A_int)
    px, qy = P.candidates(count_bases(m, n)), Q.candidates(count_bases(m, n))
    full = (1 << (m + n)) - 1
    found: dict[tuple, tuple] = {}
    for a, b in zip(*_completely_labelled_pairs(px, qy, m, n)):
        for x in P.cluster_exact(px, a):
            x_labels = x.zero_bits | (x.tight_bits << m)
            for y in Q.cluster_exact(qy, b):
                if x_labels | y.tight_bits | (y.zero_bits << m) == full:
                    found[(x.direction, y.direction)] = (x.point, y.point)
    degenerate = P.is_degenerate(px) or Q.is_degenerate(qy)
    equilibria = _with_components([(_normalise(x), _normalise(y)) for x, y in found.values()])
    return BimatrixSolution(equilibria=equilibria, degenerate=degenerate)


# --- internals ---------------------------------------------------------------------------


def _completely_labelled_pairs(px: Candidates, qy: Candidates, m: int, n: int) -> tuple[list[int], list[int]]:
    """Indices (a, b) of cluster pairs whose possible labels together cover all m + n labels."""
    if m + n <= 63:
        mask_x = px.zero_bits | (px.tight_bits << np.uint64(m))
        mask_y = qy.tight_bits | (qy.zero_bits << np.uint64(m))
        full = np.uint64((1 << (m + n)) - 1)
        cand_x, cand_y = np.nonzero((mask_x[:, None] | mask_y[None, :]) == full)
        return cand_x.tolist(), cand_y.tolist()
    # More than 63 labels: compare label sets as Python integers (shifting a numpy integer
    # by 64 or more gives 0).
    lx = [int(z) | (int(t) << m) for z, t in zip(px.zero_bits.tolist(), px.tight_bits.tolist())]
    ly = [int(t) | (int(z) << m) for z, t in zip(qy.zero_bits.tolist(), qy.tight_bits.tolist())]
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


def _normalise(z: Iterable[int]) -> tuple[Fraction, ...]:
    """Scale a vertex (integer numerators over a common denominator) to probabilities."""
    values = tuple(z)
    total = sum(values)
    return tuple(Fraction(v, total) for v in values)


def _order(pairs: list[tuple]) -> list[int]:
    """The positions of ``pairs`` in the order equilibria are reported: pure ones first, then by
    the row player's probabilities and the column player's, each descending. Probabilities
    are fractions in [0, 1], so the whole numbers among them are 0 and 1, and a pure strategy
    comes before another exactly when its 1 comes first."""
    pure, mixed = [], []
    for i, (row, col) in enumerate(pairs):
        if max(map(_denominator, row)) == 1 == max(map(_denominator, col)):
            pure.append(((row.index(1), col.index(1)), i))
        else:
            mixed.append(((row, col), i))
    pure.sort()
    mixed.sort(reverse=True)
    return [i for _, i in pure] + [i for _, i in mixed]


_denominator = operator.attrgetter("denominator")


def _with_components(
    pairs: list[tuple], ids: list[tuple[int, int]] | None = None, payoffs: list | None = None
) -> tuple[BimatrixEquilibrium, ...]:
    """Number the continua: equilibria joined through shared strategies (union-find).

    ``ids``, when given, numbers each pair's row and column strategy (equal numbers for equal
    strategies), saving the hashing of fractions; ``payoffs`` are proved payoffs of each pair
    (see :class:`BimatrixEquilibrium`)."""
    order = _order(pairs) if len(pairs) > 1 else list(range(len(pairs)))
    pairs = [pairs[i] for i in order]
    proved = [None] * len(pairs) if payoffs is None else [payoffs[i] for i in order]
    if ids is not None and len({r for r, _ in ids}) == len({c for _, c in ids}) == len(ids):
        # No two equilibria share a strategy: all isolated.
        return tuple(BimatrixEquilibrium(row, col, None, values) for (row, col), values in zip(pairs, proved))
    parent: dict = {}

    def find(node: int) -> int:
        """The root of ``node``'s component, halving the path on the way."""
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    if ids is None:
        row_id: dict = {}
        col_id: dict = {}
        keys = [(row_id.setdefault(row, len(row_id)), col_id.setdefault(col, len(col_id))) for row, col in pairs]
    else:
        keys = [ids[i] for i in order]
    for r, c in keys:
        parent[find(2 * r)] = find(2 * c + 1)
    roots = [find(2 * r) for r, _ in keys]
    sizes = {root: roots.count(root) for root in roots}
    ids_of: dict = {}
    result = []
    for (row, col), root, values in zip(pairs, roots, proved):
        component = None
        if sizes[root] > 1:
            component = ids_of.setdefault(root, len(ids_of) + 1)
        result.append(BimatrixEquilibrium(row=row, col=col, component=component, payoffs=values))
    return tuple(result)
