"""The track of ``risk_dominant`` (2x2) along one number.

Besides the four deviations it needs the sign of
H(κ) = (R1−T1)(R2−T2) − (P1−S1)(P2−S2), quadratic in κ with coefficients polynomial in p. Its
events add the roots in p of H(c, p) for each constant c, of its discriminant in κ, of its
leading coefficient, and of its resultant with each deviation (where a root of H crosses a
deviation's breakpoint): polynomials of degree ≤ 4 in p, solved exactly (irrational roots as
certified brackets).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.intervals import scan
from ..core.polynomials import Poly, add, multiply, scale, trim
from ..core.roots import Number, real_roots
from ..costs.thresholds import quadratic_roots
from ..costs.verdicts import verdict_for
from .parameters import Line, ParameterKind
from .tracks import Constant, Form, Never, QuadraticRoot, Reading, at, endpoint_events, form_polynomials, moves
from .unique_tracks import formula_of


def _linear(form: Form, loss: bool) -> tuple[Poly, Poly]:
    """(constant, slope) in κ of a deviation's gain a − κb, or of its loss −a + κb, as
    polynomials in p."""
    a0, a1, b0, b1 = form
    if loss:
        return trim([-a0, -a1]), trim([b0, b1])
    return trim([a0, a1]), trim([-b0, -b1])


@dataclass(frozen=True, eq=False)
class RiskTrack:
    """``risk_dominant`` (2x2): the target is strict and risk-dominates the all-confront
    profile d (or d is no strict equilibrium); see :mod:`sovgame.costs.thresholds`."""

    subject: str
    line: Line
    t_forms: tuple[Form, Form]  # each player's deviation from the target
    d_forms: tuple[Form, Form]  # each player's deviation from d
    complete: bool = True

    @functools.cached_property
    def _coefficients(self) -> tuple[Poly, Poly, Poly]:
        (ta, tb), (ua, ub) = (_linear(f, True) for f in self.t_forms)
        (pa, pb), (qa, qb) = (_linear(f, True) for f in self.d_forms)
        c2 = add(multiply(tb, ub), scale(multiply(pb, qb), Fraction(-1)))
        c1 = add(add(multiply(ta, ub), multiply(tb, ua)), scale(add(multiply(pa, qb), multiply(pb, qa)), Fraction(-1)))
        c0 = add(multiply(ta, ua), scale(multiply(pa, qa), Fraction(-1)))
        return c2, c1, c0

    def coefficients(self) -> tuple[Poly, Poly, Poly]:
        """(c2, c1, c0) in p of H(κ) = c2κ² + c1κ + c0, the losses' products' difference."""
        return self._coefficients

    def read(self, p: Fraction) -> Reading:
        """Where the target risk-dominates at p (as :mod:`sovgame.costs.thresholds` computes it)."""
        t_values = [at(f, p) for f in self.t_forms]
        d_values = [at(f, p) for f in self.d_forms]
        c2, c1, c0 = (sum((c * p**k for k, c in enumerate(poly)), Fraction(0)) for poly in self.coefficients())
        roots = quadratic_roots(c2, c1, c0)

        def holds(k: Fraction) -> bool:
            t_strict = all(a - k * b < 0 for a, b in t_values)
            d_strict = all(a - k * b < 0 for a, b in d_values)
            return t_strict and (not d_strict or c2 * k * k + c1 * k + c0 > 0)

        points = [a / b for a, b in t_values + d_values if b != 0 and a / b >= 0]
        intervals = scan(points + roots, holds)
        verdict = verdict_for(intervals, (Fraction(0), self.line.top(p)))
        if not intervals:
            return Reading(verdict, None, False, Never())
        start = intervals[0].lo
        forms = list(self.t_forms + self.d_forms)
        formula = formula_of(start, t_values + d_values, forms)
        moving = any(len(c) > 1 for c in self.coefficients())
        if moving and formula == Constant(start) and start != 0 and start in roots and c2 != 0:
            larger = len(roots) == 2 and start == roots[1]
            c2_, c1_, c0_ = (tuple(c) for c in self.coefficients())
            formula = QuadraticRoot(c2=c2_, c1=c1_, c0=c0_, larger=larger)
        return Reading(verdict, start, intervals[0].lo_closed, formula, intervals=tuple(intervals))

    def events(self, extra: Sequence[Fraction] = ()) -> list[Number]:
        """The events of the four deviations and of H (module docstring)."""
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return endpoint_events(self.read(self.line.parameter.value).intervals)
        constants = [Fraction(0), Fraction(1), self.line.top(self.line.parameter.value), *extra]
        forms = self.t_forms + self.d_forms
        polys = form_polynomials(forms, constants)
        c2, c1, c0 = self.coefficients()
        polys += [add(add(scale(c2, c * c), scale(c1, c)), c0) for c in constants]
        polys += [add(multiply(c1, c1), scale(multiply(c2, c0), Fraction(-4))), c2 if c2 else c1]
        for a0, a1, b0, b1 in forms:
            a, b = trim([a0, a1]), trim([b0, b1])
            polys.append(
                add(add(multiply(c2, multiply(a, a)), multiply(c1, multiply(a, b))), multiply(c0, multiply(b, b)))
            )
        out: list[Number] = []
        for poly in polys:
            if len(trim(poly)) >= 2:
                out += real_roots(poly)
        return out

    def depends(self) -> bool:
        """Whether the number enters any of the four deviations."""
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return bool(self.read(self.line.parameter.value).intervals)
        return any(moves(f) for f in self.t_forms + self.d_forms)
