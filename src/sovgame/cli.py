"""The ``sovgame`` command line: parse, call the library, render. No game theory here.

Errors a user can fix (:class:`sovgame.errors.SovgameError`) are printed on stderr without a
traceback and exit with code 1 (bad input) or 2 (bad usage); typer's own usage errors exit 2.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Annotated

import typer

from .errors import ParameterError, SovgameError, UsageError
from .present.render import OutputFormat, render

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
SetOpt = Annotated[list[str] | None, typer.Option(
    "--set", metavar="CHANGE", help='Change the game in memory (repeatable): "s1|s2=u1,u2", "Player@s1|s2=u", '
    '"cost:NAME=w1,w2" or "plausible_kappa=lo,hi".')]
KappaOpt = Annotated[str, typer.Option("--kappa", "-k", help="Cost level κ ≥ 0 (1 = costs as in the file; 4/3 is fine).")]


def _version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"sovgame {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool | None, typer.Option(
        "--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")] = None,
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
    from .files.gamefile import bundled_games
    from .present.game import games_section

    rows = bundled_games()
    render(fmt, [games_section(rows)], rows, primary="games")


@app.command("show")
@user_errors
def show_command(game: GameArg, fmt: FormatOpt = OutputFormat.table) -> None:
    """Show a game: the payoff matrix, the notes on outcomes and the costs of conflict."""
    from .files.gamefile import load_game
    from .present.game import game_sections, game_to_json

    loaded = load_game(game)
    render(fmt, game_sections(loaded), game_to_json(loaded), heading=loaded.title, primary="payoffs")


@app.command("solve")
@user_errors
def solve_command(
    game: GameArg, kappa: KappaOpt = "0", set_: SetOpt = None,
    check_nashpy: Annotated[bool, typer.Option("--check-nashpy", help="Also run nashpy's vertex enumeration and say which equilibria it finds.")] = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Every Nash equilibrium, pure and mixed, verified in exact arithmetic.

    Example: sovgame solve stag_hunt --format json
    """
    from .files.gamefile import load_game
    from .present.equilibria import solution_to_json, solve_sections
    from .solvers.crosscheck import cross_check_nashpy
    from .solvers.equilibria import solve

    solution = solve(load_game(game, set_ or ()), parse_kappa(kappa))
    check = None
    if check_nashpy:
        if solution.game.n_players != 2:
            raise UsageError("--check-nashpy: nashpy handles two-player games only")
        check = cross_check_nashpy(solution)
    render(fmt, lambda: solve_sections(solution, check), lambda: solution_to_json(solution, check),
           heading=solution.game.title, primary="equilibria")


CostOpt = Annotated[list[str] | None, typer.Option(
    "--cost", help="Keep only this cost (repeatable): how high must it alone go?")]


