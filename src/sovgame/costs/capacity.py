"""Cost thresholds as exact functions of a success probability q (``thresholds --vary capacity``).

A strategy s of player i that succeeds with probability q, else leaves the outcome of its
fallback f (:mod:`sovgame.sections.capacity`), gives expected payoffs and cost loads linear in q:
U(q) = U(0) + q·(U(1) − U(0)), W(q) likewise. Every comparison a player makes between two of
its strategies against the same opponents then gains a(q) − κ·b(q) with a, b linear in q, so

- the equilibrium, strict and dominance thresholds are κ(q) = max a(q)/b(q) over the binding
  comparisons: on each piece of q one ratio of linear functions (:class:`~sovgame.core.ratios.Ratio`);
- a verdict can change only where a comparison's gain vanishes at κ = 1 or at the top of the
  plausible range (a(q) = c·b(q): linear in q), where a(q) or b(q) changes sign, or where two
  comparisons' breakpoints cross (a_d·b_e = a_e·b_d: quadratic in q, roots exact or in closed
  form). Between consecutive candidates the order of all breakpoints and 1 and the top is fixed,
  so the verdict is too **[derived]**;
- the ends of the uniqueness set of a 2x2 game are pairwise breakpoints, so the same
  candidates bound its pieces; larger games' uniqueness (mixed breakpoints, roots of
  polynomials) and risk dominance (quadratic in κ) are not followed in q, and the result says so.

Each candidate q and one rational q inside each gap is evaluated exactly; the formula of each
piece is the comparison whose ratio equals the threshold there. Case (docs/models.md,
"Capacity"): κ_NE(q) = 1/(1/4 + q/2) = 4/(1 + 2q), Pakistan binding, Kabul's own 2/3;
beyond the plausible top 2 for q < 1/2.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import Endpoint, Interval, between, compare, exact_text, scan, sort_points
from ..core.model import Game, Profile
from ..core.numbers import fmt, json_number
from ..core.ratios import Ratio
from ..core.results import Result
from ..errors import ParameterError
from ..sections.capacity import Capacity, at_success, capacity_of
from .assessment import threshold_to_json
from .deviations import deviations, stable
from .thresholds import ThresholdReport, compute_thresholds, quadratic_roots, resolve_target
from .verdicts import TODAY, Verdict, verdict_for, verdict_scale_json

#: The criteria followed in q (risk dominance is not: it is quadratic in κ).
CRITERIA = ("nash", "strict", "dominant", "unique")


@dataclass(frozen=True)
class Piece:
    """On the q of ``interval`` the threshold is ``formula`` (κ as a function of q), or
    never holds (``formula`` None)."""

    interval: Interval
    formula: Ratio | None
    attained: bool = True


@dataclass(frozen=True)
class VerdictSpan:
    """On the q of ``interval`` the verdict is ``verdict`` (None: not settled exactly)."""

    interval: Interval
    verdict: Verdict | None


@dataclass(frozen=True)
class Curve:
    """One criterion's threshold as a function of q, each player's own (nash, strict,
    dominant), and where its verdict changes."""

    criterion: str
    pieces: tuple[Piece, ...]
    per_player: dict[str, tuple[Piece, ...]]
    verdicts: tuple[VerdictSpan, ...]

    @property
    def changes(self) -> tuple[Endpoint, ...]:
        """The q at which the verdict changes."""
        return tuple(span.interval.lo for span in self.verdicts[1:])


@dataclass(frozen=True, repr=False)
class CapacitySensitivity(Result):
    """``thresholds --vary capacity``: the thresholds of ``game`` as functions of the success
    probability of one limited strategy."""

    case: Case
    entry: Capacity  # the strategy varied, with the file's q
    target: Profile
    plausible: tuple[Fraction, Fraction]
    curves: dict[str, Curve]
    at_file: ThresholdReport  # every threshold at the file's q
    notes: tuple[str, ...] = ()

    @property
    def game(self) -> Game:
        """The expected-payoff game at the file's q."""
        return self.case.game

    def json_data(self) -> dict[str, Any]:
        game, entry = self.game, self.entry
        player = game.players[entry.player]
        return {
            "game": game.title,
            "target": dict(zip(game.player_names, game.outcome_names(self.target))),
            "costs": list(self.at_file.costs),
            "plausible_kappa": [json_number(v) for v in self.plausible],
            "verdict_scale": verdict_scale_json(),
            "varied": {
                "player": player.name,
                "strategy": player.strategies[entry.strategy],
                "fallback": player.strategies[entry.fallback],
                "success": fmt(entry.success),
            },
            "criteria": {
                name: {
                    "pieces": pieces_to_json(curve.pieces),
                    "per_player": {who: pieces_to_json(p) for who, p in curve.per_player.items()},
                    "verdicts": [
                        {"q": span.interval.to_json(), "verdict": None if span.verdict is None else span.verdict.value}
                        for span in curve.verdicts
                    ],
                    "changes": [exact_text(c) for c in curve.changes],
                    "at_file": threshold_to_json(self.at_file.thresholds[name]),
                }
                for name, curve in self.curves.items()
            },
            "notes": list(self.notes),
        }

    def _facts(self) -> list[tuple[str, str]]:
        player = self.game.players[self.entry.player]
        return [
            (
                "varied",
                f"success of {player.name}@{player.strategies[self.entry.strategy]} (now {fmt(self.entry.success)})",
            ),
            ("criteria", ", ".join(self.curves)),
        ]


