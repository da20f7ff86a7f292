"""The spoiler and belief updating (Kydd & Walter 2002; Stedman 1997; Bueno de Mesquita 2005).

Two models, kept apart because they answer different questions:

**Updating, with the attack rates as given.** The spoiler attacks in a period with
probability a₁ when the player it operates from is of the watched type (Kabul a TTP ally)
and a₀ otherwise. The other player's belief π that it faces the watched type becomes, by
Bayes' rule (docs/models.md, "Spoilers and belief updating"),

    after an attack:       π·a₁ / (π·a₁ + (1 − π)·a₀)
    after a quiet period:  π·(1 − a₁) / (π·(1 − a₁) + (1 − π)·(1 − a₀)),

so after a attacks and q quiet periods, in any order, the odds are
π/(1 − π) · (a₁/a₀)^a · ((1 − a₁)/(1 − a₀))^q. Compromise holds while the belief lies among
the priors at which the compromise profile is a Bayesian equilibrium
(:func:`sovgame.play.trust.prior_range`, Kydd 2005): with two types that is [0, h], h the
critical prior, and a tie keeps compromise (the trust threshold is a weak best response).
Textbook case: π = 2/5, a₁ = 3/5, a₀ = 1/5 gives 2/3 after one attack and 1/4 after one
quiet period.

**The spoiler as a strategic player.** With its value of the status quo V_D, of compromise
V_C and an attack's cost k, the spoiler, while compromise holds, attacks iff one attack ends
compromise and V_D − V_C > k (a tie: it holds). So attacking stops paying where one attack no
longer moves the belief past h (a κ, found exactly as the κ at which compromise holds at the
belief after one attack) or where k ≥ V_D − V_C. The rates in the updating model are not
derived from these payoffs; each number the analysis reports names its model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import Interval
from ..core.numbers import fmt
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.thresholds import Threshold
from ..costs.verdicts import verdict_scale_json
from ..errors import ParameterError, SovgameError
from ..sections.spoiler import Spoiler
from .bayesian import BayesianGame
from .ranges import Followed, follow, followed_to_json
from .trust import _check, compromise_threshold, prior_range, with_prior

#: How many periods the survival table covers by default.
PERIODS = 4
#: The most periods the beliefs and survival tables may cover.
MAX_PERIODS = 50
#: The most quiet periods searched for that restore compromise after an attack.
MAX_QUIET = 10_000


@dataclass(frozen=True)
class Belief:
    """The belief that the player is of the watched type after ``attacks`` attacks and
    ``quiet`` quiet periods, in any order (None: the history is impossible under both types)."""

    attacks: int
    quiet: int
    belief: Fraction | None


@dataclass(frozen=True)
class Level:
    """What the updating and strategic models say at one cost level κ.

    ``beliefs``: the beliefs at which compromise holds (None: none; ``reason`` says why).
    ``ends``: one attack moves the belief out of them (None: compromise does not hold even
    before an attack). ``restore``: the quiet periods after one attack that bring compromise
    back (0: the attack did not end it; None: none do). ``survival``: per type (and ``all``,
    the watching player's expectation at its prior), P(compromise holds through each of
    periods 1..n). ``attacks``: attacking is the spoiler's best reply while compromise holds
    (None: no payoffs, or no compromise to spoil)."""

    kappa: Fraction
    beliefs: Interval | None
    reason: str
    holds_at_prior: bool
    ends: bool | None
    restore: int | None
    survival: tuple[tuple[str, tuple[Fraction, ...]], ...]
    attacks: bool | None


@dataclass(frozen=True, repr=False)
class SpoilerAnalysis(Result):
    """What ``sovgame spoiler`` shows (module docstring)."""

    case: Case
    spoiler: Spoiler
    kappa: Fraction
    plausible: tuple[Fraction, Fraction]
    watcher: int
    prior: Fraction
    other_type: str
    beliefs: tuple[Belief, ...]
    levels: tuple[Level, ...]
    survives_attack: Threshold  # κ at which compromise holds at the belief after one attack
    gain: Fraction | None  # V_D − V_C: what ending compromise is worth to the spoiler
    followed: tuple[Followed, ...]
    followed_at: Fraction

    def level(self, kappa: Fraction) -> Level:
        """The level at κ."""
        return next(x for x in self.levels if x.kappa == kappa)

    @property
    def after_attack(self) -> Fraction | None:
        """The belief after one attack."""
        return belief_after(self.prior, self.rates, 1, 0)

    @property
    def after_quiet(self) -> Fraction | None:
        """The belief after one quiet period."""
        return belief_after(self.prior, self.rates, 0, 1)

    @property
    def rates(self) -> tuple[Fraction, Fraction]:
        """(a₁, a₀): the attack rates under the watched type and the other."""
        return self.spoiler.rate(self.spoiler.watched), self.spoiler.rate(self.other_type)

    def json_data(self) -> dict[str, Any]:
        return spoiler_to_json(self)


def belief_after(prior: Fraction, rates: tuple[Fraction, Fraction], attacks: int, quiet: int) -> Fraction | None:
    """The posterior of the watched type after ``attacks`` attacks and ``quiet`` quiet
    periods (module docstring); None when the history has probability 0 under both types."""
    a1, a0 = rates
    watched = prior * a1**attacks * (1 - a1) ** quiet
    other = (1 - prior) * a0**attacks * (1 - a0) ** quiet
    return None if watched + other == 0 else watched / (watched + other)


def _holds(beliefs: Interval | None, belief: Fraction | None) -> bool:
    return beliefs is not None and belief is not None and beliefs.contains(belief)


def survival(
    prior: Fraction, rates: tuple[Fraction, Fraction], rate: Fraction, beliefs: Interval | None, periods: int
) -> tuple[Fraction, ...]:
    """P(compromise holds after each of periods 1..``periods``) when the spoiler attacks at
    ``rate`` each period: a walk over the number of attacks so far, the paths on which the
    belief left ``beliefs`` dropped (compromise ends there)."""
    if not _holds(beliefs, prior):
        return tuple(Fraction(0) for _ in range(periods))
    alive = {0: Fraction(1)}  # attacks so far -> probability of getting here with compromise intact
    out = []
    for t in range(1, periods + 1):
        nxt: dict[int, Fraction] = {}
        for a, p in alive.items():
            for attacked, chance in ((1, rate), (0, 1 - rate)):
                if chance and _holds(beliefs, belief_after(prior, rates, a + attacked, t - a - attacked)):
                    nxt[a + attacked] = nxt.get(a + attacked, Fraction(0)) + p * chance
        alive = nxt
        out.append(sum(alive.values(), Fraction(0)))
    return tuple(out)


def restore_after_attack(prior: Fraction, rates: tuple[Fraction, Fraction], beliefs: Interval | None) -> int | None:
    """The fewest quiet periods after one attack at which compromise holds again (0: the
    attack did not end it); None when none up to :data:`MAX_QUIET` do.

    After the attack and q quiet periods the odds of the watched type are O·r^q, with O the
    odds after the attack and r = (1 − a₁)/(1 − a₀): monotone in q. So the first q whose
    belief enters ``beliefs`` is proposed from logarithms and checked exactly around it."""
    if _holds(beliefs, belief_after(prior, rates, 1, 0)):
        return 0
    a1, a0 = rates
    after = belief_after(prior, rates, 1, 0)
    if a1 == 1 or a0 == 1:  # one quiet period settles the type; more change nothing
        return 1 if _holds(beliefs, belief_after(prior, rates, 1, 1)) else None
    if beliefs is None or after in (None, 0, 1) or a1 == a0:
        return None  # an impossible history, a certain belief, or quiet periods that tell nothing
    target = beliefs.hi if after > beliefs.hi else beliefs.lo  # type: ignore[operator]
    assert isinstance(target, Fraction)
    if target in (0, 1):
        return None  # odds 0 or infinite are never reached
    odds, goal, ratio = after / (1 - after), target / (1 - target), (1 - a1) / (1 - a0)
    guess = math.log(goal / odds) / math.log(ratio)
    if not math.isfinite(guess) or guess > MAX_QUIET:
        return None
    start = max(0, math.floor(guess) - 1)
    return next(
        (q for q in range(start, min(start + 4, MAX_QUIET + 1)) if _holds(beliefs, belief_after(prior, rates, 1, q))),
        None,
    )


def _types(case: Case, bg: BayesianGame, spoiler: Spoiler) -> tuple[int, str]:
    """The index of the watched type and the name of the other; problems name the file's keys."""
    names = bg.type_names(spoiler.player)
    who = case.game.players[spoiler.player].name
    if len(names) != 2:
        raise SovgameError(
            f"{case.origin}: spoiler: the updating model needs exactly two [[types]] of {who}; the file has "
            f"{len(names)}"
        )
    rated = [name for name, _ in spoiler.rates]
    if sorted(rated) != sorted(names):
        raise SovgameError(
            f"{case.origin}: spoiler.attack_rates: give one rate per type of {who} ({', '.join(names)}), "
            f"not for {', '.join(rated)}"
        )
    if spoiler.watched not in names:
        raise SovgameError(f"{case.origin}: spoiler.type: {spoiler.watched!r} is no type of {who}")
    index = names.index(spoiler.watched)
    return index, names[1 - index]


