"""``sequence``: from which κ compromise is the (unique) subgame-perfect outcome when one
player moves first, observed (Schelling 1960; Fearon 1995)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.claims import ClaimTest
from ...errors import ParameterError, SovgameError
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import VERDICT_WORDS, TestReader
from ..wording import decimal_of, either, threshold_cell

#: Criteria of a move order (:mod:`sovgame.play.sequential`): compromise an SPE outcome, the only one.
CRITERIA = ("spe", "unique_spe")
PHRASES = {"spe": "is a subgame-perfect outcome", "unique_spe": "is the only subgame-perfect outcome"}


@dataclass(frozen=True, kw_only=True)
class SequenceTest(ClaimTest):
    """With the players moving in ``order`` (names, the first mover first), the κ from which
    compromise meets ``criterion``: its verdict is one of ``expect``."""

    kind: ClassVar[str] = "sequence"
    order: tuple[str, ...]
    criterion: str
    expect: tuple[str, ...]


def read(read: TestReader) -> SequenceTest | None:
    """``order`` (every player of this file once), ``criterion`` and ``expect``."""
    order = _order(read)
    criterion, expect = read.word("criterion", CRITERIA), read.words("expect", VERDICT_WORDS)
    if not read.ok or order is None or criterion is None:
        return None
    return SequenceTest(**read.common(), order=order, criterion=criterion, expect=expect)


def _order(read: TestReader) -> tuple[str, ...] | None:
    """Player names, the first mover first: every player of this file once."""
    value = read.table.get("order")
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        read.add("order", 'must list the players, the first mover first, e.g. ["Afghanistan", "Pakistan"]')
        return None
    if read.players is not None and sorted(value) != sorted(p.name for p in read.players):
        names = ", ".join(p.name for p in read.players)
        read.add("order", f"must name every player of this game once ({names}), the first mover first")
        return None
    return tuple(value)


def describe(test: SequenceTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    first = test.order[0]
    return f"κ from which compromise {PHRASES[test.criterion]}, {first} moving first{where}", either(test.expect)


def grade(test: SequenceTest, ctx: Context) -> TestResult:
    """The verdict of the κ from which compromise is the (unique) SPE outcome in a move order."""
    from ...play.sequential import order_thresholds, resolve_order

    case = ctx.case_for(test)
    game = case.game
    try:
        order = resolve_order(case, test.order)
        target = game.compromise_profile
        if target is None:
            raise Untestable("not every player names a compromise strategy")
        if order is None:  # an order given by name always resolves
            raise Untestable("no move order")
        spe, unique = order_thresholds(case, order, target)
    except ParameterError as exc:
        raise Untestable(exc.detail) from None
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    t = spe if test.criterion == "spe" else unique
    if t.verdict is None:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    quantity, expects = describe(test)
    first = game.players[order[0]].name
    reason = f"{first} moving first and observed, compromise {PHRASES[test.criterion]}: {t.reason}"
    value = f"{threshold_cell(t)}: {t.verdict.words}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, reason)


KIND = ClaimKind("sequence", ("order", "criterion", "expect"), read, grade, describe)
