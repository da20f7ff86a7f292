"""``trust``: a type's prior against the priors at which compromise is an equilibrium outcome
(Kydd 1997, 2005)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.numbers import fmt
from ...errors import ParameterError, SovgameError
from ...play.trust import prior_range
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text

EXPECT = ("above_critical", "below_critical")


@dataclass(frozen=True, kw_only=True)
class TrustTest(ClaimTest):
    """Whether the prior of ``player``'s type ``type_name`` (the file's key ``type``) lies
    above every prior at which compromise holds at κ, or among them (``expect``)."""

    kind: ClassVar[str] = "trust"
    player: str
    type_name: str
    expect: str


def read(read: TestReader) -> TrustTest | None:
    """``player`` (of this file), ``type`` and ``expect``."""
    player, type_name = read.text("player"), read.text("type")
    read.known_strategy(player, None)
    expect = read.word("expect", EXPECT)
    if not read.ok or player is None or type_name is None or expect is None:
        return None
    return TrustTest(**read.common(), player=player, type_name=type_name, expect=expect)


def describe(test: TrustTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    quantity = (
        f"the prior of {test.player}'s type '{test.type_name}' against the priors at which compromise is an "
        f"equilibrium outcome, at {kappa_text(test.kappa)}{where}"
    )
    if test.expect == "above_critical":
        return quantity, "above every prior at which compromise holds"
    return quantity, "among the priors at which compromise holds"


def grade(test: TrustTest, ctx: Context) -> TestResult:
    """Whether a type's prior lies above every prior at which compromise is an equilibrium
    outcome at κ (or among them)."""
    case = ctx.case_for(test)
    game = case.game
    if test.player not in game.player_names:
        raise Untestable(f"{test.player!r} is no player of this game")
    try:
        r = prior_range(case, game.player_names.index(test.player), test.type_name, test.kappa)
    except ParameterError as exc:
        raise Untestable(exc.detail) from None
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    inside = r.interval is not None and r.interval.contains(r.prior)
    holds = r.above if test.expect == "above_critical" else inside
    quantity, expects = describe(test)
    if r.interval is None:
        value = f"prior {fmt(r.prior)}; compromise holds at no prior"
        reason = f"{r.reason}, so this prior does not decide it"
    else:
        value = f"prior {fmt(r.prior)}; compromise holds for priors in {r.interval}"
        where = "above them" if r.above else ("among them" if inside else "below them")
        reason = (
            f"at {kappa_text(test.kappa)} compromise is an equilibrium outcome for a '{test.type_name}' prior in "
            f"{r.interval}; the file's {fmt(r.prior)} lies {where}"
        )
    grade = Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, value, None, expects, grade, reason)


KIND = ClaimKind("trust", ("player", "type", "expect", "kappa"), read, grade, describe)
