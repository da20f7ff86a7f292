"""Polynomials in one variable with rational coefficients: the arithmetic the exact root engine
(:mod:`sovgame.core.roots`) and the sensitivity analysis build on.

A polynomial is a sequence of coefficients, lowest degree first (``[c0, c1, c2]`` is
c0 + c1·x + c2·x²); the zero polynomial is the empty list. Functions that return a polynomial
return a list of :class:`~fractions.Fraction` without trailing zeros, except :func:`primitive`,
which returns the integer polynomial with the same roots.

There is one division (:func:`divmod_poly`), one gcd (:func:`gcd`, Euclid over the rationals)
and one squarefree decomposition (:func:`squarefree_factors`, Yun's algorithm) in the package.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

#: Integer coefficients, lowest degree first (the form roots are isolated in).
IntPoly = tuple[int, ...]
#: Rational coefficients, lowest degree first, no trailing zeros.
Poly = list[Fraction]

_BIG_PRIME = 2**61 - 1


def trim(poly: Sequence[Fraction | int]) -> Poly:
    """The coefficients as fractions without trailing zeros (the zero polynomial is [])."""
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


def derivative(p: Sequence[Fraction | int]) -> Poly:
    """dp/dx."""
    return trim([k * p[k] for k in range(1, len(p))])


def monic(p: Sequence[Fraction | int]) -> Poly:
    """p divided by its leading coefficient ([] for the zero polynomial)."""
    out = trim(p)
    return [c / out[-1] for c in out] if out else []


def composed(poly: Sequence[Fraction | int], a: Fraction, b: Fraction) -> Poly:
    """The coefficients of x ↦ poly(a + b·x) (Horner's rule on polynomials)."""
    result: Poly = []
    for c in reversed(poly):
        result = add(multiply(result, [a, b]), [Fraction(c)])
    return result


def divmod_poly(p: Sequence[Fraction | int], q: Sequence[Fraction | int]) -> tuple[Poly, Poly]:
    """(quotient, remainder) of p by a nonzero q over the rationals: p = quotient·q + remainder
    with deg remainder < deg q. Computed in integers (:func:`_pseudo_divmod`) and divided once."""
    P, p_den = _integral(p)
    Q, q_den = _integral(q)
    if not Q:
        raise ZeroDivisionError("division by the zero polynomial")
    scale_, quotient, rem = _pseudo_divmod(P, Q)
    # scale·P = quotient·Q + rem, with P = p_den·p and Q = q_den·q.
    den = scale_ * p_den
    return trim([Fraction(c * q_den, den) for c in quotient]), trim([Fraction(c, den) for c in rem])


def gcd(p: Sequence[Fraction | int], q: Sequence[Fraction | int]) -> Poly:
    """The monic greatest common divisor ([] when both are zero): Euclid's algorithm on the
    primitive integer forms (pseudo-remainders made primitive: the same gcd up to a constant,
    and coefficients that do not grow from step to step)."""
    a, b = primitive(p), primitive(q)
    while b:
        a, b = b, primitive(_pseudo_divmod(a, b)[2])
    return monic(a)


def _integral(poly: Sequence[Fraction | int]) -> tuple[list[int], int]:
    """(integer coefficients without trailing zeros, d > 0) with poly = coefficients / d."""
    coeffs = list(poly)
    while coeffs and coeffs[-1] == 0:
        coeffs.pop()
    ints = [c for c in coeffs if isinstance(c, int)]
    if len(ints) == len(coeffs):
        return ints, 1
    fractions = [Fraction(c) for c in coeffs]
    d = math.lcm(*(c.denominator for c in fractions))
    return [c.numerator * (d // c.denominator) for c in fractions], d


def _pseudo_divmod(P: Sequence[int], Q: Sequence[int]) -> tuple[int, list[int], list[int]]:
    """(s, quotient, remainder) in integers with s·P = quotient·Q + remainder, s a power of
    Q's leading coefficient and deg remainder < deg Q (Q nonzero, no trailing zeros)."""
    rem, lead, scale_ = list(P), Q[-1], 1
    quotient = [0] * max(len(rem) - len(Q) + 1, 0)
    while len(rem) >= len(Q):
        shift, factor = len(rem) - len(Q), rem[-1]
        if factor % lead == 0:  # an exact step: nothing to scale
            factor //= lead
        else:
            rem = [c * lead for c in rem]
            quotient = [c * lead for c in quotient]
            scale_ *= lead
        quotient[shift] += factor
        for i, c in enumerate(Q):
            rem[shift + i] -= factor * c
        rem.pop()  # the leading term cancels exactly
        while rem and rem[-1] == 0:
            rem.pop()
    return scale_, quotient, rem


def exact_quotient(p: Sequence[Fraction | int], q: Sequence[Fraction | int]) -> Poly:
    """p / q for a q known to divide p (ArithmeticError otherwise)."""
    quotient, rem = divmod_poly(p, q)
    if rem:
        raise ArithmeticError("not a factor")
    return quotient


# --- integer polynomials ------------------------------------------------------------------------


def primitive(poly: Sequence[Fraction | int]) -> IntPoly:
    """The polynomial scaled to coprime integer coefficients with a positive leading one
    (trailing zeros of the highest degrees dropped); () for the zero polynomial."""
    ints, _ = _integral(poly)
    if not ints:
        return ()
    g = math.gcd(*ints)
    sign = 1 if ints[-1] > 0 else -1
    return tuple(sign * c // g for c in ints)


def sign_at(f: Sequence[Fraction | int], x: Fraction) -> int:
    """The sign of f(x), exactly (:func:`sign_at_ratio` of x's numerator and denominator)."""
    return sign_at_ratio(f, x.numerator, x.denominator)


def sign_at_ratio(f: Sequence[Fraction | int], p: int, q: int) -> int:
    """The sign of f(p/q) for q > 0, exactly: Horner's rule on q^n·f(p/q), which has the sign
    of f(p/q); in integers when f's coefficients are integers (p/q need not be in lowest terms)."""
    value: Fraction | int = 0
    q_power = 1
    for c in reversed(f):
        value = value * p + c * q_power
        q_power *= q
    return (value > 0) - (value < 0)


def _gcd_degree_mod(a: Sequence[int], b: Sequence[int], p: int) -> int:
    """The degree of gcd(a, b) over the field of p elements (−1 when both vanish mod p)."""
    x = [c % p for c in a]
    y = [c % p for c in b]
    for poly in (x, y):
        while poly and poly[-1] == 0:
            poly.pop()
    while y:
        inverse = pow(y[-1], -1, p)
        while len(x) >= len(y):
            factor = x[-1] * inverse % p
            shift = len(x) - len(y)
            for i, c in enumerate(y):
                x[shift + i] = (x[shift + i] - factor * c) % p
            while x and x[-1] == 0:
                x.pop()
        x, y = y, x
    return len(x) - 1


def _provably_squarefree(f: IntPoly) -> bool:
    """A sufficient test: gcd(f, f') = 1 modulo a prime that does not divide lc(f). A repeated
    factor h of f over Q would divide f and f' modulo that prime with its full degree."""
    return f[-1] % _BIG_PRIME != 0 and _gcd_degree_mod(f, [i * f[i] for i in range(1, len(f))], _BIG_PRIME) == 0


def squarefree_factors(f: IntPoly) -> list[tuple[IntPoly, int]]:
    """[(g_i, i)]: f = c·Π g_i^i with g_i squarefree, pairwise coprime and non-constant, for a
    primitive integer polynomial f (Yun 1976, *On square-free decomposition algorithms*,
    SYMSAC '76). Skipped when a gcd modulo a large prime already proves f squarefree."""
    if len(f) <= 2 or _provably_squarefree(f):
        return [(f, 1)] if len(f) >= 2 else []
    df = derivative(f)
    a = gcd(f, df)
    b = divmod_poly(f, a)[0]
    d = add(divmod_poly(df, a)[0], scale(derivative(b), Fraction(-1)))
    out: list[tuple[IntPoly, int]] = []
    multiplicity = 1
    while len(b) > 1:
        g = gcd(b, d) if d else monic(b)
        if len(g) > 1:
            out.append((primitive(g), multiplicity))
        b = divmod_poly(b, g)[0]
        c = divmod_poly(d, g)[0] if d else []
        d = add(c, scale(derivative(b), Fraction(-1)))
        multiplicity += 1
    return out
