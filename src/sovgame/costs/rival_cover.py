"""Whether rival equilibria cover a whole open pairwise gap: a shortcut of the uniqueness walk.

In an open gap (lo, hi) of :mod:`sovgame.costs.uniqueness` (the target a pure equilibrium, not
alone by dominance, no other pure equilibrium) the walk decides each stretch from every
candidate support pair's polynomials, tens of thousands of pairs at 10x10. Where the target
is alone nowhere in the gap, a few exact solves prove it instead.

**A witness.** Solve the game reduced to the dominance survivors exactly at a rational κ₀ in
the gap (the survivors, and so the reduced game's equilibria, are the same on the whole gap:
:mod:`sovgame.costs.support_pairs`). Take an equilibrium (x, y) other than the target whose
supports I, J have k = |I| = |J| ≥ 2 strategies and on which the pair (I, J) *strictly
holds* at κ₀ (:func:`~sovgame.costs.support_pairs.strictly_holds`: each player's system
nonsingular, its mix strictly positive, every other surviving strategy strictly worse). Each
of those conditions is the sign of one polynomial in κ (D, N_0..N_{k−1} and the outside
values of both players' systems, :mod:`sovgame.costs.support_polynomials`), none of them zero
at κ₀. Let (a, b) be the stretch around κ₀ up to the nearest root of any of them (clipped to
the gap). None vanishes on (a, b), so each keeps its sign and the pair strictly holds there:
y(κ) = N(κ)/D(κ) on J and x(κ) on I are mixes, each making the other's support indifferent
and strictly better than the other survivors, which in turn beat every eliminated strategy
against mixes on survivors. So (x(κ), y(κ)) is an equilibrium at every κ in (a, b), and it
is not the target (two strategies or more in each support).

**The cover.** Witness stretches are open, so probing a rational point of every part of the
gap they leave open, again and again, either leaves finitely many points uncovered or stops
(a probe without a witness, or the number of probes spent), and then the walk decides the
gap as before. Where only finitely many points r are left and the target is a *strict*
equilibrium on the gap, the target is alone nowhere in it: rivals at κ → r from a covered
side have a limit point, an equilibrium at r (the equilibrium conditions are closed in κ and
in the mixes), and it is not the target, since near a strict equilibrium and near r each
player's only best reply is its target strategy (the limit argument of
:mod:`sovgame.costs.uniqueness`). Where the target is not strict, each point left must be
proved on its own: inside another witness's stretch, or an end of one at which both of its
systems are nonsingular, so that its mixes N_j/D are continuous there and their limit
satisfies the equilibrium conditions (closed ones, not strictly), and at which some strategy
other than the target's keeps a nonzero weight (N_j ≠ 0, an exact sign): that limit is a
rival (:func:`rival_limit`). The walk's answer on the gap is then "not alone" throughout,
which is what it would find stretch by stretch (its answers are exact).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from fractions import Fraction
from typing import NamedTuple

from ..core.budget import require, solve_work
from ..core.intervals import Endpoint, Root, between, compare
from ..core.polynomials import sign_at
from ..solvers.pivoting import solve_two_player
from .regimes import polynomial_roots
from .support_pairs import PairBreakpoints, members, strictly_holds
from .support_polynomials import IntPoly, SupportSystem, sign_at_root

#: Ends of stretches in exact order (None: +∞).
_ORDER = functools.cmp_to_key(compare)

#: Exact solves spent on one gap before the walk decides it pair by pair.
PROBES = 6

Systems = list[tuple[SupportSystem, list[int]]]


class Stretch(NamedTuple):
    """An open stretch (lo, hi) of κ with a rival equilibrium at each κ, and whether the rival
    also exists at an end (its limit there, :func:`rival_limit`)."""

    lo: Endpoint
    hi: Endpoint | None
    lo_rival: bool = False
    hi_rival: bool = False

    def covers(self, point: Endpoint) -> bool:
        """Whether a rival is proved at ``point``."""
        lo, hi = compare(point, self.lo), compare(point, self.hi)
        return (lo > 0 or (lo == 0 and self.lo_rival)) and (hi < 0 or (hi == 0 and self.hi_rival))


def covered_by_rivals(
    cache: PairBreakpoints,
    alive: tuple[int, int],
    target: tuple[int, int],
    gap: tuple[Fraction, Fraction | None],
    strict: bool,
) -> bool:
    """Whether witnesses (module docstring) cover the open gap, within :data:`PROBES` solves:
    all of it, or, where the target is ``strict`` on the gap, all but finitely many points."""
    found: list[Stretch] = []
    open_parts: list[tuple[Endpoint, Endpoint | None]] = [gap]
    for _ in range(PROBES):
        if not open_parts:
            break
        start, end = open_parts.pop()
        kappa = between(start, end)
        here = list(witness_stretches(cache, alive, target, kappa, gap))
        if not here:
            return False
        found += here
        below = min((s.lo for s in here), key=_ORDER)
        above = max((s.hi for s in here), key=_ORDER)
        if compare(below, start) > 0:
            open_parts.append((start, below))
        if above is not None and compare(above, end) < 0:
            open_parts.append((above, end))
    if open_parts:
        return False
    if strict:
        return True
    # What the open stretches leave uncovered is among their ends inside the gap.
    ends = [
        e for s in found for e in (s.lo, s.hi) if e is not None and compare(e, gap[0]) > 0 and compare(e, gap[1]) < 0
    ]
    return all(any(s.covers(e) for s in found) for e in ends)


def witness_stretches(
    cache: PairBreakpoints,
    alive: tuple[int, int],
    target: tuple[int, int],
    kappa: Fraction,
    gap: tuple[Fraction, Fraction | None],
) -> Iterator[Stretch]:
    """The stretch around κ of each witness among the equilibria of the reduced game at κ."""
    rows, cols = members(alive[0]), members(alive[1])
    require(solve_work((len(rows), len(cols)), mixed=False))
    a, b = cache.game.at(0, kappa), cache.game.at(1, kappa)  # scaled by positive factors: same equilibria
    solution = solve_two_player([[a[r][c] for c in cols] for r in rows], [[b[c][r] for c in cols] for r in rows])
    for equilibrium in solution.equilibria:
        I = tuple(r for r, p in zip(rows, equilibrium.row) if p)
        J = tuple(c for c, q in zip(cols, equilibrium.col) if q)
        if len(I) != len(J) or len(I) < 2:  # the target, a pure rival or a degenerate one: no witness
            continue
        systems = [
            (cache.system(0, I, J), [r for r in rows if r not in I]),
            (cache.system(1, J, I), [c for c in cols if c not in J]),
        ]
        if strictly_holds(systems, kappa):
            lo, hi = stretch_around(systems, kappa, gap)
            yield Stretch(lo, hi, rival_limit(systems, lo, target), hi is not None and rival_limit(systems, hi, target))


def stretch_around(
    systems: Systems, kappa: Fraction, gap: tuple[Fraction, Fraction | None]
) -> tuple[Endpoint, Endpoint | None]:
    """The open stretch around κ, within ``gap``, free of roots of the polynomials whose signs
    make the pair strictly hold (D, the mixes' numerators, the outside values)."""
    lo: Endpoint = gap[0]
    hi: Endpoint | None = gap[1]
    for system, outside in systems:
        polys: list[IntPoly] = [system.D, *system.N[: system.k], *(system.outside(r) for r in outside)]
        for poly in polys:
            for root in polynomial_roots([Fraction(c) for c in poly]):
                if compare(root, kappa) < 0 and compare(root, lo) > 0:
                    lo = root
                elif compare(root, kappa) > 0 and compare(root, hi) < 0:
                    hi = root
    return lo, hi


def rival_limit(systems: Systems, end: Endpoint, target: tuple[int, int]) -> bool:
    """Whether the witness's equilibrium has a rival as its limit at an end of its stretch:
    with both systems nonsingular there, the mixes N_j/D are continuous at the end, and their
    limit satisfies the equilibrium conditions, which are closed (not strictly); it is not the
    target when a strategy other than the target's keeps a nonzero weight (N_j ≠ 0) there."""

    def sign(poly: IntPoly) -> int:
        return sign_at_root(poly, end) if isinstance(end, Root) else sign_at(poly, end)

    if any(sign(system.D) == 0 for system, _ in systems):
        return False
    targets = (target[1], target[0])  # the row player's system mixes the columns, and back
    return any(
        sign(poly) != 0
        for (system, _), t in zip(systems, targets)
        for j, poly in zip(system.other, system.N[: system.k])
        if j != t
    )
