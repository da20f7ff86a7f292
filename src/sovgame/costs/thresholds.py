"""Cost thresholds: from which cost level κ does compromise beat confrontation, and who
stands in the way? All exact (fractions) unless a bracket is stated.

With payoffs u(s; κ) = U(s) − κ·W(s) (:meth:`sovgame.core.model.Game.cost_load`), a unilateral
deviation of player i from the target t to s' gains ``a − κ·b`` with a = U_i(s') − U_i(t) and
b = W_i(s') − W_i(t). So every criterion below is decided by signs of linear (or, for risk
dominance, quadratic) functions of κ, and its set of κ is found exactly by scanning the
breakpoints a/b (:func:`sovgame.core.intervals.scan`).

The work goes in two passes. The first (:mod:`sovgame.costs.sets`) finds, per criterion, the
exact set of κ where it holds and the facts that decide it; the second
(:func:`sovgame.costs.assessment.assess`) reads each set against today's costs and the
plausible range — the only place that does — for its verdict, reason and summary.

Criteria (docs/models.md; Jervis 1978; Harsanyi & Selten 1988; Friedman 1971):

- ``nash``: t is a Nash equilibrium: a − κb ≤ 0 for every deviation. For a 2x2 game
  κ_NE = max_i (T_i − R_i)/Δw_i. The *binding* player sets the lower end.
- ``strict``: t is a strict equilibrium: a − κb < 0.
- ``dominant``: each player's target strategy strictly dominates its others.
- ``unique``: t is the only equilibrium, mixed ones included: every stretch of κ where it
  is, bounded or not. Exact for two-player games by a walk up the breakpoints of the
  equilibrium set (:mod:`sovgame.costs.uniqueness`); for more players the last stretch, from
  iterated strict dominance, which bounds it from above.

Every set is read against today the same way, from κ = 1 upward
(:func:`sovgame.costs.verdicts.deciding_piece`): its verdict, its least κ (``value``) and the
end of the piece that decides the verdict (``upper``).
- ``risk_dominant`` (2x2): t and the all-confront profile d are strict equilibria and
  (R1−T1)(R2−T2) > (P1−S1)(P2−S2), or t is strict and d is no strict equilibrium.
- ``repeated`` (2x2): grim trigger sustains t iff δ ≥ δ*_i = (T_i − R_i)/(T_i − P_i), when the
  punishment is itself a stage equilibrium (:mod:`sovgame.costs.grim`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

from ..core.budget import metered, require, thresholds_work
from ..core.case import Case, as_case, as_game, built_in_python, origin_of
from ..core.intervals import exact_text
from ..core.model import Game, Profile
from ..core.numbers import json_number
from ..core.results import Result
from ..errors import ParameterError, SovgameError
from . import grim
from .assessment import Threshold, assess, summarize, threshold_to_json
from .sets import (
    CRITERIA,
    Criterion,
    HeldSets,
    confront_profile,
    criterion_set,
    every_criterion_set,
    held_sets,
    quadratic_roots,
)
from .status_quo_exit import StatusQuoExit, exit_of
from .verdicts import verdict_scale_json

__all__ = [
    "CRITERIA",
    "Criterion",
    "Plausible",
    "ThirdParty",
    "Threshold",
    "ThresholdReport",
    "compute_threshold",
    "compute_thresholds",
    "confront_profile",
    "read_plausible",
    "quadratic_roots",
    "resolve_target",
    "summarize",
]


@dataclass(frozen=True)
class ThirdParty:
    """How one player's choice moves the others' compromise threshold (3+ players).

    For each strategy of ``player``, ``nash[strategy]`` is the κ from which the others'
    compromise profile is an equilibrium *among them* with ``player`` held at that strategy;
    the rise from the player's compromise strategy to another is the "triangular deadlock"
    measure. ``dominant`` names the strategy that strictly dominates for ``player`` at every
    κ ≥ 0, if any.
    """

    player: str
    nash: dict[str, Threshold]
    dominant: str | None


@dataclass(frozen=True, repr=False)
class ThresholdReport(Result):
    """Every threshold of a game for one target, with the repeated-play and third-party ones;
    its JSON is that of ``sovgame thresholds``."""

    game: Game
    target: Profile
    costs: tuple[str, ...]
    plausible: tuple[Fraction, Fraction]
    plausible_given: bool
    thresholds: dict[str, Threshold]
    repeated: grim.Repeated | None  # grim trigger (2x2 games)
    notes: tuple[str, ...] = field(default_factory=tuple)
    third_parties: tuple[ThirdParty, ...] = ()
    # Where the status quo (each player's other strategy than its compromise) stops being an
    # equilibrium; not a criterion of the target, so not among ``thresholds``
    # (:mod:`sovgame.costs.status_quo_exit`).
    status_quo_exit: StatusQuoExit | None = None

    def target_names(self) -> dict[str, str]:
        """Each player's target strategy by player name."""
        return {p.name: p.strategies[s] for p, s in zip(self.game.players, self.target)}

    def json_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "game": self.game.title,
            "target": self.target_names(),
            "costs": list(self.costs),
            "plausible_kappa": [json_number(v) for v in self.plausible],
            "verdict_scale": verdict_scale_json(),
            "thresholds": {name: threshold_to_json(t) for name, t in self.thresholds.items()},
            "repeated": None,
            "notes": list(self.notes),
            "third_parties": [
                {
                    "player": t.player,
                    "dominant": t.dominant,
                    "nash": {strategy: threshold_to_json(th) for strategy, th in t.nash.items()},
                }
                for t in self.third_parties
            ],
        }
        if self.repeated is not None:
            data["repeated"] = grim.repeated_to_json(self.repeated)
        data["status_quo"] = self.status_quo_json()
        return data

    def status_quo_json(self) -> dict[str, Any] | None:
        """The status quo's exit (:meth:`StatusQuoExit.json_data`); null where no status quo
        is defined."""
        return None if self.status_quo_exit is None else self.status_quo_exit.json_data()

    def wide_records(self) -> list[dict[str, Any]]:
        """One row per criterion: where it starts to hold (``value``, a float, ``inf`` for
        never; ``exact`` as text), whether it holds there, where it stops again, the binding
        player, the verdict, whether it is settled, and the reason."""
        rows = []
        for name, t in self.thresholds.items():
            data = threshold_to_json(t)
            rows.append(
                {
                    "criterion": str(name),
                    "value": math.inf if data["value"] is None else data["value"],
                    "exact": data["exact"],
                    "attained": t.attained,
                    "upper": math.nan if data["upper"] is None else data["upper"],
                    "binding": t.binding,
                    "verdict": None if data["verdict"] is None else str(data["verdict"]),
                    "settled": data["settled"],
                    "reason": t.reason,
                }
            )
        return rows

    def _facts(self) -> list[tuple[str, str]]:
        facts = [("target", ", ".join(f"{k} {v}" for k, v in self.target_names().items()))]
        for name, t in self.thresholds.items():
            value = "never" if t.value is None else exact_text(t.value)
            facts.append((name, value + ("" if t.verdict is None else f" ({t.verdict.words})")))
        return facts


