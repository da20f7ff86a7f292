"""Shell completion (``sovgame --install-completion``): game names, cost names, outcomes.

Each function gets what the user has typed so far and returns the candidates; one that needs
the game reads it from the command's GAME argument. Nothing here may print or fail: a game
that cannot be read simply offers no candidates.
"""

from __future__ import annotations

import glob
import os

import typer


def complete_game(incomplete: str) -> list[str]:
    """Bundled games' names and ``.toml`` files (and folders on the way to them) starting with ``incomplete``."""
    from ..files.gamefile import bundled_names

    found = [name for name in bundled_names() if name.startswith(incomplete)]
    for path in sorted(glob.glob(glob.escape(incomplete) + "*")):
        if path.endswith(".toml") or os.path.isdir(path):
            found.append(path + ("/" if os.path.isdir(path) and not path.endswith("/") else ""))
    return found


def _game_of(ctx: typer.Context):
    """The game the command line names so far, or None (not given, standard input, invalid)."""
    from ..errors import SovgameError
    from ..files.gamefile import read_case

    spec = ctx.params.get("game")
    if spec is None:  # an option waiting for its value stops the parse before GAME is assigned
        spec = next((arg for arg in getattr(ctx, "args", ()) if not arg.startswith("-")), None)
    if not isinstance(spec, str) or spec == "-":
        return None
    try:
        return read_case(spec).game
    except (SovgameError, OSError, ValueError):
        return None


def complete_cost(ctx: typer.Context, incomplete: str) -> list[str]:
    """The names of the game's costs."""
    game = _game_of(ctx)
    return [] if game is None else [c.name for c in game.costs if c.name.startswith(incomplete)]


def complete_outcome(ctx: typer.Context, incomplete: str) -> list[str]:
    """The game's outcomes as ``"s1|s2"``, the strategy of each player in turn."""
    game = _game_of(ctx)
    if game is None:
        return []
    return [key for key in map(game.outcome_key, game.profiles()) if key.startswith(incomplete)]


def complete_player(ctx: typer.Context, incomplete: str) -> list[str]:
    """The game's players (for an order "A,B": the ones not yet named)."""
    game = _game_of(ctx)
    if game is None:
        return []
    head, _, last = incomplete.rpartition(",")
    named = {part.strip() for part in head.split(",")} if head else set()
    prefix = head + "," if head else ""
    return [prefix + name for name in game.player_names if name not in named and name.startswith(last)]


def complete_vary(ctx: typer.Context, incomplete: str) -> list[str]:
    """``capacity`` and ``capacity:Player@Strategy`` for each strategy of the game."""
    game = _game_of(ctx)
    options = ["capacity"]
    if game is not None:
        options += [f"capacity:{p.name}@{s}" for p in game.players for s in p.strategies]
    return [option for option in options if option.startswith(incomplete)]
