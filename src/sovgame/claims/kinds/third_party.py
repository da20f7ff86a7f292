"""``third_party``: an outside player held at a strategy moves the others' equilibrium
threshold (the "triangular deadlock" measure), against the verdicts claimed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.model import Game, Profile
from ...core.numbers import fmt
from ...costs.deviations import deviations
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import VERDICT_WORDS, TestReader
from ..wording import decimal_of, either, threshold_cell


@dataclass(frozen=True, kw_only=True)
class ThirdPartyTest(ClaimTest):
    """The others' Nash threshold with ``player`` held at ``strategy``: its verdict is one of
    ``expect``."""

    kind: ClassVar[str] = "third_party"
    player: str
    strategy: str
    expect: tuple[str, ...]
    criterion: str = "nash"


def read(read: TestReader) -> ThirdPartyTest | None:
    """``player``, ``strategy`` (of this file's players), ``criterion`` ("nash") and ``expect``."""
    player, strategy = read.text("player"), read.text("strategy")
    criterion = read.word("criterion", ("nash",), required=False) or "nash"
    expect = read.words("expect", VERDICT_WORDS)
    read.known_strategy(player, strategy)
    if not read.ok or player is None or strategy is None:
        return None
    return ThirdPartyTest(**read.common(), player=player, strategy=strategy, expect=expect, criterion=criterion)


def describe(test: ThirdPartyTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    return f"the others' equilibrium threshold with {test.player} at '{test.strategy}'{where}", either(test.expect)


def binding_deviation(game: Game, profile: Profile, i: int) -> str:
    """The deviation that sets player i's Nash threshold at ``profile``: the largest a/b."""
    U, W = game.payoffs, game.cost_load()
    devs = [d for d in deviations(game, U, W, profile, i) if d.b > 0]
    if not devs:
        return game.players[i].name + " binds"
    d = max(devs, key=lambda d: d.a / d.b)
    others = " and ".join(
        f"{p.name} plays '{p.strategies[s]}'" for j, (p, s) in enumerate(zip(game.players, profile)) if j != i
    )
    return (
        f"{game.players[i].name} binds: '{game.players[i].strategies[d.to]}' gains {fmt(d.a)} when {others}, "
        f"and costs make it dearer by {fmt(d.b)} per unit of κ"
    )


def grade(test: ThirdPartyTest, ctx: Context) -> TestResult:
    """The others' Nash threshold with an outside player held at a strategy, against the
    verdicts the claim expects; the reason names the binding side and its deviation."""
    case = ctx.case_for(test)
    game = case.game
    report = ctx.thresholds(case)
    third = next((x for x in report.third_parties if x.player == test.player), None)
    if third is None:
        raise Untestable(
            f"{test.player!r} is no outside player of this game (those are the players after the first two)"
        )
    t = third.nash.get(test.strategy)
    if t is None:
        raise Untestable(f"{test.strategy!r} is no strategy of {test.player}")
    if t.verdict is None:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    k = game.player_names.index(third.player)
    held = report.target[:k] + (game.players[k].strategies.index(test.strategy),) + report.target[k + 1 :]
    reason = f"with {test.player} at '{test.strategy}' the others' compromise {t.reason}"
    if t.binding is not None:
        reason += f"; {binding_deviation(game, held, game.player_names.index(t.binding))}"
    own = game.players[k].compromise
    if own is not None and own != test.strategy:
        reason += f"; with {test.player} at '{own}' the threshold is {threshold_cell(third.nash[own])}"
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    value = f"{threshold_cell(t)}: {t.verdict.words}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, reason)


KIND = ClaimKind("third_party", ("player", "strategy", "criterion", "expect"), read, grade, describe)
