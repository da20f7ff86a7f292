"""Ordinal stability: the Graph Model for Conflict Resolution (GMCR).

Kilgour, Hipel & Fang (1987), *The graph model for conflicts*, Automatica 23:41–55; Fang,
Hipel & Kilgour (1993), *Interactive Decision Making*. The states are the game's feasible
outcomes; decision maker i's unilateral moves change its own strategy (to a feasible state,
unless the move is irreversible: :mod:`sovgame.sections.stability`); only each side's
preference ordering over the states counts, here the ordering of its costed payoffs
``u_i(s; κ)`` (ties allowed). At κ = 0 that is the file's ordering alone, which is all an
ordinal file (``payoff_scale = "ordinal"``) states. A *unilateral improvement* (UI) of i
from s is a move to a state i strictly prefers. For i at s, with H = the other players:

- **Nash (R)**: i has no UI from s.
- **GMR**: every UI s₁ is *sanctioned*: H can reach from s₁ some s₂ with s₂ ⪯ᵢ s.
- **SMR**: as GMR, and i cannot escape the sanction: every move of i from s₂ stays ⪯ᵢ s.
- **SEQ**: every UI is sanctioned by a *credible* sequence: each move in it is a UI of the
  player who makes it.

H reaches states by legal sequences of unilateral moves of its members in which no member
moves twice in a row (the reachable list, Fang et al. 1993); with two players that is one
move of the other. A state is an equilibrium under a concept if it is stable for every
player. Everything here compares exact numbers.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.intervals import Interval
from ..core.model import Game, Profile
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..errors import ParameterError
from ..sections.stability import StabilitySettings, same_state_problems
from .gmcr_graph import CONCEPT_NAMES, CONCEPTS, Graph, Step, build_graph, reachable
from .gmcr_intervals import stability_intervals

__all__ = [
    "CONCEPTS",
    "CONCEPT_NAMES",
    "Answer",
    "Evolution",
    "Graph",
    "PlayerStability",
    "StabilityAnalysis",
    "StateStability",
    "Step",
    "build_graph",
    "evolve",
    "reachable",
    "stability",
    "stability_at",
]


@dataclass(frozen=True)
class Answer:
    """How the others answer i's improvement to ``improvement`` under each concept: the
    sequence of their moves that sanctions it (None: none does)."""

    improvement: Profile
    gmr: tuple[Step, ...] | None
    smr: tuple[Step, ...] | None
    seq: tuple[Step, ...] | None


@dataclass(frozen=True)
class PlayerStability:
    """One player at one state: its improvements, how each is answered, and the four flags."""

    player: int
    answers: tuple[Answer, ...]

    def stable(self, concept: str) -> bool:
        """Whether the state is stable for this player under ``concept``."""
        if concept == "nash":
            return not self.answers
        return all(getattr(a, concept) is not None for a in self.answers)


@dataclass(frozen=True)
class StateStability:
    """One state: each player's stability; ``stable[c]``: stable for every player under c."""

    profile: Profile
    players: tuple[PlayerStability, ...]

    def stable(self, concept: str) -> bool:
        """Stable for every player under ``concept``: an equilibrium of that concept."""
        return all(p.stable(concept) for p in self.players)


def _sanction(
    graph: Graph, values: dict, i: int, s: Profile, found: dict[Profile, tuple[Step, ...]], escape: bool
) -> tuple[Step, ...] | None:
    """The shortest of the others' sequences in ``found`` ending at a state i likes no more
    than s (and, if ``escape``, from which no move of i gets it above s)."""
    best = None
    for s2, path in found.items():
        if values[s2][i] > values[s][i]:
            continue
        if escape and any(values[s3][i] > values[s][i] for s3 in graph.moves[i][s2]):
            continue
        if best is None or len(path) < len(best):
            best = path
    return best


def player_stability(graph: Graph, values: dict, i: int, s: Profile) -> PlayerStability:
    """Player i at state s under the four concepts, with the sanction of each improvement."""
    others = [j for j in range(graph.game.n_players) if j != i]
    answers = []
    for s1 in graph.moves[i][s]:
        if not values[s1][i] > values[s][i]:
            continue
        any_moves = reachable(graph, s1, others)
        credible = reachable(graph, s1, others, values)
        answers.append(
            Answer(
                s1,
                _sanction(graph, values, i, s, any_moves, escape=False),
                _sanction(graph, values, i, s, any_moves, escape=True),
                _sanction(graph, values, i, s, credible, escape=False),
            )
        )
    return PlayerStability(i, tuple(answers))


