"""An independent enumeration of the equilibria of small n-player games, for the tests.

It shares no code with sovgame: every profile of supports T is tried (no pruning), and its
system is written in SymPy with every probability of the support *and* each player's payoff
v_i as unknowns:

    Σ_{s ∈ T_i} p_{i,s} = 1,    U_i(s) = v_i  for s ∈ T_i.

When SymPy's lexicographic Gröbner basis says the system has finitely many solutions, they are
found by back substitution in 60-digit arithmetic: the real roots of the last (univariate)
element, then of each earlier element in its leading unknown, kept where every element
vanishes. A candidate point is an equilibrium when every probability on the support is
positive and no strategy outside it pays more than v_i (read at 60 digits; values below
10⁻³⁰ count as 0; an element vanishes to 10⁻²⁵ of the size of its terms). Otherwise ``sympy.solve`` gives the solutions: one with free symbols is a
family, whose equilibria are sampled at rational values of the free symbols.

``brute_force_is_nash`` checks a rational profile by summing over every outcome in fractions.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

DIGITS = 60


@dataclass
class Reference:
    """Isolated candidate equilibria (exact SymPy numbers, one tuple per player) and the
    families of solutions with free symbols (with their support)."""

    points: list[tuple[tuple[sympy.Expr, ...], ...]]
    families: list[tuple[tuple[tuple[int, ...], ...], dict, list]]


def _nonempty_subsets(size: int):
    for k in range(1, size + 1):
        yield from itertools.combinations(range(size), k)


def _sign(expr: sympy.Expr) -> int:
    value = sympy.N(expr, DIGITS)
    if abs(sympy.im(value)) > sympy.Float(10) ** -30:
        raise ValueError("complex")
    value = sympy.re(value)
    if abs(value) < sympy.Float(10) ** -30:
        return 0
    return 1 if value > 0 else -1


def _expected(payoffs: np.ndarray, i: int, own: int, probs: list[dict[int, sympy.Expr]]) -> sympy.Expr:
    n = payoffs.shape[-1]
    total = sympy.Integer(0)
    others = [range(payoffs.shape[j]) if j != i else [own] for j in range(n)]
    for profile in itertools.product(*others):
        weight = sympy.Integer(1)
        for j, s in enumerate(profile):
            if j != i:
                weight *= probs[j].get(s, 0)
        if weight != 0:
            value = Fraction(payoffs[profile][i])
            total += weight * sympy.Rational(value.numerator, value.denominator)
    return sympy.expand(total)


def reference_equilibria(payoffs: np.ndarray) -> Reference:
    """Every support profile's system solved in SymPy (module docstring)."""
    shape = payoffs.shape[:-1]
    n = len(shape)
    out = Reference([], [])
    for support in itertools.product(*(_nonempty_subsets(k) for k in shape)):
        probs = [{s: sympy.Symbol(f"p{i}_{s}") for s in own} for i, own in enumerate(support)]
        values = [sympy.Symbol(f"v{i}") for i in range(n)]
        equations = []
        for i, own in enumerate(support):
            equations.append(sum(probs[i].values()) - 1)
            equations += [_expected(payoffs, i, s, probs) - values[i] for s in own]
        unknowns = values + [p for d in probs for p in d.values()]
        basis = sympy.groebner(equations, *unknowns, order="lex")
        if basis.exprs == [1]:
            continue
        if basis.is_zero_dimensional:
            solutions = _back_substitution(list(basis.exprs), unknowns)
        else:
            solutions = sympy.solve(equations, unknowns, dict=True)
        for solution in solutions:
            point = [{s: sympy.sympify(solution.get(p, p)) for s, p in d.items()} for d in probs]
            free = set().union(*(e.free_symbols for d in point for e in d.values()))
            if free:
                out.families.append((support, solution, probs))
                continue
            try:
                if _is_equilibrium(payoffs, support, point, solution, values):
                    out.points.append(
                        tuple(tuple(d.get(s, sympy.Integer(0)) for s in range(k)) for d, k in zip(point, shape))
                    )
            except ValueError:
                continue  # complex solution
    return out


