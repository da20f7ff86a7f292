"""Real algebraic numbers as elements of a number field: exact arithmetic, signs and text.

An equilibrium of a game with three or more players can have irrational probabilities, e.g.
(53 − √601)/46 in Nau et al.'s 2x2x2 game with a unique equilibrium. Every coordinate of such a
point lies in one number field Q(α) = Q[x]/(m): α is a :class:`~sovgame.core.roots.Root` of the
irreducible integer polynomial m (degree d ≥ 2) with a proved isolating interval, and each
coordinate is a polynomial in α of degree < d with rational coefficients (:class:`Algebraic`).

- **Arithmetic** is polynomial arithmetic modulo m; division inverts modulo m by the extended
  Euclidean algorithm (m is irreducible, so every nonzero element is invertible).
- **Equality** is exact: an element is zero exactly when its reduced polynomial is zero (a
  nonzero polynomial of degree < d cannot vanish at α, whose minimal polynomial has degree d).
- **Signs** of a nonzero element E(α) come from the Taylor expansion of E at the midpoint c of
  α's interval: |E(α) − E(c)| ≤ Σ_{k≥1} |E⁽ᵏ⁾(c)/k!|·wᵏ for the half-width w. When |E(c)|
  exceeds the bound, E(α) has the sign of E(c); otherwise the interval is halved (exactly, by
  :meth:`Root.bisected`). As w → 0 the bound → 0 and E(c) → E(α) ≠ 0, so this ends.
- **Text**: an element's own minimal polynomial (the first linear relation among its powers)
  names it on its own: a quadratic one as a + b·√r (sovgame's closed form for surds), a higher
  one as "root of 4x³ − 6x + 1 in [0.16, 0.17]" with a decimal interval that isolates it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cached_property

from .numbers import fmt
from .roots import Root, compare, nonnegative_roots, primitive, sign_at

Coefficients = tuple[Fraction, ...]  # lowest degree first, trailing zeros dropped

#: Numbers whose minimal polynomial has longer coefficients are written as decimals, marked ≈.
MOST_DIGITS = 1000


def _flint():
    """python-flint, imported on first use: only games of three or more players need it."""
    import flint

    return flint


def _fmpq(x: Fraction | int):
    x = Fraction(x)
    return _flint().fmpq(x.numerator, x.denominator)


def _fraction(x) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _poly(coeffs: Sequence[Fraction | int]):
    return _flint().fmpq_poly([_fmpq(c) for c in coeffs])


class NumberField:
    """Q(α) for a real algebraic α of degree ≥ 2 (module docstring).

    ``root`` is α: its ``poly`` must be irreducible over Q (the caller factors it). The field
    keeps the narrowest interval of α found so far, so signs decided once stay cheap.
    Arithmetic runs in FLINT's rational polynomials (``fmpq_poly``).
    """

    def __init__(self, root: Root):
        self.minimal: tuple[int, ...] = root.poly
        self.root = root
        self.modulus = _poly(root.poly)

    @property
    def degree(self) -> int:
        """The degree of α over Q."""
        return len(self.minimal) - 1

    def element(self, coeffs: Sequence[Fraction | int]) -> Fraction | Algebraic:
        """The element Σ coeffs[k]·αᵏ: a Fraction when it is rational, else an :class:`Algebraic`."""
        return self.wrap(_poly(coeffs))

    def wrap(self, poly) -> Fraction | Algebraic:
        """The element poly(α) for an ``fmpq_poly``: a Fraction when rational."""
        reduced = poly % self.modulus
        if reduced.degree() <= 0:
            return _fraction(reduced[0]) if reduced.degree() == 0 else Fraction(0)
        return Algebraic(self, reduced)

    def generator(self) -> Algebraic:
        """α itself."""
        element = self.element([0, 1])
        assert isinstance(element, Algebraic)
        return element

    def inverse(self, poly):
        """1/E(α) as a polynomial in α: s with s·E + t·m = 1 (extended Euclid over Q)."""
        g, s, _ = poly.xgcd(self.modulus)
        if g.degree() != 0:  # pragma: no cover - E ≠ 0 and m irreducible: gcd 1
            raise ZeroDivisionError("not invertible")
        return s

    def enclosure(self, poly) -> tuple[Fraction, Fraction]:
        """Rational bounds lo ≤ E(α) ≤ hi from the Taylor expansion of E at the midpoint of
        α's interval (module docstring)."""
        flint = _flint()
        c = (self.root.lo + self.root.hi) / 2
        w = _fmpq((self.root.hi - self.root.lo) / 2)
        taylor = poly(flint.fmpq_poly([_fmpq(c), 1])).coeffs()
        bound = flint.fmpq(0)
        power = flint.fmpq(1)
        for t in taylor[1:]:
            power *= w
            bound += abs(t) * power
        centre = taylor[0] if taylor else flint.fmpq(0)
        return _fraction(centre - bound), _fraction(centre + bound)

    def sign(self, poly) -> int:
        """The sign of E(α), exactly (module docstring); 0 only for the zero element."""
        if poly.is_zero():
            return 0
        while True:
            lo, hi = self.enclosure(poly)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            self.root = self.root.bisected()

    def bounds(self, poly, width: Fraction) -> tuple[Fraction, Fraction]:
        """Rational bounds lo ≤ E(α) ≤ hi with hi − lo ≤ ``width`` (> 0)."""
        while True:
            lo, hi = self.enclosure(poly)
            if hi - lo <= width:
                return lo, hi
            self.root = self.root.bisected()


