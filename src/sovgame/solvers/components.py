"""The equilibria found on every support, put together: listed points and connected components.

The set of equilibria is closed and is the union of what the supports gave: isolated points
and pieces of positive dimension (polytopes, arcs, plane regions), each connected. Two pieces
lie in one connected component when their closures meet, so the components are the classes
of the relation "meet", closed transitively:

- two polytopes meet when the linear conditions of both have a common solution (an exact
  vertex search, :func:`~sovgame.solvers.continua.vertices`);
- other pairs meet when a point of both is found: an extreme point of one (a vertex, an
  end) in the other's closure, or a common equilibrium of both branches on a support within
  both (:func:`~sovgame.solvers.strata.common_points`);
- a point lies on a piece when the piece's closure holds it (exact membership).

**What is listed.** Every point that is isolated among the equilibria of its own support (the
finite solutions of a support's equations, pure equilibria included) and every extreme point
of a polytope or end of an arc; a point inside a piece of its own support is not listed (it is
no extreme point of the set). Points are sorted by their probabilities, largest first (so
pure equilibria come in the order of their strategies), and components are numbered in the
order their first point appears.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from .continua import Polytope, compare, vertices
from .curves import Arc
from .strata import Found, Piece, common_points
from .supports import Profile, Support
from .verify import is_nash, pure_strategy_values


@dataclass(frozen=True)
class PieceInfo:
    """One polytope, arc or region of a component: its kind, dimension, support and extreme
    points (indices into the listed equilibria, from 0)."""

    kind: str  # "polytope", "curve" or "region"
    dimension: int
    support: Support
    extreme: tuple[int, ...]


@dataclass(frozen=True)
class Component:
    """A connected set of equilibria of positive dimension (numbered from 1).

    ``point`` lies in it (inside its largest piece); ``pieces`` are the polytopes, arcs and
    regions it is made of, each with its extreme points; ``polytope`` says whether it is one
    convex polytope, whose extreme points then span it.
    """

    number: int
    dimension: int
    point: Profile
    pieces: tuple[PieceInfo, ...]
    polytope: bool
    members: tuple[Piece, ...] = field(default=(), repr=False, compare=False)

    def contains(self, profile: Profile) -> bool:
        """Whether the profile lies in the component, exactly."""
        return any(piece.contains(profile) for piece in self.members)


@dataclass(frozen=True)
class Enumeration:
    """The equilibria of an n-player game: ``points`` (isolated equilibria and the extreme
    points of components) with the component of each (None: isolated), the components,
    whether the enumeration is proved complete and, if not, why."""

    points: tuple[Profile, ...]
    component_of: tuple[int | None, ...]
    components: tuple[Component, ...]
    complete: bool
    degenerate: bool
    unresolved: tuple[str, ...] = ()
    supports: int = 0


class _Union:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def same(p: Profile, q: Profile) -> bool:
    """Two profiles are equal, exactly."""
    return all(compare(a, b) == 0 for s, t in zip(p, q) for a, b in zip(s, t))


def _distinct(profiles: Sequence[Profile]) -> list[Profile]:
    out: list[Profile] = []
    for p in profiles:
        if not any(same(p, q) for q in out):
            out.append(p)
    return out


def extremes(piece: Piece) -> list[Profile]:
    """A piece's extreme points: a polytope's vertices, an arc's ends (a region has none listed)."""
    if isinstance(piece, Polytope):
        return piece.vertex_profiles()
    if isinstance(piece, Arc):
        return piece.ends()
    return []


def _support(profile: Profile) -> Support:
    return tuple(tuple(s for s, p in enumerate(probs) if compare(p, 0) != 0) for probs in profile)


