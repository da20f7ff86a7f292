"""Views of the sensitivity analysis: the table of what decides each verdict, the threshold as
a function of each number, the sentences naming the deciding numbers, and the stable JSON of
``sovgame sensitivity`` (documented in the README)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..claims.grading import GRADE_MEANINGS, Grade
from ..core.intervals import Endpoint, exact_text
from ..core.numbers import fmt, json_number
from ..core.roots import Root
from ..costs.thresholds import CRITERIA
from ..costs.verdicts import Verdict, verdict_legend, verdict_scale_json
from ..sensitivity.one_number import Entry, Sensitivity, deciding_entries, value_text
from ..sensitivity.walk import Bracket, End
from .sections import Section

#: How a subject is named in tables.
SUBJECT_WORDS = {
    "nash": "equilibrium",
    "strict": "strict equilibrium",
    "dominant": "dominant",
    "unique": "only equilibrium",
    "risk_dominant": "risk-dominant",
}


def subject_words(subject: str) -> str:
    """ "only equilibrium" for ``unique``, "claim unreachable" for ``claim:unreachable``."""
    if subject.startswith("claim:"):
        return f"claim {subject.removeprefix('claim:')}"
    return SUBJECT_WORDS.get(subject, subject)


def state_words(state: Hashable | None) -> str:
    """A verdict or a grade as tables print it."""
    if state is None:
        return "not settled"
    if isinstance(state, (Verdict, Grade)):
        return state.words
    return str(state)


def state_json(state: Hashable | None) -> str | None:
    """A verdict or grade as its JSON word."""
    return None if state is None else str(state.value if isinstance(state, (Verdict, Grade)) else state)


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


def nearest_in_range(entry: Entry) -> bool | None:
    """Whether the nearest change lies inside the range the file declares for the number
    (None: no declared range, or no change)."""
    declared = entry.parameter.declared
    if declared is None or entry.nearest is None or entry.nearest.at is None:
        return None
    at = entry.nearest.at
    lo, hi = (at, at) if isinstance(at, Fraction) else (at.lo, at.hi)
    return declared[0] <= lo and hi <= declared[1]


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
        "grade) stays as it is now; margin: the distance to the nearest change, relative to the value (to the "
        "largest number of its kind when the value is 0), ∞ when nothing changes it; below / above: the verdict "
        "just beyond each end (— where nothing changes it); an end marked * is irrational (or located by "
        "bisection) and its closedness not settled; " + verdict_legend(top_of_range)
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
    from ..sensitivity.one_number import measure

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


def deciding_sentence(entry: Entry) -> str:
    """ "the only equilibrium verdict (beyond) turns reachable if Pakistan's military_operations
    weight rises above 1/2 (now 1/4)"."""
    end = entry.nearest
    assert end is not None and end.at is not None
    rises = end is entry.upper
    if end.closed is None:
        move = "rises past" if rises else "falls past"
    elif end.closed:
        move = "rises above" if rises else "falls below"
    else:
        move = "reaches" if rises else "falls to"
    who = (
        f"claim {entry.subject.removeprefix('claim:')}"
        if entry.subject.startswith("claim:")
        else f"the {subject_words(entry.subject)} verdict"
    )
    return (
        f"{who} ({state_words(entry.state)}) turns {state_words(end.beyond)} if "
        f"{entry.parameter.label} {move} {value_text(end.at)} (now {fmt(entry.parameter.value)})"
    )


def deciding_lines(entries: list[Entry], count: int = 3) -> list[str]:
    """The numbers that decide the verdicts, one sentence each: the entries with the smallest
    finite margins, each number once."""
    return [deciding_sentence(e) for e in deciding_entries(entries, count)]


def deciding_section(
    entries: list[Entry] | None, title: str = "What decides the verdicts", left_out: str | None = None
) -> Section:
    """The deciding numbers, one sentence each (``analyze``, ``claims``, ``report``); when they
    were left out (``entries`` None), why (:func:`sovgame.sensitivity.one_number.deciding_within_limit`)."""
    if entries is None:
        lines = [f"left out: {left_out}; raise the limit with --max-work to see them"]
    else:
        lines = deciding_lines(entries) or ["no number of the file, moved alone, changes these verdicts"]
    return Section(title, [], [], lines=lines, name="deciding")


