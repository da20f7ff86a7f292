"""Nash equilibria of a game, every one verified in exact arithmetic.

- Two players: every extreme equilibrium, pure and mixed, by exact vertex enumeration of
  the best-response polytopes (:mod:`sovgame.bimatrix`); degenerate games are flagged and
  their continua of equilibria marked by ``component``.
- Three or more players: every pure equilibrium exactly. Mixed ones need Gambit
  (``pip install "sovgame[gambit]"``); without it the result says that only pure
  equilibria were searched.

Whatever the method, :func:`is_nash` re-checks each reported profile with fractions before
it is returned: a profile is an equilibrium when no player has a pure strategy that pays
strictly more than its mixed strategy against the others.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..core.model import Game
from ..errors import GameTooLargeError
from .bimatrix import solve_bimatrix

#: Pure-equilibrium search of n-player games checks every outcome; beyond this it is slow.
MAX_PROFILES = 2_000_000

Strategy = tuple[Fraction, ...]


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium: one mixed strategy per player (file order) and expected payoffs.

    ``component`` numbers the continuum of equilibria this extreme point lies on (equal
    numbers: same connected set of equilibria); None for an isolated equilibrium.
    """

    strategies: tuple[Strategy, ...]
    payoffs: tuple[Fraction, ...]
    component: int | None = None

    @property
    def pure(self) -> bool:
        return all(p in (0, 1) for s in self.strategies for p in s)

    def pure_profile(self) -> tuple[int, ...] | None:
        """Strategy indices if the equilibrium is pure, else None."""
        if not self.pure:
            return None
        return tuple(s.index(1) for s in self.strategies)


@dataclass(frozen=True)
class Solution:
    """The equilibria of a game at one cost level, with what is known about completeness."""

    game: Game
    kappa: Fraction
    equilibria: tuple[Equilibrium, ...]
    degenerate: bool | None  # None: not determined (pure search of an n-player game)
    complete: bool  # every extreme equilibrium is listed (False: pure ones only)
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def pure_profiles(self) -> list[tuple[int, ...]]:
        return [p for e in self.equilibria if (p := e.pure_profile()) is not None]


def solve(game: Game, kappa: Fraction | int | str = 0, costs: Sequence[str] | None = None) -> Solution:
    """Every equilibrium of ``game`` with costs applied at level κ (see module docstring).

    Parameters
    ----------
    game : Game
    kappa : cost level κ ≥ 0 (exact; ``"4/3"`` is fine)
    costs : keep only the costs of these names (all when None)
    """
    kappa = Fraction(kappa)
    payoffs = game.payoffs_at(kappa, costs)
    notes: list[str] = []
    if game.n_players == 2:
        A = payoffs[..., 0]
        B = payoffs[..., 1]
        solution = solve_bimatrix(A.tolist(), B.tolist())
        equilibria = [
            Equilibrium((e.row, e.col), expected_payoffs(payoffs, (e.row, e.col)), e.component)
            for e in solution.equilibria
        ]
        degenerate, complete, method = solution.degenerate, True, "exact vertex enumeration"
        if degenerate:
            notes.append(_degenerate_note(equilibria))
    else:
        pure = [_as_pure(game.shape, p) for p in pure_equilibria(payoffs)]
        degenerate = None
        mixed = gambit_equilibria(payoffs)
        if mixed is None:
            found, complete, method = pure, False, "exact pure-profile search"
            notes.append(
                f"{game.n_players}-player game: only pure equilibria were searched; mixed ones need "
                "Gambit (pip install \"sovgame[gambit]\")"
            )
        else:
            exact, approximate = mixed
            found = pure + [s for s in exact if s not in pure]
            complete, method = not approximate, "exact pure search + Gambit enumpoly, checked exactly"
            notes.append("mixed equilibria from Gambit's enumpoly (isolated equilibria), each checked in fractions")
            if approximate:
                notes.append(
                    f"{len(approximate)} further equilibri{'um' if len(approximate) == 1 else 'a'} found by Gambit "
                    "have irrational probabilities and cannot be verified in fractions; not listed"
                )
        equilibria = [Equilibrium(s, expected_payoffs(payoffs, s)) for s in found]
    for eq in equilibria:
        if not is_nash(payoffs, eq.strategies):  # pragma: no cover - a bug if it happens
            raise AssertionError(f"solver returned a non-equilibrium {eq.strategies}")
    return Solution(
        game=game, kappa=kappa, equilibria=tuple(equilibria), degenerate=degenerate,
        complete=complete, method=method, notes=tuple(notes),
    )


def gambit_equilibria(payoffs: np.ndarray) -> tuple[list, list] | None:
    """Mixed equilibria of an n-player game from Gambit's enumpoly, or None without Gambit.

    Returns (exact, approximate): profiles that pass the exact check after rounding each
    probability to the nearest fraction with denominator ≤ 10⁶, and the float profiles that
    do not (irrational equilibria, which fractions cannot represent).
    """
    try:
        import pygambit as gbt
    except ImportError:
        return None
    n = payoffs.shape[-1]
    arrays = [np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator), otypes=[object])(payoffs[..., i])
              for i in range(n)]
    maker = getattr(gbt, "StrategicGame", gbt.Game)  # pygambit 17 / 16
    game = maker.from_arrays(*arrays)
    labels = [p if isinstance(p, str) else p.label for p in game.players]
    exact, approximate = [], []
    for eq in gbt.nash.enumpoly_solve(game).equilibria:
        floats = [[float(p) for _, p in eq[label]] for label in labels]
        profile = tuple(tuple(Fraction(p).limit_denominator(10**6) for p in s) for s in floats)
        if is_nash(payoffs, profile):
            if profile not in exact:
                exact.append(profile)
        else:
            approximate.append(floats)
    return exact, approximate


