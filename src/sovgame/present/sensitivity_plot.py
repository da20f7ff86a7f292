"""Charts of the sensitivity analysis: the tornado chart of margins and the two-number map.

Needs matplotlib (``pip install "sovgame[plot]"``); imported only when a chart is asked for.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.numbers import fmt
from .plot import _check_suffix, _pyplot
from .sensitivity import state_words, subject_words

if TYPE_CHECKING:
    from ..findings.sensitivity import Entry, Sensitivity
    from ..findings.sensitivity_map import SensitivityMap

#: Distances beyond this (relative to the value) are drawn to the edge and marked.
SHOWN = 2.0


def _reach(entry: Entry, side: int, measure: Fraction) -> tuple[float, bool]:
    """How far the number may move on one side before the verdict changes, relative to its
    value as the margin is (capped at SHOWN); and whether a change lies there at all."""
    end = entry.upper if side > 0 else entry.lower
    if not end.change or end.at is None:
        return SHOWN, False
    at = end.at if isinstance(end.at, Fraction) else (end.at.lo + end.at.hi) / 2
    return min(float(abs(at - entry.parameter.value) / measure), SHOWN), True


def plot_tornado(result: Sensitivity, path: str | Path, subject: str | None = None, top: int = 12) -> Path:
    """One panel per criterion (or the one asked for): a bar per number, reaching left and
    right as far as the number may move (relative to its value) before the verdict changes,
    the smallest margin on top; a side without any change is drawn pale to the edge."""
    path = Path(path)
    _check_suffix(path)
    plt = _pyplot()
    subjects = [subject] if subject else list(result.subjects)
    panels = [(s, result.for_subject(s)[:top]) for s in subjects]
    panels = [(s, entries) for s, entries in panels if entries]
    if not panels:
        from ..errors import SovgameError

        raise SovgameError("nothing to draw: no number moves the verdicts asked for")
    height = sum(0.9 + 0.32 * len(entries) for _, entries in panels)
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, max(2.5, height)), squeeze=False)
    for ax, (name, entries) in zip(axes[:, 0], panels):
        _panel(ax, result.game, name, entries)
    fig.suptitle(f"{result.game.title}: what decides the verdict")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _panel(ax, game, name: str, entries: list[Entry]) -> None:
    from ..findings.sensitivity import measure

    labels = []
    for row, entry in enumerate(reversed(entries)):
        for side in (-1, 1):
            reach, change = _reach(entry, side, measure(game, entry.parameter))
            colour = ("#ee6677" if side < 0 else "#4477aa") if change else "#dddddd"
            ax.barh(row, side * reach, color=colour, height=0.6)
            end = entry.upper if side > 0 else entry.lower
            if change:
                ax.text(
                    side * (reach + 0.03),
                    row,
                    state_words(end.beyond),
                    va="center",
                    fontsize=7,
                    ha="left" if side > 0 else "right",
                )
        labels.append(f"{entry.parameter.label} = {fmt(entry.parameter.value)}")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlim(-SHOWN - 0.6, SHOWN + 0.6)
    ax.set_xlabel("how far the number may move before the verdict changes (relative to its value)")
    current = state_words(entries[0].state)
    ax.set_title(f"{subject_words(name)} (now: {current})", fontsize=10, loc="left")


def plot_map(result: SensitivityMap, path: str | Path) -> Path:
    """The verdict (or, along κ, whether the criterion holds) over the grid, the exact
    boundary points found on every grid line, and today's point."""
    path = Path(path)
    _check_suffix(path)
    plt = _pyplot()
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
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
