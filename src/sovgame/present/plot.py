"""Charts of results: the regime chart (:mod:`sovgame.present.regime_chart`), the timeline of
noisy repeated play and learning dynamics, each written to .png, .svg or .pdf.

Needs matplotlib (``pip install "sovgame[plot]"``); imported only when a plot is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..core.numbers import fmt
from .figures import check_plot_output, pyplot, save_figure, wrap_title
from .regime_chart import sweep_figure

if TYPE_CHECKING:
    from ..costs.regimes import Sweep
    from ..costs.thresholds import ThresholdReport
    from ..play.dynamics import Dynamics
    from ..play.repeated import RepeatedAnalysis


def plot_timeline(result: RepeatedAnalysis, path: str | Path, periods: int = 200, force: bool = False) -> Path:
    """The first periods of simulated noisy play, one coloured cell per period and outcome
    (.png, .svg or .pdf by the file's extension)."""
    path = Path(path)
    target = check_plot_output(path, force)
    save_figure(timeline_figure(result, periods), path, target)
    return path


def timeline_figure(result: RepeatedAnalysis, periods: int = 200) -> Any:
    """The figure of :func:`plot_timeline`."""
    from ..play.repeated import outcome_profile

    plt = pyplot()
    outcomes = [(0, 0), (0, 1), (1, 0), (1, 1)]
    shown = result.timeline[:periods]
    fig, ax = plt.subplots(figsize=(10, 3.2), layout="constrained")
    colours = ["#4477aa", "#ccbb44", "#ee6677", "#aa3377"]
    for row, outcome in enumerate(outcomes):
        xs = [t for t, o in enumerate(shown) if o == outcome]
        ax.bar(xs, [0.8] * len(xs), bottom=row - 0.4, width=1.0, color=colours[row])
    labels = [result.game.outcome_key(outcome_profile(result.target, result.confront, o)) for o in outcomes]
    ax.set_yticks(range(4), labels)
    ax.set_xlim(0, len(shown))
    ax.set_xlabel("period")
    pair = " vs ".join(result.chain.pair)
    wrap_title(fig, f"{result.game.title}: {pair}, each action flipped with probability {float(result.chain.noise):g}")
    return fig


def plot_sweep(
    result: Sweep,
    path: str | Path | BinaryIO,
    thresholds: ThresholdReport | None = None,
    force: bool = False,
    to: float | None = None,
    width: float = 9.0,
    dpi: int = 150,
) -> Path | BinaryIO:
    """Draw the regime chart (:mod:`sovgame.present.regime_chart`): one row per equilibrium
    seen, a bar where it is an equilibrium, the target highlighted, the breakpoints labelled
    and ``thresholds`` (a :class:`~sovgame.costs.thresholds.ThresholdReport`) in a table below.

    ``path`` is a .png, .svg or .pdf file (by its extension) or a binary file object (PNG);
    an existing file is replaced only with ``force``. ``to`` ends the κ axis there; ``width``
    (inches) and ``dpi`` size it (a report's chart is as wide as its text column).
    """
    target = None
    if isinstance(path, (str, Path)):
        path = Path(path)
        target = check_plot_output(path, force)
    save_figure(sweep_figure(result, thresholds, to, width), path, target, dpi)
    return path


def plot_dynamics(result: Dynamics, path: str | Path, force: bool = False) -> Path:
    """2x2 games: the path of (P(row's first strategy), P(column's first)) with equilibria
    marked; larger games: each player's probabilities over time (.png, .svg or .pdf)."""
    path = Path(path)
    target = check_plot_output(path, force)
    save_figure(dynamics_figure(result), path, target)
    return path


def dynamics_figure(result: Dynamics) -> Any:
    """The figure of :func:`plot_dynamics`."""
    plt = pyplot()
    game = result.game
    if game.shape == (2, 2):
        fig, ax = plt.subplots(figsize=(5.5, 5.4), layout="constrained")
        for t, style in zip(result.trajectories, ("-", "--")):
            ax.plot(t.row[:, 0], t.col[:, 0], style, label=t.method, linewidth=2 if style == "-" else 1.5)
        for e in result.solution.equilibria:
            ax.plot(float(e.strategies[0][0]), float(e.strategies[1][0]), "k*", markersize=12)
        ax.plot(result.start[0][0], result.start[1][0], "ko", fillstyle="none", label="start")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(f"{game.players[0].name}: P({game.players[0].strategies[0]})")
        ax.set_ylabel(f"{game.players[1].name}: P({game.players[1].strategies[0]})")
        ax.legend(fontsize=8, title=f"★ = Nash equilibrium at κ = {fmt(result.kappa)}", title_fontsize=8)
    else:
        fig, axes = plt.subplots(
            len(result.trajectories), 1, figsize=(8, 3 * len(result.trajectories)), squeeze=False, layout="constrained"
        )
        for ax, t in zip(axes[:, 0], result.trajectories):
            for k, name in enumerate(game.players[0].strategies):
                ax.plot(t.steps, t.row[:, k], label=f"{game.players[0].name}: {name}")
            for k, name in enumerate(game.players[1].strategies):
                ax.plot(t.steps, t.col[:, k], linestyle="--", label=f"{game.players[1].name}: {name}")
            ax.set_title(t.method)
            ax.set_ylim(-0.02, 1.02)
            ax.legend(fontsize=7)
    wrap_title(fig, f"{game.title}: learning dynamics")
    return fig
