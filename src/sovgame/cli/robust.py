"""``sovgame robust``: how robust the verdicts are, with a progress bar for long runs and, with
``--dask``, the samples on a Dask cluster."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import SovgameError, UsageError, extra_hint
from ..present.render import OutputFormat, render
from .app import CostOpt, FormatOpt, GameArg, TargetOpt, app, user_errors

if TYPE_CHECKING:  # rich's progress bar is imported only when a run is long enough to show it
    from concurrent.futures import Executor

    from rich.progress import Progress, TaskID

#: Seconds to wait for a Dask scheduler to answer before giving up.
DASK_CONNECT_TIMEOUT = 5


@contextlib.contextmanager
def dask_executor(address: str | None) -> Iterator[Executor | None]:
    """An executor that runs work on the Dask cluster whose scheduler is at ``address``
    (``dask.distributed``'s ``Client(address).get_executor()``), or None without an address.

    The scheduler is reached first with a timeout of :data:`DASK_CONNECT_TIMEOUT` seconds, so
    a wrong address fails soon and cleanly (a client that never connected would linger).
    """
    if not address:
        yield None
        return
    try:
        import distributed
    except ImportError:
        raise UsageError(
            f"--dask: running on a Dask cluster needs the cluster extra: {extra_hint('cluster')}"
        ) from None
    _reach(address)
    client = distributed.Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    try:
        with client.get_executor() as pool:
            yield pool
    finally:
        client.close()


def _reach(address: str) -> None:
    """Open and close one connection to the scheduler, or raise an error naming ``--dask``."""
    import asyncio

    from distributed.comm import connect

    async def probe() -> None:
        comm = await connect(address, timeout=DASK_CONNECT_TIMEOUT)
        await comm.close()

    try:
        asyncio.run(probe())
    except ValueError as exc:
        raise UsageError(f"--dask: {address!r} is not a scheduler address ({exc}); e.g. tcp://scheduler:8786") from None
    except (OSError, TimeoutError) as exc:
        raise SovgameError(f"--dask: cannot reach a Dask scheduler at {address}: {exc}") from None


class _DelayedProgress:
    """A rich progress bar on stderr that appears only once a run has taken a second, and never
    when stderr is not a terminal. Called as ``progress(done, total, stage)``."""

    def __init__(self, delay: float = 1.0):
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._delay = delay
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, done: int, total: int, stage: str) -> None:
        if self._bar is None:
            if self._clock() - self._start < self._delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def close(self) -> None:
        """Take the bar off the screen, if it was shown."""
        if self._bar is not None:
            self._bar.stop()


DaskOpt = Annotated[
    str | None, typer.Option("--dask", metavar="ADDRESS", envvar="SOVGAME_DASK", help="Dask scheduler (same output).")
]


@app.command("robust")
@user_errors(progress=False, computes=True)  # the run shows its own progress bar
def robust_command(
    game: GameArg,
    samples: Annotated[int, typer.Option("--samples", "-n", help="Games to draw.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (>= 0).")] = 0,
    noise: Annotated[float | None, typer.Option("--noise", help="SD of payoff noise (cardinal games).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes.")] = 1,
    dask: DaskOpt = None,
    target: TargetOpt = None,
    cost: CostOpt = None,
    unique_subsample: Annotated[
        int | None, typer.Option("--unique-subsample", help="Exact 'only equilibrium' samples (default: ±0.005).")
    ] = None,
    section_draws: Annotated[
        int, typer.Option("--section-draws", metavar="N", help="Exact draws of section ranges (0: none).")
    ] = 100,
    free_order: Annotated[
        bool, typer.Option("--free-order", help="Draw payoffs from [payoff_ranges], orderings free.")
    ] = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """How robust the verdicts are to numbers the file cannot pin.

    Thresholds over many games drawn consistent with the file: payoffs of the same ranking, or
    within [payoff_ranges] whatever their ranking (--free-order).

    Example: sovgame robust pakistan_afghanistan --samples 100000 --seed 1
    """
    # long: its options, one typed parameter each, are most of its lines; the work is in the library.
    import sys

    from ..loading import load_game
    from ..present.robust import robust_sections
    from ..robustness.runner import robust

    if section_draws < 0:
        raise UsageError("--section-draws: a number of draws, 0 or more")
    if dask and workers != 1:
        raise UsageError("--workers: the workers of a Dask cluster (--dask) are its own; leave --workers out")
    loaded = load_game(game)
    if free_order:
        _free_order(loaded, samples, seed, fmt, noise is not None or dask is not None or workers != 1)
        return
    progress = _DelayedProgress() if sys.stderr.isatty() else None
    try:
        with dask_executor(dask) as executor:
            result = robust(
                loaded,
                samples,
                seed,
                noise,
                workers,
                executor,
                progress,
                target=target,
                costs=cost,
                unique_subsample=unique_subsample,
            )
    finally:
        if progress is not None:
            progress.close()
    from ..present.ranges import draws_section, draws_to_json, section_draws_section
    from ..robustness.model_draws import draw_models

    models = draw_models(loaded, samples, seed)  # None unless the file declares [spoiler] or [bargaining] ranges
    sections = _section_draws(loaded, samples, seed, section_draws)  # None unless a ranged number is read
    render(
        fmt,
        lambda: (
            robust_sections(result)
            + ([draws_section(models)] if models else [])
            + ([section_draws_section(sections)] if sections else [])
        ),
        lambda: (
            result.to_dict()
            | ({"models": draws_to_json(models)} if models else {})
            | ({"sections": sections.json_data()} if sections else {})
        ),
        heading=result.game.title,
        primary="robustness",
    )


def _section_draws(loaded, samples: int, seed: int, most: int):
    """The ranged section numbers drawn (:mod:`sovgame.findings.section_draws`); None, without
    importing the claim graders, for a file with neither claims nor ranged effects."""
    from ..findings.section_draws import draw_sections, may_draw

    return draw_sections(loaded, samples, seed, most) if most > 0 and may_draw(loaded) else None


def _free_order(loaded, samples: int, seed: int, fmt: OutputFormat, other_options: bool) -> None:
    """``robust --free-order``: draws within [payoff_ranges] (:mod:`sovgame.findings.free_order`)."""
    from ..findings.free_order import free_order
    from ..present.readings import free_order_sections

    if other_options:
        raise UsageError("--free-order: draws in this process, without --noise, --workers or --dask")
    result = free_order(loaded, samples, seed)
    render(fmt, lambda: free_order_sections(result), result.json_data, heading=loaded.title, primary="free_order")
