"""``trust``: a type's prior against the priors at which compromise is an equilibrium outcome
(Kydd 1997, 2005)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.case import Case
from ...core.claims import ClaimTest
from ...core.numbers import fmt
from ...errors import ParameterError, SovgameError
from ..grading import Context, Grade, TestResult, Untestable
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text

EXPECT = ("above_critical", "below_critical", "separating")


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
    if test.expect == "separating":
        return (
            f"what {test.player}'s types play in the Bayesian equilibria at {kappa_text(test.kappa)}{where}",
            f"the types act apart, '{test.type_name}' confronting",
        )
    if test.expect == "above_critical":
        return quantity, "above every prior at which compromise holds"
    return quantity, "among the priors at which compromise holds"


def grade(test: TrustTest, ctx: Context) -> TestResult:
    """Whether a type's prior lies above every prior at which compromise is an equilibrium
    outcome at κ (or among them)."""
    from ...play.trust import prior_range

    case = ctx.case_for(test)
    game = case.game
    if test.player not in game.player_names:
        raise Untestable(f"{test.player!r} is no player of this game")
    if test.expect == "separating":
        return _separating(test, case)
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
        # No prior makes compromise an equilibrium outcome: the prior cannot be tested here.
        raise Untestable(f"{r.reason}, so no prior decides it and the test cannot tell either way")
    else:
        value = f"prior {fmt(r.prior)}; compromise holds for priors in {r.interval}"
        where = "above them" if r.above else ("among them" if inside else "below them")
        reason = (
            f"at {kappa_text(test.kappa)} compromise is an equilibrium outcome for a '{test.type_name}' prior in "
            f"{r.interval}; the file's {fmt(r.prior)} lies {where}"
        )
    grade = Grade.SUPPORTED if holds else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, value, None, expects, grade, reason)


def _separating(test: TrustTest, case: Case) -> TestResult:
    """Whether the player's types act apart in the Bayesian equilibria at κ (Kydd 2005: only
    then can behaviour reveal a type). Where every equilibrium pools the types on one action,
    the record cannot tell the type the claim names from the others: not testable."""
    from ...play.bayesian import solve_bayesian

    player = case.game.player_names.index(test.player)
    try:
        solution = solve_bayesian(case, test.kappa)
    except (ParameterError, SovgameError) as exc:
        raise Untestable(getattr(exc, "detail", str(exc))) from None
    names = solution.bayesian.type_names(player)
    if test.type_name not in names:
        raise Untestable(f"{test.player} has no type {test.type_name!r} (types: {', '.join(names)})")
    own = solution.bayesian.types[player]
    strategies = case.game.players[player].strategies
    compromise = case.game.players[player].compromise
    apart = [e for e in solution.equilibria if len(set(e.behaviour[player])) > 1]
    quantity, expects = describe(test)
    if not apart:
        played = {strategies[k] for e in solution.equilibria for b in e.behaviour[player] for k, p in enumerate(b) if p}
        raise Untestable(
            f"at {kappa_text(test.kappa)} every type of {test.player} ({', '.join(names)}) plays "
            f"{' or '.join(repr(x) for x in sorted(played))} alike in every Bayesian equilibrium (pooling), so what "
            f"{test.player} does cannot tell one type from another: the record cannot separate ideology from mistrust"
        )
    t = names.index(test.type_name)
    confronts = [
        e for e in apart if strategies.index(compromise or strategies[0]) not in _support(e.behaviour[player][t])
    ]
    grade = Grade.SUPPORTED if len(confronts) == len(apart) else Grade.NOT_SUPPORTED
    value = f"{len(apart)} of {len(solution.equilibria)} equilibria separate the types"
    reason = (
        f"at {kappa_text(test.kappa)} {len(apart)} Bayesian equilibria separate {test.player}'s types "
        f"({len(own)} types); '{test.type_name}' avoids '{compromise}' in {len(confronts)} of them"
    )
    return TestResult(test, quantity, value, None, expects, grade, reason)


def _support(mixed) -> set[int]:
    return {k for k, p in enumerate(mixed) if p}


KIND = ClaimKind("trust", ("player", "type", "expect", "kappa"), read, grade, describe)