def stability_at(graph: Graph, kappa: Fraction) -> tuple[StateStability, ...]:
    """Every state under the four concepts at κ, with the sanctions named."""
    values = graph.values(kappa)
    return tuple(
        StateStability(s, tuple(player_stability(graph, values, i, s) for i in range(graph.game.n_players)))
        for s in graph.states
    )


@dataclass(frozen=True)
class Evolution:
    """The status-quo analysis: from ``start``, the shortest sequences of unilateral
    improvements (any player, one move at a time) that reach ``target``; ``reached``: every
    state such sequences reach; ``reason``: why none reaches it, in words."""

    start: Profile | None
    target: Profile | None
    paths: tuple[tuple[Step, ...], ...]
    reached: tuple[Profile, ...]
    reason: str


def evolve(graph: Graph, kappa: Fraction, start: Profile | None, target: Profile | None) -> Evolution:
    """Sequences of unilateral improvements from ``start`` to ``target`` at κ (at most five of
    the shortest), or why there are none (Fang et al. 1993, status quo analysis)."""
    game = graph.game
    if start is None or target is None:
        what = "no status quo is named" if start is None else "no player names a compromise strategy"
        return Evolution(start, target, (), (), what)
    values = graph.values(kappa)
    n = game.n_players
    parents: dict[Profile, list[tuple[Profile, int]]] = {start: []}
    depth = {start: 0}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        for j in range(n):
            for t in graph.moves[j][s]:
                if values[t][j] > values[s][j]:
                    if t not in depth:
                        depth[t] = depth[s] + 1
                        parents[t] = []
                        queue.append(t)
                    if depth[t] == depth[s] + 1:
                        parents[t].append((s, j))
    reached = tuple(s for s in graph.states if s in depth and s != start)
    if start == target:
        return Evolution(start, target, ((),), reached, "the status quo is the compromise")
    if target not in depth:
        return Evolution(start, target, (), reached, _no_path_reason(game, start, target, reached, values))
    paths: list[tuple[Step, ...]] = []

    def walk(state: Profile, tail: tuple[Step, ...]) -> None:
        """Every shortest path back to the start (at most five)."""
        if len(paths) >= 5:
            return
        if state == start:
            paths.append(tail)
            return
        for previous, mover in parents[state]:
            walk(previous, ((mover, state),) + tail)

    walk(target, ())
    return Evolution(start, target, tuple(paths), reached, "")


def _no_path_reason(game: Game, start: Profile, target: Profile, reached: tuple, values: dict) -> str:
    name = game.outcome_key
    if not reached:
        return f"from {name(start)} no player can improve alone: it is Nash-stable for every player"
    ends = ", ".join(name(s) for s in reached)
    return f"unilateral improvements from {name(start)} reach only {ends}, never {name(target)}"


@dataclass(frozen=True, repr=False)
class StabilityAnalysis(Result):
    """``sovgame stability``: every state at κ under the four concepts (with sanctions), the
    equilibria of each concept, the exact sets of κ ≥ 0 over which each state is an
    equilibrium of each concept (``intervals[state][concept]``), and the status-quo analysis."""

    case: Case
    kappa: Fraction
    graph: Graph
    states: tuple[StateStability, ...]
    intervals: dict[Profile, dict[str, tuple[Interval, ...]]]
    evolution: Evolution
    breakpoints: tuple[Fraction, ...]

    @property
    def game(self) -> Game:
        """The game analysed."""
        return self.case.game

    def equilibria(self, concept: str) -> tuple[Profile, ...]:
        """The states stable for every player under ``concept``."""
        return tuple(st.profile for st in self.states if st.stable(concept))

    def state(self, profile: Profile) -> StateStability:
        """The stability of the state a profile is (a KeyError for an infeasible one)."""
        state = self.graph.state_of(profile)
        for st in self.states:
            if st.profile == state:
                return st
        raise KeyError(profile)

    def json_data(self) -> dict[str, Any]:
        return stability_to_json(self)


def default_status_quo(game: Game, settings: StabilitySettings | None) -> Profile | None:
    """The file's status quo; else, when every player has two strategies and names its
    compromise, the outcome where every player confronts."""
    if settings is not None and settings.status_quo is not None:
        return settings.status_quo
    target = game.compromise_profile
    if target is None or any(len(p.strategies) != 2 for p in game.players):
        return None
    return tuple(1 - k for k in target)


