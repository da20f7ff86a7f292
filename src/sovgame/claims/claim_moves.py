"""Tests of a claim beyond one simultaneous move: a move order (``sequence``), a limited
strategy's success probability (``capacity``) and a type's prior (``trust``)
(:mod:`sovgame.claims.scorecard`; README, "Claims")."""

from __future__ import annotations

from ..core.claims import ClaimTest, TestKind
from ..core.intervals import exact_text
from ..core.numbers import fmt
from ..costs.capacity import resolve_entry, vary_capacity
from ..costs.thresholds import compute_thresholds
from ..errors import ParameterError, SovgameError
from ..play.sequential import order_thresholds, resolve_order
from ..play.trust import prior_range
from ..sections.capacity import at_success, capacity_of
from ..sections.capacity import describe as describe_capacity
from .claim_tests import (
    CRITERION_PHRASES,
    Context,
    Grade,
    TestResult,
    Untestable,
    decimal_of,
    describe,
    either,
    kappa_text,
    threshold_cell,
)

SEQUENCE_PHRASES = {"spe": "is a subgame-perfect outcome", "unique_spe": "is the only subgame-perfect outcome"}


def describe_move(test: ClaimTest) -> tuple[str, str]:
    """(quantity, expects) of a sequence, capacity or trust test, in words."""
    where = "" if test.game is None else f" in {test.game}"
    if test.kind == TestKind.SEQUENCE:
        assert test.criterion is not None
        first = (test.order or ("?",))[0]
        return f"κ from which compromise {SEQUENCE_PHRASES[test.criterion]}, {first} moving first{where}", either(
            test.expect
        )
    if test.kind == TestKind.CAPACITY:
        assert test.criterion is not None
        q = "the file's success probability" if test.success is None else f"success probability {fmt(test.success)}"
        limited = f"'{test.strategy}' of {test.player}" if test.strategy else "the limited strategy"
        return f"κ from which compromise {CRITERION_PHRASES[test.criterion]}, {limited} at {q}{where}", either(
            test.expect
        )
    assert test.kind == TestKind.TRUST
    quantity = (
        f"the prior of {test.player}'s type '{test.type_name}' against the priors at which compromise is an "
        f"equilibrium outcome, at {kappa_text(test.kappa)}{where}"
    )
    if test.expect == ("above_critical",):
        return quantity, "above every prior at which compromise holds"
    return quantity, "among the priors at which compromise holds"


def sequence_test(test: ClaimTest, ctx: Context) -> TestResult:
    """The verdict of the κ from which compromise is the (unique) SPE outcome in a move order."""
    case = ctx.case_for(test)
    game = case.game
    try:
        order = resolve_order(case, test.order)
        target = game.compromise_profile
        if target is None:
            raise Untestable("not every player names a compromise strategy")
        assert order is not None and test.criterion is not None
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
    reason = f"{first} moving first and observed, compromise {SEQUENCE_PHRASES[test.criterion]}: {t.reason}"
    value = f"{threshold_cell(t)}: {t.verdict.words}"
    return TestResult(test, quantity, value, decimal_of(t.value), expects, grade, reason)


def capacity_test(test: ClaimTest, ctx: Context) -> TestResult:
    """The verdict of a threshold with the limited strategy at a success probability, and the
    success probabilities at which that verdict changes."""
    case = ctx.case_for(test)
    named = None if test.player is None else f"{test.player}@{test.strategy}"
    assert test.criterion is not None
    try:
        entry = resolve_entry(case, named)
        q = entry.success if test.success is None else test.success
        changed = at_success(case, {(entry.player, entry.strategy): q}, entry.fallback)
        t = compute_thresholds(changed).thresholds[test.criterion]
        curve = vary_capacity(case, named).curves.get(test.criterion)
    except ParameterError as exc:
        raise Untestable(exc.detail) from None
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    if t.verdict is None or not t.defined:
        raise Untestable(f"the verdict is not settled exactly: {t.reason}")
    grade = Grade.SUPPORTED if t.verdict in test.expect else Grade.NOT_SUPPORTED
    varied = next(e for e in capacity_of(changed) if (e.player, e.strategy) == (entry.player, entry.strategy))
    reason = f"{describe_capacity(changed.game, varied)}: {t.reason}"
    if curve is not None and curve.changes:
        reason += f"; the verdict changes at q = {', '.join(exact_text(c) for c in curve.changes)}"
    quantity, expects = describe(test)
    return TestResult(
        test, quantity, f"{threshold_cell(t)}: {t.verdict.words}", decimal_of(t.value), expects, grade, reason
    )


def trust_test(test: ClaimTest, ctx: Context) -> TestResult:
    """Whether a type's prior lies above every prior at which compromise is an equilibrium
    outcome at κ (or among them)."""
    case = ctx.case_for(test)
    game = case.game
    if test.player not in game.player_names:
        raise Untestable(f"{test.player!r} is no player of this game")
    assert test.type_name is not None
    try:
        r = prior_range(case, game.player_names.index(test.player), test.type_name, test.kappa)
    except ParameterError as exc:
        raise Untestable(exc.detail) from None
    except SovgameError as exc:
        raise Untestable(str(exc)) from None
    inside = r.interval is not None and r.interval.contains(r.prior)
    holds = r.above if test.expect == ("above_critical",) else inside
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
