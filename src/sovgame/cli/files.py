"""Commands on game files: list, show, start, edit and convert them."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from ..present.render import OutputFormat, render
from .app import FormatOpt, GameArg, SetOpt, app, user_errors


@app.command("games")
@user_errors
def games_command(fmt: FormatOpt = OutputFormat.table) -> None:
    """List the bundled games: name, title, players and size."""
    from ..files.gamefile import bundled_games
    from ..present.game import games_section

    rows = bundled_games()
    render(fmt, [games_section(rows)], rows, primary="games")


@app.command("show")
@user_errors(computes=True)
def show_command(game: GameArg, fmt: FormatOpt = OutputFormat.table) -> None:
    """Show a game: the payoff matrix, the notes on outcomes and the costs of conflict."""
    from ..core.budget import require, show_work
    from ..loading import load_game
    from ..present.game import game_sections

    loaded = load_game(game)
    require(show_work(loaded.game.shape, tabular=fmt in (OutputFormat.table, OutputFormat.markdown)))
    render(fmt, lambda: game_sections(loaded), loaded.to_dict, heading=loaded.title, primary="payoffs")


@app.command("new")
@user_errors
def new_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to write the new game file (.toml).")],
    source: Annotated[
        str | None, typer.Option("--from", help="Copy this bundled game instead of the template.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Start a game file: a commented template, or a copy of a bundled game.

    Example: sovgame new my_case.toml --from pakistan_afghanistan
    """
    from ..files.editing import new_file

    typer.echo(f"wrote {new_file(file, source, force)}", err=True)


@app.command("edit")
@user_errors
def edit_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The game file to change (not a bundled game).")],
    set_: SetOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the unified diff; write nothing.")] = False,
) -> None:
    """Change a game file in place, keeping comments, order and every untouched line; the
    result is validated before anything is written, and written atomically.

    Example: sovgame edit my_game.toml --set "plausible_kappa=0,3" --dry-run
    """
    from ..files.editing import edit_file
    from ..loading import read_claims

    if not set_:
        raise UsageError("edit needs at least one --set change")
    diff = edit_file(file, set_, dry_run=dry_run, claims=read_claims)
    if dry_run:
        typer.echo(diff, nl=False)
    else:
        typer.echo(f"{file}: {'updated' if diff else 'unchanged'}", err=True)


@app.command("convert")
@user_errors
def convert_command(
    source: Annotated[
        str, typer.Argument(metavar="IN", help="A game (.toml file, bundled name or -) or a Gambit .nfg file.")
    ],
    target: Annotated[
        str, typer.Argument(metavar="OUT", help="The file to write: .nfg from a game, .toml from a .nfg file.")
    ],
    version: Annotated[
        str | None, typer.Option("--nfg-version", help="The .nfg version to write: payoff (the default) or outcome.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists.")] = False,
) -> None:
    """Convert between sovgame game files and Gambit's strategic-form .nfg files, exactly.

    Example: sovgame convert stag_hunt stag_hunt.nfg --nfg-version outcome
    """
    from ..files.convert import convert
    from ..loading import load_case

    result = convert(source, target, version, overwrite=force, load=load_case)
    typer.echo(f"wrote {result.target} ({result.target_format})", err=True)
    if result.left_out:
        typer.echo(f"left out, as {result.target.name} has no place for them:", err=True)
        typer.echo("\n".join(f"  - {part}" for part in result.left_out), err=True)
    if result.renamed:
        typer.echo("renamed to make a valid game file:", err=True)
        typer.echo("\n".join(f"  - {change}" for change in result.renamed), err=True)
