"""Summaries of a robustness run: quantiles, shares with 95% intervals, agreement with the
file's own verdict, the binding player, game types, equilibria at the top of the range, and a
one-line grade."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..core.model import Game
from ..costs.verdicts import Verdict
from .batch import pattern_key, searches_mixed
from .chunks import ChunkResult, PerSample
from .plan import CRITERIA, GAME_TYPES, BindingCode, SamplingPlan, SetKey, VerdictCode
from .result import CriterionRobustness, EquilibriaAtTop, EquilibriumSet, RobustResult

if TYPE_CHECKING:  # the thresholds are computed, and imported, only where a run starts
    from ..costs.thresholds import ThresholdReport

QUANTILES = (("5", 0.05), ("50", 0.5), ("95", 0.95))


#: Two-sided 95% normal quantile, for Wilson intervals.
Z95 = 1.959963984540054


def wilson_interval(successes: float, trials: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial share (Wilson 1927; Agresti & Coull 1998).
    ``trials`` may be an effective sample size (not a whole number)."""
    if trials <= 0:
        return 0.0, 1.0
    share = min(max(successes / trials, 0.0), 1.0)
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(max(share * (1 - share), 0.0) / trials + z * z / (4 * trials * trials)) / denominator
    # At a share of exactly 0 or 1 the bound is exact; keep rounding from moving it.
    return (0.0 if share == 0 else max(0.0, centre - half)), (1.0 if share == 1 else min(1.0, centre + half))


def summarise(
    plan: SamplingPlan,
    report: ThresholdReport,
    samples: int,
    seed: int,
    noise: float | None,
    results: list[ChunkResult],
    per_sample: PerSample,
    subsample: int,
) -> RobustResult:
    """Add up the chunks' counts and the per-sample arrays into the :class:`RobustResult` of a run."""
    game = plan.game
    criteria = {}
    open_count = len(per_sample.open_index)
    for c in CRITERIA:
        opened = open_count if c == "unique" else 0
        criteria[c] = _criterion(
            c,
            per_sample.values[c],
            per_sample.verdicts[c],
            per_sample.weights[c],
            plan,
            report.thresholds[c],
            open_count=opened,
            subsample=subsample if opened else 0,
        )

    binding = _binding_shares(game.player_names, per_sample.binding, samples)
    game_types = player_types = None
    if plan.two_by_two:
        game_types, player_types = _game_type_shares(game.player_names, results, samples)
    at_top = _at_top(plan, results, samples, report.plausible[1])
    notes = _notes(plan, criteria["unique"], at_top)
    result = RobustResult(
        case=plan.case,
        target=plan.target,
        costs=plan.costs,
        samples=samples,
        seed=seed,
        noise=None if noise is None else float(noise),
        plausible=report.plausible,
        plausible_given=report.plausible_given,
        model=describe_model(plan),
        uncertain=plan.uncertain,
        criteria=criteria,
        binding=binding,
        game_types=game_types,
        player_types=player_types,
        at_top=at_top,
        verdict="",
        notes=tuple(notes),
        values=per_sample.values,
        weights=per_sample.weights,
    )
    return replace(result, verdict=robustness_line(result))


def _binding_shares(names: list[str], codes: np.ndarray, samples: int) -> dict[str, float]:
    """The share of samples by binding player, "none" (threshold 0) and "never"."""
    binding = {name: _share(np.count_nonzero(codes == i), samples) for i, name in enumerate(names)}
    binding["none"] = _share(np.count_nonzero(codes == BindingCode.NONE), samples)
    binding["never"] = _share(np.count_nonzero(codes == BindingCode.NEVER), samples)
    return binding


def _game_type_shares(names: list[str], results: list[ChunkResult], samples: int) -> tuple[dict, dict]:
    """2x2: the shares of each game type at κ = 0 and at the top, for the game and per player."""
    zero = _added_up([r.types_zero for r in results])
    top = _added_up([r.types_top for r in results])
    game_types = {"at_zero": _type_shares(zero[-1], samples), "at_top": _type_shares(top[-1], samples)}
    player_types = {
        name: {"at_zero": _type_shares(zero[i], samples), "at_top": _type_shares(top[i], samples)}
        for i, name in enumerate(names)
    }
    return game_types, player_types


