"""``binding``: whose condition sets a threshold (the binding side), against the claim."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.intervals import exact_text
from ...costs.verdicts import compare
from ..grading import Context, Grade, TestResult, Untestable, name_of
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import CRITERION_PHRASES

#: Criteria that have a binding player.
BINDING_CRITERIA = ("nash", "strict", "dominant")
EXPECT = ("binding", "not_binding")


@dataclass(frozen=True, kw_only=True)
class BindingTest(ClaimTest):
    """Whether ``player``'s condition sets the threshold of ``criterion`` (``expect``:
    "binding" or "not_binding")."""

    kind: ClassVar[str] = "binding"
    criterion: str
    player: str
    expect: str


def read(read: TestReader) -> BindingTest | None:
    """``criterion`` (one with a binding player), ``player`` of this file and ``expect``."""
    criterion, player = read.word("criterion", BINDING_CRITERIA), read.text("player")
    expect = read.word("expect", EXPECT)
    read.known_strategy(player, None)
    if not read.ok or criterion is None or player is None or expect is None:
        return None
    return BindingTest(**read.common(), criterion=criterion, player=player, expect=expect)


def describe(test: BindingTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    expects = f"{test.player} {'binds' if test.expect == 'binding' else 'does not bind'}"
    return f"the binding side of the κ from which compromise {CRITERION_PHRASES[test.criterion]}{where}", expects


def grade(test: BindingTest, ctx: Context) -> TestResult:
    """Whether the named player's condition sets the threshold (the binding side)."""
    case = ctx.case_for(test)
    if test.player not in case.game.player_names:
        raise Untestable(f"{test.player!r} is no player of {name_of(case)}")
    t = ctx.thresholds(case).thresholds[test.criterion]
    own = ", ".join(f"{name} {exact_text(v)}" for name, v in (t.per_player or {}).items())
    binds = t.binding == test.player
    grade = Grade.SUPPORTED if binds == (test.expect == "binding") else Grade.NOT_SUPPORTED
    if t.binding is None:
        reason = f"no one binds: {t.reason}"
    else:
        reason = t.reason
        mine = (t.per_player or {}).get(test.player) if not binds else None
        if mine is not None:
            met = "already met" if compare(mine, Fraction(1)) != 1 else "not met"
            reason += f"; {test.player}'s own condition starts at κ = {exact_text(mine)}, {met} at today's costs"
    quantity, expects = describe(test)
    value = f"{t.binding or 'no one'} (own thresholds: {own})"
    return TestResult(test, quantity, value, None, expects, grade, reason)


KIND = ClaimKind("binding", ("criterion", "player", "expect"), read, grade, describe)
