"""``qre``: the probability of the compromise outcome on the logit QRE principal branch at κ,
at one λ or at every λ along the branch (:mod:`sovgame.solvers.qre`), e.g. "compromise has
probability below 0.1 at today's costs for every λ". The probability is a float from a
numerical trace; the grade compares it with the bound and the reason gives its residual."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.numbers import fmt
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import bound_text, kappa_text


@dataclass(frozen=True, kw_only=True)
class QreTest(ClaimTest):
    """The compromise outcome's probability on the principal branch at κ, at λ = ``lam``
    (the file's key ``lambda``) or, when None, at every λ: ``at_most`` or ``at_least``."""

    kind: ClassVar[str] = "qre"
    lam: Fraction | None
    at_most: Fraction | None
    at_least: Fraction | None


def read(read: TestReader) -> QreTest | None:
    """``lambda`` (optional, ≥ 0) and exactly one of ``at_most`` and ``at_least`` in [0, 1]."""
    lam = read.number("lambda", Fraction(0), None, False, False)
    at_most, at_least = read.bounds(Fraction(1))
    if not read.ok:
        return None
    return QreTest(**read.common(), lam=lam, at_most=at_most, at_least=at_least)


def describe(test: QreTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    at = "every λ of the logit principal branch" if test.lam is None else f"λ = {fmt(test.lam)} on the logit branch"
    quantity = f"the probability of the compromise outcome at {at}, {kappa_text(test.kappa)}{where} (a float)"
    return quantity, bound_text(test.at_most, test.at_least)


def grade(test: QreTest, ctx: Context) -> TestResult:
    """The compromise outcome's probability (largest along the branch for ``at_most``,
    smallest for ``at_least``; at λ when given) against the bound."""
    from ...play.quantal import compromise_probabilities
    from ...solvers.qre import trace

    case = ctx.case_for(test)
    target = case.game.compromise_profile
    if target is None:
        raise Untestable("no player names a compromise strategy")
    branch = trace(case.game, test.kappa)
    points = branch.points if test.lam is None else branch.at(float(test.lam))
    if not points:
        raise Untestable(f"the branch does not reach λ = {fmt(test.lam)}")
    values = [(compromise_probabilities(p, target)[1], p) for p in points]
    value, point = max(values, key=lambda v: v[0]) if test.at_most is not None else min(values, key=lambda v: v[0])
    holds = value <= float(test.at_most) if test.at_most is not None else value >= float(test.at_least or 0)
    which = "largest" if test.at_most is not None else "smallest"
    where = f"at λ = {point.lam:.4g}" if test.lam is None else ""
    reason = (
        f"the {which} probability of compromise {where} at {kappa_text(test.kappa)} is {value:.6f} "
        f"(a float; residual {point.residual:.1e})"
    ).replace("  ", " ")
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, f"{value:.6f}", value, expects, grade, reason)


KIND = ClaimKind("qre", ("lambda", "at_most", "at_least", "kappa"), read, grade, describe)
