"""Commands that solve and analyse one game: equilibria, thresholds, regimes, the main job,
what-ifs, scenarios and reports."""

from __future__ import annotations

import io
from typing import Annotated

import typer

from ..errors import SovgameError, UsageError
from ..present.render import OutputFormat, render
from .app import (
    CostOpt,
    ForceOpt,
    FormatOpt,
    GameArg,
    KappaOpt,
    SetOpt,
    TargetOpt,
    TodayOpt,
    WideOpt,
    app,
    parse_kappa,
    user_errors,
)
from .completion import complete_vary


@app.command("solve")
@user_errors(computes=True)
def solve_command(
    game: GameArg,
    kappa: KappaOpt = "0",
    set_: SetOpt = None,
    check_nashpy: Annotated[
        bool, typer.Option("--check-nashpy", help="Cross-check with nashpy's vertex enumeration.")
    ] = False,
    fmt: FormatOpt = OutputFormat.table,
    wide: WideOpt = False,
) -> None:
    """Every Nash equilibrium, pure and mixed, exactly verified.

    Example: sovgame solve stag_hunt --format json
    """
    from ..loading import load_game
    from ..present.equilibria import solution_to_json, solve_sections
    from ..solvers.crosscheck import cross_check_nashpy
    from ..solvers.equilibria import solve

    solution = solve(load_game(game, set_ or ()), parse_kappa(kappa))
    check = None
    if check_nashpy:
        if solution.game.without_single_strategy_players().n_players != 2:
            raise UsageError("--check-nashpy: nashpy handles two-player games only")
        check = cross_check_nashpy(solution)
    render(
        fmt,
        lambda: solve_sections(solution, check),
        lambda: solution_to_json(solution, check),
        heading=solution.game.title,
        primary="equilibria",
        wide=solution.wide_records if wide else None,
    )


@app.command("thresholds")
@user_errors(computes=True)
def thresholds_command(
    game: GameArg,
    target: TargetOpt = None,
    cost: CostOpt = None,
    discount: Annotated[
        str | None,
        typer.Option(
            "--discount", help="Discount factor δ in (0, 1): the κ that sustains compromise in repeated play."
        ),
    ] = None,
    vary: Annotated[
        str | None,
        typer.Option(
            "--vary",
            help='"capacity": each threshold as a function of the success probability q of the file\'s limited '
            'strategy ("capacity:Player@Strategy" names one).',
            autocompletion=complete_vary,
        ),
    ] = None,
    kappa: Annotated[
        str | None,
        typer.Option("--kappa", "-k", help="Also say which criteria hold at this κ, and the equilibria there."),
    ] = None,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    wide: WideOpt = False,
) -> None:
    """The cost levels at which compromise holds, with verdicts.

    Compromise as an equilibrium, strict, dominant, the only equilibrium and risk-dominant, each
    verdict read against the plausible range.

    Example: sovgame thresholds pakistan_afghanistan --cost trade_disruption
    """
    from ..costs.thresholds import compute_thresholds
    from ..loading import load_game
    from ..present.thresholds import at_kappa_section, at_kappa_to_json, thresholds_sections

    if vary is not None:
        if wide:
            raise UsageError("--wide: not with --vary (the thresholds along q have no one row per criterion)")
        if kappa is not None:
            raise UsageError("--kappa: --vary capacity gives thresholds as functions of q; leave --kappa out")
        _vary(load_game(game, set_ or ()), vary, target, cost, fmt)
        return
    delta = parse_kappa(discount, "--discount") if discount is not None else None
    at = parse_kappa(kappa) if kappa is not None else None
    loaded = load_game(game, set_ or ())
    report = compute_thresholds(loaded, target, cost, delta)
    solution = None
    if at is not None:
        from ..solvers.equilibria import solve

        solution = solve(loaded, at, cost)
    extra = [] if solution is None else [at_kappa_section(report, solution)]
    render(
        fmt,
        lambda: thresholds_sections(report) + extra,
        lambda: report.to_dict() | ({} if solution is None else {"at_kappa": at_kappa_to_json(report, solution)}),
        heading=report.game.title,
        primary="thresholds",
        wide=report.wide_records if wide else None,
    )


def _vary(loaded, vary: str, target: str | None, cost: list[str] | None, fmt: OutputFormat) -> None:
    """``thresholds --vary capacity[:Player@Strategy]``."""
    from ..costs.capacity import vary_capacity
    from ..present.capacity import capacity_sections

    what, _, strategy = vary.partition(":")
    if what.strip() != "capacity":
        raise UsageError(f'--vary: only "capacity" (or "capacity:Player@Strategy") can be varied, not {vary!r}')
    result = vary_capacity(loaded, strategy.strip() or None, target, cost)
    render(fmt, lambda: capacity_sections(result), result.to_dict, heading=loaded.title, primary="capacity")


