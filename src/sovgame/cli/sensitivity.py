"""``sovgame sensitivity``: what decides each verdict, one number at a time, or a map of two."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import typer

from ..errors import UsageError
from ..present.render import OutputFormat, render
from .app import CostOpt, FormatOpt, GameArg, SetOpt, app, user_errors

#: ``--criterion`` may also name the claims' grades.
CLAIMS = "claims"


def _range(text: str | None, option: str) -> tuple[Fraction, Fraction] | None:
    """ "lo,hi" as two exact numbers."""
    if text is None:
        return None
    parts = text.split(",")
    try:
        lo, hi = (Fraction(part.strip()) for part in parts)
    except (ValueError, ZeroDivisionError):
        raise UsageError(f"{option}: {text!r} is not lo,hi (e.g. 0,2 or 1/4,3/4)") from None
    return lo, hi


@app.command("sensitivity")
@user_errors
def sensitivity_command(
    game: GameArg,
    criterion: Annotated[
        list[str] | None,
        typer.Option(
            "--criterion",
            help="Follow only this criterion (repeatable): nash, strict, dominant, unique, risk_dominant, or claims.",
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", help="Show only the K rows with the smallest margins.")] = None,
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot", metavar="FILE.png", help="Also draw a tornado chart (with --map: the map) (matplotlib)."
        ),
    ] = None,
    map_: Annotated[
        str | None,
        typer.Option(
            "--map", metavar="X,Y", help='Two numbers (keys as in the JSON, or "kappa"): the verdict over a grid.'
        ),
    ] = None,
    grid: Annotated[int, typer.Option("--grid", help="Points per axis of --map.")] = 41,
    x_range: Annotated[str | None, typer.Option("--x-range", metavar="LO,HI", help="Range of the map's X.")] = None,
    y_range: Annotated[str | None, typer.Option("--y-range", metavar="LO,HI", help="Range of the map's Y.")] = None,
    target: Annotated[
        str | None, typer.Option("--target", help='Target outcome "s1|s2" (default: every compromise strategy).')
    ] = None,
    cost: CostOpt = None,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """What decides each verdict: for every number of the file, the exact interval over which
    the verdict stays, the margin to the nearest change, and the threshold as a function of it.

    Example: sovgame sensitivity pakistan_afghanistan --criterion unique --top 5
    """
    from ..files.gamefile import load_game

    loaded = load_game(game, set_ or ())
    if top is not None and top < 1:
        raise UsageError(f"--top: must be at least 1, not {top}")
    if map_ is not None:
        _map(
            loaded, map_, criterion, target, grid, _range(x_range, "--x-range"), _range(y_range, "--y-range"), plot, fmt
        )
        return
    from ..findings.sensitivity import sensitivity
    from ..present.sensitivity import sensitivity_sections, sensitivity_to_json

    chosen = [c for c in criterion or [] if c != CLAIMS]
    claims = not criterion or CLAIMS in criterion
    result = sensitivity(loaded, target, cost, chosen if criterion else None, claims=claims)
    if plot:
        from ..present.sensitivity_plot import plot_tornado

        typer.echo(f"wrote {plot_tornado(result, plot)}", err=True)
    render(
        fmt,
        lambda: sensitivity_sections(result, top),
        lambda: sensitivity_to_json(result, top),
        heading=loaded.title,
        primary="sensitivity",
    )


def _map(loaded, spec, criterion, target, grid, x_range, y_range, plot, fmt) -> None:
    from ..findings.sensitivity_map import sensitivity_map
    from ..present.sensitivity_map import map_sections, map_to_json

    keys = [part.strip() for part in spec.split(",")]
    if len(keys) != 2 or not all(keys):
        raise UsageError(f'--map: {spec!r} is not X,Y (two keys, e.g. "kappa,cost:trade_disruption@Pakistan")')
    if criterion and len(criterion) > 1:
        raise UsageError("--map: give one --criterion (the map shows one criterion)")
    chosen = criterion[0] if criterion else "nash"
    result = sensitivity_map(loaded, keys[0], keys[1], chosen, target, grid, x_range, y_range)
    if plot:
        from ..present.sensitivity_plot import plot_map

        typer.echo(f"wrote {plot_map(result, plot)}", err=True)
    render(
        fmt,
        lambda: map_sections(result, cells=fmt == OutputFormat.csv),
        lambda: map_to_json(result),
        heading=loaded.title,
        primary="cells",
    )
