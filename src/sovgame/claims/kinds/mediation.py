"""``mediation``: what a mediator's recommendation can put on compromise (correlated
equilibria), or the transfers it would need against its budget."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.model import Game, Profile
from ...core.numbers import fmt
from ...sections.mediator import Mediator
from ..grading import Context, Grade, TestResult, Untestable, name_of, target_profile
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import bound_text, deviation_words, kappa_text, outcome_text, within_bound

QUANTITIES = ("compromise_probability", "transfers")
TRANSFERS_EXPECT = ("exceed_budget", "within_budget")


@dataclass(frozen=True, kw_only=True)
class MediationTest(ClaimTest):
    """``quantity`` "compromise_probability": the most a correlated equilibrium at κ puts on
    ``target`` (default: compromise), ``at_most`` or ``at_least``; "transfers": the transfers
    that make it an equilibrium, against the ``[mediator]`` budget (``expect``)."""

    kind: ClassVar[str] = "mediation"
    quantity: str
    target: str | None = None
    expect: str | None = None
    at_most: Fraction | None = None
    at_least: Fraction | None = None


def read(read: TestReader) -> MediationTest | None:
    """``quantity``, an optional ``target``, then ``expect`` (transfers) or one bound."""
    quantity = read.word("quantity", QUANTITIES)
    target = read.profile("target", required=False)
    expect, at_most, at_least = None, None, None
    if quantity == "transfers":
        expect = read.word("expect", TRANSFERS_EXPECT)
    elif quantity is not None:
        at_most, at_least = read.bounds(Fraction(1))
    if not read.ok or quantity is None:
        return None
    return MediationTest(
        **read.common(), quantity=quantity, target=target, expect=expect, at_most=at_most, at_least=at_least
    )


def describe(test: MediationTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    target = "compromise" if test.target is None else outcome_text(test.target)
    where, at = ("" if test.game is None else f" in {test.game}"), kappa_text(test.kappa)
    if test.quantity == "transfers":
        budget = "more than" if test.expect == "exceed_budget" else "within"
        return (
            f"transfers per period that make {target} an equilibrium at {at}{where}",
            f"{budget} the mediator's budget",
        )
    return (
        f"the highest probability of {target} in a correlated equilibrium at {at}{where}",
        bound_text(test.at_most, test.at_least),
    )


def dominated_reason(game: Game, target: Profile, kappa: Fraction) -> str | None:
    """ "'Strike' strictly dominates 'Restrain strikes' for Pakistan (13/4 > 3 when ...)": a
    player whose target strategy is strictly dominated at κ, which no recommendation can make
    it play; None when there is none."""
    u = game.payoffs_at(kappa)
    for i, player in enumerate(game.players):
        for other in range(game.shape[i]):
            if other == target[i]:
                continue
            pairs = []
            for profile in game.profiles():
                if profile[i] != target[i]:
                    continue
                moved = profile[:i] + (other,) + profile[i + 1 :]
                pairs.append((u[moved + (i,)], u[profile + (i,)], profile))
            if all(better > worse for better, worse, _ in pairs):
                shown = "; ".join(
                    f"{fmt(b)} > {fmt(w)} when "
                    + " and ".join(
                        f"{q.name} plays '{q.strategies[s]}'" for j, (q, s) in enumerate(zip(game.players, p)) if j != i
                    )
                    for b, w, p in pairs
                )
                return (
                    f"'{player.strategies[other]}' strictly dominates '{player.strategies[target[i]]}' for "
                    f"{player.name} ({shown}), so no recommendation can make it comply"
                )
    return None


def grade(test: MediationTest, ctx: Context) -> TestResult:
    """The most a mediator's recommendation puts on compromise, or the transfers it would
    need against its budget, at κ."""
    from ...play.mediation import evaluate, transfer_functions

    case = ctx.case_for(test)
    game, mediator = case.game, case.section(Mediator)
    target = target_profile(case, test.target)
    if test.quantity == "compromise_probability":
        return _recommendation(test, game, target)
    budget = mediator.budget if mediator else None
    if budget is None:
        raise Untestable(f"{name_of(case)} has no [mediator] budget")
    terms = transfer_functions(game, target)
    transfers = {name: evaluate(t, test.kappa) for name, t in terms.items()}
    total = sum(transfers.values(), Fraction(0))
    exceed = total > budget
    parts = []
    for i, player in enumerate(game.players):
        need = transfers[player.name]
        if need > 0:
            best = max((t.at(test.kappa), k) for k, t in enumerate(terms[player.name]))[1]
            to = [s for s in range(game.shape[i]) if s != target[i]][best]
            parts.append(f"{player.name} {fmt(need)}: {deviation_words(game, target, i, to, need)}")
    needs = "; ".join(parts) or "nothing: compromise is an equilibrium already"
    who = mediator.name if mediator else "the mediator"
    reason = (
        f"at {kappa_text(test.kappa)} compromise needs {fmt(total)} per period ({needs}), "
        f"{'above' if exceed else 'within'} {who}'s budget of {fmt(budget)}"
    )
    declared = mediator.budget_range if mediator else None
    if declared is not None:
        turns = "inside" if declared[0] <= total < declared[1] or declared[0] < total <= declared[1] else "outside"
        reason += (
            f" (declared range [{fmt(declared[0])}, {fmt(declared[1])}]; the grade turns where the budget crosses "
            f"{fmt(total)}, {turns} that range)"
        )
    reason += _against_gain(game, target, test.kappa, total)
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if exceed == (test.expect == "exceed_budget") else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, fmt(total), float(total), expects, grade, reason)


def _against_gain(game: Game, target: Profile, kappa: Fraction, total: Fraction) -> str:
    """The transfers against what the deal gains over the status quo per period (2x2: each
    player's other strategy), summed over the players: how small a lever would suffice."""
    from ...costs.sets import confront_profile

    confront = confront_profile(game, target)
    if confront is None or total == 0:
        return ""
    u = game.payoffs_at(kappa)
    gains = {p.name: u[target + (i,)] - u[confront + (i,)] for i, p in enumerate(game.players)}
    gain = sum(gains.values(), Fraction(0))
    if gain <= 0:
        return ""
    parts = " + ".join(fmt(g) for g in gains.values())
    return (
        f"; the deal gains {parts} = {fmt(gain)} per period over the status quo, so the transfer is "
        f"{fmt(total / gain)} ({float(total / gain):.0%}) of that gain"
    )


def _recommendation(test: MediationTest, game: Game, target: Profile) -> TestResult:
    """The highest probability of the target in a correlated equilibrium at κ: 0 outright
    when some player's target strategy is strictly dominated (no correlated equilibrium
    recommends a strictly dominated strategy), else the certified linear program."""
    from ...play.mediation import correlated_equilibrium, indicator

    why = dominated_reason(game, target, test.kappa)
    if why is not None:
        value = Fraction(0)
    else:
        ce = correlated_equilibrium(game.payoffs_at(test.kappa), indicator(game, target))
        if not ce.certified or not isinstance(ce.value, Fraction):
            raise Untestable("the correlated-equilibrium program could not be certified in exact arithmetic")
        value = ce.value
        why = f"the players' obedience constraints allow at most {fmt(value)} on compromise"
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if within_bound(test.at_most, test.at_least, value) else Grade.NOT_SUPPORTED
    reason = f"at {kappa_text(test.kappa)} {why}"
    return TestResult(test, quantity, fmt(value), float(value), expects, grade, reason)


KIND = ClaimKind("mediation", ("quantity", "expect", "at_most", "at_least", "kappa", "target"), read, grade, describe)
