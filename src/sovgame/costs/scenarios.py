"""Forward scenarios side by side: each scenario's equilibria and thresholds, and what
changed against the first (the baseline).

Scenarios are ordinary game files, usually written as changes to a baseline with
``extends = "..."`` (see :func:`sovgame.files.gamefile.resolve_extends`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.budget import foresee, thresholds_work
from ..core.case import Case, as_case
from ..core.intervals import exact_text
from ..core.model import Game
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..errors import ParameterError
from ..files.changes import change_case
from ..files.gamefile import read_case
from ..solvers.equilibria import Equilibrium, Solution, solve
from .assessment import Threshold, threshold_to_json
from .thresholds import CRITERIA, ThresholdReport, compute_thresholds
from .verdicts import TODAY, Verdict, verdict_scale_json

COMPARED = ("nash", "unique", "dominant")


@dataclass(frozen=True)
class Scenario:
    """One game of a comparison: its case, its equilibria and its thresholds."""

    name: str
    case: Case
    solution: Solution  # at the κ of the comparison (default: today's costs, κ = 1)
    thresholds: ThresholdReport | None  # None when a player names no compromise strategy

    @property
    def game(self) -> Game:
        """The scenario's game."""
        return self.case.game


@dataclass(frozen=True)
class Change:
    """One scenario against the baseline."""

    gained: tuple[str, ...]  # equilibria (labels) present here but not in the baseline
    lost: tuple[str, ...]
    thresholds: dict[str, tuple[str, str, Verdict | None, Verdict | None]]  # criterion → (before, after, verdicts)


def equilibrium_label(game: Game, eq: Equilibrium) -> str:
    """ "Strike|Tolerate TTP" for a pure equilibrium; strategy names with probabilities otherwise."""
    profile = eq.pure_profile()
    if profile is not None:
        return game.outcome_key(profile)
    parts = []
    for player, strategy in zip(game.players, eq.strategies):
        parts.append(", ".join(f"{name} {fmt(p)}" for name, p in zip(player.strategies, strategy) if p))
    return "mixed: " + "; ".join(parts)


def compare_scenarios(
    specs: Sequence[str | Game | Case], kappa: Fraction = TODAY
) -> tuple[list[Scenario], list[Change]]:
    """Solve (at κ, default today's costs) and threshold every scenario; the first is the
    baseline. A scenario is a file (a path or a bundled game's name, read) or a Game or Case
    built or loaded in Python (named by its title)."""
    return compare_games([_named_case(spec) for spec in specs], kappa)


def _named_case(spec: str | Game | Case) -> tuple[str, Case]:
    """A scenario's name and case: a file's name as given, else the game's title."""
    if isinstance(spec, str):
        return spec, read_case(spec)
    if isinstance(spec, (Game, Case)):
        return spec.title, as_case(spec)
    raise ParameterError("specs", f"a scenario is a file name, a Game or a Case, not {type(spec).__name__}")


def compare_games(
    named: Sequence[tuple[str, Game | Case]], kappa: Fraction = TODAY
) -> tuple[list[Scenario], list[Change]]:
    """Solve every (name, game or case) at κ (default today's costs, κ = 1) and threshold it
    (against each case's plausible range); what changed against the first: equilibria at κ
    gained and lost, thresholds moved."""
    scenarios = []
    for name, given in named:
        case = as_case(given)
        report = compute_thresholds(case) if case.game.compromise_profile is not None else None
        scenarios.append(Scenario(name, case, solve(case, kappa), report))
    base = scenarios[0]
    base_eqs = {equilibrium_label(base.game, e) for e in base.solution.equilibria}
    changes = []
    for scenario in scenarios:
        eqs = {equilibrium_label(scenario.game, e) for e in scenario.solution.equilibria}
        moved: dict[str, tuple[str, str, Verdict | None, Verdict | None]] = {}
        for criterion in COMPARED:
            before = base.thresholds.thresholds[criterion] if base.thresholds else None
            after = scenario.thresholds.thresholds[criterion] if scenario.thresholds else None
            pair = [exact_text(t.value) if t else "n/a" for t in (before, after)]
            verdicts = [t.verdict if t else None for t in (before, after)]
            if pair[0] != pair[1] or verdicts[0] != verdicts[1]:
                moved[criterion] = (pair[0], pair[1], verdicts[0], verdicts[1])
        changes.append(Change(tuple(sorted(eqs - base_eqs)), tuple(sorted(base_eqs - eqs)), moved))
    return scenarios, changes


