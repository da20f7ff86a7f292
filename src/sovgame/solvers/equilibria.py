"""Nash equilibria of a game, every one verified in exact arithmetic.

- Two players: every extreme equilibrium, pure and mixed, in exact arithmetic: a
  nondegenerate 2x2 game in closed form, others by pivoting between the vertices of the
  best-response polytopes (:mod:`sovgame.solvers.pivoting`) or, for lopsided games, by
  solving every square system (:mod:`sovgame.solvers.bimatrix`); degenerate games are
  flagged and their continua of equilibria marked by ``component``.
- Three or more players: every equilibrium, pure and mixed, by support enumeration with
  each support's polynomial system solved exactly (:mod:`sovgame.solvers.nplayer`);
  irrational probabilities are exact algebraic numbers
  (:class:`~sovgame.core.algebraic.Algebraic`), and continua of equilibria are reported as
  components (:class:`~sovgame.solvers.components.Component`) with their extreme points
  listed. The result says where the enumeration could not be completed.
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
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.budget import Work, metered, require, solve_work
from ..core.case import Case, as_game
from ..core.model import Game
from ..core.numbers import fmt, fmt_short, json_number
from ..core.results import Result
from ..errors import GameTooLargeError

if TYPE_CHECKING:
    from .components import Component
from .pivoting import solve_two_player
from .verify import Number, Strategy, TwoPlayerCheck, expected_payoffs, is_nash

#: Pure-equilibrium search of n-player games checks every outcome; beyond this it is slow.
MAX_PROFILES = 2_000_000


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium: one mixed strategy per player (file order) and expected payoffs.

    ``component`` numbers the continuum of equilibria this extreme point lies on (equal
    numbers: same connected set of equilibria); None for an isolated equilibrium. With three
    or more players a probability may be irrational: an exact
    :class:`~sovgame.core.algebraic.Algebraic` number in place of a Fraction.
    """

    strategies: tuple[Strategy, ...]
    payoffs: tuple[Number, ...]
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

    def as_floats(self) -> tuple[np.ndarray, ...]:
        """Each player's mixed strategy as a float array (for plotting and numpy code; the
        exact probabilities are :attr:`strategies`)."""
        return tuple(np.array([float(p) for p in s]) for s in self.strategies)


@dataclass(frozen=True, repr=False)
class Solution(Result):
    """The equilibria of a game at one cost level, with what is known about completeness; its
    JSON is that of ``sovgame solve``."""

    game: Game
    kappa: Fraction
    equilibria: tuple[Equilibrium, ...]
    degenerate: bool | None  # None: not determined (pure search of an n-player game)
    complete: bool  # every extreme equilibrium is listed (False: see the notes)
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Three or more players: the continua of equilibria (``Equilibrium.component`` numbers them).
    components: tuple[Component, ...] = ()

    @property
    def pure_profiles(self) -> list[tuple[int, ...]]:
        """The profiles of the pure equilibria, in the order listed."""
        return [p for e in self.equilibria if (p := e.pure_profile()) is not None]

    def json_data(self) -> dict[str, Any]:
        game = self.game
        data: dict[str, Any] = {
            "game": game.title,
            "players": game.player_names,
            "kappa": json_number(self.kappa),
            "degenerate": self.degenerate,
            "equilibria": [equilibrium_to_json(game, eq) for eq in self.equilibria],
            "complete": self.complete,
            "notes": list(self.notes),
        }
        if game.n_players >= 3:
            data["components"] = [component_to_json(game, c) for c in self.components]
        return data

    def wide_records(self) -> list[dict[str, Any]]:
        """One row per equilibrium: its number, each strategy's probability (a float, column
        ``player: strategy``), each player's payoff, pure or not, its component, and the
        equilibrium in words with exact probabilities."""
        rows = []
        for number, eq in enumerate(self.equilibria, start=1):
            row: dict[str, Any] = {"equilibrium": number}
            for player, probs in zip(self.game.players, eq.strategies):
                row |= {f"{player.name}: {s}": float(p) for s, p in zip(player.strategies, probs)}
            row |= {f"payoff {player.name}": float(v) for player, v in zip(self.game.players, eq.payoffs)}
            row |= {"pure": eq.pure, "component": eq.component, "exact": describe_equilibrium(self.game, eq)}
            rows.append(row)
        return rows

    def _facts(self) -> list[tuple[str, str]]:
        pure = len(self.pure_profiles)
        return [
            ("κ", fmt(self.kappa)),
            ("equilibria", f"{len(self.equilibria)} ({pure} pure)" + ("" if self.complete else ", list incomplete")),
            (
                "found",
                "; ".join(describe_equilibrium(self.game, e) for e in self.equilibria[:3])
                + ("; …" if len(self.equilibria) > 3 else ""),
            ),
        ]


