"""sovgame: analyze security dilemmas as games.

The library does the work and the command line (``sovgame``) only parses, calls and renders,
so everything it prints can be had in a notebook::

    >>> import sovgame
    >>> game = sovgame.load_game("stag_hunt")
    >>> [e.pure_profile() for e in sovgame.solve(game).equilibria]
    [(0, 0), (1, 1), None]
"""

from .equilibria import Equilibrium, Solution, is_nash, solve
from .errors import GameFileError, SovgameError
from .gamefile import bundled_names, load_game, parse_game
from .model import Cost, Game, Player, bimatrix_game


def __getattr__(name: str):
    # Read lazily: importlib.metadata costs a noticeable share of the CLI's start-up time.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("sovgame")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0+unknown"
    raise AttributeError(name)


__all__ = [
    "Cost", "Equilibrium", "Game", "GameFileError", "Player", "Solution", "SovgameError",
    "bimatrix_game", "bundled_names", "is_nash", "load_game", "parse_game", "solve",
]
