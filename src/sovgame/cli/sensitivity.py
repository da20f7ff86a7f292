"""``sovgame sensitivity``: what decides each verdict, one number at a time, or a map of two."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..present.render import OutputFormat, render
from .app import OUTPUT_PANEL, CostOpt, ForceOpt, FormatOpt, GameArg, SetOpt, app, parse_number, user_errors
from .robust import dask_executor

if TYPE_CHECKING:
    from concurrent.futures import Executor

#: ``--criterion`` may also name the claims' grades.
CLAIMS = "claims"
MODELS_TITLE = "The spoiler and bargaining: each declared range followed, one number at a time"
MODELS_CAPTION = (
    "the conclusions of `spoiler` (one attack ends compromise; the spoiler attacks) and `bargaining` "
    "(no middle ground; a commitment problem), exactly along each number with the others as stated"
)
#: Rows a table shows unless ``--top`` or ``--all`` says otherwise.
DEFAULT_TOP = 10
#: The help panel of the options of ``--map``.
MAP_PANEL = "Two numbers at once (--map)"
MapDaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        envvar="SOVGAME_DASK",
        help="Run on the Dask scheduler at ADDRESS.",
        rich_help_panel=MAP_PANEL,
    ),
]


def _range(text: str | None, option: str) -> tuple[Fraction, Fraction] | None:
    """ "lo,hi" as two exact numbers."""
    if text is None:
        return None
    parts = text.split(",")
    if len(parts) != 2:
        raise UsageError(f"{option}: {text!r} is not lo,hi (e.g. 0,2 or 1/4,3/4)")
    lo, hi = (parse_number(part.strip(), option) for part in parts)  # within the number limits
    return lo, hi


@app.command("sensitivity")
@user_errors(computes=True)
def sensitivity_command(
    game: GameArg,
    criterion: Annotated[
        list[str] | None,
        typer.Option(
            "--criterion",
            help="Only this criterion (repeatable): nash, strict, dominant, unique, risk_dominant or claims.",
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", help=f"Show the K smallest margins (tables: {DEFAULT_TOP}).", rich_help_panel=OUTPUT_PANEL
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Tables show every row.", rich_help_panel=OUTPUT_PANEL)] = False,
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot", metavar="FILE.png", help="Tornado chart to FILE (--map: the map).", rich_help_panel=OUTPUT_PANEL
        ),
    ] = None,
    map_: Annotated[
        str | None,
        typer.Option(
            "--map", metavar="X,Y", help='Grid of two numbers (JSON keys or "kappa").', rich_help_panel=MAP_PANEL
        ),
    ] = None,
    grid: Annotated[int, typer.Option("--grid", help="Points per axis.", rich_help_panel=MAP_PANEL)] = 41,
    x_range: Annotated[
        str | None, typer.Option("--x-range", metavar="LO,HI", help="Range of X.", rich_help_panel=MAP_PANEL)
    ] = None,
    y_range: Annotated[
        str | None, typer.Option("--y-range", metavar="LO,HI", help="Range of Y.", rich_help_panel=MAP_PANEL)
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help='Target outcome "s1|s2" (default: compromise).')
    ] = None,
    cost: CostOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes.", rich_help_panel=MAP_PANEL)] = 1,
    dask: MapDaskOpt = None,
    set_: SetOpt = None,
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """What decides each verdict, one number at a time.

    Example: sovgame sensitivity pakistan_afghanistan --criterion unique --top 5
    """
    # long: typer reads the options from this signature; the body is a few calls.
    from ..loading import load_game
    from ..present.figures import check_plot_output

    _check_options(top, workers, dask, map_, cost, x_range or y_range)
    if all_ and top is not None:
        raise UsageError("--all shows every row and --top the first K; give one of them")
    if plot:
        check_plot_output(plot, force)  # before any work
    loaded = load_game(game, set_ or ())
    if plot:
        check_plot_output(plot, force)  # and never the game just read
    if map_ is not None:
        ranges = _range(x_range, "--x-range"), _range(y_range, "--y-range")
        with _grid_executor(workers, dask) as executor:
            _map(loaded, map_, criterion, target, grid, ranges, executor, plot, force, fmt)
        return
    _one_at_a_time(loaded, criterion, target, cost, (top, all_), plot, force, fmt)


def _one_at_a_time(loaded, criterion, target, cost, rows, plot, force, fmt) -> None:
    """The table of what decides each verdict, and the tornado chart with ``plot``. ``rows``
    is (``--top``, ``--all``): tables show the first :data:`DEFAULT_TOP` rows unless told
    otherwise; JSON, CSV and Excel every row unless ``--top`` is given."""
    from ..present.sensitivity import sensitivity_sections, sensitivity_to_json
    from ..sensitivity.one_number import sensitivity

    chosen = [c for c in criterion or [] if c != CLAIMS]
    claims = not criterion or CLAIMS in criterion
    result = sensitivity(loaded, target, cost, chosen if criterion else None, claims=claims)
    if plot:
        from ..present.sensitivity_plot import plot_tornado

        typer.echo(f"wrote {plot_tornado(result, plot, force=force)}", err=True)
    top, all_ = rows
    shown = top if top is not None or all_ else DEFAULT_TOP
    from ..findings.models import followed_of
    from ..play.ranges import followed_to_json
    from ..present.ranges import followed_section

    models = followed_of(loaded)  # the declared ranges of [spoiler] and [bargaining], if any
    extra = [followed_section(tuple(models), MODELS_TITLE, MODELS_CAPTION, "model_ranges")] if models else []
    render(
        fmt,
        lambda: sensitivity_sections(result, shown, hint=top is None and not all_) + extra,
        lambda: (
            sensitivity_to_json(result, top) | ({"models": [followed_to_json(f) for f in models]} if models else {})
        ),
        heading=loaded.title,
        primary="sensitivity",
    )


def _check_options(
    top: int | None, workers: int, dask: str | None, map_: str | None, cost: list[str] | None, ranges: str | None
) -> None:
    """The options that only make sense together, checked before any work (an option the
    chosen mode would not read is refused rather than ignored)."""
    if top is not None and top < 1:
        raise UsageError(f"--top: must be at least 1, not {top}")
    if map_ is None and ranges:
        raise UsageError("--x-range and --y-range set the axes of --map; give --map X,Y, or leave them out")
    if map_ is not None and top is not None:
        raise UsageError("--top keeps the first rows of the table of one number at a time; with --map leave it out")
    if map_ is not None and cost:
        raise UsageError("--cost: the map counts every cost of the file; leave --cost out (or change costs with --set)")
    if workers < 1:
        raise UsageError(f"--workers: must be at least 1, not {workers}")
    if (workers != 1 or dask) and map_ is None:
        raise UsageError("--workers and --dask spread the grid of --map; give --map X,Y, or leave them out")
    if dask and workers != 1:
        raise UsageError("--workers: the workers of a Dask cluster (--dask) are its own; leave --workers out")


@contextlib.contextmanager
def _grid_executor(workers: int, dask: str | None) -> Iterator[Executor | None]:
    """Where the grid lines of a map run: a Dask cluster, a pool of processes, or here."""
    if dask:
        with dask_executor(dask) as pool:
            yield pool
    elif workers > 1:
        from ..core.workers import worker_pool

        with worker_pool(workers) as pool:
            yield pool
    else:
        yield None


def _map(loaded, spec, criterion, target, grid, ranges, executor, plot, force, fmt) -> None:
    from ..present.sensitivity_map import map_sections
    from ..sensitivity.grid import sensitivity_map

    keys = [part.strip() for part in spec.split(",")]
    if len(keys) != 2 or not all(keys):
        raise UsageError(f'--map: {spec!r} is not X,Y (two keys, e.g. "kappa,cost:trade_disruption@Pakistan")')
    if criterion and len(criterion) > 1:
        raise UsageError("--map: give one --criterion (the map shows one criterion)")
    chosen = criterion[0] if criterion else "nash"
    x_range, y_range = ranges
    result = sensitivity_map(loaded, keys[0], keys[1], chosen, target, grid, x_range, y_range, executor)
    if plot:
        from ..present.sensitivity_plot import plot_map

        typer.echo(f"wrote {plot_map(result, plot, force=force)}", err=True)
    render(fmt, lambda: map_sections(result), result.to_dict, heading=loaded.title, primary="cells")
