"""The scorecard of a file's claims: its table and stable JSON (documented in the README)."""

from __future__ import annotations

from typing import Any

from ..claims.grading import GRADE_MEANINGS, Flip, Grade, TestResult
from ..claims.scorecard import Scorecard
from ..costs.verdicts import verdict_legend, verdict_scale_json
from ..sensitivity.one_number import Entry
from .sections import Section


def _numbered(values: list[str]) -> str:
    if len(values) == 1:
        return values[0]
    return "; ".join(f"({k}) {v}" for k, v in enumerate(values, 1))


def computed_text(result: TestResult) -> str:
    """The computed value as exact text; the render layer puts a decimal beside each
    fraction in it (unless exact only)."""
    return result.value


def grade_legend() -> str:
    """One line saying what the grades mean."""
    return "grades: " + "; ".join(f"{g.words} = {GRADE_MEANINGS[g]}" for g in Grade)


def scorecard_sections(scorecard: Scorecard, legend: bool = True) -> list[Section]:
    """The scorecard: one row per claim with the computed value, what the claim expects and
    the grade; then, per claim, its text, the quantity tested and the reason that decides it.
    ``legend`` adds what the verdict words mean (left out where another table of the same
    output says it)."""
    rows, lines = [], []
    for r in scorecard.results:
        rows.append(
            [
                r.claim.id,
                _numbered([computed_text(t) for t in r.tests]),
                _numbered([t.expects for t in r.tests]),
                r.grade.words + _no_evidence(r.tests),
            ]
        )
        quantity = _numbered([t.quantity for t in r.tests])
        lines.append(
            f"{r.claim.id}: “{r.claim.text}” ({r.claim.source}) Tested: {quantity}. Why {r.grade.words}: {r.reason}."
            + _flips(r.tests)
        )
    caption = grade_legend()
    if legend:
        top = scorecard.case.plausible[1] if scorecard.case.plausible_declared else None
        caption += "; " + verdict_legend(top)
    return [
        Section(
            "Claims: the scorecard",
            ["claim", "computed", "the claim expects", "grade"],
            rows,
            caption=caption,
            lines=lines,
            name="claims",
            whole={0},
        )
    ]


def _no_evidence(tests: tuple[TestResult, ...]) -> str:
    """ " ((1) holds by construction)": the tests of a claim with several that are no
    evidence, so a reader sees what its grade leaves out."""
    if len(tests) < 2:
        return ""
    marked = [f"({k}) {t.grade.words}" for k, t in enumerate(tests, 1) if t.grade in NO_EVIDENCE]
    return f" ({'; '.join(marked)})" if marked else ""


#: Grades of tests that are computed but weigh neither for nor against their claim.
NO_EVIDENCE = (Grade.CANNOT_FAIL, Grade.BY_CONSTRUCTION)


def _flips(tests: tuple[TestResult, ...]) -> str:
    """What would turn each test, as the computation found it: " Could fail: (1) it would ..."."""
    found = [(k, t.flip) for k, t in enumerate(tests, 1) if t.flip is not None]
    if not found:
        return ""
    if len(tests) == 1:
        return f" Could fail: {found[0][1].sentence()}."
    return " Could fail: " + "; ".join(f"({k}) {flip.sentence()}" for k, flip in found) + "."


def flip_to_json(flip: Flip | None) -> dict[str, Any] | None:
    """A change that turns a test: ``change`` in words, ``set`` (the --set text, null where
    --set cannot make it), ``file`` (null: the claim's own), ``grade`` after it, ``declared``."""
    if flip is None:
        return None
    return {
        "change": flip.change,
        "set": flip.setting,
        "file": flip.file,
        "grade": flip.grade.value,
        "declared": flip.declared,
    }


def claim_test_to_json(result: TestResult) -> dict[str, Any]:
    """One test: its kind, the file it uses, quantity, value (exact and decimal), expectation, grade, reason."""
    return {
        "kind": result.test.kind,
        "key": result.test.key,
        "game": result.test.game,
        "quantity": result.quantity,
        "exact": None if result.value == "—" else result.value,
        "value": result.decimal,
        "expects": result.expects,
        "grade": result.grade.value,
        "reason": result.reason,
        "flip": flip_to_json(result.flip),
    }


def scorecard_to_json(
    scorecard: Scorecard, deciding: list[Entry] | None = None, left_out: str | None = None
) -> dict[str, Any]:
    """The stable JSON of ``sovgame claims`` (documented in the README); ``deciding`` (the numbers
    that decide the grades) is null where it was not computed (inside ``analyze``'s JSON, which
    has its own, or ``left_out`` past the work limit, which says why)."""
    from .sensitivity import deciding_to_json

    return {
        "game": scorecard.game.title,
        "claims": [
            {
                "id": r.claim.id,
                "text": r.claim.text,
                "source": r.claim.source,
                "grade": r.grade.value,
                "reason": r.reason,
                "tests": [claim_test_to_json(t) for t in r.tests],
            }
            for r in scorecard.results
        ],
        "counts": {g.value: scorecard.count(g) for g in Grade},
        "grade_scale": {g.value: GRADE_MEANINGS[g] for g in Grade},
        "verdict_scale": verdict_scale_json(),
        "deciding": None if deciding is None else deciding_to_json(deciding),
        "deciding_left_out": left_out,
    }
