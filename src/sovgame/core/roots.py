"""Real roots of polynomials with rational coefficients, isolated with proof, and compared exactly.

A root that is not rational is a :class:`Root`: the only root of a squarefree integer
polynomial in an open rational interval (lo, hi), with a strict sign change across it and no
rational root of the polynomial inside. Such a number is known exactly: comparing it with a
rational q takes one evaluation of the polynomial at q (never 0: the root is irrational), and
two roots are equal exactly when the gcd of their polynomials changes sign across the overlap
of their intervals. No float decides anything here. A :data:`Number` is a Fraction or a Root.

:func:`real_roots` (every distinct real root, in a range) and :func:`nonnegative_roots` (the
roots ≥ 0 with their multiplicities) work the same way:

1. the polynomial is made primitive with integer coefficients; its squarefree factors come from
   Yun's algorithm (:func:`sovgame.core.polynomials.squarefree_factors`), skipped when a gcd
   modulo a large prime already proves it squarefree;
2. the positive roots of each factor g, and those of g(−x) for the negative ones, are isolated
   by the Vincent–Collins–Akritas bisection (Collins & Akritas 1976, SYMSAC '76; Rouillier &
   Zimmermann 2004, *J. Comput. Appl. Math.* 162:33), which bounds the roots in an interval by
   Descartes' rule of signs, in exact integers, until every interval holds one root;
3. rational roots are found exactly: a rational root p/q of a primitive integer polynomial has
   q dividing the leading coefficient (rational root theorem), so one candidate per narrow
   interval is tested; a quadratic has rational roots exactly when its discriminant is a
   square, and a polynomial with no root modulo some small prime has none at all;
4. every other root is carried by its factor with the rational roots divided out, so no end of
   its interval is a root and the sign changes strictly across it.

This engine was measured against Sturm sequences over the rationals and against python-flint's
certified complex roots on the polynomials sovgame meets (``benchmarks/bench_roots.py``): the
integer Descartes bisection was the fastest of the three once flint's import is counted.

``float(root)`` and ``hash(root)`` use the root's *cell*: the dyadic interval of width
2^(e−64) holding it, where 2^(e−1) < |root| < 2^e. The cell depends on the number alone, not on
the polynomial or the interval it was found with, so the same root found twice prints, hashes
and sorts the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, cmp_to_key

from .numbers import fmt
from .polynomials import IntPoly, composed, exact_quotient, gcd, primitive, sign_at, sign_at_ratio, squarefree_factors

__all__ = [
    "CELL_BITS",
    "Number",
    "Poly",
    "Root",
    "compare",
    "less",
    "nonnegative_roots",
    "primitive",
    "real_roots",
    "scaled_distance",
    "sign_at",
    "squarefree_factors",
]

#: Integer coefficients, lowest degree first: the polynomial of a Root (core.polynomials.IntPoly).
Poly = IntPoly

#: Bits of the cell below the root's leading binary digit (relative width < 2^-63).
CELL_BITS = 64
_SMALL_PRIMES = (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97)


# --- rational roots -----------------------------------------------------------------------------


def _no_rational_root(f: Poly) -> bool:
    """Whether f provably has no rational root. A constant has none and a linear polynomial
    one; a quadratic has rational roots exactly when its discriminant is a square. Otherwise a
    sufficient test: a rational root p/q of f (q | lc) is a root of f modulo every prime ℓ not
    dividing lc, so a prime modulo which f has no root proves f has no rational root."""
    if len(f) <= 2:
        return len(f) <= 1
    if len(f) == 3:
        disc = f[1] * f[1] - 4 * f[0] * f[2]
        return disc < 0 or math.isqrt(disc) ** 2 != disc
    for ell in _SMALL_PRIMES:
        if f[-1] % ell == 0:
            continue
        residues = [c % ell for c in f]
        if all(_eval_mod(residues, x, ell) for x in range(ell)):
            return True
    return False


def _eval_mod(f: Sequence[int], x: int, p: int) -> int:
    value = 0
    for c in reversed(f):
        value = (value * x + c) % p
    return value


# --- isolation ----------------------------------------------------------------------------------


def _taylor_shift_one(p: list[int]) -> list[int]:
    """The coefficients of p(t + 1)."""
    p = list(p)
    n = len(p) - 1
    for i in range(n):
        for j in range(n - 1, i - 1, -1):
            p[j] += p[j + 1]
    return p


def _sign_variations(p: Sequence[int]) -> int:
    signs = [c > 0 for c in p if c != 0]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def _positive_roots(f: Poly) -> list[tuple[Fraction, Fraction] | Fraction]:
    """Open intervals with one root each, and dyadic roots met exactly, for the roots > 0 of a
    squarefree integer polynomial with f(0) ≠ 0 (Vincent–Collins–Akritas bisection).

    The roots lie below 2^k (Cauchy's bound 1 + max|a_i/a_n|), so those of g(t) = f(2^k t) lie
    in (0, 1). An interval's polynomial p is tested by Descartes' rule on (t + 1)^n p(1/(t + 1)):
    no sign variation, no root; one, exactly one root; more, it is halved.
    """
    bound = 2 + max(abs(c) for c in f[:-1]) // abs(f[-1])
    k = max(bound - 1, 1).bit_length()
    scale = 1 << k
    out: list[tuple[Fraction, Fraction] | Fraction] = []
    stack = [(0, 0, [c * scale**i for i, c in enumerate(f)])]  # [c/2^j, (c+1)/2^j] in t
    while stack:
        c, j, p = stack.pop()
        variations = _sign_variations(_taylor_shift_one(p[::-1]))
        if variations == 1:
            out.append((Fraction(c * scale, 1 << j), Fraction((c + 1) * scale, 1 << j)))
        if variations <= 1:
            continue
        n = len(p) - 1
        left = [a << (n - i) for i, a in enumerate(p)]  # 2^n p(t/2)
        right = _taylor_shift_one(left)  # 2^n p((t + 1)/2)
        if right[0] == 0:  # the midpoint is a root
            out.append(Fraction((2 * c + 1) * scale, 1 << (j + 1)))
            right = right[1:]
        stack.append((2 * c + 1, j + 1, right))
        stack.append((2 * c, j + 1, left))
    return out


def _rational_in(f: Poly, lo: Fraction, hi: Fraction) -> tuple[Fraction | None, Fraction, Fraction]:
    """The rational root of f in (lo, hi), if any, else None and the narrowed interval.

    f has one simple root in (lo, hi) and none at the ends. If it is p/q (lowest terms), q
    divides lc(f), so lc·root is an integer: once lc·(hi − lo) < 1 there is one candidate.
    The ends are kept as a/D and b/D over a common denominator D, which bisection doubles:
    integers only."""
    lead = abs(f[-1])
    D = math.lcm(lo.denominator, hi.denominator)
    a, b = lo.numerator * (D // lo.denominator), hi.numerator * (D // hi.denominator)
    sign_lo = sign_at_ratio(f, a, D)
    while lead * (b - a) >= D:
        s = sign_at_ratio(f, a + b, 2 * D)
        if s == 0:
            return Fraction(a + b, 2 * D), Fraction(a, D), Fraction(b, D)
        a, b, D = (a + b, 2 * b, 2 * D) if s == sign_lo else (2 * a, a + b, 2 * D)
    lo, hi = Fraction(a, D), Fraction(b, D)
    candidate = Fraction(math.floor(lo * lead) + 1, lead)
    if lo < candidate < hi and sign_at(f, candidate) == 0:
        return candidate, lo, hi
    return None, lo, hi


def _factor_roots(g: Poly, negative: bool) -> list[Fraction | Root]:
    """The real roots of a squarefree integer polynomial g with g(0) ≠ 0: those > 0, and those
    < 0 too when ``negative`` (the positive roots of g(−x), negated); unsorted."""
    if len(g) == 2:  # linear: the root is rational
        root = Fraction(-g[0], g[1])
        return [root] if root > 0 or negative else []
    items = _positive_roots(g)
    if negative:
        mirrored = tuple(c if i % 2 == 0 else -c for i, c in enumerate(g))
        items += [(-item[1], -item[0]) if isinstance(item, tuple) else -item for item in _positive_roots(mirrored)]
    rational = [item for item in items if isinstance(item, Fraction)]
    rest = _deflate(g, rational)  # no root at any interval's end now
    maybe_rational = not _no_rational_root(rest)
    brackets = []
    for item in items:
        if not isinstance(item, tuple):
            continue
        exact, lo, hi = _rational_in(rest, *item) if maybe_rational else (None, *item)
        if exact is None:
            brackets.append((lo, hi))
        else:  # divided out: what is left may be proved free of rational roots
            rational.append(exact)
            rest = _deflate(rest, [exact])
            maybe_rational = not _no_rational_root(rest)
    return [*rational, *(Root(rest, lo, hi) for lo, hi in brackets)]  # rest: irrational roots only


def _roots(poly: Sequence[Fraction | int], negative: bool) -> list[tuple[Number, int]]:
    """The real roots ≥ 0 of a polynomial (all real roots if ``negative``), sorted, each with
    its multiplicity; none for the zero polynomial and for constants."""
    f = primitive(poly)
    found: list[tuple[Number, int]] = []
    zeros = next((i for i, c in enumerate(f) if c != 0), 0)
    if zeros:
        found.append((Fraction(0), zeros))
    for g, multiplicity in squarefree_factors(f[zeros:]):
        found += [(root, multiplicity) for root in _factor_roots(g, negative)]
    return sorted(found, key=cmp_to_key(_compare_first))


def nonnegative_roots(poly: Sequence[Fraction | int]) -> list[tuple[Number, int]]:
    """Every real root ≥ 0 of a nonzero polynomial (coefficients lowest degree first), sorted,
    each with its multiplicity: a Fraction when rational, else a :class:`Root`."""
    return _roots(poly, negative=False)


def real_roots(poly: Sequence[Fraction | int], lo: Fraction | None = None, hi: Fraction | None = None) -> list[Number]:
    """Every distinct real root of ``poly`` in [lo, hi] (None: unbounded), increasing: each
    rational root as a Fraction, each irrational one as a :class:`Root`.

    The zero polynomial and nonzero constants have no roots here (callers treat an identically
    vanishing condition themselves)."""
    return [
        root
        for root, _ in _roots(poly, negative=True)
        if (lo is None or compare(root, lo) >= 0) and (hi is None or compare(root, hi) <= 0)
    ]


def _compare_first(a: tuple[Number, int], b: tuple[Number, int]) -> int:
    return compare(a[0], b[0])


def _deflate(f: Poly, roots: Sequence[Fraction]) -> Poly:
    """f divided by (q·x − p) for each root p/q."""
    for r in roots:
        f = primitive(exact_quotient(f, [-r.numerator, r.denominator]))
    return f


# --- the numbers --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Root:
    """An irrational real number: the only root of the squarefree integer polynomial ``poly``
    (lowest degree first) in the open interval (lo, hi), where poly changes sign strictly.

    ``closed_form`` is its text when one is known (``"1 + √2"``). Ordered and compared
    exactly with Fractions and other roots (``<``, ``==``, :meth:`compare`).
    """

    poly: Poly
    lo: Fraction
    hi: Fraction
    closed_form: str | None = None

    @staticmethod
    def of_surd(a: Fraction, b: Fraction, r: Fraction) -> Root:
        """The number a + b·√r (b ≠ 0, r > 0 not the square of a rational), a root of
        (x − a)² − b²r, bracketed with integer square roots: no float, no search."""
        p, q = r.numerator, r.denominator
        # √r = √(pq)/q and s < √(pq·4^t) < s + 1, strictly: pq is no square.
        t = 64 + max(0, (q.bit_length() - p.bit_length()) // 2)
        s = math.isqrt(p * q << (2 * t))
        below, above = Fraction(s, q << t), Fraction(s + 1, q << t)
        # With below ≥ 0 the interval lies on the root's side of a; the conjugate a − b·√r is
        # on the other side, so it holds the one root.
        lo, hi = sorted((a + b * below, a + b * above))
        sign = "+" if b > 0 else "−"
        coef = "" if abs(b) == 1 else f"{fmt(abs(b))}·"
        root = f"√{fmt(r)}" if r.denominator == 1 else f"√({fmt(r)})"
        text = f"{fmt(a)} {sign} {coef}{root}" if a != 0 else f"{'-' if b < 0 else ''}{coef}{root}"
        return Root(primitive([a * a - b * b * r, -2 * a, 1]), lo, hi, text)

    def compare(self, q: Fraction | int) -> int:
        """−1 or 1 as the root is below or above the rational q: exact, never 0."""
        q = Fraction(q)
        if q <= self.lo:
            return 1
        if q >= self.hi:
            return -1
        # The only root of poly in (lo, hi) is irrational, so poly(q) ≠ 0, and it lies below q
        # exactly when poly changes sign between lo and q.
        return 1 if sign_at(self.poly, q) == self._sign_lo else -1

    @cached_property
    def _sign_lo(self) -> int:
        return sign_at(self.poly, self.lo)

    def bisected(self) -> Root:
        """The same number with its interval halved (exactly)."""
        mid = (self.lo + self.hi) / 2
        sign = sign_at(self.poly, mid)  # ≠ 0: mid is rational
        if sign == self._sign_lo:  # no sign change in (lo, mid]: the root is above mid
            half = Root(self.poly, mid, self.hi, self.closed_form)
            half.__dict__["_sign_lo"] = sign  # known: spare the evaluation
            return half
        half = Root(self.poly, self.lo, mid, self.closed_form)
        half.__dict__["_sign_lo"] = self._sign_lo
        return half

    def refined(self, width: Fraction) -> Root:
        """The same number with an interval no wider than ``width`` (> 0)."""
        root = self
        while root.hi - root.lo > width:
            root = root.bisected()
        return root

    @cached_property
    def cell(self) -> tuple[Fraction, Fraction]:
        """The dyadic cell [k·2^(e−64), (k+1)·2^(e−64)] holding the root, where
        2^(e−1) < |root| < 2^e: a function of the number alone (module docstring)."""
        positive = self.compare(0) > 0  # never 0: the root is irrational

        def exceeds(m: Fraction) -> bool:
            """|root| > m, exactly."""
            return self.compare(m) > 0 if positive else self.compare(-m) < 0

        top = max(abs(self.lo), abs(self.hi))  # |root| < top < 2^e
        e = top.numerator.bit_length() - top.denominator.bit_length() + 1
        while not exceeds(Fraction(2) ** (e - 1)):
            e -= 1
        width = Fraction(2) ** (e - CELL_BITS)
        root = self.refined(width)
        k = math.floor(root.lo / width)
        if (k + 1) * width < root.hi and root.compare((k + 1) * width) > 0:
            k += 1  # the one grid point inside the interval is below the root
        return k * width, (k + 1) * width

    def mapped(self, a: Fraction, b: Fraction) -> Root:
        """The number a + b·x for this number x (rationals, b ≠ 0): the root of
        poly((y − a)/b) in the image of the interval. An affine map keeps the polynomial
        squarefree, the number irrational and alone in its interval, and the sign change strict."""
        if b == 0:
            raise ValueError("mapped() needs b ≠ 0")
        lo, hi = sorted((a + b * self.lo, a + b * self.hi))
        return Root(primitive(composed(self.poly, -a / b, 1 / b)), lo, hi)

    def __neg__(self) -> Root:
        return Root(primitive([c if i % 2 == 0 else -c for i, c in enumerate(self.poly)]), -self.hi, -self.lo)

    def narrowed(self) -> Root:
        """The same number with its cell as the interval (for reports: canonical and tight).
        Where the cell holds a second root of the polynomial (two roots closer than its
        width), the half of it that holds this one, halved again until it holds no other."""
        lo, hi = self.cell
        while not self._alone_in(lo, hi):
            middle = (lo + hi) / 2
            lo, hi = (lo, middle) if self.compare(middle) < 0 else (middle, hi)
        return Root(self.poly, lo, hi, self.closed_form)

    def _alone_in(self, lo: Fraction, hi: Fraction) -> bool:
        """Whether (lo, hi), which holds this number, holds no other root of its polynomial:
        a sign change at the ends of a quadratic's interval means one root, and higher degrees
        are counted."""
        if sign_at(self.poly, lo) == sign_at(self.poly, hi):
            return False
        return len(self.poly) <= 3 or len(real_roots(self.poly, lo, hi)) == 1

    def __float__(self) -> float:
        lo, hi = self.cell
        try:
            return float((lo + hi) / 2)
        except OverflowError:
            return math.inf if lo > 0 else -math.inf

    def __str__(self) -> str:
        return self.closed_form or f"≈{float(self):.6g}"

    def __repr__(self) -> str:
        return f"Root({self.closed_form or float(self)!r}, poly={self.poly})"

    def __hash__(self) -> int:
        return hash(self.cell)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Root):
            return compare(self, other) == 0
        if isinstance(other, (Fraction, int)):
            return False  # irrational
        return NotImplemented

    def __lt__(self, other: Fraction | int | Root) -> bool:
        return compare(self, other) < 0

    def __le__(self, other: Fraction | int | Root) -> bool:
        return compare(self, other) <= 0

    def __gt__(self, other: Fraction | int | Root) -> bool:
        return compare(self, other) > 0

    def __ge__(self, other: Fraction | int | Root) -> bool:
        return compare(self, other) >= 0


def compare(x: Fraction | int | Root, y: Fraction | int | Root) -> int:
    """−1, 0 or 1 as x <, =, > y: exact for rationals and roots alike, never undecided."""
    if not isinstance(x, Root):
        if not isinstance(y, Root):
            return (x > y) - (x < y)
        return -y.compare(x)
    if not isinstance(y, Root):
        return x.compare(y)
    if x.hi <= y.lo:
        return -1
    if y.hi <= x.lo:
        return 1
    # Overlapping intervals: equal exactly when the gcd of the polynomials has a root in the
    # overlap (it is squarefree, has at most one root in either interval, and no end of the
    # overlap is a root of it), which it shows by a sign change.
    g = primitive(gcd(x.poly, y.poly))
    lo, hi = max(x.lo, y.lo), min(x.hi, y.hi)
    if len(g) > 1 and sign_at(g, lo) != sign_at(g, hi):
        return 0
    while True:  # different numbers: separate the intervals
        if x.hi <= y.lo:
            return -1
        if y.hi <= x.lo:
            return 1
        if x.hi - x.lo >= y.hi - y.lo:
            x = x.bisected()
        else:
            y = y.bisected()


Number = Fraction | Root


def less(a: Number, b: Number) -> bool:
    """a < b, exactly (a comparison of two fractions first, the common case)."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a < b
    return compare(a, b) < 0


def scaled_distance(x: Number, value: Fraction, scale: Fraction) -> Number:
    """|x − value| / scale (scale > 0), exactly: a Fraction, or a :class:`Root` (an affine
    image of x, :meth:`Root.mapped`)."""
    if isinstance(x, Fraction):
        return abs(x - value) / scale
    if x.compare(value) > 0:
        return x.mapped(-value / scale, 1 / scale)
    return x.mapped(value / scale, -1 / scale)
