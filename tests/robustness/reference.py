"""An independent reference for robustness runs: each sample's thresholds worked out from
their definitions (docs/models.md), one sample at a time, in exact fractions.

Nothing here is sovgame's own computation. A sample is given as the sampler draws it: U and W,
arrays over flat profiles (C order of the strategy indices) and players, holding the payoffs
and cost loads, so that player i's payoff at profile s and cost level κ is
``U[s, i] − κ·W[s, i]``. Floats convert to fractions exactly, and then:

- **nash**: each unilateral deviation of player i from the target s* to s' gives the
  constraint κ·(W[s', i] − W[s*, i]) ≥ U[s', i] − U[s*, i]; the set of κ ≥ 0 meeting all of
  them is one closed interval, or empty. The **binding** player is the one whose own
  constraints set the lower end (the first on ties); none when the lower end is 0.
- **dominant**: the target strategy of every player pays strictly more than each rival
  against each profile of the others: the same constraints with > in place of ≥, over every
  opponents' profile.
- **unique** (two players): the set of κ on which the target is the only equilibrium, mixed
  ones included (a union of intervals: it can be bounded). At one rational κ the equilibria are found by enumerating the vertices of each
  player's best-response polytope (every square indifference system, solved in fractions) and
  keeping the pairs that are best responses to each other: an equilibrium other than the
  target exists iff such a pair other than the target exists (each maximal Nash subset is a
  product of polytopes whose vertices are such pairs). For a 2x2 game the equilibrium set
  changes only at the breakpoints Δu/Δw of one player's two strategies against one strategy of
  the other, so testing each breakpoint and one point inside each gap is exact
  (docs/models.md, "Uniqueness threshold"). Larger games can change between those breakpoints
  too (a mixed equilibrium appears at a root of a polynomial in κ); there the walk below tests
  the same elements only, which is what the tests compare where the vectorised walk settles a
  sample (it proves its answer on whole gaps).
- **verdicts**: against κ = 1 and the top of the plausible range, as docs/models.md,
  "Verdicts against today", says.

Sets of κ are :class:`Span` values, one interval each (nash and dominant give one), or a
:class:`Union` of them (unique).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

TODAY = Fraction(1)


@dataclass(frozen=True)
class Span:
    """One interval of κ ≥ 0 (``hi`` None: unbounded), or the empty set (``empty``)."""

    lo: Fraction = Fraction(0)
    lo_closed: bool = True
    hi: Fraction | None = None
    hi_closed: bool = False
    empty: bool = False

    def contains(self, k: Fraction) -> bool:
        if self.empty or k < self.lo or (k == self.lo and not self.lo_closed):
            return False
        return self.hi is None or k < self.hi or (k == self.hi and self.hi_closed)

    def meets_above(self, a: Fraction, b: Fraction | None) -> bool:
        """Whether the set meets (a, b] (b None: (a, ∞)), for a < b."""
        if self.empty:
            return False
        reaches = self.hi is None or self.hi > a
        starts = b is None or self.lo < b or (self.lo == b and self.lo_closed)
        return reaches and starts

    @property
    def value(self) -> Fraction | None:
        """The threshold: the smallest κ of the set (None: never)."""
        return None if self.empty else self.lo


NEVER = Span(empty=True)


@dataclass(frozen=True)
class Union:
    """A union of disjoint :class:`Span` pieces in increasing order (none: the empty set)."""

    pieces: tuple[Span, ...]

    @property
    def empty(self) -> bool:
        return not self.pieces

    def contains(self, k: Fraction) -> bool:
        return any(piece.contains(k) for piece in self.pieces)

    def meets_above(self, a: Fraction, b: Fraction | None) -> bool:
        return any(piece.meets_above(a, b) for piece in self.pieces)

    @property
    def value(self) -> Fraction | None:
        """The threshold: the smallest κ of the set (None: never)."""
        return self.pieces[0].lo if self.pieces else None


# --- a sample as exact numbers ------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One sampled game: payoff u[s][i] and cost load w[s][i] per profile s (a tuple)."""

    shape: tuple[int, ...]
    u: dict[tuple[int, ...], tuple[Fraction, ...]]
    w: dict[tuple[int, ...], tuple[Fraction, ...]]

    @classmethod
    def of(cls, shape: Sequence[int], U: np.ndarray, W: np.ndarray) -> Sample:
        """From one sample's arrays (profiles, players), each float converted exactly."""
        profiles = list(itertools.product(*(range(k) for k in shape)))
        u = {p: tuple(Fraction(float(x)) for x in U[k]) for k, p in enumerate(profiles)}
        w = {p: tuple(Fraction(float(x)) for x in W[k]) for k, p in enumerate(profiles)}
        return cls(tuple(shape), u, w)

    def payoff(self, profile: tuple[int, ...], player: int, kappa: Fraction) -> Fraction:
        return self.u[profile][player] - kappa * self.w[profile][player]

    def gain(self, player: int, at: tuple[int, ...], to: tuple[int, ...]) -> tuple[Fraction, Fraction]:
        """(a, b): player's gain from moving ``at`` → ``to`` is a − κ·b."""
        return self.u[to][player] - self.u[at][player], self.w[to][player] - self.w[at][player]


