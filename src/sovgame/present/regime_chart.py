"""The regime chart: which equilibria hold along κ, drawn for print.

- one row per equilibrium seen, a bar where it is one; the target outcome (compromise) is
  drawn in its own colour and named "target" (never colour alone);
- the breakpoints as dotted lines, each labelled with its exact value above the plot; labels
  that would touch are staggered onto further rows, so none overlaps another or the title;
- the thresholds of the target (criterion, κ, the whole set of κ where it is bounded or in
  pieces, verdict) as a table below the plot, rather than squeezed onto the breakpoints;
- the plausible range shaded and today's costs (κ = 1) marked;
- the axis ends a little past the last breakpoint (or the top of the plausible range);
- for 2x2 games with a mixed equilibrium, a second panel with its probabilities along κ;
- a full title, wrapped to the width of the figure.

Needs matplotlib; :mod:`sovgame.present.plot` saves the figure (PNG, SVG or PDF by the file's
extension).
"""

from __future__ import annotations

import textwrap
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.intervals import compare, exact_text
from ..costs.verdicts import TODAY
from .decimals import with_decimals

if TYPE_CHECKING:
    from ..costs.regimes import Sweep
    from ..costs.thresholds import ThresholdReport
    from ..solvers.equilibria import Equilibrium

TARGET_COLOUR = "#228833"
PURE_COLOUR = "#4477aa"
MIXED_COLOUR = "#aa7744"
#: Points between label rows when breakpoint labels are staggered.
ROW_STEP = 11


def chart_end(result: Sweep, to: float | None = None) -> float:
    """Where the κ axis ends: ``to`` if given, else 15% past the last breakpoint, today and
    the top of the plausible range (never past what the sweep computed)."""
    if to is not None:
        return float(to)
    last = max([float(p) for p in result.breakpoints] + [float(TODAY)])
    if result.plausible is not None:
        last = max(last, float(result.plausible[1]))
    return min(float(result.to), last * 1.15 + 0.1) if float(result.to) > last else float(result.to)


def _row_label(result: Sweep, eq: Equilibrium) -> str:
    from ..solvers.equilibria import describe_equilibrium

    game = result.game
    if eq.pure:
        return describe_equilibrium(game, eq)
    if all(all(p for p in s) for s in eq.strategies):
        return "mixed equilibrium"
    supports = ["/".join(n for n, p in zip(pl.strategies, s) if p) for pl, s in zip(game.players, eq.strategies)]
    return f"mixed ({'; '.join(supports)})"


def _rows(result: Sweep, end: float, target: tuple[int, ...] | None) -> tuple[dict[str, list], str | None]:
    """Row label → spans (start, width) where that equilibrium holds; the target's label."""
    rows: dict[str, list[tuple[float, float]]] = {}
    target_label = None
    for regime in result.regimes:
        if regime.solution is None or regime.is_point or float(regime.lo) >= end:
            continue
        lo = float(regime.lo)
        hi = end if regime.hi is None else min(float(regime.hi), end)
        for eq in regime.solution.equilibria:
            label = _row_label(result, eq)
            if eq.pure and target is not None and eq.pure_profile() == target:
                target_label = label
            spans = rows.setdefault(label, [])
            if (lo, hi - lo) not in spans:
                spans.append((lo, hi - lo))
    return rows, target_label


def _threshold_lines(report: ThresholdReport | None) -> list[str]:
    """The target's thresholds as table lines: criterion, κ (with its decimal), the whole set
    where it is bounded or in pieces, verdict."""
    if report is None:
        return []
    from .thresholds import CRITERION_NAMES, threshold_cell, verdict_cell

    target = ", ".join(report.target_names().values())
    lines = [f"Thresholds for the target ({target}):"]
    for name, t in report.thresholds.items():
        if t.defined:
            verdict = "" if t.value is None else f" ({verdict_cell(t)})"
            # A set that is not one stretch up to κ = ∞ is listed whole, not only where it starts.
            whole = len(t.intervals) > 1 or (len(t.intervals) == 1 and t.intervals[0].hi is not None)
            where = f", for κ in {' ∪ '.join(str(i) for i in t.intervals)}" if whole else ""
            lines.append(f"{CRITERION_NAMES[name]}: {with_decimals(threshold_cell(t) + where)}{verdict}")
    return lines


