"""``game_type``: each player's 2x2 game type at κ (Jervis 1978) against the types claimed."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from ...core.claims import ClaimTest
from ...core.model import Profile
from ...core.numbers import fmt
from ..grading import Context, Grade, TestResult, Untestable, target_profile
from ..kind import ClaimKind
from ..reading import TestReader
from ..wording import kappa_text

#: 2x2 game types of one player's payoffs.
GAME_TYPES = ("prisoners_dilemma", "stag_hunt", "chicken", "deadlock", "harmony", "other")

#: One player's 2x2 game type in words (docs/models.md; Jervis 1978).
TYPE_WORDS = {
    "prisoners_dilemma": "prisoners' dilemma",
    "stag_hunt": "stag hunt",
    "chicken": "chicken",
    "deadlock": "deadlock",
    "harmony": "harmony",
    "other": "none of the textbook types",
}


@dataclass(frozen=True, kw_only=True)
class GameTypeTest(ClaimTest):
    """Each player's type at κ around ``target`` (default: compromise) is one of ``expect``."""

    kind: ClassVar[str] = "game_type"
    expect: tuple[str, ...]
    target: str | None = None


def read(read: TestReader) -> GameTypeTest | None:
    """``expect`` (game types) and an optional ``target`` outcome."""
    expect, target = read.words("expect", GAME_TYPES), read.profile("target", required=False)
    return GameTypeTest(**read.common(), expect=expect, target=target) if read.ok else None


def describe(test: GameTypeTest) -> tuple[str, str]:
    """(quantity, expects) in words."""
    where = "" if test.game is None else f" in {test.game}"
    types = " or ".join(TYPE_WORDS[k] for k in test.expect)
    return f"each player's 2x2 game type at {kappa_text(test.kappa)}{where}", f"{types} for every player"


def player_type(R: Fraction, S: Fraction, T: Fraction, P: Fraction) -> str:
    """One player's 2x2 type from its payoffs R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D):
    prisoners' dilemma T > R > P > S, stag hunt R > T ≥ P > S, chicken T > R > S > P,
    deadlock T > P > R > S, harmony R > T and S > P (compromise dominant), else other."""
    if T > R > P > S:
        return "prisoners_dilemma"
    if R > T >= P > S:
        return "stag_hunt"
    if T > R > S > P:
        return "chicken"
    if T > P > R > S:
        return "deadlock"
    if R > T and S > P:
        return "harmony"
    return "other"


def ordering_text(values: dict[str, Fraction]) -> str:
    """ "T 13/4 > R 3 > P 5/4 > S 1/2": the four payoffs from best to worst, ties as "="."""
    ranked = sorted(values.items(), key=lambda item: -item[1])
    text = f"{ranked[0][0]} {fmt(ranked[0][1])}"
    for (_, before), (name, value) in zip(ranked, ranked[1:]):
        text += f" {'>' if value < before else '='} {name} {fmt(value)}"
    return text


def grade(test: GameTypeTest, ctx: Context) -> TestResult:
    """Each player's 2x2 type at κ against the types the claim expects; partly supported when
    some players' payoffs have it and others' do not."""
    case = ctx.case_for(test)
    full = case.game
    game = full.without_single_strategy_players()  # a 2x2x1 game is a 2x2 game
    if game.shape != (2, 2):
        raise Untestable(f"game types are defined here for 2x2 games; this one is {'x'.join(map(str, full.shape))}")
    target = full.solved_profile(target_profile(case, test.target))
    confront = tuple(1 - t for t in target)
    u = game.payoffs_at(test.kappa)
    types, orders = {}, {}
    for i, player in enumerate(game.players):

        def at(own: Profile, other: Profile, i: int = i) -> Fraction:
            """Player i's payoff when it plays its part of ``own`` and the other its part of ``other``."""
            profile = [0, 0]
            profile[i], profile[1 - i] = own[i], other[1 - i]
            return u[tuple(profile) + (i,)]

        values = {
            "R": at(target, target),
            "S": at(target, confront),
            "T": at(confront, target),
            "P": at(confront, confront),
        }
        types[player.name] = player_type(values["R"], values["S"], values["T"], values["P"])
        orders[player.name] = ordering_text(values)
    matching = [name for name, kind in types.items() if kind in test.expect]
    grade = Grade.SUPPORTED if len(matching) == len(types) else (Grade.PARTLY if matching else Grade.NOT_SUPPORTED)
    value = "; ".join(f"{name}: {TYPE_WORDS[kind]}" for name, kind in types.items())
    wanted = " or ".join(TYPE_WORDS[k] for k in test.expect)
    parts = [
        f"{name}'s payoffs order as {orders[name]}: {TYPE_WORDS[kind]}"
        + ("" if name in matching else f", not {wanted}")
        for name, kind in sorted(types.items(), key=lambda item: item[0] in matching)
    ]
    quantity, expects = describe(test)
    reason = f"at {kappa_text(test.kappa)}, " + "; ".join(parts)
    if test.kappa == 0 or not game.costs:
        # No cost enters: the types are the orderings the file types in, not a finding.
        if grade == Grade.SUPPORTED:
            grade = Grade.BY_CONSTRUCTION
            reason += "; no cost enters, so this is the ordering the file writes: the claim holds by assumption"
        else:
            reason += "; no cost enters, so the ordering the file writes denies it"
    return TestResult(test, quantity, value, None, expects, grade, reason)


KIND = ClaimKind("game_type", ("expect", "kappa", "target"), read, grade, describe)
