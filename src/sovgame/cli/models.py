"""Commands on models the file states beyond the normal form: the spoiler, bargaining and
costly reassurance."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.render import OutputFormat, render
from .app import FormatOpt, GameArg, SetOpt, TodayOpt, app, parse_kappa, user_errors
from .completion import complete_outcome


@app.command("spoiler")
@user_errors
def spoiler_command(
    game: GameArg,
    kappa: TodayOpt = "1",
    periods: Annotated[
        int,
        typer.Option("--periods", min=1, max=12, metavar="N", help="Periods the beliefs and survival tables cover."),
    ] = 4,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The spoiler (Kydd & Walter 2002): what attacks do to trust.

    The belief after each history of attacks and quiet periods (Bayes' rule, exact), whether one
    attack ends compromise at κ and at the top of the plausible range, the quiet periods that
    restore it, and the spoiler as a strategic player. Needs [spoiler] and two [[types]].

    Example: sovgame spoiler pakistan_afghanistan_ttp --kappa 2
    """
    from ..loading import load_game
    from ..play.spoiler import analyze_spoiler
    from ..present.spoiler import spoiler_sections

    result = analyze_spoiler(load_game(game, set_ or ()), parse_kappa(kappa), periods)
    render(fmt, lambda: spoiler_sections(result), result.to_dict, heading=result.case.game.title, primary="beliefs")


@app.command("bargaining")
@user_errors
def bargaining_command(
    game: GameArg,
    kappa: TodayOpt = "1",
    status_quo: Annotated[
        str | None,
        typer.Option(
            "--status-quo",
            help='The status quo outcome "s1|s2" (default in a 2x2: the other strategies).',
            autocompletion=complete_outcome,
        ),
    ] = None,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The bargaining diagnosis (Fearon 1995; Powell 2006).

    The deal's gain over the status quo per side against the temptation to renege (at κ); with a
    [bargaining] table, the bargaining range, indivisibility and the commitment problem.

    Example: sovgame bargaining pakistan_afghanistan --kappa 1
    """
    from ..loading import load_game
    from ..play.bargaining import analyze_bargaining
    from ..present.bargaining import bargaining_sections

    result = analyze_bargaining(load_game(game, set_ or ()), parse_kappa(kappa), status_quo)
    render(fmt, lambda: bargaining_sections(result), result.to_dict, heading=result.case.game.title, primary="deal")


@app.command("signals")
@user_errors
def signals_command(
    game: GameArg, kappa: TodayOpt = "1", set_: SetOpt = None, fmt: FormatOpt = OutputFormat.table
) -> None:
    """Costly reassurance (Kydd 2000, 2005): which signals work.

    2x2 with types: the signal costs at which only the trustworthy type signals and compromise
    follows, at κ and at the top of the plausible range, and whether the file's prior needs a
    signal.

    Example: sovgame signals pakistan_afghanistan_types --kappa 2
    """
    from ..loading import load_game
    from ..play.signals import analyze_signals
    from ..present.signals import signals_sections

    result = analyze_signals(load_game(game, set_ or ()), parse_kappa(kappa))
    render(fmt, lambda: signals_sections(result), result.to_dict, heading=result.case.game.title, primary="ranges")
