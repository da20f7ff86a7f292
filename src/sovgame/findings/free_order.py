"""Robustness without holding the ordering fixed: payoffs drawn within declared per-cell ranges.

``robust`` redraws an ordinal game's payoffs keeping each player's ordering, so it can never
show what a different ordering would do ([[readings]] show a few chosen ones). With
``[payoff_ranges]`` (:mod:`sovgame.sections.payoff_ranges`), :func:`free_order` draws each
listed payoff independently from Uniform(lo, hi), orderings free; cells not listed keep the
file's payoffs, and weights with a ``weights_range`` are drawn as ``robust`` draws them. Each
sample is evaluated by ``robust``'s own vectorised per-sample computation
(:func:`sovgame.robustness.runner.evaluate_samples`: the compromise entry ``nash``,
``dominant``, and ``unique`` where two-player samples settle it) and the status quo's exit
(:func:`sovgame.findings.quick_check.exit_codes`); the result is how often each verdict comes
out and how often it is the file's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..core.case import Case, as_case
from ..costs.thresholds import compute_thresholds
from ..costs.verdicts import Verdict
from ..errors import ParameterError, SovgameError
from ..robustness.plan import CHUNK_SIZE, VerdictCode, plan_sampling
from ..robustness.runner import evaluate_samples
from ..robustness.sampling import chunk_generator, draw_samples
from ..sections.capacity import LimitedCapacity
from ..sections.payoff_ranges import PayoffRanges
from .quick_check import exit_codes

#: The subjects followed, in order: the status quo's exit, compromise entry, only equilibrium.
SUBJECTS = ("exit", "nash", "unique")


@dataclass(frozen=True)
class FreeOrder:
    """How often each verdict comes out over ``samples`` draws with free orderings
    (``shares[subject][verdict]``; ``"undetermined"`` where a sample does not settle it),
    the file's own verdict per subject and the share that agrees with it."""

    case: Case
    samples: int
    seed: int
    ranged_cells: int  # payoffs drawn (a cell counts once per player with a range lo < hi)
    shares: dict[str, dict[str, float]]
    file_verdicts: dict[str, Verdict | None]
    agreement: dict[str, float]
    ordering_kept: float  # share of draws in which every player's ordering is the file's

    def json_data(self) -> dict[str, Any]:
        """The stable JSON of ``robust --free-order``."""
        return {
            "game": self.case.game.title,
            "samples": self.samples,
            "seed": self.seed,
            "ranged_payoffs": self.ranged_cells,
            "ordering_kept": self.ordering_kept,
            "file_verdicts": {k: None if v is None else v.value for k, v in self.file_verdicts.items()},
            "shares": self.shares,
            "agreement": self.agreement,
        }


