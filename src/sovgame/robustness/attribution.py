"""Which sampled numbers explain the disagreement with the file's verdict (``sovgame robust``).

A sample *disagrees* when its verdict on a criterion differs from the file's own. For each
number the sampling model draws — an ordinal payoff rank of a player, a payoff under noise, a
cost weight with a ``weights_range`` — two measures say how much of the disagreement it
carries:

- Spearman's rank correlation ρ between the number and the disagreement (1 or 0): the
  Pearson correlation of the number's ranks (ties averaged) with it, weighted by each sample's
  weight in the summaries (Spearman 1904). With a 0/1 variable this is a rank-biserial
  measure: ρ > 0 when samples with larger values disagree more often.
- the share of samples that disagree when the number lies below its (weighted) median, and
  when it lies above it: a reader can see at once on which side the verdict is lost.

The numbers are redrawn in this process from the same chunk seeds (:mod:`sovgame.robustness.sampling`),
so chunks return nothing new; only the first :data:`LIMIT` samples are used, which keeps this
cheap for runs of millions (ρ's standard error is then below 1/√LIMIT ≈ 0.007).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..costs.thresholds import ThresholdReport
from .plan import CHUNK_SIZE, CRITERIA, SamplingPlan, VerdictCode
from .sampling import STATED_PAYOFFS, chunk_generator, draw_samples

#: Samples used for the attribution (the first ones, in sample order).
LIMIT = 20_000

#: Numbers named per criterion.
SHOWN = 3


@dataclass(frozen=True)
class Driver:
    """One drawn number and how the disagreement goes with it."""

    number: str
    rho: float  # Spearman's rank correlation with disagreeing (1) or agreeing (0)
    below: float  # share disagreeing among samples with the number below its median
    above: float  # ... above its median


@dataclass(frozen=True)
class Attribution:
    """For one criterion: the share disagreeing with the file's verdict and the numbers that
    carry it, strongest |ρ| first (empty when every sample agrees, or every one disagrees)."""

    criterion: str
    file_verdict: str
    disagreement: float
    samples: int
    drivers: tuple[Driver, ...]


def drawn_numbers(plan: SamplingPlan, seed: int, count: int) -> tuple[list[str], np.ndarray]:
    """The names of the numbers the model draws and their values in the first ``count``
    samples, shape (count, numbers), redrawn chunk by chunk as the run drew them."""
    game = plan.game
    names: list[str] = []
    columns: list[np.ndarray] = []
    blocks = []
    for chunk in range(-(-count // CHUNK_SIZE)):
        size = min(CHUNK_SIZE, count - chunk * CHUNK_SIZE)
        weights: dict[str, np.ndarray] = {}
        U, _ = draw_samples(plan, chunk_generator(seed, chunk), size, weights)
        blocks.append((weights.pop(STATED_PAYOFFS, U), weights))
    U = np.concatenate([u for u, _ in blocks])
    profiles = list(game.profiles())
    if plan.ordinal:
        for i, player in enumerate(game.players):
            for rank in range(plan.rank_counts[i]):
                at = [k for k, r in enumerate(plan.rank_of[i]) if r == rank]
                where = " and ".join("(" + ", ".join(game.outcome_names(profiles[k])) + ")" for k in at)
                names.append(f"{player.name}'s payoff at {where}")
                columns.append(U[:, at[0], i])
    elif plan.noise > 0:
        for k, profile in enumerate(profiles):
            for i, player in enumerate(game.players):
                names.append(f"{player.name}'s payoff at ({', '.join(game.outcome_names(profile))})")
                columns.append(U[:, k, i])
    for cost in plan.ranged_costs:
        drawn = np.concatenate([w[cost.name] for _, w in blocks])
        for i, player in enumerate(game.players):
            if cost.hi[i] > cost.lo[i]:
                names.append(f"{player.name}'s {cost.name} weight")
                columns.append(drawn[:, i])
    matrix = np.stack(columns, axis=1) if columns else np.empty((count, 0))
    return names, matrix


def _ranks(x: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Ranks 1..n of x, ties given their average rank; ``order`` sorts x (one sort serves the
    ranks and the median)."""
    ordered = x[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(x)]
    ranks = np.empty(len(x))
    ranks[order] = np.repeat((starts + 1 + ends) / 2, ends - starts)  # mean of ranks start+1..end
    return ranks


@dataclass(frozen=True)
class Ranked:
    """What one number's measures need that does not depend on the criterion: its ranks, their
    weighted mean and variance, its weighted median and the samples on each side of it (one
    computation serves every criterion weighted alike)."""

    ranks: np.ndarray
    centred: np.ndarray  # ranks − their weighted mean
    variance: float
    sides: tuple[np.ndarray, np.ndarray]  # indices of the samples with x < median, x > median
    side_weights: tuple[float, float]


