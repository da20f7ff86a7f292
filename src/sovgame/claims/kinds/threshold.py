"""``threshold``: the verdict of a cost threshold against what the claim expects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ...core.claims import ClaimTest
from ...costs.criteria import STATUS_QUO_EXIT
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import CRITERIA, VERDICT_WORDS, TestReader
from ..wording import CRITERION_PHRASES, decimal_of, either, outcome_text, threshold_cell

if TYPE_CHECKING:
    from ...costs.thresholds import ThresholdReport


@dataclass(frozen=True, kw_only=True)
class ThresholdTest(ClaimTest):
    """The κ from which ``target`` (default: compromise) meets ``criterion``: its verdict is
    one of ``expect``."""

    kind: ClassVar[str] = "threshold"
    criterion: str
    expect: tuple[str, ...]
    target: str | None = None


def read(read: TestReader) -> ThresholdTest | None:
    """``criterion`` (or ``status_quo_exit``), ``expect`` (verdict words) and an optional
    ``target`` outcome."""
    criterion, expect = read.word("criterion", (*CRITERIA, STATUS_QUO_EXIT)), read.words("expect", VERDICT_WORDS)
    target = read.profile("target", required=False)
    if not read.ok or criterion is None:
        return None
    return ThresholdTest(**read.common(), criterion=criterion, expect=expect, target=target)


def describe(test: ThresholdTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    target = "compromise" if test.target is None else outcome_text(test.target)
    where = "" if test.game is None else f" in {test.game}"
    if test.criterion == STATUS_QUO_EXIT:
        return f"κ from which the status quo (each side's other strategy) is no equilibrium{where}", either(test.expect)
    return f"κ from which {target} {CRITERION_PHRASES[test.criterion]}{where}", either(test.expect)


def grade(test: ThresholdTest, ctx: Context) -> TestResult:
    """The verdict of a criterion's threshold against what the claim expects."""
    report = ctx.thresholds(ctx.case_for(test), test.target)
    if test.criterion == STATUS_QUO_EXIT:
        return _exit(test, report)
    t = report.thresholds[test.criterion]
    if not t.defined:
        raise Untestable(t.reason)
    if t.verdict is None:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    quantity, expects = describe(test)
    cell = threshold_cell(t)
    # "≥ 4/3: reachable"; a threshold that is never reached is said once, not "never: never".
    value = cell if cell == t.verdict.words else f"{cell}: {t.verdict.words}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, t.reason)


def _exit(test: ThresholdTest, report: ThresholdReport) -> TestResult:
    """The status-quo exit's verdict, with where compromise enters beside it."""
    if report.status_quo_exit is None:
        raise Untestable(
            "the status-quo exit needs a compromise strategy and one other for every player (the status quo is "
            "each side's other strategy)"
        )
    t = report.status_quo_exit.threshold
    assert t.verdict is not None  # the exit set is a half-line with a rational end: always settled
    nash = report.thresholds["nash"]
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    quantity, expects = describe(test)
    value = f"{threshold_cell(t)}: {t.verdict.words}"
    entry = "never" if nash.verdict is None else f"{threshold_cell(nash)} ({nash.verdict.words})"
    reason = f"{t.reason}; beside it, compromise becomes an equilibrium {entry}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, reason)


KIND = ClaimKind("threshold", ("criterion", "expect", "target"), read, grade, describe)
