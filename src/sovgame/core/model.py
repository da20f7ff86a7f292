"""The game model: players, strategies, payoffs and the costs that fall on whom.

A :class:`Game` is immutable. Its payoffs are exact fractions in an object array of shape
``(*shape, n_players)``: ``payoffs[s1, s2, ..., i]`` is player i's payoff at the outcome
where each player j picks strategy ``s_j``. Costs are linear in one cost level κ ≥ 0::

    u_i(s; κ) = u_i(s) − κ · Σ_k weight_k[i] · exposure_k(i, s)

(docs/models.md, "Notation"). ``Game.cost_load`` is the sum on the right, so every
threshold is a linear problem in κ.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import ParameterError, SovgameError
from .arrays import checked_payoffs, make_costs, make_players, payoffs_from_arrays
from .numbers import fmt, json_number
from .parts import INCIDENCES, PAYOFF_SCALES, Cost, Incidence, PayoffScale, Player, Profile
from .results import Result

__all__ = [
    "INCIDENCES",
    "PAYOFF_SCALES",
    "Cost",
    "Game",
    "Incidence",
    "PayoffScale",
    "Player",
    "Profile",
    "bimatrix_game",
    "fraction_array",
    "kept_players",
    "solved_shape",
]


@dataclass(frozen=True, eq=False, repr=False)
class Game(Result):
    """A finite normal-form game with linear conflict costs; its JSON is that of ``sovgame show``."""

    title: str
    players: tuple[Player, ...]
    payoffs: np.ndarray  # object array of Fraction, shape (*shape, n_players)
    costs: tuple[Cost, ...] = ()
    payoff_scale: PayoffScale = PayoffScale.CARDINAL
    # Cost loads by kept cost names; filled on first use (games are immutable).
    _loads: dict[tuple[str, ...] | None, np.ndarray] = field(init=False, repr=False, default_factory=dict)

    def json_data(self) -> dict[str, Any]:
        return game_json(self)

    def _title(self) -> str:
        return self.title

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("players", ", ".join(self.player_names)),
            ("strategies", "×".join(map(str, self.shape))),
            ("costs", ", ".join(c.name for c in self.costs) or "none"),
        ]

    # --- built in Python ---------------------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        *arrays: ArrayLike,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        compromise: Mapping[str, str] | Sequence[str | None] | None = None,
        costs: Sequence[Cost | Mapping] | None = None,
        title: str = "game",
        payoff_scale: str = "cardinal",
    ) -> Game:
        """A game from one payoff array per player, as nashpy's ``Game(A, B)``.

        ``Game.from_arrays(A, B)`` is a two-player game (A the row player's payoffs, B the
        column player's); n arrays of n dimensions each make an n-player game
        (``A[s1, s2, s3]`` is player 1's payoff). Numbers are read exactly (``0.1`` is one
        tenth; ``"2/3"`` is fine).

        Parameters
        ----------
        players : names (default ``Row``, ``Column``, ``Player 3``, ...)
        strategies : one list of names per player (default ``r1..``, ``c1..``, ``s1..``)
        compromise : each player's compromise strategy, as a dict by player name or a list
            in player order (None where a player has none); the thresholds need it
        costs : :class:`Cost` objects or dicts with a game file's keys, e.g.
            ``{"name": "trade", "incidence": "any_conflict", "weights": [0.5, 1]}``
        title, payoff_scale : as ``[game]`` in a file

        The plausible range of κ is no part of the game: give it to an analysis
        (``compute_thresholds(game, plausible=[0, 2])``) or build a case,
        :meth:`sovgame.Case.from_arrays` (``plausible_kappa=[0, 2]``).

        Raises :class:`~sovgame.errors.ParameterError` naming the parameter that is wrong.

        >>> game = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
        >>> game.outcome_key((1, 0)), tuple(map(int, game.payoffs[1, 0]))
        ('D|C', (5, 0))
        """
        payoffs = payoffs_from_arrays(arrays)
        return cls.from_payoffs(
            payoffs,
            players=players,
            strategies=strategies,
            compromise=compromise,
            costs=costs,
            title=title,
            payoff_scale=payoff_scale,
        )

    @classmethod
    def from_payoffs(
        cls,
        payoffs: ArrayLike,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        compromise: Mapping[str, str] | Sequence[str | None] | None = None,
        costs: Sequence[Cost | Mapping] | None = None,
        title: str = "game",
        payoff_scale: str = "cardinal",
    ) -> Game:
        """A game from one array of shape (m1, ..., mn, n): ``payoffs[s1, ..., sn, i]`` is
        player i's payoff (the layout of :attr:`Game.payoffs`). Parameters as
        :meth:`from_arrays`."""
        exact = checked_payoffs(payoffs)
        people = make_players(exact.shape[:-1], players, strategies, compromise)
        if payoff_scale not in PAYOFF_SCALES:
            raise ParameterError("payoff_scale", f"one of {', '.join(PAYOFF_SCALES)}, not {payoff_scale!r}")
        return cls(
            title=title,
            players=people,
            payoffs=exact,
            costs=make_costs(costs, people),
            payoff_scale=PayoffScale(payoff_scale),
        )

    # --- shape and names -------------------------------------------------------------
    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player, in player order."""
        return tuple(len(p.strategies) for p in self.players)

    @property
    def player_names(self) -> list[str]:
        """The players' names in file order."""
        return [p.name for p in self.players]

    def profiles(self) -> Iterator[Profile]:
        """Every outcome, the last player's strategy changing fastest."""
        return itertools.product(*(range(k) for k in self.shape))

    def outcome_key(self, profile: Profile) -> str:
        """The file's name of an outcome: ``"Strike|Tolerate TTP"``."""
        return "|".join(p.strategies[s] for p, s in zip(self.players, profile))

    def outcome_names(self, profile: Profile) -> tuple[str, ...]:
        """Each player's strategy name at ``profile``: ``("Strike", "Tolerate TTP")``."""
        return tuple(p.strategies[s] for p, s in zip(self.players, profile))

    def parse_outcome(self, key: str) -> Profile:
        """The profile named by ``"s1|s2|..."``; raises ValueError saying what is wrong."""
        parts = key.split("|")
        if len(parts) != self.n_players:
            raise ValueError(
                f"{key!r} names {len(parts)} strategies; an outcome names one per player "
                f"({self.n_players}), joined by '|'"
            )
        profile = []
        for player, part in zip(self.players, parts):
            name = part.strip()
            if name not in player.strategies:
                raise ValueError(
                    f"{name!r} is not a strategy of {player.name} (one of: {', '.join(player.strategies)})"
                )
            profile.append(player.strategies.index(name))
        return tuple(profile)

    @property
    def compromise_profile(self) -> Profile | None:
        """Every player's compromise strategy, or None if some player names none."""
        profile = tuple(i for p in self.players if (i := p.compromise_index) is not None)
        return profile if len(profile) == self.n_players else None

    # --- payoffs and costs -------------------------------------------------------------
    def with_payoffs(self, payoffs: np.ndarray) -> Game:
        """The same game with other payoffs, keeping the cost loads already computed (payoffs
        do not enter them): a number drawn many times moves payoffs only."""
        game = replace(self, payoffs=payoffs)
        game._loads.update(self._loads)
        return game

    def cost_load(self, only: Sequence[str] | None = None) -> np.ndarray:
        """W with ``W[s, i] = Σ_k weight_k[i] · exposure_k(i, s)`` over the costs kept.

        ``only`` keeps the costs of those names (all costs when None).
        """
        key = None if only is None else tuple(sorted(only))
        if key not in self._loads:
            self._loads[key] = self._compute_cost_load(only)
        return self._loads[key]

    def _compute_cost_load(self, only: Sequence[str] | None) -> np.ndarray:
        load = np.empty(self.payoffs.shape, dtype=object)
        load[...] = Fraction(0)
        kept = [c for c in self.costs if only is None or c.name in only]
        for profile in self.profiles():
            for i in range(self.n_players):
                load[profile + (i,)] = sum(
                    (c.weights[i] * c.exposure_at(self.players, profile, i) for c in kept), Fraction(0)
                )
        return load

    def kept_costs(self, names: Sequence[str] | None = None, origin: str | None = None) -> tuple[str, ...]:
        """The names of the costs kept by a filter (all when None), checked; a name the game
        lacks is an error that starts with ``origin`` (default ``Game('title')``)."""
        if names is None:
            return tuple(c.name for c in self.costs)
        known = [c.name for c in self.costs]
        unknown = [n for n in names if n not in known]
        if unknown:
            raise SovgameError(
                f"{origin or f'Game({self.title!r})'}: no cost named {', '.join(map(repr, unknown))} "
                f"(costs in this game: {', '.join(known) or 'none'})"
            )
        return tuple(n for n in known if n in names)

    # --- players with a single strategy ---------------------------------------------------
    @property
    def single_strategy_players(self) -> tuple[int, ...]:
        """The players :meth:`without_single_strategy_players` sets aside (none when it keeps all)."""
        kept = kept_players(self.shape)
        return tuple(i for i in range(self.n_players) if i not in kept)

    def without_single_strategy_players(self) -> Game:
        """The same game without the players who have a single strategy (``self`` if none).

        Such a player never chooses, so no equilibrium condition is theirs: the equilibria of
        the game are those of the others' game, each with that player's one strategy added,
        and a 2x2x1 game is solved completely as the 2x2 game it is. Payoffs and cost loads
        are the full game's at that strategy; costs become custom exposure tables of the
        players kept (same names, weights and ranges), so every cost filter and κ still
        apply. At least two players are kept (:func:`kept_players`).
        """
        kept = kept_players(self.shape)
        if len(kept) == self.n_players:
            return self
        fixed = {i: 0 for i in range(self.n_players) if i not in kept}

        def full(profile: Profile) -> Profile:
            """The full game's profile of a reduced one."""
            it = iter(profile)
            return tuple(fixed[i] if i in fixed else next(it) for i in range(self.n_players))

        index = tuple(slice(None) if i in kept else 0 for i in range(self.n_players))
        players = tuple(self.players[i] for i in kept)
        reduced_profiles = list(itertools.product(*(range(len(p.strategies)) for p in players)))
        costs = tuple(
            Cost(
                c.name,
                Incidence.CUSTOM,
                tuple(c.weights[i] for i in kept),
                tuple(range(len(kept))),
                {r: tuple(c.exposure_at(self.players, full(r), i) for i in kept) for r in reduced_profiles},
                c.source,
                None if c.weights_range is None else tuple(c.weights_range[i] for i in kept),
            )
            for c in self.costs
        )
        return replace(self, players=players, payoffs=self.payoffs[index][..., list(kept)], costs=costs)

    def solved_profile(self, profile: Profile) -> Profile:
        """``profile`` as a profile of :meth:`without_single_strategy_players`."""
        dropped = self.single_strategy_players
        return tuple(s for i, s in enumerate(profile) if i not in dropped)

    def payoffs_at(self, kappa: Fraction | int = 0, only: Sequence[str] | None = None) -> np.ndarray:
        """Costed payoffs ``u(s; κ) = u(s) − κ·W(s)`` as exact fractions."""
        kappa = Fraction(kappa)
        if kappa == 0 or not self.costs:
            return self.payoffs
        return self.payoffs - kappa * self.cost_load(only)


def kept_players(shape: Sequence[int]) -> tuple[int, ...]:
    """The players whose choices are solved: those with two or more strategies, topped up in
    file order with single-strategy ones to at least two (the two-player solver takes a side
    with one strategy; a game of one player is no game)."""
    kept = [i for i, k in enumerate(shape) if k > 1]
    for i, k in enumerate(shape):
        if len(kept) >= 2:
            break
        if k == 1:
            kept.append(i)
    return tuple(sorted(kept))


def solved_shape(shape: Sequence[int]) -> tuple[int, ...]:
    """The shape of :meth:`Game.without_single_strategy_players`: what the solvers work on."""
    return tuple(shape[i] for i in kept_players(shape))


def fraction_array(values: ArrayLike, shape: tuple[int, ...]) -> np.ndarray:
    """An object array of Fractions of the given shape from nested sequences."""
    out = np.empty(shape, dtype=object)
    flat = np.asarray(values, dtype=object).reshape(-1)
    out.reshape(-1)[:] = [Fraction(v) for v in flat]
    return out


def bimatrix_game(
    A: ArrayLike, B: ArrayLike, title: str = "bimatrix game", names: tuple[str, str] = ("Row", "Column")
) -> Game:
    """A two-player game from payoff matrices A (row player) and B (column player).

    Strategies are named ``r1..rm`` and ``c1..cn``; handy in notebooks and tests.
    """
    rows = np.asarray(A, dtype=object)
    cols = np.asarray(B, dtype=object)
    m, n = rows.shape
    payoffs = fraction_array(np.stack([rows, cols], axis=-1), (m, n, 2))
    players = (
        Player(names[0], tuple(f"r{i + 1}" for i in range(m))),
        Player(names[1], tuple(f"c{j + 1}" for j in range(n))),
    )
    return Game(title=title, players=players, payoffs=payoffs)


def game_json(
    game: Game,
    *,
    costs: Sequence[Cost] | None = None,
    description: str | None = None,
    source: str | None = None,
    notes: Mapping[Profile, str] | None = None,
    plausible_kappa: tuple[Fraction, Fraction] | None = None,
    sections: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON of ``sovgame show``: payoffs as numbers and exact text, ``costs`` as the file
    states them (default the game's), what the file says around the game (a bare game says
    nothing: null or empty) and ``sections``, the JSON of the sections the file states, in
    place of :func:`absent_sections_json`."""
    return {
        "game": game.title,
        "description": description,
        "source": source,
        "payoff_scale": game.payoff_scale,
        "players": [
            {"name": p.name, "strategies": list(p.strategies), "compromise": p.compromise} for p in game.players
        ],
        "payoffs": {game.outcome_key(s): [json_number(v) for v in game.payoffs[s]] for s in game.profiles()},
        "payoffs_exact": {game.outcome_key(s): [fmt(v) for v in game.payoffs[s]] for s in game.profiles()},
        "notes": {game.outcome_key(s): n for s, n in (notes or {}).items()},
        "costs": [_cost_json(game, c) for c in (game.costs if costs is None else costs)],
        "plausible_kappa": None if plausible_kappa is None else [json_number(v) for v in plausible_kappa],
        **absent_sections_json(),
        **(sections or {}),
    }


def _cost_json(game: Game, c: Cost) -> dict[str, Any]:
    return {
        "name": c.name,
        "incidence": c.incidence,
        "weights": [fmt(w) for w in c.weights],
        "between": [game.player_names[j] for j in c.between],
        "exposure": None
        if c.exposure is None
        else {game.outcome_key(p): [fmt(v) for v in row] for p, row in c.exposure.items()},
        "source": c.source,
        **({"basis": list(c.basis)} if c.basis else {}),
    }


def absent_sections_json() -> dict[str, Any]:
    """The keys ``show`` always prints for the sections that change how the game is played, as
    for a file that states none: no move order, no limited capacity, no hidden types."""
    return {"sequence": None, "capacity": [], "types": []}
