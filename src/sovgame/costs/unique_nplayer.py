"""Where the target becomes the only equilibrium for good, exactly, with three or more players.

Iterated strict dominance proves the target alone from some κ on (``upper``), and the target
is the only *pure* equilibrium from some κ on (``lower`` ≤ ``upper``); in between only mixed
equilibria can keep it from being alone. The equilibria of every support change only at the
breakpoints in κ of :mod:`sovgame.solvers.kappa_points` and at the pairwise ties of payoffs,
so between consecutive ones the question has one answer, found by one exact enumeration of
every equilibrium (:mod:`sovgame.solvers.nplayer`); each rational breakpoint is enumerated
too. The walk goes down from ``upper`` and stops at the first stretch or point where another
equilibrium exists. An irrational breakpoint is decided by the stretches on both sides (the
convention of the two-player walk, :mod:`sovgame.costs.uniqueness`).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..core.budget import WorkLimitError, breakpoint_work, require, solve_work
from ..core.intervals import Endpoint, Root, between, compare, exact_text, sort_points
from ..core.model import Game, Profile

#: Why the tail is exact here (a note on the threshold).
EXACT_NOTE = (
    "3+ players: uniqueness decided exactly, mixed equilibria included: every support's equilibria "
    "enumerated between the breakpoints in κ where they can change"
)


class _Unresolved(Exception):
    """The enumeration at some κ, or the breakpoints, could not be completed."""


def exact_tail(
    game: Game,
    costs: Sequence[str],
    target: Profile,
    pairwise: Sequence[Endpoint],
    lower: tuple[Endpoint, bool],
    upper: tuple[Endpoint | None, bool],
) -> tuple[Endpoint | None, bool, str] | str:
    """(start, attained, reason) of the tail between ``lower`` (the target is the only pure
    equilibrium from there) and ``upper`` (dominance proves it alone from there; None: never),
    each with whether it is attained; a reason when it cannot be decided exactly."""
    from ..solvers.kappa_points import kappa_breakpoints

    low, high = lower[0], upper[0]
    assert isinstance(low, Fraction) and (high is None or isinstance(high, Fraction))  # pairwise: rational
    try:
        require(breakpoint_work(game.shape))
        mixed = kappa_breakpoints(game.payoffs, game.cost_load(costs), low, high)
        if isinstance(mixed, str):
            return mixed
        inside = [p for p in pairwise if compare(p, low) > 0 and (high is None or compare(p, high) < 0)]
        points = [p for p in sort_points([*inside, *mixed]) if compare(p, low) > 0]  # sort_points adds 0
        return _walk(game, costs, target, points, lower, upper)
    except _Unresolved as unresolved:
        return str(unresolved)
    except WorkLimitError:
        return "deciding the mixed equilibria exactly needs more work than the limit allows"


def _walk(game, costs, target, points: list[Endpoint], lower, upper) -> tuple[Endpoint | None, bool, str]:
    """Down from ``upper``: each stretch between breakpoints by one sample, each rational
    breakpoint by itself; the first where the target is not alone ends the tail."""
    start, attained = upper
    if start is not None and not attained:
        if not _alone(game, costs, target, Fraction(start)):
            return start, False, _why_from(start)
        attained = True
    bottoms: list[Endpoint] = [lower[0], *points]
    tops: list[Endpoint | None] = [*points, upper[0]]
    for below, above in zip(reversed(bottoms), reversed(tops)):
        if above is not None and compare(below, above) >= 0:
            continue  # lower = upper: only the point itself is left
        if not _alone(game, costs, target, between(below, above)):
            if start is None:
                return None, False, "another equilibrium, pure or mixed, exists at every cost level"
            return start, attained, _why_from(start, attained)
        start = below
        if isinstance(below, Root):
            attained = False  # an irrational breakpoint: decided by the stretches on both sides
        elif below == lower[0] and not lower[1]:
            attained = False  # another pure equilibrium at the lower end itself
        else:
            attained = _alone(game, costs, target, Fraction(below))
            if not attained:
                return start, False, _why_from(start)
    return start, attained, _why_from(start, attained)


def _why_from(start: Endpoint | None, attained: bool = False) -> str:
    if start is None:  # pragma: no cover - the walk returns its own reason then
        return ""
    where = f"from κ = {exact_text(start)} on" if attained else f"above κ = {exact_text(start)}"
    return f"no other equilibrium, pure or mixed, {where}"


def _alone(game: Game, costs, target: Profile, kappa: Fraction) -> bool:
    """Whether the target is the only equilibrium at κ (an exact enumeration)."""
    from ..solvers.nplayer import enumerate_equilibria

    require(solve_work(game.shape))
    found = enumerate_equilibria(game.payoffs_at(kappa, costs))
    if not found.complete:
        raise _Unresolved(f"at κ = {exact_text(kappa)} the enumeration is incomplete: {found.unresolved[0]}")
    if found.components or len(found.points) != 1:
        return False
    return all(p[t] == 1 for p, t in zip(found.points[0], target))
