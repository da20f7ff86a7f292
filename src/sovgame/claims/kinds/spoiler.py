"""``spoiler``: "a single attack ends compromise" and "the spoiler has an incentive to attack"
(Kydd & Walter 2002), at κ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.numbers import fmt
from ...errors import SovgameError
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text

EXPECT = ("single_attack_ends_compromise", "incentive_to_attack")


@dataclass(frozen=True, kw_only=True)
class SpoilerTest(ClaimTest):
    """Whether one attack moves the belief out of those at which compromise holds
    (``single_attack_ends_compromise``), or whether attacking is the spoiler's best reply
    while compromise holds (``incentive_to_attack``), at κ."""

    kind: ClassVar[str] = "spoiler"
    expect: str


def read(read: TestReader) -> SpoilerTest | None:
    """``expect``."""
    expect = read.word("expect", EXPECT)
    if not read.ok or expect is None:
        return None
    return SpoilerTest(**read.common(), expect=expect)


def describe(test: SpoilerTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    if test.expect == "single_attack_ends_compromise":
        return (
            f"the belief after one attack against those at which compromise holds, at {kappa_text(test.kappa)}{where}",
            ("one attack ends compromise"),
        )
    return f"the spoiler's best reply while compromise holds, at {kappa_text(test.kappa)}{where}", "it attacks"


def grade(test: SpoilerTest, ctx: Context) -> TestResult:
    """One attack against the critical belief, or the spoiler's best reply, exactly."""
    from ...play.spoiler import analyze_spoiler

    case = ctx.case_for(test)
    try:
        result = analyze_spoiler(case, test.kappa)
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    level = result.level(test.kappa)
    quantity, expects = describe(test)
    after = "impossible" if result.after_attack is None else fmt(result.after_attack)
    if not level.holds_at_prior:
        why = level.reason or f"the prior {fmt(result.prior)} lies outside the beliefs {level.beliefs}"
        value = "compromise does not hold before any attack"
        return TestResult(
            test, quantity, value, None, expects, Grade.NOT_SUPPORTED, f"{why}: there is no compromise to end"
        )
    if test.expect == "single_attack_ends_compromise":
        holds = bool(level.ends)
        value = (
            f"belief {fmt(result.prior)} → {after} after one attack; compromise holds for beliefs in {level.beliefs}"
        )
        reason = f"one attack {'moves' if holds else 'does not move'} the belief out of {level.beliefs}"
    else:
        if level.attacks is None:
            raise Untestable(
                "the file's [spoiler] gives no payoffs of the spoiler (conflict_value, compromise_value, attack_cost)"
            )
        holds = level.attacks
        assert result.gain is not None and result.spoiler.attack_cost is not None
        value = f"gain from ending compromise {fmt(result.gain)}, attack cost {fmt(result.spoiler.attack_cost.value)}"
        reason = (
            "one attack ends compromise and its gain exceeds the cost"
            if holds
            else ("one attack does not end compromise" if not level.ends else "the attack costs at least what it gains")
        )
    return TestResult(test, quantity, value, None, expects, Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED, reason)


KIND = ClaimKind("spoiler", ("expect", "kappa"), read, grade, describe)
