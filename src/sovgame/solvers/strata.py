"""The equilibria with one support: isolated points and the pieces of positive dimension.

:func:`analyse` takes the polynomials of a support profile (:mod:`sovgame.solvers.supports`)
and finds every equilibrium whose support is exactly that profile:

1. the reduced Gröbner basis of the indifference equations decides whether they have common
   zeros and of what dimension (:mod:`sovgame.solvers.polysystems`);
2. finitely many zeros are found exactly and kept where the positivity and best-reply
   conditions hold, decided by exact signs;
3. zeros of positive dimension are split into branches by the irreducible factors of the
   basis' elements (the zeros of g = f·h are those of f and those of h), and each branch that
   no longer splits is a polytope (:mod:`sovgame.solvers.continua`), a plane region bounded by
   curves (:mod:`sovgame.solvers.regions`) or a curve (:mod:`sovgame.solvers.curves`);
   anything else is recorded as not resolved.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import flint

from .continua import Polytope, affine_parametrisation, compare, linear_piece
from .curves import Arc, curve_pieces, denominator_polynomial
from .polysystems import AlgebraTooHard, dimension, groebner, is_empty, leading_monomials, real_solutions, ring
from .regions import Region, region_pieces
from .supports import Profile, Support, SupportSystem, evaluate, probabilities, supports_of

Piece = Polytope | Arc | Region

#: How often a solution set may be split by factors before it is left unresolved.
MAX_SPLITS = 12


@dataclass
class Found:
    """What the analysis of supports found: points, pieces with their branch's basis, and
    the reasons of what it could not resolve."""

    points: list[Profile] = field(default_factory=list)
    pieces: list[tuple[Piece, tuple]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def analyse(system: SupportSystem, generators: Sequence, found: Found, seen: set, depth: int = 0) -> None:
    """The equilibria of one support on the common zeros of ``generators`` (module docstring)."""
    if system.nvars == 0:
        if all(compare(evaluate(r, ()), 0) >= 0 for r in system.replies):
            found.points.append(system.profile(()))
        return
    try:
        basis = groebner(generators, system.ctx)
    except AlgebraTooHard as too_hard:
        found.unresolved.append(where(system, str(too_hard)))
        return
    key = frozenset(str(g) for g in basis)
    if key in seen or is_empty(basis):
        return
    seen.add(key)
    dim, free = dimension(basis, system.nvars)
    if dim == 0:
        for values in real_solutions(basis, [(Fraction(0), Fraction(1))] * system.nvars):
            if meets_conditions(system, values):
                found.points.append(system.profile(values))
        return
    for g in basis:
        _, factors = g.factor()
        if len(factors) > 1 or any(e > 1 for _, e in factors):
            if depth >= MAX_SPLITS:
                found.unresolved.append(where(system, "its solution set splits into too many branches"))
                return
            for f, _ in factors:
                analyse(system, [*basis, f], found, seen, depth + 1)
            return
    _branch(system, basis, dim, free, found, seen, depth)


def _branch(system: SupportSystem, basis, dim: int, free, found: Found, seen: set, depth: int) -> None:
    """A branch of positive dimension that no factor splits: a polytope, a region, a curve."""
    if all(g.total_degree() <= 1 for g in basis):
        free, variables = affine_parametrisation(system, basis)
        piece = linear_piece(system, free, variables)
        if isinstance(piece, Polytope):
            if piece.dimension == 0:
                found.points.append(piece.vertex_profiles()[0])
            else:
                found.pieces.append((piece, tuple(basis)))
            return
        if piece is None:
            return
        if dim == 2:
            regions = region_pieces(system, free, variables)
            if isinstance(regions, str):
                found.unresolved.append(where(system, regions))
            else:
                found.pieces += [(region, tuple(basis)) for region in regions]
            return
    if dim > 1:
        found.unresolved.append(where(system, f"a {dim}-dimensional set of solutions is curved"))
        return
    # The curve as a graph over one probability τ: any variable no leading monomial bounds alone.
    leads = leading_monomials(basis)
    taus = [j for j in range(system.nvars) if not any(m[j] and sum(m) == m[j] for m in leads)]
    result: tuple | str = "the curve is no graph over one probability"
    for tau in taus:
        result = curve_pieces(system, basis, tau)
        if not isinstance(result, str):
            break
    if isinstance(result, str):
        found.unresolved.append(where(system, result))
        return
    arcs, poles, points = result
    found.pieces += [(arc, tuple(basis)) for arc in arcs]
    found.points += points
    for den in poles:
        analyse(system, [*basis, denominator_polynomial(system, tau, den)], found, seen, depth + 1)


def where(system: SupportSystem, reason: str) -> str:
    """A reason prefixed by the support it concerns (strategies numbered from 1)."""
    supports = "; ".join("{" + ", ".join(str(s + 1) for s in own) + "}" for own in system.support)
    return f"supports ({supports}): {reason}"


def meets_conditions(system: SupportSystem, values) -> bool:
    """Positive probabilities on the support and no better reply off it, exactly."""
    return all(compare(evaluate(p, values), 0) > 0 for p in system.positive) and all(
        compare(evaluate(r, values), 0) >= 0 for r in system.replies
    )


# --- where two pieces meet ---------------------------------------------------------------------


def common_points(first: tuple[Piece, tuple], second: tuple[Piece, tuple]) -> list[Profile]:
    """Points that may lie in both pieces: the equilibria of every support within both
    pieces' supports on the zeros of both branches, with the best-reply conditions of both
    (their isolated points, and the extreme and inner points of their pieces). Each is to be
    tested against both pieces."""
    (a, basis_a), (b, basis_b) = first, second
    face = tuple(tuple(s for s in x if s in y) for x, y in zip(a.system.support, b.system.support))
    if any(not own for own in face):
        return []
    found = Found()
    for support in itertools.product(*(supports_of_subset(own) for own in face)):
        system = restricted_system(support, a.system.shape, [(a.system, basis_a), (b.system, basis_b)])
        analyse(system, system.equations, found, set())
    out = list(found.points)
    for piece, _ in found.pieces:
        out.append(piece.interior_profile())
        if isinstance(piece, Polytope):
            out += piece.vertex_profiles()
        elif isinstance(piece, Arc):
            out += piece.ends()
    return out


def supports_of_subset(own: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every nonempty subset of the strategies ``own``."""
    return [tuple(own[k] for k in subset) for subset in supports_of(len(own))]


def restricted_system(support: Support, shape: tuple[int, ...], branches) -> SupportSystem:
    """The system of ``support`` whose equations are the given branches' bases and whose
    best-reply conditions are theirs, each moved to this support's variables (zero off it)."""
    owners = [(i, s) for i, own in enumerate(support) for s in own[:-1]]
    ctx = ring(len(owners))
    probability = probabilities(support, ctx)
    system = SupportSystem(shape, support, owners, ctx)
    zero = ctx.from_dict({})
    for source, basis in branches:
        images = [probability[i].get(s, zero) for i, s in source.owners]
        moved = [_moved(p, images, ctx) for p in basis]
        system.equations += moved
        system.replies += [_moved(r, images, ctx) for r in source.replies]
    system.positive = [p for i, own in enumerate(support) if len(own) > 1 for p in probability[i].values()]
    return system


def _moved(poly: flint.fmpz_mpoly, images: list, ctx) -> flint.fmpz_mpoly:
    if not images:
        return ctx.from_dict({(0,) * ctx.nvars(): int(poly.coeffs()[0])} if not poly.is_zero() else {})
    return poly.compose(*images, ctx=ctx)
