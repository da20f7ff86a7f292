"""Logit quantal response: the tables of ``sovgame qre`` and its stable JSON.

Every number here is a float from a numerical trace, with its residual; nothing is shown as
a fraction. JSON keys are documented in docs/reference.md.
"""

from __future__ import annotations

from ..core.model import Game
from ..core.numbers import fmt
from ..play.quantal import LAMBDAS, QreAnalysis, Selection, compromise_probabilities
from ..solvers.qre import LogitBranch, LogitPoint
from .sections import Section

FLOATS = "floats from a numerical trace (not exact); residual: the largest error of the logit equations"


def _p(x: float) -> str:
    return f"{x:.4f}"


def selection_text(sel: Selection | None) -> str:
    """ "from κ ≈ 1.691 (float bisection: [1.6904, 1.6914])" or why not."""
    if sel is None:
        return "no player names a compromise strategy"
    if sel.from_zero:
        return "already at κ = 0"
    if sel.lo is None or sel.hi is None:
        return f"nowhere up to κ = {sel.scanned:g}"
    return f"from κ ≈ {(sel.lo + sel.hi) / 2:.3f} (float bisection: [{sel.lo:.4f}, {sel.hi:.4f}])"


def qre_sections(result: QreAnalysis) -> list[Section]:
    """The tables of ``sovgame qre``: the branch at κ read at a few λ and at its limit, the
    points at the λ asked, and compromise across κ."""
    game = result.game
    target = result.target
    branches = [result.branch, *result.across]
    rows = []
    for branch in sorted(branches, key=lambda b: b.kappa):
        for lam in LAMBDAS:
            for point in branch.at(lam)[:1]:
                rows.append(_row(game, branch, point, target))
        rows.append(_row(game, branch, branch.limit, target, limit=True))
    players = [p.name for p in game.players]
    header = ["κ", "λ", *(f"P({n} compromises)" for n in players), "P(compromise outcome)", "residual"]
    lines = [f"the branch's limit is compromise {selection_text(result.selection)}"]
    for branch in branches:
        if branch.folds:
            lines.append(
                f"at κ = {fmt(branch.kappa)} the branch folds (turns back in λ) at λ ≈ {', '.join(f'{f:.3g}' for f in branch.folds)}"
            )
        if branch.bifurcations:
            where = ", ".join(f"{b:.3g}" for b in branch.bifurcations)
            lines.append(
                f"at κ = {fmt(branch.kappa)} another branch crosses this one near λ ≈ {where}; the trace keeps to "
                "the branch it is on (a symmetric game's symmetric branch)"
            )
        lines.append(_limit_line(branch))
    sections = [
        Section(
            "Logit quantal response: the principal branch from λ = 0",
            header,
            rows,
            caption=FLOATS,
            lines=lines,
            numeric=set(range(2, len(header))),
            name="qre",
        )
    ]
    if result.lam is not None:
        sections.append(_lambda_section(result))
    return sections


def _row(game: Game, branch: LogitBranch, point: LogitPoint, target, limit: bool = False) -> list[str]:
    lam = "limit" if limit else f"{point.lam:g}"
    if target is None:
        return [fmt(branch.kappa), lam, *(["—"] * game.n_players), "—", f"{point.residual:.1e}"]
    own, outcome = compromise_probabilities(point, target)
    return [fmt(branch.kappa), lam, *map(_p, own), _p(outcome), f"{point.residual:.1e}"]


def _limit_line(branch: LogitBranch) -> str:
    where = f"κ = {fmt(branch.kappa)}"
    if branch.limit_equilibrium is None:
        return (
            f"at {where} the limit matches no listed exact equilibrium within 1e-4 "
            f"(nearest {branch.limit_distance:.1e}, regret {branch.limit_regret:.1e})"
        )
    eq = branch.equilibria[branch.limit_equilibrium]
    shown = "; ".join(", ".join(f"{x:.4g}" for x in s) for s in eq)
    return f"at {where} the limit lies in the exact equilibrium ({shown}) (distance {branch.limit_distance:.1e})"


def _lambda_section(result: QreAnalysis) -> Section:
    game = result.game
    rows = []
    for point in result.at_lambda:
        for p, probs in zip(game.players, point.profile):
            rows.append(
                [
                    f"{point.lam:g}",
                    p.name,
                    ", ".join(f"{s}: {x:.6f}" for s, x in zip(p.strategies, probs)),
                    f"{point.residual:.1e}",
                ]
            )
    lines = [] if result.at_lambda else [f"the branch never reaches λ = {result.lam:g}"]
    if len(result.at_lambda) > 1:
        lines.append("the branch folds: it passes λ more than once")
    return Section(
        f"The logit QRE at λ = {result.lam:g}, κ = {fmt(result.kappa)}",
        ["λ", "player", "probabilities", "residual"],
        rows,
        caption=FLOATS,
        lines=lines,
        name="at_lambda",
    )
