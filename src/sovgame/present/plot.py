"""The regime chart: which equilibria hold along κ, the plausible band, the thresholds.

Needs matplotlib (``pip install "sovgame[plot]"``); imported only when a plot is asked for.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..core.intervals import Endpoint, exact_text
from ..errors import SovgameError
from ..files.atomic import check_output, write_atomically

if TYPE_CHECKING:
    from ..costs.regimes import Sweep
    from ..costs.thresholds import ThresholdReport
    from ..play.dynamics import Dynamics
    from ..play.repeated import RepeatedAnalysis


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SovgameError('drawing a chart needs matplotlib: pip install "sovgame[plot]"') from None
    return plt


def check_plot_output(path: str | Path, force: bool = False) -> Path:
    """The file a plot to ``path`` writes, checked before any work is done: a .png, .svg or
    .pdf name, not an existing file without ``force``, never an input
    (:func:`sovgame.files.atomic.check_output`)."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise SovgameError(f"{path}: the plot is written as .png, .svg or .pdf; name the file so")
    return check_output(path, force)


def _save(fig: Any, path: Path | BinaryIO, target: Path | None) -> None:
    """Draw ``fig`` into a file object, or into ``target`` atomically (all or nothing)."""
    plt = _pyplot()
    try:
        if target is None:
            fig.savefig(path, dpi=120)
            return
        buffer = io.BytesIO()
        fig.savefig(buffer, dpi=120, format=target.suffix.lower()[1:])
        write_atomically(target, buffer.getvalue())
    finally:
        plt.close(fig)


def plot_timeline(result: RepeatedAnalysis, path: str | Path, periods: int = 200, force: bool = False) -> Path:
    """The first periods of simulated noisy play, one coloured cell per period and outcome."""
    from ..play.repeated import outcome_profile

    path = Path(path)
    target = check_plot_output(path, force)
    plt = _pyplot()
    outcomes = [(0, 0), (0, 1), (1, 0), (1, 1)]
    shown = result.timeline[:periods]
    fig, ax = plt.subplots(figsize=(10, 2.6))
    colours = ["#4477aa", "#ccbb44", "#ee6677", "#aa3377"]
    for row, outcome in enumerate(outcomes):
        xs = [t for t, o in enumerate(shown) if o == outcome]
        ax.bar(xs, [0.8] * len(xs), bottom=row - 0.4, width=1.0, color=colours[row])
    labels = [result.game.outcome_key(outcome_profile(result.target, result.confront, o)) for o in outcomes]
    ax.set_yticks(range(4), labels)
    ax.set_xlim(0, len(shown))
    ax.set_xlabel("period")
    pair = " vs ".join(result.chain.pair)
    ax.set_title(f"{result.game.title}: {pair}, noise {float(result.chain.noise):g}")
    fig.tight_layout()
    _save(fig, path, target)
    return path


def plot_sweep(
    result: Sweep, path: str | Path | BinaryIO, thresholds: ThresholdReport | None = None, force: bool = False
) -> Path | BinaryIO:
    """Draw one row per equilibrium profile seen, a bar where it is an equilibrium.

    ``thresholds`` (a :class:`~sovgame.thresholds.ThresholdReport`) labels the breakpoints
    where a criterion starts to hold, e.g. "equilibrium" at κ = 4/3. ``path`` may also be a
    binary file object (written as PNG); an existing file is replaced only with ``force``.
    """
    target = None
    if isinstance(path, (str, Path)):
        path = Path(path)
        target = check_plot_output(path, force)
    plt = _pyplot()
    from .equilibria import describe_equilibrium

    rows: dict[str, list[tuple[float, float]]] = {}
    top = float(result.to)
    for regime in result.regimes:
        if regime.solution is None or regime.is_point:
            continue
        lo = float(regime.lo)
        hi = top if regime.hi is None else min(float(regime.hi), top)
        if lo >= top:
            continue
        for eq in regime.solution.equilibria:
            label = describe_equilibrium(result.game, eq) if eq.pure else "mixed equilibrium"
            rows.setdefault(label, []).append((lo, hi - lo))
    fig, ax = plt.subplots(figsize=(9, 2.2 + 0.6 * max(1, len(rows))))
    if result.plausible is not None:
        ax.axvspan(float(result.plausible[0]), float(result.plausible[1]), color="#dddddd", label="plausible κ")
    for y, (label, spans) in enumerate(rows.items()):
        ax.broken_barh(spans, (y - 0.3, 0.6), color="#4477aa" if "mixed" not in label else "#aa7744")
    ax.set_yticks(range(len(rows)), list(rows))
    starts: dict[Endpoint, list[str]] = {}  # exact keys: a root equals only the same root
    if thresholds is not None:
        from .thresholds import CRITERION_NAMES

        for name, t in thresholds.thresholds.items():
            if t.value is not None and 0 < float(t.value) <= top:
                starts.setdefault(t.value, []).append(CRITERION_NAMES[name])
    for p in result.breakpoints:
        if 0 < float(p) <= top:
            ax.axvline(float(p), color="black", linestyle=":", linewidth=1)
            label = f"κ = {exact_text(p)}"
            named = starts.get(p)
            if named:
                label += "\n" + "\n".join(named)
            ax.text(float(p), 1.02, label, transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=8)
    ax.set_xlim(0, top)
    ax.set_xlabel("cost level κ (1 = costs as stated in the file)")
    ax.set_title(f"{result.game.title}: equilibria by cost level", pad=48)
    if result.plausible is not None:
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    _save(fig, path, target)
    return path


def plot_dynamics(result: Dynamics, path: str | Path, force: bool = False) -> Path:
    """2x2 games: the path of (P(row's first strategy), P(column's first)) with equilibria
    marked; larger games: each player's probabilities over time."""
    path = Path(path)
    target = check_plot_output(path, force)
    plt = _pyplot()
    game = result.game
    if game.shape == (2, 2):
        fig, ax = plt.subplots(figsize=(5.5, 5))
        for t in result.trajectories:
            ax.plot(t.row[:, 0], t.col[:, 0], label=t.method)
        for e in result.solution.equilibria:
            ax.plot(float(e.strategies[0][0]), float(e.strategies[1][0]), "k*", markersize=12)
        ax.plot(result.start[0][0], result.start[1][0], "ko", fillstyle="none", label="start")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(f"{game.players[0].name}: P({game.players[0].strategies[0]})")
        ax.set_ylabel(f"{game.players[1].name}: P({game.players[1].strategies[0]})")
        ax.legend(fontsize=8, title="★ = Nash equilibrium", title_fontsize=8)
    else:
        fig, axes = plt.subplots(len(result.trajectories), 1, figsize=(8, 3 * len(result.trajectories)), squeeze=False)
        for ax, t in zip(axes[:, 0], result.trajectories):
            for k, name in enumerate(game.players[0].strategies):
                ax.plot(t.steps, t.row[:, k], label=f"{game.players[0].name}: {name}")
            for k, name in enumerate(game.players[1].strategies):
                ax.plot(t.steps, t.col[:, k], linestyle="--", label=f"{game.players[1].name}: {name}")
            ax.set_title(t.method)
            ax.set_ylim(-0.02, 1.02)
            ax.legend(fontsize=7)
    fig.suptitle(f"{game.title}: learning dynamics")
    fig.tight_layout()
    _save(fig, path, target)
    return path