@dataclass(frozen=True)
class _Comparison:
    """Player ``player`` moving from ``at`` to ``to`` gains (a0 + a1·q) − κ·(b0 + b1·q)."""

    player: int
    at: Profile
    to: int
    a0: Fraction
    a1: Fraction
    b0: Fraction
    b1: Fraction

    def ratio(self) -> Ratio:
        return Ratio(self.a0, self.a1, self.b0, self.b1)


def resolve_entry(x: Game | Case, strategy: str | None) -> Capacity:
    """The limited strategy to vary: ``"Player@Strategy"``, or the file's only capacity entry."""
    game, entries = as_case(x).game, capacity_of(x)
    if strategy is None:
        if len(entries) != 1:
            have = "none" if not entries else f"{len(entries)}"
            raise ParameterError(
                "vary", f'the file has {have} [[capacity]] entries; name one as "capacity:Player@Strategy"'
            )
        return entries[0]
    player_name, sep, name = strategy.partition("@")
    if not sep or player_name.strip() not in game.player_names:
        raise ParameterError("vary", f'name the strategy as "capacity:Player@Strategy", not {strategy!r}')
    player = game.player_names.index(player_name.strip())
    strategies = game.players[player].strategies
    if name.strip() not in strategies:
        raise ParameterError("vary", f"{name.strip()!r} is not a strategy of {player_name} ({', '.join(strategies)})")
    index = strategies.index(name.strip())
    found = next((e for e in entries if (e.player, e.strategy) == (player, index)), None)
    if found is not None:
        return found
    if len(strategies) != 2:
        raise ParameterError("vary", f"{player_name} has more than two strategies: state its capacity in the file")
    return Capacity(player, index, Fraction(1), 1 - index)


def _comparisons(case: Case, entry: Capacity, costs: Sequence[str]) -> list[_Comparison]:
    """Every pairwise comparison of two strategies of one player against one opponents'
    profile, with its gain linear in q."""
    key = (entry.player, entry.strategy)
    game = case.game
    low, high = (
        at_success(case, {key: Fraction(0)}, entry.fallback).game,
        at_success(case, {key: Fraction(1)}, entry.fallback).game,
    )
    U0, U1, W0, W1 = low.payoffs, high.payoffs, low.cost_load(costs), high.cost_load(costs)
    out = []
    for profile in game.profiles():
        for i in range(game.n_players):
            for to in range(profile[i] + 1, game.shape[i]):
                other = profile[:i] + (to,) + profile[i + 1 :]
                a0, b0 = U0[other + (i,)] - U0[profile + (i,)], W0[other + (i,)] - W0[profile + (i,)]
                a1, b1 = U1[other + (i,)] - U1[profile + (i,)] - a0, W1[other + (i,)] - W1[profile + (i,)] - b0
                out.append(_Comparison(i, profile, to, a0, a1, b0, b1))
    return out