def _degenerate_note(equilibria: list[Equilibrium]) -> str:
    components = {e.component for e in equilibria if e.component is not None}
    if components:
        return (
            f"degenerate game: equilibria form {len(components)} continuum/continua; every extreme "
            "equilibrium is listed and those on one continuum share a component number (every "
            "mixture of equilibria in one component that share a strategy is an equilibrium too)"
        )
    return "degenerate game: some strategy has more best responses than its support size"


def _as_pure(shape: tuple[int, ...], profile: tuple[int, ...]) -> tuple[Strategy, ...]:
    return tuple(
        tuple(Fraction(int(k == s)) for k in range(size)) for size, s in zip(shape, profile)
    )


def pure_equilibria(payoffs: np.ndarray) -> list[tuple[int, ...]]:
    """Every pure Nash equilibrium, exactly, in profile order (last player fastest).

    ``payoffs`` has shape ``(*shape, n)``. An outcome is an equilibrium when each player's
    payoff there is the maximum over its own strategies with the others fixed.
    """
    shape = payoffs.shape[:-1]
    if math.prod(shape) > MAX_PROFILES:
        raise GameTooLargeError(
            f"the game has {math.prod(shape):,} outcomes; searching them all is too slow here. "
            "Remove dominated strategies first."
        )
    stable = np.ones(shape, dtype=bool)
    for i in range(len(shape)):
        own = payoffs[..., i]
        best = own.max(axis=i, keepdims=True)
        stable &= (own == best).astype(bool)
    return [tuple(int(v) for v in idx) for idx in zip(*np.nonzero(stable))]


def expected_payoffs(payoffs: np.ndarray, strategies: Sequence[Strategy]) -> tuple[Fraction, ...]:
    """Each player's expected payoff when every player plays its mixed strategy."""
    n = payoffs.shape[-1]
    totals = [Fraction(0)] * n
    for profile, weight in _support_profiles(strategies):
        cell = payoffs[profile]
        for i in range(n):
            totals[i] += weight * cell[i]
    return tuple(totals)


def pure_strategy_values(payoffs: np.ndarray, strategies: Sequence[Strategy], player: int) -> list[Fraction]:
    """Player's expected payoff from each of its pure strategies against the others' mix."""
    others = [s if j != player else None for j, s in enumerate(strategies)]
    values = []
    for own in range(payoffs.shape[player]):
        fixed = list(others)
        fixed[player] = tuple(Fraction(int(k == own)) for k in range(payoffs.shape[player]))
        values.append(sum((w * payoffs[p][player] for p, w in _support_profiles(fixed)), Fraction(0)))
    return values


def is_nash(payoffs: np.ndarray, strategies: Sequence[Strategy]) -> bool:
    """True if no player gains by a unilateral deviation, checked in exact arithmetic.

    Also requires each strategy to be a probability vector (non-negative, summing to one).
    """
    for strategy in strategies:
        if any(p < 0 for p in strategy) or sum(strategy) != 1:
            return False
    current = expected_payoffs(payoffs, strategies)
    for player in range(payoffs.shape[-1]):
        if max(pure_strategy_values(payoffs, strategies, player)) > current[player]:
            return False
    return True


def _support_profiles(strategies: Sequence[Strategy]):
    """(profile, probability) over the product of the supports."""
    supports = [[(k, p) for k, p in enumerate(s) if p != 0] for s in strategies]
    for combo in itertools.product(*supports):
        weight = Fraction(1)
        for _, p in combo:
            weight *= p
        yield tuple(k for k, _ in combo), weight


@dataclass(frozen=True)
class CrossCheck:
    """What nashpy's vertex enumeration finds on the same game, each profile checked exactly."""

    found: tuple[int, ...]  # 1-based numbers of our equilibria that nashpy also returned
    missed: tuple[int, ...]  # ours that nashpy did not return
    not_equilibria: int  # profiles nashpy returned that fail the exact check
    extra: int  # exact equilibria nashpy returned that we did not (a bug in sovgame if ever > 0)


def cross_check_nashpy(solution: Solution) -> CrossCheck:
    """Run nashpy's ``vertex_enumeration`` on the solved game and compare, exactly.

    nashpy works in floats; each profile it returns is rounded to the nearest fraction with
    denominator ≤ 10⁶ and checked with :func:`is_nash`. Payoffs are shifted to be positive
    first, as nashpy's vertex enumeration needs (MODELS.md).
    """
    import nashpy

    game = solution.game
    if game.n_players != 2:
        raise ValueError("nashpy handles two-player games only")
    payoffs = game.payoffs_at(solution.kappa)
    A = np.array(payoffs[..., 0], dtype=float)
    B = np.array(payoffs[..., 1], dtype=float)
    ours = {tuple(e.strategies): index for index, e in enumerate(solution.equilibria, start=1)}
    found, not_equilibria, extra = set(), 0, 0
    for x, y in nashpy.Game(A - A.min() + 1, B - B.min() + 1).vertex_enumeration():
        profile = tuple(tuple(Fraction(float(p)).limit_denominator(10**6) for p in s) for s in (x, y))
        if not is_nash(payoffs, profile):
            not_equilibria += 1
        elif profile in ours:
            found.add(ours[profile])
        else:
            extra += 1
    missed = tuple(i for i in ours.values() if i not in found)
    return CrossCheck(tuple(sorted(found)), missed, not_equilibria, extra)
