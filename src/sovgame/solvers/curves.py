"""Curves of equilibria on one support: arcs of a graph over one probability.

When the indifference equations of a support profile leave a curve (dimension 1) that is not
a line, the lexicographic Gröbner basis with one free variable τ last writes each other
variable as a rational function of τ, one after another (each of degree one in its leading
variable). Every positivity and best-reply condition then is a rational function of τ;
between consecutive real roots of their numerators and denominators in (0, 1) nothing
changes sign, so one rational sample per gap and each root itself (in its number field)
decide where the conditions hold: arcs, each with its two ends. The finitely many τ where a
denominator vanishes are solved apart (the branch plus that polynomial). A curve that is no
graph over one variable is reported as not resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key

import flint

from ..core.intervals import between
from ..core.roots import Root, nonnegative_roots, primitive
from ..core.roots import compare as compare_roots
from .continua import compare
from .polysystems import Value, groebner, irreducible_root_field, ring
from .supports import Profile, SupportSystem

Rational = tuple[flint.fmpq_poly, flint.fmpq_poly]  # numerator, denominator in τ


@dataclass
class Arc:
    """An arc of a curve of equilibria on one support: every variable a rational function of
    the variable ``tau`` on the interval from ``lo`` to ``hi`` (module docstring)."""

    system: SupportSystem
    tau: int
    functions: list[Rational]  # every variable (tau's own: τ/1)
    lo: Fraction | Root
    hi: Fraction | Root
    lo_closed: bool
    hi_closed: bool
    sample: Fraction  # a rational τ inside

    def at(self, tau: Fraction | Root) -> Profile:
        """The point of the curve at τ (an end of the arc or a rational inside it)."""
        values = _functions_at(self.functions, tau)
        assert values is not None  # the arc's ends and inside are no poles
        return self.system.profile(values)

    def ends(self) -> list[Profile]:
        """The two ends of the arc (they belong to its closure)."""
        return [self.at(self.lo), self.at(self.hi)]

    def interior_profile(self) -> Profile:
        """A point inside the arc."""
        return self.at(self.sample)

    def contains(self, profile: Profile) -> bool:
        """Whether the profile lies on the closed arc, exactly."""
        values = self.system.values(profile)
        if values is None:
            return False
        t = values[self.tau]
        if compare(t, self.lo) < 0 or compare(t, self.hi) > 0:
            return False
        for x, (num, den) in zip(values, self.functions):
            d = _poly_at(den, t)
            if d == 0 or compare(x * d, _poly_at(num, t)) != 0:
                return False
        return True


def _poly_at(poly: flint.fmpq_poly, x: Value) -> Value:
    value: Value = Fraction(0)
    for c in reversed(poly.coeffs()):
        value = value * x + Fraction(int(c.p), int(c.q))
    return value


def _at_root(poly: flint.fmpq_poly, tau: Fraction | Root, field) -> Value:
    if isinstance(tau, Fraction):
        return _poly_at(poly, tau)
    return field.wrap(poly)


def _functions_at(functions: list[Rational], tau: Fraction | Root) -> list[Value] | None:
    field = None if isinstance(tau, Fraction) else irreducible_root_field(tau)
    if isinstance(field, Fraction):  # pragma: no cover - roots are irrational
        tau, field = field, None
    out = []
    for num, den in functions:
        d = _at_root(den, tau, field)
        if d == 0:
            return None
        out.append(_at_root(num, tau, field) / d)
    return out


def _rational(poly: flint.fmpz_mpoly, functions: Sequence[Rational | None]) -> Rational:
    """poly with each variable replaced by its rational function of τ, in lowest terms."""
    one = flint.fmpq_poly([1])
    num, den = flint.fmpq_poly([]), one
    for mono, c in zip(poly.monoms(), poly.coeffs()):
        t_num, t_den = flint.fmpq_poly([int(c)]), one
        for j, e in enumerate(mono):
            f = functions[j]
            for _ in range(int(e)):
                assert f is not None
                t_num, t_den = t_num * f[0], t_den * f[1]
        num, den = num * t_den + t_num * den, den * t_den
        g = num.gcd(den) if not num.is_zero() else den
        num, den = num / g, den / g
    return num, den


def curve_pieces(
    system: SupportSystem, basis: Sequence[flint.fmpz_mpoly], tau: int
) -> tuple[list[Arc], list, list[Profile]] | str:
    """The arcs of equilibria on a one-dimensional branch, the polynomials whose roots are
    the τ where the graph has a pole (solved apart), and the points that stand alone (a root
    where the conditions hold with no arc around it); a reason when the branch is no graph
    over τ (module docstring)."""
    functions = _graph(system, basis, tau)
    if isinstance(functions, str):
        return functions
    poles = [den for _, den in functions if den.degree() > 0]
    conditions = [(_rational(p, functions), True) for p in system.positive]
    conditions += [(_rational(p, functions), False) for p in system.replies]
    critical: list[Fraction | Root] = []
    for poly in poles + [f for (num, den), _ in conditions for f in (num, den)]:
        if poly.degree() > 0:
            critical += [r for r, _ in nonnegative_roots(_integer(poly)) if 0 < compare(r, 0) and compare(r, 1) < 0]
    critical = _sorted_distinct(critical)
    ends: list[Fraction | Root] = [Fraction(0), *critical, Fraction(1)]

    def holds(tau_value: Fraction | Root) -> bool:
        values = _functions_at(functions, tau_value)
        if values is None:
            return False
        field = None if isinstance(tau_value, Fraction) else irreducible_root_field(tau_value)
        for (num, den), strict in conditions:
            sign = _sign(_at_root(num, tau_value, field)) * _sign(_at_root(den, tau_value, field))
            if sign < 0 or (strict and sign == 0):
                return False
        return True

    cells: list[tuple[bool, Fraction | Root, Fraction | Root, Fraction]] = []  # (point?, lo, hi, sample)
    for k in range(len(ends) - 1):
        if k:
            cells.append((True, ends[k], ends[k], Fraction(0)))
        cells.append((False, ends[k], ends[k + 1], between(ends[k], ends[k + 1])))
    inside = [holds(c[1]) if c[0] else holds(c[3]) for c in cells]
    arcs, points = _runs(system, tau, functions, cells, inside)
    return arcs, poles, points


def _runs(system, tau, functions, cells, inside) -> tuple[list[Arc], list[Profile]]:
    arcs: list[Arc] = []
    points: list[Profile] = []
    k = 0
    while k < len(cells):
        if not inside[k]:
            k += 1
            continue
        start = k
        while k + 1 < len(cells) and inside[k + 1]:
            k += 1
        run = cells[start : k + 1]
        gaps = [c for c in run if not c[0]]
        if not gaps:
            values = _functions_at(functions, run[0][1])
            assert values is not None
            points.append(system.profile(values))
        else:
            lo_closed, hi_closed = run[0][0], run[-1][0]
            arcs.append(Arc(system, tau, functions, run[0][1], run[-1][2], lo_closed, hi_closed, gaps[0][3]))
        k += 1
    return arcs, points


def _sign(x: Value) -> int:
    return compare(x, 0)


def _integer(poly: flint.fmpq_poly) -> tuple[int, ...]:
    return primitive([Fraction(int(c.p), int(c.q)) for c in poly.coeffs()])


def _sorted_distinct(values: list[Fraction | Root]) -> list[Fraction | Root]:
    ordered = sorted(values, key=cmp_to_key(compare_roots))
    out: list[Fraction | Root] = []
    for v in ordered:
        if not out or compare_roots(out[-1], v) != 0:
            out.append(v)
    return out


def _graph(system: SupportSystem, basis: Sequence[flint.fmpz_mpoly], tau: int) -> list[Rational] | str:
    """Each variable as a rational function of variable ``tau`` on the branch, from its
    lexicographic Gröbner basis with τ last; a reason when that basis is not of that form."""
    k = system.nvars
    order = [j for j in range(k) if j != tau] + [tau]
    lex = ring(k, "lex", [f"x{j}" for j in order])
    moved = [
        lex.from_dict({tuple(int(m[j]) for j in order): int(c) for m, c in zip(g.monoms(), g.coeffs())}) for g in basis
    ]
    lex_basis = groebner(moved, lex)
    functions: list[Rational | None] = [None] * k
    functions[tau] = (flint.fmpq_poly([0, 1]), flint.fmpq_poly([1]))
    by_lead: dict[int, list] = {}
    for g in lex_basis:
        lead = next(p for p, e in enumerate(g.monoms()[0]) if e)
        by_lead.setdefault(order[lead], []).append(g)
    for position in range(k - 2, -1, -1):
        var = order[position]
        candidates = [g for g in by_lead.get(var, []) if g.degrees()[position] == 1]
        if not candidates:
            return "the curve is no graph over one probability"
        g = min(candidates, key=lambda p: p.total_degree())
        linear, constant = _split_linear(g, position, lex)
        in_original = [functions[order[p]] for p in range(k)]
        c_num, c_den = _rational(linear, in_original)
        d_num, d_den = _rational(constant, in_original)
        if c_num.is_zero():
            return "the curve is no graph over one probability"
        num, den = -d_num * c_den, d_den * c_num
        common = num.gcd(den) if not num.is_zero() else den
        functions[var] = (num / common, den / common)
    complete = [f for f in functions if f is not None]
    if len(complete) != k:  # pragma: no cover - every variable was reached above
        return "the curve is no graph over one probability"
    for g in lex_basis:
        in_original = [complete[order[p]] for p in range(k)]
        if not _rational(g, in_original)[0].is_zero():
            return "the curve is no graph over one probability"
    return complete


def _split_linear(g: flint.fmpz_mpoly, position: int, ctx) -> tuple[flint.fmpz_mpoly, flint.fmpz_mpoly]:
    """g = c·v + d for v the variable at ``position`` (g of degree one in v)."""
    c_terms, d_terms = {}, {}
    for mono, coefficient in zip(g.monoms(), g.coeffs()):
        m = tuple(int(e) for e in mono)
        if m[position]:
            c_terms[m[:position] + (0,) + m[position + 1 :]] = int(coefficient)
        else:
            d_terms[m] = int(coefficient)
    return ctx.from_dict(c_terms), ctx.from_dict(d_terms)


def denominator_polynomial(system: SupportSystem, tau: int, den: flint.fmpq_poly) -> flint.fmpz_mpoly:
    """A denominator in τ as a polynomial in the system's ring."""
    coeffs = _integer(den)
    k = system.nvars
    return system.ctx.from_dict({tuple(e if j == tau else 0 for j in range(k)): c for e, c in enumerate(coeffs) if c})
