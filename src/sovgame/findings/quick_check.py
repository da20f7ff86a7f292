"""A quick, seeded robustness run for the bottom line: how often the file's verdicts survive
the numbers it does not pin down.

:func:`quick_check` draws a fixed sample (:data:`QUICK_SAMPLES` games, seed :data:`QUICK_SEED`)
exactly as :func:`sovgame.robustness.runner.robust` draws it (the same plan, chunks and
generators, so its draws are the first draws of ``robust`` with that seed) and evaluates, with
``robust``'s own vectorised functions, only what the bottom line states: the compromise entry
(``nash``) and its binding player, the only-equilibrium threshold (``unique``, for 2x2 games,
where every sample settles it; larger games leave it out, as its walk is not quick there) and
the status quo's exit, which
``robust`` does not compute. It skips what makes ``robust`` slow on larger games (the
equilibria at the top, the exact subsample), so a 2x2 case takes about 0.02 s of CPU.

The status quo's exit per sample: with payoffs u and cost loads w, each player i's deviation
from the status quo d gains a_i − κ·b_i (a_i = u_i(d with i moved) − u_i(d), b_i the same
difference of loads); d holds on [max(0, max_{b_i>0} a_i/b_i), min_{b_i<0} a_i/b_i] (empty when
some b_i = 0 < a_i or the ends cross), and its exit set is everything above that interval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.case import Case
from ..costs.status_quo_exit import exit_set, linear_held, movers, status_quo_profile
from ..costs.thresholds import ThresholdReport, compute_thresholds
from ..costs.verdicts import Verdict, verdict_for
from ..robustness import near_ties
from ..robustness.kappa_sets import linear_sets, nash_binding, unique_sets
from ..robustness.near_ties import close
from ..robustness.plan import CHUNK_SIZE, SamplingPlan, VerdictCode, plan_sampling
from ..robustness.sampling import chunk_generator, draw_samples
from ..robustness.summary import describe_model

#: The size and seed of the quick run: fixed, so the bottom line is the same on every run.
QUICK_SAMPLES = 2000
QUICK_SEED = 0
#: The largest game (in outcomes) the quick run is made for: an 8x8 game takes about 0.3 s.
QUICK_OUTCOMES = 64


@dataclass(frozen=True)
class QuickCheck:
    """Shares of the quick run's samples whose verdict is the file's, per headline quantity
    (``exit``: the status quo's exit; ``nash``: compromise becomes an equilibrium; ``unique``:
    it becomes the only one), the 5/50/95% quantiles of each κ (None: never), and how often
    each player binds the compromise threshold; ``verdicts`` holds the file's verdict per
    quantity and ``codes`` each draw's verdict code (:class:`VerdictCode`), in draw order, so
    that claims about these quantities can be read on the same draws."""

    samples: int
    seed: int
    model: str
    uncertain: bool
    agreement: dict[str, float | None]
    quantiles: dict[str, tuple[float | None, float | None, float | None]]
    binding: dict[str, float]
    verdicts: dict[str, Verdict | None] = field(default_factory=dict)
    codes: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    decided_exactly: dict[str, int] = field(default_factory=dict)  # draws whose verdict a near tie sent to fractions

    def json_data(self) -> dict[str, Any]:
        """Size, seed, model, shares that agree with the file's verdicts, 5/50/95% quantiles of
        each κ (null: never) and the binding shares."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "model": self.model,
            "uncertain": self.uncertain,
            "agreement": dict(self.agreement),
            "quantiles": {name: list(q) for name, q in self.quantiles.items()},
            "binding": dict(self.binding),
            "decided_exactly": dict(self.decided_exactly),
        }


def quick_check(case: Case, report: ThresholdReport | None = None) -> QuickCheck:
    """The quick run on ``case`` (module docstring); the case needs a compromise profile.
    ``report``, the case's thresholds when already computed, is reused."""
    plan = plan_sampling(case, unique_subsample=0)
    report = report or compute_thresholds(case)
    stated_exit = report.status_quo_exit
    wanted = {
        "nash": report.thresholds["nash"].verdict,
        "unique": report.thresholds["unique"].verdict,
        "exit": None if stated_exit is None else stated_exit.verdict,
    }
    values: dict[str, list[np.ndarray]] = {"nash": [], "unique": [], "exit": []}
    codes: dict[str, list[np.ndarray]] = {"nash": [], "unique": [], "exit": []}
    binding = []
    decided = {"nash": 0, "exit": 0}
    for chunk, first in enumerate(range(0, QUICK_SAMPLES, CHUNK_SIZE)):
        U, W = draw_samples(plan, chunk_generator(QUICK_SEED, chunk), min(CHUNK_SIZE, QUICK_SAMPLES - first))
        gains = plan.gathered.gains(U, W)
        a, b = gains["nash"]
        nash = linear_sets(a, b, strict=False)
        near = near_ties.settle(plan, nash, plan.nash, U, W, strict=False)  # ends made exact where near
        values["nash"].append(nash.value)
        codes["nash"].append(near.verdicts)
        decided["nash"] += near.decided_exactly
        binding.append(nash_binding(plan, a, b, nash))
        if plan.two_by_two and plan.pairwise is not None:  # larger games: the walk is not quick
            least, verdicts, open_ = unique_sets(plan, U, W, gains["pairwise"], nash)
            values["unique"].append(np.where(open_, np.nan, least))
            codes["unique"].append(np.where(open_, VerdictCode.NOT_COMPUTED, verdicts))
        found = exit_codes(plan, U, W)
        if found is not None:
            values["exit"].append(found[0])
            codes["exit"].append(found[1])
            decided["exit"] += found[2]
    agreement: dict[str, float | None] = {}
    quantiles: dict[str, tuple[float | None, float | None, float | None]] = {}
    kept = {name: np.concatenate(parts) for name, parts in codes.items() if parts and wanted[name] is not None}
    for name, every in kept.items():
        kappas = np.concatenate(values[name])
        settled = every != VerdictCode.NOT_COMPUTED
        agreement[name] = float(np.mean(every[settled] == VerdictCode.of(wanted[name]))) if settled.any() else None
        quantiles[name] = _quantiles(kappas[settled]) if settled.any() else (None, None, None)
    codes_binding = np.concatenate(binding)
    shares = {p.name: float(np.mean(codes_binding == i)) for i, p in enumerate(case.game.players)}
    return QuickCheck(
        QUICK_SAMPLES,
        QUICK_SEED,
        describe_model(plan),
        plan.uncertain,
        agreement,
        quantiles,
        {name: share for name, share in shares.items() if share > 0},
        {name: wanted[name] for name in kept},
        kept,
        {name: count for name, count in decided.items() if name in kept},
    )


