"""Margins on a scale-free footing: how far a number of the file is from the nearest value at
which a verdict or grade changes, relative to what a constant added to a player's payoffs
leaves as it is (that player's payoff range), so that margins compare across numbers."""

from __future__ import annotations

import functools
from fractions import Fraction

from ..core.intervals import exact_text
from ..core.model import Game
from ..core.roots import Number, Root, compare, less, scaled_distance
from .parameters import Parameter, ParameterKind, scale_of
from .walk import Bracket, End, placed


def measure(game: Game, parameter: Parameter) -> Fraction:
    """What distances along a number are relative to (module docstring).

    A payoff, an effect (a payoff shift) or a cost weight of player i: i's payoff range in the file, max_s u_i(s) −
    min_s u_i(s), which a constant added to i's payoffs leaves as it is (a weight is in payoff
    units per unit of κ, so it is measured like a payoff); 1 (absolute payoff units) when the
    player's payoffs are all equal or the number belongs to no player. The top of the plausible
    range and a custom exposure: their value; a section's number (a budget, a rate, a prior):
    the width of its declared range (the largest number of their kind when it is 0).
    """
    if parameter.kind in (ParameterKind.PAYOFF, ParameterKind.WEIGHT, ParameterKind.EFFECT):
        return payoff_range(game, parameter.player) or Fraction(1)
    if parameter.kind == ParameterKind.SECTION and parameter.declared is not None:
        return (parameter.declared[1] - parameter.declared[0]) or Fraction(1)
    return abs(parameter.value) or scale_of(game, parameter)


def payoff_range(game: Game, player: int | None) -> Fraction:
    """Player ``player``'s payoff range in ``game`` (0 for None or equal payoffs)."""
    if player is None:
        return Fraction(0)
    values = list(game.payoffs[..., player].reshape(-1))
    return max(values) - min(values)


def margin_basis(game: Game, parameter: Parameter) -> str:
    """What the margin of ``parameter`` is relative to, in words: "Pakistan's payoff range (3)"."""
    if parameter.kind in (ParameterKind.PAYOFF, ParameterKind.WEIGHT, ParameterKind.EFFECT):
        spread = payoff_range(game, parameter.player)
        if not spread:
            return "absolute (payoff units)"
        assert parameter.player is not None
        return f"{game.players[parameter.player].name}'s payoff range ({exact_text(spread)})"
    if parameter.kind == ParameterKind.SECTION and parameter.declared is not None:
        width = parameter.declared[1] - parameter.declared[0]
        return f"its declared range's width ({exact_text(width)})" if width else "absolute"
    return "its value" if parameter.value else "the largest number of its kind"


def margin_of(game: Game, parameter: Parameter, lower: End, upper: End):
    """(margin, bracket, nearest end, exact margin): the distance to the nearest change of
    state, relative to :func:`measure` (module docstring). When that end is irrational the exact
    margin is a :class:`~sovgame.core.roots.Root`, given by its cell (:attr:`Root.cell`: a
    bracket of relative width 2^-63) and the cell's midpoint; when bisection located the end
    (a :class:`Bracket`), the margin is a bracket too."""
    scale = measure(game, parameter)
    found: list[tuple[Number | Bracket, End]] = []
    for end in (lower, upper):
        if end.change and end.at is not None:
            found.append((_distance(end.at, parameter.value, scale), end))
    if not found:
        return None, None, None, None
    declared = parameter.declared

    def inside_declared(end: End) -> bool:
        """Whether an end lies in the range the file declares for the number (exactly)."""
        assert end.at is not None
        at = placed(end.at)
        return declared is None or not (less(at, declared[0]) or less(declared[1], at))

    def nearer(a: tuple[Number | Bracket, End], b: tuple[Number | Bracket, End]) -> int:
        """The nearer end first; a tie goes to the end inside the declared range."""
        return compare(placed(a[0]), placed(b[0])) or inside_declared(b[1]) - inside_declared(a[1])

    distance, end = min(found, key=functools.cmp_to_key(nearer))
    if isinstance(distance, Fraction):
        return distance, None, end, distance
    if isinstance(distance, Root):
        distance = distance.narrowed()
    return (distance.lo + distance.hi) / 2, (distance.lo, distance.hi), end, distance


def _distance(at: Number | Bracket, value: Fraction, scale: Fraction) -> Number | Bracket:
    """|at − value| / scale: exact for a number; for a :class:`Bracket` (which lies on one side
    of the value: bisection started there) the bracket of distances."""
    if not isinstance(at, Bracket):
        return scaled_distance(at, value, scale)
    if at.lo >= value:
        return Bracket((at.lo - value) / scale, (at.hi - value) / scale)
    assert at.hi <= value, "a bisection bracket lies on one side of the value it started from"
    return Bracket((value - at.hi) / scale, (value - at.lo) / scale)
