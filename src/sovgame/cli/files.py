"""Commands on game files: list, show, start, edit and convert them."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from ..present.render import OutputFormat, render
from .app import FormatOpt, GameArg, SetOpt, app, user_errors

#: The help panel of the options that add or remove a cost.
COST_PANEL = "Adding and removing costs"


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
    """Show a game: payoffs, notes on outcomes and costs."""
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
    """Start a game file from a template or a bundled game.

    Example: sovgame new my_case.toml --from pakistan_afghanistan
    """
    from ..files.editing import new_file
    from ..loading import load_case

    written = new_file(file, source, force)
    typer.echo(f"wrote {written}", err=True)
    load_case(str(written))  # its warnings, if any (a copy of a bundled game may have some)


@app.command("edit")
@user_errors
def edit_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The game file to change (not a bundled game).")],
    set_: SetOpt = None,
    add_cost: Annotated[
        str | None,
        typer.Option(
            "--add-cost",
            metavar="NAME",
            help="Add a cost (with --incidence and --weights).",
            rich_help_panel=COST_PANEL,
        ),
    ] = None,
    incidence: Annotated[
        str | None,
        typer.Option(
            "--incidence",
            help="The added cost's incidence: any_conflict, own_confront or mutual_confront.",
            rich_help_panel=COST_PANEL,
        ),
    ] = None,
    weights: Annotated[
        str | None,
        typer.Option(
            "--weights", metavar="W1,W2", help="The added cost's weight per player.", rich_help_panel=COST_PANEL
        ),
    ] = None,
    between: Annotated[
        str | None,
        typer.Option(
            "--between",
            metavar="P1,P2",
            help="The players the added cost is between (default all).",
            rich_help_panel=COST_PANEL,
        ),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option("--label", help="The added cost's name in tables and charts.", rich_help_panel=COST_PANEL),
    ] = None,
    remove_cost: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-cost", metavar="NAME", help="Remove this cost (repeatable).", rich_help_panel=COST_PANEL
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the unified diff; write nothing.")] = False,
) -> None:
    """Change a game file in place, comments and layout kept.

    The result is validated before anything is written, and written atomically.

    Example: sovgame edit my_game.toml --add-cost isolation --incidence own_confront --weights 1,0.5
    """
    from ..files.editing import edit_file
    from ..loading import load_case, read_claims

    costs = _cost_edits(add_cost, incidence, weights, between, label, remove_cost)
    if not set_ and costs is None:
        raise UsageError("edit needs a change: --set, --add-cost or --remove-cost")
    diff = edit_file(file, set_ or (), dry_run=dry_run, claims=read_claims, costs=costs)
    if dry_run:
        typer.echo(diff, nl=False)
    else:
        typer.echo(f"{file}: {'updated' if diff else 'unchanged'}", err=True)
        load_case(file)  # the edited file's warnings, if any


def _cost_edits(add, incidence, weights, between, label, remove):
    """``--add-cost`` with its options and ``--remove-cost`` as one
    :class:`~sovgame.files.cost_edits.CostEdits` (None: neither given)."""
    from ..files.cost_edits import CostEdits, NewCost

    parts = {"--incidence": incidence, "--weights": weights, "--between": between, "--label": label}
    if add is None:
        given = [option for option, value in parts.items() if value is not None]
        if given:
            raise UsageError(f"{given[0]}: describes a cost to add; give --add-cost NAME too")
        return CostEdits(remove=tuple(remove)) if remove else None
    missing = [option for option in ("--incidence", "--weights") if parts[option] is None]
    if missing:
        raise UsageError(
            f"--add-cost {add}: give {' and '.join(missing)} too (e.g. --incidence own_confront --weights 1,0.5)"
        )
    new = NewCost(add, incidence, _split(weights), None if between is None else _split(between), label)
    return CostEdits(add=(new,), remove=tuple(remove or ()))


def _split(text: str) -> tuple[str, ...]:
    """ "1, 0.5" → ("1", "0.5")."""
    return tuple(part.strip() for part in text.split(","))


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
    """Convert to and from Gambit's .nfg format, exactly.

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
