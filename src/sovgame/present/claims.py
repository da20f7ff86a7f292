"""The scorecard of a file's claims: its table, and its JSON with the deciding numbers."""

from __future__ import annotations

from typing import Any

from ..claims.grading import GRADE_MEANINGS, DrawAgreement, Grade, TestResult
from ..claims.scorecard import ClaimResult, Scorecard
from ..costs.verdicts import verdict_legend
from ..sensitivity.one_number import Entry, deciding_to_json
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
    drawn = _drawn(scorecard)
    rows, lines = [], []
    for r in scorecard.results:
        row = [
            r.claim.id,
            _numbered([computed_text(t) for t in r.tests]),
            _numbered([t.expects for t in r.tests]),
            r.grade.words + _no_evidence(r.tests),
        ]
        rows.append(row + ([share_cell(r.draws)] if drawn else []))
        quantity = _numbered([t.quantity for t in r.tests])
        lines.append(
            f"{r.claim.id}: “{r.claim.text}” ({r.claim.source}) Tested: {quantity}. Why {r.grade.words}: {r.reason}."
            + _flips(r.tests)
            + _tests_drawn(r)
        )
    caption = grade_legend()
    if legend:
        top = scorecard.case.plausible[1] if scorecard.case.plausible_declared else None
        caption += "; " + verdict_legend(top)
    if drawn:
        caption += (
            f"; same in draws: of the bottom line's quick robust run ({drawn.samples:,} draws, seed {drawn.seed}), "
            "the share that give the claim the file's outcome (— where the run does not compute every test)"
        )
    return [
        Section(
            "Claims: the scorecard",
            ["claim", "computed", "the claim expects", "grade"] + (["same in draws"] if drawn else []),
            rows,
            caption=caption,
            lines=lines,
            name="claims",
            whole={0},
            numeric={4} if drawn else set(),
        )
    ]


def _drawn(scorecard: Scorecard) -> DrawAgreement | None:
    """The first count of draws on the scorecard (they all come from one run), if any."""
    every = [r.draws for r in scorecard.results] + [t.draws for r in scorecard.results for t in r.tests]
    return next((d for d in every if d is not None), None)


def share_cell(draws: DrawAgreement | None) -> str:
    """ "16% of 2,000", or "—"."""
    if draws is None or draws.share is None:
        return "—"
    return f"{100 * draws.share:.0f}% of {draws.draws:,}"


def _tests_drawn(r: ClaimResult) -> str:
    """How many of the quick run's draws give the claim (or each test it computes) the file's
    outcome, as a sentence."""
    share = None if r.draws is None else r.draws.share
    if r.draws is not None and share is not None:
        d = r.draws
        return (
            f" In the quick robust run it comes out as in the file in {d.agree:,} of {d.draws:,} draws "
            f"({100 * share:.0f}%; seed {d.seed})."
        )
    parts = [f"({k}) {share_cell(t.draws)}" for k, t in enumerate(r.tests, 1) if t.draws is not None]
    return f" Tests as in the file in the quick robust run's draws: {'; '.join(parts)}." if parts else ""


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


def scorecard_to_json(
    scorecard: Scorecard, deciding: list[Entry] | None = None, left_out: str | None = None
) -> dict[str, Any]:
    """The stable JSON of ``sovgame claims`` (documented in the README) with the numbers that
    decide the grades (:meth:`Scorecard.json_with`)."""
    return scorecard.json_with(None if deciding is None else deciding_to_json(deciding), left_out)
