"""The sampling plan: what is uncertain in a game and how samples of it are drawn.

Everything a chunk of samples needs is prepared once, as numpy arrays over flat profiles and
players, in a picklable :class:`SamplingPlan`; the constants every part of a run shares live
here too.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction

import numpy as np

from ..core.case import Case, as_case
from ..core.model import Game, Profile
from ..costs.verdicts import Verdict
from ..errors import ParameterError
from ..sections.capacity import Capacity, capacity_of, stated

#: Samples per chunk: the unit of seeding and of parallel work (fixed, so output does not
#: depend on the number of workers).
CHUNK_SIZE = 16384


DEFAULT_SAMPLES = 10_000


MAX_SAMPLES = 10_000_000


#: The most worker processes a run starts.
MAX_WORKERS = 256


#: The largest standard deviation of the noise: past it draws overflow floats (1e308), and
#: no game file holds payoffs that large (numbers stay below 1e100).
MAX_NOISE = 1e100


#: The default exact subsample for ``unique`` is sized so that the open samples (a share f of
#: all) add at most about this much (one standard error) to P(threshold ≤ top): f·½/√K ≤ it.
UNIQUE_PRECISION = 0.005


#: ... and kept between these bounds: two-player games need the exact path only for open
#: samples, each costing tens of milliseconds in fractions; games of three or more players
#: need it for every sample, each costing a few milliseconds.
UNIQUE_SUBSAMPLE_BOUNDS = {2: (10, 200), 3: (10, 500)}


#: Distinct degenerate samples per chunk solved exactly at the top of the range.
EXACT_FALLBACK_PER_CHUNK = 32


#: Above this many support pairs, two-player games are searched for pure equilibria only.
MAX_SUPPORT_PAIRS = 2_000


CRITERIA = ("nash", "dominant", "unique")


class VerdictCode(IntEnum):
    """A sample's verdict as a small integer in numpy arrays: the verdicts of
    :class:`sovgame.costs.verdicts.Verdict` in order, then two codes of the run itself."""

    HOLDS_TODAY = 0
    REACHABLE = 1
    BEYOND = 2
    NEVER = 3
    LAPSED = 4
    UNDETERMINED = 5  # the exact path cannot settle the threshold or its verdict
    NOT_COMPUTED = 6  # an open sample outside the exact subsample (weight 0)

    @classmethod
    def of(cls, verdict: Verdict | None) -> VerdictCode:
        """The code of a verdict (None, a verdict not settled: UNDETERMINED)."""
        return cls.UNDETERMINED if verdict is None else cls[verdict.name]


class BindingCode(IntEnum):
    """Binding-player codes besides the player indices 0, 1, ...: no one binds because the
    threshold is 0, or because there is no threshold."""

    NONE = -1
    NEVER = -2


GAME_TYPES = ("Prisoner's Dilemma", "Stag Hunt", "Chicken", "Deadlock", "Harmony", "other")


#: Relative tolerance of the float equilibrium checks; ties within it count as degenerate.
TOLERANCE = 1e-9


#: ``progress(done, total, stage)``; stage is "sampling" or "exact unique".
Progress = Callable[[int, int, str], None]


#: An equilibrium as each player's support; an equilibrium set as (equilibria, continuum).
Supports = tuple[tuple[int, ...], ...]


SetKey = tuple[tuple[Supports, ...], bool]


@dataclass(frozen=True)
class Comparisons:
    """Pairs of outcomes compared by one player, as flat profile indices: the player gains
    ``a − κ·b`` by moving from ``at`` to ``to`` (a = U[to] − U[at], b = W[to] − W[at])."""

    player: np.ndarray
    at: np.ndarray
    to: np.ndarray

    def gains(self, U: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(a, b), each of shape (samples, comparisons), in column-major order: each
        comparison's column is contiguous, so operations that combine a sample's value with
        each of its columns, and reductions over the columns, run along whole columns."""
        return self.transposed(U).T, self.transposed(W).T

    def transposed(self, X: np.ndarray) -> np.ndarray:
        """X[:, to, player] − X[:, at, player] as rows (comparisons, samples)."""
        players = X.shape[2]
        to, at = self.to * players + self.player, self.at * players + self.player
        if X.strides[0] == 0:  # one game for every sample: compute it once
            row = X[0].reshape(-1)
            return np.repeat((row[to] - row[at])[:, None], X.shape[0], axis=1)
        rows = np.ascontiguousarray(X.reshape(X.shape[0], -1).T)  # (profiles · players, samples)
        return rows[to] - rows[at]

    def joined(self, other: Comparisons) -> Comparisons:
        """These comparisons, then ``other``'s."""
        return Comparisons(*(np.concatenate([x, y]) for x, y in zip(self.fields(), other.fields())))

    def fields(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(player, at, to)."""
        return self.player, self.at, self.to


@dataclass(frozen=True)
class Gathered:
    """Every comparison a chunk evaluates, computed in one pass (:meth:`Comparisons.gains`)
    and handed out by group: ``dominance``, then ``pairwise`` (two players), then ``pattern``
    (2x2: :func:`pattern_comparisons`), as column ranges; ``nash`` is a subset of the
    dominance columns (the same differences, in :attr:`SamplingPlan.nash` order)."""

    comparisons: Comparisons
    groups: dict[str, slice]
    nash: np.ndarray

    def gains(self, U: np.ndarray, W: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Group name → (a, b) of its comparisons, column-major as :meth:`Comparisons.gains`."""
        a, b = self.comparisons.transposed(U), self.comparisons.transposed(W)
        found = {name: (a[rows].T, b[rows].T) for name, rows in self.groups.items()}
        dominance = self.groups["dominance"]
        found["nash"] = (a[dominance][self.nash].T, b[dominance][self.nash].T)
        return found


@dataclass(frozen=True)
class PairwiseTables:
    """Two-player games: every comparison of two strategies of one player against one
    opponent strategy (``comparisons``), and where each ordered comparison sits in the tables
    ``row[r2, r1, c]`` = sign(A[r2, c] − A[r1, c]) and ``col[c2, c1, r]`` = sign(B[r, c2] − B[r, c1]):
    index into ``comparisons`` and a factor of +1, −1 (the pair the other way round) or 0
    (a strategy against itself)."""

    comparisons: Comparisons
    row_index: np.ndarray
    row_sign: np.ndarray
    col_index: np.ndarray
    col_sign: np.ndarray


@dataclass(frozen=True)
class RangedCost:
    """A cost whose weights are drawn per sample: exposure (profiles, players) and bounds."""

    name: str
    exposure: np.ndarray
    lo: np.ndarray
    hi: np.ndarray


@dataclass(frozen=True, eq=False)
class SamplingPlan:
    """Everything a chunk needs to draw and evaluate samples; picklable for worker processes.

    Arrays are over flat profiles (``np.ravel_multi_index`` of a profile) and players.
    """

    case: Case  # the game, its plausible range, and what it states of capacity
    target: Profile
    costs: tuple[str, ...]
    plausible: tuple[float, float]
    base_payoffs: np.ndarray  # (profiles, players): the file's payoffs
    base_load: np.ndarray  # (profiles, players): cost load of the costs with fixed weights
    ordinal: bool
    rank_of: tuple[np.ndarray, ...]  # per player: rank of each profile's payoff (0 = lowest)
    rank_counts: tuple[int, ...]
    payoff_ranges: tuple[tuple[float, float], ...]
    noise: float
    ranged_costs: tuple[RangedCost, ...]
    nash: Comparisons  # every unilateral deviation from the target
    dominance: Comparisons  # every (player, opponents' profile, rival strategy) comparison
    pairwise: PairwiseTables | None  # two-player games
    gathered: Gathered  # the comparisons above (and the 2x2 pattern), in one pass
    unique_subsample: int | None  # None: sized by UNIQUE_PRECISION
    # Limited capacity: each sample's payoffs and loads are the file's, then the lotteries
    # (docs/models.md, "Capacity"), with q drawn from a success_range where one is given.
    capacity: tuple[Capacity, ...] = ()
    # The file's own numbers, in fractions, where the run draws none (None: drawn): the exact
    # paths read a draw from them, since a float of 1.3 is not the file's 13/10.
    exact_payoffs: np.ndarray | None = None  # (profiles, players): cardinal, no noise, no capacity
    exact_load: np.ndarray | None = None  # (profiles, players): no weight range, no capacity

    def exact_draw(self, U: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One draw's (U, W) (profiles, players) in fractions: the file's own numbers where the
        run draws none, else the drawn floats, each an exact binary fraction."""
        u = self.exact_payoffs if self.exact_payoffs is not None else _fractions(U)
        w = self.exact_load if self.exact_load is not None else _fractions(W)
        return u, w

    def subsample_size(self, open_count: int, samples: int) -> int:
        """How many of ``open_count`` open samples get the exact ``unique`` path."""
        if self.unique_subsample is not None:
            return min(self.unique_subsample, open_count)
        if not open_count:
            return 0
        low, high = UNIQUE_SUBSAMPLE_BOUNDS[min(self.n_players, 3)]
        wanted = math.ceil((open_count / samples * 0.5 / UNIQUE_PRECISION) ** 2)
        return min(max(wanted, low), high, open_count)

    @property
    def game(self) -> Game:
        """The game the samples vary (expected payoffs, with capacity)."""
        return self.case.game

    @property
    def shape(self) -> tuple[int, ...]:
        """The game's number of strategies per player."""
        return self.game.shape

    @property
    def n_players(self) -> int:
        """The game's number of players."""
        return self.game.n_players

    @property
    def two_by_two(self) -> bool:
        """Whether the game is 2x2 (game types and sign patterns apply)."""
        return self.game.shape == (2, 2)

    @property
    def top(self) -> float:
        """The top of the plausible range of κ, as a float."""
        return self.plausible[1]

    @property
    def top_exact(self) -> Fraction:
        """The top of the plausible range of κ, exactly ([0, 1] when the file gives none)."""
        return self.case.plausible[1]

    @property
    def uncertain(self) -> bool:
        """Whether the samples differ at all: ordinal payoffs, noise or weight ranges."""
        return self.ordinal or self.noise > 0 or bool(self.ranged_costs) or any(e.success_range for e in self.capacity)


def plan_sampling(
    game: Game | Case,
    target: Profile | str | None = None,
    costs: Sequence[str] | None = None,
    noise: float | None = None,
    unique_subsample: int | None = None,
) -> SamplingPlan:
    """Check the options and prepare the arrays of the sampling model (module docstring).
    Payoffs, costs and capacity are drawn from the game as the case states it."""
    from ..costs.thresholds import resolve_target

    case = as_case(game)
    game, base = case.game, stated(case)
    profile = resolve_target(case, target)
    kept = game.kept_costs(costs, case.origin)
    noise = _check_noise(case, noise)
    whole = isinstance(unique_subsample, (int, np.integer)) and not isinstance(unique_subsample, bool)
    if unique_subsample is not None and (not whole or unique_subsample < 0):
        raise ParameterError("unique_subsample", f"must be a whole number >= 0, not {unique_subsample!r}")
    plausible = case.plausible
    profiles = list(game.profiles())
    flat = np.array(base.payoffs, dtype=float).reshape(len(profiles), game.n_players)
    base_load, ranged = _cost_arrays(base, kept, profiles)
    rank_of, rank_counts, ranges = _rank_arrays(base, profiles)
    nash, dominance = _move_comparisons(game.shape, profile, profiles)
    n, shape = game.n_players, game.shape
    pairwise = _pairwise_tables(shape) if n == 2 else None
    return SamplingPlan(
        case=case,
        target=profile,
        costs=kept,
        plausible=(float(plausible[0]), float(plausible[1])),
        base_payoffs=flat,
        base_load=base_load,
        ordinal=game.payoff_scale == "ordinal",
        rank_of=tuple(rank_of),
        rank_counts=tuple(rank_counts),
        payoff_ranges=tuple(ranges),
        noise=noise,
        ranged_costs=tuple(ranged),
        nash=_comparisons(nash),
        dominance=_comparisons(dominance),
        pairwise=pairwise,
        gathered=_gathered(_comparisons(nash), _comparisons(dominance), pairwise, shape, profile),
        unique_subsample=None if unique_subsample is None else int(unique_subsample),
        capacity=capacity_of(case),
        **_exact_numbers(case, base, kept, profiles, noise, bool(ranged)),
    )


def _exact_numbers(
    case: Case, base: Game, kept: Sequence[str], profiles: list[Profile], noise: float, ranged: bool
) -> dict[str, np.ndarray | None]:
    """The file's payoffs and cost load in fractions (profiles, players), each where the run
    draws none of it: payoffs of a cardinal file without noise, the load when no weight has a
    range; neither with capacity (its lotteries are drawn)."""
    if capacity_of(case):
        return {"exact_payoffs": None, "exact_load": None}
    n = base.n_players
    payoffs = None
    if base.payoff_scale != "ordinal" and noise == 0:
        payoffs = np.array([[base.payoffs[p + (i,)] for i in range(n)] for p in profiles], dtype=object)
    load = None
    if not ranged:
        costs = [cost for cost in base.costs if cost.name in kept]
        load = np.array(
            [
                [sum((c.exposure_at(base.players, p, i) * c.weights[i] for c in costs), Fraction(0)) for i in range(n)]
                for p in profiles
            ],
            dtype=object,
        )
    return {"exact_payoffs": payoffs, "exact_load": load}


def _fractions(values: np.ndarray) -> np.ndarray:
    """Floats as the exact binary fractions they are, in an object array of the same shape."""
    return np.array([Fraction(float(x)) for x in values.ravel()], dtype=object).reshape(values.shape)


def _cost_arrays(game: Game, kept: Sequence[str], profiles: list[Profile]) -> tuple[np.ndarray, list[RangedCost]]:
    """The cost load of the costs with fixed weights (profiles, players), and the costs whose
    weights are drawn per sample (exposure and bounds)."""
    n = game.n_players
    base_load = np.zeros((len(profiles), n))
    ranged = []
    for cost in game.costs:
        if cost.name not in kept:
            continue
        exposure = np.array([[float(cost.exposure_at(game.players, p, i)) for i in range(n)] for p in profiles])
        if cost.weights_range is None:
            base_load += exposure * np.array([float(w) for w in cost.weights])
        else:
            ranged.append(
                RangedCost(
                    cost.name,
                    exposure,
                    np.array([float(lo) for lo, _ in cost.weights_range]),
                    np.array([float(hi) for _, hi in cost.weights_range]),
                )
            )
    return base_load, ranged


def _rank_arrays(game: Game, profiles: list[Profile]) -> tuple[list[np.ndarray], list[int], list[tuple[float, float]]]:
    """Per player: the rank of each profile's payoff (0 = lowest), the number of distinct
    payoffs, and the lowest and highest payoff."""
    rank_of, rank_counts, ranges = [], [], []
    for i in range(game.n_players):
        values = sorted(set(game.payoffs[..., i].ravel()))
        index = {v: r for r, v in enumerate(values)}
        rank_of.append(np.array([index[game.payoffs[p + (i,)]] for p in profiles]))
        rank_counts.append(len(values))
        ranges.append((float(values[0]), float(values[-1])))
    return rank_of, rank_counts, ranges


def _move_comparisons(shape: tuple[int, ...], target: Profile, profiles: list[Profile]) -> tuple[tuple, tuple]:
    """(player, at, to) lists of every unilateral deviation from the target (``nash``) and of
    every comparison of a target strategy with a rival against each opponents' profile
    (``dominance``), as flat profile indices."""

    def flat_index(p: Profile) -> int:
        """The position of profile ``p`` in the flat order of profiles."""
        return int(np.ravel_multi_index(p, shape))

    def moves(at: Profile, player: int, lists: tuple[list[int], list[int], list[int]]) -> None:
        """Append (player, at, to) for every deviation of ``player`` from ``at``."""
        for s in range(shape[player]):
            if s != at[player]:
                lists[0].append(player)
                lists[1].append(flat_index(at))
                lists[2].append(flat_index(at[:player] + (s,) + at[player + 1 :]))

    nash: tuple[list[int], list[int], list[int]] = ([], [], [])
    for i in range(len(shape)):
        moves(target, i, nash)
    dominance: tuple[list[int], list[int], list[int]] = ([], [], [])
    for p in profiles:
        for i in range(len(shape)):
            if p[i] == target[i]:
                moves(p, i, dominance)
    return nash, dominance


def pattern_comparisons(target: Profile) -> Comparisons:
    """The four comparisons of a 2x2 game, each 'target strategy minus the other': the row
    player against the column target and against the column alternative, the column player
    against the row target and against the row alternative."""
    t1, t2 = target
    o1, o2 = 1 - t1, 1 - t2
    own = [2 * t1 + t2, 2 * t1 + o2, 2 * t1 + t2, 2 * o1 + t2]
    other = [2 * o1 + t2, 2 * o1 + o2, 2 * t1 + o2, 2 * o1 + o2]
    return Comparisons(np.array([0, 0, 1, 1]), np.array(other), np.array(own))


def _gathered(
    nash: Comparisons, dominance: Comparisons, pairwise: PairwiseTables | None, shape: tuple[int, ...], target: Profile
) -> Gathered:
    """The comparisons of a chunk in one :class:`Gathered`: dominance, pairwise, 2x2 pattern."""
    triples = list(zip(*(x.tolist() for x in dominance.fields())))
    nash_columns = np.array([triples.index(t) for t in zip(*(x.tolist() for x in nash.fields()))], np.intp)
    groups, joined = {"dominance": slice(0, len(triples))}, dominance
    extra = {"pairwise": pairwise.comparisons if pairwise is not None else None}
    extra["pattern"] = pattern_comparisons(target) if shape == (2, 2) else None
    for name, comparisons in extra.items():
        if comparisons is not None:
            groups[name] = slice(len(joined.player), len(joined.player) + len(comparisons.player))
            joined = joined.joined(comparisons)
    return Gathered(joined, groups, nash_columns)


def _comparisons(lists) -> Comparisons:
    return Comparisons(*(np.array(x, dtype=np.intp) for x in lists))


def _pairwise_tables(shape: tuple[int, ...]) -> PairwiseTables:
    m, n = shape
    player: list[int] = []
    at: list[int] = []
    to: list[int] = []
    # A strategy against itself keeps index 0 and factor 0 (sign 0).
    row_index, row_sign = np.zeros((m, m, n), np.intp), np.zeros((m, m, n), np.int8)
    col_index, col_sign = np.zeros((n, n, m), np.intp), np.zeros((n, n, m), np.int8)
    for c in range(n):
        for r1, r2 in itertools.combinations(range(m), 2):
            row_index[r2, r1, c] = row_index[r1, r2, c] = len(player)
            row_sign[r2, r1, c], row_sign[r1, r2, c] = 1, -1
            player.append(0)
            at.append(r1 * n + c)
            to.append(r2 * n + c)
    for r in range(m):
        for c1, c2 in itertools.combinations(range(n), 2):
            col_index[c2, c1, r] = col_index[c1, c2, r] = len(player)
            col_sign[c2, c1, r], col_sign[c1, c2, r] = 1, -1
            player.append(1)
            at.append(r * n + c1)
            to.append(r * n + c2)
    return PairwiseTables(_comparisons((player, at, to)), row_index, row_sign, col_index, col_sign)


def _check_noise(case: Case, noise: float | None) -> float:
    if noise is None:
        return 0.0
    if isinstance(noise, bool) or not isinstance(noise, (int, float, Fraction)) or not math.isfinite(noise):
        raise ParameterError("noise", f"must be a finite number >= 0, not {noise!r}")
    if noise < 0:
        raise ParameterError("noise", f"a standard deviation must be >= 0, not {noise}")
    if noise >= MAX_NOISE:
        raise ParameterError(
            "noise", f"must be below {MAX_NOISE:g}, like every number sovgame reads; not {float(noise):g}"
        )
    if noise > 0 and case.game.payoff_scale == "ordinal":
        raise ParameterError(
            "noise",
            f'{case.origin} is ordinal (payoff_scale = "ordinal"): its payoffs are redrawn by rank, so '
            'noise does not apply; leave it out, or set payoff_scale = "cardinal" to add noise instead',
        )
    return float(noise)
