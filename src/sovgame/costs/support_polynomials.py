"""The support polynomials of a two-player game with costs, in integer arithmetic.

With payoffs P(κ) = U − κ·W, a candidate mixed equilibrium on supports I (one player's
strategies, its *own*) and J (the *other* player's, |I| = |J| = k ≥ 2) makes the own
strategies indifferent: the other's mix y on J and the value v solve

    M(κ) · [y; v] = e_k,    M(κ) = [[P_IJ(κ), −1], [1ᵀ, 0]]    (a (k+1)×(k+1) system).

By Cramer's rule y_j = N_j/D and v = N_k/D with D = det M and N = adj(M)·e_k; an own strategy
r outside I pays P_rJ·y − v = (P_rJ·N_{0..k−1} − N_k)/D. These are the polynomials in κ whose
roots bound where the support pair can hold an equilibrium (:mod:`sovgame.costs.regimes`).

**Degrees.** Every term of D and N_j (j < k) takes exactly k − 1 entries of P (the last row
and column of M are constants), N_k = det P_IJ takes k, and so do the outside values: each
is a homogeneous polynomial in the entries of P, of degree k − 1 or k in κ. So k + 1 samples
κ = 0, 1, ..., k determine it.

**Integers.** A player's payoffs and cost loads share a denominator L, so its integer matrix
is L·P; a polynomial homogeneous of degree h in P's entries is L^h times the one for P, and
signs do not change. At each sample one fraction-free Gauss–Jordan pass
(:func:`sovgame.core.linalg.cramer_unit`) gives D and every N_j; interpolation through
κ = 0..k is one integer matrix–vector product with k!·V⁻¹ (V the Vandermonde matrix, through
Newton's forward differences). Dividing by k!·L^h gives the exact rational polynomials, the
same as interpolating in fractions.

**Signs on an interval.** :func:`constant_sign` decides with Descartes' rule of signs, after
the Möbius map κ = (lo + hi·t)/(1 + t) of (lo, hi) onto t > 0, that a polynomial has no root
on (lo, hi) and gives its sign there (Collins & Akritas 1976, *Polynomial real root isolation
using Descartes' rule of signs*); ``None`` when the rule cannot tell. :func:`sign_at_root`
gives the exact sign at an irrational root: 0 when the gcd with the root's polynomial
vanishes there, else the constant sign on an isolating interval narrowed until the rule
proves it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cache

from ..core.linalg import cramer_unit
from ..core.model import Game
from ..core.polynomials import gcd, primitive, sign_at
from ..core.roots import Root

#: A polynomial in κ with integer coefficients, lowest degree first.
IntPoly = list[int]


class IntegerGame:
    """A two-player game with costs in integers: player p's payoff when it plays ``s`` and the
    other plays ``o`` is (U[p][s][o] − κ·W[p][s][o]) / L[p], L[p] > 0 the common denominator
    of that player's payoffs and cost loads (own strategies as rows for both players)."""

    def __init__(self, game: Game, costs: Sequence[str] | None):
        payoffs, load = game.payoffs, game.cost_load(costs)
        self.shape: tuple[int, int] = (game.shape[0], game.shape[1])
        self.U: list[list[list[int]]] = []
        self.W: list[list[list[int]]] = []
        self.L: list[int] = []
        for p in (0, 1):
            u = payoffs[..., p] if p == 0 else payoffs[..., p].T
            w = load[..., p] if p == 0 else load[..., p].T
            scale = math.lcm(*(Fraction(v).denominator for v in [*u.ravel(), *w.ravel()]))
            self.U.append([[int(v * scale) for v in row] for row in u.tolist()])
            self.W.append([[int(v * scale) for v in row] for row in w.tolist()])
            self.L.append(scale)

    def at(self, player: int, kappa: Fraction) -> list[list[int]]:
        """The player's payoffs at κ = p/q (own strategies as rows), times the positive q·L."""
        p, q = kappa.numerator, kappa.denominator
        return [[q * u - p * w for u, w in zip(ur, wr)] for ur, wr in zip(self.U[player], self.W[player])]

    def pairwise_breakpoints(self) -> list[Fraction]:
        """κ > 0 where two of a player's payoffs against one strategy of the other tie, sorted
        (the points of :func:`sovgame.costs.regimes.pairwise_breakpoints`)."""
        points = set()
        for U, W in zip(self.U, self.W):
            for r in range(len(U)):
                for s in range(r + 1, len(U)):
                    for c in range(len(U[r])):
                        gap, slope = U[r][c] - U[s][c], W[r][c] - W[s][c]
                        if slope and gap * slope > 0:
                            points.add(Fraction(gap, slope))
        return sorted(points)