def _mixed_paths(result: Sweep, end: float) -> dict[str, tuple[list[float], list[float]]]:
    """2x2 games: each player's probability of its first strategy in the mixed equilibrium,
    at points along every stretch of κ where there is one (solved exactly at each point)."""
    from ..solvers.equilibria import solve

    game = result.game
    if game.shape != (2, 2):
        return {}
    paths: dict[str, tuple[list[float], list[float]]] = {}
    for regime in result.regimes:
        if regime.is_point or regime.solution is None or float(regime.lo) >= end:
            continue
        if not any(not e.pure for e in regime.solution.equilibria):
            continue
        lo, hi = float(regime.lo), end if regime.hi is None else min(float(regime.hi), end)
        # Interior points only (at a breakpoint the mixed equilibrium meets a pure one), the
        # first and last a thousandth of the stretch in, so the curve reaches its ends.
        for share in (Fraction(1, 1000), *(Fraction(k, 40) for k in range(1, 40)), Fraction(999, 1000)):
            kappa = Fraction(lo + (hi - lo) * float(share)).limit_denominator(10**6)
            for eq in solve(game, kappa, result.costs).equilibria:
                if eq.pure:
                    continue
                for player, probs in zip(game.players, eq.strategies):
                    xs, ys = paths.setdefault(f"{player.name}: P({player.strategies[0]})", ([], []))
                    xs.append(float(kappa))
                    ys.append(float(probs[0]))
        for xs, ys in paths.values():  # a gap between stretches
            xs.append(float("nan"))
            ys.append(float("nan"))
    return paths


def stagger(fig: Any, labels: list[Any], pad: float = 3.0) -> int:
    """Move breakpoint labels (annotations above the plot, in order along κ) up onto further
    rows wherever they would touch a label of the row below; the number of rows used."""
    renderer = fig.canvas.get_renderer()
    rows: list[list[tuple[float, float]]] = []
    for label in labels:
        box = label.get_window_extent(renderer)
        row = 0
        while row < len(rows) and any(box.x0 - pad < x1 and x0 < box.x1 + pad for x0, x1 in rows[row]):
            row += 1
        if row == len(rows):
            rows.append([])
        rows[row].append((box.x0, box.x1))
        label.xyann = (0, 3 + row * ROW_STEP)
    return len(rows)


def _label_breakpoints(ax: Any, result: Sweep, end: float) -> list[Any]:
    """Dotted lines at the breakpoints and today, each with its exact value above the plot."""
    # Which line is today's is decided exactly: a breakpoint 1 + 10⁻²⁰ is 1.0 as a float.
    points = [
        (float(p), f"κ = {with_decimals(exact_text(p))}", compare(p, TODAY) == 0)
        for p in result.breakpoints
        if compare(p, Fraction(0)) > 0 and float(p) <= end
    ]
    if 1.0 <= end and not any(today for _, _, today in points):
        points.append((1.0, "today, κ = 1", True))
    points.sort(key=lambda point: point[0])  # drawing order only
    labels = []
    for x, text, today in points:
        ax.axvline(x, color="#555555" if today else "black", linestyle="--" if today else ":", linewidth=1)
        label = text + (" (today)" if today and not text.startswith("today") else "")
        labels.append(
            ax.annotate(
                label,
                xy=(x, 1),
                xycoords=("data", "axes fraction"),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                annotation_clip=False,
            )
        )
    return labels


