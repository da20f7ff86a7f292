"""``repeated``: grim trigger at a discount factor (with a credible punishment), or the
long-run share of conflict of two noisy strategies."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.case import Case
from ...core.claims import ClaimTest
from ...core.intervals import exact_text
from ...core.model import Game, Profile
from ...core.numbers import fmt
from ...sections.repeated import RepeatedSettings
from ..grading import Context, Grade, TestResult, Untestable, target_profile
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import bound_text, decimal_of, deviation_words, kappa_text, outcome_text, within_bound

QUANTITIES = ("grim_trigger", "conflict_share", "punishment_share")
GRIM_EXPECT = ("sustained", "not_sustained")
#: Noisy strategies of repeated play (:func:`sovgame.play.repeated.strategies`).
STRATEGIES = ("tft", "gtft", "wsls", "grim", "alld")
#: The strategies whose moves never depend on the payoffs (generous tit-for-tat's forgiveness does).
PAYOFF_BLIND = frozenset({"tft", "wsls", "grim", "alld"})
#: Noise of repeated play when neither the test nor the file's [repeated] table gives one.
DEFAULT_NOISE = Fraction(1, 20)


@dataclass(frozen=True, kw_only=True)
class RepeatedTest(ClaimTest):
    """``quantity`` "grim_trigger": whether a credible trigger sustains compromise at
    ``discount`` (default: the file's; ``expect``); "conflict_share": the long-run share of
    periods out of compromise of ``pair`` with ``noise``, ``at_most`` or ``at_least``."""

    kind: ClassVar[str] = "repeated"
    quantity: str
    expect: str | None = None
    discount: Fraction | None = None
    at_most: Fraction | None = None
    at_least: Fraction | None = None
    noise: Fraction | None = None
    pair: tuple[str, str] | None = None


def read(read: TestReader) -> RepeatedTest | None:
    """``quantity``, then ``expect`` and ``discount`` (grim trigger) or a bound, ``noise`` and
    ``pair`` (the share of conflict)."""
    quantity = read.word("quantity", QUANTITIES)
    fields: dict = {}
    if quantity == "grim_trigger":
        fields["expect"] = read.word("expect", GRIM_EXPECT)
        fields["discount"] = read.number("discount", Fraction(0), Fraction(1), True, True)
    elif quantity == "punishment_share":
        fields["at_most"], fields["at_least"] = read.bounds(Fraction(1))
    elif quantity is not None:
        fields["at_most"], fields["at_least"] = read.bounds(Fraction(1))
        fields["noise"] = read.number("noise", Fraction(0), Fraction(1, 2), True, True)
        fields["pair"] = _pair(read)
    if not read.ok or quantity is None:
        return None
    return RepeatedTest(**read.common(), quantity=quantity, **fields)


def _pair(read: TestReader) -> tuple[str, str] | None:
    """Two noisy strategies, e.g. ["tft", "tft"] (default: none given)."""
    value = read.table.get("pair")
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2 or any(v not in STRATEGIES for v in value):
        read.add("pair", f'must be two of {", ".join(STRATEGIES)}, e.g. ["tft", "tft"]')
        return None
    return str(value[0]), str(value[1])


def describe(test: RepeatedTest, discount: Fraction | None = None, noise: Fraction | None = None) -> tuple[str, str]:
    """(quantity, expects) in words; ``discount`` and ``noise`` are the values the test takes
    from its file."""
    where, at = ("" if test.game is None else f" in {test.game}"), kappa_text(test.kappa)
    if test.quantity == "grim_trigger":
        delta = test.discount or discount
        delta_text = "the file's discount factor" if delta is None else f"δ = {fmt(delta)}"
        verdict = "sustained" if test.expect == "sustained" else "not sustained"
        return f"δ*: the least discount factor at which a credible trigger sustains compromise, at {at}{where}", (
            f"compromise {verdict} at {delta_text}"
        )
    if test.quantity == "punishment_share":
        return (
            f"the long-run share of periods of punishment on the equilibrium path under imperfect monitoring "
            f"(Green–Porter), at {at}{where}",
            bound_text(test.at_most, test.at_least),
        )
    pair = " against ".join(test.pair or ("tft", "tft"))
    flips = test.noise or noise
    noise_text = "the file's noise" if flips is None else f"noise {fmt(flips)}"
    return f"the long-run share of periods out of mutual compromise, {pair} with {noise_text}{where}", (
        bound_text(test.at_most, test.at_least)
    )


def grade(test: RepeatedTest, ctx: Context) -> TestResult:
    """Grim trigger at a discount factor (with a credible punishment), or the long-run share
    of conflict of two noisy strategies."""
    from ...play.repeated import noisy_chain, nowak_sigmund_generosity, strategies, uniform_outcomes

    case = ctx.case_for(test)
    full, settings = case.game, case.section(RepeatedSettings)
    game = full.without_single_strategy_players()  # a 2x2x1 game is a 2x2 game
    if game.shape != (2, 2):
        raise Untestable(f"repeated play is analysed for 2x2 games; this one is {'x'.join(map(str, full.shape))}")
    target = target_profile(Case(game), None)
    if test.quantity == "grim_trigger":
        return _grim(test, game, target, settings)
    if test.quantity == "punishment_share":
        return _punishment(test, game, settings)
    noise = test.noise or (settings.noise if settings and settings.noise else DEFAULT_NOISE)
    pair = test.pair or ("tft", "tft")
    u = game.payoffs_at(test.kappa)
    confront = (1 - target[0], 1 - target[1])
    R, S = u[target + (0,)], u[(target[0], confront[1], 0)]
    T, P = u[(confront[0], target[1], 0)], u[confront + (0,)]
    table = strategies(nowak_sigmund_generosity(R, S, T, P))
    chain = noisy_chain(table[pair[0]], table[pair[1]], noise)
    share = 1 - chain.shares[(0, 0)]
    spells = (
        f"; ceasefires last {fmt(chain.ceasefire_spell)} periods on average, conflict spells {fmt(chain.conflict_spell)}"
        if chain.ceasefire_spell is not None and chain.conflict_spell is not None
        else ""
    )
    reason = (
        f"{chain.pair[0]} against {chain.pair[1]}, each action flipped with probability {fmt(noise)}, is at "
        f"{outcome_text(game.outcome_key(target))} {fmt(chain.shares[(0, 0)])} of the time{spells}"
    )
    quantity, expects = describe(test, noise=noise)
    grade = Grade.SUPPORTED if within_bound(test.at_most, test.at_least, share) else Grade.NOT_SUPPORTED
    if PAYOFF_BLIND.issuperset(pair) and uniform_outcomes(table[pair[0]], table[pair[1]]):
        # Neither strategy reads a payoff and the chain spends 1/4 of the time in each outcome
        # at every noise level: no number the file could hold changes the share.
        grade = Grade.CANNOT_FAIL
        reason += (
            "; cannot fail: the long-run share of noisy "
            f"{' against '.join(pair)} is 1/4 in each outcome for every payoff and every noise level "
            "(neither strategy reads a payoff, and their joint chain is doubly stochastic)"
        )
    return TestResult(test, quantity, fmt(share), float(share), expects, grade, reason)


def _punishment(test: RepeatedTest, game: Game, settings: RepeatedSettings | None) -> TestResult:
    """Green & Porter (1984): punishments on the equilibrium path when compliance cannot be
    seen. With a false alarm p and a punishment of L periods after each bad signal, the share
    of time in conflict is pL/(1 + pL), and a ceasefire lasts 1/p periods on average."""
    from ...play.repeated import MAX_PUNISHMENT, monitoring_at

    found = None if settings is None else monitoring_at(game, test.kappa, settings)
    if found is None:
        raise Untestable("the file's [repeated] table needs discount, false_alarm and detection")
    if found.length is None or found.conflict_share is None:
        raise Untestable(
            f"no punishment of up to {MAX_PUNISHMENT} periods deters a breach at {kappa_text(test.kappa)}, "
            "so no trigger equilibrium exists to put punishments on its path"
        )
    share, p = found.conflict_share, found.false_alarm
    ceasefire = f"; a ceasefire lasts {fmt(1 / p)} periods on average" if p > 0 else ""
    where = f"at {kappa_text(test.kappa)} with δ = {fmt(found.discount)}, a false alarm {fmt(p)} and detection {fmt(found.detection)}"
    if found.length == 0:
        reason = f"{where}, no player gains by breaching compromise, so no punishment is needed and none is on the path"
    else:
        reason = (
            f"{where}, the shortest punishment that deters every player is {found.length} period(s); bad signals "
            f"then start punishments although nobody deviates: {fmt(share)} of the time in conflict{ceasefire}"
        )
    quantity, expects = describe(test)
    grade = Grade.SUPPORTED if within_bound(test.at_most, test.at_least, share) else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, fmt(share), float(share), expects, grade, reason)


def _over(a: Fraction, b: Fraction) -> str:
    """ "(1/4)/2": a quotient written out, fractions in brackets."""
    return "/".join(fmt(x) if x.denominator == 1 else f"({fmt(x)})" for x in (a, b))


def _grim(test: RepeatedTest, game: Game, target: Profile, settings: RepeatedSettings | None) -> TestResult:
    from ...costs.grim import NASH_REVERSION, grim_trigger

    discount = test.discount or (settings.discount if settings else None)
    if discount is None:
        raise Untestable("no discount factor: give the test a `discount` or the file a [repeated] discount")
    U, W = game.payoffs, game.cost_load()
    grim = grim_trigger(game, U, W, target, test.kappa)
    sustained = grim.sustained(discount)
    stars = grim.delta_star
    worst = max(stars, key=lambda name: (stars[name] is None, stars[name] or Fraction(0)))
    star = stars[worst]
    i = game.player_names.index(worst)
    dev = target[:i] + (1 - target[i],) + target[i + 1 :]
    u = game.payoffs_at(test.kappa)
    temptation = u[dev + (i,)] - u[target + (i,)]
    punishment = grim.punishment if grim.credible else NASH_REVERSION
    reason = f"at {kappa_text(test.kappa)} {deviation_words(game, target, i, 1 - target[i], temptation)}"
    if star is not None and star > 0:
        gap = temptation / star
        reason += (
            f", and reverting to {punishment} would leave it {fmt(gap)} a period below that deviation's payoff: "
            f"δ* = {_over(temptation, gap)} = {fmt(star)} for {worst}"
        )
    else:
        reason += f"; the threat is reverting to {punishment}: δ* = {exact_text(star)} for {worst}"
    if not grim.credible:
        reason += "; reverting to the all-confront outcome would be no credible threat, it is no stage equilibrium"
    reason += (
        f"; δ = {fmt(discount)} {'≥' if sustained else '<'} δ*, so compromise is {'' if sustained else 'not '}sustained"
    )
    value = f"δ* = {exact_text(star)} (" + ", ".join(f"{n} {exact_text(v)}" for n, v in stars.items()) + ")"
    quantity, expects = describe(test, discount=discount)
    grade = Grade.SUPPORTED if sustained == (test.expect == "sustained") else Grade.NOT_SUPPORTED
    return TestResult(test, quantity, value, decimal_of(star), expects, grade, reason)


KIND = ClaimKind(
    "repeated",
    ("quantity", "expect", "discount", "at_most", "at_least", "pair", "noise", "kappa"),
    read,
    grade,
    describe,
)
