"""Grading the claims a game file states (``[[claims]]``) into a scorecard.

Each claim's tests are computed exactly (:mod:`sovgame.claims.claim_tests`,
:mod:`~sovgame.claims.claim_games`, :mod:`~sovgame.claims.claim_play`) and graded
``supported``, ``partly supported``, ``not supported`` or ``not testable with this file``. A
claim is graded from its tests:

- supported: every test is;
- not testable: no test can be computed with this file;
- not supported: no test that can be computed is supported (none partly);
- partly supported: otherwise (some tests, or some players, bear it out and others do not).

Only claims the file states are graded: a file without claims gets no scorecard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.case import Case, as_case
from ..core.claims import Claim, ClaimTest, TestKind
from ..core.model import Game
from ..costs.thresholds import ThresholdReport
from .claim_games import game_type_test, scenario_test, third_party_test
from .claim_moves import capacity_test, sequence_test, trust_test
from .claim_play import mediation_test, repeated_test
from .claim_tests import (
    GRADE_MEANINGS,
    Context,
    Grade,
    TestResult,
    Untestable,
    binding_test,
    describe,
    equilibrium_test,
    threshold_test,
)

__all__ = ["GRADE_MEANINGS", "ClaimResult", "Grade", "Scorecard", "TestResult", "grade_claims"]

EVALUATORS: dict[TestKind, Callable[[ClaimTest, Context], TestResult]] = {
    TestKind.THRESHOLD: threshold_test,
    TestKind.EQUILIBRIUM: equilibrium_test,
    TestKind.GAME_TYPE: game_type_test,
    TestKind.MEDIATION: mediation_test,
    TestKind.REPEATED: repeated_test,
    TestKind.THIRD_PARTY: third_party_test,
    TestKind.SCENARIO: scenario_test,
    TestKind.BINDING: binding_test,
    TestKind.SEQUENCE: sequence_test,
    TestKind.CAPACITY: capacity_test,
    TestKind.TRUST: trust_test,
}


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


def combine(grades: list[Grade]) -> Grade:
    """A claim's grade from its tests' grades (module docstring)."""
    testable = [g for g in grades if g != Grade.NOT_TESTABLE]
    if not testable:
        return Grade.NOT_TESTABLE
    if len(testable) == len(grades) and all(g == Grade.SUPPORTED for g in testable):
        return Grade.SUPPORTED
    if all(g == Grade.NOT_SUPPORTED for g in testable):
        return Grade.NOT_SUPPORTED
    return Grade.PARTLY


def grade_test(test: ClaimTest, ctx: Context) -> TestResult:
    """One test computed and graded; a test the file cannot answer is "not testable"."""
    try:
        return EVALUATORS[test.kind](test, ctx)
    except Untestable as exc:
        quantity, expects = describe(test)
        return TestResult(test, quantity, "—", None, expects, Grade.NOT_TESTABLE, str(exc))


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