@cache
def _newton_matrix(d: int) -> tuple[tuple[int, ...], ...]:
    """T with T·y = d!·(coefficients, lowest first) of the polynomial of degree ≤ d through
    (0, y_0), ..., (d, y_d): p(x) = Σ_j Δʲy_0 · x(x−1)⋯(x−j+1) / j! (Newton forward)."""
    falling = [[1]]  # coefficients of x(x−1)⋯(x−j+1)
    for j in range(1, d + 1):
        previous, shifted = falling[-1], [0] * (j + 1)
        for i, c in enumerate(previous):
            shifted[i + 1] += c
            shifted[i] -= (j - 1) * c
        falling.append(shifted)
    T = [[0] * (d + 1) for _ in range(d + 1)]
    for j in range(d + 1):
        scale = math.factorial(d) // math.factorial(j)
        for i in range(j + 1):  # Δʲy_0 = Σ_i (−1)^(j−i) C(j, i) y_i
            weight = (-1) ** (j - i) * math.comb(j, i) * scale
            for power, c in enumerate(falling[j]):
                T[power][i] += weight * c
    return tuple(tuple(row) for row in T)


def interpolate_naturals(values: Sequence[int]) -> IntPoly:
    """d!·(coefficients) of the polynomial of degree ≤ d through (x, values[x]), x = 0..d:
    integers, since the interpolant of integer values at 0..d has denominators dividing d!."""
    T = _newton_matrix(len(values) - 1)
    return [sum(t * v for t, v in zip(row, values)) for row in T]


def multiply(p: IntPoly, q: IntPoly) -> IntPoly:
    """The product of two polynomials."""
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return out


def constant_sign(poly: IntPoly, lo: Fraction, hi: Fraction | None) -> int | None:
    """The sign of ``poly`` on the open interval (lo, hi) (hi None: unbounded) when Descartes'
    rule proves it has no root there; None when the rule cannot tell; 0 for the zero polynomial.

    κ = (lo + hi·t)/(1 + t) maps t ∈ (0, ∞) onto (lo, hi) (κ = lo + t when unbounded). With
    lo = a/b and hi = c/e that is κ = N(t)/G(t), N = ae + cb·t, G = be·(1 + t) > 0, and
    q(t) = Σ c_i N(t)ⁱ G(t)^(d−i) = G^d·poly(κ) has the sign of poly. If q's coefficients
    show no sign change, q has no positive root, so poly has none on (lo, hi), and its sign
    is that of the coefficients. q is built by Horner's rule in the forms N and G.
    """
    d = len(poly) - 1
    while d >= 0 and poly[d] == 0:
        d -= 1
    if d <= 0:
        return 0 if d < 0 else (1 if poly[0] > 0 else -1)
    a, b = lo.numerator, lo.denominator
    if hi is None:
        n0, n1, g0, g1 = a, b, b, 0
    else:
        c, e = hi.numerator, hi.denominator
        n0, n1, g0, g1 = a * e, c * b, b * e, b * e
    h, g = [poly[d]], [1]  # h: the Horner sum so far; g: G^(d−i)
    for i in range(d - 1, -1, -1):
        h = [n0 * h[0]] + [n0 * h[j] + n1 * h[j - 1] for j in range(1, len(h))] + [n1 * h[-1]]
        g = [g0 * g[0]] + [g0 * g[j] + g1 * g[j - 1] for j in range(1, len(g))] + [g1 * g[-1]]
        if poly[i]:
            h = [x + poly[i] * y for x, y in zip(h, g)]
    signs = [v > 0 for v in h if v]
    if any(s != signs[0] for s in signs):
        return None
    return 1 if signs[0] else -1


def sign_at_root(poly: IntPoly, root: Root) -> int:
    """The sign of ``poly`` at the irrational number ``root``, exactly.

    Zero exactly when g = gcd(poly, root.poly) vanishes at the root: g divides the squarefree
    root.poly, so its roots in the isolating interval (lo, hi) are at most the root itself,
    simple, and g changes sign across (lo, hi) exactly when it has that root (no end of the
    interval is a root of root.poly). Otherwise the interval is halved until Descartes' rule
    proves ``poly`` free of roots on it (:func:`constant_sign`; it does once the interval is
    small enough, since the root is not one of poly's), and that sign is the answer.
    """
    if not any(poly):
        return 0
    sign = constant_sign(poly, root.lo, root.hi)  # most often settled at once on a narrow interval
    if sign is not None:
        return sign
    g = primitive(gcd(poly, root.poly))
    if len(g) > 1 and sign_at(g, root.lo) != sign_at(g, root.hi):
        return 0
    while True:
        sign = constant_sign(poly, root.lo, root.hi)
        if sign is not None:
            return sign
        root = root.bisected()


