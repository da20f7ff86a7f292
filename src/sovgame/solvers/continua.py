"""Sets of equilibria of positive dimension on one support: polytopes.

When the indifference equations of a support profile T leave a solution set of dimension
d > 0 (a degenerate game), the equilibria with support T on one branch of it are found in
one of two exact forms:

- **Polytope**: the branch is an affine space (its reduced Gröbner basis is linear) and the
  positivity and best-reply conditions are affine on it. Writing the leading variables as
  affine functions of the free ones y, the closure of the set is P = {y : A y + b ≥ 0},
  bounded (its coordinates are probabilities). Its vertices are the points where d
  independent constraints are tight, each solved in fractions and kept when it meets every
  other constraint. The set is nonempty exactly when the centroid of the vertices has every
  probability of T strictly positive, and is then dense in P (a convex set meets an open
  half-space through one point on a dense subset), so P is its closure.

Curves are in :mod:`sovgame.solvers.curves`, curved sets of dimension two in
:mod:`sovgame.solvers.regions`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import flint

from ..core.algebraic import Algebraic
from ..core.roots import Root
from ..core.roots import compare as compare_roots
from .polysystems import Value
from .supports import Profile, SupportSystem

Affine = tuple[Fraction, tuple[Fraction, ...]]  # constant, coefficient per free variable


def compare(a: Value | Root | int, b: Value | Root | int) -> int:
    """−1, 0 or 1 as a <, =, > b for Fractions, roots and field elements alike."""
    if isinstance(a, Algebraic):
        return a.compare(b)
    if isinstance(b, Algebraic):
        return -b.compare(a)
    return compare_roots(Fraction(a) if isinstance(a, int) else a, Fraction(b) if isinstance(b, int) else b)


def _apply(form: Affine, y: Sequence[Value]) -> Value:
    total: Value = form[0]
    for c, v in zip(form[1], y):
        if c:
            total = total + c * v
    return total


# --- polytopes ---------------------------------------------------------------------------------


@dataclass
class Polytope:
    """The closure of a polytope of equilibria on one support (module docstring)."""

    system: SupportSystem
    free: tuple[int, ...]  # the variables that parametrise it
    variables: list[Affine]  # every variable as an affine function of the free ones
    constraints: list[Affine]  # ≥ 0 on the closure
    vertices: list[tuple[Fraction, ...]]  # in the free variables
    dimension: int

    def profile(self, y: Sequence[Value]) -> Profile:
        """The mixed strategies at the free values y."""
        return self.system.profile([_apply(v, y) for v in self.variables])

    def vertex_profiles(self) -> list[Profile]:
        """The extreme equilibria of the polytope."""
        return [self.profile(v) for v in self.vertices]

    def interior_profile(self) -> Profile:
        """A point in its relative interior: the centroid of the vertices."""
        count = len(self.vertices)
        centre = tuple(sum((v[k] for v in self.vertices), Fraction(0)) / count for k in range(len(self.free)))
        return self.profile(centre)

    def contains(self, profile: Profile) -> bool:
        """Whether the profile lies in the closed polytope, exactly."""
        values = self.system.values(profile)
        if values is None:
            return False
        y = [values[j] for j in self.free]
        if any(compare(values[j], _apply(v, y)) != 0 for j, v in enumerate(self.variables)):
            return False
        return all(compare(_apply(c, y), 0) >= 0 for c in self.constraints)

    def forms_on(self, other: Polytope) -> tuple[list[Affine], list[Affine]] | None:
        """The conditions for a point of this polytope's free space to lie in ``other``:
        (equalities, inequalities ≥ 0), affine in this polytope's free variables; None when
        their supports cannot meet."""
        n = len(self.free)
        zero: Affine = (Fraction(0), (Fraction(0),) * n)
        flat: dict[tuple[int, int], Affine] = {}
        for j, (i, s) in enumerate(self.system.owners):
            flat[(i, s)] = self.variables[j]
        for i, own in enumerate(self.system.support):
            rest = (Fraction(1), (Fraction(0),) * n)
            for s in own[:-1]:
                rest = _minus(rest, flat[(i, s)])
            flat[(i, own[-1])] = rest
        equalities = [form for (i, s), form in flat.items() if s not in other.system.support[i]]
        theirs = [flat.get(key, zero) for key in other.system.owners]
        y2 = [theirs[j] for j in other.free]
        for j, v in enumerate(other.variables):
            equalities.append(_minus(theirs[j], _compose(v, y2, n)))
        inequalities = list(self.constraints) + [_compose(c, y2, n) for c in other.constraints]
        return equalities, inequalities


def _minus(a: Affine, b: Affine) -> Affine:
    return a[0] - b[0], tuple(x - y for x, y in zip(a[1], b[1]))


def _compose(form: Affine, inner: Sequence[Affine], n: int) -> Affine:
    """form(inner(y)) for affine maps inner of y (n variables)."""
    const = form[0]
    coeffs = [Fraction(0)] * n
    for c, f in zip(form[1], inner):
        if c:
            const += c * f[0]
            for k in range(n):
                coeffs[k] += c * f[1][k]
    return const, tuple(coeffs)


def vertices(equalities: list[Affine], inequalities: list[Affine], n: int) -> list[tuple[Fraction, ...]]:
    """Every vertex of the bounded polyhedron {y : E(y) = 0, A(y) ≥ 0} in n variables: the
    points where n independent constraints (all equalities among them) are tight."""
    from ..core.linalg import solve_linear

    found: list[tuple[Fraction, ...]] = []
    if n == 0:
        empty: tuple[Fraction, ...] = ()
        ok = all(e[0] == 0 for e in equalities) and all(a[0] >= 0 for a in inequalities)
        return [empty] if ok else []
    for chosen in itertools.combinations(range(len(inequalities)), max(n - len(equalities), 0)):
        rows = equalities + [inequalities[k] for k in chosen]
        solved = solve_linear([list(r[1]) for r in rows], [-r[0] for r in rows])
        if solved is None:
            continue
        y, rank = solved
        if rank < n:
            continue
        point = tuple(y)
        if all(_apply(e, point) == 0 for e in equalities) and all(_apply(a, point) >= 0 for a in inequalities):
            if point not in found:
                found.append(point)
    return found


def _affine_rank(points: Sequence[tuple[Fraction, ...]]) -> int:
    from ..core.linalg import solve_linear

    if len(points) <= 1:
        return 0
    base = points[0]
    rows = [[a - b for a, b in zip(p, base)] for p in points[1:]]
    solved = solve_linear([list(r) for r in zip(*rows)], [Fraction(0)] * len(base))
    return 0 if solved is None else solved[1]


def affine_parametrisation(
    system: SupportSystem, basis: Sequence[flint.fmpz_mpoly]
) -> tuple[tuple[int, ...], list[Affine]]:
    """The free variables of a linear branch (its reduced Gröbner basis) and every variable
    as an affine function of them (each leading variable solved from its element)."""
    k = system.nvars
    units = [tuple(int(x == j) for x in range(k)) for j in range(k)]
    rules: dict[int, dict[tuple[int, ...], Fraction]] = {}
    for g in basis:
        lead = next(j for j, e in enumerate(g.monoms()[0]) if e)
        rules[lead] = {tuple(int(e) for e in m): Fraction(int(c)) for m, c in zip(g.monoms(), g.coeffs())}
    free = tuple(j for j in range(k) if j not in rules)
    variables: list[Affine] = []
    for j in range(k):
        if j in free:
            variables.append((Fraction(0), tuple(Fraction(int(f == j)) for f in free)))
            continue
        terms = rules[j]
        lc = terms[units[j]]
        const = -terms.get((0,) * k, Fraction(0)) / lc
        variables.append((const, tuple(-terms.get(units[f], Fraction(0)) / lc for f in free)))
    return free, variables


def linear_piece(system: SupportSystem, free: tuple[int, ...], variables: list[Affine]) -> Polytope | None | str:
    """The polytope of equilibria on a linear branch: None when the support holds none
    there, a reason when a condition is not affine on it."""
    n = len(free)
    constraints = []
    for poly in [*system.positive, *system.replies]:
        form = _affine_on(poly, variables, n)
        if form is None:
            return "a condition is not affine on the set"
        constraints.append(form)
    corners = vertices([], constraints, n)
    if not corners:
        return None
    centre = tuple(sum((v[t] for v in corners), Fraction(0)) / len(corners) for t in range(n))
    if any(_apply(form, centre) <= 0 for form in constraints[: len(system.positive)]):
        return None  # only points with smaller supports
    return Polytope(system, free, variables, constraints, corners, _affine_rank(corners))


def _affine_on(poly: flint.fmpz_mpoly, variables: list[Affine], n: int) -> Affine | None:
    """poly(variables(y)) when it is affine in y, else None (exact)."""
    total: dict[tuple[int, ...], Fraction] = {}
    for mono, c in zip(poly.monoms(), poly.coeffs()):
        term: dict[tuple[int, ...], Fraction] = {(0,) * n: Fraction(int(c))}
        for j, e in enumerate(mono):
            for _ in range(int(e)):
                term = _times_affine(term, variables[j], n)
        for m, v in term.items():
            total[m] = total.get(m, Fraction(0)) + v
    if any(sum(m) > 1 and v for m, v in total.items()):
        return None
    const = total.get((0,) * n, Fraction(0))
    return const, tuple(total.get(tuple(int(t == f) for t in range(n)), Fraction(0)) for f in range(n))


def _times_affine(term: dict, form: Affine, n: int) -> dict:
    out: dict[tuple[int, ...], Fraction] = {}
    units = [tuple(int(t == f) for t in range(n)) for f in range(n)]
    for m, v in term.items():
        out[m] = out.get(m, Fraction(0)) + v * form[0]
        for f, c in enumerate(form[1]):
            if c:
                key = tuple(a + b for a, b in zip(m, units[f]))
                out[key] = out.get(key, Fraction(0)) + v * c
    return out
