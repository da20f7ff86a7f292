"""Logit quantal response equilibria: the principal branch, traced in floats.

McKelvey & Palfrey (1995), *Quantal response equilibria for normal form games*, GEB 10:6–38:
each player plays each strategy with probability proportional to the exponential of λ times
its expected payoff against the others' mixed strategies,

    σ_ij = exp(λ u_ij(σ₋ᵢ)) / Σ_k exp(λ u_ik(σ₋ᵢ)),

so λ = 0 is uniform play and λ → ∞ perfect rationality. The solutions form one branch from
λ = 0 that converges to a Nash equilibrium (the logit selection). Turocy (2005), *A dynamic
homotopy interpretation of the logistic quantal response equilibrium correspondence*, GEB
51:243–263, traces it by arc-length predictor–corrector continuation in the log-probabilities
x = ln σ, on the equations

    x_ij − x_i0 − λ (u_ij − u_i0) = 0  (j ≥ 1),     Σ_j exp(x_ij) = 1,

whose zero set is a smooth curve in (x, λ) that may turn back in λ (a fold). The tracer
steps along the curve's tangent (the null vector of the Jacobian) and returns to it by
Gauss–Newton, shortening steps that do not converge and lengthening those that do.

These are floats: every point carries its residual, the largest error of the logit equations
in probabilities, and the limit is checked against the exact equilibria of
:func:`sovgame.solvers.equilibria.solve`. Costed payoffs at κ are used in payoff units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.model import Game
from ..errors import SovgameError

#: λ at which the trace stops: the limit point is read there.
LAMBDA_MAX = 1e6
#: Largest residual accepted for a point of the branch.
TOLERANCE = 1e-10
#: Distance (largest difference of a probability) within which the limit lies in an equilibrium.
LIMIT_TOLERANCE = 1e-4
#: Growth of the step after a step that converged (Gambit's ``max_accel`` is 1.1): slow growth
#: keeps the tracer on its branch where another passes close by.
ACCELERATION = 1.1
#: Growth where the corrector moved less than a hundredth of the step and the tangent turned
#: by less than about 0.8 degrees.
FAST_ACCELERATION = 1.5
#: Steps (tries included) after which the trace gives up.
MAX_STEPS = 20_000


@dataclass(frozen=True)
class LogitPoint:
    """One logit QRE: ``lam`` (λ), one probability vector per player, and the residual
    (largest |σ_ij − logit_ij(σ)|; floats, not exact numbers)."""

    lam: float
    profile: tuple[tuple[float, ...], ...]
    residual: float


@dataclass(frozen=True)
class LogitBranch:
    """The principal branch at κ: its points in the order traced (λ may turn back at a fold),
    the λ of each fold, the λ near which another branch crosses it (a bifurcation, where the
    sign of det[J; tᵀ] changes: the trace keeps to the branch it is on, as a symmetric game's
    uniform branch, where Gambit breaks the symmetry by a perturbation), the limit (the last point, at λ = :data:`LAMBDA_MAX`) and the exact
    equilibrium it lies in (an index into ``equilibria``; None when it matches none), with
    the largest gap found (``limit_distance``) and the regret at the limit."""

    game: Game
    kappa: Fraction
    points: tuple[LogitPoint, ...]
    folds: tuple[float, ...]
    bifurcations: tuple[float, ...]
    limit_equilibrium: int | None
    limit_distance: float
    limit_regret: float
    equilibria: tuple[tuple[tuple[float, ...], ...], ...]

    @property
    def limit(self) -> LogitPoint:
        """The last point traced (λ = :data:`LAMBDA_MAX`)."""
        return self.points[-1]

    def at(self, lam: float) -> tuple[LogitPoint, ...]:
        """Every point of the branch at λ = ``lam`` (more than one where the branch folds)."""
        return tuple(_crossings(self, lam))


class LogitSystem:
    """The logit equations of a game at κ in log-probabilities, with their Jacobian."""

    def __init__(self, game: Game, kappa: Fraction):
        self.shape = game.shape
        self.n = game.n_players
        at = game.payoffs_at(kappa)
        self.tensors = [np.array(at[..., i], dtype=float) for i in range(self.n)]
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.size = int(self.offsets[-1])
        self.scale = max([1.0] + [float(np.abs(t).max()) for t in self.tensors])

    def tolerance(self, lam: float) -> float:
        """What Newton asks of the equations: their terms grow with λ times the payoffs, and
        so does their rounding."""
        return 4e-16 * (1.0 + abs(lam) * self.scale)

    def split(self, flat: np.ndarray) -> list[np.ndarray]:
        """One vector per player from one flat vector."""
        return [flat[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]

    def contract(self, i: int, sigma: list[np.ndarray], keep: tuple[int, ...]) -> np.ndarray:
        """Player i's payoff tensor averaged over the mixed strategies of every player not in
        ``keep`` (axes kept in player order)."""
        out = self.tensors[i]
        if len(keep) == self.n:
            return out
        if self.n == 2:  # a matrix-vector product: the common case, without tensordot's overhead
            return out @ sigma[1] if keep == (0,) else sigma[0] @ out
        for axis in reversed(range(self.n)):
            if axis not in keep:
                out = np.tensordot(out, sigma[axis], axes=([axis], [0]))
        return out

    def payoffs(self, sigma: list[np.ndarray]) -> list[np.ndarray]:
        """u_ij: each pure strategy's expected payoff against the others' mixed strategies."""
        return [self.contract(i, sigma, (i,)) for i in range(self.n)]

    def equations(self, y: np.ndarray) -> np.ndarray:
        """H(x, λ): the logit equations at y = (x, λ)."""
        x, lam = y[:-1], y[-1]
        sigma = [np.exp(v) for v in self.split(x)]
        u = self.payoffs(sigma)
        out = []
        for i, xi in enumerate(self.split(x)):
            out.append(xi[1:] - xi[0] - lam * (u[i][1:] - u[i][0]))
            out.append([sigma[i].sum() - 1.0])
        return np.concatenate(out)

    def jacobian(self, y: np.ndarray) -> np.ndarray:
        """∂H/∂(x, λ), an M × (M + 1) matrix."""
        x, lam = y[:-1], y[-1]
        sigma = [np.exp(v) for v in self.split(x)]
        u = self.payoffs(sigma)
        jac = np.zeros((self.size, self.size + 1))
        for i in range(self.n):
            o, m = self.offsets[i], self.shape[i]
            rows = slice(o, o + m - 1)
            jac[rows, o + 1 : o + m] = np.eye(m - 1)
            jac[rows, o] = -1.0
            jac[rows, -1] = -(u[i][1:] - u[i][0])
            for k in range(self.n):
                if k == i:
                    continue
                cross = self.contract(i, sigma, (i, k) if i < k else (k, i))
                cross = cross if i < k else cross.T  # rows: i's strategies, columns: k's
                block = (cross[1:] - cross[0]) * sigma[k][None, :]
                jac[rows, self.offsets[k] : self.offsets[k + 1]] = -lam * block
            jac[o + m - 1, o : o + m] = sigma[i]
        return jac

    def residual(self, y: np.ndarray) -> float:
        """The largest error of the logit equations in probabilities."""
        x, lam = y[:-1], y[-1]
        sigma = [np.exp(v) for v in self.split(x)]
        u = self.payoffs(sigma)
        worst = 0.0
        for i in range(self.n):
            z = lam * u[i]
            logit = np.exp(z - z.max())
            logit /= logit.sum()
            worst = max(worst, float(np.abs(sigma[i] - logit).max()))
        return worst

    def point(self, y: np.ndarray) -> LogitPoint:
        """The point at y, with its residual."""
        sigma = [np.exp(v) for v in self.split(y[:-1])]
        return LogitPoint(float(y[-1]), tuple(tuple(float(p) for p in s) for s in sigma), self.residual(y))


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The unit null vector of the Jacobian, oriented as the previous tangent (else λ rising):
    the solution z of [J; rᵀ] z = (0, …, 0, 1) with r the previous tangent, normalised (the
    bordered system is regular near the branch, folds included)."""
    reference = previous if previous is not None else np.eye(jac.shape[1])[-1]
    rhs = np.zeros(jac.shape[1])
    rhs[-1] = 1.0
    try:
        t = np.linalg.solve(np.vstack([jac, reference]), rhs)
    except np.linalg.LinAlgError:
        q, _ = np.linalg.qr(jac.T, mode="complete")
        t = q[:, -1]
    t = t / np.linalg.norm(t)
    return t if float(t @ reference) >= 0 else -t


