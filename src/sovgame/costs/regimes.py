"""How the equilibrium set changes with the cost level κ: exact breakpoints and regimes.

Two players. With A(κ) = U₁ − κW₁ and B(κ) = U₂ − κW₂ the equilibrium set can change only
where some equilibrium condition turns into an equality:

- a player's payoffs against one opponent strategy tie (pairwise breakpoints, linear);
- for a candidate mixed equilibrium with supports I, J (|I| = |J| = k ≥ 2), a probability of
  the indifference solution hits zero, an unused strategy starts to pay as much, or the
  indifference system turns singular. By Cramer's rule each of these is a polynomial in κ of
  degree ≤ k + 1, found exactly by interpolation at k + 2 rational points.

In a 2x2 game only the pairwise breakpoints occur, and they are rational **[derived]**.
Larger games can have irrational breakpoints: every real root of those polynomials is
isolated with proof (:func:`sovgame.core.roots.nonnegative_roots`: a double root, or two roots
10⁻¹² apart, cannot hide) and carried as a :class:`~sovgame.core.roots.Root`, compared
exactly. Between consecutive breakpoints the equilibrium set keeps its structure, so one exact
solve per regime describes it.

More players: pure equilibria change only at pairwise breakpoints (exact); mixed ones are
not followed (they need Gambit), and results say so. Players with a single strategy are set
aside first (:meth:`~sovgame.core.model.Game.without_single_strategy_players`): a 2x2x1 game
is a two-player game here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..core.budget import (
    advance,
    breakpoint_work,
    metered,
    pair_units,
    require,
    support_pairs,
    sweep_forecast,
    walk_work,
)
from ..core.intervals import Endpoint, Root, between, compare, exact_text, sort_points
from ..core.linalg import det, interpolate
from ..core.model import Game, Profile
from ..core.roots import nonnegative_roots
from ..solvers.equilibria import Solution, pure_equilibria, solve
from .reasons import why_not_unique

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
    """Every κ ≥ 0 where the equilibrium set may change (see module docstring), sorted.

    Players with a single strategy are set aside first: a 2x2x1 game has the breakpoints of
    its 2x2 game, mixed equilibria included."""
    game = game.without_single_strategy_players()
    points: list[Endpoint] = list(pairwise_breakpoints(game, costs))
    if game.n_players == 2 and min(game.shape) >= 2 and game.shape != (2, 2):
        points += _mixed_breakpoints(game, costs)
    return sort_points(points)


def _mixed_breakpoints(game: Game, costs) -> list[Endpoint]:
    U, W = game.payoffs, game.cost_load(costs)
    m, n = game.shape
    A0, A1 = U[..., 0], W[..., 0]
    B0, B1 = U[..., 1].T, W[..., 1].T  # column player's payoffs with its strategies as rows
    pairs = support_pairs(m, n)  # counted, never listed
    if pairs > MAX_SUPPORT_PAIRS:
        return []
    roots: list[Endpoint] = []
    for k in range(2, min(m, n) + 1):
        samples = [Fraction(s) for s in range(k + 2)]
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                for P0, P1, rows, cols, total in ((A0, A1, I, J, m), (B0, B1, J, I, n)):
                    for poly in _support_polynomials(P0, P1, rows, cols, total, samples):
                        roots += polynomial_roots(poly)
            advance(pair_units(k, m, n) * math.comb(n, k))  # progress shown on stderr
    return roots


def _support_polynomials(P0, P1, rows, cols, total, samples):
    """Values at ``samples`` of the polynomials whose roots bound support (rows, cols) for the
    player whose payoffs are P(κ) = P0 − κP1 (its strategies are the rows of P)."""
    k = len(rows)
    series: list[list[Fraction]] = [[] for _ in range(k + 2 + total - k)]
    for kappa in samples:
        P = P0 - kappa * P1
        # [[P_IJ, −1], [1ᵀ, 0]] · [y; v] = [0; 1]: opponent's mix y on cols, value v.
        M = [[P[r, c] for c in cols] + [Fraction(-1)] for r in rows] + [[Fraction(1)] * k + [Fraction(0)]]
        D = det(M)
        N = []
        for col in range(k + 1):
            Mc = [row[:col] + [Fraction(int(index == k))] + row[col + 1 :] for index, row in enumerate(M)]
            N.append(det(Mc))
        series[0].append(D)
        for col in range(k + 1):
            series[1 + col].append(N[col])
        for offset, r in enumerate(r for r in range(total) if r not in rows):
            series[k + 2 + offset].append(sum((P[r, c] * N[j] for j, c in enumerate(cols)), Fraction(0)) - N[k] * 1)
    return [interpolate(samples, values) for values in series]


def polynomial_roots(poly: list[Fraction]) -> list[Endpoint]:
    """Real roots ≥ 0, each once: exact Fractions when rational, else :class:`Root` numbers whose
    isolating intervals are proved (:func:`sovgame.core.roots.nonnegative_roots`)."""
    if not any(poly):
        return []
    return [root for root, _ in nonnegative_roots(poly)]


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
    if to is None:  # past the last breakpoint and the plausible range, in round numbers
        last = max((p if isinstance(p, Fraction) else p.hi for p in points), default=Fraction(0))
        top = game.plausible_kappa[1] if game.plausible_kappa else Fraction(0)
        to = max(last, top).limit_denominator(1000) * Fraction(5, 4) + Fraction(1, 2)
    # Elements: each breakpoint, then the open gap after it; solved once each.
    elements: list[Regime] = []
    for index, p in enumerate(points):
        nxt = points[index + 1] if index + 1 < len(points) else None
        kappa = p if isinstance(p, Fraction) else None
        elements.append(Regime(p, p, True, solve(game, kappa, kept) if kappa is not None else None))
        elements.append(Regime(p, nxt, False, solve(game, between(p, nxt), kept), False, False))
        if nxt is not None and compare(nxt, to) > 0:
            break
    regimes = merge_regimes(elements)
    notes = []
    if game.without_single_strategy_players().n_players > 2:
        notes.append("3+ players: regimes follow the pure equilibria; mixed ones are not searched")
    # merge_regimes starts a new regime exactly where the structure changes: every regime but
    # the first begins at a change point (a single point, an open gap, or a closed stretch).
    changes = tuple(dict.fromkeys(r.lo for r in regimes[1:]))
    if any(not isinstance(p, Fraction) for p in changes):
        notes.append(
            "some breakpoints are irrational (roots of polynomials from mixed equilibria): "
            "shown as ≈ decimals; each is known exactly as the only root of its polynomial in a "
            "rational interval of relative width below 1e-18"
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


# --- uniqueness ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tail:
    """Where 'the target is the only equilibrium for every larger κ' starts."""

    start: Endpoint | None
    attained: bool = False
    bracket: tuple[Fraction, Fraction] | None = None
    reason: str | None = None
    notes: tuple[str, ...] = ()
    defined: bool = True


def _only_target(solution: Solution, target: Profile) -> bool:
    return len(solution.equilibria) == 1 and solution.equilibria[0].pure_profile() == tuple(target)


def tail_of_uniqueness(game: Game, costs: Sequence[str], target: Profile) -> Tail:
    """The κ from which ``target`` is the unique equilibrium for good (see module docstring)."""
    # A 2x2x1 game is the 2x2 game of the others: mixed equilibria included.
    game, target = game.without_single_strategy_players(), game.solved_profile(target)
    if game.n_players > 2:
        return _tail_by_dominance(game, costs, target)
    points = equilibrium_breakpoints(game, costs)
    elements = []
    for index in range(len(points)):
        elements.append(("point", index))
        elements.append(("gap", index))
    last_solution = None
    # Walk back from the last gap (which reaches to infinity) while the target stays alone.
    start = None
    for pos in range(len(elements) - 1, -1, -1):
        kind, index = elements[pos]
        kappa = representative(points, index, kind)
        if kappa is None:  # irrational point: unique there if the gaps on both sides are
            continue
        solution = solve(game, kappa, costs)
        if pos == len(elements) - 1:
            last_solution = solution
        if not _only_target(solution, target):
            break
        start = pos
    if start is None:
        return Tail(None, reason=why_not_unique(game, costs, target, last_solution))
    kind, index = elements[start]
    point = points[index]
    if kind == "point":
        return Tail(point, attained=True)
    if isinstance(point, Root):
        return Tail(
            point,
            attained=False,
            bracket=(point.lo, point.hi),
            notes=("the threshold is an irrational root, given as a rational bracket",),
        )
    return Tail(point, attained=False)


def surviving_strategies(payoffs: np.ndarray) -> list[list[int]]:
    """Iterated elimination of pure strategies strictly dominated by pure strategies.

    Strategies removed this way are played in no equilibrium, mixed ones included.
    """
    alive = [list(range(k)) for k in payoffs.shape[:-1]]
    changed = True
    while changed:
        changed = False
        for i in range(len(alive)):
            sub = payoffs[np.ix_(*alive)][..., i]
            keep = []
            for a_pos, a in enumerate(alive[i]):
                row_a = np.take(sub, a_pos, axis=i)
                dominated = any(
                    all(x < y for x, y in zip(row_a.ravel(), np.take(sub, b_pos, axis=i).ravel()))
                    for b_pos in range(len(alive[i]))
                    if b_pos != a_pos
                )
                if not dominated:
                    keep.append(a)
            if len(keep) < len(alive[i]):
                alive[i] = keep
                changed = True
    return alive


def _tail_by_dominance(game: Game, costs, target: Profile) -> Tail:
    """3+ players: the target is alone after iterated strict dominance (sufficient), and it is
    the only pure equilibrium (necessary); both exact over pairwise breakpoints."""
    points = sort_points(pairwise_breakpoints(game, costs))
    require(walk_work(game.shape, len(points)))  # refused before the walk when past the work limit
    elements = [(kind, index) for index in range(len(points)) for kind in ("point", "gap")]

    def tail(test: Callable[[Fraction], bool]) -> tuple[Endpoint | None, bool]:
        """Where the last stretch on which ``test`` holds up to κ = ∞ starts, and whether it includes that point."""
        start = None
        for pos in range(len(elements) - 1, -1, -1):
            kind, index = elements[pos]
            kappa = representative(points, index, kind)  # never None: pairwise breakpoints are rational
            if kappa is None or not test(kappa):
                break
            start = pos
        if start is None:
            return None, False
        kind, index = elements[start]
        return points[index], kind == "point"

    def alone_after_dominance(kappa: Fraction) -> bool:
        """Iterated strict dominance at κ leaves only the target."""
        return all(
            len(a) == 1 and a[0] == t for a, t in zip(surviving_strategies(game.payoffs_at(kappa, costs)), target)
        )

    def only_pure(kappa: Fraction) -> bool:
        """The target is the only pure equilibrium at κ."""
        return pure_equilibria(game.payoffs_at(kappa, costs)) == [tuple(target)]

    upper, upper_attained = tail(alone_after_dominance)
    lower, lower_attained = tail(only_pure)
    note = "3+ players: mixed equilibria are not searched; uniqueness is proved by iterated strict dominance"
    if lower is None:
        return Tail(None, reason="another pure equilibrium survives at every cost level", notes=(note,))
    if upper is not None and upper == lower and upper_attained == lower_attained:
        return Tail(
            upper, attained=upper_attained, reason="iterated strict dominance leaves only the target", notes=(note,)
        )
    if upper is None:
        return Tail(
            None,
            defined=False,
            notes=(note,),
            reason=f"the target is the only pure equilibrium above κ = {exact_text(lower)}, but iterated "
            "dominance never proves it the only one (mixed equilibria need Gambit)",
        )
    return Tail(
        upper,
        attained=upper_attained,
        bracket=(
            Fraction(lower) if isinstance(lower, Fraction) else lower.lo,
            Fraction(upper) if isinstance(upper, Fraction) else upper.hi,
        ),
        reason=f"only pure equilibrium above {exact_text(lower)}; proved unique above {exact_text(upper)}",
        notes=(note,),
    )
