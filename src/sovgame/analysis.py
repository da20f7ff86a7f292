"""The main job: everything an analyst needs about one game in one result.

:func:`analyze` solves the game at κ = 0 and at the top of the plausible cost range, so a
report can show how costs change the equilibria.
"""

from __future__ import annotations

from dataclasses import dataclass

from .equilibria import Solution, solve
from .model import Game


@dataclass(frozen=True)
class Analysis:
    game: Game
    today: Solution  # κ = 0: payoffs as ranked, costs not yet counted
    at_top: Solution | None  # at the top of the plausible range, if the file gives one


def analyze(game: Game) -> Analysis:
    """Solve ``game`` at κ = 0 and at the top of its plausible cost range."""
    today = solve(game, 0)
    at_top = None
    if game.costs and game.plausible_kappa is not None and game.plausible_kappa[1] > 0:
        at_top = solve(game, game.plausible_kappa[1])
    return Analysis(game=game, today=today, at_top=at_top)