class SupportSystem:
    """One player's indifference system for a support pair: its strategies ``own`` made
    indifferent by the other's mix on ``other`` (module docstring). Holds the integer
    polynomials D and N_0..N_k (scaled by k!·L^h > 0) and, on demand, the outside values."""

    __slots__ = ("U", "W", "L", "own", "other", "k", "samples", "D", "N", "_outside")

    def __init__(self, U: list[list[int]], W: list[list[int]], L: int, own: Sequence[int], other: Sequence[int]):
        self.U, self.W, self.L, self.own, self.other = U, W, L, tuple(own), tuple(other)
        k = self.k = len(own)
        self.samples = []
        for kappa in range(k + 1):
            M = [[U[r][c] - kappa * W[r][c] for c in other] + [-1] for r in own] + [[1] * k + [0]]
            self.samples.append(cramer_unit(M))
        self.D = interpolate_naturals([det for det, _ in self.samples])
        self.N = [interpolate_naturals([nums[j] for _, nums in self.samples]) for j in range(k + 1)]
        self._outside: dict[int, IntPoly] = {}

    def outside(self, r: int) -> IntPoly:
        """(payoff of own strategy r − the value)·D, scaled like N_k."""
        poly = self._outside.get(r)
        if poly is None:
            U, W, k = self.U[r], self.W[r], self.k
            values = [
                sum((U[c] - kappa * W[c]) * v for c, v in zip(self.other, nums)) - nums[k]
                for kappa, (_, nums) in enumerate(self.samples)
            ]
            poly = self._outside[r] = interpolate_naturals(values)
        return poly

    def fractions(self, outside: Sequence[int]) -> list[list[Fraction]]:
        """The exact polynomials D, N_0..N_k and the outside values (rational coefficients)."""
        low, high = math.factorial(self.k) * self.L ** (self.k - 1), math.factorial(self.k) * self.L**self.k
        polys = [(p, low) for p in [self.D, *self.N[: self.k]]] + [(self.N[self.k], high)]
        polys += [(self.outside(r), high) for r in outside]
        return [[Fraction(c, scale) for c in p] for p, scale in polys]

    def holds_at_root(self, root: Root, outside: Sequence[int]) -> bool:
        """:meth:`holds` (not strictly) at an irrational κ, by the exact signs of
        :func:`sign_at_root`. A system singular there holds unless it has no solution at all
        (:meth:`unsolvable_at`)."""
        d = sign_at_root(self.D, root)
        if d == 0:
            return not self.unsolvable_at(root)
        if any(sign_at_root(poly, root) * d < 0 for poly in self.N[: self.k]):
            return False
        return all(sign_at_root(self.outside(r), root) * d <= 0 for r in outside)

    def unsolvable_at(self, root: Root) -> bool:
        """Whether the system, singular at κ = ``root``, has no solution there: M z = e_last
        with det M = 0 is solvable only if adj(M)·e_last = (N_0..N_k) vanishes (for rank
        M = k, adj(M) = p·qᵀ with M·p = 0 and qᵀ·M = 0, so a nonzero adj(M)·e_last means
        qᵀ·e_last ≠ 0: e_last is not in the range of M; for lower rank adj(M) = 0)."""
        return any(sign_at_root(poly, root) != 0 for poly in self.N)

    def holds(self, kappa: Fraction, outside: Sequence[int], strict: bool) -> bool:
        """At κ the other's mix is a probability vector (> 0 if ``strict``) and no strategy in
        ``outside`` pays more (strictly less if ``strict``). A singular system holds unless
        ``strict``: it is undecided, never ruled out."""
        d = sign_at(self.D, kappa)
        if d == 0:
            return not strict
        for poly in self.N[: self.k]:
            s = sign_at(poly, kappa) * d
            if s < 0 or (strict and s == 0):
                return False
        for r in outside:
            s = sign_at(self.outside(r), kappa) * d
            if s > 0 or (strict and s == 0):
                return False
        return True


def support_polynomials(
    game: IntegerGame, player: int, own: Sequence[int], other: Sequence[int]
) -> list[list[Fraction]]:
    """Every polynomial of one player's system on the pair (own, other): D, N_0..N_k and the
    outside value of each of its other strategies, exact (coefficients lowest first)."""
    system = SupportSystem(game.U[player], game.W[player], game.L[player], own, other)
    return system.fractions([r for r in range(game.shape[player]) if r not in own])