#: Verdict codes of the exit samples (those of ``robust``'s per-sample arrays).
VERDICT_CODES = {
    v: int(VerdictCode.of(v)) for v in (Verdict.HOLDS_TODAY, Verdict.REACHABLE, Verdict.BEYOND, Verdict.NEVER)
}


def exit_samples(plan: SamplingPlan, samples: int, seed: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Per sample, the status quo's exit κ (inf: never) and its verdict code; None when the
    game has no status quo. Draws chunk by chunk exactly as ``robust`` does."""
    if status_quo_profile(plan.game) is None:
        return None
    values, codes = [], []
    for chunk, first in enumerate(range(0, samples, CHUNK_SIZE)):
        U, W = draw_samples(plan, chunk_generator(seed, chunk), min(CHUNK_SIZE, samples - first))
        found = exit_codes(plan, U, W)
        assert found is not None
        values.append(found[0])
        codes.append(found[1])
    return np.concatenate(values), np.concatenate(codes)


def exit_codes(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray, int] | None:
    """The status quo's exit κ (inf: never) and verdict code of each sample (U, W) (module
    docstring), and how many samples near a tie were decided in fractions; None when the game
    has no status quo."""
    status_quo = status_quo_profile(plan.game)
    if status_quo is None:
        return None
    shape = plan.shape
    at = np.ravel_multi_index(status_quo, shape)
    moved = {
        i: np.ravel_multi_index(status_quo[:i] + (1 - status_quo[i],) + status_quo[i + 1 :], shape)
        for i in movers(plan.game)
    }
    a = np.stack([U[:, m, i] - U[:, at, i] for i, m in moved.items()], axis=1)
    b = np.stack([W[:, m, i] - W[:, at, i] for i, m in moved.items()], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = a / b
    lower = np.max(np.where(b > 0, ratio, 0.0), axis=1, initial=0.0)
    upper = np.min(np.where(b < 0, ratio, np.inf), axis=1, initial=np.inf)
    flat_fails = ((b == 0) & (a > 0)).any(axis=1)  # signs of float differences are exact
    empty = flat_fails | (upper < lower)
    exit_at = np.where(empty, 0.0, upper)
    top = plan.top
    # The exit set is (hi, ∞) (all of [0, ∞) when the status quo never holds: exit_at 0 then).
    codes = np.select(
        [np.isinf(exit_at), exit_at < 1, (exit_at < top) & (top > 1)],
        [VERDICT_CODES[Verdict.NEVER], VERDICT_CODES[Verdict.HOLDS_TODAY], VERDICT_CODES[Verdict.REACHABLE]],
        VERDICT_CODES[Verdict.BEYOND],
    )
    # The floats decide where the exit's end is clear of κ = 1, the top and the lower end
    # (sovgame.robustness.near_ties: the same ratios, the same bound); a tie gets fractions.
    near = ~flat_fails & np.isfinite(upper) & (close(upper, 1.0) | close(upper, top) | close(upper, lower))
    for j in np.flatnonzero(near):
        u, w = plan.exact_draw(U[j], W[j])
        pairs = [(u[m, i] - u[at, i], w[m, i] - w[at, i]) for i, m in moved.items()]
        found = exit_set(linear_held(pairs))
        exit_at[j] = float(found[0].lo) if found else np.inf
        codes[j] = VerdictCode.of(verdict_for(found, (plan.case.plausible[0], plan.top_exact)))
    return exit_at, codes, len(np.flatnonzero(near))


def _quantiles(values: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """5/50/95% quantiles of κ values where inf means never (a quantile that falls on never is None)."""
    ordered = np.sort(values)
    out = []
    for q in (0.05, 0.5, 0.95):
        x = float(ordered[min(len(ordered) - 1, int(q * len(ordered)))])
        out.append(None if np.isinf(x) else x)
    return out[0], out[1], out[2]
