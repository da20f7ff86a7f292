"""Two more lenses on the same conflict: ordinal stability (GMCR) and logit quantal response."""

from __future__ import annotations

import math
from typing import Annotated

import typer

from ..errors import UsageError
from ..present.render import OutputFormat, render
from .app import ForceOpt, FormatOpt, GameArg, KappaOpt, TodayOpt, app, parse_kappa, user_errors


@app.command("stability")
@user_errors(computes=True)
def stability_command(
    game: GameArg,
    kappa: KappaOpt = "0",
    start: Annotated[
        str | None,
        typer.Option("--from", help='State the status-quo analysis starts from, "s1|s2" (default: the status quo).'),
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Ordinal stability (GMCR): Nash, GMR, SMR and SEQ.

    The Graph Model for Conflict Resolution: each state's stability for each player, the
    sanctions, the κ over which each state is stable, and the unilateral improvements from the
    status quo to compromise.

    Example: sovgame stability prisoners_dilemma
    """
    from ..core.budget import require
    from ..core.lens_work import stability_work
    from ..loading import load_case
    from ..play.gmcr import stability
    from ..present.stability import stability_sections

    level = parse_kappa(kappa)
    case = load_case(game)
    require(stability_work(case.game.shape))
    result = stability(case, level, start)
    render(fmt, lambda: stability_sections(result), result.to_dict, heading=case.title, primary="states")


@app.command("qre")
@user_errors(computes=True)
def qre_command(
    game: GameArg,
    kappa: TodayOpt = "1",
    lam: Annotated[float | None, typer.Option("--lambda", help="Precision λ ≥ 0 at which to read the branch.")] = None,
    plot: Annotated[
        str | None, typer.Option("--plot", metavar="FILE.svg", help="Draw P(compromise) against λ for a few κ.")
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    force: ForceOpt = False,
) -> None:
    """Logit quantal response equilibrium, along λ and κ (floats).

    The principal branch from uniform play (λ = 0) to its Nash limit, each player's probability
    of compromise along it, and the κ from which the limit is compromise; each point with its
    residual.

    Example: sovgame qre pakistan_afghanistan --lambda 1
    """
    from ..core.budget import require
    from ..core.lens_work import qre_work
    from ..loading import load_case
    from ..play.quantal import quantal
    from ..present.figures import check_plot_output
    from ..present.qre import qre_sections

    if lam is not None and not (math.isfinite(lam) and lam >= 0):
        raise UsageError(f"--lambda: give a finite number >= 0, not {lam}")
    level = parse_kappa(kappa)
    if plot:
        check_plot_output(plot, force)  # before any work
    case = load_case(game)
    require(qre_work(case.game.shape, 30))
    result = quantal(case, level, lam)
    if plot:
        from ..present.qre_plot import plot_qre

        typer.echo(f"wrote {plot_qre(result, plot, force=force)}", err=True)
    render(fmt, lambda: qre_sections(result), result.to_dict, heading=case.title, primary="branch")