def analyze_spoiler(
    x: Case, kappa: Fraction | int = 1, periods: int = PERIODS, plausible: Sequence | None = None
) -> SpoilerAnalysis:
    """The spoiler of a case with ``[spoiler]`` and two ``[[types]]`` of the player it
    operates from: beliefs after every history up to ``periods`` periods, and at κ and at the
    top of the plausible range the critical beliefs, whether one attack ends compromise, the
    quiet periods that restore it, survival under each type and the spoiler's best reply;
    the κ that deters it; each ranged number of ``[spoiler]`` followed (module docstring)."""
    if not 1 <= periods <= MAX_PERIODS:
        raise ParameterError("periods", f"must be between 1 and {MAX_PERIODS}, not {periods}")
    case = as_case(x, plausible)
    spoiler = case.section(Spoiler)
    if spoiler is None:
        raise SovgameError(f"{case.origin}: no [spoiler] table: the spoiler model needs its attack rates")
    bg = _check(case)
    index, other = _types(case, bg, spoiler)
    prior = bg.types[spoiler.player][index].prior
    kappa = Fraction(kappa)
    rates = (spoiler.rate(spoiler.watched), spoiler.rate(other))
    beliefs = tuple(
        Belief(a, n - a, belief_after(prior, rates, a, n - a)) for n in range(periods + 1) for a in range(n + 1)
    )
    gain = None
    if spoiler.strategic:
        assert spoiler.conflict_value is not None and spoiler.compromise_value is not None
        gain = spoiler.conflict_value.value - spoiler.compromise_value.value
    levels = tuple(_level(bg, spoiler, index, rates, k, periods) for k in dict.fromkeys([kappa, case.plausible[1]]))
    after = belief_after(prior, rates, 1, 0)
    survives = compromise_threshold(with_prior(bg, spoiler.player, index, after if after is not None else prior))
    at = next((lv for lv in levels if lv.holds_at_prior), levels[0])
    return SpoilerAnalysis(
        case,
        spoiler,
        kappa,
        case.plausible,
        1 - spoiler.player,
        prior,
        other,
        beliefs,
        levels,
        survives,
        gain,
        _followed(spoiler, prior, other, at),
        at.kappa,
    )