@app.command("thresholds")
@user_errors
def thresholds_command(
    game: GameArg,
    target: Annotated[str | None, typer.Option("--target", help='Target outcome "s1|s2" (default: every compromise strategy).')] = None,
    cost: CostOpt = None,
    discount: Annotated[str | None, typer.Option("--discount", help="Discount factor δ in (0, 1): the κ that sustains compromise in repeated play.")] = None,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The cost levels at which compromise becomes an equilibrium, strict, dominant, the only
    equilibrium and risk-dominant, each with a verdict against the plausible range.

    Example: sovgame thresholds pakistan_afghanistan --cost trade_disruption
    """
    from .costs.thresholds import compute_thresholds
    from .files.gamefile import load_game
    from .present.thresholds import report_to_json, thresholds_sections

    delta = parse_kappa(discount, "--discount") if discount is not None else None
    report = compute_thresholds(load_game(game, set_ or ()), target, cost, delta)
    render(fmt, lambda: thresholds_sections(report), lambda: report_to_json(report), heading=report.game.title,
           primary="thresholds")


@app.command("sweep")
@user_errors
def sweep_command(
    game: GameArg,
    to: Annotated[str | None, typer.Option("--to", help="Largest κ shown (default: a little past the last breakpoint).")] = None,
    cost: CostOpt = None,
    plot: Annotated[str | None, typer.Option("--plot", metavar="FILE.png", help="Also draw the regimes to this file (needs matplotlib).")] = None,
    set_: SetOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The exact breakpoints in κ and the equilibria in each regime between them.

    Example: sovgame sweep pakistan_afghanistan --plot regimes.png
    """
    from .costs.regimes import sweep
    from .files.gamefile import load_game
    from .present.thresholds import sweep_sections, sweep_to_json

    loaded = load_game(game, set_ or ())
    result = sweep(loaded, cost, parse_kappa(to, "--to") if to is not None else None)
    if plot:
        from .costs.thresholds import compute_thresholds
        from .present.plot import plot_sweep

        report = compute_thresholds(loaded, costs=cost) if loaded.compromise_profile is not None else None
        written = plot_sweep(result, plot, report)
        typer.echo(f"wrote {written}", err=True)
    render(fmt, lambda: sweep_sections(result), lambda: sweep_to_json(result), heading=loaded.title, primary="regimes")


@app.command("analyze")
@user_errors
def analyze_command(
    game: Annotated[str, typer.Argument(metavar="[GAME]", help="Game to analyze (default: the bundled case).")] = "pakistan_afghanistan",
    set_: SetOpt = None,
    export_svg: Annotated[str | None, typer.Option("--export-svg", metavar="FILE", help="Also save the tables as SVG.")] = None,
    export_html: Annotated[str | None, typer.Option("--export-html", metavar="FILE", help="Also save the tables as HTML.")] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The main job: payoffs, equilibria, cost thresholds and the verdict on compromise.

    Example: sovgame analyze pakistan_afghanistan
    """
    from .files.gamefile import load_game
    from .findings.analysis import analyze
    from .present.analysis import analysis_sections, analysis_to_json

    result = analyze(load_game(game, set_ or ()))
    if export_svg or export_html:
        from rich.console import Console

        from .present.render import print_tables

        console = Console(record=True)
        print_tables(analysis_sections(result), result.game.title, console)
        if export_svg:
            console.save_svg(export_svg, title=result.game.title, clear=False)
            typer.echo(f"wrote {export_svg}", err=True)
        if export_html:
            console.save_html(export_html, clear=False)
            typer.echo(f"wrote {export_html}", err=True)
        return
    render(fmt, lambda: analysis_sections(result), lambda: analysis_to_json(result),
           heading=result.game.title, primary="equilibria")


@app.command("mediate")
@user_errors
def mediate_command(
    game: GameArg, kappa: KappaOpt = "0",
    target: Annotated[str | None, typer.Option("--target", help='Target outcome "s1|s2" (default: every compromise strategy).')] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """What a mediator can achieve by recommendation alone (correlated equilibria) and what
    leverage (transfers, guarantees) would cost.

    Example: sovgame mediate pakistan_afghanistan_mediation --kappa 1
    """
    from .files.gamefile import load_game
    from .play.mediation import mediate
    from .present.play import mediation_sections, mediation_to_json

    result = mediate(load_game(game), parse_kappa(kappa), target)
    render(fmt, lambda: mediation_sections(result), lambda: mediation_to_json(result),
           heading=result.game.title, primary="leverage")


@app.command("repeated")
@user_errors
def repeated_command(
    game: GameArg, kappa: KappaOpt = "0",
    discount: Annotated[str | None, typer.Option("--discount", help="Discount factor δ in (0, 1) (default: the file's [repeated] table).")] = None,
    noise: Annotated[str | None, typer.Option("--noise", help="Chance ε that an intended action is flipped (default 1/20).")] = None,
    pair: Annotated[str, typer.Option("--pair", help="Two strategies: tft, gtft, wsls, grim, alld (e.g. tft,grim).")] = "tft,tft",
    periods: Annotated[int, typer.Option("--periods", min=1, help="Length of the simulated cross-check.")] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the simulation.")] = 0,
    plot: Annotated[str | None, typer.Option("--plot", metavar="FILE.png", help="Draw a timeline of the simulated play.")] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Repeated play: grim-trigger discount thresholds, noisy strategies in the long run, and
    cycles of violence and ceasefire under imperfect monitoring.

    Example: sovgame repeated pakistan_afghanistan_repeated --pair tft,tft --noise 0.05
    """
    from .files.gamefile import load_game
    from .play.repeated import analyze_repeated
    from .present.play import repeated_sections, repeated_to_json

    names = tuple(part.strip() for part in pair.split(","))
    if len(names) != 2:
        raise UsageError(f"--pair: give two strategies separated by a comma, not {pair!r}")
    result = analyze_repeated(
        load_game(game), parse_kappa(kappa),
        discount=parse_kappa(discount, "--discount") if discount is not None else None,
        noise=parse_kappa(noise, "--noise") if noise is not None else None,
        pair=names, periods=periods, seed=seed,
    )
    if plot:
        from .present.plot import plot_timeline

        typer.echo(f"wrote {plot_timeline(result, plot)}", err=True)
    render(fmt, lambda: repeated_sections(result), lambda: repeated_to_json(result),
           heading=result.game.title, primary="stationary")


@app.command("scenarios")
@user_errors
def scenarios_command(
    games: Annotated[list[str], typer.Argument(metavar="GAME...", help="Scenario files or bundled names; the first is the baseline.")],
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Also write a report: .md, .html or .json.")] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Scenarios side by side: equilibria, thresholds and verdicts, and what changed against
    the first.

    Example: sovgame scenarios scenario_status_quo scenario_escalation scenario_india_engaged
    """
    from .costs.scenarios import compare_scenarios
    from .present.analysis import scenarios_sections, scenarios_to_json

    if output:
        from .present.report import write_scenarios_report

        for path in write_scenarios_report(games, output):
            typer.echo(f"wrote {path}", err=True)
        return
    scenarios, changes = compare_scenarios(games)
    render(fmt, lambda: scenarios_sections(scenarios, changes), lambda: scenarios_to_json(scenarios, changes),
           primary="scenarios")


@app.command("dynamics")
@user_errors
def dynamics_command(
    game: GameArg, kappa: KappaOpt = "0",
    start: Annotated[str | None, typer.Option("--start", help='Starting mixed strategies, e.g. "0.7,0.3;0.7,0.3" (default: uniform).')] = None,
    method: Annotated[str, typer.Option("--method", help="replicator, fictitious or both.")] = "both",
    horizon: Annotated[float, typer.Option("--time", min=0.1, help="How long the replicator dynamics run.")] = 50.0,
    iterations: Annotated[int, typer.Option("--iterations", min=1, help="Rounds of fictitious play.")] = 2000,
    plot: Annotated[str | None, typer.Option("--plot", metavar="FILE.png", help="Draw the trajectories.")] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Where play drifts: replicator dynamics and fictitious play from a starting point, and
    the equilibrium they select (two players).

    Example: sovgame dynamics stag_hunt --start "0.7,0.3;0.7,0.3"
    """
    from .files.gamefile import load_game
    from .play.dynamics import parse_start, run_dynamics
    from .present.play import dynamics_sections, dynamics_to_json

    methods = {"replicator": ("replicator",), "fictitious": ("fictitious play",),
               "both": ("replicator", "fictitious play")}
    if method not in methods:
        raise UsageError(f"--method: choose replicator, fictitious or both, not {method!r}")
    loaded = load_game(game)
    result = run_dynamics(loaded, parse_kappa(kappa), parse_start(start, loaded) if start else None,
                          methods[method], horizon, iterations)
    if plot:
        from .present.plot import plot_dynamics

        typer.echo(f"wrote {plot_dynamics(result, plot)}", err=True)
    render(fmt, lambda: dynamics_sections(result), lambda: dynamics_to_json(result),
           heading=loaded.title, primary="dynamics")


@app.command("whatif")
@user_errors
def whatif_command(game: GameArg, set_: SetOpt = None, fmt: FormatOpt = OutputFormat.table) -> None:
    """The game before and after --set changes: changed cells, equilibria gained and lost,
    each threshold before → after.

    Example: sovgame whatif pakistan_afghanistan --set "cost:trade_disruption=1,1"
    """
    from .costs.scenarios import what_if
    from .present.analysis import whatif_sections, whatif_to_json

    if not set_:
        raise UsageError("whatif needs at least one --set change")
    result = what_if(game, set_)
    render(fmt, lambda: whatif_sections(result), lambda: whatif_to_json(result),
           heading=result.changed.game.title, primary="thresholds")


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
    from .files.editing import edit_file

    if not set_:
        raise UsageError("edit needs at least one --set change")
    diff = edit_file(file, set_, dry_run=dry_run)
    if dry_run:
        typer.echo(diff, nl=False)
    else:
        typer.echo(f"{file}: {'updated' if diff else 'unchanged'}", err=True)


@app.command("new")
@user_errors
def new_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to write the new game file (.toml).")],
    source: Annotated[str | None, typer.Option("--from", help="Copy this bundled game instead of the template.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Start a game file: a commented template, or a copy of a bundled game.

    Example: sovgame new my_case.toml --from pakistan_afghanistan
    """
    from .files.editing import new_file

    typer.echo(f"wrote {new_file(file, source, force)}", err=True)


@app.command("report")
@user_errors
def report_command(
    game: GameArg,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Report file: .md, .html or .json.")],
    set_: SetOpt = None,
) -> None:
    """Write a report: description and sources, payoffs with notes, equilibria, thresholds
    with verdicts and reasons, the regime chart, the conclusion and the assumptions.

    Example: sovgame report pakistan_afghanistan -o report.html
    """
    from .present.report import write_report

    for path in write_report(game, output, set_ or ()):
        typer.echo(f"wrote {path}", err=True)


@app.command("convert")
@user_errors
def convert_command(
    source: Annotated[str, typer.Argument(metavar="IN", help="A game (.toml file, bundled name or -) or a Gambit .nfg file.")],
    target: Annotated[str, typer.Argument(metavar="OUT", help="The file to write: .nfg from a game, .toml from a .nfg file.")],
    version: Annotated[str | None, typer.Option("--nfg-version", help="The .nfg version to write: payoff (the default) or outcome.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists.")] = False,
) -> None:
    """Convert between sovgame game files and Gambit's strategic-form .nfg files, exactly.

    Example: sovgame convert stag_hunt stag_hunt.nfg --nfg-version outcome
    """
    from .files.convert import convert

    result = convert(source, target, version, overwrite=force)
    typer.echo(f"wrote {result.target} ({result.target_format})", err=True)
    if result.left_out:
        typer.echo(f"left out, as {result.target.name} has no place for them:", err=True)
        typer.echo("\n".join(f"  - {part}" for part in result.left_out), err=True)
    if result.renamed:
        typer.echo("renamed to make a valid game file:", err=True)
        typer.echo("\n".join(f"  - {change}" for change in result.renamed), err=True)


class _DelayedProgress:
    """A rich progress bar on stderr that appears only once a run has taken a second, and never
    when stderr is not a terminal. Called as ``progress(done, total, stage)``."""

    def __init__(self, delay: float = 1.0):
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._delay = delay
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __call__(self, done: int, total: int, stage: str) -> None:
        if self._bar is None:
            if self._clock() - self._start < self._delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command("robust")
@user_errors
def robust_command(
    game: GameArg,
    samples: Annotated[int, typer.Option("--samples", "-n", help="Number of sampled games.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (>= 0); the same seed gives the same output.")] = 0,
    noise: Annotated[float | None, typer.Option("--noise", help="Cardinal games: standard deviation of Normal noise added to every payoff.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Processes to spread the samples over.")] = 1,
    target: Annotated[str | None, typer.Option("--target", help='Target outcome "s1|s2" (default: every compromise strategy).')] = None,
    cost: CostOpt = None,
    unique_subsample: Annotated[int | None, typer.Option("--unique-subsample", help="How many samples the fast test leaves open get the exact 'only equilibrium' threshold (default: enough for about ±0.005, 10 to 200; up to 500 with three or more players).")] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """How robust the verdicts are to what the numbers do not pin down: the thresholds over many
    games drawn consistent with the file (ordinal games: any payoffs with the same ranking).

    Example: sovgame robust pakistan_afghanistan --samples 100000 --seed 1
    """
    import sys

    from .files.gamefile import load_game
    from .present.robust import robust_sections, robust_to_json
    from .robustness.runner import robust

    loaded = load_game(game)
    progress = _DelayedProgress() if sys.stderr.isatty() else None
    try:
        result = robust(loaded, samples, seed, noise, workers, progress=progress, target=target, costs=cost,
                        unique_subsample=unique_subsample)
    finally:
        if progress is not None:
            progress.close()
    render(fmt, lambda: robust_sections(result), lambda: robust_to_json(result), heading=result.game.title,
           primary="robustness")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sovgame")


if __name__ == "__main__":  # pragma: no cover
    main()
