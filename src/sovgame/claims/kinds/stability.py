"""``stability``: an outcome is (or is not) stable for every player under a GMCR concept at κ
(:mod:`sovgame.play.gmcr`), e.g. "compromise is not SEQ-stable at today's costs"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ...errors import ParameterError
from ...play.gmcr import CONCEPT_NAMES, CONCEPTS, stability
from ..grading import Context, Grade, TestResult, Untestable, parse_profile
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text, outcome_text

EXPECT = ("stable", "unstable")


@dataclass(frozen=True, kw_only=True)
class StabilityTest(ClaimTest):
    """Whether ``profile`` (default: compromise) is stable for every player under ``concept``
    (nash, gmr, smr or seq) at κ (``expect``: "stable" or "unstable")."""

    kind: ClassVar[str] = "stability"
    profile: str | None
    concept: str
    expect: str


def read(read: TestReader) -> StabilityTest | None:
    """``profile`` (optional), ``concept`` and ``expect``."""
    profile = read.profile("profile", required=False)
    concept, expect = read.word("concept", CONCEPTS), read.word("expect", EXPECT)
    if not read.ok or concept is None or expect is None:
        return None
    return StabilityTest(**read.common(), profile=profile, concept=concept, expect=expect)


def describe(test: StabilityTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    what = "compromise" if test.profile is None else outcome_text(test.profile)
    name = CONCEPT_NAMES[test.concept]
    quantity = f"{name} stability of {what} for every player at {kappa_text(test.kappa)}{where}"
    return quantity, f"{'stable' if test.expect == 'stable' else 'not stable'} ({name})"


def grade(test: StabilityTest, ctx: Context) -> TestResult:
    """Whether the outcome is stable for every player under the concept at κ."""
    case = ctx.case_for(test)
    game = case.game
    if test.profile is None:
        profile = game.compromise_profile
        if profile is None:
            raise Untestable("no player names a compromise strategy; name the outcome with `profile`")
    else:
        profile = parse_profile(case, test.profile)
    try:
        result = stability(case, test.kappa)
        state = result.state(profile)
    except ParameterError as exc:
        raise Untestable(exc.detail) from None
    except KeyError:
        raise Untestable(f"{game.outcome_key(profile)} is an infeasible state") from None
    stable = state.stable(test.concept)
    name = CONCEPT_NAMES[test.concept]
    unstable_for = [game.players[p.player].name for p in state.players if not p.stable(test.concept)]
    reason = (
        f"at {kappa_text(test.kappa)} every player's unilateral improvements from {game.outcome_key(profile)} are "
        f"answered ({name})"
        if stable
        else f"at {kappa_text(test.kappa)} {', '.join(unstable_for)} can improve from {game.outcome_key(profile)} "
        f"and no {name} sanction answers it"
    )
    quantity, expects = describe(test)
    holds = stable == (test.expect == "stable")
    value = "stable" if stable else "not stable"
    return TestResult(test, quantity, value, None, expects, Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED, reason)


KIND = ClaimKind("stability", ("profile", "concept", "expect", "kappa"), read, grade, describe)
