"""Hidden types: Bayesian Nash equilibria of a two-player game with private types.

Harsanyi (1967); Kydd (1997, 2005) on the security dilemma as uncertainty about the other's
type; docs/models.md, "Types and trust". Each player i has types t with prior π_i(t) (a
player without ``[[types]]`` has one) and type t's own payoffs u_{i,t}(s; κ) = U_{i,t}(s) −
κ·W_i(s): the file's payoffs with the type's changes, under the same capacity lotteries
(:mod:`sovgame.sections.capacity`) and the same costs (costs follow from the outcome).

A strategy of player i in the *type-strategy normal form* is a map from its types to actions;
player i's ex-ante payoff from maps (m_1, m_2) is

    Σ_{t_1, t_2} π_1(t_1) π_2(t_2) u_{i,t_i}(m_1(t_1), m_2(t_2)).

Its Nash equilibria are the Bayesian Nash equilibria (every prior is positive, so ex-ante
optimality is optimality of every type). They are found with sovgame's exact two-player
solver (every extreme equilibrium, degenerate games included, :mod:`sovgame.solvers.bimatrix`),
turned into behaviour strategies (the probability each type plays each action: Kuhn's
theorem) and each one checked again, exactly, as a best response of every type of every
player to the other's behaviour strategy (:func:`is_bayesian_nash`).

Degenerate cases are said: equilibria of the normal form on one continuum may map to several
behaviour strategies (a continuum of Bayesian equilibria), and a type that is indifferent
between an action it plays and one it does not makes the equilibrium weak.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case, as_case
from ..core.model import Game
from ..core.numbers import fmt
from ..errors import SovgameError
from ..sections.capacity import capacity_of, mix, stated
from ..sections.types import HiddenTypes, PlayerType
from ..solvers.bimatrix import solve_bimatrix

#: A behaviour strategy: per type of the player (in its order), the probability of each action.
Behaviour = tuple[tuple[Fraction, ...], ...]

#: The name of the one type of a player the file gives no types.
SINGLE_TYPE = "(one type)"


@dataclass(frozen=True)
class BayesType:
    """One type of a player: name, prior and its expected payoffs U (the player's own, one
    per outcome; capacity applied, costs not)."""

    player: int
    name: str
    prior: Fraction
    U: np.ndarray


@dataclass(frozen=True)
class BayesianGame:
    """A two-player game with each player's types (module docstring), and the case it is of."""

    case: Case
    types: tuple[tuple[BayesType, ...], tuple[BayesType, ...]]

    @property
    def game(self) -> Game:
        """The game (expected payoffs, with capacity), as the types' common ground."""
        return self.case.game

    def payoffs(self, t: BayesType, kappa: Fraction) -> np.ndarray:
        """Type t's payoffs at κ: U_t − κ·W (shape: the game's)."""
        return t.U - kappa * self.game.cost_load()[..., t.player]

    def type_names(self, player: int) -> list[str]:
        """The names of ``player``'s types, in order."""
        return [t.name for t in self.types[player]]


@dataclass(frozen=True)
class BayesianEquilibrium:
    """A Bayesian Nash equilibrium: each player's behaviour strategy, each type's expected
    payoff, and the continuum it lies on (None: isolated)."""

    behaviour: tuple[Behaviour, Behaviour]
    payoffs: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]
    component: int | None = None
    ties: tuple[str, ...] = ()  # types indifferent between a played and an unplayed action

    @property
    def pure(self) -> bool:
        """Every type plays one action for sure."""
        return all(p in (0, 1) for beh in self.behaviour for s in beh for p in s)


@dataclass(frozen=True)
class BayesianSolution:
    """Every Bayesian Nash equilibrium at κ, each verified for every type."""

    bayesian: BayesianGame
    kappa: Fraction
    equilibria: tuple[BayesianEquilibrium, ...]
    degenerate: bool
    notes: tuple[str, ...] = ()