@metered
def solve(game: Game | Case, kappa: Fraction | int | str = 0, costs: Sequence[str] | None = None) -> Solution:
    """Every equilibrium of ``game`` with costs applied at level κ (see module docstring).

    Parameters
    ----------
    game : Game, or a Case (its game is solved)
    kappa : cost level κ ≥ 0 (exact; ``"4/3"`` is fine)
    costs : keep only the costs of these names (all when None)
    """
    game = as_game(game)
    shape = game.shape
    require(_two_player_work(shape) if len(shape) == 2 else solve_work(shape))  # refused past the work limit
    kappa = Fraction(kappa)
    if game.single_strategy_players:
        return _solve_without_single_strategy_players(game, kappa, costs)
    payoffs = game.payoffs_at(kappa, costs)
    notes: list[str] = []
    components: tuple[Component, ...] = ()
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
        from .nplayer import enumerate_equilibria  # imports FLINT: only games of 3+ players need it

        found = enumerate_equilibria(payoffs)
        equilibria = [Equilibrium(p, expected_payoffs(payoffs, p), c) for p, c in zip(found.points, found.component_of)]
        degenerate, complete, method = found.degenerate, found.complete, "exact support enumeration"
        components = found.components
        if components:
            notes.append(_continua_note(components))
        notes += [f"not resolved, so the list may be incomplete: {reason}" for reason in found.unresolved]
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
        components=components,
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
        game,
        kappa,
        tuple(equilibria),
        inner.degenerate,
        inner.complete,
        inner.method,
        (note, *inner.notes),
        tuple(_with_single_strategy_players(c, dropped, game.n_players) for c in inner.components),
    )


def _with_single_strategy_players(component: Component, dropped: Sequence[int], n: int) -> Component:
    """A component of the game without its single-strategy players, with them put back."""
    from dataclasses import replace

    def full(profile):
        rest = iter(profile)
        return tuple((Fraction(1),) if i in dropped else next(rest) for i in range(n))

    def support(own):
        rest = iter(own)
        return tuple((0,) if i in dropped else next(rest) for i in range(n))

    pieces = tuple(replace(p, support=support(p.support)) for p in component.pieces)
    return replace(component, point=full(component.point), pieces=pieces)


def _continua_note(components: Sequence[Component]) -> str:
    count = len(components)
    return (
        f"degenerate game: {count} continu{'um' if count == 1 else 'a'} of equilibria (see the components); "
        "its extreme points and the ends of its curves are listed with their component number"
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


# --- in words and as JSON (the stable JSON of ``sovgame solve``, docs/reference.md) ----------


def describe_strategy(strategies: tuple[str, ...], probs: Sequence[Number]) -> str:
    """ "Strike" for a pure strategy, "Stag 2/3, Hare 1/3" for a mixed one."""
    support = [(name, p) for name, p in zip(strategies, probs) if p != 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{name} {fmt_short(p)}" for name, p in support)


def describe_equilibrium(game: Game, eq: Equilibrium) -> str:
    """ "(Strike, Tolerate TTP)" or "(Stag 2/3, Hare 1/3; Stag 2/3, Hare 1/3)"."""
    parts = [describe_strategy(p.strategies, s) for p, s in zip(game.players, eq.strategies)]
    return "(" + ("; " if not eq.pure else ", ").join(parts) + ")"


def describe_solution(solution: Solution | None, exact_mixed: bool = True) -> str:
    """The equilibria in one line; mixed ones by their supports when they move with κ."""
    if solution is None:
        return "(transition at an irrational point)"
    parts = []
    for e in solution.equilibria:
        if e.pure or exact_mixed:
            parts.append(describe_equilibrium(solution.game, e))
        else:
            supports = [
                "/".join(n for n, p in zip(pl.strategies, s) if p) for pl, s in zip(solution.game.players, e.strategies)
            ]
            parts.append(f"mixed ({'; '.join(supports)})")
    text = "; ".join(parts) if parts else "none found"
    if solution.degenerate:
        text += " [degenerate" + (": continuum]" if any(e.component for e in solution.equilibria) else "]")
    return text


def equilibrium_to_json(game: Game, eq: Equilibrium) -> dict[str, Any]:
    """One equilibrium: each player's probabilities as floats and exact text, payoffs, pure, component."""
    return {
        **profile_to_json(game, eq.strategies),
        "payoffs": {p.name: float(v) for p, v in zip(game.players, eq.payoffs)},
        "pure": eq.pure,
        "component": eq.component,
    }


def profile_to_json(game: Game, strategies: Sequence[Strategy]) -> dict[str, Any]:
    """``strategies`` (floats) and ``exact`` (text: "1/4", "a + b·√r", "root of ... in [lo, hi]")."""
    return {
        "strategies": {
            p.name: {name: float(prob) for name, prob in zip(p.strategies, s)} for p, s in zip(game.players, strategies)
        },
        "exact": {
            p.name: {name: fmt(prob) for name, prob in zip(p.strategies, s)} for p, s in zip(game.players, strategies)
        },
    }


def component_to_json(game: Game, component: Component) -> dict[str, Any]:
    """A continuum of equilibria: its number, dimension, whether it is one polytope, a point in
    it, and its pieces (kind, dimension, supports, extreme points as equilibrium numbers from 1)."""
    return {
        "number": component.number,
        "dimension": component.dimension,
        "polytope": component.polytope,
        "point": profile_to_json(game, component.point),
        "pieces": [
            {
                "kind": piece.kind,
                "dimension": piece.dimension,
                "supports": {p.name: [p.strategies[s] for s in own] for p, own in zip(game.players, piece.support)},
                "extreme": [k + 1 for k in piece.extreme],
            }
            for piece in component.pieces
        ],
    }
