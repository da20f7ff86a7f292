"""Whether the target is the only equilibrium of a two-player game at an irrational cost level.

Where a mixed equilibrium appears or vanishes at an irrational κ = r (a
:class:`~sovgame.core.roots.Root`), no solver in fractions can be run at r. Every condition of
an equilibrium at r is, however, the sign of a polynomial in κ with integer coefficients
(:mod:`sovgame.costs.support_polynomials`), and the sign of such a polynomial at r is known
exactly (:func:`~sovgame.costs.support_polynomials.sign_at_root`). So the extreme equilibria
at r are enumerated by those signs alone.

**Vertices.** Let y be a vertex of the column player's best-response polyhedron
Q = {(y, v): y ≥ 0, Σy = 1, A_i·y ≤ v for every row i} (A the row player's payoffs at r).
It meets |C| + 1 linearly independent constraints with equality; the sum row can be among
them, and completing it with rows i ∈ BR(y) (A_i·y = v) and coordinates j with y_j = 0 gives
|I| = |J| for the rows I chosen and the columns J not set to zero, with the square system
[[A_IJ, −1], [1ᵀ, 0]]·(y_J, v) = e nonsingular at r, supp(y) ⊆ J, I ⊆ BR(y) (Avis, Rosenberg,
Savani & von Stengel 2010, *Econ. Theory* 42:9). Conversely every nonsingular square system
whose solution has y_J ≥ 0 and A_i·y ≤ v for the rows outside I is such a vertex. The same
holds for the row player's x against the column player's payoffs.

**Extreme equilibria.** The equilibria form finitely many polytopes X × Y (maximal Nash
subsets), whose extreme points are pairs of vertices (x, y) with supp(x) ⊆ BR(y) and
supp(y) ⊆ BR(x) (Jansen 1981, maximal Nash subsets; Audet, Hansen, Jaumard & Savard 2001,
*SIAM J. Sci. Comput.* 23:323). A
polytope holding a point other than the target has a vertex other than the target, so the
target is the only equilibrium at r exactly when no such pair other than (target, target)
exists. Within the dominance survivors (the game reduced to them has the same equilibria)
that is a finite check in exact signs.

**The candidate pairs first.** Inside an open pairwise gap a rival at r is mixed, and the walk's
argument (:mod:`sovgame.costs.uniqueness`) gives a candidate support pair that holds at r with
the rival as its solution, or with a system singular there. So where no candidate pair holds at
r the target is alone, where one holds with both systems nonsingular its solution is an
equilibrium (the rival, unless it is the target itself), and only where a holding pair is
singular at r, with solutions there, are the vertices enumerated (:func:`pair_at_root`; a
singular system without a solution holds nothing).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..core.roots import Root
from .support_polynomials import SupportSystem, sign_at_root

#: The support system of a player making its strategies ``own`` indifferent by a mix on ``other``.
SystemCache = Callable[[int, tuple[int, ...], tuple[int, ...]], SupportSystem]


class PairAtRoot(StrEnum):
    """What a candidate support pair says at an irrational κ (:func:`pair_at_root`)."""

    FAILS = "fails"  # some condition fails strictly: no equilibrium on the pair there
    TARGET = "target"  # it holds, nonsingular, and its one solution is the target
    RIVAL = "rival"  # it holds, nonsingular, and its solution is another equilibrium
    SINGULAR = "singular"  # it holds with a system singular there: not decided by the pair


def pair_at_root(systems: list[tuple[SupportSystem, list[int]]], root: Root, target: tuple[int, int]) -> PairAtRoot:
    """A pair's two systems (the row player's, whose mix is the column player's, then the
    column player's) with their outside strategies, read at κ = ``root`` in exact signs."""
    supports = []
    singular = False
    for system, outside in systems:
        d = sign_at_root(system.D, root)
        if d == 0:
            if system.unsolvable_at(root):  # no mix makes its strategies indifferent there
                return PairAtRoot.FAILS
            singular = True
            continue
        mix = [sign_at_root(poly, root) * d for poly in system.N[: system.k]]
        if any(s < 0 for s in mix) or any(sign_at_root(system.outside(r), root) * d > 0 for r in outside):
            return PairAtRoot.FAILS
        supports.append(frozenset(j for j, s in zip(system.other, mix) if s > 0))
    if singular:
        return PairAtRoot.SINGULAR
    only = [frozenset({target[1]}), frozenset({target[0]})]  # the column player's mix, then the row's
    return PairAtRoot.TARGET if supports == only else PairAtRoot.RIVAL


@dataclass(frozen=True)
class Vertex:
    """A vertex of one player's best-response polyhedron at r: the ``support`` of the mix and
    the other player's strategies that are best replies to it (``best``)."""

    support: frozenset[int]
    best: frozenset[int]


def vertices(systems: SystemCache, player: int, own: Sequence[int], other: Sequence[int], root: Root) -> set[Vertex]:
    """The vertices of the mixes on ``other`` against which ``player`` (its strategies ``own``
    as rows) replies, at κ = ``root`` (module docstring): support of the mix on ``other``,
    best replies among ``own``."""
    found = set()
    for k in range(1, min(len(own), len(other)) + 1):
        for I in itertools.combinations(own, k):
            outside = [r for r in own if r not in I]
            for J in itertools.combinations(other, k):
                system = systems(player, I, J)
                d = sign_at_root(system.D, root)
                if d == 0:  # singular: no vertex from this system
                    continue
                mix = [sign_at_root(poly, root) * d for poly in system.N[:k]]
                if any(s < 0 for s in mix):
                    continue
                gaps = []
                for r in outside:
                    gaps.append(sign_at_root(system.outside(r), root) * d)
                    if gaps[-1] > 0:
                        break
                if any(s > 0 for s in gaps):
                    continue
                support = frozenset(j for j, s in zip(J, mix) if s > 0)
                best = frozenset(I) | frozenset(r for r, s in zip(outside, gaps) if s == 0)
                found.add(Vertex(support, best))
    return found


def alone_at_root(
    systems: SystemCache, rows: Sequence[int], cols: Sequence[int], target: tuple[int, int], root: Root
) -> bool:
    """Whether ``target`` is the only equilibrium at κ = ``root``, in the game reduced to the
    dominance survivors ``rows`` × ``cols`` (module docstring). ``systems(player, own, other)``
    gives the player's support system (shared with the walk: they do not depend on κ)."""
    root = root.refined((root.hi - root.lo) / 2**32)  # narrow once: most signs are then read at once
    against_columns = vertices(systems, 0, rows, cols, root)  # y: supports in cols
    against_rows = vertices(systems, 1, cols, rows, root)  # x: supports in rows
    only = (frozenset({target[0]}), frozenset({target[1]}))
    for x in against_rows:
        for y in against_columns:
            if x.support <= y.best and y.support <= x.best and (x.support, y.support) != only:
                return False
    return True
