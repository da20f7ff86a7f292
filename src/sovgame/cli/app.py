"""The typer application and what every command shares: its options, the mapping of library
errors to messages and exit codes, and the parsing of κ."""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Annotated

import typer

from ..errors import ParameterError, SovgameError, UsageError
from ..present.render import OutputFormat

app = typer.Typer(
    name="sovgame",
    help="Analyze security dilemmas as games: exact equilibria, the cost level at which "
    "compromise beats confrontation, and whether that level is within reach.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

GameArg = Annotated[
    str,
    typer.Argument(
        metavar="GAME", help="A bundled game's name (see `sovgame games`), a path to a .toml file, or - for stdin."
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="CHANGE",
        help='Change the game in memory (repeatable): "s1|s2=u1,u2", "Player@s1|s2=u", '
        '"cost:NAME=w1,w2" or "plausible_kappa=lo,hi".',
    ),
]
KappaOpt = Annotated[
    str, typer.Option("--kappa", "-k", help="Cost level κ ≥ 0 (1 = costs as in the file; 4/3 is fine).")
]
TodayOpt = Annotated[
    str,
    typer.Option("--kappa", "-k", help="Cost level κ ≥ 0 (default 1: today's costs, as in the file; 0 ignores costs)."),
]

CostOpt = Annotated[
    list[str] | None, typer.Option("--cost", help="Keep only this cost (repeatable): how high must it alone go?")
]


def _version_callback(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"sovgame {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Analyze security dilemmas as games."""


#: Library parameters whose command-line option is not simply ``--`` + the parameter's name.
OPTION_NAMES = {"settings": "--set", "source": "--from", "version": "--nfg-version"}


def option_name(parameter: str) -> str:
    """The command-line option of a library parameter: ``unique_subsample`` → ``--unique-subsample``."""
    return OPTION_NAMES.get(parameter, "--" + parameter.replace("_", "-"))


def user_errors(func):
    """Turn library errors into a message on stderr and an exit code, without traceback.

    A :class:`ParameterError` names the library's parameter; here it is named by its option.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        """``func``, its library errors turned into a message and an exit code."""
        try:
            return func(*args, **kwargs)
        except ParameterError as exc:
            typer.echo(f"sovgame: {option_name(exc.parameter)}: {exc.detail}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except SovgameError as exc:
            typer.echo(f"sovgame: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def parse_kappa(text: str, option: str = "--kappa") -> Fraction:
    """A cost level (or a discount factor, a noise) as typed: an exact number >= 0."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise UsageError(f"{option}: {text!r} is not a number (try 1, 1.5 or 4/3)") from None
    if value < 0:
        raise UsageError(f"{option}: the cost level must be >= 0, not {text}")
    return value