def moved(profile: tuple[int, ...], player: int, strategy: int) -> tuple[int, ...]:
    return profile[:player] + (strategy,) + profile[player + 1 :]


# --- nash, binding, dominant ---------------------------------------------------------------------


def no_gain_set(constraints: Sequence[tuple[Fraction, Fraction]], strict: bool) -> Span:
    """The κ ≥ 0 with a − κ·b ≤ 0 (< 0 when strict) for every (a, b)."""
    lo, lo_closed, hi, hi_closed = Fraction(0), True, None, False
    for a, b in constraints:
        if b == 0:
            if a > 0 or (strict and a == 0):
                return NEVER
        elif b > 0:  # κ ≥ a/b (κ > a/b)
            r = a / b
            if r > lo or (r == lo and strict):
                lo, lo_closed = r, not strict
        else:  # κ ≤ a/b (κ < a/b)
            r = a / b
            if hi is None or r < hi or (r == hi and strict):
                hi, hi_closed = r, not strict
    if hi is not None and (hi < lo or (hi == lo and not (lo_closed and hi_closed))):
        return NEVER
    return Span(lo, lo_closed, hi, hi_closed)


def deviations(sample: Sample, target: tuple[int, ...]) -> list[tuple[int, Fraction, Fraction]]:
    """(player, a, b) of every unilateral deviation from the target."""
    found = []
    for i, k in enumerate(sample.shape):
        for s in range(k):
            if s != target[i]:
                found.append((i, *sample.gain(i, target, moved(target, i, s))))
    return found


def nash_set(sample: Sample, target: tuple[int, ...]) -> Span:
    return no_gain_set([(a, b) for _, a, b in deviations(sample, target)], strict=False)


def binding_player(sample: Sample, target: tuple[int, ...]) -> int | str | None:
    """The player whose constraints set the nash threshold's lower end (first on ties);
    None when the threshold is 0; "never" when there is none."""
    found = nash_set(sample, target)
    if found.empty:
        return "never"
    if found.lo == 0:
        return None
    own = {}
    for i, a, b in deviations(sample, target):
        if b > 0:
            own[i] = max(own.get(i, a / b), a / b)
    return min(i for i, bound in own.items() if bound == found.lo)


def dominant_set(sample: Sample, target: tuple[int, ...]) -> Span:
    constraints = []
    for i, k in enumerate(sample.shape):
        for profile in itertools.product(*(range(n) for n in sample.shape)):
            if profile[i] != target[i]:
                continue
            for rival in range(k):
                if rival != target[i]:
                    constraints.append(sample.gain(i, profile, moved(profile, i, rival)))
    return no_gain_set(constraints, strict=True)


# --- equilibria of a two-player game at one κ ---------------------------------------------------


