"""The bottom line: what ``analyze`` and ``report`` say first, in at most :data:`MOST_LINES` lines.

One function, :func:`bottom_line`, writes every line from an :class:`~sovgame.findings.analysis.Analysis`:
today's equilibria; where the status quo stops being an equilibrium and where compromise
becomes one (and the only one), each with its verdict and binding side; how often a quick
seeded robustness run (:mod:`sovgame.findings.quick_check`) gives the same verdicts, with the
spread of each κ; the readings that change a verdict (:mod:`sovgame.findings.readings`); the
claims tally; and what the file declares uncertain. A number whose uncertainty the file does
not declare says "none declared". A new model adds its one sentence here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..claims.grading import Grade
from ..core.intervals import Endpoint, exact_text
from ..costs.assessment import Threshold
from ..costs.status_quo_exit import StatusQuoExit
from ..costs.verdicts import Verdict, range_text
from ..solvers.equilibria import Solution
from .models import model_sentences

if TYPE_CHECKING:
    from ..claims.scorecard import Scorecard
    from ..core.case import Case
    from ..core.model import Game
    from ..costs.thresholds import ThresholdReport
    from .quick_check import QuickCheck
    from .readings import ReadingsAnalysis


class Analysis(Protocol):
    """What the bottom line reads of an analysis (:class:`sovgame.findings.analysis.Analysis`)."""

    @property
    def case(self) -> Case: ...

    @property
    def at_zero(self) -> Solution: ...

    @property
    def today(self) -> Solution | None: ...

    @property
    def thresholds(self) -> ThresholdReport | None: ...

    @property
    def scorecard(self) -> Scorecard | None: ...

    @property
    def status_quo(self) -> StatusQuoExit | None: ...

    @property
    def quick(self) -> QuickCheck | None: ...

    @property
    def quick_left_out(self) -> str | None: ...

    @property
    def readings(self) -> ReadingsAnalysis | None: ...

    @property
    def game(self) -> Game: ...


#: The bottom line never runs longer than this many lines (sentences).
MOST_LINES = 12


def bottom_line(result: Analysis) -> list[str]:
    """The bottom line of ``result`` (module docstring), one sentence a line."""
    lines = []
    if result.today is not None:
        lines.append(today_sentence(result.today))
    else:  # no costs: κ changes nothing
        lines.append(today_sentence(result.at_zero).replace("At today's costs (κ = 1)", "With no costs, at every κ,"))
    if result.thresholds is None:
        lines.append("No player names a compromise strategy, so there is no threshold to state.")
    report, quick = result.thresholds, result.quick
    if result.status_quo is not None:
        lines.append(_exit_line(result.status_quo, result) + _spread(quick, "exit"))
    if report is not None:
        nash, unique = report.thresholds["nash"], report.thresholds["unique"]
        lines.append(_entry_line(nash, report.target_names()) + _spread(quick, "nash"))
        lines.append(
            f"Compromise is the only equilibrium {_kappa(unique)}: {_verdict(unique.verdict)}"
            + _spread(quick, "unique")
        )
    if quick is not None:
        lines.append(_agreement_line(quick, result.status_quo is not None))
    elif result.quick_left_out:
        lines.append(f"No quick robustness run: {result.quick_left_out}.")
    if result.readings is not None:
        lines.append(_readings_line(result.readings))
    lines += model_sentences(result.case)  # one each for a spoiler or bargaining section the file declares
    if result.scorecard is not None:
        tally = "; ".join(f"{n} {grade.words}" for grade in Grade if (n := result.scorecard.count(grade)))
        lines.append(f"Claims ({len(result.scorecard.results)}): {tally}.")
    lines.append(_declared_line(result))
    return lines[:MOST_LINES]


def _kappa(t: Threshold) -> str:
    if not t.defined:
        return "(not established here)"
    if t.value is None:
        return "at no κ"
    if t.bracket is not None:
        return f"somewhere in κ ∈ [{exact_text(t.bracket[0])}, {exact_text(t.bracket[1])}]"
    return f"{'from' if t.attained else 'above'} κ = {exact_text(t.value)}"


def _verdict(verdict: Verdict | None) -> str:
    return "NOT SETTLED" if verdict is None else verdict.words.upper()


def _exit_line(found: StatusQuoExit, result: Analysis) -> str:
    names = ", ".join(p.strategies[s] for p, s in zip(result.game.players, found.profile))
    if found.value is None:
        return f"The status quo ({names}) stays an equilibrium at every κ: exit NEVER"
    if not found.held:
        return f"The status quo ({names}) is no equilibrium at any κ"
    by = f"; {found.binding} ends it" if found.binding else ""
    value, verdict = exact_text(found.value), _verdict(found.verdict)
    below = found.out_below
    before = "" if below is None else f" (it is one only from κ = {exact_text(below.hi)})"
    return f"The status quo stops being an equilibrium above κ = {value}{before}: {verdict}{by}"


def _entry_line(nash: Threshold, target: dict[str, str]) -> str:
    text = f"Compromise is an equilibrium {_kappa(nash)}: {_verdict(nash.verdict)}"
    if nash.binding:
        others = [
            f"{n} {exact_text(v)}" for n, v in (nash.per_player or {}).items() if n != nash.binding and v is not None
        ]
        text += f"; {nash.binding} binds" + (f" ({', '.join(others)} alone)" if others else "")
    return text


def _spread(quick: QuickCheck | None, name: str) -> str:
    """ "; quick run: 5–95% of draws 0.11–1.51" or "; uncertainty: none declared"."""
    if quick is None or name not in quick.quantiles:
        return "."
    if not quick.uncertain:
        return "; uncertainty: none declared."
    low, _, high = quick.quantiles[name]
    if low is None:  # the 5% quantile is never: so are at least 95% of the draws
        return "; robust: never in over 95% of draws."
    return f"; robust 90%: {low:.2g}–{'never' if high is None else f'{high:.2g}'}."


def _agreement_line(quick: QuickCheck, with_exit: bool) -> str:
    if not quick.uncertain:
        return "Robust check: the file declares nothing uncertain (every draw is the file's own game)."
    shares = [("exit", "exit")] if with_exit else []
    shares += [("entry", "nash"), ("only", "unique")]
    parts = [f"{_percent(quick.agreement.get(key))} ({words})" for words, key in shares if key in quick.agreement]
    binding = ", ".join(
        f"{name} {_percent(share)}" for name, share in quick.binding.items() if name not in ("none", "never")
    )
    return f"Robust check ({quick.samples:,} seeded draws): the file's verdict in {', '.join(parts)}" + (
        f"; binding side: {binding}." if binding else "."
    )


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{100 * share:.0f}%"


def _readings_line(readings: ReadingsAnalysis) -> str:
    changing = readings.changing()
    if not changing:
        return f"Readings ({len(readings.readings)}): none changes a verdict."
    parts = []
    for o in changing:
        what = []
        if o.entry is not None and o.entry.verdict != readings.stated.verdicts[1]:
            what.append(f"entry {_kappa(o.entry)}: {_verdict(o.entry.verdict)}")
        if o.exit is not None and o.exit.verdict != readings.stated.verdicts[0]:
            what.append(f"exit {_endpoint(o.exit.value)}: {_verdict(o.exit.verdict)}")
        if o.unique is not None and o.unique.verdict != readings.stated.verdicts[2]:
            what.append(f"only {_kappa(o.unique)}: {_verdict(o.unique.verdict)}")
        parts.append(f"{o.name} ({'; '.join(what)})")
    return f"Readings that change a verdict: {'; '.join(parts)}."


def _endpoint(value: Endpoint | None) -> str:
    return "never" if value is None else f"κ = {exact_text(value)}"


def _declared_line(result: Analysis) -> str:
    """What the file declares uncertain: today's κ (the plausible range, which the verdicts
    use), the weights and the payoffs."""
    case = result.case
    if case.plausible_declared:
        parts = [f"today's κ in {range_text(case.plausible)}"]
    else:
        parts = [f"today's κ: none declared ({range_text(case.plausible)} assumed)"]
    ranged = sum(1 for c in case.game.costs if c.weights_range is not None)
    if case.game.costs:
        parts.append(f"weights: {ranged} of {len(case.game.costs)} costs ranged")
    ordinal = case.game.payoff_scale.value == "ordinal"
    parts.append("payoffs: order only" if ordinal else "payoffs: none declared")
    return "Declared uncertainty: " + "; ".join(parts) + "."


def today_sentence(today: Solution) -> str:
    """The sentence on the equilibria at today's costs (κ = 1)."""
    from ..costs.scenarios import equilibrium_label

    labels = [equilibrium_label(today.game, e) for e in today.equilibria]
    shown = "; ".join(f"({', '.join(x.split('|'))})" if not x.startswith("mixed") else x for x in labels)
    if len(labels) == 1:
        return f"At today's costs (κ = 1) the only equilibrium is {shown}."
    ties = any(e.component is not None for e in today.equilibria)
    extra = " (ties make the game degenerate there: equilibria form continua between some of these)" if ties else ""
    return f"At today's costs (κ = 1) the equilibria are {shown}{extra}."
