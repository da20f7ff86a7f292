"""The track of ``unique``: the set of κ where the target is the only equilibrium, along one number.

``unique``. Every equilibrium condition compares two strategies of one player against one
profile of the others: a pairwise gain α(p) − κ·β(p). At a given (κ, p) their signs decide
two exact tests (as :mod:`sovgame.robustness.kappa_sets` does in floats):

- *alone*: iterated elimination of strictly dominated strategies leaves only the target, so
  it is the only equilibrium, mixed ones included;
- *maybe alone*: two players: the target is an equilibrium, no other pure profile is, and no
  continuum runs through it (no player ties there while the other's reply is strict); three
  or more players: the target is the only pure equilibrium (as :mod:`sovgame.costs.regimes`).

Two players: the sets of κ on which each holds, element by element over the pairwise
breakpoints, bracket the uniqueness set: alone ⊆ unique ⊆ maybe alone. In a 2x2 game the two
coincide (every sign pattern is one or the other), so the track is exact and its events are
those of the linear conditions (:mod:`sovgame.sensitivity.tracks`). In larger two-player games
the verdict is settled where both sets give the same one (a verdict grows with the set: it is
the best of the regions — today, up to the top, beyond, below today — the set meets), else the
exact set decides (:func:`sovgame.costs.uniqueness.uniqueness_of`) and the gap is refined at
the values of p where the equilibrium set at κ = 1 or at the top changes; a verdict change
through mixed equilibria born away from both is not searched, and the track says so
(``complete``). Three or more players: the tails (for every larger κ) of the two tests
bracket the uniqueness tail of :func:`sovgame.costs.uniqueness.tail_of_uniqueness`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ..core.budget import Work, require
from ..core.intervals import Endpoint, Interval
from ..core.roots import Number
from ..core.sensitivity_work import reading_work
from ..costs.verdicts import Verdict, verdict_for
from .parameters import Line, ParameterKind
from .tracks import (
    Bounded,
    Constant,
    Form,
    Formula,
    Never,
    Ratio,
    Reading,
    at,
    endpoint_events,
    form_polynomials,
    moves,
    roots_of,
)

Key = tuple[int, tuple[int, ...], tuple[int, ...]]


def comparisons(line: Line) -> tuple[list[Key], list[Form]]:
    """Every pairwise comparison (player, from profile, to profile, the player's strategy
    rising) and its form."""
    game = line.game
    keys: list[Key] = []
    for i, k in enumerate(game.shape):
        for profile in game.profiles():
            if profile[i] != 0:
                continue
            for s, t in itertools.combinations(range(k), 2):
                keys.append((i, profile[:i] + (s,) + profile[i + 1 :], profile[:i] + (t,) + profile[i + 1 :]))
    return keys, [line.form(i, a, b) for i, a, b in keys]


class Signs:
    """Signs of every pairwise gain at one (κ, p): ``sign(i, at, to)`` of u_i(to) − u_i(at)."""

    def __init__(self, index: dict[Key, int], signs: list[int]):
        self._index = index
        self._signs = signs

    @staticmethod
    def at(index: dict[Key, int], values: list[tuple[Fraction, Fraction]], kappa: Fraction) -> Signs:
        """The signs of the gains (a, b) at κ: of a − κ·b."""
        return Signs(index, [(g > 0) - (g < 0) for g in (a - kappa * b for a, b in values)])

    def sign(self, i: int, at: tuple[int, ...], to: tuple[int, ...]) -> int:
        """The sign of player i's gain moving from ``at`` to ``to`` (0 for no move)."""
        if at == to:
            return 0
        k = self._index.get((i, at, to))
        return self._signs[k] if k is not None else -self._signs[self._index[(i, to, at)]]


def _with(profile: tuple[int, ...], i: int, s: int) -> tuple[int, ...]:
    return profile[:i] + (s,) + profile[i + 1 :]