class Algebraic:
    """An irrational real number E(α) in a :class:`NumberField` (module docstring).

    Exact with Fractions, ints and elements of the same field (``+ − × / **``, ``== < ≤``);
    numbers of different fields are compared through their own minimal polynomials
    (:meth:`as_root`). Results that are rational come back as Fractions.
    """

    def __init__(self, field: NumberField, poly):
        self.field, self.poly = field, poly

    @property
    def coeffs(self) -> Coefficients:
        """E's coefficients, lowest degree first."""
        return tuple(_fraction(c) for c in self.poly.coeffs())

    # --- arithmetic --------------------------------------------------------------------------

    def _other(self, other: object):
        if isinstance(other, Algebraic) and other.field is self.field:
            return other.poly
        if isinstance(other, (Fraction, int)) and not isinstance(other, bool):
            return _poly([other])
        return None

    def __add__(self, other: object) -> Fraction | Algebraic:
        poly = self._other(other)
        return NotImplemented if poly is None else self.field.wrap(self.poly + poly)

    __radd__ = __add__

    def __neg__(self) -> Algebraic:
        return Algebraic(self.field, -self.poly)

    def __pos__(self) -> Algebraic:
        return self

    def __sub__(self, other: object) -> Fraction | Algebraic:
        poly = self._other(other)
        return NotImplemented if poly is None else self.field.wrap(self.poly - poly)

    def __rsub__(self, other: object) -> Fraction | Algebraic:
        poly = self._other(other)
        return NotImplemented if poly is None else self.field.wrap(poly - self.poly)

    def __mul__(self, other: object) -> Fraction | Algebraic:
        poly = self._other(other)
        return NotImplemented if poly is None else self.field.wrap(self.poly * poly)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Fraction | Algebraic:
        poly = self._other(other)
        if poly is None:
            return NotImplemented
        if poly.is_zero():
            raise ZeroDivisionError("division by zero")
        return self.field.wrap(self.poly * self.field.inverse(poly))

    def __rtruediv__(self, other: object) -> Fraction | Algebraic:
        poly = self._other(other)
        return NotImplemented if poly is None else self.field.wrap(poly * self.field.inverse(self.poly))

    def __pow__(self, exponent: int) -> Fraction | Algebraic:
        if not isinstance(exponent, int) or exponent < 0:
            return NotImplemented
        result: Fraction | Algebraic = Fraction(1)
        for _ in range(exponent):
            result = result * self
        return result

    def __abs__(self) -> Algebraic:
        return -self if self.sign() < 0 else self

    # --- comparisons -------------------------------------------------------------------------

    def sign(self) -> int:
        """−1 or 1 (never 0: the number is irrational)."""
        return self.field.sign(self.poly)

    def compare(self, other: Fraction | int | Algebraic | Root) -> int:
        """−1, 0 or 1 as self <, =, > other, exactly."""
        poly = self._other(other)
        if poly is not None:
            return self.field.sign(self.poly - poly)
        if isinstance(other, Algebraic):
            return compare(self.as_root(), other.as_root())
        if isinstance(other, Root):
            return compare(self.as_root(), other)
        raise TypeError(f"cannot compare an algebraic number with {other!r}")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Fraction, int, Algebraic, Root)) and not isinstance(other, bool):
            return self.compare(other) == 0
        return NotImplemented

    def __lt__(self, other: Fraction | int | Algebraic) -> bool:
        return self.compare(other) < 0

    def __le__(self, other: Fraction | int | Algebraic) -> bool:
        return self.compare(other) <= 0

    def __gt__(self, other: Fraction | int | Algebraic) -> bool:
        return self.compare(other) > 0

    def __ge__(self, other: Fraction | int | Algebraic) -> bool:
        return self.compare(other) >= 0

    def __bool__(self) -> bool:
        return True  # irrational, so never zero

    def __hash__(self) -> int:
        return hash(self.as_root())

    # --- the number on its own ---------------------------------------------------------------

    @cached_property
    def minimal_polynomial(self) -> tuple[int, ...]:
        """The primitive integer minimal polynomial of this number (degree ≥ 2, irreducible):
        the characteristic polynomial of multiplication by it in the basis 1, α, ..., is a
        power of the minimal polynomial, so its squarefree part is the minimal polynomial."""
        flint = _flint()
        d = self.field.degree
        M = flint.fmpq_mat(d, d)
        column = self.poly
        for j in range(d):
            coeffs = column.coeffs()
            for i, c in enumerate(coeffs):
                M[i, j] = c
            column = (column * flint.fmpq_poly([0, 1])) % self.field.modulus
        chi = M.charpoly()
        m = chi / chi.gcd(chi.derivative())
        return primitive([_fraction(c) for c in m.coeffs()])

    @cached_property
    def _root(self) -> Root:
        m = self.minimal_polynomial
        negative = self.sign() < 0
        poly = _reflect(m) if negative else m
        candidates = [r for r, _ in nonnegative_roots(poly) if isinstance(r, Root)]
        width = Fraction(1)
        while True:
            lo, hi = self.field.bounds(self.poly, width)
            lo, hi = (-hi, -lo) if negative else (lo, hi)
            inside = [r for r in candidates if r.lo <= lo and hi <= r.hi]
            if len(inside) == 1:
                found = inside[0]
                break
            width /= 16
        return Root(m, -found.hi, -found.lo) if negative else Root(m, found.lo, found.hi)

    def as_root(self) -> Root:
        """This number on its own: a :class:`Root` of its minimal polynomial (for comparisons
        across fields; :meth:`text` writes it)."""
        return self._root

    @cached_property
    def text(self) -> str:
        """Its exact text (module docstring); "≈<decimal> (a root of ...)" when the minimal
        polynomial's coefficients are too long to write (over :data:`MOST_DIGITS` digits)."""
        root = self._root
        digits = max(abs(c).bit_length() for c in root.poly) * 0.30103
        if digits > MOST_DIGITS:
            return f"≈{float(self):.6g} (a root of a degree-{len(root.poly) - 1} polynomial with {digits:.0f}-digit coefficients)"
        return _text(root)

    def __float__(self) -> float:
        self.sign()  # narrows α until the enclosure excludes 0
        lo, hi = self.field.enclosure(self.poly)
        lo, hi = self.field.bounds(self.poly, min(abs(lo), abs(hi)) / 2**56)
        return float((lo + hi) / 2)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Algebraic({self}, ≈{float(self):.6g})"


