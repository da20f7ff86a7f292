"""Two-dimensional sets of equilibria bounded by curves, on one support.

A degenerate game can leave two players each indifferent whatever the other does, so the
indifference equations of a support profile hold on a whole plane of probabilities (y₁, y₂)
while a third player's best-reply condition is bilinear in them: the equilibria there form a
region bounded by a hyperbola. When every condition is of degree at most one in y₂ (as the
conditions are multilinear across players, this holds when y₂ belongs to one player), it
reads A(y₁)·y₂ + B(y₁) ≥ 0, so the section of the set at y₁ is an interval of y₂ (an
intersection of half-lines): the set over a stretch of y₁ where that section is nonempty is
connected, being closed with connected sections over a connected projection. The section
changes only where some A, some B (where A vanishes) or two bounds −B/A meet: at the real roots
of A, B and A_l·B_m − A_m·B_l. One rational y₁ inside each gap between them and each root
itself (in its number field) decide where the section is nonempty; each run of such cells is
one connected piece, given by its stretch of y₁. Its point is the middle of a section.

These are closed sets of equilibria (probabilities ≥ 0): their points of smaller support
are equilibria too (their strategies outside the support stay best replies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import flint

from ..core.intervals import between
from ..core.roots import Root
from .continua import Affine, _apply, compare
from .curves import _at_root, _integer, _sorted_distinct
from .polysystems import Value, irreducible_root_field
from .supports import Profile, SupportSystem

Linear = tuple[flint.fmpq_poly, flint.fmpq_poly]  # A(y1), B(y1): the condition A·y2 + B ≥ 0


@dataclass
class Region:
    """A connected set of equilibria over the stretch [lo, hi] of the outer free variable
    (module docstring)."""

    system: SupportSystem
    free: tuple[int, int]  # the free variables, in the order of ``variables``' coefficients
    outer: int  # which of them is y1 (0 or 1); the other is y2
    variables: list[Affine]  # every variable as an affine function of the free ones
    conditions: list[Linear]
    lo: Fraction | Root
    hi: Fraction | Root
    point: Profile
    dimension: int

    def contains(self, profile: Profile) -> bool:
        """Whether the profile lies in the set, exactly."""
        values = self.system.values(profile)
        if values is None:
            return False
        y = [values[self.free[0]], values[self.free[1]]]
        if any(compare(values[j], _apply(v, y)) != 0 for j, v in enumerate(self.variables)):
            return False
        y1, y2 = y[self.outer], y[1 - self.outer]
        if compare(y1, self.lo) < 0 or compare(y1, self.hi) > 0:
            return False
        return all(compare(_value(a, y1) * y2 + _value(b, y1), 0) >= 0 for a, b in self.conditions)

    def interior_profile(self) -> Profile:
        """A point of the set (the middle of a section)."""
        return self.point


def _value(poly: flint.fmpq_poly, x: Value) -> Value:
    out: Value = Fraction(0)
    for c in reversed(poly.coeffs()):
        out = out * x + Fraction(int(c.p), int(c.q))
    return out


def region_pieces(system: SupportSystem, free: tuple[int, ...], variables: list[Affine]) -> list[Region] | str:
    """The connected pieces of equilibria on a plane of solutions whose conditions are not
    all affine (module docstring); a reason when no variable enters them linearly."""
    for outer, inner in ((0, 1), (1, 0)):
        conditions = _linear_conditions(system, variables, outer, inner)
        if conditions is not None:
            break
    else:
        return "a 2-dimensional set of equilibria is curved in both directions"
    critical: list[Fraction | Root] = []
    polys = [p for a, b in conditions for p in (a, b)]
    polys += [a1 * b2 - a2 * b1 for k, (a1, b1) in enumerate(conditions) for a2, b2 in conditions[k + 1 :]]
    for poly in polys:
        if poly.degree() > 0:
            critical += [r for r, _ in _roots_in_unit(poly)]
    ends = [Fraction(0), *_sorted_distinct(critical), Fraction(1)]
    cells: list[tuple[Fraction | Root, Fraction | Root, Fraction | None]] = []
    for k, end in enumerate(ends):
        cells.append((end, end, None))
        if k + 1 < len(ends):
            cells.append((end, ends[k + 1], between(end, ends[k + 1])))
    sections = [_section(conditions, lo if sample is None else sample) for lo, _, sample in cells]
    pieces = []
    k = 0
    while k < len(cells):
        if sections[k] is None:
            k += 1
            continue
        start = k
        while k + 1 < len(cells) and sections[k + 1] is not None:
            k += 1
        piece = _piece(
            system, (free[0], free[1]), outer, variables, conditions, cells[start : k + 1], sections[start : k + 1]
        )
        if piece is not None:
            pieces.append(piece)
        k += 1
    return pieces


def _piece(system, free, outer, variables, conditions, cells, sections) -> Region | None:
    """The run of cells as a piece, if some section inside it has strictly positive
    probabilities in its middle (else its points have smaller supports and lie elsewhere)."""
    strict = conditions[: len(system.positive)]
    for (_, _, sample), section in zip(cells, sections):
        if sample is None or section is None:
            continue
        low, high = section
        middle = (low + high) / 2
        if all(compare(_value(a, sample) * middle + _value(b, sample), 0) > 0 for a, b in strict):
            y = [sample, middle] if outer == 0 else [middle, sample]
            point = system.profile([_apply(v, y) for v in variables])
            dimension = 2 if compare(high, low) > 0 else 1
            return Region(system, free, outer, variables, conditions, cells[0][0], cells[-1][1], point, dimension)
    return None


def _section(conditions: Sequence[Linear], y1: Fraction | Root) -> tuple[Value, Value] | None:
    """The interval of y2 meeting every condition at y1 (None when empty)."""
    field = None if isinstance(y1, Fraction) else irreducible_root_field(y1)
    low: Value | None = None
    high: Value | None = None
    for a, b in conditions:
        av, bv = _at_root(a, y1, field), _at_root(b, y1, field)
        sign = compare(av, 0)
        if sign == 0:
            if compare(bv, 0) < 0:
                return None
            continue
        bound = -bv / av
        if sign > 0:
            low = bound if low is None or compare(bound, low) > 0 else low
        else:
            high = bound if high is None or compare(bound, high) < 0 else high
    # The probabilities of y2's player are ≥ 0 and sum to 1: both bounds exist.
    assert low is not None and high is not None
    return None if compare(low, high) > 0 else (low, high)


def _roots_in_unit(poly: flint.fmpq_poly) -> list[tuple[Fraction | Root, int]]:
    from ..core.roots import nonnegative_roots

    return [(r, m) for r, m in nonnegative_roots(_integer(poly)) if compare(r, 0) > 0 and compare(r, 1) < 0]


def _linear_conditions(system: SupportSystem, variables: list[Affine], outer: int, inner: int) -> list[Linear] | None:
    """Every condition (positivity first) as A(y_outer)·y_inner + B(y_outer) when each is of
    degree at most one in y_inner; None otherwise. Exponents are kept in the order of the
    free variables (position ``outer`` is y1)."""
    out = []
    for poly in [*system.positive, *system.replies]:
        terms: dict[tuple[int, int], Fraction] = {}
        for mono, c in zip(poly.monoms(), poly.coeffs()):
            term = {(0, 0): Fraction(int(c))}
            for j, e in enumerate(mono):
                for _ in range(int(e)):
                    term = _times(term, variables[j])
            for m, v in term.items():
                terms[m] = terms.get(m, Fraction(0)) + v
        if any(m[inner] > 1 and v for m, v in terms.items()):
            return None
        a = [Fraction(0)] * (1 + max((m[outer] for m in terms), default=0))
        b = list(a)
        for m, v in terms.items():
            (a if m[inner] else b)[m[outer]] += v
        out.append((_fmpq_poly(a), _fmpq_poly(b)))
    return out


def _times(term: dict[tuple[int, int], Fraction], form: Affine) -> dict[tuple[int, int], Fraction]:
    out: dict[tuple[int, int], Fraction] = {}
    for (e0, e1), v in term.items():
        for key, c in (((e0, e1), form[0]), ((e0 + 1, e1), form[1][0]), ((e0, e1 + 1), form[1][1])):
            if c:
                out[key] = out.get(key, Fraction(0)) + v * c
    return out


def _fmpq_poly(coeffs: Sequence[Fraction]) -> flint.fmpq_poly:
    return flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coeffs])
