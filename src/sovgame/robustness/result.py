"""What ``sovgame robust`` returns: the distribution of each threshold over the samples, the
equilibria at the top of the plausible range, and the result's stable JSON (docs/reference.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case
from ..core.intervals import Endpoint, exact_text
from ..core.model import Game, Profile
from ..core.numbers import json_number
from ..core.results import Result
from ..costs.verdicts import Verdict, verdict_scale_json
from ..sections.capacity import capacity_of, stated
from .attribution import attribution_to_json
from .plan import Supports


@dataclass(frozen=True)
class CriterionRobustness:
    """The distribution of one threshold over the samples, against the file's own value.

    Shares are of all samples. For ``unique`` in games other than 2x2, samples the vectorised
    sign tests leave open are estimated from an exact subsample (``subsample`` of ``open``), each
    subsample member weighing open/subsample.
    """

    criterion: str
    samples: int
    settled: int  # samples settled by the vectorised computation
    open: int  # samples left to the exact path
    subsample: int  # how many of the open samples got the exact path
    quantiles: dict[str, float | None]  # "5", "50", "95" -> κ (None: never)
    never_share: float
    undetermined_share: float  # thresholds that cannot be settled (or were not computed)
    p_within_plausible: float  # share with threshold <= top of the plausible range
    ci95: tuple[float, float]
    verdict_shares: dict[Verdict, float]
    file_value: Endpoint | None
    file_attained: bool
    file_verdict: str
    agreement: float  # share of samples whose verdict is the file's


@dataclass(frozen=True)
class EquilibriumSet:
    """One equilibrium set found at the top of the plausible range, and how often."""

    equilibria: tuple[Supports, ...]
    continuum: bool
    count: int
    share: float
    summary: str


@dataclass(frozen=True)
class EquilibriaAtTop:
    kappa: Fraction
    target_equilibrium_share: float
    target_unique_share: float
    sets: tuple[EquilibriumSet, ...]
    mixed_searched: bool
    unresolved_share: float


@dataclass(frozen=True, eq=False, repr=False)
class RobustResult(Result):
    """What :func:`sovgame.robustness.runner.robust` returns; its JSON is that of ``sovgame
    robust``, its tables :func:`sovgame.present.robust.robust_sections`."""

    case: Case
    target: Profile
    costs: tuple[str, ...]
    samples: int
    seed: int
    noise: float | None
    plausible: tuple[Fraction, Fraction]
    plausible_given: bool
    model: str
    uncertain: bool
    criteria: dict[str, CriterionRobustness]
    binding: dict[str, float]  # player name, "none" (threshold 0), "never" -> share
    game_types: dict[str, dict[str, float]] | None  # 2x2: "at_zero" / "at_top" -> type -> share
    player_types: dict[str, dict[str, dict[str, float]]] | None
    at_top: EquilibriaAtTop
    verdict: str
    notes: tuple[str, ...]
    # Per-sample thresholds in sample order (inf: never; nan: not settled) and the weight of
    # each sample in the summaries (1; open/subsample for exact subsample members of ``unique``;
    # 0 for open samples outside it), for notebooks and tests.
    values: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    weights: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    attribution: tuple = ()  # per criterion, the drawn numbers that carry the disagreement (attribution.py)
    # Per criterion, the samples whose float verdict lay within its rounding bound and was
    # decided in fractions instead (near_ties.py).
    decided_exactly: dict[str, int] = field(default_factory=dict)

    @property
    def game(self) -> Game:
        """The game sampled (expected payoffs, with capacity)."""
        return self.case.game

    def target_names(self) -> dict[str, str]:
        """Each player's target strategy by player name."""
        return {p.name: p.strategies[s] for p, s in zip(self.game.players, self.target)}

    def json_data(self) -> dict[str, Any]:
        game = self.game
        ranks = None
        if game.payoff_scale == "ordinal":
            ranks = {}
            base = stated(self.case).payoffs  # ranks are the file's
            for i, player in enumerate(game.players):
                values = sorted(set(base[..., i].ravel()))
                ranks[player.name] = {"count": len(values), "range": [json_number(values[0]), json_number(values[-1])]}
        at_top = self.at_top
        return {
            "game": game.title,
            "target": self.target_names(),
            "costs": list(self.costs),
            "samples": self.samples,
            "seed": self.seed,
            "model": {
                "payoffs": game.payoff_scale,
                "noise": self.noise,
                "ranks": ranks,
                "weights_range": [c.name for c in game.costs if c.name in self.costs and c.weights_range is not None],
                "success_range": [
                    f"{game.players[e.player].name}@{game.players[e.player].strategies[e.strategy]}"
                    for e in capacity_of(self.case)
                    if e.success_range is not None
                ],
                "uncertain": self.uncertain,
                "description": self.model,
            },
            "plausible_kappa": [json_number(v) for v in self.plausible],
            "criteria": {name: criterion_to_json(c) for name, c in self.criteria.items()},
            "binding": self.binding,
            "game_types": None if self.game_types is None else {**self.game_types, "by_player": self.player_types},
            "equilibria_at_top": {
                "kappa": json_number(at_top.kappa),
                "target_equilibrium_share": at_top.target_equilibrium_share,
                "target_unique_share": at_top.target_unique_share,
                "mixed_searched": at_top.mixed_searched,
                "unresolved_share": at_top.unresolved_share,
                "sets": [
                    {
                        "equilibria": [
                            {p.name: [p.strategies[k] for k in s] for p, s in zip(game.players, eq)}
                            for eq in item.equilibria
                        ],
                        "continuum": item.continuum,
                        "summary": item.summary,
                        "share": item.share,
                    }
                    for item in at_top.sets
                ],
            },
            "verdict": self.verdict,
            "attribution": {a.criterion: attribution_to_json(a) for a in self.attribution},
            "decided_exactly": dict(self.decided_exactly),
            "verdict_scale": verdict_scale_json(),
            "notes": list(self.notes),
        }

    def _facts(self) -> list[tuple[str, str]]:
        facts = [("samples", str(self.samples)), ("verdict", self.verdict)]
        for name, c in self.criteria.items():
            facts.append((name, f"{c.p_within_plausible:.1%} within the plausible range"))
        return facts


def criterion_to_json(c: CriterionRobustness) -> dict[str, Any]:
    """One threshold's distribution over the samples, against the file's value, as JSON."""
    return {
        "p_within_plausible": c.p_within_plausible,
        "ci95": [c.ci95[0], c.ci95[1]],
        "never_share": c.never_share,
        "quantiles": dict(c.quantiles),
        "subsample": None if not c.open else {"size": c.subsample, "of": c.open, "settled": c.settled},
        "undetermined_share": c.undetermined_share,
        "verdicts": dict(c.verdict_shares),
        "agreement": c.agreement,
        "file": {
            "value": None if c.file_value is None else float(c.file_value),
            "exact": exact_text(c.file_value),
            "attained": c.file_attained,
            "verdict": c.file_verdict,
        },
    }
