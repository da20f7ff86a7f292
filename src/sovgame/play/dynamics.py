"""Where play drifts: learning dynamics from a starting point (two players).

- **Replicator dynamics** (Taylor & Jonker 1978), two populations: each strategy's share
  grows at the rate its payoff exceeds the population average, ẋ_i = x_i((Ay)_i − xᵀAy),
  ẏ_j = y_j((xᵀB)_j − xᵀBy); integrated with nashpy's ``asymmetric_replicator_dynamics``.
- **Fictitious play** (Brown 1951): each player best-responds to the empirical frequency of
  the other's past play; nashpy's ``fictitious_play``, the start taken as prior play counts.

The result says where play ends, how fast it gets there, and which of the game's (exactly
computed) equilibria it selects. In the Stag Hunt, play starting with more than 2/3 on Stag
for both converges to (Stag, Stag), and below to (Hare, Hare).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case, as_game, origin_of
from ..core.model import Game
from ..core.numbers import fmt, json_number, to_fraction
from ..core.results import Result
from ..errors import ParameterError, SovgameError
from ..solvers.equilibria import Solution, solve

#: Play is at an equilibrium when every probability is within this of it.
SELECT_TOL = 0.02
#: Prior weight of the starting point in fictitious play, in periods of play.
PRIOR_PLAYS = 10


@dataclass(frozen=True)
class Trajectory:
    method: str  # "replicator" or "fictitious play"
    steps: np.ndarray  # time points (replicator) or iterations (fictitious play)
    row: np.ndarray  # (len(steps), m) the row player's mixed strategy along the way
    col: np.ndarray  # (len(steps), n)
    selected: int | None  # 0-based index into the solution's equilibria, if play ends at one
    distance: float  # max-abs distance of the end point from that (or the nearest) equilibrium
    settle: float | None  # first step from which play stays within SELECT_TOL of its end point

    @property
    def end(self) -> tuple[np.ndarray, np.ndarray]:
        """Both players' mixed strategies where play ends."""
        return self.row[-1], self.col[-1]


@dataclass(frozen=True, repr=False)
class Dynamics(Result):
    game: Game
    kappa: Fraction
    solution: Solution
    start: tuple[np.ndarray, np.ndarray]
    trajectories: tuple[Trajectory, ...]

    def selected_label(self, trajectory: Trajectory) -> str | None:
        """The outcome key of the pure equilibrium ``trajectory`` selects, "mixed", or None."""
        if trajectory.selected is None:
            return None
        profile = self.solution.equilibria[trajectory.selected].pure_profile()
        return "mixed" if profile is None else self.game.outcome_key(profile)

    def json_data(self) -> dict[str, Any]:
        game = self.game
        out: dict[str, Any] = {
            "game": game.title,
            "kappa": json_number(self.kappa),
            "start": {p.name: dict(zip(p.strategies, map(float, s))) for p, s in zip(game.players, self.start)},
            "trajectories": [],
        }
        for t in self.trajectories:
            row_end, col_end = t.end
            out["trajectories"].append(
                {
                    "method": t.method,
                    "end": {
                        game.players[0].name: dict(zip(game.players[0].strategies, map(float, row_end))),
                        game.players[1].name: dict(zip(game.players[1].strategies, map(float, col_end))),
                    },
                    "selected": self.selected_label(t),
                    "selected_index": t.selected,
                    "distance": t.distance,
                    "settle": t.settle,
                }
            )
        return out

    def _facts(self) -> list[tuple[str, str]]:
        return [("κ", fmt(self.kappa))] + [
            (t.method, "no equilibrium" if t.selected is None else str(self.selected_label(t)))
            for t in self.trajectories
        ]


