"""Systems of polynomial equations over Q, solved exactly with python-flint.

The indifference conditions of a support profile are polynomial equations in the players'
probabilities. This module decides what their common zeros are:

- **Gröbner bases** (degree reverse lexicographic order) by Buchberger's algorithm in FLINT
  (``fmpz_mpoly_vec.buchberger_naive``, reduced by ``autoreduction``), with limits on the
  size of the basis so that no system runs away (:class:`AlgebraTooHard`).
- **Dimension**: the largest set of variables no leading monomial lies in (Cox, Little &
  O'Shea, *Ideals, Varieties, and Algorithms*, ch. 9 §3).
- **Zero-dimensional systems**: the quotient ring Q[x]/I has the standard monomials as a
  basis; multiplying by each variable is a matrix there. For a linear form t = Σ c_j x_j the
  characteristic polynomial of its matrix has the values of t at the solutions as roots, and
  the *rational univariate representation* (Rouillier 1999, *AAECC* 9:433–461) writes every
  coordinate as x_j = g_j(θ)/g_1(θ) at the root θ, with g_v(T) = Σ_j T^j Σ_i a_{i+j+1}·Tr(M_v
  M_t^i) for f = Σ a_k T^k the squarefree part of that characteristic polynomial. It holds
  for systems with multiple solutions too, provided t takes distinct values at distinct
  solutions; the number of distinct solutions is the rank of the Hermite trace form
  Tr(M_{b_a b_b}) (Pedersen, Roy & Szpirglas 1993), so t is accepted only when deg f equals
  that rank. Among t_s = Σ s^j x_j, s = 1, 2, ..., one of the first (k − 1)·C(d, 2) + 1
  separates (each pair of solutions agrees for at most k − 1 values of s), so the search ends.
- Each irreducible factor h of f gives the real solutions as its real roots: a rational root
  gives rational coordinates, an irrational one a number field Q(θ) (:mod:`sovgame.core.algebraic`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import flint

from ..core.algebraic import Algebraic, NumberField
from ..core.roots import Root, nonnegative_roots, primitive

Monomial = tuple[int, ...]
Value = Fraction | Algebraic

#: Limits on Buchberger's algorithm: basis length, terms per polynomial, coefficient bits.
GROEBNER_LIMITS = (400, 4000, 20_000)


class AlgebraTooHard(Exception):
    """A system whose Gröbner basis passed the limits (:data:`GROEBNER_LIMITS`)."""


def ring(nvars: int, order: str = "degrevlex", names: Sequence[str] | None = None) -> flint.fmpz_mpoly_ctx:
    """The ring Z[x0, ..., x(n−1)] (or with ``names``) in the given monomial order."""
    return flint.fmpz_mpoly_ctx.get(tuple(names or (f"x{j}" for j in range(nvars))), order)


def groebner(polys: Sequence[flint.fmpz_mpoly], ctx: flint.fmpz_mpoly_ctx) -> list[flint.fmpz_mpoly]:
    """The reduced Gröbner basis of the ideal the nonzero ``polys`` generate ([] for the zero
    ideal, [1] when there is no common zero), each element primitive with a positive lead."""
    nonzero = [p for p in polys if not p.is_zero()]
    if not nonzero:
        return []
    if any(p.is_constant() for p in nonzero):
        return [ctx.from_dict({(0,) * ctx.nvars(): 1})]
    basis, done = flint.fmpz_mpoly_vec(nonzero, ctx).buchberger_naive(limits=GROEBNER_LIMITS)
    if not done:
        raise AlgebraTooHard("the Gröbner basis passed its size limits")
    reduced = [_normalised(g) for g in basis.autoreduction(groebner=True) if not g.is_zero()]  # type: ignore[attr-defined]
    if any(g.is_constant() for g in reduced):
        return [ctx.from_dict({(0,) * ctx.nvars(): 1})]
    return sorted(reduced, key=lambda g: g.monoms()[0])


def _normalised(g: flint.fmpz_mpoly) -> flint.fmpz_mpoly:
    content = g.content()  # type: ignore[attr-defined]
    g = g / content if content != 1 else g
    return -g if g.coeffs()[0] < 0 else g


def is_empty(basis: Sequence[flint.fmpz_mpoly]) -> bool:
    """The basis [1]: no common zero."""
    return len(basis) == 1 and basis[0].is_constant()


def leading_monomials(basis: Sequence[flint.fmpz_mpoly]) -> list[Monomial]:
    """The leading monomial of each element (FLINT lists terms from the leading one down)."""
    return [tuple(int(e) for e in g.monoms()[0]) for g in basis]


def dimension(basis: Sequence[flint.fmpz_mpoly], nvars: int) -> tuple[int, tuple[int, ...]]:
    """The dimension of the variety of a Gröbner basis (not [1]) and a largest independent set
    of variables: one whose monomials contain no leading monomial."""
    supports = [frozenset(j for j, e in enumerate(m) if e) for m in leading_monomials(basis)]
    for size in range(nvars, -1, -1):
        for free in itertools.combinations(range(nvars), size):
            chosen = set(free)
            if not any(s <= chosen for s in supports):
                return size, free
    raise AssertionError("unreachable")  # pragma: no cover - the empty set is independent


def standard_monomials(leads: Sequence[Monomial], nvars: int) -> list[Monomial]:
    """The monomials no leading monomial divides (finite for a zero-dimensional ideal)."""
    found: list[Monomial] = []
    frontier = [(0,) * nvars]
    seen = set(frontier)
    while frontier:
        mono = frontier.pop()
        if any(all(a >= b for a, b in zip(mono, lead)) for lead in leads):
            continue
        found.append(mono)
        for j in range(nvars):
            nxt = mono[:j] + (mono[j] + 1,) + mono[j + 1 :]
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return sorted(found)


@dataclass(frozen=True)
class _Quotient:
    """Q[x]/I for a zero-dimensional I: the standard monomials and the matrix of
    multiplication by each variable in that basis (column b: the normal form of x_j·b)."""

    basis: list[Monomial]
    matrices: list[flint.fmpq_mat]


def _quotient(basis: Sequence[flint.fmpz_mpoly], nvars: int) -> _Quotient:
    leads = leading_monomials(basis)
    standard = standard_monomials(leads, nvars)
    index = {m: i for i, m in enumerate(standard)}
    # The basis as monic rules over Q: lead monomial → the rest, as dicts.
    rules = []
    for g, lead in zip(basis, leads):
        terms = dict(zip((tuple(int(e) for e in m) for m in g.monoms()), (Fraction(int(c)) for c in g.coeffs())))
        lc = terms.pop(lead)
        rules.append((lead, {m: -c / lc for m, c in terms.items()}))
    d = len(standard)
    matrices = []
    for j in range(nvars):
        M = flint.fmpq_mat(d, d)
        for col, mono in enumerate(standard):
            shifted = mono[:j] + (mono[j] + 1,) + mono[j + 1 :]
            for m, c in _normal_form({shifted: Fraction(1)}, rules).items():
                M[index[m], col] = flint.fmpq(c.numerator, c.denominator)
        matrices.append(M)
    return _Quotient(standard, matrices)


def _normal_form(poly: dict[Monomial, Fraction], rules) -> dict[Monomial, Fraction]:
    """The remainder of ``poly`` on division by the basis (any order of reductions gives the
    unique normal form, since the rules come from a Gröbner basis)."""
    poly = dict(poly)
    out: dict[Monomial, Fraction] = {}
    while poly:
        mono = max(poly, key=lambda m: (sum(m), tuple(-e for e in reversed(m))))  # degrevlex
        c = poly.pop(mono)
        rule = next((r for r in rules if all(a >= b for a, b in zip(mono, r[0]))), None)
        if rule is None:
            out[mono] = out.get(mono, Fraction(0)) + c
            continue
        lead, rest = rule
        shift = tuple(a - b for a, b in zip(mono, lead))
        for m, r in rest.items():
            target = tuple(a + b for a, b in zip(m, shift))
            value = poly.get(target, Fraction(0)) + c * r
            if value:
                poly[target] = value
            else:
                poly.pop(target, None)
    return {m: c for m, c in out.items() if c}


def _monomial_matrices(q: _Quotient) -> list[flint.fmpq_mat]:
    """The matrix of multiplication by each standard monomial (products of the variables')."""
    d, nvars = len(q.basis), len(q.matrices)
    of: dict[Monomial, flint.fmpq_mat] = {(0,) * nvars: _identity(d)}
    for mono in sorted(q.basis, key=sum):  # a monomial's divisors come before it
        if mono not in of:
            j = next(j for j, e in enumerate(mono) if e)
            of[mono] = q.matrices[j] * of[mono[:j] + (mono[j] - 1,) + mono[j + 1 :]]
    return [of[m] for m in q.basis]


def _trace_form(q: _Quotient) -> tuple[flint.fmpq_mat, int]:
    """The row vector τ_b = Tr(M_b) over the standard monomials b, and the number of distinct
    complex solutions: the rank of the Hermite matrix H_ab = Tr(M_{b_a b_b}) = τ·M_{b_a}e_b."""
    mats = _monomial_matrices(q)
    d = len(q.basis)
    tau = flint.fmpq_mat(1, d)
    for b, M in enumerate(mats):
        tau[0, b] = _trace(M)
    H = flint.fmpq_mat(d, d)
    for a, M in enumerate(mats):
        row = tau * M
        for b in range(d):
            H[a, b] = row[0, b]
    return tau, H.rank()


def _separating_forms(nvars: int, d: int) -> Iterator[list[int]]:
    yield [1] * nvars
    for s in range(2, (nvars - 1) * d * (d - 1) // 2 + 3):
        yield [s**j for j in range(nvars)]


Box = Sequence[tuple[Fraction, Fraction | None]]


def real_solutions(basis: Sequence[flint.fmpz_mpoly], box: Box) -> list[tuple[Value, ...]]:
    """Every real solution of a zero-dimensional system (its reduced Gröbner basis) whose
    coordinates lie in the open box: x_j in (lo_j, hi_j) with lo_j ≥ 0 (hi_j None: no upper
    bound), exactly (module docstring).

    Coordinates are Fractions, or elements of one number field per solution.
    """
    nvars = len(box)
    q = _quotient(basis, nvars)
    d = len(q.basis)
    tau, distinct = _trace_form(q)
    for c in _separating_forms(nvars, d):
        Mt = flint.fmpq_mat(d, d)
        for cj, Mj in zip(c, q.matrices):
            Mt += Mj * cj
        chi = Mt.charpoly()
        f = chi / chi.gcd(chi.derivative())
        if f.degree() == distinct:
            break
    else:  # pragma: no cover - the family above always holds a separating form
        raise AssertionError("no separating linear form found")
    # Tr(M_v M_t^i) = τ·(M_v t^i), t^i as a column of coordinates: matrix-vector products only.
    D = f.degree()
    a = f.coeffs()
    column = flint.fmpq_mat(d, 1)
    column[q.basis.index((0,) * nvars), 0] = 1
    traces = [[flint.fmpq(0)] * D for _ in range(nvars + 1)]
    for i in range(D):
        traces[0][i] = (tau * column)[0, 0]
        for j, Mj in enumerate(q.matrices):
            traces[j + 1][i] = (tau * (Mj * column))[0, 0]
        column = Mt * column
    g = [
        flint.fmpq_poly([sum((a[i + k + 1] * tv[i] for i in range(D - k)), flint.fmpq(0)) for k in range(D)])
        for tv in traces
    ]
    # t = Σ c_j x_j with every c_j > 0 lies between Σ c_j lo_j and Σ c_j hi_j in the box.
    low = sum((cj * lo for cj, (lo, _) in zip(c, box)), Fraction(0))
    high: Fraction | None = Fraction(0)
    for cj, (_, hi) in zip(c, box):
        high = None if hi is None or high is None else high + cj * hi
    out: list[tuple[Value, ...]] = []
    for h in _irreducible_factors(f):
        for theta, _ in nonnegative_roots(h):
            if theta > low and (high is None or theta < high):
                point = _coordinates(theta, g)
                if all(x > lo and (hi is None or x < hi) for x, (lo, hi) in zip(point, box)):
                    out.append(point)
    return out


def _identity(d: int) -> flint.fmpq_mat:
    M = flint.fmpq_mat(d, d)
    for i in range(d):
        M[i, i] = 1
    return M


def _trace(M: flint.fmpq_mat) -> flint.fmpq:
    """The trace of a square matrix."""
    return sum((M[i, i] for i in range(M.nrows())), flint.fmpq(0))


def _fraction(x: flint.fmpq) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _irreducible_factors(f: flint.fmpq_poly) -> list[tuple[int, ...]]:
    """The distinct irreducible factors of f as primitive integer polynomials."""
    _, factors = f.factor()
    return [primitive([_fraction(flint.fmpq(c)) for c in h.coeffs()]) for h, _ in factors]


def _coordinates(theta: Fraction | Root, g: list[flint.fmpq_poly]) -> tuple[Value, ...]:
    """x_j = g_j(θ)/g_1(θ) at the root θ, exactly."""
    if isinstance(theta, Fraction):
        x = flint.fmpq(theta.numerator, theta.denominator)
        den = g[0](x)
        return tuple(_fraction(gv(x) / den) for gv in g[1:])
    field = NumberField(theta)
    inverse = field.inverse(g[0] % field.modulus)
    return tuple(field.wrap(gv * inverse) for gv in g[1:])


def irreducible_root_field(root: Root) -> NumberField | Fraction:
    """The field Q(root) from a root of a squarefree polynomial: its irreducible factor that
    changes sign across the root's interval (a rational root comes back as a Fraction)."""
    poly = flint.fmpz_poly(list(root.poly))
    _, factors = poly.factor()
    for h, _ in factors:
        coeffs = primitive([int(c) for c in h.coeffs()])
        for r, _ in nonnegative_roots(coeffs) if root.lo >= 0 else _all_roots(coeffs):
            if isinstance(r, Root) and r == root:
                return NumberField(Root(coeffs, r.lo, r.hi))
            if isinstance(r, Fraction) and root.lo < r < root.hi:  # pragma: no cover - Root is irrational
                return r
    raise AssertionError("the root lies on none of its factors")  # pragma: no cover


def _all_roots(coeffs: tuple[int, ...]) -> list[tuple[Fraction | Root, int]]:
    reflected = tuple(c if k % 2 == 0 else -c for k, c in enumerate(coeffs))
    negatives: list[tuple[Fraction | Root, int]] = []
    for r, m in nonnegative_roots(reflected):
        if isinstance(r, Fraction):
            negatives.append((-r, m))
        else:
            negatives.append((Root(coeffs, -r.hi, -r.lo), m))
    return negatives + nonnegative_roots(coeffs)
