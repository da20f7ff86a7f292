"""How the equilibrium set changes with the cost level κ: exact breakpoints and regimes.

Two players. With A(κ) = U₁ − κW₁ and B(κ) = U₂ − κW₂ the equilibrium set can change only
where some equilibrium condition turns into an equality:

- a player's payoffs against one opponent strategy tie (pairwise breakpoints, linear);
- for a candidate mixed equilibrium with supports I, J (|I| = |J| = k ≥ 2), a probability of
  the indifference solution hits zero, an unused strategy starts to pay as much, or the
  indifference system turns singular. By Cramer's rule each of these is a polynomial in κ of
  degree ≤ k, found exactly in integers (:mod:`sovgame.costs.support_polynomials`).

In a 2x2 game only the pairwise breakpoints occur, and they are rational **[derived]**.
Larger games can have irrational breakpoints: every real root of those polynomials is
isolated with proof (:func:`sovgame.core.roots.nonnegative_roots`: a double root, or two roots
10⁻¹² apart, cannot hide) and carried as a :class:`~sovgame.core.roots.Root`, compared
exactly. Between consecutive breakpoints the equilibrium set keeps its structure, so one exact
solve per regime describes it. Where the target becomes the only equilibrium needs far fewer
of them (:mod:`sovgame.costs.uniqueness`).

More players: pure equilibria change only at pairwise breakpoints (exact); the equilibria of
each support change only at the breakpoints of :mod:`sovgame.solvers.kappa_points` (where a
solution of its indifference equations meets a best-reply tie, or two meet), found exactly;
where those cannot be listed, results say so. Players with a single strategy are set aside
first (:meth:`~sovgame.core.model.Game.without_single_strategy_players`): a 2x2x1 game is a
two-player game here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.budget import advance, breakpoint_work, metered, pair_units, require, support_pairs, sweep_forecast
from ..core.case import Case, as_case
from ..core.intervals import Endpoint, Interval, between, compare, exact_text, sort_points
from ..core.model import Game
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..core.roots import nonnegative_roots
from ..solvers.equilibria import Solution, describe_solution, solve
from .support_polynomials import IntegerGame, support_polynomials
from .verdicts import TODAY, contains

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
    return _breakpoints(game, costs)[0]


def _breakpoints(game: Game, costs: Sequence[str] | None) -> tuple[list[Endpoint], str | None]:
    """The breakpoints, and why those of mixed equilibria of 3+ players are missing (or None)."""
    game = game.without_single_strategy_players()
    points: list[Endpoint] = list(pairwise_breakpoints(game, costs))
    missing = None
    if game.n_players == 2 and min(game.shape) >= 2 and game.shape != (2, 2):
        points += _mixed_breakpoints(game, costs)
    elif game.n_players > 2:
        from ..solvers.kappa_points import kappa_breakpoints

        mixed = kappa_breakpoints(game.payoffs, game.cost_load(costs), Fraction(0), None)
        if isinstance(mixed, str):
            missing = mixed
        else:
            points += mixed
    return sort_points(points), missing


def _mixed_breakpoints(game: Game, costs) -> list[Endpoint]:
    """The roots of every support pair's polynomials (:mod:`sovgame.costs.support_polynomials`)."""
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

    def contained(self, marks: list[tuple[Fraction, str]]) -> list[tuple[Fraction, str]]:
        """The marked κ that lie in the regime, decided exactly."""
        interval = Interval(self.lo, self.lo_closed, self.hi, self.hi_closed)
        return [(k, text) for k, text in marks if contains(interval, k)]


@dataclass(frozen=True, repr=False)
class Sweep(Result):
    """The equilibrium set along κ from 0 to ``to``: where it changes, and each regime; its
    JSON is that of ``sovgame sweep``."""

    game: Game
    costs: tuple[str, ...]
    breakpoints: tuple[Endpoint, ...]  # where the equilibrium set changes
    candidates: tuple[Endpoint, ...]  # every κ where it might (the conditions' roots)
    regimes: tuple[Regime, ...]
    to: Fraction
    plausible: tuple[Fraction, Fraction] | None  # the declared range (None: none declared)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def marks(self) -> list[tuple[Fraction, str]]:
        """The cost levels the sweep marks: 0, today (1) and the top of the plausible range."""
        marks = [(Fraction(0), "0 (costs not counted)"), (TODAY, "1 (today)")]
        if self.plausible is not None and self.plausible[1] not in (0, TODAY):
            marks.append((self.plausible[1], f"{fmt(self.plausible[1])} (top)"))
        return marks

    def json_data(self) -> dict[str, Any]:
        marks = self.marks()
        return {
            "game": self.game.title,
            "costs": list(self.costs),
            "breakpoints": [exact_text(p) for p in self.breakpoints],
            "candidate_breakpoints": [exact_text(p) for p in self.candidates],
            "plausible_kappa": None if self.plausible is None else [json_number(v) for v in self.plausible],
            "regimes": [
                {
                    "lo": exact_text(r.lo),
                    "hi": None if r.hi is None else exact_text(r.hi),
                    "point": r.is_point,
                    "lo_closed": r.lo_closed,
                    "hi_closed": r.hi_closed,
                    "equilibria": None if r.solution is None else r.solution.json_data()["equilibria"],
                    "summary": describe_solution(r.solution, r.is_point),
                    "contains_kappa": [fmt(k) for k, _ in r.contained(marks)],
                }
                for r in self.regimes
            ],
            "notes": list(self.notes),
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("regimes", str(len(self.regimes))),
            ("breakpoints", ", ".join(exact_text(p) for p in self.breakpoints) or "none"),
        ]


@metered
def sweep(
    game: Game | Case, costs: Sequence[str] | None = None, to: Fraction | None = None, plausible: Sequence | None = None
) -> Sweep:
    """Every regime of the equilibrium set for κ in [0, to] (default: past the last breakpoint
    and the top of the plausible range: ``plausible``, else the case's, else [0, 1])."""
    case = as_case(game, plausible)
    game = case.game
    require(breakpoint_work(game.shape), forecast=sweep_forecast(game.shape))  # refused before it starts
    kept = game.kept_costs(costs, case.origin)
    points, missing = _breakpoints(game, kept)
    if to is None:  # past the last breakpoint and the plausible range, in round numbers
        last = max((p if isinstance(p, Fraction) else p.hi for p in points), default=Fraction(0))
        top = case.plausible[1]
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
    if missing is not None:
        notes.append(f"3+ players: regimes may miss where mixed equilibria change ({missing})")
    # merge_regimes starts a new regime exactly where the structure changes: every regime but
    # the first begins at a change point (a single point, an open gap, or a closed stretch).
    changes = tuple(dict.fromkeys(r.lo for r in regimes[1:]))
    if any(not isinstance(p, Fraction) for p in changes):
        notes.append(
            "some breakpoints are irrational (roots of polynomials from mixed equilibria): "
            "shown as ≈ decimals; each is known exactly as the only root of its polynomial in a "
            "rational interval of relative width below 1e-18"
        )
    return Sweep(game, kept, changes, tuple(points), tuple(regimes), to, case.plausible_kappa, tuple(notes))


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