def _back_substitution(basis: list, unknowns: list) -> list[dict]:
    """The real solutions of a zero-dimensional lexicographic Gröbner basis, at 60 digits."""
    solutions: list[dict] = [{}]
    for var in reversed(unknowns):
        extended = []
        for known in solutions:
            with_var = [
                sympy.expand(g.subs(known))
                for g in basis
                if var in g.free_symbols and g.free_symbols <= set(known) | {var}
            ]
            if not with_var:  # pragma: no cover - a zero-dimensional basis bounds every unknown
                raise AssertionError("unknown not bounded")
            poly = sympy.Poly(min(with_var, key=lambda g: sympy.degree(g, var)), var)
            for root in poly.nroots(n=DIGITS, maxsteps=200):
                if abs(sympy.im(root)) > sympy.Float(10) ** -30:
                    continue
                candidate = {**known, var: sympy.re(root)}
                if all(_vanishes(g, candidate) for g in with_var):
                    extended.append(candidate)
        solutions = extended
    return solutions


def _vanishes(g: sympy.Expr, at: dict) -> bool:
    """g is 0 at the point, to 10⁻²⁵ of the size of its terms there (60-digit arithmetic)."""
    terms = sympy.Add.make_args(sympy.expand(g))
    size = sum(abs(sympy.N(t.subs(at), DIGITS)) for t in terms)
    return abs(sympy.N(g.subs(at), DIGITS)) <= sympy.Float(10) ** -25 * max(size, 1)


def _is_equilibrium(payoffs, support, point, solution, values) -> bool:
    for d in point:
        for e in d.values():
            if _sign(e) <= 0:
                return False
    for i, own in enumerate(support):
        v = sympy.sympify(solution.get(values[i], values[i]))
        for t in range(payoffs.shape[i]):
            if t not in own and _sign(_expected(payoffs, i, t, point) - v) > 0:
                return False
    return True


def family_samples(
    payoffs: np.ndarray, family, count: int, rng: random.Random
) -> list[tuple[tuple[Fraction, ...], ...]]:
    """Rational equilibria of a family of solutions, at random rational values of its free
    symbols (those whose point is a rational equilibrium by :func:`brute_force_is_nash`)."""
    support, solution, probs = family
    shape = payoffs.shape[:-1]
    free = sorted(
        set().union(*(sympy.sympify(solution.get(p, p)).free_symbols for d in probs for p in d.values())), key=str
    )
    found = []
    for _ in range(count):
        values = {f: sympy.Rational(rng.randint(1, 99), 100) for f in free}
        profile = []
        ok = True
        for i, d in enumerate(probs):
            strategy = [Fraction(0)] * shape[i]
            for s, p in d.items():
                e = sympy.nsimplify(sympy.sympify(solution.get(p, p)).subs(values))
                if not e.is_Rational:
                    ok = False
                    break
                strategy[s] = Fraction(int(e.p), int(e.q))
            profile.append(tuple(strategy))
        if ok and brute_force_is_nash(payoffs, tuple(profile)):
            found.append(tuple(profile))
    return found


def brute_force_is_nash(payoffs: np.ndarray, profile) -> bool:
    """A rational profile is an equilibrium: probabilities ≥ 0 summing to 1, and no pure
    strategy pays any player more than its mix (every outcome summed in fractions)."""
    shape = payoffs.shape[:-1]
    if any(p < 0 for s in profile for p in s) or any(sum(s) != 1 for s in profile):
        return False
    for i in range(len(shape)):
        current = _brute_value(payoffs, profile, i, None)
        if any(_brute_value(payoffs, profile, i, t) > current for t in range(shape[i])):
            return False
    return True


def _brute_value(payoffs: np.ndarray, profile, i: int, own: int | None) -> Fraction:
    """Player i's expected payoff from its pure strategy ``own`` (None: from its mix)."""
    total = Fraction(0)
    for outcome in itertools.product(*(range(k) for k in payoffs.shape[:-1])):
        if own is not None and outcome[i] != own:
            continue
        weight = Fraction(1)
        for j, s in enumerate(outcome):
            if j != i or own is None:
                weight *= profile[j][s]
        total += weight * Fraction(payoffs[outcome][i])
    return total


def close(profile, point, tolerance: float = 1e-12) -> bool:
    """A profile (exact sovgame numbers) matches a reference point (SymPy) within tolerance."""
    return all(
        abs(float(a) - float(sympy.re(sympy.N(b, 30)))) < tolerance
        for s, t in zip(profile, point)
        for a, b in zip(s, t)
    )