def deciding_to_json(entries: list[Entry]) -> list[dict[str, Any]]:
    """The deciding numbers: each one's sentence, subject, key, value, the end where the verdict
    turns and the verdict beyond it, and the margin."""
    out = []
    for e in entries:
        if e.margin is None or e.nearest is None:
            continue
        out.append(
            {
                "sentence": deciding_sentence(e),
                "subject": e.subject,
                "parameter": e.parameter.key,
                "value": fmt(e.parameter.value),
                "turns_at": number_json(e.nearest.at),
                "beyond": state_json(e.nearest.beyond),
                "margin": float(e.margin),
                "margin_exact": None if e.margin_bracket else fmt(e.margin),
            }
        )
    return out


# --- JSON ----------------------------------------------------------------------------------------


def number_json(x: Endpoint | Bracket | None) -> str | None:
    """An end as exact text (null for unbounded; "≈…" or a closed form for an irrational one,
    with its bracket given beside it)."""
    if x is None:
        return None
    return value_text(x)


def _bracket(x: Endpoint | Bracket | None) -> list[str] | None:
    """The bracket of an irrational end: a root's cell (canonical, :attr:`Root.cell`), or
    where bisection located a change."""
    if isinstance(x, Root):
        return [fmt(end) for end in x.cell]
    return [fmt(x.lo), fmt(x.hi)] if isinstance(x, Bracket) else None


def entry_to_json(e: Entry) -> dict[str, Any]:
    """One entry (README, "JSON output", ``sensitivity``)."""
    threshold = None
    if not e.subject.startswith("claim:"):
        r = e.reading
        threshold = {
            "exact": exact_text(r.value) if r.value is not None or r.state == Verdict.NEVER else None,
            "value": None if r.value is None else float(r.value),
            "attained": r.attained,
            "bracket": None if r.bracket is None else [fmt(r.bracket[0]), fmt(r.bracket[1])],
        }
    side = None
    if e.nearest is not None:
        side = "below" if e.nearest is e.lower else "above"
    return {
        "subject": e.subject,
        "kind": "claim" if e.subject.startswith("claim:") else "criterion",
        "parameter": {
            "key": e.parameter.key,
            "kind": e.parameter.kind.value,
            "label": e.parameter.label,
            "exact": fmt(e.parameter.value),
            "value": json_number(e.parameter.value),
            "range": None if e.parameter.declared is None else [fmt(v) for v in e.parameter.declared],
        },
        "state": state_json(e.state),
        "threshold": threshold,
        "interval": {
            "lo": number_json(e.lower.at),
            "lo_closed": e.lower.closed,
            "lo_bracket": _bracket(e.lower.at),
            "hi": number_json(e.upper.at),
            "hi_closed": e.upper.closed,
            "hi_bracket": _bracket(e.upper.at),
        },
        "below": state_json(e.lower.beyond) if e.lower.change else None,
        "above": state_json(e.upper.beyond) if e.upper.change else None,
        "margin": None if e.margin is None else float(e.margin),
        "margin_exact": "inf" if e.margin is None else (None if e.margin_bracket else fmt(e.margin)),
        "margin_bracket": None if e.margin_bracket is None else [fmt(v) for v in e.margin_bracket],
        "nearest": side,
        "nearest_in_range": nearest_in_range(e),
        "function": [
            {
                "lo": number_json(p.lo),
                "lo_closed": p.lo_closed,
                "hi": number_json(p.hi),
                "hi_closed": p.hi_closed,
                "formula": p.formula.text(),
                "rational": p.formula.rational,
            }
            for p in e.pieces
        ]
        if not e.subject.startswith("claim:")
        else None,
        "unsettled": [number_json(x) for x in e.unsettled],
        "complete": e.complete,
    }


def sensitivity_to_json(result: Sensitivity, top: int | None = None) -> dict[str, Any]:
    """The stable JSON of ``sovgame sensitivity`` (README, "JSON output")."""
    entries = result.entries[:top] if top is not None else result.entries
    game = result.game
    return {
        "game": game.title,
        "target": {p.name: p.strategies[s] for p, s in zip(game.players, result.target)},
        "costs": list(result.costs),
        "plausible_kappa": None
        if result.case.plausible_kappa is None
        else [fmt(v) for v in result.case.plausible_kappa],
        "subjects": list(result.subjects),
        "entries": [entry_to_json(e) for e in entries],
        "deciding": deciding_to_json(deciding_entries(result.entries)),
        "notes": list(result.notes),
        "verdict_scale": verdict_scale_json(),
        "grade_scale": {g.value: GRADE_MEANINGS[g] for g in Grade},
        "criteria": list(CRITERIA),
    }