class Plausible(NamedTuple):
    """The plausible range of κ the verdicts use, and whether the caller or the file gave it."""

    range: tuple[Fraction, Fraction]
    given: bool


def read_plausible(game: Game | Case, plausible: Sequence | None = None) -> Plausible:
    """The plausible range for ``game``: ``plausible`` when given ([lo, hi] with
    0 ≤ lo ≤ hi), else the range the case declares, else [0, 1]
    (:data:`sovgame.core.case.DEFAULT_PLAUSIBLE`). Every verdict of this module reads the
    range through here."""
    case = as_case(game, plausible)
    return Plausible(case.plausible, case.plausible_declared)


# --- entry points ------------------------------------------------------------------------------


@metered
def compute_thresholds(
    game: Game | Case,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    discount: Fraction | None = None,
    *,
    plausible: Sequence | None = None,
) -> ThresholdReport:
    """Every threshold of ``game`` for ``target`` (default: the compromise profile).

    Parameters
    ----------
    game : a Game, or a Case (its game, and its plausible range unless ``plausible`` is given)
    target : a profile of strategy indices, an outcome key "s1|s2", or None
    costs : keep only the costs of these names (None: all)
    discount : a discount factor δ in (0, 1): also find the κ from which grim trigger
        sustains the target
    plausible : the plausible range [lo, hi] of κ the verdicts compare with (default: the
        case's, else [0, 1]: :func:`sovgame.core.case.plausible_of`)
    """
    case, game = as_case(game, plausible), as_game(game)
    require(thresholds_work(game.shape))  # refused before it starts when past the work limit
    profile = resolve_target(case, target)
    kept = game.kept_costs(costs, case.origin)
    reading = read_plausible(case)
    notes = []
    if not reading.given:
        notes.append("the file gives no plausible range; verdicts use [0, 1] (up to today's costs)")
    if not kept:
        notes.append("no costs in the model: κ changes nothing")

    found = every_criterion_set(game, profile, kept)  # pass 1: each criterion's set of κ
    # Players with a single strategy never deviate: the equilibrium set, risk dominance and
    # repeated play are those of the others' game (a 2x2x1 game is a 2x2 game).
    solved = game.without_single_strategy_players()
    if solved is not game:
        names = " and ".join(game.players[i].name for i in game.single_strategy_players)
        notes.append(
            f"{names} {'have' if len(game.single_strategy_players) > 1 else 'has'} a single strategy: uniqueness, "
            f"risk dominance and repeated play are those of the {solved.n_players}-player game of the others"
        )
    U, W = game.payoffs, game.cost_load(kept)
    # Players after the first two are the outside parties of a bilateral dispute.
    held = [held_sets(game, U, W, profile, k) for k in range(2, game.n_players)]

    # Pass 2: every set read against today's costs and the plausible range.
    return ThresholdReport(
        game=game,
        target=profile,
        costs=kept,
        plausible=reading.range,
        plausible_given=reading.given,
        thresholds={name: assess(s, reading.range) for name, s in found.items()},
        repeated=_repeated(solved, game.solved_profile(profile), kept, reading.range, discount),
        notes=tuple(notes),
        third_parties=tuple(_third_party(game, sets, reading.range) for sets in held),
        status_quo_exit=exit_of(game, kept, reading.range),
    )