def candidate_points(comparisons: Sequence[_Comparison], levels: Sequence[Fraction]) -> list[Endpoint]:
    """The q in [0, 1] where a verdict may change (module docstring)."""
    points: list[Endpoint] = []
    for d in comparisons:
        lines = [(d.a0, d.a1), (d.b0, d.b1)] + [(d.a0 - c * d.b0, d.a1 - c * d.b1) for c in levels]
        points += [-c0 / c1 for c0, c1 in lines if c1 != 0]
    for d, e in itertools.combinations(comparisons, 2):
        # a_d·b_e − a_e·b_d = c2 q² + c1 q + c0.
        c2 = d.a1 * e.b1 - e.a1 * d.b1
        c1 = d.a0 * e.b1 + d.a1 * e.b0 - e.a0 * d.b1 - e.a1 * d.b0
        c0 = d.a0 * e.b0 - e.a0 * d.b0
        if c2 or c1:
            points += quadratic_roots(c2, c1, c0)
    return [p for p in points if compare(p, Fraction(0)) >= 0 and compare(p, Fraction(1)) <= 0]


def _elements(points: Sequence[Endpoint]) -> list[tuple[Endpoint, Endpoint, Fraction | None, bool]]:
    """(lo, hi, the rational q it is evaluated at (None: an irrational point), is a point),
    for each candidate point of [0, 1] and each gap between two."""
    pts = [p for p in sort_points([Fraction(1), *points]) if compare(p, Fraction(1)) <= 0]  # exact order
    out: list[tuple[Endpoint, Endpoint, Fraction | None, bool]] = []
    for k, p in enumerate(pts):
        out.append((p, p, p if isinstance(p, Fraction) else None, True))
        if k + 1 < len(pts):
            nxt = pts[k + 1]
            out.append((p, nxt, between(p, nxt), False))
    return out


def _merge(elements, states: list) -> list[tuple[Interval, Any]]:
    """Consecutive elements with equal states joined into intervals of q; an irrational point
    joins its neighbours when they agree, else bounds both open."""
    states = list(states)
    for k, state in enumerate(states):
        if state is None and 0 < k < len(states) - 1 and states[k - 1] == states[k + 1]:
            states[k] = states[k - 1]
    out: list[tuple[Interval, Any]] = []
    start = None
    for k, (element, state) in enumerate(zip(elements, states)):
        if state is None:
            continue
        if start is None:
            start = k
        if k + 1 == len(elements) or states[k + 1] != state:
            first, last = elements[start], element
            out.append((Interval(first[0], first[3], last[1], last[3]), state))
            start = None
    return out


def _criteria_at(game: Game, target: Profile, costs: Sequence[str]) -> dict[str, tuple[list[Interval], dict]]:
    """Each criterion's set of κ in ``game`` and each player's lower end (nash, strict,
    dominant), exactly; unique for 2x2 games."""
    from .deviations import breakpoints
    from .uniqueness import uniqueness_of

    U, W = game.payoffs, game.cost_load(costs)
    nash_devs = [deviations(game, U, W, target, i) for i in range(game.n_players)]
    dominance = [
        [d for p in game.profiles() if p[i] == target[i] for d in deviations(game, U, W, p, i)]
        for i in range(game.n_players)
    ]
    out: dict[str, tuple[list[Interval], dict]] = {}
    for name, per_player, strict in (
        ("nash", nash_devs, False),
        ("strict", nash_devs, True),
        ("dominant", dominance, True),
    ):
        every = [d for devs in per_player for d in devs]
        own = {}
        for i, devs in enumerate(per_player):
            mine = scan(breakpoints(devs), stable(devs, strict))
            own[game.players[i].name] = mine[0].lo if mine else None
        out[name] = (scan(breakpoints(every), stable(every, strict)), own)
    if game.shape == (2, 2):
        out["unique"] = (list(uniqueness_of(game, costs, target).intervals), {})
    return out


def _matching(value: Endpoint | None, q: Fraction, comparisons: Sequence[_Comparison]) -> list[Ratio]:
    """The ratios a(q)/b(q) of the comparisons that equal the threshold at q ([0] when the
    threshold is 0; empty when it never holds)."""
    if value is None:
        return []
    if value == 0:
        return [Ratio(Fraction(0), Fraction(0), Fraction(1), Fraction(0))]
    return [d.ratio() for d in comparisons if d.b0 + d.b1 * q != 0 and (d.a0 + d.a1 * q) / (d.b0 + d.b1 * q) == value]


