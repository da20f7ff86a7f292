"""``signals``: "no signal the sender could afford reassures the receiver" (Kydd 2000, 2005),
at κ."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.numbers import fmt
from ...errors import SovgameError
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text


@dataclass(frozen=True, kw_only=True)
class SignalsTest(ClaimTest):
    """No separating signal exists at κ, or (with ``afford``, the most the sender can pay)
    every separating signal costs more than that."""

    kind: ClassVar[str] = "signals"
    expect: str
    afford: Fraction | None = None


def read(read: TestReader) -> SignalsTest | None:
    """``expect`` and an optional ``afford`` >= 0."""
    expect = read.word("expect", ("no_affordable_signal",))
    afford = read.number("afford", Fraction(0), None, False, False)
    if not read.ok or expect is None:
        return None
    return SignalsTest(**read.common(), expect=expect, afford=afford)


def describe(test: SignalsTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    budget = "" if test.afford is None else f" within {fmt(test.afford)}"
    return f"the separating signal costs at {kappa_text(test.kappa)}{where}", f"no separating signal{budget}"


def grade(test: SignalsTest, ctx: Context) -> TestResult:
    """The separating costs at κ, exactly (:mod:`sovgame.play.signals`)."""
    from ...play.signals import analyze_signals

    try:
        result = analyze_signals(ctx.case_for(test), test.kappa)
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    r = result.at(test.kappa)
    quantity, expects = describe(test)
    if r.range is None:
        return TestResult(test, quantity, "none", None, expects, Grade.SUPPORTED, r.reason)
    lo, hi = r.range
    holds = test.afford is not None and lo > test.afford
    reason = (
        f"the cheapest separating signal costs {fmt(lo)}, more than {fmt(test.afford)}"
        if holds
        else f"signals costing {fmt(lo)} to {fmt(hi)} separate the types and lead to compromise"
    )
    return TestResult(
        test,
        quantity,
        f"[{fmt(lo)}, {fmt(hi)}]",
        None,
        expects,
        Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED,
        reason,
    )


KIND = ClaimKind("signals", ("expect", "afford", "kappa"), read, grade, describe)