def _correct(system: LogitSystem, y: np.ndarray, fixed_lambda: bool = False) -> np.ndarray | None:
    """Newton back onto the curve (minimum-norm steps; λ fixed if asked); None if it fails."""
    for _ in range(30):
        h = system.equations(y)
        if not np.all(np.isfinite(h)):
            return None
        if float(np.abs(h).max()) < system.tolerance(y[-1]):
            return y
        jac = system.jacobian(y)
        if fixed_lambda:
            step = np.linalg.solve(jac[:, :-1], -h) if abs(np.linalg.det(jac[:, :-1])) > 1e-300 else None
            if step is None:
                return None
            y = y + np.append(step, 0.0)
        else:
            y = y + np.linalg.lstsq(jac, -h, rcond=None)[0]
    return y if float(np.abs(system.equations(y)).max()) < 100 * system.tolerance(y[-1]) else None


def trace(game: Game, kappa: Fraction | int = 1, lambda_max: float = LAMBDA_MAX) -> LogitBranch:
    """The principal branch of the logit QRE from λ = 0 to ``lambda_max`` at κ.

    >>> from sovgame import Game
    >>> pennies = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> branch = trace(pennies, 0)
    >>> round(branch.limit.profile[0][0], 9), branch.limit.residual <= 1e-10
    (0.5, True)
    """
    from .equilibria import solve

    kappa = Fraction(kappa)
    with np.errstate(all="ignore"):  # a predictor that overshoots is caught by the corrector
        points, folds, crossings = _trace_points(LogitSystem(game, kappa), lambda_max)
    return _with_limit(game, kappa, tuple(points), tuple(folds), tuple(crossings), solve(game, kappa))