def free_order(x: Case, samples: int = 10_000, seed: int = 0, plausible: Sequence | None = None) -> FreeOrder:
    """Draw ``samples`` games with payoffs free within ``[payoff_ranges]`` (module docstring).

    Raises
    ------
    SovgameError
        When the file declares no ``[payoff_ranges]``, or states ``[[capacity]]`` (the draws are
        of the payoffs as stated, and the game analysed would be the expected-payoff one).
    ParameterError
        For ``samples`` outside 1 .. 1,000,000 or a negative ``seed``.
    """
    case = as_case(x, plausible)
    declared = case.section(PayoffRanges)
    if declared is None:
        raise SovgameError(
            f"{case.origin}: payoff_ranges: the file declares no [payoff_ranges]; add one [lo, hi] per player for "
            'the cells whose ordering is in doubt, e.g. cells = { "Strike|Constrain TTP" = [[2.5, 4.5], [0.5, 1.5]] }'
        )
    if case.section(LimitedCapacity) is not None:
        raise SovgameError(f"{case.origin}: payoff_ranges: free orderings are not drawn for a file with [[capacity]]")
    if not 1 <= samples <= 1_000_000 or seed < 0:
        name, value = ("samples", samples) if not 1 <= samples <= 1_000_000 else ("seed", seed)
        raise ParameterError(name, f"is {value}; samples must be 1 .. 1,000,000 and the seed >= 0")
    lo, hi = _bounds(case, declared)
    plan = plan_sampling(case, unique_subsample=0)
    # Weights as robust draws them; payoffs drawn here, so never the file's own.
    fixed = replace(plan, ordinal=False, noise=0.0, exact_payoffs=None)
    codes: dict[str, list[np.ndarray]] = {s: [] for s in SUBJECTS}
    kept = []
    for chunk, first in enumerate(range(0, samples, CHUNK_SIZE)):
        count = min(CHUNK_SIZE, samples - first)
        rng = chunk_generator(seed, chunk)
        _, W = draw_samples(fixed, rng, count)
        U = lo + (hi - lo) * rng.random((count, *lo.shape))
        result = evaluate_samples(fixed, U, W)
        codes["nash"].append(result.verdicts["nash"])
        codes["unique"].append(result.verdicts["unique"])
        found = exit_codes(fixed, U, W)
        if found is not None:
            codes["exit"].append(found[1])
        kept.append(_same_order(U, plan.base_payoffs))
    report = compute_thresholds(case)
    stated_exit = report.status_quo_exit
    file_verdicts = {
        "exit": None if stated_exit is None else stated_exit.verdict,
        "nash": report.thresholds["nash"].verdict,
        "unique": report.thresholds["unique"].verdict,
    }
    shares, agreement = {}, {}
    for subject, parts in codes.items():
        if not parts:
            continue
        every = np.concatenate(parts)
        shares[subject] = _shares(every)
        wanted = file_verdicts[subject]
        agreement[subject] = float(np.mean(every == VerdictCode.of(wanted))) if wanted is not None else 0.0
    ranged = int(np.count_nonzero(hi > lo))
    return FreeOrder(
        case, samples, seed, ranged, shares, file_verdicts, agreement, float(np.mean(np.concatenate(kept)))
    )


def _bounds(case: Case, declared: PayoffRanges) -> tuple[np.ndarray, np.ndarray]:
    """Per flat profile and player, the [lo, hi] a payoff is drawn from (the file's payoff
    twice where no range is declared); every declared range must hold the file's payoff."""
    game = case.game
    profiles = list(game.profiles())
    lo = np.array([[float(game.payoffs[p + (i,)]) for i in range(game.n_players)] for p in profiles])
    hi = lo.copy()
    for profile, ranges in declared.ranges.items():
        k = profiles.index(profile)
        for i, (low, high) in enumerate(ranges):
            value = game.payoffs[profile + (i,)]
            if not low <= value <= high:
                key = f'payoff_ranges.cells."{game.outcome_key(profile)}"[{i}]'
                raise SovgameError(f"{case.origin}: {key}: [{low}, {high}] does not hold the file's payoff {value}")
            lo[k, i], hi[k, i] = float(low), float(high)
    return lo, hi


def _same_order(U: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Per sample, whether every player's payoffs compare pairwise as the file's do."""
    same = np.ones(U.shape[0], bool)
    n_profiles = base.shape[0]
    for a in range(n_profiles):
        for b in range(a + 1, n_profiles):
            same &= (np.sign(U[:, a, :] - U[:, b, :]) == np.sign(base[a] - base[b])).all(axis=1)
    return same


def _shares(codes: np.ndarray) -> dict[str, float]:
    """The share of each verdict among ``codes`` (robust's codes), by verdict value."""
    out = {}
    for verdict in Verdict:
        share = float(np.mean(codes == VerdictCode.of(verdict)))
        if share:
            out[verdict.value] = share
    open_ = float(np.mean(codes >= VerdictCode.UNDETERMINED))
    if open_:
        out["undetermined"] = open_
    return out
