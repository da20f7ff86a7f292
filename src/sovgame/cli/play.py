"""Commands on play beyond one shot: mediation, repeated play and learning dynamics."""

from __future__ import annotations

import math
from typing import Annotated

import typer

from ..errors import UsageError
from ..present.render import OutputFormat, render
from .app import ForceOpt, FormatOpt, GameArg, KappaOpt, TargetOpt, TodayOpt, app, parse_kappa, user_errors


@app.command("mediate")
@user_errors(computes=True)
def mediate_command(
    game: GameArg, kappa: TodayOpt = "1", target: TargetOpt = None, fmt: FormatOpt = OutputFormat.table
) -> None:
    """What a mediator achieves by recommendation or leverage.

    Recommendation alone (correlated equilibria), and what leverage (transfers, guarantees)
    would cost.

    Example: sovgame mediate pakistan_afghanistan_mediation --kappa 0
    """
    from ..loading import load_game
    from ..play.mediation import mediate
    from ..present.play import mediation_sections

    level = parse_kappa(kappa)
    loaded = load_game(game)
    result = mediate(loaded, level, target)
    render(fmt, lambda: mediation_sections(result), result.to_dict, heading=result.game.title, primary="leverage")


@app.command("repeated")
@user_errors(computes=True)
def repeated_command(
    game: GameArg,
    kappa: TodayOpt = "1",
    discount: Annotated[
        str | None, typer.Option("--discount", help="Discount factor δ in (0, 1) (default: [repeated]).")
    ] = None,
    noise: Annotated[
        str | None, typer.Option("--noise", help="Chance ε that an action is flipped (default 1/20).")
    ] = None,
    pair: Annotated[str, typer.Option("--pair", help="Two of tft, gtft, wsls, grim, alld.")] = "tft,tft",
    periods: Annotated[
        int, typer.Option("--periods", min=1, metavar="N", help="Periods simulated as a cross-check.")
    ] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the simulation.")] = 0,
    plot: Annotated[
        str | None, typer.Option("--plot", metavar="FILE.png", help="Draw a timeline of the simulated play.")
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    force: ForceOpt = False,
) -> None:
    """Repeated play: grim trigger, noise and cycles of violence.

    Grim-trigger discount thresholds, noisy strategies in the long run, and cycles of violence
    and ceasefire under imperfect monitoring.

    Example: sovgame repeated pakistan_afghanistan_repeated --pair tft,grim
    """
    from ..core.budget import repeated_work, require
    from ..loading import load_game
    from ..play.repeated import analyze_repeated
    from ..present.figures import check_plot_output
    from ..present.play import repeated_sections

    names = tuple(part.strip() for part in pair.split(","))
    if len(names) != 2:
        raise UsageError(f"--pair: give two strategies separated by a comma, not {pair!r}")
    level = parse_kappa(kappa)
    delta = parse_kappa(discount, "--discount") if discount is not None else None
    epsilon = parse_kappa(noise, "--noise") if noise is not None else None
    if plot:
        check_plot_output(plot, force)  # before any work
    require(repeated_work(periods))
    result = analyze_repeated(
        load_game(game), level, discount=delta, noise=epsilon, pair=names, periods=periods, seed=seed
    )
    if plot:
        from ..present.plot import plot_timeline

        typer.echo(f"wrote {plot_timeline(result, plot, force=force)}", err=True)
    render(fmt, lambda: repeated_sections(result), result.to_dict, heading=result.game.title, primary="stationary")


@app.command("dynamics")
@user_errors(computes=True)
def dynamics_command(
    game: GameArg,
    kappa: KappaOpt = "0",
    start: Annotated[
        str | None,
        typer.Option("--start", help='Starting mixed strategies, e.g. "0.7,0.3;0.7,0.3" (default: uniform).'),
    ] = None,
    method: Annotated[str, typer.Option("--method", help="replicator, fictitious or both.")] = "both",
    horizon: Annotated[
        float, typer.Option("--time", min=0.1, metavar="T", help="How long the replicator dynamics run.")
    ] = 50.0,
    iterations: Annotated[
        int, typer.Option("--iterations", min=1, metavar="N", help="Rounds of fictitious play.")
    ] = 2000,
    plot: Annotated[str | None, typer.Option("--plot", metavar="FILE.png", help="Draw the trajectories.")] = None,
    fmt: FormatOpt = OutputFormat.table,
    force: ForceOpt = False,
) -> None:
    """Where play drifts: replicator dynamics, fictitious play.

    From a starting point, and the equilibrium they select (two players).

    Example: sovgame dynamics stag_hunt --start "0.7,0.3;0.7,0.3"
    """
    from ..core.budget import dynamics_work, require
    from ..loading import load_game
    from ..play.dynamics import parse_start, run_dynamics
    from ..present.figures import check_plot_output
    from ..present.play import dynamics_sections

    methods = {
        "replicator": ("replicator",),
        "fictitious": ("fictitious play",),
        "both": ("replicator", "fictitious play"),
    }
    if method not in methods:
        raise UsageError(f"--method: choose replicator, fictitious or both, not {method!r}")
    if not math.isfinite(horizon):
        raise UsageError(f"--time: give a finite length of time >= 0.1, not {horizon}")
    level = parse_kappa(kappa)
    if plot:
        check_plot_output(plot, force)  # before any work
    loaded = load_game(game)
    require(dynamics_work(loaded.game.shape, methods[method], horizon, iterations))
    result = run_dynamics(
        loaded, level, parse_start(start, loaded.game) if start else None, methods[method], horizon, iterations
    )
    if plot:
        from ..present.plot import plot_dynamics

        typer.echo(f"wrote {plot_dynamics(result, plot, force=force)}", err=True)
    render(fmt, lambda: dynamics_sections(result), result.to_dict, heading=loaded.title, primary="dynamics")