@metered
def compute_threshold(
    game: Game | Case,
    criterion: Criterion | str,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    *,
    plausible: Sequence | None = None,
) -> Threshold:
    """One criterion's threshold for ``target``: the very :class:`Threshold` that
    :func:`compute_thresholds` reports under ``criterion``, without the work of the others
    (``unique`` needs the set of ``nash``, and finds it).

    Parameters
    ----------
    criterion : one of :data:`CRITERIA` ("nash", "strict", "dominant", "unique", "risk_dominant")
    game, target, costs, plausible : as for :func:`compute_thresholds`
    """
    try:
        wanted = Criterion(criterion)
    except ValueError:
        raise ParameterError(
            "criterion", f"{criterion!r} is not one of {', '.join(c.value for c in CRITERIA)}"
        ) from None
    case = as_case(game, plausible)
    require(thresholds_work(case.game.shape))  # refused before it starts when past the work limit
    profile = resolve_target(case, target)
    reading = read_plausible(case)
    return assess(criterion_set(case.game, wanted, profile, case.game.kept_costs(costs, case.origin)), reading.range)


def _repeated(
    game: Game, target: Profile, costs: tuple[str, ...], plausible: tuple[Fraction, Fraction], discount: Fraction | None
) -> grim.Repeated | None:
    """Grim trigger at κ = 0, 1 and the top of ``plausible`` (2x2 games); with ``discount``,
    the set of κ where it sustains the target, assessed."""
    if confront_profile(game, target) is None:
        return None
    U, W = game.payoffs, game.cost_load(costs)
    points = grim.trigger_points(game, U, W, target, plausible[1], costs)
    sustained = None
    if discount is not None:
        sustained = assess(grim.sustained_set(game, U, W, target, discount, costs), plausible)
    return grim.Repeated(points, plausible[1], discount, sustained)


def _third_party(game: Game, sets: HeldSets, plausible: tuple[Fraction, Fraction]) -> ThirdParty:
    """A held player's effect on the others' Nash threshold, assessed."""
    nash = {strategy: assess(s, plausible) for strategy, s in sets.nash.items()}
    return ThirdParty(game.players[sets.player].name, nash, sets.dominant)


def resolve_target(x: Game | Case, target: Profile | str | None) -> Profile:
    """The target as a profile: the compromise profile for None, parsed from "s1|s2" for a string."""
    game = as_game(x)
    if target is None:
        profile = game.compromise_profile
        if profile is None:
            lacking = [p.name for p in game.players if p.compromise is None]
            if built_in_python(x):
                example = [p.strategies[0] for p in game.players]
                raise ParameterError(
                    "target",
                    f"{origin_of(x)}: {', '.join(lacking)} name no compromise strategy; build the game with "
                    f"compromise=[...], one strategy per player (e.g. Game.from_arrays(..., compromise={example!r})), "
                    f'or name the target outcome (e.g. target="{"|".join(example)}")',
                )
            raise SovgameError(
                f"{origin_of(x)}: players[*].compromise: {', '.join(lacking)} name no compromise strategy; "
                'add `compromise = "..."` to each [[players]] table or name a target outcome "s1|s2"'
            )
        return profile
    if isinstance(target, str):
        try:
            return game.parse_outcome(target)
        except ValueError as exc:
            raise ParameterError("target", str(exc)) from None
    return tuple(target)
