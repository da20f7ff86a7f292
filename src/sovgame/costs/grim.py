"""Repeated play of a 2x2 game: when the shadow of the future sustains compromise.

Grim trigger (Friedman 1971): both play the target t; after any deviation both play the
all-confront profile d for ever. Player i is deterred iff (1 − δ)T_i + δP_i ≤ R_i, that is

    δ ≥ δ*_i = (T_i − R_i) / (T_i − P_i)

with the costed payoffs at κ (docs/models.md, "Repeated game"). That is a threat only if d is
itself an equilibrium of the stage game at κ: otherwise a player told to punish would rather
not, and the threat is not credible. The strongest credible threat is then Nash reversion
(Friedman 1971): after a deviation by i, play the stage equilibrium worst for i for ever (any
stage equilibrium repeated is a subgame-perfect continuation). With w_i that payoff,

    δ*_i = (T_i − R_i) / (T_i − w_i).

At a mixed stage equilibrium of a 2x2 game w_i = (R_i P_i − S_i T_i)/(R_i + P_i − S_i − T_i),
so T_i − w_i = (R_i − T_i)(T_i − P_i)/(R_i + P_i − S_i − T_i) and
δ*_i = (T_i + S_i − R_i − P_i)/(T_i − P_i) **[derived]**. Every condition is therefore a sign
of a function linear in κ, and the set of κ on which compromise is sustained at a given δ is
found exactly by scanning their zeros (:func:`sovgame.core.intervals.scan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import origin_of
from ..core.intervals import exact_text, scan
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..errors import ParameterError, SovgameError
from ..solvers.equilibria import solve
from ..solvers.verify import rational
from .assessment import Threshold, threshold_to_json
from .deviations import deviations
from .sets import SustainedSet, confront_profile
from .verdicts import TODAY

#: What δ* is computed against when the all-confront profile is no stage equilibrium.
NASH_REVERSION = "each player's worst stage equilibrium (Nash reversion)"


@dataclass(frozen=True)
class GrimTrigger:
    """δ*_i at one cost level κ, and the punishment it is computed against.

    ``credible`` says whether the all-confront profile is an equilibrium of the stage game at
    κ; when it is not, ``delta_star`` is against each player's worst stage equilibrium (Nash
    reversion). A value of 0 means no temptation; None (printed "inf") or a value ≥ 1 means
    no discount factor deters that player.
    """

    kappa: Fraction
    delta_star: dict[str, Fraction | None]
    credible: bool
    punishment: str  # the outcome reverted to, or NASH_REVERSION

    def sustained(self, discount: Fraction) -> bool:
        """Whether compromise is sustained at discount factor δ: δ ≥ δ*_i for every player."""
        return all(v is not None and v <= discount for v in self.delta_star.values())


def _payoff(U: np.ndarray, W: np.ndarray, kappa: Fraction, profile: Profile, i: int) -> Fraction:
    return U[profile + (i,)] - kappa * W[profile + (i,)]


def grim_trigger(
    game: Game, U: np.ndarray, W: np.ndarray, target: Profile, kappa: Fraction, costs: Sequence[str] | None = None
) -> GrimTrigger:
    """δ*_i(κ) against the all-confront profile when it is a stage equilibrium at κ, else
    against each player's worst stage equilibrium (module docstring)."""
    d = confront_profile(game, target)
    if d is None:
        raise SovgameError(f"{origin_of(game)}: grim-trigger thresholds δ* are defined here for 2x2 games only")
    credible = all(dv.gain(kappa) <= 0 for i in range(2) for dv in deviations(game, U, W, d, i))
    if credible:
        worst = [_payoff(U, W, kappa, d, i) for i in range(2)]
        punishment = "(" + ", ".join(game.outcome_names(d)) + ")"
    else:
        equilibria = solve(game, kappa, costs).equilibria
        worst = [rational(min(e.payoffs[i] for e in equilibria)) for i in range(2)]
        punishment = NASH_REVERSION
    stars: dict[str, Fraction | None] = {}
    for i, player in enumerate(game.players):
        dev = target[:i] + (d[i],) + target[i + 1 :]
        temptation = _payoff(U, W, kappa, dev, i) - _payoff(U, W, kappa, target, i)
        gap = _payoff(U, W, kappa, dev, i) - worst[i]
        if temptation <= 0:
            stars[player.name] = Fraction(0)
        elif gap <= 0:
            stars[player.name] = None
        else:
            stars[player.name] = temptation / gap
    return GrimTrigger(kappa, stars, credible, punishment)


def delta_star(
    game: Game, U: np.ndarray, W: np.ndarray, target: Profile, kappa: Fraction
) -> dict[str, Fraction | None]:
    """δ*_i(κ) per player (:func:`grim_trigger`): 0 without temptation, None when no
    punishment hurts; values ≥ 1 also mean "not sustainable"."""
    return grim_trigger(game, U, W, target, kappa).delta_star


