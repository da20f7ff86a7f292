"""Exact real roots of polynomials with rational coefficients, for the sensitivity analysis.

A polynomial is a list of :class:`~fractions.Fraction` coefficients, lowest degree first.
:func:`real_roots` returns every real root in a range, each either exactly (a ``Fraction``)
or as a :class:`RealRoot`: the polynomial and a rational bracket that holds that root and no
other, certified by a Sturm sequence. No float decides anything here; floats only propose
where to look for rational roots, and each proposal is checked exactly.

Why a root is rational or not is decided, not guessed: the square-free part is made integral
and primitive with leading coefficient a; a rational root P/Q in lowest terms has Q | a
(rational root theorem), and two fractions with denominators ≤ |a| differ by at least 1/a².
So once a Sturm-isolated bracket is narrower than 1/(2a²), the one fraction of denominator
≤ |a| nearest its midpoint is the only candidate, and evaluating it settles the question.

References: Sturm (1835); e.g. Basu, Pollack & Roy, *Algorithms in Real Algebraic Geometry*
(2006), ch. 2 (Sturm sequences) and 10.2 (root isolation).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.linalg import evaluate
from ..core.roots import primitive, sign_at

Poly = list[Fraction]


def trim(poly: Sequence[Fraction]) -> Poly:
    """The coefficients without trailing zeros (the zero polynomial is [])."""
    out = [Fraction(c) for c in poly]
    while out and out[-1] == 0:
        out.pop()
    return out


def add(p: Sequence[Fraction], q: Sequence[Fraction]) -> Poly:
    """p + q."""
    n = max(len(p), len(q))
    zero = Fraction(0)
    return trim([(p[k] if k < len(p) else zero) + (q[k] if k < len(q) else zero) for k in range(n)])


def scale(p: Sequence[Fraction], c: Fraction) -> Poly:
    """c · p."""
    return trim([c * v for v in p])


def multiply(p: Sequence[Fraction], q: Sequence[Fraction]) -> Poly:
    """p · q."""
    if not p or not q:
        return []
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return trim(out)


def derivative(p: Sequence[Fraction]) -> Poly:
    """dp/dx."""
    return trim([k * p[k] for k in range(1, len(p))])


def divmod_poly(p: Sequence[Fraction], q: Sequence[Fraction]) -> tuple[Poly, Poly]:
    """(quotient, remainder) of p by a nonzero q."""
    rem, q = trim(p), trim(q)
    if not q:
        raise ZeroDivisionError("division by the zero polynomial")
    quotient = [Fraction(0)] * max(len(rem) - len(q) + 1, 0)
    while len(rem) >= len(q):
        shift = len(rem) - len(q)
        factor = rem[-1] / q[-1]
        quotient[shift] = factor
        rem = trim([r - factor * (q[k - shift] if 0 <= k - shift < len(q) else 0) for k, r in enumerate(rem)])
    return trim(quotient), rem


def monic(p: Sequence[Fraction]) -> Poly:
    """p divided by its leading coefficient."""
    p = trim(p)
    return [c / p[-1] for c in p] if p else []


def gcd(p: Sequence[Fraction], q: Sequence[Fraction]) -> Poly:
    """The monic greatest common divisor (Euclid over the rationals)."""
    a, b = trim(p), trim(q)
    while b:
        a, b = b, divmod_poly(a, b)[1]
    return monic(a)


def squarefree(p: Sequence[Fraction]) -> Poly:
    """p without repeated factors: p / gcd(p, p′), monic; same real roots, each simple."""
    p = trim(p)
    if len(p) <= 2:
        return monic(p)
    return monic(divmod_poly(p, gcd(p, derivative(p)))[0])


def sturm_sequence(p: Sequence[Fraction]) -> list[Poly]:
    """p, p′, and negated remainders down to a constant."""
    seq = [trim(p), derivative(p)]
    while seq[-1]:
        rem = divmod_poly(seq[-2], seq[-1])[1]
        if not rem:
            break
        seq.append(scale(rem, Fraction(-1)))
    return seq


def _variations(seq: list[Poly], x: Fraction | None, at_infinity: int = 0) -> int:
    """Sign changes of the sequence at x (or at ±∞ when ``at_infinity`` is ±1)."""
    signs = []
    for s in seq:
        if x is None:
            sign = (1 if s[-1] > 0 else -1) * (at_infinity ** (len(s) - 1))
        else:
            sign = sign_at(s, x)
        if sign:
            signs.append(sign)
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def count_roots(seq: list[Poly], lo: Fraction | None, hi: Fraction | None) -> int:
    """Distinct real roots in (lo, hi] of a square-free polynomial (None: ∓∞)."""
    low = _variations(seq, lo, -1)
    high = _variations(seq, hi, 1)
    return low - high


def root_bound(p: Sequence[Fraction]) -> Fraction:
    """Cauchy's bound: every real root lies in (−B, B)."""
    p = trim(p)
    return 1 + max((abs(c / p[-1]) for c in p[:-1]), default=Fraction(0))


