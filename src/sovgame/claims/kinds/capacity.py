"""``capacity``: a threshold's verdict with a limited strategy at a success probability, and
the success probabilities at which that verdict changes."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.intervals import exact_text
from ...core.numbers import fmt
from ...errors import ParameterError, SovgameError
from ...sections.capacity import at_success, capacity_of
from ...sections.capacity import describe as describe_capacity
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import VERDICT_WORDS, TestReader
from ..wording import CRITERION_PHRASES, decimal_of, either, threshold_cell


@dataclass(frozen=True, kw_only=True)
class CapacityTest(ClaimTest):
    """With ``player``'s ``strategy`` (default: the file's only limited strategy) succeeding
    with probability ``success`` (default: the file's), the κ from which compromise meets
    ``criterion``: its verdict is one of ``expect``."""

    kind: ClassVar[str] = "capacity"
    criterion: str
    expect: tuple[str, ...]
    player: str | None = None
    strategy: str | None = None
    success: Fraction | None = None


def read(read: TestReader) -> CapacityTest | None:
    """``player`` and ``strategy`` (both or neither), ``success``, ``criterion``, ``expect``."""
    from ...costs.capacity import CRITERIA

    player, strategy = read.text("player", required=False), read.text("strategy", required=False)
    if (player is None) != (strategy is None):
        read.add("strategy", "give both `player` and `strategy` (the limited strategy), or neither")
    read.known_strategy(player, strategy)
    success = read.number("success", Fraction(0), Fraction(1), False, False)
    criterion, expect = read.word("criterion", CRITERIA), read.words("expect", VERDICT_WORDS)
    if not read.ok or criterion is None:
        return None
    return CapacityTest(
        **read.common(), criterion=criterion, expect=expect, player=player, strategy=strategy, success=success
    )


def describe(test: CapacityTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    q = "the file's success probability" if test.success is None else f"success probability {fmt(test.success)}"
    limited = f"'{test.strategy}' of {test.player}" if test.strategy else "the limited strategy"
    return f"κ from which compromise {CRITERION_PHRASES[test.criterion]}, {limited} at {q}{where}", either(test.expect)


def grade(test: CapacityTest, ctx: Context) -> TestResult:
    """The verdict of a threshold with the limited strategy at a success probability, and the
    success probabilities at which that verdict changes."""
    from ...costs.capacity import resolve_entry, vary_capacity
    from ...costs.thresholds import compute_thresholds

    case = ctx.case_for(test)
    named = None if test.player is None else f"{test.player}@{test.strategy}"
    try:
        entry = resolve_entry(case, named)
        q = entry.success if test.success is None else test.success
        changed = at_success(case, {(entry.player, entry.strategy): q}, entry.fallback)
        t = compute_thresholds(changed).thresholds[test.criterion]
        curve = vary_capacity(case, named).curves.get(test.criterion)
    except ParameterError as exc:
        raise Untestable(exc.detail) from None
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    if t.verdict is None or not t.defined:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    varied = next(e for e in capacity_of(changed) if (e.player, e.strategy) == (entry.player, entry.strategy))
    reason = f"{describe_capacity(changed.game, varied)}: {t.reason}"
    if curve is not None and curve.changes:
        reason += f"; the verdict changes at q = {', '.join(exact_text(c) for c in curve.changes)}"
    quantity, expects = describe(test)
    return TestResult(
        test, quantity, f"{threshold_cell(t)}: {t.verdict.words}", decimal_of(t.value), expects, grade, reason
    )


KIND = ClaimKind("capacity", ("player", "strategy", "success", "criterion", "expect"), read, grade, describe)