def bayesian_game(x: Game | Case) -> BayesianGame:
    """The players with their types (a player without ``[[types]]`` has one type, prior 1;
    a bare Game states no types: one type each)."""
    case = as_case(x)
    game = case.game
    if game.n_players != 2:
        raise SovgameError(
            f"{case.origin}: types: Bayesian equilibria are computed for two-player games; this one has "
            f"{game.n_players}"
        )
    base, lotteries = stated(case).payoffs, capacity_of(case)
    section = case.section(HiddenTypes)
    players = []
    for i in range(2):
        entries: list[PlayerType | None] = list(section.of(i) if section else ()) or [None]
        own = []
        for entry in entries:
            changed = np.array(base, copy=True)
            for profile, value in (entry.payoffs if entry else {}).items():
                changed[profile + (i,)] = value
            expected = mix(changed, lotteries) if lotteries else changed
            name, prior = (entry.name, entry.prior) if entry else (SINGLE_TYPE, Fraction(1))
            own.append(BayesType(i, name, prior, expected[..., i]))
        players.append(tuple(own))
    return BayesianGame(case, (players[0], players[1]))


def _maps(bg: BayesianGame, player: int) -> list[tuple[int, ...]]:
    return list(itertools.product(range(bg.game.shape[player]), repeat=len(bg.types[player])))


def normal_form(bg: BayesianGame, kappa: Fraction) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """The type-strategy normal form (A, B) at κ: rows are player 1's maps from types to
    actions, columns player 2's (in ``itertools.product`` order), entries ex-ante payoffs."""
    maps = (_maps(bg, 0), _maps(bg, 1))
    tables = [[bg.payoffs(t, kappa) for t in bg.types[i]] for i in range(2)]
    A = [[Fraction(0)] * len(maps[1]) for _ in maps[0]]
    B = [[Fraction(0)] * len(maps[1]) for _ in maps[0]]
    for r, m1 in enumerate(maps[0]):
        for c, m2 in enumerate(maps[1]):
            for (t1, a), (t2, b) in itertools.product(enumerate(m1), enumerate(m2)):
                weight = bg.types[0][t1].prior * bg.types[1][t2].prior
                A[r][c] += weight * tables[0][t1][a, b]
                B[r][c] += weight * tables[1][t2][a, b]
    return A, B


def behaviour_of(bg: BayesianGame, player: int, mixed: Sequence[Fraction]) -> Behaviour:
    """The behaviour strategy of a mixture over maps: each type's marginal over actions."""
    size = bg.game.shape[player]
    out = []
    for t in range(len(bg.types[player])):
        probs = [Fraction(0)] * size
        for weight, m in zip(mixed, _maps(bg, player)):
            probs[m[t]] += weight
        out.append(tuple(probs))
    return tuple(out)


def action_values(bg: BayesianGame, kappa: Fraction, player: int, t: int, other: Behaviour) -> list[Fraction]:
    """Type t of ``player``: the expected payoff of each of its actions against the other
    player's behaviour strategy, over the other's types."""
    u = bg.payoffs(bg.types[player][t], kappa)
    j = 1 - player
    values = []
    for a in range(bg.game.shape[player]):
        total = Fraction(0)
        for t2, beh in zip(bg.types[j], other):
            for b, p in enumerate(beh):
                if p:
                    cell = (a, b) if player == 0 else (b, a)
                    total += t2.prior * p * u[cell]
        values.append(total)
    return values


def is_bayesian_nash(bg: BayesianGame, kappa: Fraction, behaviour: Sequence[Behaviour]) -> bool:
    """Whether every type of every player plays only best responses to the other's behaviour
    strategy (and each is a probability vector), checked in exact arithmetic."""
    for player in range(2):
        for t, probs in enumerate(behaviour[player]):
            if any(p < 0 for p in probs) or sum(probs) != 1:
                return False
            values = action_values(bg, kappa, player, t, behaviour[1 - player])
            if any(p and v < max(values) for p, v in zip(probs, values)):
                return False
    return True