def alone_after_dominance(shape: tuple[int, ...], target: tuple[int, ...], signs: Signs) -> bool:
    """Iterated strict dominance by pure strategies leaves only the target."""
    alive = [list(range(k)) for k in shape]
    changed = True
    while changed:
        changed = False
        for i in range(len(shape)):
            rest = [alive[j] if j != i else [0] for j in range(len(shape))]
            others = list(itertools.product(*rest))
            keep = [
                s
                for s in alive[i]
                if not any(
                    all(signs.sign(i, _with(o, i, s), _with(o, i, r)) > 0 for o in others) for r in alive[i] if r != s
                )
            ]
            if len(keep) < len(alive[i]):
                alive[i], changed = keep, True
    return all(a == [t] for a, t in zip(alive, target))


def is_pure_nash(shape: tuple[int, ...], profile: tuple[int, ...], signs: Signs) -> bool:
    """No player gains by a unilateral move from ``profile``."""
    return all(
        signs.sign(i, profile, _with(profile, i, s)) <= 0
        for i, k in enumerate(shape)
        for s in range(k)
        if s != profile[i]
    )


def maybe_alone(shape: tuple[int, ...], target: tuple[int, ...], signs: Signs) -> bool:
    """Not proved to have a rival (module docstring): the target is the only pure equilibrium
    and, with two players, no continuum of equilibria runs through it."""
    if not is_pure_nash(shape, target, signs):
        return False
    if any(is_pure_nash(shape, p, signs) for p in itertools.product(*map(range, shape)) if p != target):
        return False
    if len(shape) != 2:
        return True
    gaps = [
        [signs.sign(i, target, _with(target, i, s)) for s in range(k) if s != target[i]] for i, k in enumerate(shape)
    ]
    ties = [any(g == 0 for g in own) for own in gaps]
    strict = [all(g < 0 for g in own) for own in gaps]
    return not ((ties[0] and strict[1]) or (ties[1] and strict[0]))


def _tails(
    shape: tuple[int, ...], target: tuple[int, ...], index: dict[Key, int], values: list[tuple[Fraction, Fraction]]
) -> tuple[tuple[Endpoint, bool] | None, tuple[Endpoint, bool] | None]:
    """The tails (start, attained) of κ on which the target is *alone* and *maybe alone*, walked
    down from κ = ∞ over the pairwise breakpoints (None: no tail).

    A gain a − κb = b·(r − κ) with r = a/b; in each element (a breakpoint or the gap after it)
    its sign follows from where r sits among the breakpoints, so no arithmetic is needed there.
    """
    roots = [a / b if b != 0 else None for a, b in values]
    points = sorted({Fraction(0)} | {r for r in roots if r is not None and r > 0})
    rank = {p: k for k, p in enumerate(points)}
    fixed = [
        ((a > 0) - (a < 0), 0, -2) if r is None else (0, (b > 0) - (b < 0), rank.get(r, -1))
        for (a, b), r in zip(values, roots)
    ]
    starts: list[tuple[Endpoint, bool] | None] = [None, None]
    going = [True, True]
    tests = (alone_after_dominance, maybe_alone)
    for k in range(len(points) - 1, -1, -1):
        for point in (False, True):  # the gap after point k, then point k
            if point:
                signs = [const if pos == -2 else slope * ((pos > k) - (pos < k)) for const, slope, pos in fixed]
            else:
                signs = [const if pos == -2 else (slope if pos > k else -slope) for const, slope, pos in fixed]
            found = Signs(index, signs)
            for j in (0, 1):
                if going[j] and tests[j](shape, target, found):
                    starts[j] = (points[k], point)
                else:
                    going[j] = False
            if not any(going):
                return starts[0], starts[1]
    return starts[0], starts[1]


