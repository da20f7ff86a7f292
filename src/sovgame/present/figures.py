"""What every chart shares: matplotlib loaded on demand, the output checked before any work,
a title that wraps to the figure's width, readable names, and the atomic save (text in an SVG
kept as ``<text>``, so that it can be edited in Inkscape or Illustrator).

Charts are laid out by matplotlib's constrained layout (``layout="constrained"``), which
keeps the title, axes, labels and legends apart. Needs matplotlib (``pip install
".[plot]"`` in a source checkout, ``pip install "sovgame[plot]"`` otherwise); imported only
when a plot is asked for.
"""

from __future__ import annotations

import io
import os
import textwrap
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import SovgameError, extra_hint
from ..files.atomic import check_output, write_atomically


def pyplot() -> Any:
    """matplotlib's pyplot drawing into files (the Agg back end, whatever ``MPLBACKEND``
    says: sovgame never opens a window, and an unknown back end named there must not stop
    it)."""
    os.environ["MPLBACKEND"] = "Agg"
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SovgameError(f"drawing a chart needs matplotlib: {extra_hint('plot')}") from None
    return plt


def shown_name(name: str) -> str:
    """A key as a chart shows it: words, not snake_case ("trade_disruption" → "trade disruption")."""
    return name.replace("_", " ")


def check_plot_output(path: str | Path, force: bool = False) -> Path:
    """The file a plot to ``path`` writes, checked before any work is done: a .png, .svg or
    .pdf name, not an existing file without ``force``, never an input
    (:func:`sovgame.files.atomic.check_output`)."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise SovgameError(f"{path}: the plot is written as .png, .svg or .pdf; name the file so")
    return check_output(path, force)


def wrap_title(fig: Any, text: str, fontsize: float = 12) -> Any:
    """A figure title wrapped onto as many lines as it needs to fit the figure's width. A title
    too long for one line breaks first after its last ": " (the game's title, then what the
    chart shows), so that no word of the subject is left alone on a line ("κ")."""
    width_px = fig.get_figwidth() * fig.dpi * 0.94
    # 0.6 em: the mean width of a DejaVu Sans character, so a line rarely overflows.
    chars = max(20, int(width_px / (fontsize * fig.dpi / 72 * 0.6)))
    head, separator, subject = text.rpartition(": ")
    if len(text) <= chars or not separator:
        lines = textwrap.wrap(text, chars)
    else:
        lines = textwrap.wrap(head, chars) + textwrap.wrap(subject, chars)
    return fig.suptitle("\n".join(lines), fontsize=fontsize)


def save_figure(fig: Any, path: Path | BinaryIO, target: Path | None, dpi: int = 150) -> None:
    """Draw ``fig`` (at ``dpi`` in a PNG) into a file object, or into ``target`` atomically
    (all or nothing)."""
    plt = pyplot()
    import matplotlib

    try:
        # SVG text as <text> elements (editable), not paths; PDF fonts embedded as TrueType.
        with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
            if target is None:
                fig.savefig(path, dpi=dpi)
                return
            buffer = io.BytesIO()
            fig.savefig(buffer, dpi=dpi, format=target.suffix.lower()[1:])
        write_atomically(target, buffer.getvalue())
    finally:
        plt.close(fig)
