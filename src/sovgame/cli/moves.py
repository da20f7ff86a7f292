"""Commands on moves beyond one simultaneous shot: who moves first, and hidden types."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.render import OutputFormat, render
from .app import FormatOpt, GameArg, SetOpt, TodayOpt, app, parse_kappa, user_errors
from .completion import complete_player


@app.command("sequential")
@user_errors
def sequential_command(
    game: GameArg,
    order: Annotated[
        str | None,
        typer.Option(
            "--order",
            help='Who moves first, e.g. "Afghanistan,Pakistan" (default: the file\'s [sequence]).',
            autocompletion=complete_player,
        ),
    ] = None,
    kappa: TodayOpt = "1",
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Move order and commitment: the game played in sequence.

    For each order (the first move observed): the subgame-perfect equilibria, from which κ
    compromise is their outcome and the only one, and each player's value of moving first.

    Example: sovgame sequential pakistan_afghanistan --order "Afghanistan,Pakistan"
    """
    from ..loading import load_game
    from ..play.sequential import analyze_sequential
    from ..present.moves import sequential_sections

    names = None if order is None else [part.strip() for part in order.split(",")]
    result = analyze_sequential(load_game(game, set_ or ()), names, parse_kappa(kappa))
    render(fmt, lambda: sequential_sections(result), result.to_dict, heading=result.game.title, primary="orders")


@app.command("trust")
@user_errors
def trust_command(
    game: GameArg, kappa: TodayOpt = "1", set_: SetOpt = None, fmt: FormatOpt = OutputFormat.table
) -> None:
    """Hidden types and trust (2x2): Bayesian equilibria.

    The Bayesian Nash equilibria at κ, each type's trust threshold (the least belief that the
    other compromises at which compromise is a best response) as an exact function of κ, and the
    priors at which compromise survives.

    Example: sovgame trust pakistan_afghanistan_types --kappa 2
    """
    from ..loading import load_game
    from ..play.trust import analyze_trust
    from ..present.trust import trust_sections

    result = analyze_trust(load_game(game, set_ or ()), parse_kappa(kappa))
    render(fmt, lambda: trust_sections(result), result.to_dict, heading=result.game.title, primary="trust")