@app.command("sweep")
@user_errors(computes=True)
def sweep_command(
    game: GameArg,
    to: Annotated[
        str | None, typer.Option("--to", help="Largest κ shown (default: a little past the last breakpoint).")
    ] = None,
    cost: CostOpt = None,
    plot: Annotated[
        str | None,
        typer.Option("--plot", metavar="FILE.png", help="Also draw the regimes to this file (needs matplotlib)."),
    ] = None,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    force: ForceOpt = False,
) -> None:
    """Breakpoints in κ and the equilibria between them.

    Example: sovgame sweep pakistan_afghanistan --plot regimes.png
    """
    from ..costs.regimes import sweep
    from ..loading import load_game
    from ..present.figures import check_plot_output
    from ..present.thresholds import sweep_sections

    upper = parse_kappa(to, "--to") if to is not None else None
    if plot:
        check_plot_output(plot, force)  # before any work
    loaded = load_game(game, set_ or ())
    result = sweep(loaded, cost, upper)
    if plot:
        from ..costs.thresholds import compute_thresholds
        from ..present.plot import plot_sweep

        report = compute_thresholds(loaded, costs=cost) if loaded.game.compromise_profile is not None else None
        written = plot_sweep(result, plot, report, force=force, to=None if upper is None else float(upper))
        typer.echo(f"wrote {written}", err=True)
    render(fmt, lambda: sweep_sections(result), result.to_dict, heading=loaded.title, primary="regimes")


