"""Where the status quo ends: the cost level above which the all-confront profile is no longer
an equilibrium, for good.

An article that says a pattern "persists until costs outweigh the costs of compromise" speaks
of the status quo d (every player confrontational) ceasing to be stable, not of compromise t
becoming stable: the two are different cost levels (docs/models.md, "Claim tests that can
fail"; on the case, d stays an equilibrium up to κ = 4 while t is one from κ = 4/3).

d is a Nash equilibrium at κ iff every unilateral deviation from d gains a − κ·b ≤ 0
(:mod:`sovgame.costs.deviations`), so the set H where it holds is an interval [lo, hi] or
empty (:func:`linear_held`). The *exit set* is where d is no equilibrium at κ nor at any larger
κ: (hi, ∞) when H is bounded, [0, ∞) when H is empty, empty when H is unbounded (the status
quo never ends). Its verdict is read against today's costs and the plausible range like every
threshold's (:func:`sovgame.costs.verdicts.verdict_for`); the *binding* player is the one whose
own deviation ends d first (the smallest hi among the players).

Defined where every player has two strategies and names its compromise (the status quo is then
each player's other strategy); None elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.case import Case, as_case
from ..core.intervals import Endpoint, Interval
from ..core.model import Game, Profile
from .deviations import Deviation, deviations
from .verdicts import Verdict, verdict_for


@dataclass(frozen=True)
class StatusQuoExit:
    """The status quo's exit from the equilibria as κ rises (module docstring)."""

    profile: Profile  # the status quo: every player at its confrontational strategy
    held: tuple[Interval, ...]  # κ at which it is an equilibrium
    exit: tuple[Interval, ...]  # κ from which it is no equilibrium at that κ or any larger one
    verdict: Verdict
    binding: str | None  # the player whose deviation ends it first (None: it never ends, or never holds)
    per_player: dict[str, Endpoint | None]  # where each player's own deviations end it (None: never; 0: never holds)

    @property
    def value(self) -> Endpoint | None:
        """The exit κ: the status quo is an equilibrium up to it and never above (None: never ends)."""
        return self.exit[0].lo if self.exit else None

    @property
    def attained(self) -> bool:
        """Whether the exit set holds at its own start (only when the status quo never holds)."""
        return bool(self.exit) and self.exit[0].lo_closed


def status_quo_profile(game: Game) -> Profile | None:
    """Each player's other strategy, when every player has two and names its compromise."""
    target = game.compromise_profile
    if target is None or any(n != 2 for n in game.shape):
        return None
    return tuple(1 - t for t in target)


def linear_held(pairs: Sequence[tuple[Fraction, Fraction]]) -> list[Interval]:
    """{κ ≥ 0 : a − κ·b ≤ 0 for every (a, b)}: one closed interval, or empty."""
    lo, hi = Fraction(0), None
    for a, b in pairs:
        if b == 0:
            if a > 0:
                return []
        elif b > 0:
            lo = max(lo, a / b)
        else:
            hi = a / b if hi is None else min(hi, a / b)
    if hi is not None and hi < lo:
        return []
    return [Interval(lo, True, hi, hi is not None)]


def exit_set(held: Sequence[Interval]) -> list[Interval]:
    """Where the status quo is no equilibrium at κ or beyond, from the set where it holds."""
    if not held:
        return [Interval(Fraction(0), True, None)]
    last = held[-1]
    if last.hi is None:
        return []
    return [Interval(last.hi, not last.hi_closed, None)]


def status_quo_exit(
    x: Game | Case, costs: Sequence[str] | None = None, *, plausible: Sequence | None = None
) -> StatusQuoExit | None:
    """The status quo's exit (module docstring), or None where no status quo is defined.

    Parameters
    ----------
    x : a Game, or a Case (its plausible range unless ``plausible`` is given)
    costs : keep only the costs of these names (None: all)
    plausible : the plausible range [lo, hi] of κ the verdict compares with
    """
    case = as_case(x, plausible)
    game = case.game
    profile = status_quo_profile(game)
    if profile is None:
        return None
    kept = game.kept_costs(costs, case.origin)
    U, W = game.payoffs, game.cost_load(kept)
    by_player: list[list[Deviation]] = [deviations(game, U, W, profile, i) for i in range(game.n_players)]
    held = linear_held([(d.a, d.b) for devs in by_player for d in devs])
    ends: dict[str, Endpoint | None] = {}
    for player, devs in zip(game.players, by_player):
        own = linear_held([(d.a, d.b) for d in devs])
        ends[player.name] = Fraction(0) if not own else own[0].hi
    finite = [(v, name) for name, v in ends.items() if v is not None]
    binding = min(finite, key=lambda pair: pair[0])[1] if held and finite else None
    found = exit_set(held)
    return StatusQuoExit(profile, tuple(held), tuple(found), verdict_for(found, case.plausible), binding, ends)