def ranked(x: np.ndarray, w: np.ndarray, order: np.ndarray | None = None) -> Ranked:
    """:class:`Ranked` of the number ``x`` under weights ``w``; ``order`` sorts x when known."""
    order = np.argsort(x) if order is None else order
    ranks = _ranks(x, order)
    centred = ranks - np.average(ranks, weights=w)
    median = _weighted_median(x, w, order)
    # Indices rather than masks: gathering by index is far quicker than by a random mask,
    # and keeps the samples in order (the same sums).
    sides = (np.flatnonzero(x < median), np.flatnonzero(x > median))
    variance = float(np.average(centred**2, weights=w))
    return Ranked(ranks, centred, variance, sides, (np.take(w, sides[0]).sum(), np.take(w, sides[1]).sum()))


def _weighted_median(x: np.ndarray, w: np.ndarray, order: np.ndarray) -> float:
    cumulative = np.cumsum(w[order])
    return float(x[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def driver(name: str, number: Ranked, disagree: np.ndarray, w: np.ndarray) -> Driver:
    """ρ and the shares below and above the median for one number (module docstring): the
    weighted Pearson correlation of its ranks with ``disagree``,
    ρ = Σw·(r − r̄)(d − d̄) / √(Σw·(r − r̄)² · Σw·(d − d̄)²)."""
    centred = disagree - np.average(disagree, weights=w)
    covariance = np.average(number.centred * centred, weights=w)
    variance = np.average(centred**2, weights=w)
    rho = float(covariance / np.sqrt(number.variance * variance)) if number.variance > 0 and variance > 0 else 0.0
    weighted = w * disagree
    shares = [
        float(np.take(weighted, side).sum() / total) if total > 0 else float("nan")
        for side, total in zip(number.sides, number.side_weights)
    ]
    return Driver(name, rho, shares[0], shares[1])


def attribute(
    plan: SamplingPlan,
    seed: int,
    report: ThresholdReport,
    verdicts: dict[str, np.ndarray],
    weights: dict[str, np.ndarray],
) -> tuple[Attribution, ...]:
    """Per criterion, the numbers that carry the disagreement with the file's verdict, from the
    first :data:`LIMIT` samples' verdict codes and weights (as the run computed them)."""
    count = min(LIMIT, len(next(iter(verdicts.values()))))
    names, numbers = drawn_numbers(plan, seed, count)
    orders: dict[int, np.ndarray] = {}  # number -> the order of all its samples, sorted once
    # number -> its ranks and median under the weights last used with every sample
    known: dict[int, Ranked] = {}
    known_weights: np.ndarray | None = None
    out = []
    for criterion in CRITERIA:
        own = report.thresholds[criterion].verdict
        code = VerdictCode.of(own)
        got = verdicts[criterion][:count]
        w = weights[criterion][:count].astype(float)
        w = np.where((got == VerdictCode.UNDETERMINED) | (got == VerdictCode.NOT_COMPUTED), 0.0, w)
        used = w > 0
        disagree = (got != code).astype(float)
        share = float((w * disagree).sum() / w.sum()) if w.sum() > 0 else 0.0
        drivers: list[Driver] = []
        if 0 < share < 1 and numbers.shape[1]:
            if used.all():
                if known_weights is None or not np.array_equal(w, known_weights):
                    known, known_weights = {}, w
                for k in range(len(names)):
                    if k not in orders:
                        orders[k] = np.argsort(numbers[:, k])
                    if k not in known:
                        known[k] = ranked(numbers[:, k], w, orders[k])
                found = [driver(n, known[k], disagree, w) for k, n in enumerate(names)]
            else:
                found = [
                    driver(n, ranked(numbers[used, k], w[used]), disagree[used], w[used]) for k, n in enumerate(names)
                ]
            drivers = sorted(found, key=lambda d: -abs(d.rho))[:SHOWN]
        verdict = own.value if own is not None else "not_settled"
        out.append(Attribution(criterion, verdict, share, int(used.sum()), tuple(drivers)))
    return tuple(out)


def attribution_to_json(a: Attribution) -> dict[str, Any]:
    """The drawn numbers that carry the disagreement with the file's verdict, as JSON."""
    return {
        "file_verdict": a.file_verdict,
        "disagreement": a.disagreement,
        "samples": a.samples,
        "drivers": [
            {
                "number": d.number,
                "rho": d.rho,
                "below_median": None if math.isnan(d.below) else d.below,
                "above_median": None if math.isnan(d.above) else d.above,
            }
            for d in a.drivers
        ],
    }
