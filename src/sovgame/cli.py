"""The ``sovgame`` command line: parse, call the library, render. No game theory here.

Errors a user can fix (:class:`sovgame.errors.SovgameError`) are printed on stderr without a
traceback and exit with code 1 (bad input) or 2 (bad usage); typer's own usage errors exit 2.
"""

from __future__ import annotations

import functools
import sys
from fractions import Fraction
from typing import Annotated, Optional

import typer

from .errors import SovgameError, UsageError
from .render import OutputFormat, render

app = typer.Typer(
    name="sovgame",
    help="Analyze security dilemmas as games: exact equilibria, the cost level at which "
    "compromise beats confrontation, and whether that level is within reach.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

GameArg = Annotated[str, typer.Argument(
    metavar="GAME", help="A bundled game's name (see `sovgame games`), a path to a .toml file, or - for stdin.",
)]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
KappaOpt = Annotated[str, typer.Option("--kappa", "-k", help="Cost level κ ≥ 0 (1 = costs as in the file; 4/3 is fine).")]


def _version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"sovgame {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Analyze security dilemmas as games."""


def user_errors(func):
    """Turn library errors into a message on stderr and an exit code, without traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SovgameError as exc:
            typer.echo(f"sovgame: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def parse_kappa(text: str, option: str = "--kappa") -> Fraction:
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise UsageError(f"{option}: {text!r} is not a number (try 1, 1.5 or 4/3)") from None
    if value < 0:
        raise UsageError(f"{option}: the cost level must be >= 0, not {text}")
    return value


# --- commands -------------------------------------------------------------------------------


@app.command("games")
@user_errors
def games_command(fmt: FormatOpt = OutputFormat.table) -> None:
    """List the bundled games: name, title, players and size."""
    from .gamefile import bundled_games
    from .views import games_section

    rows = bundled_games()
    render(fmt, [games_section(rows)], rows, primary="games")


@app.command("show")
@user_errors
def show_command(game: GameArg, fmt: FormatOpt = OutputFormat.table) -> None:
    """Show a game: the payoff matrix, the notes on outcomes and the costs of conflict."""
    from .gamefile import load_game
    from .views import game_sections, game_to_json

    loaded = load_game(game)
    render(fmt, game_sections(loaded), game_to_json(loaded), heading=loaded.title, primary="payoffs")


@app.command("solve")
@user_errors
def solve_command(game: GameArg, kappa: KappaOpt = "0", fmt: FormatOpt = OutputFormat.table) -> None:
    """Every Nash equilibrium, pure and mixed, verified in exact arithmetic.

    Example: sovgame solve stag_hunt --format json
    """
    from .equilibria import solve
    from .gamefile import load_game
    from .views import solution_to_json, solve_sections

    solution = solve(load_game(game), parse_kappa(kappa))
    render(fmt, solve_sections(solution), solution_to_json(solution),
           heading=solution.game.title, primary="equilibria")


@app.command("analyze")
@user_errors
def analyze_command(
    game: Annotated[str, typer.Argument(metavar="[GAME]", help="Game to analyze (default: the bundled case).")] = "pakistan_afghanistan",
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The main job: payoffs, equilibria, cost thresholds and the verdict on compromise.

    Example: sovgame analyze pakistan_afghanistan
    """
    from .analysis import analyze
    from .gamefile import load_game
    from .views import analysis_sections, analysis_to_json

    result = analyze(load_game(game))
    render(fmt, analysis_sections(result), analysis_to_json(result),
           heading=result.game.title, primary="equilibria")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sovgame")


if __name__ == "__main__":  # pragma: no cover
    main()
