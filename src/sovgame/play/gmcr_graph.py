"""The graph of the Graph Model for Conflict Resolution: states, each player's unilateral
moves, and the states a coalition reaches by legal sequences of moves (Fang, Hipel & Kilgour
1993). :mod:`sovgame.play.gmcr` tests stability on it; :mod:`sovgame.play.gmcr_intervals`
follows it over κ."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    """The states and every player's unilateral moves, fixed for all κ; ``members[s]``: the
    profiles that are state s (more than one for a ``same_state`` group)."""

    game: Game
    states: tuple[Profile, ...]
    moves: tuple[dict[Profile, tuple[Profile, ...]], ...]  # moves[i][s]: i's moves from s
    members: dict[Profile, tuple[Profile, ...]] = field(default_factory=dict)

    def state_of(self, profile: Profile) -> Profile | None:
        """The state a profile is (None: an infeasible profile)."""
        for state, group in self.members.items():
            if profile in group:
                return state
        return profile if profile in self.moves[0] else None

    def label(self, state: Profile) -> str:
        """The state's name for a reader: its outcome key, with "any" for a player whose
        strategy differs among the profiles of a shared state ("any|Abandon|any")."""
        group = self.members.get(state, (state,))
        return "|".join(
            p.strategies[state[i]] if all(m[i] == state[i] for m in group) else "any"
            for i, p in enumerate(self.game.players)
        )

    def values(self, kappa: Fraction) -> dict[Profile, tuple[Fraction, ...]]:
        """Each state's costed payoffs u_i(s; κ), exactly."""
        at = self.game.payoffs_at(kappa)
        return {s: tuple(at[s + (i,)] for i in range(self.game.n_players)) for s in self.states}


def build_graph(game: Game, settings: StabilitySettings | None = None) -> Graph:
    """The feasible states and the moves between them (no infeasible state, no irreversible
    move). A ``same_state`` group is one state, named by its first profile: a player moves
    from it by any move from any of its profiles, and a move within the group is no move."""
    settings = settings or StabilitySettings()
    state_of = settings.state_of()
    states = tuple(s for s in game.profiles() if s not in settings.infeasible and state_of.get(s, s) == s)
    members = {s: group for group in settings.same_state for s in group[:1]}
    moves = []
    for i, player in enumerate(game.players):
        own = {}
        for s in states:
            ends: list[Profile] = []
            for here in members.get(s, (s,)):
                for k in range(len(player.strategies)):
                    t = here[:i] + (k,) + here[i + 1 :]
                    if k == here[i] or t in settings.infeasible or (i, here[i], k) in settings.forbidden:
                        continue
                    t = state_of.get(t, t)
                    if t != s and t not in ends:
                        ends.append(t)
            own[s] = tuple(ends)
        moves.append(own)
    return Graph(game, states, tuple(moves), members)


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