def _text(root: Root) -> str:
    """a + b·√r for a quadratic number, else "root of <poly> in [lo, hi]" (decimal ends)."""
    m = root.poly
    if len(m) == 3:
        c, b, a = (Fraction(v) for v in m)
        centre = -b / (2 * a)
        disc = (b * b - 4 * a * c) / (4 * a * a)
        sign = 1 if root.compare(centre) > 0 else -1
        coef, radicand = _split_square(disc)
        return Root.of_surd(centre, sign * coef, radicand).closed_form or ""
    others = [r for r, _ in nonnegative_roots(m)] + [_negated(r) for r, _ in nonnegative_roots(_reflect(m))]
    digits = 1
    while True:
        scale = 10**digits
        root = root.refined(Fraction(1, scale))
        lo = Fraction(math.floor(root.lo * scale), scale)
        hi = Fraction(math.ceil(root.hi * scale), scale)
        # [lo, hi] isolates the number: m changes sign across it (m has no rational root) and
        # every other real root of m lies outside.
        if sign_at(m, lo) * sign_at(m, hi) < 0 and all(
            compare(r, root) == 0 or compare(r, lo) < 0 or compare(r, hi) > 0 for r in others
        ):
            return f"root of {polynomial_text(m)} in [{_decimal(lo, digits)}, {_decimal(hi, digits)}]"
        digits += 1


