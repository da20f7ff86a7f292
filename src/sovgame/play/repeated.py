"""Repeated play of a 2x2 security dilemma: why cycles of violence and ceasefire recur.

Three views, all for the compromise (C) / confront (D) game at cost level κ:

1. **Grim trigger** (Friedman 1971): (C, C) is sustained iff δ ≥ δ*_i = (T_i − R_i)/(T_i − P_i)
   for every player, provided (D, D) is itself a stage equilibrium at κ; where it is not, the
   threat is not credible and δ* is against the worst stage equilibrium (Nash reversion;
   :mod:`sovgame.costs.grim`).
2. **Noisy strategies** (Axelrod 1984; Nowak & Sigmund 1992, 1993): two finite-state strategies
   (tit-for-tat, generous tit-for-tat, win-stay-lose-shift, grim trigger, always-confront) play
   each other; each intended action is flipped with probability ε. The pair of states is a
   Markov chain; its stationary distribution, solved exactly in fractions, gives the long-run
   share of each outcome and the mean length of ceasefire (C, C) and conflict spells. Noisy
   tit-for-tat against itself spends 1/4 of the time in each outcome.
3. **Imperfect monitoring** (Green & Porter 1984): each side sees only a signal that is bad with
   probability p (false alarm) when both comply and q > p after a defection. A trigger strategy
   punishes for L periods after a bad signal. With V the value of the cooperative phase,

       V = [(1 − δ)R + δp(1 − δ^L)P] / [1 − δ(1 − p) − δ^{L+1}p]

   compliance is a best response iff (1 − δ)(T − R) ≤ δ(q − p)(1 − δ^L)(V − P). Punishments then
   happen on the equilibrium path: the long-run share of time in conflict is pL/(1 + pL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import exact_text
from ..core.linalg import solve_linear
from ..core.model import Game, Profile
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.grim import GrimTrigger, grim_trigger
from ..costs.thresholds import Threshold, confront_profile, resolve_target
from ..costs.verdicts import verdict_scale_json
from ..errors import ParameterError, SovgameError
from ..sections.repeated import RepeatedSettings

C, D = 0, 1  # compromise, confront


@dataclass(frozen=True)
class Strategy:
    """A finite-state strategy: the chance of intending C in a state, and the next state
    after an outcome (own action, other's action)."""

    name: str
    start: str
    cooperate: Callable[[str], Fraction]
    step: Callable[[str, int, int], str]


def _memory_one(name: str, first: Fraction, after: dict[tuple[int, int], Fraction]) -> Strategy:
    return Strategy(
        name,
        "start",
        lambda state: first if state == "start" else after[(int(state[0]), int(state[1]))],
        lambda state, own, other: f"{own}{other}",
    )


def strategies(generosity: Fraction = Fraction(1, 3)) -> dict[str, Strategy]:
    """The named strategies; ``generosity`` is generous tit-for-tat's chance to forgive."""
    one, zero = Fraction(1), Fraction(0)
    return {
        "tft": _memory_one("tit-for-tat", one, {(C, C): one, (D, C): one, (C, D): zero, (D, D): zero}),
        "gtft": _memory_one(
            "generous tit-for-tat", one, {(C, C): one, (D, C): one, (C, D): generosity, (D, D): generosity}
        ),
        "wsls": _memory_one("win-stay-lose-shift", one, {(C, C): one, (D, D): one, (C, D): zero, (D, C): zero}),
        "grim": Strategy(
            "grim trigger",
            "trust",
            lambda state: one if state == "trust" else zero,
            lambda state, own, other: "punish" if state == "punish" or other == D else "trust",
        ),
        "alld": Strategy("always confront", "-", lambda state: zero, lambda state, own, other: "-"),
    }


def nowak_sigmund_generosity(R: Fraction, S: Fraction, T: Fraction, P: Fraction) -> Fraction:
    """min(1 − (T − R)/(R − S), (R − P)/(T − P)) (Nowak & Sigmund 1992), clipped to [0, 1]."""
    if R <= S or T <= P:
        return Fraction(1, 3)
    return min(max(min(1 - (T - R) / (R - S), (R - P) / (T - P)), Fraction(0)), Fraction(1))


@dataclass(frozen=True)
class Chain:
    """Long-run behaviour of two noisy strategies."""

    pair: tuple[str, str]
    noise: Fraction
    shares: dict[tuple[int, int], Fraction]  # long-run share of each outcome (C=0, D=1)
    ceasefire_spell: Fraction | None  # mean length of runs of (C, C); None if never left / entered
    conflict_spell: Fraction | None


def noisy_chain(first: Strategy, second: Strategy, noise: Fraction) -> Chain:
    """Exact stationary distribution of the joint-state chain (noise > 0 makes it unique)."""
    states, transitions = _transitions(first, second, noise)
    pi = _stationary(states, transitions)
    shares = {o: Fraction(0) for o in ((C, C), (C, D), (D, C), (D, D))}
    exits = Fraction(0)
    for x in states:
        for outcome, p, y in transitions[x]:
            shares[outcome] += pi[x] * p
            if outcome == (C, C):
                exits += pi[x] * p * (1 - sum(q for o, q, _ in transitions[y] if o == (C, C)))
    ceasefire = shares[(C, C)] / exits if exits else None
    conflict = (1 - shares[(C, C)]) / exits if exits else None
    return Chain((first.name, second.name), noise, shares, ceasefire, conflict)


def uniform_outcomes(first: Strategy, second: Strategy) -> bool:
    """Whether two strategies, played with noise, spend the same long-run share of time in
    each of the four outcomes at every noise level in (0, 1/2), whatever the payoffs.

    Proved from the chain, not from its solution: restricted to its recurrent states (those
    some move enters), the chain is doubly stochastic, so its long-run distribution is uniform
    over them; and each state is entered by one outcome only, each outcome entering one state,
    so the outcomes' shares are the states' shares. Every transition probability is a product
    of two factors linear in the noise ε, so each column sum is a polynomial of degree at most
    2 in ε, and the pattern of positive moves is the same for every ε in (0, 1/2): column sums
    equal to 1 at three distinct ε are 1 at every ε. Noisy tit-for-tat against itself is such
    a pair (from (a, b) the next state is (b ⊕ e₁, a ⊕ e₂))."""
    for noise in (Fraction(1, 7), Fraction(1, 5), Fraction(1, 3)):
        states, transitions = _transitions(first, second, noise)
        recurrent = {y for x in states for _, _, y in transitions[x]}
        into = {y: Fraction(0) for y in recurrent}
        outcome_of: dict = {}
        for x in recurrent:
            for outcome, p, y in transitions[x]:
                into[y] += p
                if outcome_of.setdefault(y, outcome) != outcome:
                    return False
        if len(recurrent) != 4 or len(set(outcome_of.values())) != 4 or any(t != 1 for t in into.values()):
            return False
    return True


def _transitions(first: Strategy, second: Strategy, noise: Fraction) -> tuple[list, dict]:
    """The joint states reachable from the start and each one's moves (outcome, p, next)."""
    start = (first.start, second.start)
    states, transitions = [start], {}
    index = 0
    while index < len(states):
        x = states[index]
        index += 1
        c1 = _with_noise(first.cooperate(x[0]), noise)
        c2 = _with_noise(second.cooperate(x[1]), noise)
        moves = []
        for a1, p1 in ((C, c1), (D, 1 - c1)):
            for a2, p2 in ((C, c2), (D, 1 - c2)):
                if p1 * p2 == 0:
                    continue
                y = (first.step(x[0], a1, a2), second.step(x[1], a2, a1))
                if y not in states:
                    states.append(y)
                moves.append(((a1, a2), p1 * p2, y))
        transitions[x] = moves
    return states, transitions


def _with_noise(intend_c: Fraction, noise: Fraction) -> Fraction:
    return intend_c * (1 - noise) + (1 - intend_c) * noise


def _stationary(states, transitions) -> dict:
    """Solve π = πP, Σπ = 1 in fractions; error if the solution is not unique."""
    n = len(states)
    pos = {x: k for k, x in enumerate(states)}
    # Rows: (Pᵀ − I)π = 0 for all but one state, then Σπ = 1.
    A = [[Fraction(0)] * n for _ in range(n)]
    for x in states:
        for _, p, y in transitions[x]:
            A[pos[y]][pos[x]] += p
    for k in range(n):
        A[k][k] -= 1
    A[-1] = [Fraction(1)] * n
    b = [Fraction(0)] * (n - 1) + [Fraction(1)]
    solved = solve_linear(A, b)
    if solved is None or solved[1] < n:
        raise SovgameError("the strategies' chain has no unique long-run distribution; add noise")
    return {x: solved[0][pos[x]] for x in states}


def simulate(first: Strategy, second: Strategy, noise: Fraction, periods: int, seed: int) -> list[tuple[int, int]]:
    """A seeded run of the noisy pair: the outcome of every period."""
    import numpy as np

    rng = np.random.default_rng(seed)
    state = (first.start, second.start)
    draws = rng.random((periods, 2))
    outcomes = []
    eps = float(noise)
    for u1, u2 in draws:
        c1 = float(first.cooperate(state[0])) * (1 - eps) + (1 - float(first.cooperate(state[0]))) * eps
        c2 = float(second.cooperate(state[1])) * (1 - eps) + (1 - float(second.cooperate(state[1]))) * eps
        a1, a2 = (C if u1 < c1 else D), (C if u2 < c2 else D)
        outcomes.append((a1, a2))
        state = (first.step(state[0], a1, a2), second.step(state[1], a2, a1))
    return outcomes


# --- imperfect monitoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Monitoring:
    """Green–Porter trigger: the shortest punishment that sustains compromise, per player."""

    false_alarm: Fraction
    detection: Fraction
    discount: Fraction
    punishment: dict[str, int | None]  # periods of (D, D) after a bad signal; None: none works
    length: int | None  # the longest of them (what both must use)
    conflict_share: Fraction | None  # long-run share of periods in conflict on the path


MAX_PUNISHMENT = 1000


def green_porter(
    R: Fraction, T: Fraction, P: Fraction, discount: Fraction, false_alarm: Fraction, detection: Fraction
) -> int | None:
    """Shortest L ≥ 1 with (1 − δ)(T − R) ≤ δ(q − p)(1 − δ^L)(V_L − P); None if none up to
    ``MAX_PUNISHMENT`` periods (the right side grows with L, so a longer one cannot help much)."""
    d, p, q = discount, false_alarm, detection
    if T <= R:
        return 0
    power = Fraction(1)
    for L in range(1, MAX_PUNISHMENT + 1):
        power *= d
        V = ((1 - d) * R + d * p * (1 - power) * P) / (1 - d * (1 - p) - d * power * p)
        if (1 - d) * (T - R) <= d * (q - p) * (1 - power) * (V - P):
            return L
    return None


# --- the whole analysis ------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class RepeatedAnalysis(Result):
    """What ``sovgame repeated`` shows: grim trigger, noisy strategies and monitoring at κ."""

    case: Case
    kappa: Fraction
    target: Profile
    confront: Profile
    grim: GrimTrigger  # δ* at κ, and whether reverting to (D, D) is a credible threat there
    discount: Fraction | None
    sustain: Threshold | None  # the κ from which grim trigger sustains at δ
    chain: Chain
    pair: tuple[str, str]
    simulation: dict[tuple[int, int], float]
    periods: int
    seed: int
    monitoring: Monitoring | None
    timeline: list[tuple[int, int]]

    @property
    def game(self) -> Game:
        """The stage game."""
        return self.case.game

    @property
    def delta_star(self) -> dict[str, Fraction | None]:
        """δ*_i at κ against a credible punishment (:class:`sovgame.costs.grim.GrimTrigger`)."""
        return self.grim.delta_star

    def outcome_key(self, outcome: tuple[int, int]) -> str:
        """The outcome key of ``outcome`` in the game's terms (``outcome_profile``)."""
        return self.game.outcome_key(outcome_profile(self.target, self.confront, outcome))

    def json_data(self) -> dict[str, Any]:
        chain = self.chain
        mon = self.monitoring
        return {
            "game": self.game.title,
            "kappa": json_number(self.kappa),
            "delta_star": {k: exact_text(v) for k, v in self.delta_star.items()},
            "credible": self.grim.credible,
            "punishment": self.grim.punishment,
            "discount": None if self.discount is None else fmt(self.discount),
            "sustained": None if self.discount is None else self.grim.sustained(self.discount),
            "sustainable": None if self.sustain is None else threshold_to_json(self.sustain),
            "verdict_scale": verdict_scale_json(),
            "pair": list(self.pair),
            "noise": fmt(chain.noise),
            "stationary": {self.outcome_key(o): float(v) for o, v in chain.shares.items()},
            "stationary_exact": {self.outcome_key(o): fmt(v) for o, v in chain.shares.items()},
            "mean_ceasefire_spell": None if chain.ceasefire_spell is None else fmt(chain.ceasefire_spell),
            "mean_conflict_spell": None if chain.conflict_spell is None else fmt(chain.conflict_spell),
            "simulation": {
                "periods": self.periods,
                "seed": self.seed,
                "shares": {self.outcome_key(o): v for o, v in self.simulation.items()},
            },
            "monitoring": None
            if mon is None
            else {
                "false_alarm": fmt(mon.false_alarm),
                "detection": fmt(mon.detection),
                "discount": fmt(mon.discount),
                "punishment": mon.punishment,
                "length": mon.length,
                "conflict_share": None if mon.conflict_share is None else fmt(mon.conflict_share),
            },
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("κ", fmt(self.kappa)),
            ("δ*", ", ".join(f"{k} {exact_text(v)}" for k, v in self.delta_star.items())),
            ("noise", fmt(self.chain.noise)),
        ]


def analyze_repeated(
    game: Game | Case,
    kappa: Fraction | int = 1,
    discount: Fraction | None = None,
    noise: Fraction | None = None,
    pair: tuple[str, str] = ("tft", "tft"),
    periods: int = 20_000,
    seed: int = 0,
) -> RepeatedAnalysis:
    """Grim trigger, noisy strategies and imperfect monitoring for a 2x2 game at κ (default:
    today's costs, κ = 1). A Case gives the defaults of its ``[repeated]``: discount factor,
    noise and monitoring (a bare Game has none: δ and ε as given, ε = 1/20 by default)."""
    from ..costs.thresholds import compute_thresholds

    case = as_case(game)
    game, kappa = case.game, Fraction(kappa)
    target = resolve_target(case, None)
    confront = confront_profile(game, target)
    if confront is None:
        raise SovgameError(
            f"{case.origin}: repeated play is analysed for 2x2 games; this one is {'x'.join(map(str, game.shape))}"
        )
    settings = case.section(RepeatedSettings)
    discount = discount if discount is not None else (settings.discount if settings else None)
    noise = noise if noise is not None else (settings.noise if settings and settings.noise else Fraction(1, 20))
    if not 0 < noise < Fraction(1, 2):
        raise ParameterError("noise", f"ε must be between 0 and 1/2 (exclusive), not {noise}")
    grim = grim_trigger(game, game.payoffs, game.cost_load(), target, kappa)
    sustain = None
    if discount:
        repeated = compute_thresholds(case, target, discount=discount).repeated
        sustain = repeated.sustainable_from if repeated is not None else None
    payoffs = game.payoffs_at(kappa)
    R, S, T, P = _rstp(payoffs, target, confront, 0)
    table = strategies(nowak_sigmund_generosity(R, S, T, P))
    unknown = [name for name in pair if name not in table]
    if unknown:
        raise ParameterError("pair", f"unknown strategy {unknown[0]!r}; choose from {', '.join(table)}")
    first, second = table[pair[0]], table[pair[1]]
    chain = noisy_chain(first, second, noise)
    timeline = simulate(first, second, noise, periods, seed)
    counts = {o: 0 for o in chain.shares}
    for outcome in timeline:
        counts[outcome] += 1
    monitoring = None
    if settings and settings.false_alarm is not None and settings.detection is not None and discount:
        monitoring = _monitoring(game, payoffs, target, confront, discount, settings.false_alarm, settings.detection)
    return RepeatedAnalysis(
        case=case,
        kappa=kappa,
        target=target,
        confront=confront,
        grim=grim,
        discount=discount,
        sustain=sustain,
        chain=chain,
        pair=pair,
        simulation={o: counts[o] / periods for o in counts},
        periods=periods,
        seed=seed,
        monitoring=monitoring,
        timeline=timeline,
    )


def monitoring_at(game: Game, kappa: Fraction, settings: RepeatedSettings) -> Monitoring | None:
    """The Green–Porter trigger of a 2x2 game at κ with the discount factor and monitoring of
    ``settings`` (None when they do not give all three)."""
    if settings.discount is None or settings.false_alarm is None or settings.detection is None:
        return None
    target = resolve_target(game, None)
    confront = confront_profile(game, target)
    assert confront is not None, "a 2x2 game"
    payoffs = game.payoffs_at(kappa)
    return _monitoring(game, payoffs, target, confront, settings.discount, settings.false_alarm, settings.detection)


def _monitoring(
    game: Game,
    payoffs,
    target: Profile,
    confront: Profile,
    discount: Fraction,
    false_alarm: Fraction,
    detection: Fraction,
) -> Monitoring:
    """The Green–Porter trigger for every player, the punishment that deters them all, and the
    share of time in conflict it puts on the equilibrium path: q·L / (1 + q·L) for a
    false-alarm probability q and punishment length L."""
    lengths: dict[str, int | None] = {}
    for i, player in enumerate(game.players):
        Ri, _, Ti, Pi = _rstp(payoffs, target, confront, i)
        lengths[player.name] = green_porter(Ri, Ti, Pi, discount, false_alarm, detection)
    found = [v for v in lengths.values() if v is not None]
    length = max(found) if len(found) == len(lengths) else None
    share = None if length is None else false_alarm * length / (1 + false_alarm * length)
    return Monitoring(false_alarm, detection, discount, lengths, length, share)


def _rstp(payoffs, target: Profile, confront: Profile, i: int):
    """R, S, T, P of player i with C = its target strategy and D = its other strategy."""

    def at(own: int, other: int) -> Fraction:
        """Player i's payoff when it plays ``own`` (C or D) and the other player ``other``."""
        profile = [0, 0]
        profile[i] = target[i] if own == C else confront[i]
        profile[1 - i] = target[1 - i] if other == C else confront[1 - i]
        return payoffs[tuple(profile) + (i,)]

    return at(C, C), at(C, D), at(D, C), at(D, D)


def outcome_profile(target: Profile, confront: Profile, outcome: tuple[int, int]) -> Profile:
    """The game's profile for a (C/D, C/D) outcome."""
    return tuple(target[i] if a == C else confront[i] for i, a in enumerate(outcome))