@dataclass(frozen=True)
class Repeated:
    """Grim trigger at κ = 0, today (κ = 1) and the top of the plausible range, and, with a
    discount factor, the set of κ on which compromise is sustained."""

    points: tuple[GrimTrigger, ...]
    top: Fraction
    discount: Fraction | None = None
    sustainable_from: Threshold | None = None

    def at(self, kappa: Fraction) -> GrimTrigger | None:
        """The grim-trigger thresholds at κ, if computed."""
        return next((p for p in self.points if p.kappa == kappa), None)

    @property
    def at_zero(self) -> dict[str, Fraction | None]:
        """δ* at κ = 0 (costs not counted)."""
        return self.points[0].delta_star

    @property
    def today(self) -> dict[str, Fraction | None]:
        """δ* at today's costs (κ = 1)."""
        point = self.at(TODAY)
        assert point is not None  # always computed
        return point.delta_star

    @property
    def at_top(self) -> dict[str, Fraction | None] | None:
        """δ* at the top of the plausible range (None when the top is 0)."""
        point = self.at(self.top) if self.top > 0 else None
        return None if point is None else point.delta_star

    @property
    def note(self) -> str | None:
        """Where the all-confront profile is no stage equilibrium, in words; None if nowhere."""
        lapsed = [p for p in self.points if not p.credible]
        if not lapsed:
            return None
        where = ", ".join(f"κ = {fmt(p.kappa)}" for p in lapsed)
        return (
            f"at {where} the all-confront outcome is no equilibrium of the stage game, so reverting to it is no "
            f"credible threat there; δ* there is against {NASH_REVERSION}"
        )


def trigger_points(
    game: Game, U: np.ndarray, W: np.ndarray, target: Profile, top: Fraction, costs: Sequence[str] | None = None
) -> tuple[GrimTrigger, ...]:
    """Grim trigger at κ = 0, today (κ = 1) and ``top``, the top of the plausible range (2x2 games)."""
    return tuple(grim_trigger(game, U, W, target, k, costs) for k in sorted({Fraction(0), TODAY, top}))


def _candidate_points(U: np.ndarray, W: np.ndarray, target: Profile, d: Profile, discount: Fraction) -> list[Fraction]:
    """Every κ where a condition of the sustained set can change: zeros of the functions
    linear in κ that decide the stage equilibria and each player's δ* (module docstring)."""
    points = []
    for i in range(2):

        def at(own: Profile, i: int = i) -> tuple[Fraction, Fraction]:
            """Player i's payoff at ``own`` as (constant, slope in κ)."""
            return U[own + (i,)], -W[own + (i,)]

        dev = target[:i] + (d[i],) + target[i + 1 :]
        shirk = d[:i] + (target[i],) + d[i + 1 :]
        R, T, P, S = at(target), at(dev), at(d), at(shirk)

        def minus(x: tuple[Fraction, Fraction], y: tuple[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
            """x − y, both linear in κ."""
            return x[0] - y[0], x[1] - y[1]

        temptation, mixed = minus(T, R), minus(minus(T, R), minus(P, S))  # T − R; T + S − R − P
        lines = [temptation, minus(S, P), minus(T, P), minus(T, S), mixed]
        lines += [minus(temptation, (discount * g[0], discount * g[1])) for g in (minus(T, P), minus(T, S))]
        lines.append(minus(mixed, (discount * (T[0] - P[0]), discount * (T[1] - P[1]))))
        points += [-a / b for a, b in lines if b != 0 and -a / b >= 0]
    return points


def sustained_set(
    game: Game, U: np.ndarray, W: np.ndarray, target: Profile, discount: Fraction, costs: Sequence[str] | None = None
) -> SustainedSet:
    """The κ on which grim trigger (or, where it is no threat, Nash reversion) sustains
    compromise at the discount factor δ = ``discount`` (2x2 games)."""
    if not 0 < discount < 1:
        raise ParameterError("discount", f"δ must be between 0 and 1 (exclusive), not {fmt(discount)}")
    d = confront_profile(game, target)
    assert d is not None

    def holds(k: Fraction) -> bool:
        """Compromise is sustained at κ = k: δ ≥ δ*_i(k) for both players, with a credible punishment."""
        return grim_trigger(game, U, W, target, k, costs).sustained(discount)

    intervals = tuple(scan(_candidate_points(U, W, target, d, discount), holds))
    return SustainedSet(criterion="repeated", game=game, target=target, intervals=intervals, discount=discount)


def repeated_to_json(rep: Repeated) -> dict[str, Any]:
    """Grim trigger at κ = 0, today and the top: δ* per player (exact strings), and at each
    point whether reverting to the all-confront outcome is a credible threat."""
    return {
        "delta_star": _stars(rep.at_zero),
        "delta_star_today": _stars(rep.today),
        "delta_star_at_top": None if rep.at_top is None else _stars(rep.at_top),
        "top_kappa": fmt(rep.top),
        "points": [grim_to_json(p) for p in rep.points],
        "discount": None if rep.discount is None else fmt(rep.discount),
        "sustainable": None if rep.sustainable_from is None else threshold_to_json(rep.sustainable_from),
        "note": rep.note,
    }


def grim_to_json(point: GrimTrigger) -> dict[str, Any]:
    """δ* at one κ: ``kappa``, ``delta_star``, ``credible`` and the ``punishment`` it is against."""
    return {
        "kappa": fmt(point.kappa),
        "delta_star": _stars(point.delta_star),
        "credible": point.credible,
        "punishment": point.punishment,
    }


def _stars(values: dict[str, Fraction | None]) -> dict[str, str]:
    return {k: exact_text(v) for k, v in values.items()}
