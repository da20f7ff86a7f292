"""``bargaining``: "no middle ground exists" and "the failure is one of commitment"
(Fearon 1995; Powell 2006), from the file's ``[bargaining]`` or its normal form at κ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.numbers import fmt
from ...errors import ParameterError, SovgameError
from ...sections.bargaining import BargainingSection
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text

EXPECT = ("no_middle_ground", "commitment_failure")
MODELS = ("section", "normal_form")


@dataclass(frozen=True, kw_only=True)
class BargainingTest(ClaimTest):
    """``expect``: no division both sides prefer to fighting (``no_middle_ground``), or a range
    exists and the deal fails for want of commitment (``commitment_failure``); ``model``: the
    file's ``[bargaining]`` (``section``) or its normal form at κ (``normal_form``; None: the
    section where the file states one)."""

    kind: ClassVar[str] = "bargaining"
    expect: str
    model: str | None = None


def read(read: TestReader) -> BargainingTest | None:
    """``expect`` and an optional ``model``."""
    expect = read.word("expect", EXPECT)
    model = read.word("model", MODELS, required=False)
    if not read.ok or expect is None:
        return None
    return BargainingTest(**read.common(), expect=expect, model=model)


def describe(test: BargainingTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    source = {"section": "the [bargaining] range", "normal_form": f"the deal's gains at {kappa_text(test.kappa)}"}
    quantity = f"{source.get(test.model or '', 'the bargaining diagnosis')}{where}"
    if test.expect == "no_middle_ground":
        return quantity, "no division both sides prefer to fighting"
    return quantity, "a range exists, and the deal fails for want of commitment"


def grade(test: BargainingTest, ctx: Context) -> TestResult:
    """The bargaining diagnosis, exactly (:mod:`sovgame.play.bargaining`)."""
    from ...play.bargaining import analyze_bargaining

    case = ctx.case_for(test)
    model = test.model or ("section" if case.section(BargainingSection) is not None else "normal_form")
    try:
        result = analyze_bargaining(case, test.kappa)
    except (SovgameError, ParameterError) as exc:
        raise Untestable(str(exc)) from None
    quantity, expects = describe(test)
    if model == "section":
        r = result.section
        if r is None:
            raise Untestable("the file has no [bargaining] table")
        if test.expect == "no_middle_ground":
            holds = r.no_middle_ground
            value = "empty" if r.empty else f"[{fmt(r.lo)}, {fmt(r.hi)}]"
            reason = (
                "no feasible division lies in the range" if holds else f"divisions in {value} beat fighting for both"
            )
        else:
            c = r.commitment
            if c is None:
                raise Untestable("the file's [bargaining] states no shift in power")
            holds = c.problem and not r.no_middle_ground
            value = f"fighting now {fmt(c.war_value)} against the most promised {fmt(c.most_promised)}"
            reason = "the declining side fights rather than trust the promise" if c.problem else "the shift is covered"
    else:
        d = result.deal
        if d is None:
            raise Untestable(result.skipped)
        value = f"gain {fmt(d.total)} in total; temptations {', '.join(fmt(t) for t in d.temptations)}"
        if test.expect == "no_middle_ground":
            holds = d.kind == "none"
            reason = "the deal gains nothing over the status quo" if holds else "the deal gains over the status quo"
        else:
            holds = d.enforcement
            reason = "a range exists and a side gains by reneging" if holds else "no range, or nobody gains by reneging"
    return TestResult(test, quantity, value, None, expects, Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED, reason)


KIND = ClaimKind("bargaining", ("expect", "model", "kappa"), read, grade, describe)