def assemble(payoffs: np.ndarray, found: Found, supports: int) -> Enumeration:
    """The listed equilibria and components (module docstring)."""
    pieces = [p for p, _ in found.pieces]
    ends = [extremes(p) for p in pieces]
    candidates = _distinct(found.points + [e for group in ends for e in group])
    for profile in candidates:
        if not is_nash(payoffs, profile):  # pragma: no cover - a bug if it happens
            raise AssertionError(f"not an equilibrium: {profile}")
    points = [p for p in candidates if not _inside_own_piece(p, pieces, ends)]
    union = _Union(len(pieces) + len(points))
    for a in range(len(pieces)):
        for b in range(a + 1, len(pieces)):
            if union.find(a) != union.find(b) and _meet(found.pieces[a], found.pieces[b], ends[a] + ends[b]):
                union.join(a, b)
    on_piece = [False] * len(points)
    for k, profile in enumerate(points):
        for a, piece in enumerate(pieces):
            if piece.contains(profile):
                union.join(len(pieces) + k, a)
                on_piece[k] = True

    def descending(a: int, b: int) -> int:
        return _order(points[b], points[a])

    order = sorted(range(len(points)), key=functools.cmp_to_key(descending))
    listed = [points[k] for k in order]
    numbers: dict[int, int] = {}
    component_of: list[int | None] = []
    for k in order:
        root = union.find(len(pieces) + k)
        component_of.append(numbers.setdefault(root, len(numbers) + 1) if on_piece[k] else None)
    components = _components(pieces, union, numbers, listed)
    degenerate = bool(components) or any(_unused_best_reply(payoffs, p) for p in listed)
    unresolved = tuple(dict.fromkeys(found.unresolved))
    return Enumeration(
        tuple(listed), tuple(component_of), tuple(components), not unresolved, degenerate, unresolved, supports
    )


def _inside_own_piece(profile: Profile, pieces: Sequence[Piece], ends: Sequence[list[Profile]]) -> bool:
    """The point lies in a piece of its own support without being one of its extreme points."""
    support = _support(profile)
    return any(
        piece.system.support == support and piece.contains(profile) and not any(same(profile, e) for e in group)
        for piece, group in zip(pieces, ends)
    )


def _meet(first: tuple[Piece, tuple], second: tuple[Piece, tuple], corners: list[Profile]) -> bool:
    """Whether two pieces' closures meet (module docstring)."""
    a, b = first[0], second[0]
    if isinstance(a, Polytope) and isinstance(b, Polytope):
        forms = a.forms_on(b)
        return forms is not None and bool(vertices(forms[0], forms[1], len(a.free)))
    if any(a.contains(p) and b.contains(p) for p in corners):
        return True
    return any(a.contains(p) and b.contains(p) for p in common_points(first, second))


def _order(p: Profile, q: Profile) -> int:
    for a, b in zip((x for s in p for x in s), (x for s in q for x in s)):
        c = compare(a, b)
        if c:
            return c
    return 0


def _components(pieces: Sequence[Piece], union: _Union, numbers: dict[int, int], listed) -> list[Component]:
    by_number: dict[int, list[Piece]] = {}
    for a, piece in enumerate(pieces):
        root = union.find(a)
        if root not in numbers:  # a component none of whose points is listed (a region)
            numbers[root] = len(numbers) + 1
        by_number.setdefault(numbers[root], []).append(piece)
    out = []
    for number in sorted(by_number):
        members = by_number[number]
        infos = []
        for piece in members:
            extreme = tuple(k for k, p in enumerate(listed) if any(same(p, e) for e in extremes(piece)))
            kind = "polytope" if isinstance(piece, Polytope) else "curve" if isinstance(piece, Arc) else "region"
            infos.append(PieceInfo(kind, _dimension(piece), piece.system.support, extreme))
        largest = max(members, key=_dimension)
        convex = len(members) == 1 and isinstance(members[0], Polytope)
        dim = max(info.dimension for info in infos)
        out.append(Component(number, dim, largest.interior_profile(), tuple(infos), convex, tuple(members)))
    return out


def _dimension(piece: Piece) -> int:
    return 1 if isinstance(piece, Arc) else piece.dimension


def _unused_best_reply(payoffs: np.ndarray, profile: Profile) -> bool:
    """Some player has a best reply it gives probability 0 (a degenerate equilibrium)."""
    for i, strategy in enumerate(profile):
        values = pure_strategy_values(payoffs, profile, i)
        best = functools.reduce(lambda x, y: x if compare(x, y) >= 0 else y, values)
        if any(compare(v, best) == 0 and compare(p, Fraction(0)) == 0 for v, p in zip(values, strategy)):
            return True
    return False
