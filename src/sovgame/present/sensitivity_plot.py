"""Charts of the sensitivity analysis: the tornado chart of margins and the two-number map.

Needs matplotlib (the ``plot`` extra); imported only when a chart is asked for.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.numbers import fmt
from ..sensitivity.words import state_words, subject_words
from .figures import check_plot_output, pyplot, save_figure, shown_name, wrap_title
from .sensitivity import TornadoRow, tornado_rows

if TYPE_CHECKING:
    from ..sensitivity.grid import SensitivityMap
    from ..sensitivity.one_number import Sensitivity

#: Distances beyond this (relative as the margin is) are drawn to the edge and marked.
SHOWN = 2.0


#: The tornado's colours (Paul Tol's bright scheme, readable by the colour-blind): a move
#: down that changes the verdict, a move up that does, and a side where nothing changes it.
DOWN_COLOUR, UP_COLOUR, NO_CHANGE_COLOUR = "#ee6677", "#4477aa", "#dddddd"


def plot_tornado(
    result: Sensitivity, path: str | Path, subject: str | None = None, top: int = 6, force: bool = False
) -> Path:
    """One panel per criterion (or the one asked for): a bar per number, reaching left and
    right as far as the number may move (relative as the margin is: a payoff or weight to its player's payoff range) before the verdict changes,
    the smallest margin on top (:func:`sovgame.present.sensitivity.tornado_rows`); a side
    without any change is drawn pale to the edge; a legend says what each colour means. An
    existing file is replaced only with ``force``
    (:func:`sovgame.present.figures.check_plot_output`)."""
    path = Path(path)
    target = check_plot_output(path, force)
    plt = pyplot()
    from matplotlib.patches import Patch

    subjects = [subject] if subject else list(result.subjects)
    panels = [(s, tornado_rows(result, s, top)) for s in subjects]
    panels = [(s, rows) for s, rows in panels if rows]
    if not panels:
        from ..errors import SovgameError

        raise SovgameError("nothing to draw: no number moves the verdicts asked for")
    heights = [0.5 + _row_height(rows) * len(rows) for _, rows in panels]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(8, 1.3 + sum(heights)),
        squeeze=False,
        sharex=True,
        layout="constrained",
        gridspec_kw={"height_ratios": heights},
    )
    for ax, (name, rows) in zip(axes[:, 0], panels):
        _panel(ax, name, rows, result.for_subject(name)[0].state)
    axes[-1, 0].set_xlabel(
        "how far the number may move before the verdict changes\n(payoffs, weights: share of the player's payoff range;"
        "\na section's number: share of its declared range)"
    )
    handles = [
        Patch(color=DOWN_COLOUR, label="lower: the verdict changes (to the word at the bar's end)"),
        Patch(color=UP_COLOUR, label="higher: the verdict changes"),
        Patch(color=NO_CHANGE_COLOUR, label="no change that way"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    wrap_title(fig, f"{result.game.title}: what decides the verdict")
    save_figure(fig, path, target)
    return path


#: The longest line of a number's name beside its bar (characters): a longer one (another
#: file's number) goes on two lines, so the panel keeps its width, and its rows get taller.
LABEL_WIDTH = 60


def _label(row: TornadoRow) -> str:
    return "\n".join(textwrap.wrap(f"{shown_name(row.label)} = {fmt(row.value)}", LABEL_WIDTH))


def _row_height(rows: list[TornadoRow]) -> float:
    """Inches per bar: more where a name takes two lines."""
    return 0.34 if any("\n" in _label(r) for r in rows) else 0.22


def _panel(ax, name: str, rows: list[TornadoRow], current) -> None:
    labels = []
    for y, row in enumerate(reversed(rows)):
        for side, reach, beyond in ((-1, row.left, row.below), (1, row.right, row.above)):
            shown = SHOWN if reach is None else min(float(reach), SHOWN)
            colour = NO_CHANGE_COLOUR if reach is None else (DOWN_COLOUR if side < 0 else UP_COLOUR)
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
        labels.append(_label(row))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_xlim(-SHOWN - 0.6, SHOWN + 0.6)
    ax.set_title(f"{shown_name(subject_words(name))} (now: {state_words(current)})", fontsize=9, loc="left")


#: The map's colours: two that part clearly for holds / does not hold, more for verdicts.
TWO_COLOURS = ("#4477aa", "#dddddd")
PALETTE = ("#4477aa", "#66ccee", "#228833", "#ccbb44", "#ee6677", "#aa3377", "#bbbbbb")


def plot_map(result: SensitivityMap, path: str | Path, force: bool = False) -> Path:
    """The verdict (or, along κ, whether the criterion holds) over the grid, a legend naming
    each colour (two for a yes/no map, with no colour bar), the exact boundary points found on
    every grid line, and today's point. An existing file is replaced only with ``force``."""
    path = Path(path)
    target = check_plot_output(path, force)
    plt = pyplot()
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    states = _ordered(result.states())
    codes = {state: k for k, state in enumerate(states)}
    grid = [[codes[cell.state] for cell in row] for row in result.cells]
    fig, ax = plt.subplots(figsize=(7, 5.5), layout="constrained")
    palette = TWO_COLOURS if all(isinstance(s, bool) for s in states) else PALETTE
    colours = [palette[k % len(palette)] for k in range(len(states))]
    xs = [float(x) for x in result.x.values]
    ys = [float(y) for y in result.y.values]
    ax.pcolormesh(xs, ys, grid, cmap=ListedColormap(colours), shading="nearest", vmin=-0.5, vmax=len(states) - 0.5)
    handles: list = [Patch(color=c, label=result.state_label(s)) for s, c in zip(states, colours)]
    if result.boundary:
        ax.plot([float(b.x) for b in result.boundary], [float(b.y) for b in result.boundary], "k.", markersize=2)
        handles.append(Line2D([], [], color="black", marker=".", linestyle="", label="exact boundary points"))
    ax.plot(float(result.x.today), float(result.y.today), "k*", markersize=14)
    handles.append(Line2D([], [], color="black", marker="*", markersize=10, linestyle="", label="the file's numbers"))
    ax.set_xlabel(shown_name(result.x.label))
    ax.set_ylabel(shown_name(result.y.label))
    ax.set_title(result.title, fontsize=10)
    wrap_title(fig, result.game.title, fontsize=11)
    fig.legend(handles=handles, loc="outside right center", fontsize=8, frameon=False)
    save_figure(fig, path, target)
    return path


def _ordered(states: list) -> list:
    """ "holds" before "does not hold"; other states as first seen."""
    if all(isinstance(s, bool) for s in states):
        return sorted(states, reverse=True)
    return states