@dataclass(frozen=True, repr=False)
class WhatIf(Result):
    """A game before and after ``--set`` changes; its JSON is that of ``sovgame whatif``."""

    settings: tuple[str, ...]
    baseline: Scenario
    changed: Scenario
    change: Change
    changed_cells: dict  # profile → (before payoffs, after payoffs)

    @property
    def game(self) -> Game:
        """The game after the changes."""
        return self.changed.game

    def threshold_pairs(self) -> list[tuple[str, Threshold | None, Threshold | None]]:
        """Each criterion computed before or after: its name, the threshold before and after."""
        before = self.baseline.thresholds.thresholds if self.baseline.thresholds else {}
        after = self.changed.thresholds.thresholds if self.changed.thresholds else {}
        return [(str(name), before.get(name), after.get(name)) for name in CRITERIA if name in before or name in after]

    def json_data(self) -> dict[str, Any]:
        game = self.changed.game
        return {
            "game": game.title,
            "settings": list(self.settings),
            "kappa": json_number(self.baseline.solution.kappa),
            "verdict_scale": verdict_scale_json(),
            "changed_cells": {
                game.outcome_key(p): {"before": [fmt(v) for v in b], "after": [fmt(v) for v in a]}
                for p, (b, a) in self.changed_cells.items()
            },
            "equilibria": {
                "before": self.baseline.solution.json_data()["equilibria"],
                "after": self.changed.solution.json_data()["equilibria"],
                "gained": list(self.change.gained),
                "lost": list(self.change.lost),
            },
            "thresholds": {
                name: {
                    "before": None if b is None else threshold_to_json(b),
                    "after": None if a is None else threshold_to_json(a),
                }
                for name, b, a in self.threshold_pairs()
            },
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("settings", "; ".join(self.settings)),
            ("equilibria gained", ", ".join(self.change.gained) or "none"),
            ("equilibria lost", ", ".join(self.change.lost) or "none"),
        ]


def what_if(spec: str | Game | Case, settings: Sequence[str], kappa: Fraction = TODAY) -> WhatIf:
    """Compare ``spec`` with the same game after ``settings`` (see :mod:`sovgame.files.changes`),
    equilibria at κ (default today's costs, κ = 1). ``spec`` is a file (a path or a bundled
    game's name) or a Game or Case built or loaded in Python, changed in memory
    (:func:`~sovgame.files.changes.change_case`).

    >>> import sovgame
    >>> game = sovgame.Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], compromise=["r1", "c1"])
    >>> sovgame.what_if(game, ["r2|c1=2,0", "r1|c2=0,2"], kappa=0).change.gained
    ('mixed: r1 1/2, r2 1/2; c1 1/2, c2 1/2', 'r1|c1')
    """
    if isinstance(spec, str):
        base = read_case(spec)
        foresee(thresholds_work(base.game.shape))  # a game too large is refused before it is read again
        changed = read_case(spec, settings)
    elif isinstance(spec, (Game, Case)):
        base, changed = as_case(spec), change_case(spec, settings)
    else:
        raise ParameterError("spec", f"expected a file name, a Game or a Case, not {type(spec).__name__}")
    scenarios, changes = compare_games([("baseline", base), ("changed", changed)], kappa)
    before, after = base.game, changed.game
    cells = {
        p: (tuple(before.payoffs[p]), tuple(after.payoffs[p]))
        for p in before.profiles()
        if tuple(before.payoffs[p]) != tuple(after.payoffs[p])
    }
    return WhatIf(tuple(settings), scenarios[0], scenarios[1], changes[1], cells)
