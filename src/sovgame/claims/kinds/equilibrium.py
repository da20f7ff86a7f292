"""``equilibrium``: a profile is an equilibrium at κ, the only one, or none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ..grading import Context, Grade, TestResult, Untestable, parse_profile
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text, outcome_text, solution_text, stability

EXPECT = ("equilibrium", "not_equilibrium", "only_equilibrium")


@dataclass(frozen=True, kw_only=True)
class EquilibriumTest(ClaimTest):
    """Whether the outcome ``profile`` ("s1|s2") is an equilibrium at κ (``expect``:
    "equilibrium", "not_equilibrium" or "only_equilibrium")."""

    kind: ClassVar[str] = "equilibrium"
    profile: str
    expect: str


def read(read: TestReader) -> EquilibriumTest | None:
    """``profile`` (an outcome of this file) and ``expect``."""
    profile, expect = read.profile("profile", required=True), read.word("expect", EXPECT)
    if not read.ok or profile is None or expect is None:
        return None
    return EquilibriumTest(**read.common(), profile=profile, expect=expect)


def describe(test: EquilibriumTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    words = {"equilibrium": "is an equilibrium", "not_equilibrium": "is no equilibrium"}
    phrase = words.get(test.expect, "is the only equilibrium")
    return f"the equilibria at {kappa_text(test.kappa)}{where}", f"{outcome_text(test.profile)} {phrase}"


def grade(test: EquilibriumTest, ctx: Context) -> TestResult:
    """Whether a profile is an equilibrium (or the only one) at κ, or is not."""
    from ...costs.scenarios import equilibrium_label
    from ...solvers.equilibria import solve

    case = ctx.case_for(test)
    game = case.game
    profile = parse_profile(case, test.profile)
    solution = solve(game, test.kappa)
    is_nash, why = stability(game, profile, test.kappa)
    others = [e for e in solution.equilibria if e.pure_profile() != profile]
    if test.expect == "only_equilibrium" and is_nash and not solution.complete:
        raise Untestable("the list of equilibria is not proved complete: " + "; ".join(solution.notes))
    holds = {"equilibrium": is_nash, "not_equilibrium": not is_nash, "only_equilibrium": is_nash and not others}
    if is_nash and others:
        why += f"; also an equilibrium: {outcome_text(equilibrium_label(game, others[0]))}"
    reason = f"at {kappa_text(test.kappa)} {outcome_text(test.profile)}: {why}"
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if holds[test.expect] else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, solution_text(game, solution), None, expects, grade, reason)


KIND = ClaimKind("equilibrium", ("profile", "expect", "kappa"), read, grade, describe)