def _trace_points(system: LogitSystem, lambda_max: float) -> tuple[list[LogitPoint], list[float], list[float]]:
    """The continuation itself (:func:`trace`): points, folds and bifurcations."""
    x0 = np.concatenate([np.full(m, -math.log(m)) for m in system.shape])
    y = np.append(x0, 0.0)
    points, folds, crossings = [system.point(y)], [], []
    tangent = _tangent(system.jacobian(y), None)
    orientation = _orientation(system.jacobian(y), tangent)
    step = 0.03
    for _ in range(MAX_STEPS):
        if y[-1] >= lambda_max:
            break
        predicted = y + step * tangent
        candidate = _correct(system, predicted)
        # A corrector that lands far from the prediction, or a tangent that turns sharply, may
        # have jumped to another branch passing close by: retry with a shorter step.
        jac = None if candidate is None else system.jacobian(candidate)
        new_tangent = None if jac is None else _tangent(jac, tangent)
        gap = math.inf if candidate is None else float(np.linalg.norm(candidate - predicted))
        turn = -1.0 if new_tangent is None else float(new_tangent @ tangent)
        if candidate is None or jac is None or new_tangent is None or gap > 0.1 * step or turn < 0.995:
            step /= 2
            if step < 1e-12:
                raise SovgameError(f"the logit branch could not be continued beyond λ ≈ {y[-1]:.6g} (steps too short)")
            continue
        if new_tangent[-1] < 0 <= tangent[-1]:
            folds.append(float(candidate[-1]))
        turned = _orientation(jac, new_tangent)
        if turned * orientation < 0:  # where the determinant crosses zero, linearly
            share = orientation / (orientation - turned)
            crossings.append(float(y[-1] + share * (candidate[-1] - y[-1])))
        orientation = turned
        y, tangent = candidate, new_tangent
        points.append(system.point(y))
        # Where the curve is nearly straight the step grows fast; elsewhere as Gambit's tracer.
        quiet = gap < 1e-3 * step and turn > 0.99999
        step = min(step * (FAST_ACCELERATION if quiet else ACCELERATION), 1e6)
    else:
        raise SovgameError(f"the logit branch did not reach λ = {lambda_max:g} in {MAX_STEPS:,} steps")
    if y[-1] > lambda_max:  # land on λ_max exactly
        back = _correct(system, _interpolate(points, system, lambda_max), fixed_lambda=True)
        if back is not None:
            y = back
            points[-1] = system.point(y)
    return points, folds, crossings


def _interpolate(points: list[LogitPoint], system: LogitSystem, lam: float) -> np.ndarray:
    """A start for Newton at λ: the last point's log-probabilities."""
    x = np.concatenate([np.log(np.maximum(np.array(p), 1e-300)) for p in points[-1].profile])
    return np.append(x, lam)


def _crossings(branch: LogitBranch, lam: float):
    """The branch's points at λ = lam, each found by Newton at fixed λ from the two traced
    points that straddle it."""
    system = LogitSystem(branch.game, branch.kappa)
    pts = branch.points
    for a, b in zip(pts, pts[1:]):
        if a.lam == lam:
            yield a
        elif (a.lam - lam) * (b.lam - lam) < 0:
            w = (lam - a.lam) / (b.lam - a.lam)
            xa = np.concatenate([np.log(np.maximum(np.array(p), 1e-300)) for p in a.profile])
            xb = np.concatenate([np.log(np.maximum(np.array(p), 1e-300)) for p in b.profile])
            y = _correct(system, np.append((1 - w) * xa + w * xb, lam), fixed_lambda=True)
            if y is not None:
                yield system.point(y)
    if pts[-1].lam == lam:
        yield pts[-1]


def _orientation(jac: np.ndarray, tangent: np.ndarray) -> float:
    """det[J; tᵀ]: of one sign along a branch through folds, changing where another branch
    crosses it."""
    return float(np.linalg.det(np.vstack([jac, tangent])))


def _with_limit(game: Game, kappa: Fraction, points, folds, crossings, exact) -> LogitBranch:
    """The branch with its limit matched against the exact equilibria."""
    limit = points[-1].profile
    equilibria = tuple(tuple(tuple(float(p) for p in s) for s in e.strategies) for e in exact.equilibria)
    distances = [max(abs(a - b) for sa, sb in zip(limit, eq) for a, b in zip(sa, sb)) for eq in equilibria]
    best = int(np.argmin(distances)) if distances else None
    distance = distances[best] if best is not None else math.inf
    matched = best if distance <= LIMIT_TOLERANCE else None
    return LogitBranch(game, kappa, points, folds, crossings, matched, distance, regret(game, kappa, limit), equilibria)


def regret(game: Game, kappa: Fraction, profile: tuple[tuple[float, ...], ...]) -> float:
    """The most any player gains by a best reply to ``profile`` (0 at a Nash equilibrium)."""
    system = LogitSystem(game, kappa)
    sigma = [np.array(s) for s in profile]
    u = system.payoffs(sigma)
    return max(float(u[i].max() - u[i] @ sigma[i]) for i in range(system.n))