def _sets(
    shape: tuple[int, ...], target: tuple[int, ...], index: dict[Key, int], values: list[tuple[Fraction, Fraction]]
) -> tuple[list[Interval], list[Interval]]:
    """Two players: the sets of κ on which the target is *alone* and *maybe alone*, element by
    element over the pairwise breakpoints (each point, then the gap after it), the signs of
    the gains read from where their roots sit among the breakpoints (as :func:`_tails`).
    Alone implies maybe alone (the only equilibrium is the only pure one, with no continuum)."""
    roots = [a / b if b != 0 else None for a, b in values]
    points = sorted({Fraction(0)} | {r for r in roots if r is not None and r > 0})
    rank = {p: k for k, p in enumerate(points)}
    fixed = [
        ((a > 0) - (a < 0), 0, -2) if r is None else (0, (b > 0) - (b < 0), rank.get(r, -1))
        for (a, b), r in zip(values, roots)
    ]
    elements: list[tuple[Endpoint, Endpoint | None, bool, bool, bool]] = []
    for k, lo in enumerate(points):
        for point in (True, False):
            if point:
                signs = [const if pos == -2 else slope * ((pos > k) - (pos < k)) for const, slope, pos in fixed]
            else:
                signs = [const if pos == -2 else (slope if pos > k else -slope) for const, slope, pos in fixed]
            found = Signs(index, signs)
            maybe = maybe_alone(shape, target, found)
            alone = maybe and alone_after_dominance(shape, target, found)
            hi = lo if point else (points[k + 1] if k + 1 < len(points) else None)
            elements.append((lo, hi, point, alone, maybe))
    return _runs(elements, 3), _runs(elements, 4)


def _runs(elements: list[tuple[Endpoint, Endpoint | None, bool, bool, bool]], flag: int) -> list[Interval]:
    """The intervals of consecutive elements whose ``flag`` is set."""
    out: list[Interval] = []
    start = None
    for k, element in enumerate(elements):
        if element[flag] and start is None:
            start = element
        if start is not None and (k + 1 == len(elements) or not elements[k + 1][flag]):
            hi, hi_closed = (element[0], True) if element[2] else (element[1], False)
            out.append(Interval(start[0], start[2], hi, hi_closed))
            start = None
    return out


def _tail_interval(tail: tuple[Endpoint, bool] | None) -> list[Interval]:
    return [] if tail is None else [Interval(tail[0], tail[1], None)]


def formula_of(start: Endpoint, values: list[tuple[Fraction, Fraction]], forms: list[Form]) -> Formula:
    """The formula of a threshold that starts at a pairwise breakpoint (or at 0)."""
    if start == 0:
        return Constant(Fraction(0))
    for form, (a, b) in zip(forms, values):
        if b != 0 and a / b == start:
            return Ratio.of(form) if moves(form) else Constant(start)
    return Constant(start)