def _level(
    bg: BayesianGame, spoiler: Spoiler, index: int, rates: tuple[Fraction, Fraction], kappa: Fraction, periods: int
) -> Level:
    """Both models at one κ."""
    prior = bg.types[spoiler.player][index].prior
    r = prior_range(bg, spoiler.player, spoiler.watched, kappa)
    beliefs = r.interval
    holds = _holds(beliefs, prior)
    ends = None if not holds else not _holds(beliefs, belief_after(prior, rates, 1, 0))
    restore = restore_after_attack(prior, rates, beliefs) if holds else None
    a1, a0 = rates
    by_type = [(spoiler.watched, survival(prior, rates, a1, beliefs, periods))]
    by_type.append((bg.type_names(spoiler.player)[1 - index], survival(prior, rates, a0, beliefs, periods)))
    expected = tuple(prior * w + (1 - prior) * o for w, o in zip(by_type[0][1], by_type[1][1]))
    attacks = None
    if spoiler.strategic and ends is not None:
        assert spoiler.conflict_value and spoiler.compromise_value and spoiler.attack_cost
        gain = spoiler.conflict_value.value - spoiler.compromise_value.value
        attacks = ends and gain > spoiler.attack_cost.value
    return Level(kappa, beliefs, r.reason, holds, ends, restore, (*by_type, ("all", expected)), attacks)


