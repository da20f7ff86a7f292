"""How the equilibrium set changes with the cost level κ: exact breakpoints and regimes.

Two players. With A(κ) = U₁ − κW₁ and B(κ) = U₂ − κW₂ the equilibrium set can change only
where some equilibrium condition turns into an equality:

- a player's payoffs against one opponent strategy tie (pairwise breakpoints, linear);
- for a candidate mixed equilibrium with supports I, J (|I| = |J| = k ≥ 2), a probability of
  the indifference solution hits zero, an unused strategy starts to pay as much, or the
  indifference system turns singular. By Cramer's rule each of these is a polynomial in κ of
  degree ≤ k, found exactly in integers (:mod:`sovgame.costs.polynomials`).

In a 2x2 game only the pairwise breakpoints occur, and they are rational **[derived]**.
Larger games can have irrational breakpoints: they are isolated by exact sign changes and
carried as :class:`~sovgame.core.intervals.Root` brackets. Between consecutive breakpoints
the equilibrium set keeps its structure, so one exact solve per regime describes it. Where
the target becomes the only equilibrium needs far fewer of them
(:mod:`sovgame.costs.uniqueness`).

More players: pure equilibria change only at pairwise breakpoints (exact); mixed ones are
not followed (they need Gambit), and results say so.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..core.budget import advance, breakpoint_work, metered, pair_units, require, support_pairs, sweep_forecast
from ..core.intervals import Endpoint, Root, between, exact_text, sort_points
from ..core.linalg import evaluate
from ..core.model import Game
from ..solvers.equilibria import Solution, solve
from .polynomials import IntegerGame, support_polynomials

#: Above this many support pairs the mixed breakpoints are not enumerated.
MAX_SUPPORT_PAIRS = 20_000


def pairwise_breakpoints(game: Game, costs: Sequence[str] | None = None) -> list[Fraction]:
    """κ > 0 where two of a player's payoffs against the same opponents' profile tie."""
    U, W = game.payoffs, game.cost_load(costs)
    points = set()
    for i, k in enumerate(game.shape):
        for profile in game.profiles():
            if profile[i] != 0:
                continue
            for r, s in itertools.combinations(range(k), 2):
                pr = profile[:i] + (r,) + profile[i + 1 :]
                ps = profile[:i] + (s,) + profile[i + 1 :]
                du = U[pr + (i,)] - U[ps + (i,)]
                dw = W[pr + (i,)] - W[ps + (i,)]
                if dw != 0 and du / dw > 0:
                    points.add(du / dw)
    return sorted(points)


def equilibrium_breakpoints(game: Game, costs: Sequence[str] | None = None) -> list[Endpoint]:
    """Every κ ≥ 0 where the equilibrium set may change (see module docstring), sorted."""
    points: list[Endpoint] = list(pairwise_breakpoints(game, costs))
    if game.n_players == 2 and min(game.shape) >= 2 and game.shape != (2, 2):
        points += _mixed_breakpoints(game, costs)
    return sort_points(points)


def _mixed_breakpoints(game: Game, costs) -> list[Endpoint]:
    """The roots of every support pair's polynomials (:mod:`sovgame.costs.polynomials`)."""
    m, n = game.shape
    if support_pairs(m, n) > MAX_SUPPORT_PAIRS:  # counted, never listed
        return []
    ints = IntegerGame(game, costs)
    roots: list[Endpoint] = []
    for k in range(2, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                for poly in support_polynomials(ints, 0, I, J) + support_polynomials(ints, 1, J, I):
                    roots += polynomial_roots(poly)
            advance(pair_units(k, m, n) * math.comb(n, k))  # progress shown on stderr
    return roots


def polynomial_roots(poly: list[Fraction]) -> list[Endpoint]:
    """Real roots ≥ 0: exact Fractions when rational, else :class:`Root` brackets."""
    while poly and poly[-1] == 0:
        poly = poly[:-1]
    if len(poly) <= 1:
        return []
    if len(poly) == 2:
        root = -poly[0] / poly[1]
        return [root] if root >= 0 else []
    found: list[Endpoint] = []
    for z in np.roots([float(c) for c in reversed(poly)]):
        if abs(z.imag) > 1e-7 * max(1.0, abs(z.real)) or z.real < -1e-9:
            continue
        x = float(z.real)
        exact = next(
            (q for d in (10**3, 10**6, 10**9) if evaluate(poly, q := Fraction(x).limit_denominator(d)) == 0), None
        )
        if exact is not None:
            if exact >= 0:
                found.append(exact)
            continue
        eps = Fraction(max(abs(x), 1.0) * 1e-9)
        centre = Fraction(x)
        lo, hi = centre - eps, centre + eps
        for _ in range(40):
            if evaluate(poly, lo) * evaluate(poly, hi) < 0:
                break
            lo, hi = centre - 2 * (centre - lo), centre + 2 * (hi - centre)
        if hi < 0:
            continue
        found.append(Root(max(lo, Fraction(0)), hi, None, x))
    return found


# --- regimes -------------------------------------------------------------------------------------


def representative(points: list[Endpoint], index: int, kind: str) -> Fraction | None:
    """The κ at which an element (a breakpoint or the gap after it) is solved."""
    p = points[index]
    if kind == "point":
        return p if isinstance(p, Fraction) else None
    nxt = points[index + 1] if index + 1 < len(points) else None
    return between(p, nxt)


@dataclass(frozen=True)
class Regime:
    """A stretch of κ with one equilibrium structure: a single point or an open gap."""

    lo: Endpoint
    hi: Endpoint | None
    is_point: bool
    solution: Solution | None  # at one κ inside; None at an irrational point
    lo_closed: bool = True
    hi_closed: bool = True

    def label(self) -> str:
        """The stretch in words: "κ = 4/3", "1 < κ < 2" or "κ ≥ 4"."""
        if self.is_point:
            return f"κ = {exact_text(self.lo)}"
        left = "≤" if self.lo_closed else "<"
        if self.hi is None:
            return f"κ {'≥' if self.lo_closed else '>'} {exact_text(self.lo)}"
        right = "≤" if self.hi_closed else "<"
        return f"{exact_text(self.lo)} {left} κ {right} {exact_text(self.hi)}"


@dataclass(frozen=True)
class Sweep:
    game: Game
    costs: tuple[str, ...]
    breakpoints: tuple[Endpoint, ...]  # where the equilibrium set changes
    candidates: tuple[Endpoint, ...]  # every κ where it might (the conditions' roots)
    regimes: tuple[Regime, ...]
    to: Fraction
    plausible: tuple[Fraction, Fraction] | None
    notes: tuple[str, ...] = field(default_factory=tuple)


@metered
def sweep(game: Game, costs: Sequence[str] | None = None, to: Fraction | None = None) -> Sweep:
    """Every regime of the equilibrium set for κ in [0, to] (default: past the last breakpoint)."""
    require(breakpoint_work(game.shape), forecast=sweep_forecast(game.shape))  # refused before it starts
    kept = game.kept_costs(costs)
    points = equilibrium_breakpoints(game, kept)
    last = max((float(p) for p in points), default=0.0)
    if to is None:
        top = game.plausible_kappa[1] if game.plausible_kappa else Fraction(0)
        to = Fraction(max(last, float(top))).limit_denominator(1000) * Fraction(5, 4) + Fraction(1, 2)
    # Elements: each breakpoint, then the open gap after it; solved once each.
    elements: list[Regime] = []
    for index, p in enumerate(points):
        nxt = points[index + 1] if index + 1 < len(points) else None
        kappa = p if isinstance(p, Fraction) else None
        elements.append(Regime(p, p, True, solve(game, kappa, kept) if kappa is not None else None))
        elements.append(Regime(p, nxt, False, solve(game, between(p, nxt), kept), False, False))
        if nxt is not None and float(nxt) > float(to):
            break
    regimes = merge_regimes(elements)
    notes = []
    if game.n_players > 2:
        notes.append("3+ players: regimes follow the pure equilibria; mixed ones are not searched")
    changes = tuple(dict.fromkeys(r.lo for r in regimes if r.lo != 0 and (r.is_point or not r.lo_closed)))
    if any(not isinstance(p, Fraction) for p in changes):
        notes.append(
            "some breakpoints are irrational (roots of polynomials from mixed equilibria): "
            "shown as ≈ decimals, each known to lie in a rational bracket of width < 1e-8"
        )
    return Sweep(game, kept, changes, tuple(points), tuple(regimes), to, game.plausible_kappa, tuple(notes))


def merge_regimes(elements: list[Regime]) -> list[Regime]:
    """Join neighbouring elements with the same equilibrium structure into one regime."""
    merged: list[Regime] = []
    for element in elements:
        if element.solution is None and merged:  # an irrational point: decided by neighbours
            continue
        if (
            merged
            and merged[-1].solution is not None
            and element.solution is not None
            and structure(merged[-1].solution) == structure(element.solution)
        ):
            last = merged[-1]
            merged[-1] = Regime(
                last.lo, element.hi, False, element.solution, last.lo_closed, element.is_point or element.hi_closed
            )
            continue
        merged.append(element)
    return merged


def structure(solution: Solution) -> tuple:
    """What identifies an equilibrium set across a regime: pure profiles and mixed supports."""
    items = []
    for eq in solution.equilibria:
        support = tuple(tuple(p != 0 for p in s) for s in eq.strategies)
        items.append((eq.pure_profile(), support if not eq.pure else None, eq.component is not None))
    return tuple(sorted(items, key=repr))