def _choose(column: list) -> list:
    """Each element's formula: on a gap the ratio that matched on the gap before, if it still
    does; on a point the ratio of a neighbouring gap that matches there (the threshold is one
    formula on a gap, while several may meet at a point)."""
    chosen: list[Ratio | None] = [None] * len(column)
    last: Ratio | None = None
    for k in range(1, len(column), 2):  # gaps
        if column[k] is None:
            continue
        matching = column[k][0]
        same = [r for r in matching if last is not None and r.text("q") == last.text("q")]
        chosen[k] = last = (same or matching or [None])[0]
    for k in range(0, len(column), 2):  # points
        if column[k] is None:
            continue
        matching = column[k][0]
        texts = {r.text("q"): r for r in matching}
        near = [chosen[j] for j in (k - 1, k + 1) if 0 <= j < len(column) and chosen[j] is not None]
        chosen[k] = next((r for r in near if r is not None and r.text("q") in texts), matching[0] if matching else None)
    return chosen


def vary_capacity(
    game: Game | Case,
    strategy: str | None = None,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    plausible: Sequence | None = None,
) -> CapacitySensitivity:
    """The equilibrium, strict, dominance and (2x2) uniqueness thresholds as exact functions of
    the success probability q of one limited strategy, and the q at which each verdict
    changes (module docstring).

    Parameters
    ----------
    strategy : ``"Player@Strategy"`` (default: the file's only ``[[capacity]]`` entry); a
        strategy of a two-strategy player without capacity in the file is varied with the
        other strategy as its fallback
    plausible : the plausible range of κ (default: the case's, else [0, 1])

    A bare Game states no capacity: its two-strategy players' strategies can still be varied.
    """
    case = as_case(game, plausible)
    game = case.game
    entry = resolve_entry(case, strategy)
    profile = resolve_target(case, target)
    kept = game.kept_costs(costs, case.origin)
    plausible = case.plausible
    comparisons = _comparisons(case, entry, kept)
    elements = _elements(candidate_points(comparisons, sorted({TODAY, plausible[1]})))
    names = [c for c in CRITERIA if c != "unique" or game.shape == (2, 2)]
    slots = [(c, None) for c in names] + [(c, p.name) for c in names if c != "unique" for p in game.players]
    states: dict[tuple[str, str | None], list] = {slot: [] for slot in slots}
    for _lo, _hi, q, _point in elements:
        if q is None:  # an irrational point: decided by its neighbours
            for slot in slots:
                states[slot].append(None)
            continue
        found = _criteria_at(at_success(case, {(entry.player, entry.strategy): q}, entry.fallback).game, profile, kept)
        for name, who in slots:
            intervals, own = found[name]
            value = own.get(who) if who else (intervals[0].lo if intervals else None)
            mine = [d for d in comparisons if who is None or game.players[d.player].name == who]
            attained = intervals[0].lo_closed if who is None and intervals else True
            verdict = verdict_for(intervals, plausible) if who is None else None
            states[(name, who)].append((_matching(value, q, mine), attained, verdict))
    curves = {name: _curve(name, elements, states) for name in names}
    notes = ["risk dominance is not followed in q (it is quadratic in κ)"]
    if game.shape != (2, 2):
        notes.append("uniqueness is followed in q for 2x2 games only (larger games have irrational breakpoints)")
    at_file = compute_thresholds(
        at_success(case, {(entry.player, entry.strategy): entry.success}, entry.fallback), profile, kept
    )
    return CapacitySensitivity(case, entry, profile, plausible, curves, at_file, tuple(notes))


def _pieces(elements, column: list) -> tuple[Piece, ...]:
    """The threshold's pieces over q from each element's (matching ratios, attained, verdict)."""
    chosen = _choose(column)
    keys = [None if s is None else (None if f is None else f.text("q"), s[1]) for s, f in zip(column, chosen)]
    formulas = {key: f for key, f in zip(keys, chosen) if key is not None}
    return tuple(Piece(interval, formulas[key], key[1]) for interval, key in _merge(elements, keys))


def _curve(name: str, elements, states: dict) -> Curve:
    column = states[(name, None)]
    spans = _merge(elements, [None if s is None else s[2] for s in column])
    per_player = {who: _pieces(elements, states[(c, who)]) for c, who in states if c == name and who is not None}
    return Curve(name, _pieces(elements, column), per_player, tuple(VerdictSpan(i, v) for i, v in spans))


def pieces_to_json(pieces: tuple[Piece, ...]) -> list[dict[str, Any]]:
    """Pieces of a threshold along q: the stretch of q, the formula in q, attained."""
    return [
        {
            "q": p.interval.to_json(),
            "formula": None if p.formula is None else p.formula.text("q"),
            "attained": p.attained,
        }
        for p in pieces
    ]