@dataclass(frozen=True, eq=False)
class RealRoot:
    """An irrational real root of ``poly`` (square-free, rational coefficients): the only root
    in the open bracket (lo, hi), certified by a Sturm sequence. Never a rational number."""

    poly: tuple[Fraction, ...]
    lo: Fraction
    hi: Fraction

    def __float__(self) -> float:
        return float((self.lo + self.hi) / 2)

    def refined(self, width: Fraction) -> RealRoot:
        """The same root with a bracket narrower than ``width`` (exact bisection)."""
        poly, lo, hi = list(self.poly), self.lo, self.hi
        low_sign = sign_at(poly, lo)
        while hi - lo >= width:
            mid = (lo + hi) / 2
            s = sign_at(poly, mid)
            if s == low_sign:
                lo = mid
            else:
                hi = mid
        return RealRoot(self.poly, lo, hi)

    def compare(self, q: Fraction) -> int:
        """−1 or 1 as the root lies below or above the rational q (never equal)."""
        root = self
        while root.lo < q < root.hi:
            root = root.refined((root.hi - root.lo) / 4)
        return 1 if q <= root.lo else -1

    def text(self, digits: int = 6) -> str:
        """ "≈1.41421" — for display only."""
        return f"≈{float(self):.{digits}g}"


Number = Fraction | RealRoot


def composed(poly: Sequence[Fraction], a: Fraction, b: Fraction) -> Poly:
    """The coefficients of x ↦ poly(a + b·x) (Horner's rule on polynomials)."""
    result: Poly = []
    for c in reversed(poly):
        result = add(multiply(result, [a, b]), [c])
    return result


def scaled_distance(x: Number, value: Fraction, scale: Fraction) -> Number:
    """|x − value| / scale (scale > 0), exactly. An irrational x whose bracket lies on one side
    of ``value`` gives the root of poly(value ± scale·t) in the mapped bracket: an affine map
    keeps a squarefree polynomial squarefree and its only root in the bracket the only one.
    A bracket without a polynomial (located by bisection) maps to a bracket without one."""
    if isinstance(x, Fraction):
        return abs(x - value) / scale
    if x.lo >= value:  # x − value = scale·t
        lo, hi, sign = (x.lo - value) / scale, (x.hi - value) / scale, 1
    else:  # value − x = scale·t
        assert x.hi <= value, "narrow the bracket clear of the value first"
        lo, hi, sign = (value - x.hi) / scale, (value - x.lo) / scale, -1
    poly = tuple(composed(x.poly, value, sign * scale)) if x.poly else ()
    return RealRoot(poly, lo, hi)


def compare_numbers(a: Number, b: Number) -> int:
    """−1, 0 or 1 as a <, =, > b: exactly, except that a bracket without a polynomial (a change
    located by bisection, reported as not proved) is placed by its midpoint."""
    if any(isinstance(x, RealRoot) and not x.poly for x in (a, b)):
        mid_a, mid_b = (x if isinstance(x, Fraction) else (x.lo + x.hi) / 2 for x in (a, b))
        return (mid_a > mid_b) - (mid_a < mid_b)
    return -1 if less(a, b) else (1 if less(b, a) else 0)


