"""Move order and commitment: the game played in sequence, the first move observed.

Two players (Schelling 1960 on commitment; Fearon 1995 and Powell 2006 on commitment
problems; docs/models.md, "Move order and commitment"). The leader L moves first; the
follower F sees the move and answers. The follower's strategy is a plan: one answer to each
move the leader can make. Backward induction, exactly, at cost level κ (payoffs
u(s; κ) = U(s) − κ·W(s)):

- B(a) = the follower's best answers to the leader's move a (several on a tie);
- a pure subgame-perfect equilibrium (SPE) is a plan b(·) with b(a) ∈ B(a) for every a and a
  leader's move a* that maximises u_L(a, b(a)); every such pair is listed, no tie is broken.

At a tie the follower may also randomise. With lo(a), hi(a) the least and largest payoff the
leader can get from B(a), and M_a = max over a' ≠ a of lo(a'), the outcome (a, b) with b ∈ B(a)

- is the outcome of a pure SPE iff u_L(a, b) ≥ M_a (answer a with b, every other move with
  the answer worst for the leader);
- occurs with positive probability in some SPE in behaviour strategies iff, in addition,
  u_L(a, b) ≥ M_a or hi(a) > M_a (the follower mixes b with a better answer for the leader)
  **[derived]**. Compromise is *the unique SPE outcome* when it is the only outcome that any
  SPE, randomising at ties included, reaches.

Payoffs are linear in κ, so both sets change only where two of a player's payoffs tie: the
κ at which compromise is an SPE outcome, and the only one, are found exactly by scanning
those breakpoints (:func:`sovgame.core.intervals.scan`). Without an observed first move
(``observed = false``) the game is strategically simultaneous: Nash equilibria.

Case (bundled numbers): Kabul first → compromise is the unique SPE outcome for κ > 4/3;
Pakistan first → for κ > 2/3; simultaneous: unique only above 4.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case, as_case, as_game, origin_of, plausible_of, section_of
from ..core.intervals import scan
from ..core.model import Game, Profile
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.thresholds import Threshold, compute_thresholds, resolve_target, summarize
from ..costs.verdicts import TODAY, verdict_for, verdict_phrase, verdict_scale_json
from ..errors import ParameterError, SovgameError
from ..sections.sequence import MoveOrder
from ..sections.types import HiddenTypes
from ..solvers.equilibria import Solution, equilibrium_to_json, solve
from ..solvers.verify import Number, rational

#: Pure SPE listed at most (the product of the follower's ties can be large).
MAX_LISTED = 1000


@dataclass(frozen=True)
class SubgamePerfect:
    """A pure SPE: the leader's move, the follower's plan (an answer to each leader move),
    the outcome in the game's player order, and each player's payoff."""

    leader_move: int
    plan: tuple[int, ...]
    outcome: Profile
    payoffs: tuple[Fraction, ...]


@dataclass(frozen=True)
class OrderSolution:
    """Backward induction for one order at one κ (module docstring)."""

    game: Game
    order: tuple[int, int]  # (leader, follower)
    kappa: Fraction
    answers: tuple[tuple[int, ...], ...]  # the follower's best answers to each leader move
    equilibria: tuple[SubgamePerfect, ...]
    outcomes: tuple[Profile, ...]  # outcomes of pure SPE
    mixed_outcomes: tuple[Profile, ...]  # reached only when the follower randomises at a tie
    truncated: bool = False  # more than MAX_LISTED pure SPE: only the first are listed


@dataclass(frozen=True)
class OrderRow:
    """One order (None: simultaneous) with its equilibria at κ and where compromise is an
    (S)PE outcome and the only one."""

    order: tuple[int, int] | None
    at_kappa: OrderSolution | Solution
    outcome: Threshold | None  # None: no target (no compromise strategy named)
    unique: Threshold | None


@dataclass(frozen=True)
class FirstMover:
    """One player's payoffs at κ when it moves first, second and simultaneously, each the
    exact range over the equilibria ([lo, hi]; lo = hi when they agree), and the value of
    moving first: the leading payoff minus the simultaneous one."""

    player: str
    leading: tuple[Fraction, Fraction]
    following: tuple[Fraction, Fraction]
    simultaneous: tuple[Fraction, Fraction]

    @property
    def value(self) -> tuple[Fraction, Fraction]:
        """The range of leading minus simultaneous payoffs."""
        return self.leading[0] - self.simultaneous[1], self.leading[1] - self.simultaneous[0]


@dataclass(frozen=True, repr=False)
class SequentialAnalysis(Result):
    """Every order of a two-player game side by side (``sovgame sequential``)."""

    game: Game
    kappa: Fraction
    target: Profile | None
    plausible: tuple[Fraction, Fraction]
    chosen: tuple[int, int] | None  # the order the file or the caller names (None: none named)
    observed: bool
    rows: tuple[OrderRow, ...]  # simultaneous first, then each player leading
    first_movers: tuple[FirstMover, ...]
    notes: tuple[str, ...] = ()

    def row(self, order: tuple[int, int] | None) -> OrderRow:
        """The row of ``order`` (None: simultaneous)."""
        return next(r for r in self.rows if r.order == order)

    def json_data(self) -> dict[str, Any]:
        game = self.game
        return {
            "game": game.title,
            "players": game.player_names,
            "kappa": json_number(self.kappa),
            "target": None if self.target is None else dict(zip(game.player_names, game.outcome_names(self.target))),
            "chosen_order": None if self.chosen is None else [game.players[i].name for i in self.chosen],
            "observed": self.observed,
            "plausible_kappa": [json_number(v) for v in self.plausible],
            "verdict_scale": verdict_scale_json(),
            "orders": [_row_json(game, row) for row in self.rows],
            "first_mover": {m.player: _mover_json(m) for m in self.first_movers},
            "notes": list(self.notes),
        }

    def _facts(self) -> list[tuple[str, str]]:
        facts = [("κ", fmt(self.kappa))]
        for row in self.rows:
            solved = row.at_kappa
            profiles = solved.pure_profiles if isinstance(solved, Solution) else solved.outcomes
            facts.append(
                (order_label(self.game, row.order), ", ".join(self.game.outcome_key(p) for p in profiles) or "none")
            )
        return facts


def _check(x: Game | Case) -> None:
    if as_game(x).n_players != 2:
        raise SovgameError(
            f"{origin_of(x)}: sequence: move order is analysed for two-player games; this one has "
            f"{as_game(x).n_players}"
        )


def _cell(order: tuple[int, int], a: int, b: int) -> Profile:
    """The profile in player order where the leader plays a and the follower b."""
    profile = [0, 0]
    profile[order[0]], profile[order[1]] = a, b
    return tuple(profile)


def _answers(game: Game, P: np.ndarray, order: tuple[int, int]) -> list[list[int]]:
    leader, follower = order
    out = []
    for a in range(game.shape[leader]):
        values = [P[_cell(order, a, b) + (follower,)] for b in range(game.shape[follower])]
        best = max(values)
        out.append([b for b, v in enumerate(values) if v == best])
    return out


def outcome_sets(game: Game, P: np.ndarray, order: tuple[int, int]) -> tuple[set[Profile], set[Profile]]:
    """(outcomes of pure SPE, outcomes any SPE reaches with positive probability) for payoffs
    P (module docstring)."""
    leader = order[0]
    answers = _answers(game, P, order)
    u = [[P[_cell(order, a, b) + (leader,)] for b in bs] for a, bs in enumerate(answers)]
    lo, hi = [min(v) for v in u], [max(v) for v in u]
    pure, support = set(), set()
    for a, bs in enumerate(answers):
        others = [lo[x] for x in range(len(answers)) if x != a]
        for b, value in zip(bs, u[a]):
            if not others or value >= max(others):
                pure.add(_cell(order, a, b))
                support.add(_cell(order, a, b))
            elif hi[a] > max(others):
                support.add(_cell(order, a, b))
    return pure, support


def solve_order(game: Game | Case, order: tuple[int, int], kappa: Fraction | int = TODAY) -> OrderSolution:
    """Every pure SPE of the game with ``order[0]`` moving first, at cost level κ."""
    _check(game)
    game = as_game(game)
    kappa = Fraction(kappa)
    P = game.payoffs_at(kappa)
    leader, follower = order
    answers = _answers(game, P, order)
    equilibria: list[SubgamePerfect] = []
    truncated = False
    for plan in itertools.product(*answers):
        values = [P[_cell(order, a, b) + (leader,)] for a, b in enumerate(plan)]
        for a, value in enumerate(values):
            if value != max(values):
                continue
            if len(equilibria) == MAX_LISTED:
                truncated = True
                break
            cell = _cell(order, a, plan[a])
            equilibria.append(SubgamePerfect(a, tuple(plan), cell, tuple(P[cell])))
    pure, support = outcome_sets(game, P, order)
    return OrderSolution(
        game,
        order,
        kappa,
        tuple(tuple(bs) for bs in answers),
        tuple(equilibria),
        tuple(sorted(pure)),
        tuple(sorted(support - pure)),
        truncated,
    )


def tie_points(game: Game, order: tuple[int, int]) -> list[Fraction]:
    """κ ≥ 0 where two outcomes the backward induction compares tie: the follower's answers
    to one leader move, and any two outcomes for the leader."""
    U, W = game.payoffs, game.cost_load()
    leader, follower = order
    cells = list(game.profiles())
    pairs = [(x, y, leader) for x, y in itertools.combinations(cells, 2)]
    pairs += [(x, y, follower) for x, y in itertools.combinations(cells, 2) if x[leader] == y[leader]]
    points = []
    for x, y, p in pairs:
        du, dw = U[x + (p,)] - U[y + (p,)], W[x + (p,)] - W[y + (p,)]
        if dw != 0 and du / dw >= 0:
            points.append(du / dw)
    return points


def order_thresholds(
    game: Game | Case, order: tuple[int, int], target: Profile, plausible: Sequence | None = None
) -> tuple[Threshold, Threshold]:
    """(the κ at which ``target`` is an SPE outcome, the κ at which it is the unique one),
    exact sets with verdicts against today and the top of the plausible range (``plausible``,
    else the case's, else [0, 1])."""
    _check(game)
    plausible = plausible_of(game, plausible)
    game = as_game(game)
    points = tie_points(game, order)

    def sets(k: Fraction) -> tuple[set[Profile], set[Profile]]:
        """The outcome sets at κ = k."""
        return outcome_sets(game, game.payoffs_at(k), order)

    found = []
    for name, holds in (("spe", lambda k: target in sets(k)[0]), ("unique_spe", lambda k: sets(k)[1] == {target})):
        intervals = scan(points, holds)
        verdict = verdict_for(intervals, plausible)
        reason = verdict_phrase(verdict, intervals, plausible)
        found.append(Threshold(name, tuple(intervals), verdict, reason, **summarize(intervals, plausible)))
    return found[0], found[1]


def resolve_order(x: Game | Case, order: Sequence[str] | None) -> tuple[int, int] | None:
    """The order named by player names (first mover first), or the case's ``[sequence]``,
    or None."""
    game, sequence = as_game(x), section_of(x, MoveOrder)
    if order is None:
        if sequence is None or not sequence.observed:
            return None
        first, second = sequence.order
        return first, second
    names = [name.strip() for name in order]
    if sorted(names) != sorted(game.player_names) or len(set(names)) != len(names):
        raise ParameterError(
            "order", f"name every player once, the first mover first, e.g. {','.join(reversed(game.player_names))!r}"
        )
    return game.player_names.index(names[0]), game.player_names.index(names[1])


def _payoff_range(values: Sequence[Sequence[Number]], player: int) -> tuple[Fraction, Fraction]:
    own = [rational(v[player]) for v in values]  # two players: rational
    return min(own), max(own)


def analyze_sequential(
    game: Game | Case,
    order: Sequence[str] | None = None,
    kappa: Fraction | int = TODAY,
    target: Profile | str | None = None,
    plausible: Sequence | None = None,
) -> SequentialAnalysis:
    """The simultaneous game and each order of moves side by side: equilibria at κ (default
    1: today's costs), where compromise (``target``, default the compromise profile) is an
    (S)PE outcome and the only one, with verdicts, and each player's value of moving first.

    Parameters
    ----------
    order : player names, the first mover first (default: the file's ``[sequence]``), marked
        as the chosen order
    kappa : the cost level at which equilibria and payoffs are shown
    plausible : the plausible range of κ (default: the case's, else [0, 1])
    """
    _check(game)
    case = as_case(game, plausible)
    game, stated_order = case.game, case.section(MoveOrder)
    kappa = Fraction(kappa)
    chosen = resolve_order(case, order)
    plausible = case.plausible
    profile = None if target is None and game.compromise_profile is None else resolve_target(case, target)
    notes = []
    if profile is None:
        notes.append("no compromise strategy is named, so there are no thresholds; equilibria and values only")
    if order is None and stated_order is not None and not stated_order.observed:
        notes.append("the file's first move is not observed: strategically the game is simultaneous")
    if case.section(HiddenTypes) is not None:
        notes.append("the file's [[types]] are not part of the move order analysis: the payoffs in [payoffs] are used")
    simultaneous = solve(game, kappa)
    report = compute_thresholds(case, profile) if profile is not None else None
    rows = [
        OrderRow(
            None,
            simultaneous,
            None if report is None else report.thresholds["nash"],
            None if report is None else report.thresholds["unique"],
        )
    ]
    by_order = {}
    for leader in range(2):
        sequence = (leader, 1 - leader)
        by_order[leader] = solve_order(game, sequence, kappa)
        pair = (None, None) if profile is None else order_thresholds(game, sequence, profile, plausible)
        rows.append(OrderRow(sequence, by_order[leader], *pair))
    sim = [e.payoffs for e in simultaneous.equilibria]
    movers = tuple(
        FirstMover(
            game.players[p].name,
            _payoff_range([e.payoffs for e in by_order[p].equilibria], p),
            _payoff_range([e.payoffs for e in by_order[1 - p].equilibria], p),
            _payoff_range(sim, p),
        )
        for p in range(2)
    )
    observed = stated_order.observed if stated_order is not None and order is None else True
    return SequentialAnalysis(game, kappa, profile, plausible, chosen, observed, tuple(rows), movers, tuple(notes))


def order_label(game: Game, order: tuple[int, int] | None) -> str:
    """ "simultaneous" or "Afghanistan first"."""
    return "simultaneous" if order is None else f"{game.players[order[0]].name} first"


def _pair(values: tuple[Fraction, Fraction]) -> list[str]:
    return [fmt(values[0]), fmt(values[1])]


def _mover_json(m: FirstMover) -> dict[str, Any]:
    return {
        "leading": _pair(m.leading),
        "following": _pair(m.following),
        "simultaneous": _pair(m.simultaneous),
        "value": _pair(m.value),
    }


def _row_json(game: Game, row: OrderRow) -> dict[str, Any]:
    solved = row.at_kappa
    data: dict[str, Any] = {
        "order": None if row.order is None else [game.players[i].name for i in row.order],
        "label": order_label(game, row.order),
        "equilibria": None,
        "spe": None,
        "outcome_threshold": None if row.outcome is None else threshold_to_json(row.outcome),
        "unique_threshold": None if row.unique is None else threshold_to_json(row.unique),
    }
    if isinstance(solved, Solution):
        data["equilibria"] = [equilibrium_to_json(game, e) for e in solved.equilibria]
        data["outcomes"] = [game.outcome_key(p) for p in solved.pure_profiles]
        data["mixed_outcomes"] = []
        return data
    leader, follower = (game.players[i] for i in solved.order)
    data["spe"] = [
        {
            "leader_move": leader.strategies[e.leader_move],
            "plan": {leader.strategies[a]: follower.strategies[b] for a, b in enumerate(e.plan)},
            "outcome": game.outcome_key(e.outcome),
            "payoffs": {p.name: fmt(v) for p, v in zip(game.players, e.payoffs)},
        }
        for e in solved.equilibria
    ]
    data["outcomes"] = [game.outcome_key(p) for p in solved.outcomes]
    data["mixed_outcomes"] = [game.outcome_key(p) for p in solved.mixed_outcomes]
    return data
