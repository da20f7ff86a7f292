"""The typer application and what every command shares: its options, the mapping of library
errors to messages and exit codes, and the parsing of κ."""

from __future__ import annotations

import functools
import sys
import threading
from fractions import Fraction
from typing import Annotated, Any

import typer

from ..errors import ParameterError, SovgameError, UsageError
from ..present.render import OutputFormat
from .completion import complete_cost, complete_game, complete_outcome

app = typer.Typer(
    name="sovgame",
    help="Security dilemmas as games: at what cost does compromise beat confrontation?",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

#: The help panel that groups how results are shown, after the command's own options (the
#: limit on the work, one option, stays with them: a panel of its own costs two lines).
OUTPUT_PANEL = "Output"

GameArg = Annotated[
    str, typer.Argument(metavar="GAME", help="A bundled game, a .toml file or - (stdin).", autocompletion=complete_game)
]
TargetOpt = Annotated[
    str | None,
    typer.Option("--target", help='Target outcome "s1|s2" (default: compromise).', autocompletion=complete_outcome),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (default), json, csv, markdown, xlsx.",
        show_default=False,
        case_sensitive=False,
        rich_help_panel=OUTPUT_PANEL,
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="CHANGE",
        help='Change in memory (repeatable): "s1|s2=u1,u2", "Player@s1|s2=u", "cost:NAME=w1,w2", '
        '"plausible_kappa=lo,hi".',
    ),
]
KappaOpt = Annotated[str, typer.Option("--kappa", "-k", help="Cost level κ ≥ 0 (1: costs as stated).")]
TodayOpt = Annotated[str, typer.Option("--kappa", "-k", help="Cost level κ ≥ 0 (1: today's costs).")]

MaxWorkOpt = Annotated[
    str | None, typer.Option("--max-work", metavar="UNITS", help="Work limit (1 unit ≈ 1 µs; default 2e7).")
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Overwrite output files that exist.", rich_help_panel=OUTPUT_PANEL)
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="csv/xlsx: a row per item, not the long form.", rich_help_panel=OUTPUT_PANEL)
]

CostOpt = Annotated[
    list[str] | None, typer.Option("--cost", help="Keep only this cost (repeatable).", autocompletion=complete_cost)
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
OPTION_NAMES = {
    "settings": "--set",
    "source": "--from",
    "version": "--nfg-version",
    "fmt": "--format",
    "costs": "--cost",
    "horizon": "--time",
    "overwrite": "--force",
}

ExactOnlyOpt = Annotated[
    bool, typer.Option("--exact-only", help="Fractions without decimals beside them.", rich_help_panel=OUTPUT_PANEL)
]
GlossaryOpt = Annotated[
    bool, typer.Option("--glossary", help="End tables with a glossary of the terms.", rich_help_panel=OUTPUT_PANEL)
]

#: Exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


class Terminated(KeyboardInterrupt):
    """SIGTERM, SIGHUP or SIGQUIT, raised where the program is (see :func:`sovgame.cli.main`)
    so that it stops like Ctrl-C: workers stopped, temporary files removed, locks released,
    exit 128 + the signal's number (143, 129, 131)."""

    def __init__(self, signum: int = 15):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum


def option_name(parameter: str) -> str:
    """The command-line option of a library parameter: ``unique_subsample`` → ``--unique-subsample``."""
    return OPTION_NAMES.get(parameter, "--" + parameter.replace("_", "-"))


def _say(message: str) -> None:
    """A message on stderr, control characters escaped (names come from user files)."""
    from ..sections.checker import printable

    typer.echo(f"sovgame: {printable(message)}", err=True)


def user_errors(func=None, *, progress: bool = True, computes: bool = False):
    """Run a command: library errors become a message on stderr and an exit code (1 bad
    input, 2 bad usage), Ctrl-C exits 130; never a traceback for either.

    The command runs in one work account (:mod:`sovgame.core.budget`); a command that
    ``computes`` gets the ``--max-work`` option (:data:`MaxWorkOpt`), read here and nowhere
    else, which limits that account (default :data:`sovgame.core.budget.DEFAULT_MAX_WORK`).
    Work that takes more than a second shows a progress display on stderr (``progress``), and
    the files the command reads are recorded so that no writer overwrites them. A
    :class:`ParameterError` names the library's parameter; here it is named by its option.
    """
    if func is None:
        return functools.partial(user_errors, progress=progress, computes=computes)
    exact_option = _takes_output(func)
    glossary_option = exact_option and _prints_tables(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        """``func``, its library errors turned into a message and an exit code."""
        from ..core.budget import WorkLimitError, work_limit
        from ..files.notices import notices_to
        from ..files.reading import track_inputs
        from ..present.decimals import exact_only
        from ..present.glossary import with_glossary

        display = WorkProgress() if progress and sys.stderr.isatty() else None
        exact = kwargs.pop("exact_only", False) if exact_option else False
        glossary = kwargs.pop("glossary", False) if glossary_option else False
        max_work = kwargs.pop("max_work", None) if computes else None
        try:
            limit = parse_max_work(max_work)
            with (
                track_inputs(),
                notices_to(_say),
                work_limit(limit, display),
                exact_only(exact),
                with_glossary(glossary),
            ):
                return func(*args, **kwargs)
        except WorkLimitError as exc:
            _say(exc.describe("--max-work N", option_name))
            raise typer.Exit(exc.exit_code) from None
        except ParameterError as exc:
            _say(f"{option_name(exc.parameter)}: {exc.message(option_name)}")
            raise typer.Exit(exc.exit_code) from None
        except SovgameError as exc:
            _say(exc.message(option_name))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            stopped = f"stopped by {_signal_name(exc.signum)}" if isinstance(exc, Terminated) else "interrupted"
            _say(f"{stopped}; no file was written or changed by halves")
            raise typer.Exit(getattr(exc, "exit_code", EXIT_INTERRUPTED)) from None
        finally:
            if display is not None:
                display.close()

    shared: dict[str, tuple[Any, Any]] = {}
    if computes:
        shared["max_work"] = (MaxWorkOpt, None)
    if exact_option:
        shared["exact_only"] = (ExactOnlyOpt, False)
    if glossary_option:
        shared["glossary"] = (GlossaryOpt, False)
    _add_options(wrapper, func, shared)
    return wrapper


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _prints_tables(func) -> bool:
    """Whether a command prints tables (it has ``--format``): such commands get ``--glossary``
    (reports always end with the glossary)."""
    import inspect

    return "fmt" in inspect.signature(func).parameters


def _takes_output(func) -> bool:
    """Whether a command prints or writes results people read (it has ``--format`` or
    ``--output``): such commands get ``--exact-only``."""
    import inspect

    names = inspect.signature(func).parameters
    return ("fmt" in names or "output" in names) and "exact_only" not in names and "glossary" not in names


def _add_options(wrapper, func, options: dict[str, tuple[Any, Any]]) -> None:
    """Give the command ``wrapper`` the keyword options shared by many commands, after its
    own (typer reads the signature and the annotations): ``options`` maps each name to its
    annotation and default."""
    import inspect
    import typing

    if not options:
        return
    signature = inspect.signature(func, eval_str=True)
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        for name, (annotation, default) in options.items()
    ]
    wrapper.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])
    hints = typing.get_type_hints(func, include_extras=True)
    wrapper.__annotations__ = {**hints, **{name: annotation for name, (annotation, _) in options.items()}}