def _reflect(m: Sequence[int]) -> tuple[int, ...]:
    return tuple(c if k % 2 == 0 else -c for k, c in enumerate(m))


def _negated(r: Fraction | Root) -> Fraction | Root:
    if isinstance(r, Fraction):
        return -r
    return Root(_reflect(r.poly), -r.hi, -r.lo)


def _decimal(value: Fraction, digits: int) -> str:
    sign = "-" if value < 0 else ""
    scaled = abs(value.numerator * 10**digits // value.denominator)
    whole, frac = divmod(scaled, 10**digits)
    text = f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")
    return sign + text


def _split_square(value: Fraction) -> tuple[Fraction, Fraction]:
    """(c, r) with value = c²·r, r a squarefree integer as far as trial division by small
    primes finds square factors (the text only: the number itself is exact either way)."""
    p, q = value.numerator, value.denominator
    n = p * q  # value = n/q², so √value = √n/q
    outside = 1
    for d in _small_primes():
        while n % (d * d) == 0:
            n //= d * d
            outside *= d
    s = math.isqrt(n)
    if s * s == n:  # pragma: no cover - the number is irrational
        outside, n = outside * s, 1
    return Fraction(outside, q), Fraction(n)


@functools.cache
def _small_primes() -> list[int]:
    limit = 1000
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if sieve[i]:
            sieve[i * i :: i] = bytearray(len(sieve[i * i :: i]))
    return [i for i in range(limit + 1) if sieve[i]]


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def polynomial_text(poly: Sequence[int]) -> str:
    """ "4x³ − 6x + 1" for the coefficients (1, −6, 0, 4), lowest degree first."""
    terms: list[str] = []
    for k in range(len(poly) - 1, -1, -1):
        c = poly[k]
        if not c:
            continue
        size = abs(c)
        power = "" if k == 0 else ("x" if k == 1 else "x" + str(k).translate(_SUPERSCRIPTS))
        body = (str(size) if size != 1 or k == 0 else "") + power
        if not terms:
            terms.append(("-" if c < 0 else "") + body)
        else:
            terms.append(("− " if c < 0 else "+ ") + body)
    return " ".join(terms)


def exact_text(value: Fraction | int | Algebraic) -> str:
    """ "1/4", "21361/45732 − 1/45732·√107082769" or "root of ... in [a, b]"."""
    if isinstance(value, Algebraic):
        return str(value)
    return fmt(value)