@dataclass(frozen=True, eq=False)
class UniqueTrack:
    """``unique``: the set of κ where the target is the only equilibrium (module docstring)."""

    subject: str
    line: Line
    target: tuple[int, ...]
    keys: tuple[Key, ...]
    forms: tuple[Form, ...]

    #: Exact wherever the sign tests settle the verdict; the walk marks readings the solver
    #: had to decide (see the module docstring).
    complete = True

    def read(self, p: Fraction) -> Reading:
        """The uniqueness set at p, from the two sign tests or, where they disagree on the
        verdict in a two-player game, from the exact set."""
        require(reading_work(len(self.forms), unique=True))
        game = self.line.game
        top = self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP
        values = [at(f, self.line.parameter.value if top else p) for f in self.forms]
        index = {k: j for j, k in enumerate(self.keys)}
        plausible = (Fraction(0), self.line.top(p))
        forms = list(self.forms)
        if game.n_players > 2:
            return self._read_tails(_tails(game.shape, self.target, index, values), plausible, values)
        alone, maybe = _sets(game.shape, self.target, index, values)
        if alone == maybe or game.shape == (2, 2):
            return _set_reading(alone, plausible, values, forms)
        low = formula_of(maybe[0].lo, values, forms)
        high = formula_of(alone[0].lo, values, forms) if alone else Never()
        bounded = Bounded(low, high, "mixed equilibria decide where")
        earliest = verdict_for(maybe, plausible)
        if alone and earliest == verdict_for(alone, plausible):
            return Reading(earliest, None, False, bounded)
        if top:  # the game does not move: one exact set serves every top
            solved = self._solved_at_value
            return replace(solved, state=verdict_for(solved.intervals, plausible), solver=False)
        return self._solved(p, plausible, bounded)

    def _read_tails(
        self,
        tails: tuple[tuple[Endpoint, bool] | None, tuple[Endpoint, bool] | None],
        plausible: tuple[Fraction, Fraction],
        values: list[tuple[Fraction, Fraction]],
    ) -> Reading:
        """Three or more players: the tails of the two tests (module docstring)."""
        alone, maybe = tails
        forms = list(self.forms)
        if alone == maybe:
            return _tail_reading(alone, plausible, values, forms)
        if maybe is None:
            return Reading(Verdict.NEVER, None, False, Never())
        low = formula_of(maybe[0], values, forms)
        high = formula_of(alone[0], values, forms) if alone is not None else Never()
        return _bracket_reading(alone, maybe, plausible, Bounded(low, high, "mixed equilibria not searched"))

    @functools.cached_property
    def _solved_at_value(self) -> Reading:
        value = self.line.parameter.value
        return self._solved(value, (Fraction(0), self.line.top(value)), Constant(Fraction(0)))

    def _solved(self, p: Fraction, plausible: tuple[Fraction, Fraction], formula: Formula) -> Reading:
        """The exact set (two players, where the sign tests leave the verdict open)."""
        from ..costs.uniqueness import uniqueness_of

        found = uniqueness_of(self.line.game_at(p).game, ("costs",), self.target)
        if not found.intervals:
            return Reading(Verdict.NEVER, None, False, Never(), solver=True)
        first = found.intervals[0]
        if isinstance(first.lo, Fraction) and formula == Constant(Fraction(0)):
            formula = Constant(first.lo)
        verdict = verdict_for(found.intervals, plausible)
        return Reading(
            verdict, first.lo, first.lo_closed, formula, solver=True, intervals=found.intervals, bracket=found.bracket
        )

    def events(self, extra: Sequence[Fraction] = ()) -> list[Number]:
        """Where the sign tests, and so the verdict and formula, can change."""
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return endpoint_events(self.read(self.line.parameter.value).intervals)
        constants = [Fraction(0), Fraction(1), self.line.top(self.line.parameter.value), *extra]
        return roots_of(form_polynomials(self.forms, constants))

    def refine(self) -> list[Number]:
        """The extra events once the solver decided a reading: where the equilibrium set at
        κ = 1 or at the top changes as p moves (the breakpoints of the game in p at that κ)."""
        return breakpoints_in_p(self.line, [Fraction(1), self.line.top(self.line.parameter.value)])

    def depends(self) -> bool:
        """Whether the number enters any pairwise comparison."""
        if self.line.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return bool(self.read(self.line.parameter.value).intervals)
        return any(moves(f) for f in self.forms)


def _set_reading(
    intervals: list[Interval],
    plausible: tuple[Fraction, Fraction],
    values: list[tuple[Fraction, Fraction]],
    forms: list[Form],
) -> Reading:
    """The reading of an exact set: its verdict, its least κ and that κ's formula."""
    verdict = verdict_for(intervals, plausible)
    if not intervals:
        return Reading(verdict, None, False, Never())
    first = intervals[0]
    return Reading(verdict, first.lo, first.lo_closed, formula_of(first.lo, values, forms), intervals=tuple(intervals))


