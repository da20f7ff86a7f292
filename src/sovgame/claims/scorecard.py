"""Grading the claims a game file states (``[[claims]]``) into a scorecard.

Each claim's tests are computed exactly by their kinds (:mod:`sovgame.claims.registry`) and
graded ``supported``, ``partly supported``, ``not supported`` or ``not testable with this
file``; a claim's grade follows from its tests' (:func:`sovgame.claims.grading.combine`).
Only claims the file states are graded: a file without claims gets no scorecard.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.case import Case, as_case
from ..core.claims import Claim
from ..core.model import Game
from ..costs.thresholds import ThresholdReport
from .grading import Context, Grade, TestResult, combine
from .registry import grade_test

__all__ = ["ClaimResult", "Scorecard", "grade_claims"]


@dataclass(frozen=True)
class ClaimResult:
    """One claim graded: each test's result and the claim's grade."""

    claim: Claim
    tests: tuple[TestResult, ...]
    grade: Grade

    @property
    def reason(self) -> str:
        """The reasons of the tests, numbered when there are several."""
        if len(self.tests) == 1:
            return self.tests[0].reason
        return "; ".join(f"({k}) {t.grade.words}: {t.reason}" for k, t in enumerate(self.tests, 1))


@dataclass(frozen=True)
class Scorecard:
    """Every claim of a game file, graded."""

    case: Case
    results: tuple[ClaimResult, ...]

    @property
    def game(self) -> Game:
        """The game the claims are about."""
        return self.case.game

    def count(self, grade: Grade) -> int:
        """How many claims got ``grade``."""
        return sum(1 for r in self.results if r.grade == grade)


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
