"""The chart of ``sovgame qre --plot``: P(compromise outcome) against λ for a few κ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.numbers import fmt
from ..play.quantal import QreAnalysis, compromise_probabilities
from .figures import check_plot_output, pyplot, save_figure, wrap_title


def plot_qre(result: QreAnalysis, path: str | Path, force: bool = False) -> Path:
    """Draw the chart into ``path`` (.png, .svg or .pdf; an SVG keeps its text as text)."""
    path = Path(path)
    target = check_plot_output(path, force)
    plt = pyplot()
    with plt.rc_context({"svg.fonttype": "none"}):
        save_figure(qre_figure(result), path, target)
    return path


def qre_figure(result: QreAnalysis) -> Any:
    """The figure of :func:`plot_qre`: one line per κ, λ on a logarithmic axis."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    target = result.target
    for branch in sorted([result.branch, *result.across], key=lambda b: b.kappa):
        points = [p for p in branch.points if p.lam > 0]
        if target is None or not points:
            continue
        ys = [compromise_probabilities(p, target)[1] for p in points]
        ax.plot([p.lam for p in points], ys, label=f"κ = {fmt(branch.kappa)}")
    ax.set_xscale("log")
    ax.set_xlim(0.01, 1e4)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("precision λ (0: uniform play; large: Nash)")
    ax.set_ylabel("P(compromise outcome)")
    # Beside the axes, not on them: the curves may run anywhere from 0 to 1 at either end.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    wrap_title(fig, f"{result.game.title}: logit QRE principal branch (floats from a numerical trace)")
    return fig
