"""What the logit quantal response equilibrium says about compromise (McKelvey & Palfrey 1995).

:func:`sovgame.solvers.qre.trace` gives the principal branch at one cost level; this module
reads it as an analyst would: each player's probability of its compromise strategy and the
probability of the compromise outcome (their product: the players randomise independently)
along λ, at today's costs and at a few other κ, and the κ from which the branch's limit is
compromise, found by a scan over κ refined by bisection. All of it is floats from a
numerical trace, and says so: each point has its residual, the κ is a bracket.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.case import Case, as_case
from ..core.model import Game, Profile
from ..core.numbers import json_number
from ..core.results import Result
from ..errors import ParameterError
from ..solvers.qre import LogitBranch, LogitPoint, trace

#: λ at which the table reads the branch (besides the limit).
LAMBDAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
#: Width below which the bisection for the selecting κ stops.
KAPPA_WIDTH = 1e-3


def compromise_probabilities(point: LogitPoint, target: Profile) -> tuple[tuple[float, ...], float]:
    """Each player's probability of its compromise strategy, and of the compromise outcome."""
    own = tuple(point.profile[i][k] for i, k in enumerate(target))
    return own, math.prod(own)


@dataclass(frozen=True)
class Selection:
    """Where the branch's limit is compromise: from κ in [``lo``, ``hi``] on (floats from a
    bisection; the limit is compromise at ``hi`` and at every κ scanned above it, not at
    ``lo``), or nowhere up to ``scanned`` (``lo`` and ``hi`` None). ``from_zero``: already at κ = 0."""

    lo: float | None
    hi: float | None
    scanned: float
    from_zero: bool = False


@dataclass(frozen=True, repr=False)
class QreAnalysis(Result):
    """``sovgame qre``: the branch at κ, its points at the λ asked (``at_lambda``), the branch
    at each κ of ``across`` (today's, 0, the top of the plausible range) and where the limit
    is compromise (None when no player names a compromise strategy)."""

    case: Case
    kappa: Fraction
    branch: LogitBranch
    lam: float | None
    at_lambda: tuple[LogitPoint, ...]
    across: tuple[LogitBranch, ...]
    selection: Selection | None

    @property
    def game(self) -> Game:
        """The game analysed."""
        return self.case.game

    @property
    def target(self) -> Profile | None:
        """The compromise profile, if every player names one."""
        return self.game.compromise_profile

    def json_data(self) -> dict[str, Any]:
        return qre_to_json(self)


def limit_is(branch: LogitBranch, target: Profile) -> bool:
    """Whether the branch's limit is the pure profile ``target`` (within the limit tolerance)."""
    _, outcome = compromise_probabilities(branch.limit, target)
    return outcome >= 1 - 1e-4


def selection(game: Game, top: Fraction, steps: int = 12) -> Selection | None:
    """The κ from which the branch's limit is compromise: scanned at ``steps`` + 1 points of
    [0, 2·top] (at least [0, 2]), the last change refined by bisection to :data:`KAPPA_WIDTH`.
    A float result: the limit is a numerical trace's last point."""
    target = game.compromise_profile
    if target is None:
        return None
    hi_scan = max(2 * top, Fraction(2))
    grid = [hi_scan * k / steps for k in range(steps + 1)]
    flags = (
        [limit_is(trace(game, k, 1e4), target) for k in grid] if game.costs else [limit_is(trace(game, 0, 1e4), target)]
    )
    if not game.costs:
        return Selection(0.0, 0.0, float(hi_scan), True) if flags[0] else Selection(None, None, float(hi_scan))
    if not flags[-1]:
        return Selection(None, None, float(hi_scan))
    first = len(flags) - 1
    while first > 0 and flags[first - 1]:
        first -= 1
    if first == 0:
        return Selection(0.0, 0.0, float(hi_scan), True)
    lo, hi = grid[first - 1], grid[first]
    while float(hi - lo) > KAPPA_WIDTH:
        mid = (lo + hi) / 2
        mid = Fraction(mid).limit_denominator(10**9)
        if limit_is(trace(game, mid, 1e4), target):
            hi = mid
        else:
            lo = mid
    return Selection(float(lo), float(hi), float(hi_scan))


