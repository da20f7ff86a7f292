"""Where the status quo ends: the cost level above which the all-confront profile is no longer
an equilibrium, for good.

An article that says a pattern "persists until costs outweigh the costs of compromise" speaks
of the status quo d (every player at its other strategy than its compromise) ceasing to be
stable, not of compromise t becoming stable: the two are different cost levels
(docs/models.md, "The status quo's exit"; on the case, d stays an equilibrium up to κ = 4
while t is one from κ = 4/3). In a Prisoner's Dilemma under ``any_conflict`` costs t can
become an equilibrium while d stays one for ever.

d is a Nash equilibrium at κ iff every unilateral deviation from d gains a − κ·b ≤ 0, with
a = U_i(s') − U_i(d) and b = W_i(s') − W_i(d) (:mod:`sovgame.costs.deviations`). Each such
condition is a half-line of κ (b > 0: κ ≥ a/b; b < 0: κ ≤ a/b; b = 0: all or nothing), so the
set H where d holds is one closed interval [lo, hi] or empty (:func:`linear_held`). From H:

- the *exit* κ is sup H: d is an equilibrium at it and at no larger κ. The exit set is
  (hi, ∞) when H is bounded, [0, ∞) when H is empty (d never holds), empty when H is
  unbounded (the status quo never ends). Its verdict is read against today's costs and the
  plausible range like every threshold's (:func:`sovgame.costs.verdicts.verdict_for`).
- the set where d is *out* is the complement of H in κ ≥ 0: the exit set and, when lo > 0, a
  stretch [0, lo) below H where some move away from d pays until costs make it dearer.
- the *binding* player is the one whose own deviations end d first (the smallest own sup,
  the first such on ties); each player's own exit is the sup of its own set (0 when its own
  moves already break d at every κ; None when they never do).

Case check (bundled numbers): at (Strike, Tolerate TTP) Pakistan's move to Restrain gains
(1 − 2) − κ·(1/2 − 3/4) = κ/4 − 1, ≤ 0 iff κ ≤ 4; Afghanistan's move to Constrain gains
1 − 2 − κ·(3/2 − 3/2) = −1 at every κ. So H = [0, 4]: the status quo exits above κ = 4
(beyond the plausible top 2), Pakistan ends it.

Defined where every player names its compromise and has two strategies (players with a single
strategy, who never move, aside); None elsewhere, where "the other strategy" names no profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import Endpoint, Interval, exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..core.results import Result
from .assessment import Threshold, summarize, threshold_to_json
from .criteria import STATUS_QUO_EXIT
from .deviations import Deviation, deviations
from .reasons import strategy_name
from .verdicts import Verdict, verdict_for, verdict_phrase


@dataclass(frozen=True, repr=False)
class StatusQuoExit(Result):
    """The status quo's exit from the equilibria as κ rises (module docstring): where it holds
    (``held``, H) and ``threshold``, its exit set (sup H, ∞) read against today's costs and the
    plausible range like a criterion (verdict, reason, binding player, each player's own exit)."""

    game: Game
    profile: Profile  # the status quo: every player at its other strategy than its compromise
    held: tuple[Interval, ...]  # κ at which it is an equilibrium: one closed interval, or none
    threshold: Threshold  # the exit set: no equilibrium at κ nor at any larger κ

    @property
    def value(self) -> Endpoint | None:
        """The exit κ, sup H: an equilibrium up to it (when it ever is one), never above (None: never ends)."""
        return self.threshold.value

    @property
    def attained(self) -> bool:
        """Whether the exit set holds at its own start (only when the status quo never holds)."""
        return self.threshold.attained

    @property
    def verdict(self) -> Verdict:
        """The exit set's verdict against today's costs and the plausible range."""
        assert self.threshold.verdict is not None  # a union of half-lines with rational ends: always settled
        return self.threshold.verdict

    @property
    def binding(self) -> str | None:
        """The player whose own deviations end the status quo first (None: it never ends, or never holds)."""
        return self.threshold.binding

    @property
    def per_player(self) -> dict[str, Endpoint | None]:
        """Each moving player's own exit: the sup of the κ where its moves leave d standing."""
        return self.threshold.per_player or {}

    @property
    def exit(self) -> tuple[Interval, ...]:
        """The exit set: (sup H, ∞), [0, ∞) when H is empty, empty when H is unbounded."""
        return self.threshold.intervals

    @property
    def out(self) -> tuple[Interval, ...]:
        """Every κ ≥ 0 where the status quo is no equilibrium: the complement of H."""
        below = self.out_below
        return ((below,) if below is not None else ()) + self.exit

    @property
    def out_below(self) -> Interval | None:
        """[0, lo) when H starts above 0: out there too, until costs make the move away dearer."""
        if not self.held or self.held[0].lo == 0:
            return None
        return Interval(Fraction(0), True, self.held[0].lo, not self.held[0].lo_closed)

    def names(self) -> dict[str, str]:
        """Each player's status-quo strategy by name."""
        return {p.name: p.strategies[s] for p, s in zip(self.game.players, self.profile)}

    def json_data(self) -> dict[str, Any]:
        """The status quo's ``profile`` (player → strategy), ``held`` (H) and ``out`` (its
        complement) as intervals, then the exit set's threshold object (``value`` = sup H)."""
        return {
            "profile": self.names(),
            "held": [i.to_json() for i in self.held],
            "out": [i.to_json() for i in self.out],
            **threshold_to_json(self.threshold),
        }

    def _facts(self) -> list[tuple[str, str]]:
        value = "never" if self.value is None else exact_text(self.value)
        return [("status quo", ", ".join(self.names().values())), ("exit", f"{value} ({self.verdict.words})")]


def status_quo_profile(game: Game) -> Profile | None:
    """Each player's other strategy than its compromise (a single-strategy player's only one),
    when every player names a compromise and has at most two strategies; None elsewhere."""
    target = game.compromise_profile
    if target is None or any(n > 2 for n in game.shape) or all(n == 1 for n in game.shape):
        return None
    return tuple(1 - t if n == 2 else t for t, n in zip(target, game.shape))


def movers(game: Game) -> tuple[int, ...]:
    """The players who can leave the status quo: those with two strategies."""
    return tuple(i for i, n in enumerate(game.shape) if n == 2)


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
    return exit_of(case.game, case.game.kept_costs(costs, case.origin), case.plausible)


def exit_of(game: Game, costs: tuple[str, ...], plausible: tuple[Fraction, Fraction]) -> StatusQuoExit | None:
    """:func:`status_quo_exit` for the costs ``costs`` (names, already checked) and ``plausible``."""
    d = status_quo_profile(game)
    if d is None:
        return None
    U, W = game.payoffs, game.cost_load(costs)
    own = {i: deviations(game, U, W, d, i) for i in movers(game)}
    held = linear_held([(dev.a, dev.b) for devs in own.values() for dev in devs])
    ends: dict[int, Endpoint | None] = {}
    for i, devs in own.items():
        mine = linear_held([(dev.a, dev.b) for dev in devs])
        ends[i] = Fraction(0) if not mine else mine[0].hi
    finite = [(v, i) for i, v in ends.items() if v is not None]
    binding = min(finite, key=lambda pair: pair[0])[1] if held and finite else None
    found = exit_set(held)
    verdict = verdict_for(found, plausible)
    names = [p.name for p in game.players]
    threshold = Threshold(
        STATUS_QUO_EXIT,
        tuple(found),
        verdict,
        _reason(game, d, own, held, binding, verdict_phrase(verdict, found, plausible)),
        binding=None if binding is None else names[binding],
        per_player={names[i]: v for i, v in ends.items()},
        **summarize(found, plausible),
    )
    return StatusQuoExit(game, d, tuple(held), threshold)


def _reason(
    game: Game, d: Profile, own: dict[int, list[Deviation]], held: list[Interval], first: int | None, phrase: str
) -> str:
    """Why the status quo stays or goes: the move that ends it for good, what costs do to it,
    and the stretch below H where it is out too."""
    where = ", ".join(f"'{p.strategies[s]}'" for p, s in zip(game.players, d))
    if not held:
        return f"the status quo ({where}) is no equilibrium at any cost level: some move away from it always pays"
    if held[0].hi is None:
        text = f"the status quo ({where}) is an equilibrium at every cost level"
        text += ": no player's move away ever gains" if held[0].lo == 0 else f" from κ = {fmt(held[0].lo)} on"
        return text + _below(game, own, held[0])
    assert first is not None
    dev = min((x for x in own[first] if x.b < 0), key=lambda x: x.a / x.b)
    gone = phrase.replace("holds", "is gone", 1)
    text = (
        f"{game.players[first].name} leaves the status quo ({where}) first: "
        f"{strategy_name(game, first, dev.to)} loses {fmt(-dev.a)} there and costs shrink that loss by "
        f"{fmt(-dev.b)} per unit of κ, so it pays above κ = {exact_text(dev.a / dev.b)}; the status quo {gone}"
    )
    stay = [game.players[i].name for i, devs in own.items() if all(x.a <= 0 and x.b >= 0 for x in devs)]
    if stay:
        text += f" ({' and '.join(stay)} never {'gain' if len(stay) > 1 else 'gains'} by leaving)"
    return text + _below(game, own, held[0])


def _below(game: Game, own: dict[int, list[Deviation]], held: Interval) -> str:
    """ "; below κ = 2 it is no equilibrium either: ..." when H starts above 0."""
    if held.lo == 0:
        return ""
    dev = max((x for devs in own.values() for x in devs if x.b > 0), key=lambda x: x.a / x.b)
    return (
        f"; below κ = {exact_text(held.lo)} it is no equilibrium either: {game.players[dev.player].name}'s "
        f"{strategy_name(game, dev.player, dev.to)} gains {fmt(dev.a)} there until costs, {fmt(dev.b)} dearer "
        "per unit of κ, outweigh that"
    )
