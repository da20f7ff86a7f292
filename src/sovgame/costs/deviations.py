"""Unilateral deviations and their gains, linear in the cost level κ.

With payoffs u(s; κ) = U(s) − κ·W(s), a deviation of player i from the profile ``at`` to its
strategy ``to`` gains ``a − κ·b`` with a = U_i(to) − U_i(at) and b = W_i(to) − W_i(at). Every
threshold criterion is a condition on the signs of such gains.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.intervals import Endpoint, compare
from ..core.model import Game, Profile


@dataclass(frozen=True)
class Deviation:
    """Player ``player`` moves from its strategy in ``at`` to ``to``: gain a − κ·b."""

    player: int
    at: Profile
    to: int
    a: Fraction
    b: Fraction

    def gain(self, kappa: Fraction) -> Fraction:
        """What the deviation gains at cost level κ."""
        return self.a - kappa * self.b

    @property
    def breakpoint(self) -> Fraction | None:
        """The κ at which the gain changes sign (None when costs do not move it)."""
        return self.a / self.b if self.b != 0 else None


def deviations(game: Game, U: np.ndarray, W: np.ndarray, at: Profile, player: int) -> list[Deviation]:
    """Every unilateral deviation of ``player`` from ``at``."""
    out = []
    for to in range(game.shape[player]):
        if to == at[player]:
            continue
        other = at[:player] + (to,) + at[player + 1 :]
        out.append(
            Deviation(
                player, at, to, U[other + (player,)] - U[at + (player,)], W[other + (player,)] - W[at + (player,)]
            )
        )
    return out


def stable(devs: Sequence[Deviation], strict: bool) -> Callable[[Fraction], bool]:
    """κ ↦ whether no deviation gains (strict: every deviation loses) at that κ."""
    if strict:
        return lambda k: all(d.gain(k) < 0 for d in devs)
    return lambda k: all(d.gain(k) <= 0 for d in devs)


def binding_player(lower_ends: Mapping[int, Endpoint | None]) -> int:
    """The player whose own set of κ starts last: the largest lower end, the first such player
    on ties (players whose own set is empty left out); compared exactly, roots included."""
    ends = [(i, v) for i, v in lower_ends.items() if v is not None]
    best, top = ends[0]
    for i, v in ends[1:]:
        if compare(v, top) > 0:
            best, top = i, v
    return best


def breakpoints(devs: Sequence[Deviation]) -> list[Fraction]:
    """Where some deviation's gain changes sign: κ = a/b ≥ 0."""
    return [b for d in devs if (b := d.breakpoint) is not None and b >= 0]