def _notes(plan: SamplingPlan, unique: CriterionRobustness, at_top: EquilibriaAtTop) -> list[str]:
    """What the reader must know about the run: nothing uncertain, an assumed range, a subsample."""
    notes = []
    if not plan.uncertain:
        notes.append(
            "nothing is uncertain: the game is cardinal and neither noise nor a cost's weights_range is "
            "given, so every sample is the file's own game and every share is 0 or 1"
        )
    if not plan.case.plausible_declared:
        notes.append("the file gives no plausible range; P(κ ≤ top) and verdicts use [0, 1] (up to today's costs)")
    if not plan.costs:
        notes.append("no costs in the model: κ changes nothing")
    if plan.ordinal and plan.two_by_two:
        notes.append(
            "ordinal resampling keeps each player's ordering, so the game type at κ = 0 is the file's in "
            "every sample; the type at the top of the plausible range shows what costs change"
        )
    if unique.open:
        notes.append(_subsample_note(plan, unique))
    if plan.n_players > 2:
        notes.append(f"{plan.n_players} players: equilibria at the top of the range are pure ones only")
    if at_top.unresolved_share:
        notes.append(
            f"{at_top.unresolved_share:.2%} of samples are degenerate at the top of the range beyond the "
            "exact-solve budget; their equilibria are counted as unresolved"
        )
    return notes


def _subsample_note(plan: SamplingPlan, unique: CriterionRobustness) -> str:
    if unique.subsample == unique.open:
        how = f"computed exactly for all {unique.open:,} of them"
    elif unique.subsample:
        how = (
            f"estimated from an exact subsample of {unique.subsample:,} (evenly spaced, each standing for "
            f"{unique.open / unique.subsample:.3g} samples)"
        )
    else:
        how = "not computed"
    if plan.n_players == 2:
        return (
            f"unique: iterated dominance and the pure equilibria settle {unique.settled:,} samples; "
            f"for the other {unique.open:,} mixed equilibria decide, {how}"
        )
    return f"unique ({plan.n_players} players): {how.replace('of them', 'samples')}"


def _added_up(counts: Sequence[np.ndarray | None]) -> np.ndarray:
    """Count arrays of the chunks added up (a 2x2 run has them in every chunk)."""
    present = [c for c in counts if c is not None]
    return sum(present[1:], present[0])


def _share(count: float | np.integer, total: float) -> float:
    return float(count / total) if total else 0.0


def _type_shares(counts: np.ndarray, total: int) -> dict[str, float]:
    return {name: _share(int(c), total) for name, c in zip(GAME_TYPES, counts)}


def weighted_quantiles(
    values: np.ndarray, weights: np.ndarray, qs: Sequence[float], overwrite_input: bool = False
) -> list[float]:
    """For each q the smallest value whose cumulative weight reaches q of the total (the
    inverted CDF: an actual sample value, so 'never' (inf) is never averaged with a number).
    ``overwrite_input``: ``values`` may be reordered (saves a copy of them)."""
    if not len(values):
        return [math.inf] * len(qs)
    # A hair below q·total, so that q·n landing a rounding error above a whole number of
    # samples does not skip to the next one.
    shrink = 1 - 1e-12
    if np.all(weights == 1):
        ranks = [min(max(math.ceil(q * len(values) * shrink), 1), len(values)) - 1 for q in qs]
        # Those ranks in sorted place, no full sort needed.
        ordered = values if overwrite_input else values.copy()
        ordered.partition(ranks)
        return [float(ordered[k]) for k in ranks]
    order = np.argsort(values)
    cumulative = weights[order]
    np.cumsum(cumulative, out=cumulative)
    positions = np.searchsorted(cumulative, [q * cumulative[-1] * shrink for q in qs], side="left")
    return [float(values[order[min(int(pos), len(order) - 1)]]) for pos in positions]