def stability(
    game: Game | Case,
    kappa: Fraction | int = 0,
    start: Profile | str | None = None,
    settings: StabilitySettings | None = None,
) -> StabilityAnalysis:
    """Nash, GMR, SMR and SEQ stability of every state at κ, their κ-intervals and the
    status-quo analysis from ``start`` (default: the file's status quo,
    :func:`default_status_quo`).

    ``settings`` overrides the file's ``[stability]`` section (infeasible states,
    irreversible moves). Raises ParameterError for a game of one player or a bad ``start``.

    >>> from sovgame import Game
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> result = stability(pd)
    >>> [pd.outcome_key(s) for s in result.equilibria("nash")], [pd.outcome_key(s) for s in result.equilibria("seq")]
    (['D|D'], ['C|C', 'D|D'])
    """
    case = as_case(game)
    game = case.game
    if game.n_players < 2:
        raise ParameterError("game", "stability needs two or more players")
    kappa = Fraction(kappa)
    if kappa < 0:
        raise ParameterError("kappa", f"must be >= 0, not {kappa}")
    settings = settings if settings is not None else case.section(StabilitySettings)
    if settings is not None and (problems := same_state_problems(game, settings)):
        raise ParameterError("settings", "; ".join(str(p) for p in problems))
    graph = build_graph(game, settings)
    if isinstance(start, str):
        try:
            start = game.parse_outcome(start)
        except ValueError as exc:
            raise ParameterError("start", str(exc)) from None
    start = start if start is not None else default_status_quo(game, settings)
    if start is not None:
        state = graph.state_of(start)
        if state is None:
            raise ParameterError("start", f"{game.outcome_key(start)} is an infeasible state")
        start = state
    intervals, points = stability_intervals(graph)
    return StabilityAnalysis(
        case,
        kappa,
        graph,
        stability_at(graph, kappa),
        intervals,
        evolve(graph, kappa, start, _state_or_self(graph, game.compromise_profile)),
        points,
    )


def _state_or_self(graph: Graph, profile: Profile | None) -> Profile | None:
    """The state a profile is part of (itself when it is no state)."""
    if profile is None:
        return None
    return graph.state_of(profile) or profile


# --- the stable JSON (docs/reference.md) ---------------------------------------------------


def steps_text(game: Game, steps: tuple[Step, ...], graph: Graph | None = None) -> str:
    """ "Afghanistan → Restrain strikes|Tolerate TTP, then ..." (states by ``graph.label``)."""
    name = game.outcome_key if graph is None else graph.label
    return ", then ".join(f"{game.players[j].name} → {name(t)}" for j, t in steps)


def _answer_json(game: Game, answer: Answer) -> dict[str, Any]:
    def path(steps):
        """A sequence of moves as a list of {player, to}."""
        if steps is None:
            return None
        return [{"player": game.players[j].name, "to": game.outcome_key(t)} for j, t in steps]

    return {"improvement": game.outcome_key(answer.improvement), **{c: path(getattr(answer, c)) for c in CONCEPTS[1:]}}


def evolution_json(game: Game, evo: Evolution) -> dict[str, Any]:
    """The status-quo analysis as JSON."""
    return {
        "start": None if evo.start is None else game.outcome_key(evo.start),
        "target": None if evo.target is None else game.outcome_key(evo.target),
        "reaches_target": bool(evo.paths),
        "paths": [[{"player": game.players[j].name, "to": game.outcome_key(t)} for j, t in p] for p in evo.paths],
        "reached": [game.outcome_key(s) for s in evo.reached],
        "reason": evo.reason or None,
    }


def stability_to_json(result: StabilityAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame stability`` (documented in docs/reference.md)."""
    game = result.game
    states = []
    for st in result.states:
        states.append(
            {
                "outcome": game.outcome_key(st.profile),
                "stable": {c: st.stable(c) for c in CONCEPTS},
                "per_player": {game.players[p.player].name: {c: p.stable(c) for c in CONCEPTS} for p in st.players},
                "sanctions": [
                    {"player": game.players[p.player].name, **_answer_json(game, a)}
                    for p in st.players
                    for a in p.answers
                ],
            }
        )
    return {
        "game": game.title,
        "players": game.player_names,
        "kappa": json_number(result.kappa),
        "infeasible": [game.outcome_key(s) for s in game.profiles() if result.graph.state_of(s) is None],
        "same_state": {
            game.outcome_key(s): [game.outcome_key(m) for m in group] for s, group in result.graph.members.items()
        },
        "states": states,
        "equilibria": {c: [game.outcome_key(s) for s in result.equilibria(c)] for c in CONCEPTS},
        "intervals": {
            game.outcome_key(s): {c: [i.to_json() for i in by[c]] for c in CONCEPTS}
            for s, by in result.intervals.items()
        },
        "breakpoints": [fmt(b) for b in result.breakpoints],
        "status_quo": evolution_json(game, result.evolution),
    }
