"""Views of the sensitivity analysis: the table of what decides each verdict, the threshold as
a function of each number and the sentences naming the deciding numbers (the stable JSON of
``sovgame sensitivity`` is ``Sensitivity.to_dict()``)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..claims.scorecard import Scorecard
from ..core.intervals import exact_text
from ..core.numbers import fmt
from ..costs.verdicts import Verdict, verdict_legend
from ..sensitivity.one_number import Entry, Sensitivity, deciding_entries, deciding_sentence
from ..sensitivity.parameters import ParameterKind
from ..sensitivity.walk import End
from ..sensitivity.words import state_words, subject_words, value_text
from .sections import Section


def interval_text(entry: Entry) -> str:
    """ "(15/4, 9/2]", "[0, ∞)", "(≈1.41*, 3]": an irrational end, its closedness not settled, is starred."""
    lo, hi = entry.lower, entry.upper
    left = "(" if lo.at is None else ("[" if lo.closed else "(")
    right = ")" if hi.at is None else ("]" if hi.closed else ")")
    low = "−∞" if lo.at is None else value_text(lo.at) + ("*" if lo.closed is None else "")
    high = "∞" if hi.at is None else value_text(hi.at) + ("*" if hi.closed is None else "")
    return f"{left}{low}, {high}{right}" + ("" if entry.complete else " †")


def margin_text(entry: Entry) -> str:
    """ "1/16 (≈ 0.0625)", "∞", "≈0.41"."""
    if entry.margin is None:
        return "∞"
    if entry.margin_bracket is not None:
        return f"≈{float(entry.margin):.4g}"
    text = fmt(entry.margin)
    return text if entry.margin.denominator == 1 else f"{text} (≈ {float(entry.margin):.3g})"


def _value_text(entry: Entry) -> str:
    """The value, and the range the file declares for it (a weight's weights_range)."""
    declared = entry.parameter.declared
    value = fmt(entry.parameter.value)
    return value if declared is None else f"{value} (range {fmt(declared[0])}–{fmt(declared[1])})"


def _beyond(end: End) -> str:
    return state_words(end.beyond) if end.change else "—"


def sensitivity_sections(result: Sensitivity, top: int | None = None, hint: bool = False) -> list[Section]:
    """What decides each verdict: what the columns mean and the deciding numbers in words,
    then one narrow table per criterion (or claim) of its entries among the first ``top``
    (smallest margin first), then the threshold's formula along each number shown;
    ``hint``: say how to see the rows left out."""
    entries = list(result.entries[:top] if top is not None else result.entries)
    top_of_range = result.case.plausible[1] if result.case.plausible_declared else None
    explained = (
        "value: the file's (and the range it declares for a weight, which robust draws from); kept for: the "
        "values of the number, everything else fixed, at which the verdict (a claim: its "
        "grade) stays as it is now; margin: the distance to the nearest change, relative to the player's "
        "payoff range for a payoff or a weight (so adding a constant to a player's payoffs leaves it as it is), "
        "to the value for the top of the plausible range, ∞ when nothing changes it; below / above: the verdict "
        "just beyond each end (— where nothing changes it); an end marked * is irrational (or located by "
        "bisection) and its closedness not settled; " + verdict_legend(top_of_range)
    )
    if any(e.parameter.kind == ParameterKind.SECTION for e in result.entries):
        explained += (
            "; a section's number (a budget, a rate, a prior, the effect of another file) is followed over its "
            "declared range only, for the claims that read it, its margin relative to that range's width"
        )
    lines = deciding_lines(list(result.entries))
    lines += list(result.notes)
    if any(not e.complete for e in entries):
        lines.append("† the search for changes along this number is not proved complete (see the note above)")
    if hint and len(entries) < len(result.entries):
        lines.append(
            f"the {len(entries)} of {len(result.entries)} rows with the smallest margins; --all shows every row"
        )
    sections = [Section("What decides the verdict", [], [], lines=[explained, *lines], name="sensitivity")]
    for subject in dict.fromkeys(e.subject for e in entries):
        own = [e for e in entries if e.subject == subject]
        rows = [
            [_label(e), _value_text(e), interval_text(e), margin_text(e), f"{_beyond(e.lower)} / {_beyond(e.upper)}"]
            for e in own
        ]
        sections.append(
            Section(
                f"{subject_words(subject)}: {state_words(own[0].state)} now",
                ["number", "value", "kept for", "margin", "below / above"],
                rows,
                name="sensitivity",
                numeric={1, 3},
            )
        )
    return sections + [_functions_section(entries)]


def _label(entry: Entry) -> str:
    """The number as a table names it, its cost's name in words ("military operations")."""
    label, cost = entry.parameter.label, entry.parameter.cost
    if entry.parameter.kind in (ParameterKind.SECTION, ParameterKind.EFFECT):
        return label.replace("_", " ")  # file and effect names wrap in a narrow column
    return label if cost is None else label.replace(cost, cost.replace("_", " "))


@dataclass(frozen=True)
class TornadoRow:
    """One bar of the tornado chart: how far the number may move down (``left``) and up
    (``right``) before the verdict changes, relative as the margin is (None: no change on that
    side), and the verdict beyond each side."""

    key: str
    label: str
    value: Fraction
    left: Fraction | None
    right: Fraction | None
    below: Hashable | None
    above: Hashable | None

    @property
    def changes(self) -> tuple[bool, bool]:
        """Whether the verdict changes below and above."""
        return self.left is not None, self.right is not None


def tornado_rows(result: Sensitivity, subject: str, top: int | None = None) -> list[TornadoRow]:
    """The bars of one criterion's (or claim's) tornado chart, smallest margin first."""
    from ..sensitivity.margins import measure

    rows = []
    for e in result.for_subject(subject)[:top]:
        scale = measure(result.game, e.parameter)
        reach: list[Fraction | None] = []
        for end in (e.lower, e.upper):
            if not end.change or end.at is None:
                reach.append(None)
                continue
            # A bar's length only: an irrational end is drawn at its bracket's midpoint.
            at = end.at if isinstance(end.at, Fraction) else (end.at.lo + end.at.hi) / 2
            reach.append(abs(at - e.parameter.value) / scale)
        below = e.lower.beyond if e.lower.change else None
        above = e.upper.beyond if e.upper.change else None
        rows.append(TornadoRow(e.parameter.key, e.parameter.label, e.parameter.value, reach[0], reach[1], below, above))
    return rows


def _functions_section(entries: list[Entry]) -> Section:
    """The threshold κ as a function of each number, piece by piece, on the interval kept."""
    rows = []
    for e in entries:
        if e.subject.startswith("claim:"):
            continue
        pieces = "; ".join(_piece_text(piece) for piece in e.pieces)
        now = _threshold_text(e)
        rows.append([subject_words(e.subject), _label(e), now, pieces])
    return Section(
        "The threshold along each number",
        ["criterion", "number", "κ at the file's value", "κ as a function of the number p"],
        rows,
        caption="each piece holds on the stretch given; 'never': the criterion holds at no κ there",
        name="functions",
    )


def _threshold_text(entry: Entry) -> str:
    reading = entry.reading
    if reading.value is None:
        return "never" if reading.state == Verdict.NEVER else "—"
    sign = "≥" if reading.attained else ">"
    if reading.bracket is not None:
        return f"{sign} {exact_text(reading.value)} (in [{fmt(reading.bracket[0])}, {fmt(reading.bracket[1])}])"
    return f"{sign} {exact_text(reading.value)}"


def _piece_text(piece) -> str:
    left = "(" if piece.lo is None or not piece.lo_closed else "["
    right = ")" if piece.hi is None or not piece.hi_closed else "]"
    lo = "−∞" if piece.lo is None else value_text(piece.lo)
    hi = "∞" if piece.hi is None else value_text(piece.hi)
    where = f"p = {lo}" if piece.lo is not None and piece.lo == piece.hi else f"p in {left}{lo}, {hi}{right}"
    return f"κ = {piece.formula.text()} for {where}" if piece.formula.text() != "never" else f"never for {where}"


def deciding_lines(entries: list[Entry]) -> list[str]:
    """What decides each verdict, one sentence a subject (:func:`deciding_entries`)."""
    return [deciding_sentence(e) for e in deciding_entries(entries)]


def deciding_section(
    entries: list[Entry] | None,
    title: str = "What decides the verdicts",
    left_out: str | None = None,
    scorecard: Scorecard | None = None,
) -> Section:
    """What decides each verdict and grade, one sentence each (``analyze``, ``claims``,
    ``report``); a claim of ``scorecard`` that no number of this file moves is named too, with
    the files its tests read. When the entries were left out (None), why
    (:func:`sovgame.sensitivity.one_number.deciding_within_limit`)."""
    if entries is None:
        return Section(
            title, [], [], lines=[f"left out: {left_out}; raise the limit with --max-work to see them"], name="deciding"
        )
    lines = deciding_lines(entries)
    followed = {e.subject for e in entries}
    for result in scorecard.results if scorecard is not None else ():
        if f"claim:{result.claim.id}" in followed:
            continue
        files = sorted({name for t in result.claim.tests for name in (t.game, getattr(t, "scenario", None)) if name})
        read = (
            f" (its tests read {', '.join(files)}, whose numbers are not followed here but for its sections' "
            "numbers with a declared range)"
            if files
            else ""
        )
        lines.append(
            f"claim {result.claim.id} ({result.grade.words}): no number of this file, moved alone, changes it{read}"
        )
    return Section(title, [], [], lines=lines or ["no number of the file changes these verdicts"], name="deciding")


def sensitivity_to_json(result: Sensitivity, top: int | None = None) -> dict[str, Any]:
    """The stable JSON of ``sovgame sensitivity`` with the first ``top`` entries (README, "JSON output")."""
    return result.json_with(top)