def _ties(bg: BayesianGame, kappa: Fraction, behaviour: Sequence[Behaviour]) -> tuple[str, ...]:
    """ "Afghanistan (ttp_ally): 'Constrain TTP'": types with a best response they do not play."""
    found = []
    for player in range(2):
        for t, probs in enumerate(behaviour[player]):
            values = action_values(bg, kappa, player, t, behaviour[1 - player])
            idle = [a for a, (p, v) in enumerate(zip(probs, values)) if not p and v == max(values)]
            if idle:
                strategies = bg.game.players[player].strategies
                found.append(f"{_who(bg, player, t)} is indifferent to {', '.join(repr(strategies[a]) for a in idle)}")
    return tuple(found)


def _who(bg: BayesianGame, player: int, t: int) -> str:
    name = bg.game.players[player].name
    own = bg.types[player][t].name
    return name if own == SINGLE_TYPE else f"{name} ({own})"


def solve_bayesian(game: Game | Case | BayesianGame, kappa: Fraction | int = 1) -> BayesianSolution:
    """Every Bayesian Nash equilibrium at κ (default 1: today's costs), from the exact
    solution of the type-strategy normal form, each verified for every type (module
    docstring)."""
    bg = game if isinstance(game, BayesianGame) else bayesian_game(game)
    kappa = Fraction(kappa)
    A, B = normal_form(bg, kappa)
    solution = solve_bimatrix(A, B)
    found: dict[tuple[Behaviour, Behaviour], set[int | None]] = {}
    for e in solution.equilibria:
        key = (behaviour_of(bg, 0, e.row), behaviour_of(bg, 1, e.col))
        found.setdefault(key, set()).add(e.component)
    equilibria, components = [], _components(found)
    for key in found:
        if not is_bayesian_nash(bg, kappa, key):  # pragma: no cover - a bug if it happens
            raise AssertionError(f"the type-strategy solution is no Bayesian equilibrium: {key}")
        payoffs = tuple(
            tuple(max(action_values(bg, kappa, p, t, key[1 - p])) for t in range(len(bg.types[p]))) for p in range(2)
        )
        equilibria.append(
            BayesianEquilibrium(key, (payoffs[0], payoffs[1]), components.get(key), _ties(bg, kappa, key))
        )
    equilibria.sort(key=lambda e: (not e.pure, [-p for beh in e.behaviour for s in beh for p in s]))
    notes = []
    if any(e.component is not None for e in equilibria):
        notes.append(
            "equilibria sharing a component number lie on one continuum of Bayesian equilibria (mixtures "
            "between them are equilibria too)"
        )
    if any(e.ties for e in equilibria):
        notes.append("some types are indifferent between an action they play and one they do not: weak equilibria")
    degenerate = bool(notes)
    return BayesianSolution(bg, kappa, tuple(equilibria), degenerate, tuple(notes))


def _components(found: dict) -> dict:
    """Behaviour strategies reached from one continuum of the normal form that differ: they
    form a continuum of Bayesian equilibria; number them 1, 2, ... (isolated ones: absent)."""
    by_component: dict[int, list] = {}
    for key, comps in found.items():
        for c in comps:
            if c is not None:
                by_component.setdefault(c, []).append(key)
    groups: list[set] = []
    for keys in by_component.values():
        if len(set(keys)) < 2:
            continue
        merged = set(keys)
        for group in [g for g in groups if g & merged]:
            merged |= group
            groups.remove(group)
        groups.append(merged)
    return {key: number for number, group in enumerate(groups, 1) for key in group}


def bayesian_equilibrium_to_json(bg: BayesianGame, e: BayesianEquilibrium) -> dict[str, Any]:
    """One Bayesian equilibrium: each type's behaviour and payoff (exact text), pure, component, ties."""

    def by_type(player: int, values) -> dict[str, Any]:
        """The values of ``player``'s types, keyed by type name."""
        return {t.name: v for t, v in zip(bg.types[player], values)}

    players = bg.game.players
    return {
        "behaviour": {
            players[p].name: by_type(
                p, [{s: fmt(x) for s, x in zip(players[p].strategies, beh)} for beh in e.behaviour[p]]
            )
            for p in range(2)
        },
        "payoffs": {players[p].name: by_type(p, [fmt(v) for v in e.payoffs[p]]) for p in range(2)},
        "pure": e.pure,
        "component": e.component,
        "ties": list(e.ties),
    }