def _tail_reading(
    tail: tuple[Endpoint, bool] | None,
    plausible: tuple[Fraction, Fraction],
    values: list[tuple[Fraction, Fraction]],
    forms: list[Form],
) -> Reading:
    intervals = _tail_interval(tail)
    verdict = verdict_for(intervals, plausible)
    if tail is None:
        return Reading(verdict, None, False, Never())
    return Reading(verdict, tail[0], tail[1], formula_of(tail[0], values, forms), intervals=tuple(intervals))


def _bracket_reading(
    alone: tuple[Endpoint, bool] | None,
    maybe: tuple[Endpoint, bool],
    plausible: tuple[Fraction, Fraction],
    formula: Formula,
) -> Reading:
    """Three or more players, as :func:`sovgame.costs.thresholds.compute_thresholds` decides it:
    proved unique above the dominance tail, the only pure equilibrium above the other; the
    verdict is settled when both ends give the same one (None: not settled or not defined)."""
    if alone is None:
        return Reading(None, None, False, formula)
    earliest = verdict_for([Interval(maybe[0], True, None)], plausible)
    latest = verdict_for([Interval(alone[0], False, None)], plausible)
    interval = Interval(alone[0], alone[1], None)
    return Reading(earliest if earliest == latest else None, alone[0], alone[1], formula, intervals=(interval,))


def breakpoints_in_p(line: Line, kappas: Sequence[Fraction]) -> list[Number]:
    """Every p where the equilibrium set of the game at one of ``kappas`` may change: the
    breakpoints of :func:`sovgame.costs.regimes.equilibrium_breakpoints`, with p in the role
    of κ (both signs of p)."""
    from ..costs.regimes import equilibrium_breakpoints

    kappas = list(dict.fromkeys(kappas))
    require(breakpoints_in_p_work(line.game.shape, 2 * len(kappas)))  # refused before it starts
    found: list[Number] = []
    for c in kappas:
        for sign in (1, -1):
            for point in equilibrium_breakpoints(_game_in_p(line, c, sign), ("costs",)):
                found.append(point if sign > 0 else -point)
    return found


def breakpoints_in_p_work(shape: tuple[int, ...], games: int) -> Work:
    """The breakpoints of ``games`` games in p (:func:`breakpoints_in_p`): for each, those of
    :func:`sovgame.core.budget.breakpoint_work`, without the support pairs' roots where
    :func:`sovgame.costs.regimes.equilibrium_breakpoints` leaves them out (too many pairs)."""
    import math

    from ..core.budget import breakpoint_work, support_pairs
    from ..costs.regimes import MAX_SUPPORT_PAIRS

    shape = tuple(k for k in shape if k > 1)
    units = breakpoint_work(shape).units
    if len(shape) == 2 and support_pairs(*shape) > MAX_SUPPORT_PAIRS:
        units = math.prod(shape) * sum(k - 1 for k in shape) * 4 + 100  # the pairwise ties alone
    return Work(
        games * units,
        f"where the equilibria of this {'x'.join(map(str, shape))} game change as one number moves",
        f"the breakpoints of {games} games in that number, mixed equilibria included",
        "follow fewer criteria ({{criterion}} nash, strict or dominant), or remove dominated strategies",
    )


def _game_in_p(line: Line, kappa: Fraction, sign: int):
    """A game whose 'cost level' is ±p: payoffs U(p) − κ·W(p) = P0 − (±p)·E at this κ, so
    the equilibrium breakpoints of :mod:`sovgame.costs.regimes` are where its equilibria change in p."""
    from dataclasses import replace

    from ..core.model import Cost, Incidence

    game = line.game
    P0 = line.U0 - kappa * line.W0
    E = -(line.dU - kappa * line.dW) * sign
    n = game.n_players
    exposure = {profile: tuple(E[profile + (i,)] for i in range(n)) for profile in game.profiles()}
    cost = Cost("costs", Incidence.CUSTOM, (Fraction(1),) * n, tuple(range(n)), exposure)
    return replace(game, payoffs=P0, costs=(cost,))