@app.command("analyze")
@user_errors(computes=True)
def analyze_command(
    game: Annotated[
        str, typer.Argument(metavar="[GAME]", help="Game to analyze (default: the bundled case).")
    ] = "pakistan_afghanistan",
    set_: SetOpt = None,
    export_svg: Annotated[
        str | None, typer.Option("--export-svg", metavar="FILE", help="Also save the tables as SVG.")
    ] = None,
    export_html: Annotated[
        str | None, typer.Option("--export-html", metavar="FILE", help="Also save the tables as HTML.")
    ] = None,
    kappa: Annotated[
        str | None, typer.Option("--kappa", "-k", help="Also show the equilibria at this cost level κ.")
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Print only the bottom line.")] = False,
    fmt: FormatOpt = OutputFormat.table,
    force: ForceOpt = False,
) -> None:
    """The main job: equilibria, thresholds and the verdict.

    Example: sovgame analyze pakistan_afghanistan
    """
    from ..files.atomic import check_output
    from ..findings.analysis import analyze
    from ..loading import load_game
    from ..present.analysis import analysis_sections, brief_sections

    exports = [path for path in (export_svg, export_html) if path]
    if export_svg and export_svg == export_html:
        raise UsageError("--export-svg and --export-html name the same file")
    if brief and (exports or fmt not in (OutputFormat.table, OutputFormat.markdown)):
        raise UsageError('--brief shortens the table and Markdown; the JSON\'s "bottom_line" holds the same lines')
    for path in exports:
        check_output(path, force)  # before any work
    loaded = load_game(game, set_ or ())
    for path in exports:
        check_output(path, force)  # and never the game just read
    result = analyze(loaded)
    asked = None
    if kappa is not None:
        from ..solvers.equilibria import solve

        asked = solve(loaded, parse_kappa(kappa))
    if exports:
        _export(analysis_sections(result, asked), result.game.title, export_svg, export_html, force)
        return
    render(
        fmt,
        lambda: brief_sections(result) if brief else analysis_sections(result, asked),
        lambda: result.to_dict() | ({} if asked is None else {"equilibria_at_kappa": asked.to_dict()}),
        heading=result.game.title,
        primary="equilibria",
    )


def _export(sections, title: str, svg: str | None, page: str | None, force: bool) -> None:
    """The tables of ``analyze`` as they look in a terminal, saved as SVG and/or HTML."""
    from rich.console import Console

    from ..files.atomic import check_output, write_atomically
    from ..present.render import print_tables

    console = Console(record=True, file=io.StringIO())
    print_tables(sections, title, console)
    if svg:
        write_atomically(check_output(svg, force), console.export_svg(title=title, clear=False))
        typer.echo(f"wrote {svg}", err=True)
    if page:
        write_atomically(check_output(page, force), console.export_html(clear=False))
        typer.echo(f"wrote {page}", err=True)


@app.command("claims")
@user_errors(computes=True)
def claims_command(
    game: GameArg, set_: SetOpt = None, fmt: FormatOpt = OutputFormat.table, wide: WideOpt = False
) -> None:
    """Grade the claims the game file states.

    Each claim's quantity, the computed value, what the claim expects, the grade and the reason.

    Example: sovgame claims pakistan_afghanistan --format json
    """
    from ..findings.readings import analyze_readings, readings_to_json
    from ..loading import load_game
    from ..present.claims import scorecard_sections, scorecard_to_json
    from ..present.readings import readings_sections
    from ..present.sensitivity import deciding_section
    from ..sensitivity.falsify import grade_claims
    from ..sensitivity.one_number import deciding_within_limit

    loaded = load_game(game, set_ or ())
    scorecard = grade_claims(loaded)
    if scorecard is None:
        raise SovgameError(
            f'{loaded.origin}: claims: the file states no claims; add [[claims]] tables (see the README, "Claims")'
        )
    readings = analyze_readings(loaded, scorecard=scorecard)
    found, left_out = deciding_within_limit(loaded, criteria=(), scorecard=scorecard)
    decided = None if found is None else list(found)
    shown = [] if readings is None else readings_sections(readings)
    render(
        fmt,
        lambda: (
            scorecard_sections(scorecard)
            + shown
            + [deciding_section(decided, "What decides the grades", left_out, scorecard)]
        ),
        lambda: scorecard_to_json(scorecard, decided, left_out) | {"readings": readings_to_json(readings)},
        heading=loaded.title,
        primary="claims",
        wide=scorecard.wide_records if wide else None,
    )


@app.command("whatif")
@user_errors(computes=True)
def whatif_command(
    game: GameArg, set_: SetOpt = None, kappa: TodayOpt = "1", fmt: FormatOpt = OutputFormat.table
) -> None:
    """The game before and after --set changes.

    Payoffs less costs at κ with its equilibria starred, equilibria gained and lost, each
    threshold before → after.

    Example: sovgame whatif pakistan_afghanistan --set "cost:trade_disruption=1,1"
    """
    from ..costs.scenarios import what_if
    from ..present.analysis import whatif_sections

    if not set_:
        raise UsageError("whatif needs at least one --set change")
    result = what_if(game, set_, parse_kappa(kappa))
    render(
        fmt, lambda: whatif_sections(result), result.to_dict, heading=result.changed.game.title, primary="thresholds"
    )


@app.command("scenarios")
@user_errors(computes=True)
def scenarios_command(
    games: Annotated[
        list[str], typer.Argument(metavar="GAME...", help="Scenario files or bundled names; the first is the baseline.")
    ],
    kappa: TodayOpt = "1",
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Also write a report: .md, .html or .json.")
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    force: ForceOpt = False,
) -> None:
    """Scenarios side by side, and what changed against the first.

    Equilibria at κ (default: today's costs), thresholds and verdicts.

    Example: sovgame scenarios scenario_status_quo scenario_escalation scenario_india_engaged
    """
    from ..costs.scenarios import compare_scenarios
    from ..present.analysis import scenarios_sections, scenarios_to_json

    if output:
        from ..present.report import write_scenarios_report

        for path in write_scenarios_report(games, output, parse_kappa(kappa), force):
            typer.echo(f"wrote {path}", err=True)
        return
    scenarios, changes = compare_scenarios(games, parse_kappa(kappa))
    render(
        fmt,
        lambda: scenarios_sections(scenarios, changes),
        lambda: scenarios_to_json(scenarios, changes),
        primary="scenarios",
    )


@app.command("report")
@user_errors(computes=True)
def report_command(
    game: GameArg,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Report file: .md, .html or .json.")],
    set_: SetOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write the whole analysis as Markdown, HTML or JSON.

    Description and sources, payoffs with notes, equilibria, thresholds with verdicts and
    reasons, the regime chart, the conclusion and the assumptions.

    Example: sovgame report pakistan_afghanistan -o report.html
    """
    from pathlib import Path

    from ..loading import load_case
    from ..present.report import has_matplotlib, no_chart, write_report

    for path in write_report(game, output, set_ or (), force, load=load_case):
        typer.echo(f"wrote {path}", err=True)
    if Path(output).suffix.lower() in (".md", ".html") and not has_matplotlib():
        typer.echo(f"sovgame: {no_chart()}", err=True)