def _draw_bars(ax: Any, result: Sweep, rows: dict[str, list], target_label: str | None, end: float) -> list[Any]:
    """The equilibria as bars, the target's in its colour and named; the plausible band;
    the breakpoint labels (returned, to be staggered once the figure is laid out)."""
    if result.plausible is not None:
        ax.axvspan(float(result.plausible[0]), float(result.plausible[1]), color="#dddddd")
    labels = []
    for y, (label, spans) in enumerate(rows.items()):
        colour = TARGET_COLOUR if label == target_label else MIXED_COLOUR if label.startswith("mixed") else PURE_COLOUR
        ax.broken_barh(spans, (y - 0.3, 0.6), color=colour)
        shown = f"{label} — target" if label == target_label else label
        labels.append("\n".join(textwrap.wrap(shown, 28)))
    ax.set_yticks(range(len(rows)), labels)
    for tick in ax.get_yticklabels():
        if tick.get_text().endswith("target"):
            tick.set_fontweight("bold")
    ax.set_ylim(-0.6, max(1, len(rows)) - 0.4)
    ax.set_xlim(0, end)
    xlabel = "cost level κ (1 = costs as stated in the file"
    if result.plausible is not None:
        lo, hi = (exact_text(v) for v in result.plausible)
        xlabel += f";\nshaded: the plausible range, {lo} to {hi}"
    ax.set_xlabel(xlabel + ")")
    return _label_breakpoints(ax, result, end)


def _draw_mixed(ax: Any, paths: dict[str, tuple[list[float], list[float]]], end: float) -> None:
    """2x2 games: the mixed equilibrium's probabilities along κ."""
    for (name, (xs, ys)), style in zip(paths.items(), ("-", "--", "-.", ":")):
        ax.plot(xs, ys, style, label=name)
    ax.set_xlim(0, end)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("probability")
    ax.set_xlabel("cost level κ")
    ax.set_title("the mixed equilibrium along κ", fontsize=9, loc="left")
    ax.legend(loc="best", fontsize=8)


def _draw_table(ax: Any, lines: list[str]) -> None:
    """The target's thresholds, one line each (no two can overlap)."""
    ax.axis("off")
    for k, line in enumerate(lines):
        y = 1 - (k + 0.5) / len(lines)
        ax.text(0, y, line, fontsize=8, va="center", ha="left", fontweight="bold" if k == 0 else "normal")


def sweep_figure(
    result: Sweep, thresholds: ThresholdReport | None = None, to: float | None = None, width: float = 9.0
) -> Any:
    """The regime chart of ``result`` as a matplotlib figure ``width`` inches wide (module
    docstring)."""
    from .figures import pyplot, wrap_title

    plt = pyplot()
    end = chart_end(result, to)
    target = thresholds.target if thresholds is not None else result.game.compromise_profile
    rows, target_label = _rows(result, end, target)
    paths = _mixed_paths(result, end)
    table = _threshold_lines(thresholds)
    heights = [0.7 * max(1, len(rows)) + 0.8] + ([1.8] if paths else []) + ([0.22 * len(table) + 0.2] if table else [])
    fig, axes = plt.subplots(
        len(heights),
        1,
        figsize=(width, sum(heights) + 2.0),
        gridspec_kw={"height_ratios": heights},
        layout="constrained",
        squeeze=False,
    )
    breakpoint_labels = _draw_bars(axes[0, 0], result, rows, target_label, end)
    if paths:
        _draw_mixed(axes[1, 0], paths, end)
    if table:
        _draw_table(axes[-1, 0], table)
    _legend(fig, result, rows, target_label)
    fig.get_layout_engine().set(w_pad=0.12)  # the target's bold label clear of the left edge
    wrap_title(fig, f"{result.game.title}: equilibria by cost level κ")
    stagger(fig, breakpoint_labels)
    return fig


def _legend(fig: Any, result: Sweep, rows: dict[str, list], target_label: str | None) -> None:
    """A legend for every colour and line of the bars: the target, other pure and mixed
    equilibria, the plausible range, today and the breakpoints."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    if target_label is not None:
        handles.append(Patch(color=TARGET_COLOUR, label="the target (compromise)"))
    if any(label != target_label and not label.startswith("mixed") for label in rows):
        handles.append(Patch(color=PURE_COLOUR, label="another pure equilibrium"))
    if any(label.startswith("mixed") for label in rows):
        handles.append(Patch(color=MIXED_COLOUR, label="a mixed equilibrium"))
    if result.plausible is not None:
        handles.append(Patch(color="#dddddd", label="the plausible range of κ"))
    handles.append(Line2D([], [], color="#555555", linestyle="--", label="today (κ = 1)"))
    handles.append(Line2D([], [], color="black", linestyle=":", label="a breakpoint"))
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8, frameon=False)