def solve(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system by Gauss–Jordan elimination, or None."""
    n = len(rhs)
    rows = [list(r) + [v] for r, v in zip(matrix, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                f = rows[r][col] / rows[col][col]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[col])]
    return [rows[r][n] / rows[r][r] for r in range(n)]


def vertices(payoff: list[list[Fraction]]) -> set[tuple[Fraction, ...]]:
    """Mixed strategies x of the player choosing rows of ``payoff`` (the *other* player's
    payoffs, rows × columns) that are vertices of the best-response polytope: for supports I
    of x and equally many columns K, the x on I that makes the other player indifferent
    between the columns of K (Σ_{i∈I} x_i·payoff[i][j] = v for j ∈ K, Σ x = 1), where that
    system has one solution and x ≥ 0."""
    m, n = len(payoff), len(payoff[0])
    found = set()
    for size in range(1, min(m, n) + 1):
        for support in itertools.combinations(range(m), size):
            for columns in itertools.combinations(range(n), size):
                matrix = [[payoff[i][j] for i in support] + [Fraction(-1)] for j in columns]
                matrix.append([Fraction(1)] * size + [Fraction(0)])
                solution = solve(matrix, [Fraction(0)] * size + [Fraction(1)])
                if solution is None or any(x < 0 for x in solution[:size]):
                    continue
                x = [Fraction(0)] * m
                for i, p in zip(support, solution):
                    x[i] = p
                found.add(tuple(x))
    return found


def best_responses(payoff: list[list[Fraction]], other: Sequence[Fraction]) -> set[int]:
    """The rows of ``payoff`` (this player's payoffs, rows its own strategies) that pay most
    against the other player's mixed strategy ``other`` over the columns."""
    values = [sum((p * q for p, q in zip(row, other)), Fraction(0)) for row in payoff]
    best = max(values)
    return {r for r, v in enumerate(values) if v == best}


def equilibria(sample: Sample, kappa: Fraction) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Every extreme equilibrium of a two-player sample at κ."""
    m, n = sample.shape
    A = [[sample.payoff((r, c), 0, kappa) for c in range(n)] for r in range(m)]
    B = [[sample.payoff((r, c), 1, kappa) for c in range(n)] for r in range(m)]
    Bt = transposed(B)
    rows = vertices(B)  # the row player's mixes make the column player indifferent
    cols = vertices(transposed(A))  # and the column player's the row player
    found = []
    for x in rows:
        replies = best_responses(Bt, x)
        for y in cols:
            if {j for j, q in enumerate(y) if q} <= replies and {i for i, p in enumerate(x) if p} <= best_responses(
                A, y
            ):
                found.append((x, y))
    return found


def transposed(matrix: list[list[Fraction]]) -> list[list[Fraction]]:
    return [list(col) for col in zip(*matrix)]


def target_alone(sample: Sample, target: tuple[int, int], kappa: Fraction) -> bool:
    """Whether the target profile is the only equilibrium at κ."""
    pure = (
        tuple(Fraction(int(k == target[0])) for k in range(sample.shape[0])),
        tuple(Fraction(int(k == target[1])) for k in range(sample.shape[1])),
    )
    return all(e == pure for e in equilibria(sample, kappa))


def pairwise_breakpoints(sample: Sample) -> list[Fraction]:
    """0 and every κ > 0 where one player's two strategies pay the same against one strategy
    of the other, in increasing order."""
    m, n = sample.shape
    points = {Fraction(0)}
    for c in range(n):
        for r1, r2 in itertools.combinations(range(m), 2):
            points.add(_root(*sample.gain(0, (r1, c), (r2, c))))
    for r in range(m):
        for c1, c2 in itertools.combinations(range(n), 2):
            points.add(_root(*sample.gain(1, (r, c1), (r, c2))))
    return sorted(p for p in points if p >= 0)


def _root(a: Fraction, b: Fraction) -> Fraction:
    """Where a − κ·b = 0 (−1, out of range, when b = 0)."""
    return a / b if b != 0 else Fraction(-1)


def unique_set(sample: Sample, target: tuple[int, int]) -> Union:
    """The set of κ on which the target is the only equilibrium: κ = 0, every breakpoint and
    one point inside each gap between them (and beyond the last) tested, and the runs of
    elements where the target is alone joined into intervals."""
    points = sorted(set(pairwise_breakpoints(sample)) | {Fraction(0)})
    elements: list[tuple[Fraction, bool, bool]] = []  # (κ tested, is a breakpoint, target alone)
    for k, p in enumerate(points):
        elements.append((p, True, target_alone(sample, target, p)))
        beyond = points[k + 1] if k + 1 < len(points) else p + max(Fraction(1), p)
        middle = (p + beyond) / 2
        elements.append((middle, False, target_alone(sample, target, middle)))
    pieces: list[Span] = []
    start = None
    for k, (_, _, alone) in enumerate(elements):
        if alone and start is None:
            start = k
        if start is not None and (k + 1 == len(elements) or not elements[k + 1][2]):
            first_kappa, first_point, _ = elements[start]
            lo = first_kappa if first_point else points[start // 2]
            last_kappa, last_point, _ = elements[k]
            hi = last_kappa if last_point else (points[k // 2 + 1] if k // 2 + 1 < len(points) else None)
            pieces.append(Span(lo, first_point, hi, last_point))
            start = None
    return Union(tuple(pieces))


# --- verdicts ------------------------------------------------------------------------------------


def verdict(found: Span | Union, top: Fraction) -> str:
    """holds_today if 1 ∈ S; reachable if not but S meets (1, top]; beyond if S meets
    (max(1, top), ∞); lapsed if S ≠ ∅ lies within [0, 1); never if S = ∅."""
    if found.empty:
        return "never"
    if found.contains(TODAY):
        return "holds_today"
    if top > TODAY and found.meets_above(TODAY, top):
        return "reachable"
    return "beyond" if found.meets_above(max(TODAY, top), None) else "lapsed"


@dataclass(frozen=True)
class Thresholds:
    """A sample's three sets and the binding player (``unique`` None: not computed)."""

    nash: Span
    dominant: Span
    unique: Union | None
    binding: int | str | None


def thresholds(sample: Sample, target: tuple[int, ...], unique: bool = True) -> Thresholds:
    """Every threshold of one sample; ``unique`` only for two players when asked."""
    tail = unique_set(sample, target) if unique and len(sample.shape) == 2 else None  # type: ignore[arg-type]
    return Thresholds(nash_set(sample, target), dominant_set(sample, target), tail, binding_player(sample, target))
