"""Charts of the sensitivity analysis: the tornado chart of margins and the two-number map.

Needs matplotlib (``pip install "sovgame[plot]"``); imported only when a chart is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.numbers import fmt
from ..sensitivity.words import state_words, subject_words
from .figures import check_plot_output, pyplot, save_figure, wrap_title
from .sensitivity import TornadoRow, tornado_rows

if TYPE_CHECKING:
    from ..sensitivity.grid import SensitivityMap
    from ..sensitivity.one_number import Sensitivity

#: Distances beyond this (relative as the margin is) are drawn to the edge and marked.
SHOWN = 2.0


def plot_tornado(
    result: Sensitivity, path: str | Path, subject: str | None = None, top: int = 12, force: bool = False
) -> Path:
    """One panel per criterion (or the one asked for): a bar per number, reaching left and
    right as far as the number may move (relative as the margin is: a payoff or weight to its player's payoff range) before the verdict changes,
    the smallest margin on top (:func:`sovgame.present.sensitivity.tornado_rows`); a side
    without any change is drawn pale to the edge. An existing file is replaced only with
    ``force`` (:func:`sovgame.present.figures.check_plot_output`)."""
    path = Path(path)
    target = check_plot_output(path, force)
    plt = pyplot()
    subjects = [subject] if subject else list(result.subjects)
    panels = [(s, tornado_rows(result, s, top)) for s in subjects]
    panels = [(s, rows) for s, rows in panels if rows]
    if not panels:
        from ..errors import SovgameError

        raise SovgameError("nothing to draw: no number moves the verdicts asked for")
    height = sum(0.9 + 0.32 * len(rows) for _, rows in panels)
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, max(2.5, height)), squeeze=False)
    for ax, (name, rows) in zip(axes[:, 0], panels):
        _panel(ax, name, rows, result.for_subject(name)[0].state)
    wrap_title(fig, f"{result.game.title}: what decides the verdict")
    fig.tight_layout()
    save_figure(fig, path, target)
    return path


def _panel(ax, name: str, rows: list[TornadoRow], current) -> None:
    labels = []
    for y, row in enumerate(reversed(rows)):
        for side, reach, beyond in ((-1, row.left, row.below), (1, row.right, row.above)):
            shown = SHOWN if reach is None else min(float(reach), SHOWN)
            colour = "#dddddd" if reach is None else ("#ee6677" if side < 0 else "#4477aa")
            ax.barh(y, side * shown, color=colour, height=0.6)
            if reach is not None:
                ax.text(
                    side * (shown + 0.03),
                    y,
                    state_words(beyond),
                    va="center",
                    fontsize=7,
                    ha="left" if side > 0 else "right",
                )
        labels.append(f"{row.label} = {fmt(row.value)}")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlim(-SHOWN - 0.6, SHOWN + 0.6)
    ax.set_xlabel(
        "how far the number may move before the verdict changes (payoffs, weights: share of the player's payoff range)"
    )
    ax.set_title(f"{subject_words(name)} (now: {state_words(current)})", fontsize=10, loc="left")


def plot_map(result: SensitivityMap, path: str | Path, force: bool = False) -> Path:
    """The verdict (or, along κ, whether the criterion holds) over the grid, the exact
    boundary points found on every grid line, and today's point. An existing file is replaced
    only with ``force``."""
    path = Path(path)
    target = check_plot_output(path, force)
    plt = pyplot()
    from matplotlib.colors import ListedColormap

    states = result.states()
    codes = {state: k for k, state in enumerate(states)}
    grid = [[codes[cell.state] for cell in row] for row in result.cells]
    fig, ax = plt.subplots(figsize=(8, 6.5))
    palette = ["#4477aa", "#66ccee", "#228833", "#ccbb44", "#ee6677", "#aa3377", "#bbbbbb"]
    xs = [float(x) for x in result.x.values]
    ys = [float(y) for y in result.y.values]
    mesh = ax.pcolormesh(
        xs,
        ys,
        grid,
        cmap=ListedColormap(palette[: max(1, len(states))]),
        shading="nearest",
        vmin=-0.5,
        vmax=len(states) - 0.5,
    )
    bar = fig.colorbar(mesh, ax=ax, ticks=range(len(states)))
    bar.ax.set_yticklabels([result.state_label(s) for s in states])
    if result.boundary:
        ax.plot([float(b.x) for b in result.boundary], [float(b.y) for b in result.boundary], "k.", markersize=2)
    ax.plot(float(result.x.today), float(result.y.today), "k*", markersize=14, label="the file's numbers")
    ax.set_xlabel(result.x.label)
    ax.set_ylabel(result.y.label)
    ax.set_title(f"{result.game.title}: {result.title}", fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    save_figure(fig, path, target)
    return path