def _followed(spoiler: Spoiler, prior: Fraction, other: str, level: Level) -> tuple[Followed, ...]:
    """Each ranged number of ``[spoiler]`` over its range at ``level``'s κ: "one attack ends
    compromise" for the rates, "the spoiler attacks" for its payoffs (module
    :mod:`sovgame.play.ranges`). With beliefs [l, h], the attack ends compromise iff the
    belief after it passes h: π·a₁·(1 − h) − h·(1 − π)·a₀ > 0, affine in a₁ and in a₀."""
    beliefs = level.beliefs
    if beliefs is None or not level.holds_at_prior or not isinstance(beliefs.hi, Fraction):
        return ()
    h = beliefs.hi
    rates = dict(spoiler.rates)
    out = []
    for name, ranged in spoiler.rates:
        if ranged.range is None:
            continue

        def rates_at(x: Fraction, name: str = name) -> tuple[Fraction, Fraction]:
            """(a₁, a₀) with this type's rate set to x."""
            changed = {**{k: v.value for k, v in rates.items()}, name: x}
            return changed[spoiler.watched], changed[other]

        def ends(x: Fraction, rates_at=rates_at) -> bool:
            """One attack ends compromise with this rate at x."""
            return not _holds(beliefs, belief_after(prior, rates_at(x), 1, 0))

        def margin(x: Fraction, rates_at=rates_at) -> Fraction:
            a1, a0 = rates_at(x)
            return prior * a1 * (1 - h) - h * (1 - prior) * a0

        out.append(follow(f"attack_rates.{name}", ranged, ends, [margin]))
    if spoiler.strategic and level.ends is not None:
        out += _followed_payoffs(spoiler, bool(level.ends))
    return tuple(out)


def _followed_payoffs(spoiler: Spoiler, ends: bool) -> list[Followed]:
    """The spoiler's payoffs over their ranges: it attacks iff the attack ends compromise and
    V_D − V_C − k > 0, affine in each."""
    assert spoiler.conflict_value and spoiler.compromise_value and spoiler.attack_cost
    numbers = {
        "conflict_value": spoiler.conflict_value,
        "compromise_value": spoiler.compromise_value,
        "attack_cost": spoiler.attack_cost,
    }
    out = []
    for name, ranged in numbers.items():
        if ranged.range is None:
            continue

        def margin(x: Fraction, name: str = name) -> Fraction:
            values = {k: (x if k == name else v.value) for k, v in numbers.items()}
            return values["conflict_value"] - values["compromise_value"] - values["attack_cost"]

        def attacks(x: Fraction, margin=margin) -> bool:
            return ends and margin(x) > 0

        out.append(follow(name, ranged, attacks, [margin]))
    return out


#: Which model each number of the spoiler analysis comes from (said in tables and JSON).
UPDATING = "updating (Bayes' rule, rates as given; Kydd & Walter 2002)"
TRUST = "trust (Kydd 2005: priors at which compromise is a Bayesian equilibrium)"
STRATEGIC = "the spoiler's best reply (its own payoffs)"


# --- the stable JSON (docs/reference.md) ---------------------------------------------------


def _level_json(lv: Level) -> dict[str, Any]:
    return {
        "kappa": fmt(lv.kappa),
        "beliefs": None if lv.beliefs is None else lv.beliefs.to_json(),
        "critical_prior": None if lv.beliefs is None or lv.beliefs.hi is None else fmt(lv.beliefs.hi),
        "reason": lv.reason or None,
        "holds_at_prior": lv.holds_at_prior,
        "single_attack_ends": lv.ends,
        "quiet_periods_to_restore": lv.restore,
        "survival": {name: [fmt(p) for p in probs] for name, probs in lv.survival},
        "spoiler_attacks": lv.attacks,
    }


def spoiler_to_json(result: SpoilerAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame spoiler`` (docs/reference.md)."""
    s, game = result.spoiler, result.case.game
    return {
        "game": game.title,
        "spoiler": s.name,
        "player": game.players[s.player].name,
        "watcher": game.players[result.watcher].name,
        "type": s.watched,
        "prior": fmt(result.prior),
        "rates": {name: fmt(r.value) for name, r in s.rates},
        "rate_ranges": {name: [fmt(r.range[0]), fmt(r.range[1])] for name, r in s.rates if r.range},
        "kappa": fmt(result.kappa),
        "plausible_kappa": [fmt(v) for v in result.plausible],
        "verdict_scale": verdict_scale_json(),
        "after_attack": None if result.after_attack is None else fmt(result.after_attack),
        "after_quiet": None if result.after_quiet is None else fmt(result.after_quiet),
        "beliefs": [
            {"attacks": b.attacks, "quiet": b.quiet, "belief": None if b.belief is None else fmt(b.belief)}
            for b in result.beliefs
        ],
        "levels": [_level_json(lv) for lv in result.levels],
        "survives_one_attack": threshold_to_json(result.survives_attack),
        "strategic": None
        if result.gain is None
        else {
            "gain_from_ending_compromise": fmt(result.gain),
            "deterring_attack_cost": fmt(result.gain),
            "attack_cost": fmt(s.attack_cost.value) if s.attack_cost else None,
        },
        "ranges_at_kappa": fmt(result.followed_at),
        "ranges": [followed_to_json(f) for f in result.followed],
        "models": {"beliefs": UPDATING, "critical": TRUST, "attacks": STRATEGIC},
    }
