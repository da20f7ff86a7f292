"""The main job: everything an analyst needs about one game in one result.

:func:`analyze` solves the game at κ = 0 and at the top of the plausible cost range,
computes every threshold for the compromise profile and writes the conclusion on the claim
that the cost threshold for compromise is "unreachably high" (docs/models.md: it can be literally
true — never —, true in practice — beyond the plausible range — or false).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.intervals import exact_text
from ..core.model import Game
from ..core.numbers import fmt
from ..costs.thresholds import Threshold, ThresholdReport, compute_thresholds
from ..costs.verdicts import Verdict, range_text
from ..solvers.equilibria import Solution, solve


@dataclass(frozen=True)
class Analysis:
    game: Game
    today: Solution  # κ = 0: payoffs as ranked, costs not yet counted
    at_top: Solution | None  # at the top of the plausible range, if the game has costs
    thresholds: ThresholdReport | None  # None when no player names a compromise strategy
    conclusion: tuple[str, ...]


def analyze(game: Game) -> Analysis:
    """Solve ``game`` at κ = 0 and at the top of its plausible range; thresholds; conclusion."""
    today = solve(game, 0)
    report = compute_thresholds(game) if game.compromise_profile is not None else None
    at_top = None
    if game.costs and report is not None and report.plausible[1] > 0:
        at_top = solve(game, report.plausible[1])
    return Analysis(game, today, at_top, report, tuple(conclude(report)))


def _threshold_phrase(t: Threshold) -> str:
    if t.bracket is not None:
        return f"somewhere in [{fmt(t.bracket[0])}, {fmt(t.bracket[1])}]"
    word = "at" if t.attained else "above"
    return f"{word} κ = {exact_text(t.value)}"


def conclude(report: ThresholdReport | None) -> list[str]:
    """Plain sentences on the claim, each backed by a threshold and its verdict."""
    if report is None:
        return [
            "No player names a compromise strategy, so there is no threshold to test; "
            'add `compromise = "..."` to each [[players]] table.'
        ]
    nash, unique = report.thresholds["nash"], report.thresholds["unique"]
    lines = [_equilibrium_sentence(report, nash)]
    if nash.verdict != Verdict.NEVER:
        lines.append(_uniqueness_sentence(unique))
    lines.append(f"The claim that the threshold is 'unreachably high' is {_claim_verdict(nash, unique)}.")
    if report.repeated is not None:
        parts = [f"{name} {exact_text(v)}" for name, v in report.repeated.at_zero.items()]
        lines.append(
            f"In repeated play, grim trigger sustains compromise at κ = 0 when the discount factor is at "
            f"least δ* ({', '.join(parts)}; values ≥ 1 or inf mean never)."
        )
    return lines


def _equilibrium_sentence(report: ThresholdReport, nash: Threshold) -> str:
    target = ", ".join(report.target_names().values())
    if nash.verdict == Verdict.NEVER:
        return f"Compromise ({target}) never becomes an equilibrium: {nash.reason}."
    if nash.verdict == Verdict.MET:
        return f"Compromise ({target}) is already an equilibrium at κ = {fmt(report.plausible[0])}."
    binding = f", with {nash.binding} the binding side" if nash.binding else ""
    others = [
        f"{name} alone would need {exact_text(v)}"
        for name, v in (nash.per_player or {}).items()
        if name != nash.binding and v is not None
    ]
    extra = f" ({'; '.join(others)})" if others else ""
    where = "within" if nash.verdict == Verdict.REACHABLE else "beyond"
    return (
        f"Compromise ({target}) becomes an equilibrium {_threshold_phrase(nash)} "
        f"(κ = 1: costs as stated today), {where} the plausible range {range_text(report.plausible)}{binding}{extra}."
    )


def _uniqueness_sentence(unique: Threshold) -> str:
    if not unique.defined:
        return f"Whether it becomes the only outcome is not established here: {unique.reason}."
    if unique.verdict == Verdict.NEVER:
        return f"But it never becomes the only outcome: {unique.reason}."
    if unique.verdict == Verdict.MET:
        return "It is also the only equilibrium already."
    where = "within" if unique.verdict == Verdict.REACHABLE else "beyond"
    return f"It becomes the only outcome {_threshold_phrase(unique)}, {where} the plausible range."


def _claim_verdict(nash: Threshold, unique: Threshold) -> str:
    """The verdict on "the threshold is unreachably high" (docs/models.md: literally true —
    never —, true in practice — beyond the plausible range —, half true, or false)."""
    if unique.defined and unique.verdict in (Verdict.MET, Verdict.REACHABLE):
        return "false: plausible costs make compromise the only outcome"
    if nash.verdict == Verdict.NEVER:
        return "literally true: no cost level makes compromise stable"
    if nash.verdict == Verdict.BEYOND:
        return "true in practice: compromise needs costs beyond the plausible range even to be stable"
    if unique.defined and unique.verdict == Verdict.NEVER:
        return (
            "half true: plausible costs can make compromise stable, but no cost level makes it the only "
            "outcome, because of who pays when, not how much"
        )
    if unique.defined:
        return (
            "half true: plausible costs can make compromise stable, but only costs beyond the plausible "
            "range make it the only outcome"
        )
    return "undetermined for uniqueness; see above"
