"""The phrases every claim kind's reasons share: outcomes, cost levels, thresholds, deviations
and equilibria in words, each decided exactly."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..core.intervals import Endpoint, exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..costs.deviations import deviations

if TYPE_CHECKING:  # the analyses are imported where a grader's reason needs them
    from ..costs.thresholds import Threshold
    from ..solvers.equilibria import Solution

CRITERION_PHRASES = {
    "nash": "is an equilibrium",
    "strict": "is a strict equilibrium",
    "dominant": "is every player's strictly dominant choice",
    "unique": "is the only equilibrium",
    "risk_dominant": "is risk-dominant",
}


def outcome_text(key: str) -> str:
    """ "(Strike, Tolerate TTP)" for the outcome key "Strike|Tolerate TTP"."""
    return "(" + ", ".join(part.strip() for part in key.split("|")) + ")"


def kappa_text(kappa: Fraction) -> str:
    """ "κ = 1 (today's costs)", "κ = 0 (costs not counted)" or "κ = 3/2"."""
    note = " (costs not counted)" if kappa == 0 else (" (today's costs)" if kappa == 1 else "")
    return f"κ = {fmt(kappa)}{note}"


def either(words: tuple[str, ...]) -> str:
    """ "beyond or never" for ("beyond", "never"), in words."""
    return " or ".join(w.replace("_", " ") for w in words)


def decimal_of(value: Endpoint | Fraction | None) -> float | None:
    """The decimal shown beside an exact value (None for never)."""
    return None if value is None else float(value)


def threshold_cell(t: Threshold) -> str:
    """ "≥ 4/3", "> 4", "never" or "in [a, b]" for a threshold."""
    if t.value is None:
        return "never"
    if t.bracket is not None:
        return f"in [{fmt(t.bracket[0])}, {fmt(t.bracket[1])}]"
    return f"{'≥' if t.attained else '>'} {exact_text(t.value)}"


def bound_text(at_most: Fraction | None, at_least: Fraction | None) -> str:
    """ "at most 1/2" or "at least 1/4": what a test expects of a value."""
    if at_most is not None:
        return f"at most {fmt(at_most)}"
    return f"at least {fmt(at_least)}"


def within_bound(at_most: Fraction | None, at_least: Fraction | None, value: Fraction) -> bool:
    """Whether ``value`` meets ``at_most`` (when given) or else ``at_least``."""
    if at_most is not None:
        return value <= at_most
    return at_least is not None and value >= at_least


def solution_text(game: Game, solution: Solution) -> str:
    """The equilibria in one line: outcome keys as "(s1, s2)", mixed ones by their strategies."""
    from ..costs.scenarios import equilibrium_label

    labels = [equilibrium_label(game, e) for e in solution.equilibria]
    text = "; ".join(outcome_text(x) if not x.startswith("mixed") else x for x in labels) or "none"
    return text + ("" if solution.complete else " (pure equilibria only)")


def deviation_words(game: Game, profile: Profile, i: int, to: int, gain: Fraction) -> str:
    """ "Pakistan gains 1/4 by 'Strike' instead of 'Restrain strikes' when Afghanistan plays 'Constrain TTP'"."""
    player = game.players[i]
    others = " and ".join(
        f"{p.name} plays '{p.strategies[s]}'" for j, (p, s) in enumerate(zip(game.players, profile)) if j != i
    )
    verb = "gains" if gain > 0 else ("loses" if gain < 0 else "gains nothing")
    amount = f" {fmt(abs(gain))}" if gain != 0 else ""
    return f"{player.name} {verb}{amount} by '{player.strategies[to]}' instead of '{player.strategies[profile[i]]}' when {others}"


def stability(game: Game, profile: Profile, kappa: Fraction) -> tuple[bool, str]:
    """Whether ``profile`` is a Nash equilibrium at κ, decided exactly, and why: the most
    profitable deviation, or the ties that make it a weak one."""
    U, W = game.payoffs, game.cost_load()
    devs = [d for i in range(game.n_players) for d in deviations(game, U, W, profile, i)]
    best = max(devs, key=lambda d: d.gain(kappa), default=None)
    if best is not None and best.gain(kappa) > 0:
        return False, deviation_words(game, profile, best.player, best.to, best.gain(kappa))
    ties = [d for d in devs if d.gain(kappa) == 0]
    if ties:
        tie = ties[0]
        return (
            True,
            f"no player gains by leaving it, but it is weak: {deviation_words(game, profile, tie.player, tie.to, Fraction(0))}",
        )
    return True, "every player loses by leaving it"