def stratified_interval(
    hits_settled: float, settled: float, hits_exact: float, exact: float, weight: float, population: float
) -> tuple[float, float]:
    """95% interval for a share estimated from ``settled`` samples counted in full and
    ``exact`` subsample members each standing for ``weight`` samples of a stratum of
    ``population`` (Cochran 1977, ch. 5): a Wilson interval at the effective sample size
    p(1 − p)/Var, where Var adds the Monte Carlo variance and the subsampling variance."""
    total = settled + weight * exact
    if exact == 0 or total == 0:
        return wilson_interval(hits_settled, settled)
    share = (hits_settled + weight * hits_exact) / total
    stratum = weight * exact / total
    exact_share = hits_exact / exact
    variance = share * (1 - share) / total + stratum**2 * exact_share * (1 - exact_share) / exact * max(
        0.0, 1 - exact / population
    )
    effective = share * (1 - share) / variance if variance > 0 else settled + exact
    return wilson_interval(share * effective, effective)


def _criterion(
    name: str,
    values: np.ndarray,
    verdicts: np.ndarray,
    weights: np.ndarray,
    plan: SamplingPlan,
    threshold,
    open_count: int,
    subsample: int,
) -> CriterionRobustness:
    total = len(values)
    counted = weights > 0
    settled_value = counted & ~np.isnan(values)
    kept = values[settled_value]
    # Where every sample weighs 1 the weights stay one read-only number, not an array of ones.
    kept_weights = np.broadcast_to(weights[:1], kept.shape) if _uniform(weights) else weights[settled_value]
    found = weighted_quantiles(kept, kept_weights, [q for _, q in QUANTILES], overwrite_input=True)
    quantiles = {label: None if math.isinf(x) else x for (label, _), x in zip(QUANTILES, found)}
    within = settled_value & (values <= plan.top)
    exact = settled_value & (weights != 1)
    plain = settled_value & (weights == 1)
    weight = float(weights[exact][0]) if exact.any() else 1.0
    ci = stratified_interval(
        float(np.count_nonzero(within & plain)),
        float(np.count_nonzero(plain)),
        float(np.count_nonzero(within & exact)),
        float(np.count_nonzero(exact)),
        weight,
        float(open_count),
    )
    determined_weight = _weight(weights, settled_value)
    shares = {v: _share(_weight(weights, verdicts == VerdictCode.of(v)), total) for v in Verdict}
    settled = threshold.defined and threshold.verdict is not None
    file_verdict = threshold.verdict if settled else "undetermined"
    file_code = VerdictCode.of(threshold.verdict) if settled else VerdictCode.UNDETERMINED
    return CriterionRobustness(
        criterion=name,
        samples=total,
        settled=total - open_count,
        open=open_count,
        subsample=subsample,
        quantiles=quantiles,
        never_share=_share(_weight(weights, settled_value & np.isinf(values)), total),
        undetermined_share=_share(_weight(weights, counted & np.isnan(values)), total),
        p_within_plausible=_share(_weight(weights, within), determined_weight),
        ci95=ci,
        verdict_shares=shares,
        file_value=threshold.value,
        file_attained=threshold.attained,
        file_verdict=file_verdict,
        agreement=_share(_weight(weights, verdicts == file_code), total),
    )


def _uniform(weights: np.ndarray) -> bool:
    """Whether ``weights`` are the read-only ones of a criterion where every sample weighs 1."""
    return weights.strides == (0,) and (not len(weights) or weights[0] == 1)


def _weight(weights: np.ndarray, mask: np.ndarray) -> float:
    """The total weight of the samples in ``mask``: their count where every sample weighs 1
    (the same number as summing the ones, without an array of them)."""
    if _uniform(weights):
        return float(np.count_nonzero(mask))
    return float(weights[mask].sum())