def parse_number(text: str, option: str) -> Fraction:
    """An option's number as typed, within sovgame's number limits; a usage error otherwise."""
    from ..core.numbers import to_fraction

    try:
        return to_fraction(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def parse_kappa(text: str, option: str = "--kappa") -> Fraction:
    """A cost level (or a discount factor, a noise) as typed: an exact number >= 0."""
    value = parse_number(text, option)
    if value < 0:
        raise UsageError(f"{option}: the cost level must be >= 0, not {text}")
    return value


def parse_max_work(text: str | None) -> int:
    """``--max-work`` as typed (``1e9`` is fine): a whole number of work units >= 1."""
    from ..core.budget import DEFAULT_MAX_WORK

    if text is None:
        return DEFAULT_MAX_WORK
    value = parse_number(text, "--max-work")
    if value.denominator != 1 or value < 1:
        raise UsageError(f"--max-work: give a whole number of work units >= 1 (e.g. 1e9), not {text}")
    return int(value)


class WorkProgress:
    """The work of a command on stderr, shown once it has run for a second: the step under
    way, a bar of the work done out of the work estimated, and the time elapsed."""

    def __init__(self, delay: float = 1.0):
        self._lock = threading.Lock()
        self._account: Any = None
        self._bar: Any = None
        self._task: Any = None
        self._timer: threading.Timer | None = threading.Timer(delay, self._show)
        self._timer.daemon = True
        self._timer.start()

    def __call__(self, account) -> None:
        self._account = account
        if self._bar is not None:
            self._update()

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._timer is None or self._account is None:
                return
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}% of the estimate"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("working", total=1)
            self._bar.start()
        self._update()

    def _update(self) -> None:
        account, bar = self._account, self._bar
        if account is None or bar is None:
            return
        what = account.current.what if account.current is not None else "working"
        bar.update(self._task, description=what, completed=account.done, total=max(account.planned, 1))

    def close(self) -> None:
        """Stop the display (and its timer)."""
        with self._lock:
            timer, self._timer = self._timer, None
            if timer is not None:
                timer.cancel()
            if self._bar is not None:
                self._bar.stop()
