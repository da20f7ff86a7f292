"""Polynomial arithmetic and Sturm's theorem written out in fractions, sharing no code with
:mod:`sovgame.core.polynomials` or :mod:`sovgame.core.roots`: the reference the root tests
check every claim against."""

from __future__ import annotations

from fractions import Fraction as F


def mul(a, b):
    out = [F(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += F(x) * F(y)
    return out


def prod(*polys):
    out = [F(1)]
    for p in polys:
        out = mul(out, p)
    return out


def lin(r):
    """x − r"""
    return [-F(r), F(1)]


def value(poly, x: F) -> F:
    return sum((F(c) * x**i for i, c in enumerate(poly)), F(0))


def quotient_remainder(a, b):
    """Long division of a by b (b's leading coefficient nonzero)."""
    a = [F(c) for c in a]
    q = [F(0)] * max(len(a) - len(b) + 1, 1)
    while len(a) >= len(b) and any(a):
        factor, shift = a[-1] / b[-1], len(a) - len(b)
        q[shift] = factor
        for i, c in enumerate(b):
            a[shift + i] -= factor * c
        a.pop()
        while a and a[-1] == 0:
            a.pop()
    return q, a


def remainder(a, b):
    return quotient_remainder(a, b)[1]


def squarefree_part(poly):
    """poly / gcd(poly, poly′): the same roots, each simple."""
    a, b = [F(c) for c in poly], [F(i * c) for i, c in enumerate(poly)][1:]
    while b:
        a, b = b, remainder(a, b)
    return quotient_remainder(poly, a)[0]


def sturm_count(f, lo: F | None, hi: F | None) -> int:
    """Distinct roots of a squarefree f in (lo, hi] by Sturm's theorem (None: ∓∞)."""
    seq = [[F(c) for c in f], [F(i * c) for i, c in enumerate(f)][1:]]
    while len(seq[-1]) > 1:
        r = remainder(seq[-2], seq[-1])
        if not r:
            break
        seq.append([-c for c in r])

    def changes(x, infinity):
        if x is None:
            values = [p[-1] * infinity ** (len(p) - 1) for p in seq]
        else:
            values = [value(p, x) for p in seq]
        signs = [v > 0 for v in values if v != 0]
        return sum(1 for s, t in zip(signs, signs[1:]) if s != t)

    return changes(lo, -1) - changes(hi, 1)