def _at_top(plan: SamplingPlan, results: list[ChunkResult], samples: int, top: Fraction) -> EquilibriaAtTop:
    counts: Counter = Counter()
    if plan.two_by_two:
        patterns = _added_up([r.patterns for r in results])
        for code in np.flatnonzero(patterns):
            counts[pattern_key(plan, int(code))] += int(patterns[code])
    else:
        for r in results:
            counts.update(r.sets)
    alone = ((tuple((s,) for s in plan.target),), False)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], describe_set(plan.game, item[0])))
    return EquilibriaAtTop(
        kappa=top,
        target_equilibrium_share=_share(sum(r.target_equilibrium for r in results), samples),
        target_unique_share=_share(counts.get(alone, 0), samples),
        sets=tuple(
            EquilibriumSet(key[0], key[1], n, _share(n, samples), describe_set(plan.game, key)) for key, n in ordered
        ),
        mixed_searched=searches_mixed(plan),
        unresolved_share=_share(sum(r.unresolved for r in results), samples),
    )


def describe_set(game: Game, key: SetKey) -> str:
    """ "(Strike, Tolerate TTP) only", "(A, B) + (C, D) + mixed over (A/C, B/D)", "… (continuum)"."""
    equilibria, continuum = key
    pure = [eq for eq in equilibria if all(len(s) == 1 for s in eq)]
    parts = ["(" + ", ".join(p.strategies[s[0]] for p, s in zip(game.players, eq)) + ")" for eq in pure]
    for eq in equilibria:
        if eq not in pure:
            parts.append(
                "mixed over (" + ", ".join("/".join(p.strategies[k] for k in s) for p, s in zip(game.players, eq)) + ")"
            )
    if not parts:
        return "no equilibrium"
    text = parts[0] + " only" if len(parts) == 1 else " + ".join(parts)
    return text + (" (continuum)" if continuum else "")


def describe_model(plan: SamplingPlan) -> str:
    """The sampling model in one sentence."""
    game = plan.game
    if plan.ordinal:
        ranks = "; ".join(
            f"{p.name}: {c} ranks on [{lo:g}, {hi:g}]"
            for p, c, (lo, hi) in zip(game.players, plan.rank_counts, plan.payoff_ranges)
        )
        text = f"ordinal: each player's payoffs redrawn as sorted Uniform(lo, hi) values by rank ({ranks})"
    elif plan.noise > 0:
        text = f"cardinal: Normal(0, {plan.noise:g}) noise added to every payoff"
    else:
        text = "cardinal: payoffs as in the file (no noise added)"
    drawn = [e for e in plan.capacity if e.success_range]
    if drawn:  # limited capacity: q drawn per sample
        text += "; success of " + ", ".join(f"'{game.players[e.player].strategies[e.strategy]}'" for e in drawn)
        text += " drawn from its success_range"
    if plan.ranged_costs:
        names = ", ".join(c.name for c in plan.ranged_costs)
        return text + f"; weights of {names} drawn from their weights_range, other weights as in the file"
    return text + "; cost weights as in the file"


#: Grades of :func:`robustness_line`, by the smallest share of samples agreeing with the file.
GRADES = ((0.95, "robust"), (0.80, "mostly robust"), (0.50, "fragile"), (0.0, "not robust"))


def robustness_line(result: RobustResult) -> str:
    """One sentence: how often the samples give each criterion the file's own verdict.

    The grade follows the weakest criterion: robust when at least 95% of samples agree with
    the file on every criterion, mostly robust from 80%, fragile from 50%, else not robust.
    """
    if not result.uncertain:
        return (
            "No uncertainty to test: the game is cardinal and neither noise nor a weights_range is given, "
            "so every sample is the file's own game."
        )
    parts = [
        f"{name} ({c.file_verdict.replace('_', ' ').upper()}) in {c.agreement:.0%}"
        for name, c in result.criteria.items()
    ]
    weakest = min(c.agreement for c in result.criteria.values())
    grade = next(word for bound, word in GRADES if weakest >= bound)
    return f"{grade.capitalize()}: the samples give the file's verdict on {', '.join(parts)} of cases."
