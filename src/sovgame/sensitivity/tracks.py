"""How one criterion's verdict and threshold move along one number of the file (a *track*).

A track reads the criterion exactly at any rational value p of the number
(:class:`Reading`: verdict, threshold, and the formula of the threshold as a function of p)
and lists the candidate values of p where the verdict or the formula can change (its
*events*). Between two consecutive events nothing changes, so reading one rational point of
each gap and each rational event is exact (docs/models.md, "Sensitivity (one number at a
time)").

Events of conditions linear in κ. A deviation gains g = a(p) − κ·b(p), a and b affine in p.
The set of κ where a family of such conditions holds changes its structure against the
constants c that matter (κ = 0, today's 1, the top of the plausible range) only where

- a boundary κ = a/b crosses c: a(p) − c·b(p) = 0;
- a slope b(p) changes sign (a bound turns from lower to upper, or appears or vanishes);
- two boundaries cross: a_j(p)·b_k(p) − a_k(p)·b_j(p) = 0 (this also moves which condition
  sets the threshold, so the formula of each piece is fixed between events).

Each is a polynomial in p of degree ≤ 2 (degree 1 when p is a payoff, a weight or an
exposure, since then only a or only b moves), solved exactly by
:func:`sovgame.core.roots.real_roots`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from ..core.budget import require
from ..core.intervals import Endpoint, Interval, exact_text
from ..core.numbers import fmt
from ..core.polynomials import Poly, monic, trim
from ..core.roots import Number, real_roots
from ..core.sensitivity_work import reading_work
from ..costs.status_quo_exit import exit_set
from ..costs.verdicts import Verdict, verdict_for
from .parameters import Line, ParameterKind

#: (a0, a1, b0, b1): the gain (a0 + a1·p) − κ·(b0 + b1·p).
Form = tuple[Fraction, Fraction, Fraction, Fraction]


def at(form: Form, p: Fraction) -> tuple[Fraction, Fraction]:
    """(a, b) of a form at p."""
    a0, a1, b0, b1 = form
    if not a1 and not b1:
        return a0, b0
    return a0 + a1 * p, b0 + b1 * p


def moves(form: Form) -> bool:
    """Whether the form depends on p at all."""
    return form[1] != 0 or form[3] != 0


# --- formulas -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """The threshold κ as a function of p on one piece; ``rational`` says whether it is a
    rational function of p. Subclasses say which."""

    rational: bool = field(default=True, init=False)

    def text(self, symbol: str = "p") -> str:  # pragma: no cover - overridden
        """The formula in words and symbols."""
        raise NotImplementedError


@dataclass(frozen=True)
class Ratio(Formula):
    """κ = (n0 + n1·p)/(d0 + d1·p), normalised (the denominator's leading coefficient is 1)."""

    n0: Fraction
    n1: Fraction
    d0: Fraction
    d1: Fraction

    @staticmethod
    def of(form: Form) -> Ratio:
        """The boundary κ = a(p)/b(p) of a form."""
        a0, a1, b0, b1 = form
        lead = b1 if b1 != 0 else b0
        return Ratio(a0 / lead, a1 / lead, b0 / lead, b1 / lead)

    def __call__(self, p: Fraction) -> Fraction:
        """κ at ``p``, exactly."""
        return (self.n0 + self.n1 * p) / (self.d0 + self.d1 * p)

    def text(self, symbol: str = "p") -> str:
        """ "4/3", "2·p − 1", "1/p", "(p + 1)/(p + 1/2)"."""
        num = _affine_text(self.n0, self.n1, symbol)
        if self.d1 == 0:  # d0 = 1
            return num
        den = _affine_text(self.d0, self.d1, symbol)
        top = num if self.n1 == 0 or self.n0 == 0 and self.n1 == 1 else f"({num})"
        bottom = den if self.d0 == 0 else f"({den})"
        return f"{top}/{bottom}"


def _affine_text(c0: Fraction, c1: Fraction, symbol: str) -> str:
    """ "3/4", "p", "2·p − 1/2"."""
    if c1 == 0:
        return fmt(c0)
    slope = symbol if c1 == 1 else (f"−{symbol}" if c1 == -1 else f"{'−' if c1 < 0 else ''}{fmt(abs(c1))}·{symbol}")
    if c0 == 0:
        return slope
    return f"{slope} {'+' if c0 > 0 else '−'} {fmt(abs(c0))}"


@dataclass(frozen=True)
class Constant(Formula):
    """κ does not move with p (0, or a threshold the number does not enter)."""

    value: Endpoint

    def text(self, symbol: str = "p") -> str:
        """The constant, exactly."""
        return exact_text(self.value)


@dataclass(frozen=True)
class Never(Formula):
    """The criterion holds at no κ on this piece."""

    def text(self, symbol: str = "p") -> str:
        """ "never"."""
        return "never"


@dataclass(frozen=True)
class QuadraticRoot(Formula):
    """κ is a root of c2(p)·κ² + c1(p)·κ + c0(p) (the smaller or the larger): not rational in p."""

    c2: tuple[Fraction, ...]
    c1: tuple[Fraction, ...]
    c0: tuple[Fraction, ...]
    larger: bool
    rational: bool = field(default=False, init=False)

    def text(self, symbol: str = "p") -> str:
        """ "the larger root in κ of (…)κ² + (…)κ + (…)"."""
        parts = [f"({poly_text(c, symbol)})" for c in (self.c2, self.c1, self.c0)]
        which = "larger" if self.larger else "smaller"
        return f"the {which} root in κ of {parts[0]}·κ² + {parts[1]}·κ + {parts[2]} (not rational in {symbol})"


@dataclass(frozen=True)
class Bounded(Formula):
    """Not known exactly on this piece: the threshold lies between two formulas."""

    lower: Formula
    upper: Formula
    why: str
    rational: bool = field(default=False, init=False)

    def text(self, symbol: str = "p") -> str:
        """ "between … and … (why)"."""
        return f"between {self.lower.text(symbol)} and {self.upper.text(symbol)} ({self.why})"


def poly_text(coefficients: Sequence[Fraction], symbol: str = "p") -> str:
    """ "p² − 3·p + 1/2" for coefficients lowest degree first."""
    terms = []
    for k in range(len(coefficients) - 1, -1, -1):
        c = coefficients[k]
        if c == 0:
            continue
        power = "" if k == 0 else (symbol if k == 1 else f"{symbol}{'²³⁴⁵⁶⁷⁸⁹'[k - 2] if k <= 9 else '^' + str(k)}")
        magnitude = fmt(abs(c))
        body = power if magnitude == "1" and power else (magnitude if not power else f"{magnitude}·{power}")
        terms.append(("−" if c < 0 else "+", body))
    if not terms:
        return "0"
    first_sign, first = terms[0]
    text = ("−" if first_sign == "−" else "") + first
    return text + "".join(f" {sign} {body}" for sign, body in terms[1:])


# --- readings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A criterion at one value of the number: its verdict (None: not settled exactly), the
    threshold (smallest κ from which it holds; None: never), whether it holds at that κ, the
    formula of the threshold there, and whether the exact solver had to decide."""

    state: Verdict | None
    value: Endpoint | None
    attained: bool
    formula: Formula
    solver: bool = False
    intervals: tuple[Interval, ...] = ()
    bracket: tuple[Fraction, Fraction] | None = None  # where an irrational threshold lies


def summary(intervals: Sequence[Interval]) -> tuple[Endpoint | None, bool]:
    """(threshold, attained) of a set of κ: where it starts, and whether it holds there."""
    if not intervals:
        return None, False
    return intervals[0].lo, intervals[0].lo_closed


# --- events ---------------------------------------------------------------------------------------


def form_polynomials(forms: Iterable[Form], constants: Iterable[Fraction]) -> list[Poly]:
    """The polynomials in p whose roots are the events of a family of linear conditions
    (module docstring), each depending on p, without repeats."""
    forms = [f for f in dict.fromkeys(forms)]
    found: dict[tuple[Fraction, ...], Poly] = {}

    def keep(poly: Poly) -> None:
        """Record a polynomial that can vanish at some p (not constant)."""
        poly = trim(poly)
        if len(poly) >= 2:
            found.setdefault(tuple(monic(poly)), poly)

    constants = list(dict.fromkeys(constants))
    for a0, a1, b0, b1 in forms:
        for c in constants:
            keep([a0 - c * b0, a1 - c * b1])
        keep([b0, b1])
    for (a0, a1, b0, b1), (c0, c1, d0, d1) in itertools.combinations(forms, 2):
        if not (a1 or b1 or c1 or d1):
            continue
        keep([a0 * d0 - c0 * b0, a0 * d1 + a1 * d0 - c0 * b1 - c1 * b0, a1 * d1 - c1 * b1])
    return list(found.values())


def roots_of(polys: Iterable[Poly]) -> list[Number]:
    """Every real root of the polynomials (exact where rational), unsorted, repeats possible."""
    out: list[Number] = []
    for poly in polys:
        if len(poly) == 2:
            out.append(-poly[0] / poly[1])
        else:
            out += real_roots(poly)
    return out


def endpoint_events(intervals: Sequence[Interval]) -> list[Number]:
    """For the top of the plausible range: the ends of a fixed set of κ, and today's 1, are the
    only places where its verdict can change."""
    points: list[Number] = [Fraction(1)]
    for interval in intervals:
        points += [end for end in (interval.lo, interval.hi) if end is not None]
    return points


# --- linear criteria ------------------------------------------------------------------------------


def linear_set(values: Sequence[tuple[Fraction, Fraction]], strict: bool) -> list[Interval]:
    """{κ ≥ 0 : a − κ·b ≤ 0 (< 0 if strict) for every (a, b)}: an interval or empty."""
    lo, lo_closed, hi, hi_closed = Fraction(0), True, None, True
    for a, b in values:
        if b == 0:
            if a > 0 or (strict and a == 0):
                return []
            continue
        bound = a / b
        if b > 0:  # κ ≥ a/b (κ > a/b when strict)
            if bound > lo or (bound == lo and strict):
                lo, lo_closed = bound, not strict
        elif hi is None or bound < hi or (bound == hi and strict):  # κ ≤ a/b (κ < a/b when strict)
            hi, hi_closed = bound, not strict
    if hi is not None and (hi < lo or (hi == lo and not (lo_closed and hi_closed))):
        return []
    return [Interval(lo, lo_closed, hi, hi_closed if hi is not None else False)]


@dataclass(frozen=True, eq=False)
class LinearTrack:
    """``nash``, ``strict`` or ``dominant``: every condition is one form ≤ 0 (< 0 if strict)."""

    subject: str
    line: Line
    forms: tuple[Form, ...]
    strict: bool
    complete: bool = True

    def read(self, p: Fraction) -> Reading:
        """The criterion's set of κ at p, its verdict, threshold and formula."""
        require(reading_work(len(self.forms), unique=False))
        values = [at(f, p) for f in self.forms]
        intervals = linear_set(values, self.strict)
        verdict = verdict_for(intervals, (Fraction(0), self.line.top(p)))
        value, attained = summary(intervals)
        if not intervals:
            formula: Formula = Never()
        elif value == 0:
            formula = Constant(Fraction(0))
        else:
            ratio, best = max((a / b, f) for f, (a, b) in zip(self.forms, values) if b > 0)
            formula = Ratio.of(best) if moves(best) else Constant(ratio)
        return Reading(verdict, value, attained, formula, intervals=tuple(intervals))

    def events(self, extra: Sequence[Fraction] = ()) -> list[Number]:
        """Where the verdict or the formula can change (module docstring)."""
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return endpoint_events(self.read(self.line.parameter.value).intervals)
        constants = [Fraction(0), Fraction(1), self.line.top(self.line.parameter.value), *extra]
        return roots_of(form_polynomials(self.forms, constants))

    def depends(self) -> bool:
        """Whether the number enters any condition of the criterion."""
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return bool(self.read(self.line.parameter.value).intervals)
        return any(moves(f) for f in self.forms)


#: The subject of the status quo's exit (:mod:`sovgame.costs.status_quo_exit`) in sensitivity.
STATUS_QUO_EXIT = "status_quo_exit"


@dataclass(frozen=True, eq=False)
class ExitTrack(LinearTrack):
    """The status quo's exit: ``forms`` are the deviations from the status quo; the set read is
    where it is no equilibrium at κ or beyond (:func:`sovgame.costs.status_quo_exit.exit_set`),
    which changes only where the set where it holds does, so the events are the linear ones."""

    def read(self, p: Fraction) -> Reading:
        """The exit set at p, its verdict, where it starts and the formula of that start."""
        require(reading_work(len(self.forms), unique=False))
        values = [at(f, p) for f in self.forms]
        found = exit_set(linear_set(values, False))
        verdict = verdict_for(found, (Fraction(0), self.line.top(p)))
        value, attained = summary(found)
        if not found:
            formula: Formula = Never()
        elif value == 0:
            formula = Constant(Fraction(0))
        else:  # the least upper bound a/b (b < 0) of the set where the status quo holds
            ratio, best = min((a / b, f) for f, (a, b) in zip(self.forms, values) if b < 0)
            formula = Ratio.of(best) if moves(best) else Constant(ratio)
        return Reading(verdict, value, attained, formula, intervals=tuple(found))
