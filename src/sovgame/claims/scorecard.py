"""Grading the claims a game file states (``[[claims]]``) into a scorecard.

Each claim's tests are computed exactly by their kinds (:mod:`sovgame.claims.registry`) and
graded ``supported``, ``partly supported``, ``not supported`` or ``not testable with this
file``; a claim's grade follows from its tests' (:func:`sovgame.claims.grading.combine`).
Only claims the file states are graded: a file without claims gets no scorecard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.case import Case, as_case
from ..core.claims import Claim
from ..core.model import Game
from ..core.results import Result
from ..costs.thresholds import ThresholdReport
from ..costs.verdicts import verdict_scale_json
from .grading import GRADE_MEANINGS, Context, DrawAgreement, Flip, Grade, TestResult, combine
from .registry import grade_test

__all__ = ["ClaimResult", "Scorecard", "grade_claims"]


@dataclass(frozen=True)
class ClaimResult:
    """One claim graded: each test's result and the claim's grade."""

    claim: Claim
    tests: tuple[TestResult, ...]
    grade: Grade
    draws: DrawAgreement | None = None  # draws giving the claim the file's outcome, when every test is drawn

    @property
    def reason(self) -> str:
        """The reasons of the tests, numbered when there are several."""
        if len(self.tests) == 1:
            return self.tests[0].reason
        return "; ".join(f"({k}) {t.grade.words}: {t.reason}" for k, t in enumerate(self.tests, 1))


@dataclass(frozen=True, repr=False)
class Scorecard(Result):
    """Every claim of a game file, graded; its JSON is that of ``sovgame claims``."""

    case: Case
    results: tuple[ClaimResult, ...]

    @property
    def game(self) -> Game:
        """The game the claims are about."""
        return self.case.game

    def count(self, grade: Grade) -> int:
        """How many claims got ``grade``."""
        return sum(1 for r in self.results if r.grade == grade)

    def json_data(self) -> dict[str, Any]:
        return self.json_with(None)

    def json_with(self, deciding: list[dict[str, Any]] | None, left_out: str | None = None) -> dict[str, Any]:
        """The JSON of ``sovgame claims`` with the JSON of the numbers that decide the grades
        (``deciding``: null where it was not computed: inside ``analyze``'s JSON, which has
        its own, or ``left_out`` past the work limit, which says why)."""
        return {
            "game": self.game.title,
            "claims": [
                {
                    "id": r.claim.id,
                    "text": r.claim.text,
                    "source": r.claim.source,
                    "grade": r.grade.value,
                    "reason": r.reason,
                    "draws": None if r.draws is None else r.draws.json_data(),
                    "tests": [claim_test_to_json(t) for t in r.tests],
                }
                for r in self.results
            ],
            "counts": {g.value: self.count(g) for g in Grade},
            "grade_scale": {g.value: GRADE_MEANINGS[g] for g in Grade},
            "verdict_scale": verdict_scale_json(),
            "deciding": deciding,
            "deciding_left_out": left_out,
        }

    def wide_records(self) -> list[dict[str, Any]]:
        """One row per claim: its id, grade, how many tests it has and how many are
        supported, its text, source and reason."""
        return [
            {
                "id": r.claim.id,
                "grade": r.grade.value,
                "tests": len(r.tests),
                "tests_supported": sum(t.grade == Grade.SUPPORTED for t in r.tests),
                "text": r.claim.text,
                "source": r.claim.source,
                "reason": r.reason,
            }
            for r in self.results
        ]

    def _facts(self) -> list[tuple[str, str]]:
        counts = ", ".join(f"{self.count(g)} {g.words}" for g in Grade if self.count(g))
        return [("claims", str(len(self.results))), ("grades", counts or "none")]


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
        "draws": None if result.draws is None else result.draws.json_data(),
    }


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


def grade_claims(game: Game | Case, report: ThresholdReport | None = None) -> Scorecard | None:
    """Every claim the case states, graded; None when it states none (a bare Game states none).

    ``report`` (the case's thresholds for its compromise profile), when already computed,
    is reused. Tests that name another file load it as it is (``--set`` changes apply to
    this case only).
    """
    case = as_case(game)
    if not case.claims:
        return None
    ctx = Context(case, report)
    results = []
    for claim in case.claims:
        tests = tuple(grade_test(test, ctx) for test in claim.tests)
        results.append(ClaimResult(claim, tests, combine([t.grade for t in tests])))
    return Scorecard(case, tuple(results))