def quantal(
    game: Game | Case,
    kappa: Fraction | int = 1,
    lam: float | None = None,
    plausible: Sequence | None = None,
    across: Sequence[Fraction] | None = None,
) -> QreAnalysis:
    """The logit QRE principal branch at κ, its point(s) at λ = ``lam``, the branch at the κ
    of ``across`` (default: 0, today and the top of the plausible range) and the κ from which
    its limit is compromise.

    Raises ParameterError for a negative κ or λ.
    """
    case = as_case(game, plausible)
    game = case.game
    kappa = Fraction(kappa)
    if kappa < 0:
        raise ParameterError("kappa", f"must be >= 0, not {kappa}")
    if lam is not None and not (math.isfinite(lam) and lam >= 0):
        raise ParameterError("lam", f"must be a finite number >= 0, not {lam}")
    branch = trace(game, kappa)
    points = branch.at(lam) if lam is not None else ()
    top = case.plausible[1]
    levels = across if across is not None else sorted({Fraction(0), Fraction(1), top} - {kappa})
    others = tuple(trace(game, Fraction(k)) for k in levels) if game.costs else ()
    return QreAnalysis(case, kappa, branch, lam, points, others, selection(game, top))


# --- the stable JSON (docs/reference.md) ---------------------------------------------------


def point_json(game: Game, kappa: Any, point: LogitPoint) -> dict[str, Any]:
    """``{"kappa", "lambda", "profile": {player: {strategy: p}}, "residual"}``."""
    return {
        "kappa": json_number(kappa),
        "lambda": point.lam,
        "profile": {
            p.name: {s: prob for s, prob in zip(p.strategies, probs)} for p, probs in zip(game.players, point.profile)
        },
        "residual": point.residual,
    }


def _compromise_json(game: Game, point: LogitPoint) -> dict[str, Any] | None:
    target = game.compromise_profile
    if target is None:
        return None
    own, outcome = compromise_probabilities(point, target)
    return {"players": {p.name: x for p, x in zip(game.players, own)}, "outcome": outcome}


def branch_json(branch: LogitBranch) -> dict[str, Any]:
    """One branch: its points (each with its compromise probabilities), folds and limit."""
    game = branch.game
    limit = branch.limit_equilibrium
    return {
        "kappa": json_number(branch.kappa),
        "points": [
            {**point_json(game, branch.kappa, p), "compromise": _compromise_json(game, p)} for p in branch.points
        ],
        "folds": list(branch.folds),
        "bifurcations": list(branch.bifurcations),
        "limit": point_json(game, branch.kappa, branch.limit),
        "limit_equilibrium": None if limit is None else limit,
        "limit_distance": branch.limit_distance,
        "limit_regret": branch.limit_regret,
        "max_residual": max(p.residual for p in branch.points),
    }


def selection_json(sel: Selection | None) -> dict[str, Any] | None:
    """Where the limit is compromise: a float bracket, or null when nowhere scanned."""
    if sel is None:
        return None
    return {"from_lo": sel.lo, "from_hi": sel.hi, "scanned_up_to": sel.scanned, "from_zero": sel.from_zero}


def qre_to_json(result: QreAnalysis) -> dict[str, Any]:
    """The stable JSON of ``sovgame qre`` (documented in docs/reference.md)."""
    game = result.game
    return {
        "game": game.title,
        "players": game.player_names,
        "floats": True,
        "kappa": json_number(result.kappa),
        "lambda": result.lam,
        "at_lambda": [point_json(game, result.kappa, p) for p in result.at_lambda],
        "branch": branch_json(result.branch),
        "across_kappa": [branch_json(b) for b in result.across],
        "compromise_limit_from": selection_json(result.selection),
    }
