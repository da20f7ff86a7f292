"""The graph of the Graph Model for Conflict Resolution: states, each player's unilateral
moves, and the states a coalition reaches by legal sequences of moves (Fang, Hipel & Kilgour
1993). :mod:`sovgame.play.gmcr` tests stability on it; :mod:`sovgame.play.gmcr_intervals`
follows it over κ."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.model import Game, Profile
from ..sections.stability import StabilitySettings

#: The four stability concepts, from the most myopic to the most far-sighted sanction.
CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Their names as the literature writes them.
CONCEPT_NAMES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}

#: One step of a sequence of moves: (the player who moves, the state it moves to).
Step = tuple[int, Profile]


@dataclass(frozen=True)
class Graph:
    """The states and every player's unilateral moves, fixed for all κ."""

    game: Game
    states: tuple[Profile, ...]
    moves: tuple[dict[Profile, tuple[Profile, ...]], ...]  # moves[i][s]: i's moves from s

    def values(self, kappa: Fraction) -> dict[Profile, tuple[Fraction, ...]]:
        """Each state's costed payoffs u_i(s; κ), exactly."""
        at = self.game.payoffs_at(kappa)
        return {s: tuple(at[s + (i,)] for i in range(self.game.n_players)) for s in self.states}


def build_graph(game: Game, settings: StabilitySettings | None = None) -> Graph:
    """The feasible states and the moves between them (no infeasible state, no irreversible move)."""
    settings = settings or StabilitySettings()
    states = tuple(s for s in game.profiles() if s not in settings.infeasible)
    feasible = set(states)
    moves = []
    for i, player in enumerate(game.players):
        own = {}
        for s in states:
            ends = []
            for k in range(len(player.strategies)):
                t = s[:i] + (k,) + s[i + 1 :]
                if k != s[i] and t in feasible and (i, s[i], k) not in settings.forbidden:
                    ends.append(t)
            own[s] = tuple(ends)
        moves.append(own)
    return Graph(game, states, tuple(moves))


def reachable(
    graph: Graph, start: Profile, movers: Sequence[int], values: dict | None = None
) -> dict[Profile, tuple[Step, ...]]:
    """The states ``movers`` reach from ``start`` by legal sequences (no member moves twice in
    a row), each with a shortest sequence; with ``values``, only sequences of unilateral
    improvements (each move strictly better for its mover)."""
    found: dict[Profile, tuple[Step, ...]] = {}
    seen = {(start, -1)}
    queue: deque[tuple[Profile, int, tuple[Step, ...]]] = deque([(start, -1, ())])
    while queue:
        state, last, path = queue.popleft()
        for j in movers:
            if j == last:
                continue
            for t in graph.moves[j][state]:
                if values is not None and not values[t][j] > values[state][j]:
                    continue
                step = path + ((j, t),)
                found.setdefault(t, step)
                if (t, j) not in seen:
                    seen.add((t, j))
                    queue.append((t, j, step))
    return found
