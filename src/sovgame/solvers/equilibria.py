"""Nash equilibria of a game, every one verified in exact arithmetic.

- Two players: every extreme equilibrium, pure and mixed, in exact arithmetic: a
  nondegenerate 2x2 game in closed form, others by pivoting between the vertices of the
  best-response polytopes (:mod:`sovgame.solvers.pivoting`) or, for lopsided games, by
  solving every square system (:mod:`sovgame.solvers.bimatrix`); degenerate games are
  flagged and their continua of equilibria marked by ``component``.
- Three or more players: every pure equilibrium exactly. Mixed ones need Gambit
  (``pip install "sovgame[gambit]"``); without it the result says that only pure
  equilibria were searched.
- Players with a single strategy never choose: they are set aside before solving
  (:meth:`~sovgame.core.model.Game.without_single_strategy_players`), so a 2x2x1 game is
  solved completely as the 2x2 game it is, and put back with their one strategy and their
  payoffs at each equilibrium; a note says so.

Whatever the method, each reported profile is an equilibrium in exact arithmetic: no player
has a pure strategy that pays strictly more than its mixed strategy against the others.
Pivoting proves this of its results with its own exact integers (the labels of exact
vertices cover every strategy: :func:`~sovgame.solvers.pivoting.solve_by_pivoting`); every
other profile is checked before it is returned (:func:`is_nash` with fractions; for two
players the same check in integers, :class:`~sovgame.solvers.verify.TwoPlayerCheck`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..core.budget import Work, metered, require, solve_work
from ..core.model import Game
from ..errors import GameTooLargeError
from .gambit import gambit_equilibria
from .pivoting import solve_two_player
from .verify import Strategy, TwoPlayerCheck, expected_payoffs, is_nash

#: Pure-equilibrium search of n-player games checks every outcome; beyond this it is slow.
MAX_PROFILES = 2_000_000


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
        """Every player puts probability 1 on one strategy."""
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
        """The profiles of the pure equilibria, in the order listed."""
        return [p for e in self.equilibria if (p := e.pure_profile()) is not None]


@metered
def solve(game: Game, kappa: Fraction | int | str = 0, costs: Sequence[str] | None = None) -> Solution:
    """Every equilibrium of ``game`` with costs applied at level κ (see module docstring).

    Parameters
    ----------
    game : Game
    kappa : cost level κ ≥ 0 (exact; ``"4/3"`` is fine)
    costs : keep only the costs of these names (all when None)
    """
    shape = game.shape
    require(_two_player_work(shape) if len(shape) == 2 else solve_work(shape))  # refused past the work limit
    kappa = Fraction(kappa)
    if game.single_strategy_players:
        return _solve_without_single_strategy_players(game, kappa, costs)
    payoffs = game.payoffs_at(kappa, costs)
    notes: list[str] = []
    if game.n_players == 2:
        A = payoffs[..., 0]
        B = payoffs[..., 1]
        solution = solve_two_player(A.tolist(), B.tolist())
        equilibria = []
        check = None
        for e in solution.equilibria:
            # Pivoting proves its results (solve_by_pivoting) and gives their payoffs; the
            # others are checked, as is_nash does but in integers.
            values = e.payoffs
            if values is None:
                check = check or TwoPlayerCheck(payoffs)
                values = check.payoffs_if_nash(e.row, e.col)
            if values is None:  # pragma: no cover - a bug if it happens
                raise AssertionError(f"solver returned a non-equilibrium {(e.row, e.col)}")
            equilibria.append(Equilibrium((e.row, e.col), values, e.component))
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
                'Gambit (pip install "sovgame[gambit]")'
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
        game=game,
        kappa=kappa,
        equilibria=tuple(equilibria),
        degenerate=degenerate,
        complete=complete,
        method=method,
        notes=tuple(notes),
    )


@functools.lru_cache(maxsize=256)
def _two_player_work(shape: tuple[int, ...]) -> Work:
    """:func:`~sovgame.core.budget.solve_work` of a two-player game, which depends on its shape
    alone (an immutable estimate, so kept: solving many games of one shape asks again)."""
    return solve_work(shape)


def _solve_without_single_strategy_players(game: Game, kappa: Fraction, costs: Sequence[str] | None) -> Solution:
    """Solve the game of the players who choose, then put the others back (module docstring)."""
    dropped = game.single_strategy_players
    inner = solve(game.without_single_strategy_players(), kappa, costs)
    payoffs = game.payoffs_at(kappa, costs)
    equilibria = []
    for eq in inner.equilibria:
        rest = iter(eq.strategies)
        strategies = tuple((Fraction(1),) if i in dropped else next(rest) for i in range(game.n_players))
        if not is_nash(payoffs, strategies):  # pragma: no cover - a bug if it happens
            raise AssertionError(f"solver returned a non-equilibrium {strategies}")
        equilibria.append(Equilibrium(strategies, expected_payoffs(payoffs, strategies), eq.component))
    names = [game.players[i].name for i in dropped]
    only = [repr(game.players[i].strategies[0]) for i in dropped]
    many = len(dropped) > 1
    note = (
        f"{' and '.join(names)} {'have' if many else 'has'} a single strategy ({', '.join(only)}): solved as the "
        f"{game.n_players - len(dropped)}-player game of the others; {'their' if many else 'its'} payoffs are "
        "shown at each equilibrium"
    )
    return Solution(
        game, kappa, tuple(equilibria), inner.degenerate, inner.complete, inner.method, (note, *inner.notes)
    )


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
    return tuple(tuple(Fraction(int(k == s)) for k in range(size)) for size, s in zip(shape, profile))


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