def less(a: Number, b: Number) -> bool:
    """a < b, exactly (two irrational roots by refining their brackets until they part)."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a < b
    if isinstance(a, RealRoot) and isinstance(b, Fraction):
        return a.compare(b) < 0
    if isinstance(a, Fraction) and isinstance(b, RealRoot):
        return b.compare(a) > 0
    assert isinstance(a, RealRoot) and isinstance(b, RealRoot)
    if same_root(a, b):
        return False
    while not (a.hi <= b.lo or b.hi <= a.lo):
        a = a.refined((a.hi - a.lo) / 4)
        b = b.refined((b.hi - b.lo) / 4)
    return a.hi <= b.lo


def same_root(a: RealRoot, b: RealRoot) -> bool:
    """Whether two brackets hold the same number: their polynomials share a root in the overlap."""
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo >= hi:
        return False
    common = gcd(list(a.poly), list(b.poly))
    return len(common) > 1 and count_roots(sturm_sequence(common), lo, hi) - (sign_at(common, hi) == 0) > 0


def _rational_candidates(p: Poly, denominator: int) -> list[Fraction]:
    """Rationals near the float roots of p, with denominators dividing ``denominator``:
    proposals only, each checked exactly by the caller."""
    try:
        approx = np.roots([float(c) for c in reversed(p)])
    except (OverflowError, ValueError, np.linalg.LinAlgError):
        return []
    found = []
    for z in approx:
        if abs(z.imag) > 1e-6 * max(1.0, abs(z.real)) or not math.isfinite(z.real):
            continue
        found.append(Fraction(float(z.real)).limit_denominator(denominator))
    return found


def _isolate(seq: list[Poly], lo: Fraction, hi: Fraction, out: list[tuple[Fraction, Fraction]]) -> None:
    """Brackets (a, b] holding one root each, for the roots of the Sturm sequence in (lo, hi]."""
    stack = [(lo, hi, count_roots(seq, lo, hi))]
    while stack:
        a, b, n = stack.pop()
        if n == 0:
            continue
        if n == 1:
            out.append((a, b))
            continue
        mid = (a + b) / 2
        left = count_roots(seq, a, mid)
        stack.append((mid, b, n - left))
        stack.append((a, mid, left))


def real_roots(poly: Sequence[Fraction], lo: Fraction | None = None, hi: Fraction | None = None) -> list[Number]:
    """Every distinct real root of ``poly`` in [lo, hi] (None: unbounded), increasing: each
    rational root as a Fraction, each irrational one as a certified :class:`RealRoot`.

    The zero polynomial and nonzero constants have no roots here (callers treat an identically
    vanishing condition themselves).
    """
    p = squarefree(poly)
    if len(p) <= 1:
        return []
    rational: list[Fraction] = []
    if len(p) == 2:
        rational = [-p[0] / p[1]]
        p = []
    else:
        lead = primitive(p)[-1]
        for q in dict.fromkeys(_rational_candidates(p, lead)):
            if evaluate(p, q) == 0:
                rational.append(q)
                p = divmod_poly(p, [-q, Fraction(1)])[0]
                lead = primitive(p)[-1] if len(p) > 1 else 1
    roots: list[Number] = [r for r in rational if (lo is None or r >= lo) and (hi is None or r <= hi)]
    if len(p) > 1:
        roots += _remaining_roots(p, lo, hi)
    # Exact order: a rational root may lie inside an irrational root's bracket.
    return sorted(roots, key=functools.cmp_to_key(_order))


def _order(a: Number, b: Number) -> int:
    """−1, 0 or 1 as a <, =, > b, exactly."""
    return -1 if less(a, b) else int(less(b, a))


def _remaining_roots(p: Poly, lo: Fraction | None, hi: Fraction | None) -> list[Number]:
    """Roots of a square-free p in [lo, hi], rational ones found exactly by the denominator
    bound of the module docstring (floats may have missed them), the rest bracketed."""
    bound = root_bound(p)
    seq = sturm_sequence(p)
    brackets: list[tuple[Fraction, Fraction]] = []
    _isolate(seq, -bound, bound, brackets)
    lead = primitive(p)[-1]
    width = Fraction(1, 2 * lead * lead)
    out: list[Number] = []
    for left, right in brackets:
        root = _narrow(p, left, right, width)
        if isinstance(root, RealRoot):
            candidate = ((root.lo + root.hi) / 2).limit_denominator(lead)
            if evaluate(p, candidate) == 0:
                root = candidate
            else:
                root = root.refined(max(abs(root.lo), abs(root.hi), Fraction(1)) / 10**15)
        if (lo is None or not less(root, lo)) and (hi is None or not less(hi, root)):
            out.append(root)
    return out


def _narrow(p: Poly, left: Fraction, right: Fraction, width: Fraction) -> Number:
    """The one root of p in (left, right]: exact if a bisection point hits it, else a
    bracket narrower than ``width``."""
    if sign_at(p, right) == 0:
        return right
    low_sign = sign_at(p, left)
    while right - left >= width:
        mid = (left + right) / 2
        s = sign_at(p, mid)
        if s == 0:
            return mid
        if s == low_sign:
            left = mid
        else:
            right = mid
    return RealRoot(tuple(p), left, right)