def parse_start(text: str, game: Game) -> tuple[np.ndarray, np.ndarray]:
    """ "0.7,0.3;0.7,0.3" → each player's starting mixed strategy (checked)."""
    parts = text.split(";")
    if len(parts) != 2:
        raise ParameterError("start", 'give both players\' probabilities, e.g. "0.7,0.3;0.6,0.4"')
    out = []
    for player, part in zip(game.players, parts):
        try:
            probs = np.array([float(to_fraction(v)) for v in part.split(",")])  # within the number limits
        except (ValueError, ZeroDivisionError):
            raise ParameterError("start", f"{part!r} is not a list of numbers") from None
        if len(probs) != len(player.strategies) or (probs < 0).any() or abs(probs.sum() - 1) > 1e-9:
            raise ParameterError(
                "start",
                f"{player.name} needs {len(player.strategies)} probabilities (>= 0, summing to 1), not {part!r}",
            )
        out.append(probs)
    return out[0], out[1]


def run_dynamics(
    game: Game | Case,
    kappa: Fraction | int = 0,
    start: tuple[np.ndarray, np.ndarray] | None = None,
    methods: tuple[str, ...] = ("replicator", "fictitious play"),
    horizon: float = 50.0,
    iterations: int = 2000,
) -> Dynamics:
    """Run the dynamics from ``start`` (default: uniform) and match their end to equilibria.

    ``horizon`` is how long the replicator dynamics run (a finite number > 0); ``iterations``
    the rounds of fictitious play (a whole number >= 1)."""
    import nashpy

    if not isinstance(horizon, (int, float)) or not math.isfinite(horizon) or horizon <= 0:
        raise ParameterError("horizon", f"must be a finite number of time units > 0, not {horizon!r}")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise ParameterError("iterations", f"must be a whole number of rounds >= 1, not {iterations!r}")

    origin, game = origin_of(game), as_game(game)
    if game.n_players != 2:
        raise SovgameError(f"{origin}: learning dynamics are computed for two-player games (nashpy)")
    kappa = Fraction(kappa)
    payoffs = game.payoffs_at(kappa)
    A = np.array(payoffs[..., 0], dtype=float)
    B = np.array(payoffs[..., 1], dtype=float)
    m, n = A.shape
    if start is None:
        start = (np.full(m, 1 / m), np.full(n, 1 / n))
    solution = solve(game, kappa)
    nash = nashpy.Game(A, B)
    trajectories = []
    if "replicator" in methods:
        times = np.linspace(0, horizon, 1001)
        xs, ys = nash.asymmetric_replicator_dynamics(x0=start[0], y0=start[1], timepoints=times)
        trajectories.append(_trajectory("replicator", times, np.clip(xs, 0, 1), np.clip(ys, 0, 1), solution))
    if "fictitious play" in methods:
        counts = [np.asarray(start[0]) * PRIOR_PLAYS, np.asarray(start[1]) * PRIOR_PLAYS]
        history = list(nash.fictitious_play(iterations=iterations, play_counts=tuple(counts)))
        rows = np.array([h[0] / h[0].sum() for h in history])
        cols = np.array([h[1] / h[1].sum() for h in history])
        trajectories.append(_trajectory("fictitious play", np.arange(len(history)), rows, cols, solution))
    return Dynamics(game, kappa, solution, start, tuple(trajectories))


def _trajectory(method, steps, rows, cols, solution: Solution) -> Trajectory:
    end = np.concatenate([rows[-1], cols[-1]])
    distances = [
        float(np.abs(end - np.array([float(p) for s in e.strategies for p in s])).max()) for e in solution.equilibria
    ]
    nearest = int(np.argmin(distances)) if distances else None
    distance = distances[nearest] if nearest is not None else float("inf")
    selected = nearest if distance <= SELECT_TOL else None
    gap = np.abs(np.concatenate([rows, cols], axis=1) - end).max(axis=1)
    outside = np.nonzero(gap > SELECT_TOL)[0]
    settle = (
        float(steps[0])
        if len(outside) == 0
        else (float(steps[outside[-1] + 1]) if outside[-1] + 1 < len(steps) else None)
    )
    return Trajectory(method, steps, rows, cols, selected, distance, settle)
