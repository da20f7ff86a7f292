"""Robustness of a verdict: how likely is a cost threshold to be within reach over every set of
numbers consistent with what is known?

Articles give orderings, not numbers, so a verdict that holds for one cardinalisation and flips
for another is not a finding. :func:`robust` draws many games consistent with the file and
computes, for each, the thresholds of :mod:`sovgame.thresholds` and the equilibria at the top
of the plausible range.

Sampling models (MODELS.md, "Robustness under ordinal uncertainty"):

- ``payoff_scale = "ordinal"``: each player's payoffs are redrawn as sorted independent
  Uniform(lo_i, hi_i) values assigned by rank, equal ranks kept equal, lo_i and hi_i being the
  player's lowest and highest payoffs in the file. Cost weights stay in file units. The
  ordering of each player's payoffs is kept, so the game type at κ = 0 never changes.
- cardinal games: ``noise = SD`` adds independent Normal(0, SD) to every payoff. Without noise
  the payoffs are the file's own.
- a cost with ``weights_range = [[lo, hi], ...]`` has each weight drawn from Uniform(lo, hi),
  independently per player and per sample; other weights are as stated.

A cardinal game with neither noise nor a weight range has nothing uncertain: every sample is
the file's own game, and the result says so (``uncertain`` is False).

How each quantity is computed, per sample (payoffs u(s; κ) = U(s) − κ·W(s)):

- ``nash`` and ``dominant``: a deviation gains a − κ·b (a = ΔU, b = ΔW), so each criterion
  holds on an interval of κ cut out by the bounds a/b (lower bounds where b > 0, upper bounds
  where b < 0; b = 0 holds always or never). Computed for all samples at once in numpy with
  the semantics of :func:`sovgame.thresholds.compute_thresholds` (tests compare both).
- ``unique`` (two players): every pairwise comparison of a player's payoffs against one
  opponent strategy changes sign only at its breakpoint Δu/Δw, so between consecutive
  breakpoints both iterated strict dominance and the set of pure equilibria stay fixed.
  Walking down from κ = ∞ over the breakpoints and the gaps between them, the target is
  *proved* the only equilibrium (mixed ones included) where iterated strict dominance leaves
  only it, and *proved* not the only one where it is no equilibrium, another pure profile is
  one, or one player ties at the target while the other's reply is strict (a continuum). The
  threshold is where the proved tail ends (as :func:`sovgame.regimes.tail_of_uniqueness`
  walks it). In 2x2 games one of the proofs always applies, so every sample is settled
  exactly (the tests check all 81 sign patterns against the exact solver). In larger games a
  sample whose tail ends next to a stretch that neither proof covers (mixed equilibria
  decide) stays *open*: an evenly spaced subsample of the open samples gets the exact
  per-sample path (:func:`compute_thresholds` on the sampled game in fractions), each member
  standing for open/subsample samples (a stratified estimate; Cochran 1977, ch. 5). The
  subsample is sized so that it adds about ±0.005 at most to P(threshold ≤ top)
  (:data:`UNIQUE_PRECISION`), unless ``unique_subsample`` says otherwise.
- ``unique`` (three or more players): the exact per-sample path on an evenly spaced subsample
  (every sample is open).
- equilibria at the top of the plausible range: for 2x2 games from the signs of the four
  comparisons (each sign pattern solved once, exactly); for larger two-player games by batched
  support enumeration with tolerance checks, where samples that are degenerate within the
  tolerance are solved exactly (:func:`sovgame.solve`); games of three or more players: pure
  equilibria only.

Reproducibility: samples are drawn in chunks of :data:`CHUNK_SIZE`; chunk ``k`` uses the
generator seeded by ``SeedSequence(seed).spawn(...)[k]``, which depends on ``seed`` and ``k``
only. So the same seed gives the same result whatever the number of workers or the executor,
and a run of N samples starts with the samples of any shorter run.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np

from ..core.intervals import Endpoint
from ..core.model import Cost, Game, Profile
from ..errors import UsageError

#: Samples per chunk: the unit of seeding and of parallel work (fixed, so output does not
#: depend on the number of workers).
CHUNK_SIZE = 16384
DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 10_000_000
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
VERDICTS = ("met", "reachable", "beyond", "never")
UNDETERMINED = 4  # verdict code: the exact path cannot settle the threshold (3+ players)
NOT_COMPUTED = 5  # verdict code: an open sample outside the exact subsample (weight 0)
GAME_TYPES = ("Prisoner's Dilemma", "Stag Hunt", "Chicken", "Deadlock", "Harmony", "other")
QUANTILES = (("5", 0.05), ("50", 0.5), ("95", 0.95))
#: Two-sided 95% normal quantile, for Wilson intervals.
Z95 = 1.959963984540054
#: Relative tolerance of the float equilibrium checks; ties within it count as degenerate.
TOLERANCE = 1e-9

#: ``progress(done, total, stage)``; stage is "sampling" or "exact unique".
Progress = Callable[[int, int, str], None]
#: An equilibrium as each player's support; an equilibrium set as (equilibria, continuum).
Supports = tuple[tuple[int, ...], ...]
SetKey = tuple[tuple[Supports, ...], bool]


# --- the sampling plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparisons:
    """Pairs of outcomes compared by one player, as flat profile indices: the player gains
    ``a − κ·b`` by moving from ``at`` to ``to`` (a = U[to] − U[at], b = W[to] − W[at])."""

    player: np.ndarray
    at: np.ndarray
    to: np.ndarray

    def gains(self, U: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(a, b), each of shape (samples, comparisons)."""
        a = U[:, self.to, self.player] - U[:, self.at, self.player]
        b = W[:, self.to, self.player] - W[:, self.at, self.player]
        return a, b


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

    game: Game
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
    unique_subsample: int | None  # None: sized by UNIQUE_PRECISION

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
    def shape(self) -> tuple[int, ...]:
        return self.game.shape

    @property
    def n_players(self) -> int:
        return self.game.n_players

    @property
    def two_by_two(self) -> bool:
        return self.game.shape == (2, 2)

    @property
    def top(self) -> float:
        return self.plausible[1]

    @property
    def top_exact(self) -> Fraction:
        return (self.game.plausible_kappa or (Fraction(0), Fraction(1)))[1]

    @property
    def uncertain(self) -> bool:
        return self.ordinal or self.noise > 0 or bool(self.ranged_costs)


def plan_sampling(
    game: Game, target: Profile | str | None = None, costs: Sequence[str] | None = None,
    noise: float | None = None, unique_subsample: int | None = None,
) -> SamplingPlan:
    """Check the options and prepare the arrays of the sampling model (module docstring)."""
    from ..costs.thresholds import resolve_target

    profile = resolve_target(game, target)
    kept = game.kept_costs(costs)
    noise = _check_noise(game, noise)
    whole = isinstance(unique_subsample, (int, np.integer)) and not isinstance(unique_subsample, bool)
    if unique_subsample is not None and (not whole or unique_subsample < 0):
        raise UsageError(f"--unique-subsample: must be a whole number >= 0, not {unique_subsample!r}")
    plausible = game.plausible_kappa or (Fraction(0), Fraction(1))
    n, shape = game.n_players, game.shape
    profiles = list(game.profiles())
    flat = np.array(game.payoffs, dtype=float).reshape(len(profiles), n)

    base_load = np.zeros_like(flat)
    ranged = []
    for cost in game.costs:
        if cost.name not in kept:
            continue
        exposure = np.array([[float(cost.exposure_at(game.players, p, i)) for i in range(n)] for p in profiles])
        if cost.weights_range is None:
            base_load += exposure * np.array([float(w) for w in cost.weights])
        else:
            ranged.append(RangedCost(cost.name, exposure, np.array([float(lo) for lo, _ in cost.weights_range]),
                                     np.array([float(hi) for _, hi in cost.weights_range])))

    rank_of, rank_counts, ranges = [], [], []
    for i in range(n):
        values = sorted(set(game.payoffs[..., i].ravel()))
        index = {v: r for r, v in enumerate(values)}
        rank_of.append(np.array([index[game.payoffs[p + (i,)]] for p in profiles]))
        rank_counts.append(len(values))
        ranges.append((float(values[0]), float(values[-1])))

    def flat_index(p: Profile) -> int:
        return int(np.ravel_multi_index(p, shape))

    def moves(at: Profile, player: int, lists) -> None:
        for s in range(shape[player]):
            if s != at[player]:
                lists[0].append(player)
                lists[1].append(flat_index(at))
                lists[2].append(flat_index(at[:player] + (s,) + at[player + 1:]))

    nash: tuple[list, list, list] = ([], [], [])
    for i in range(n):
        moves(profile, i, nash)
    dominance: tuple[list, list, list] = ([], [], [])
    for p in profiles:
        for i in range(n):
            if p[i] == profile[i]:
                moves(p, i, dominance)

    return SamplingPlan(
        game=game, target=profile, costs=kept, plausible=(float(plausible[0]), float(plausible[1])),
        base_payoffs=flat, base_load=base_load, ordinal=game.payoff_scale == "ordinal", rank_of=tuple(rank_of),
        rank_counts=tuple(rank_counts), payoff_ranges=tuple(ranges), noise=noise,
        ranged_costs=tuple(ranged), nash=_comparisons(nash), dominance=_comparisons(dominance),
        pairwise=_pairwise_tables(shape) if n == 2 else None,
        unique_subsample=None if unique_subsample is None else int(unique_subsample),
    )


def _comparisons(lists) -> Comparisons:
    return Comparisons(*(np.array(x, dtype=np.intp) for x in lists))


def _pairwise_tables(shape: tuple[int, int]) -> PairwiseTables:
    m, n = shape
    player, at, to = [], [], []
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


def _check_noise(game: Game, noise: float | None) -> float:
    if noise is None:
        return 0.0
    if isinstance(noise, bool) or not isinstance(noise, (int, float, Fraction)) or not math.isfinite(noise):
        raise UsageError(f"--noise: must be a finite number >= 0, not {noise!r}")
    if noise < 0:
        raise UsageError(f"--noise: a standard deviation must be >= 0, not {noise}")
    if noise > 0 and game.payoff_scale == "ordinal":
        raise UsageError(
            f"--noise: {game.origin} is ordinal (payoff_scale = \"ordinal\"): its payoffs are redrawn by rank, "
            "so noise does not apply; leave out --noise, or set payoff_scale = \"cardinal\" to add noise instead")
    return float(noise)


def draw_samples(plan: SamplingPlan, rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` sampled games as (U, W), each of shape (count, profiles, players).

    Draw order is fixed (ordinal payoffs player by player, then noise, then weights cost by
    cost), so a generator state always gives the same games.
    """
    n_profiles, n = plan.base_payoffs.shape
    if plan.ordinal:
        U = np.empty((count, n_profiles, n))
        for i, (lo, hi) in enumerate(plan.payoff_ranges):
            # Sorted uniforms assigned by rank: the k-th lowest value goes to rank k, so equal
            # ranks stay equal and the ordering is kept (MODELS.md).
            values = np.sort(rng.uniform(lo, hi, size=(count, plan.rank_counts[i])), axis=1)
            U[:, :, i] = values[:, plan.rank_of[i]]
    elif plan.noise > 0:
        U = plan.base_payoffs + rng.normal(0.0, plan.noise, size=(count, n_profiles, n))
    else:
        U = np.broadcast_to(plan.base_payoffs, (count, n_profiles, n))
    if plan.ranged_costs:
        W = np.repeat(plan.base_load[None], count, axis=0)
        for cost in plan.ranged_costs:
            weights = rng.uniform(cost.lo, cost.hi, size=(count, n))
            W += weights[:, None, :] * cost.exposure[None]
    else:
        W = np.broadcast_to(plan.base_load, (count, n_profiles, n))
    return U, W


def chunk_generator(seed: int, chunk: int) -> np.random.Generator:
    """The generator of chunk ``chunk``: ``SeedSequence(seed).spawn(K)[chunk]`` for any K."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(chunk,))))


def exact_sample_game(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> Game:
    """One sampled game in exact arithmetic: the reference path for that sample.

    ``U`` and ``W`` are one sample's arrays (profiles, players). Floats convert to fractions
    exactly; the sampled cost load becomes one ``custom`` cost with weight 1, so
    ``cost_load()`` of the result is ``W`` exactly.
    """
    game = plan.game
    n = game.n_players
    payoffs = np.empty(game.shape + (n,), dtype=object)
    exposure = {}
    for index, profile in enumerate(game.profiles()):
        for i in range(n):
            payoffs[profile + (i,)] = Fraction(float(U[index, i]))
        exposure[profile] = tuple(Fraction(float(w)) for w in W[index])
    cost = Cost("sampled costs", "custom", (Fraction(1),) * n, tuple(range(n)), exposure)
    return replace(game, payoffs=payoffs, costs=(cost,))


# --- vectorised thresholds -----------------------------------------------------------------------


@dataclass
class KappaSets:
    """Per sample, a set of κ ≥ 0: one interval from ``lo`` to ``hi`` (inf: unbounded), or empty."""

    nonempty: np.ndarray
    lo: np.ndarray
    lo_closed: np.ndarray
    hi: np.ndarray
    hi_closed: np.ndarray

    @property
    def value(self) -> np.ndarray:
        """The threshold: the smallest κ of the set (inf when never)."""
        return np.where(self.nonempty, self.lo, np.inf)

    def verdicts(self, plausible: tuple[float, float]) -> np.ndarray:
        """met / reachable / beyond / never codes, as :func:`sovgame.thresholds.verdict_for`."""
        p_lo, p_hi = plausible
        reachable = ((self.lo < p_hi) | ((self.lo == p_hi) & self.lo_closed)) & (self.hi > p_lo)
        codes = np.select([~self.nonempty, self.contains(p_lo), reachable, self.lo >= p_hi], [3, 0, 1, 2], default=3)
        return codes.astype(np.int8)

    def contains(self, kappa: float) -> np.ndarray:
        return self.nonempty & ((self.lo < kappa) | ((self.lo == kappa) & self.lo_closed)) & \
            ((self.hi > kappa) | ((self.hi == kappa) & self.hi_closed))


def linear_sets(a: np.ndarray, b: np.ndarray, strict: bool) -> KappaSets:
    """Where ``a − κ·b ≤ 0`` (``< 0`` if strict) for every column, over κ ≥ 0.

    b > 0 gives a lower bound a/b, b < 0 an upper bound a/b (a negative upper bound, or zero
    for a strict condition, leaves nothing), b = 0 holds for every κ or for none.
    """
    ratio = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    lower = np.max(np.where(b > 0, ratio, -np.inf), axis=1, initial=-np.inf)
    upper = np.min(np.where(b < 0, ratio, np.inf), axis=1, initial=np.inf) + 0.0  # −0.0 → 0.0
    flat_fails = ((b == 0) & ((a >= 0) if strict else (a > 0))).any(axis=1)
    lo = np.maximum(lower, 0.0)
    if strict:
        nonempty = ~flat_fails & (lo < upper)
        # Where every lower bound is negative the condition already holds at κ = 0.
        return KappaSets(nonempty, lo, lower < 0, upper, np.zeros_like(nonempty))
    nonempty = ~flat_fails & (lo <= upper)
    return KappaSets(nonempty, lo, np.ones_like(nonempty), upper, np.ones_like(nonempty))


def nash_binding(plan: SamplingPlan, a: np.ndarray, b: np.ndarray, sets: KappaSets) -> np.ndarray:
    """The binding player of the nash threshold: the one whose own lower end is largest (the
    first such player on ties, as :mod:`sovgame.thresholds`); −1 when the threshold is 0,
    −2 when never."""
    ratio = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    bounds = np.where(b > 0, ratio, -np.inf)
    own = np.stack([np.max(bounds[:, plan.nash.player == i], axis=1, initial=-np.inf)
                    for i in range(plan.n_players)], axis=1)
    binding = np.argmax(np.maximum(own, 0.0), axis=1).astype(np.int8)
    binding[sets.lo == 0] = -1
    binding[~sets.nonempty] = -2
    return binding


def _signs_at(alpha: np.ndarray, beta: np.ndarray, root: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """Signs of α − κβ = β·(r − κ) at each κ, exactly 0 when κ is the root r itself.

    alpha, beta, root: (samples, comparisons); kappa: (samples, points) → (samples, points,
    comparisons), int8. Comparing κ with the root, rather than evaluating α − κβ in floats,
    keeps the tie at each breakpoint exact.
    """
    sign_beta = np.sign(beta).astype(np.int8)[:, None, :]
    moving = sign_beta * np.sign(root[:, None, :] - kappa[:, :, None]).astype(np.int8)
    return np.where(sign_beta == 0, np.sign(alpha).astype(np.int8)[:, None, :], moving)


def unique_walk(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> tuple[KappaSets, np.ndarray]:
    """The ``unique`` threshold of two-player samples where it is settled, and which are open.

    See the module docstring. The elements tested are κ = 0, every pairwise breakpoint and one
    κ inside each gap between them (and one beyond the last), walked down from the top as
    :func:`sovgame.regimes.tail_of_uniqueness` does, each sample only until its proved tail
    ends (most end within a few elements, so this beats testing every element). Returns the
    tail of κ from which the target is proved alone, and a mask of the samples where the
    element just below that tail is neither proved alone nor proved not alone.
    """
    tables = plan.pairwise
    count = U.shape[0]
    alpha, beta = tables.comparisons.gains(U, W)
    root = np.divide(alpha, beta, out=np.zeros_like(alpha), where=beta != 0)
    points = np.sort(np.where((beta != 0) & (root > 0), root, 0.0), axis=1)
    points = np.concatenate([np.zeros((count, 1)), points], axis=1)  # κ = 0 is always tested
    last = points[:, -1:]
    gaps = np.concatenate([(points[:, :-1] + points[:, 1:]) / 2, last + np.maximum(1.0, last)], axis=1)
    tests = np.empty((count, 2 * points.shape[1]))
    tests[:, 0::2], tests[:, 1::2] = points, gaps  # point 0, gap 0, point 1, gap 1, ...

    elements = tests.shape[1]
    start = np.full(count, elements)  # first element of the proved tail (none yet)
    settled = np.ones(count, bool)  # the element below the tail is proved not alone
    active = np.arange(count)
    # The walk's working copies shrink with the active samples.
    a, b, r, t = alpha, beta, root, tests
    for element in range(elements - 1, -1, -1):
        if not len(active):
            break
        signs = _signs_at(a, b, r, t[:, element:element + 1])[:, 0, :]
        alone, not_alone = _target_alone(plan, signs)
        start[active[alone]] = element
        settled[active[~alone]] = not_alone[~alone]
        active = active[alone]
        a, b, r, t = a[alone], b[alone], r[alone], t[alone]
    has_tail = start < elements
    first = np.minimum(start, elements - 1)
    lo = np.where(has_tail, points[np.arange(count), first // 2], np.inf)
    sets = KappaSets(has_tail, lo, has_tail & (first % 2 == 0), np.full(count, np.inf), np.zeros(count, bool))
    return sets, ~settled


def _target_alone(plan: SamplingPlan, signs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At one κ per row, given the signs of every pairwise comparison (rows, comparisons):
    (proved the only equilibrium, proved not the only one).

    Proved alone: iterated elimination of strictly dominated strategies leaves only the target
    (survivors are all a player can use in any equilibrium, mixed included; the order of
    elimination does not matter for strict dominance). Proved not alone: the target is no
    equilibrium, another pure profile is one, or one player ties at the target while the
    other's reply is strict (then mixing the tied strategies in with a small weight is an
    equilibrium too: a continuum). In 2x2 games one of the two always holds.
    """
    tables = plan.pairwise
    m, n = plan.shape
    t1, t2 = plan.target
    count = signs.shape[0]
    if not signs.shape[1]:  # every player has one strategy: nothing is ever compared
        signs = np.zeros((count, 1), np.int8)
    # rows[:, r2, r1, c] = sign(A[r2, c] − A[r1, c]); cols[:, c2, c1, r] = sign(B[r, c2] − B[r, c1]).
    rows = (signs[:, tables.row_index.ravel()] * tables.row_sign.ravel()).reshape(count, m, m, n)
    cols = (signs[:, tables.col_index.ravel()] * tables.col_sign.ravel()).reshape(count, n, n, m)
    # The strategy axes are tiny, so they are looped over with whole-array operations: numpy
    # reduces a short inner axis far more slowly.

    def any_of(arrays):
        out = arrays[0].copy()
        for a in arrays[1:]:
            out |= a
        return out

    def all_of(arrays):
        out = arrays[0].copy()
        for a in arrays[1:]:
            out &= a
        return out

    # Sets of strategies as bitmasks: bit c of beats_rows[:, r2, r1] is set where
    # A[r2, c] > A[r1, c] (never for r2 = r1); likewise for columns.
    bits = np.uint8 if max(m, n) <= 8 else np.uint16 if max(m, n) <= 16 else np.uint64
    beats_rows = any_of([(rows[..., c] > 0).astype(bits) << bits(c) for c in range(n)])
    beats_cols = any_of([(cols[..., r] > 0).astype(bits) << bits(r) for r in range(m)])
    alive_rows = np.full(count, (1 << m) - 1, bits)
    alive_cols = np.full(count, (1 << n) - 1, bits)
    for _ in range(max(m + n - 2, 1)):
        changed = False
        players = ((beats_rows, alive_rows, alive_cols, m), (beats_cols, alive_cols, alive_rows, n))
        for beats, own, other, size in players:
            # A strategy goes when a live rival beats it against every live opposing strategy.
            covers = (other[:, None, None] & ~beats) == 0  # [:, winner, loser]
            beaten = any_of([covers[:, w, :] & ((own >> bits(w)) & 1).astype(bool)[:, None] for w in range(size)])
            removed = any_of([beaten[:, k].astype(bits) << bits(k) for k in range(size)]) & own
            if removed.any():
                own &= ~removed
                changed = True
        if not changed:
            break
    alone = (alive_rows == 1 << t1) & (alive_cols == 1 << t2)

    best_rows = all_of([rows[:, r2] <= 0 for r2 in range(m)])  # [:, r, c]: r is a best reply to c
    best_cols = all_of([cols[:, c2] <= 0 for c2 in range(n)])  # [:, c, r]: c is a best reply to r
    nash = best_rows & np.swapaxes(best_cols, 1, 2)
    target_nash = nash[:, t1, t2]
    others = [nash[:, r, c] for r in range(m) for c in range(n) if (r, c) != (t1, t2)]
    other_nash = any_of(others) if others else np.zeros(count, bool)
    row_gaps = [rows[:, r2, t1, t2] for r2 in range(m) if r2 != t1]  # other rows against the target
    col_gaps = [cols[:, c2, t2, t1] for c2 in range(n) if c2 != t2]
    true, false = np.ones(count, bool), np.zeros(count, bool)
    row_tie = any_of([g == 0 for g in row_gaps]) if row_gaps else false
    col_tie = any_of([g == 0 for g in col_gaps]) if col_gaps else false
    row_strict = all_of([g < 0 for g in row_gaps]) if row_gaps else true
    col_strict = all_of([g < 0 for g in col_gaps]) if col_gaps else true
    continuum = target_nash & ((row_tie & col_strict) | (col_tie & row_strict))
    return alone, ~target_nash | other_nash | continuum


# --- 2x2 games: game types and equilibrium sets from four signs ------------------------------------


def _pairwise_2x2(plan: SamplingPlan) -> Comparisons:
    """The four comparisons of a 2x2 game, each 'target strategy minus the other': the row
    player against the column target and against the column alternative, the column player
    against the row target and against the row alternative."""
    t1, t2 = plan.target
    o1, o2 = 1 - t1, 1 - t2
    own = [2 * t1 + t2, 2 * t1 + o2, 2 * t1 + t2, 2 * o1 + t2]
    other = [2 * o1 + t2, 2 * o1 + o2, 2 * t1 + o2, 2 * o1 + o2]
    return Comparisons(np.array([0, 0, 1, 1]), np.array(other), np.array(own))


def sign_patterns(alpha: np.ndarray, beta: np.ndarray, kappa: float) -> np.ndarray:
    """Code 0..80 of the four comparison signs at κ (base 3, sign + 1 per digit)."""
    root = np.divide(alpha, beta, out=np.zeros_like(alpha), where=beta != 0)
    signs = _signs_at(alpha, beta, root, np.full((alpha.shape[0], 1), kappa))[:, 0, :]
    return ((signs + 1).astype(np.int64) * np.array([1, 3, 9, 27])).sum(axis=1)


def game_types_2x2(plan: SamplingPlan, U: np.ndarray, W: np.ndarray, kappa: float) -> np.ndarray:
    """Each player's game type at κ (codes into :data:`GAME_TYPES`), from its R, S, T, P
    with the target strategy as C (MODELS.md notation; Jervis 1978): Prisoner's Dilemma
    T > R > P > S, Stag Hunt R > T ≥ P > S, Chicken T > R > S > P, Deadlock T > P > R > S,
    Harmony R > T and S > P (compromise dominant)."""
    t1, t2 = plan.target
    o1, o2 = 1 - t1, 1 - t2
    u = U - kappa * W if kappa else U
    cells = {  # player: (R, S, T, P) as flat profiles
        0: (2 * t1 + t2, 2 * t1 + o2, 2 * o1 + t2, 2 * o1 + o2),
        1: (2 * t1 + t2, 2 * o1 + t2, 2 * t1 + o2, 2 * o1 + o2),
    }
    types = []
    for i in (0, 1):
        R, S, T, P = (u[:, c, i] for c in cells[i])
        types.append(np.select(
            [(T > R) & (R > P) & (P > S), (R > T) & (T >= P) & (P > S), (T > R) & (R > S) & (S > P),
             (T > P) & (P > R) & (R > S), (R > T) & (S > P)],
            [0, 1, 2, 3, 4], default=5).astype(np.int8))
    return np.stack(types, axis=1)


def _type_counts(types: np.ndarray) -> np.ndarray:
    """Rows: each player, then the game (the common type, or other); columns: GAME_TYPES."""
    game = np.where(types[:, 0] == types[:, 1], types[:, 0], len(GAME_TYPES) - 1)
    rows = [np.bincount(types[:, i], minlength=len(GAME_TYPES)) for i in range(types.shape[1])]
    rows.append(np.bincount(game, minlength=len(GAME_TYPES)))
    return np.stack(rows)


def _pattern_key(plan: SamplingPlan, code: int) -> SetKey:
    """The exact equilibrium set of every 2x2 game with these four comparison signs: solve one
    representative (the best replies, hence the structure of the equilibrium set, depend on
    the signs only)."""
    from ..core.model import bimatrix_game
    from ..solvers.equilibria import solve

    signs = [(code // 3 ** k) % 3 - 1 for k in range(4)]
    t1, t2 = plan.target
    o1, o2 = 1 - t1, 1 - t2
    A = [[0, 0], [0, 0]]
    B = [[0, 0], [0, 0]]
    A[t1][t2], A[t1][o2] = signs[0], signs[1]  # row player: target minus other, per column
    B[t1][t2], B[o1][t2] = signs[2], signs[3]  # column player: target minus other, per row
    return solution_key(solve(bimatrix_game(A, B)))


# --- equilibria at one κ, batched ----------------------------------------------------------------


def _indifference(P: np.ndarray, rows: tuple[int, ...], cols: tuple[int, ...], tol: np.ndarray):
    """For payoffs P (samples, own, other): the other's mix on ``cols`` that makes the own
    strategies ``rows`` indifferent. Returns (ok, degenerate): ok when that mix is strictly
    positive and every own strategy outside ``rows`` earns strictly less; degenerate when a
    tie within the tolerance, a zero probability or a singular system leaves it open."""
    k = len(rows)
    block = P[:, rows][:, :, cols]
    scale = np.maximum(np.abs(block).max(axis=(1, 2)), 1.0)
    # Solve [differences of the rows; 1ᵀ] · mix = e_k: in closed form for k ≤ 2 (most pairs).
    if k == 1:
        mix = np.ones((P.shape[0], 1))
        singular = np.zeros(P.shape[0], bool)
    elif k == 2:
        d = block[:, 1, :] - block[:, 0, :]
        det = d[:, 0] - d[:, 1]
        singular = np.abs(det) <= 1e-12 * scale
        safe = np.where(singular, 1.0, det)
        mix = np.stack([-d[:, 1] / safe, d[:, 0] / safe], axis=1)
    else:
        system = np.empty_like(block)
        system[:, :-1, :] = block[:, 1:, :] - block[:, :1, :]
        system[:, -1, :] = 1.0
        singular = np.abs(np.linalg.det(system)) <= 1e-12 * scale ** (k - 1)
        system[singular] = np.eye(k)
        rhs = np.zeros((P.shape[0], k, 1))
        rhs[:, -1, 0] = 1.0
        mix = np.linalg.solve(system, rhs)[..., 0]
    value = np.einsum("nk,nk->n", block[:, 0, :], mix)
    outside = [r for r in range(P.shape[1]) if r not in rows]
    positive = (mix > TOLERANCE).all(axis=1)
    nonnegative = (mix >= -TOLERANCE).all(axis=1)
    if outside:
        earn = np.einsum("nrk,nk->nr", P[:, outside][:, :, cols], mix)
        better = (earn > value[:, None] + tol[:, None]).any(axis=1)
        tie = (np.abs(earn - value[:, None]) <= tol[:, None]).any(axis=1)
    else:
        better = tie = np.zeros(P.shape[0], bool)
    ok = ~singular & positive & ~better & ~tie
    degenerate = singular | (nonnegative & ~better & (tie | ~positive))
    return ok, degenerate


def support_pairs(shape: tuple[int, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every pair of equal-size supports (I, J) of a two-player game."""
    m, n = shape
    return [(I, J) for k in range(1, min(m, n) + 1)
            for I in itertools.combinations(range(m), k) for J in itertools.combinations(range(n), k)]


def bimatrix_equilibria_batch(A: np.ndarray, B: np.ndarray, pairs) -> tuple[np.ndarray, np.ndarray]:
    """Batched support enumeration (nondegenerate games; von Stengel 2002, §3).

    A, B: (samples, m, n). Returns (is_equilibrium (samples, pairs), degenerate (samples,)).
    In a nondegenerate game every equilibrium has supports of equal size and is the unique
    solution of its indifference equations, so checking each pair finds all of them; a sample
    flagged degenerate needs the exact solver.
    """
    tol = TOLERANCE * np.maximum(np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2))), 1.0)
    Bt = np.swapaxes(B, 1, 2)
    found = np.zeros((A.shape[0], len(pairs)), bool)
    degenerate = np.zeros(A.shape[0], bool)
    for index, (I, J) in enumerate(pairs):
        rows_ok, rows_degenerate = _indifference(A, I, J, tol)  # column mix on J keeps I indifferent
        cols_ok, cols_degenerate = _indifference(Bt, J, I, tol)  # row mix on I keeps J indifferent
        found[:, index] = rows_ok & cols_ok
        degenerate |= rows_degenerate | cols_degenerate
    return found, degenerate


def pure_equilibria_batch(u: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Pure equilibria of n-player games: (stable (samples, profiles), degenerate (samples,)).
    A tie within the tolerance between a player's best replies marks the sample degenerate."""
    count, n = u.shape[0], len(shape)
    full = u.reshape((count,) + shape + (n,))
    tol = TOLERANCE * np.maximum(np.abs(u).max(axis=(1, 2)), 1.0).reshape((count,) + (1,) * n)
    stable = np.ones((count,) + shape, bool)
    degenerate = np.zeros(count, bool)
    for i in range(n):
        own = full[..., i]
        near = own >= own.max(axis=1 + i, keepdims=True) - tol
        stable &= near
        degenerate |= (near.sum(axis=1 + i) > 1).reshape(count, -1).any(axis=1)
    return stable.reshape(count, -1), degenerate


def searches_mixed(plan: SamplingPlan) -> bool:
    """Whether equilibria at the top include mixed ones (two players, support pairs within bounds)."""
    return plan.n_players == 2 and len(support_pairs(plan.shape)) <= MAX_SUPPORT_PAIRS


def solution_key(solution) -> SetKey:
    """The equilibrium set of an exact :class:`~sovgame.equilibria.Solution` as supports."""
    equilibria = sorted({tuple(tuple(k for k, p in enumerate(s) if p != 0) for s in eq.strategies)
                         for eq in solution.equilibria})
    return tuple(equilibria), any(eq.component is not None for eq in solution.equilibria)


def sets_at_kappa(plan: SamplingPlan, U: np.ndarray, W: np.ndarray,
                  kappa: Fraction | float) -> tuple[Counter, int]:
    """Equilibrium sets at κ for games other than 2x2: (Counter of SetKey, unresolved count).
    ``kappa`` is best given exactly: degenerate samples are solved exactly at that κ."""
    from ..solvers.equilibria import pure_equilibria, solve

    u = U - float(kappa) * W
    counts: Counter = Counter()
    mixed = searches_mixed(plan)
    if mixed:
        pairs = support_pairs(plan.shape)
        m, n = plan.shape
        found, degenerate = bimatrix_equilibria_batch(u[:, :, 0].reshape(-1, m, n), u[:, :, 1].reshape(-1, m, n), pairs)
        labels = list(pairs)
    else:
        found, degenerate = pure_equilibria_batch(u, plan.shape)
        labels = [tuple((s,) for s in p) for p in plan.game.profiles()]
    kept = found[~degenerate]
    if kept.shape[1] <= 62:
        # One integer per sample names its equilibrium set (bit c: candidate c is one): far
        # quicker to count than rows of booleans.
        codes = (kept.astype(np.int64) << np.arange(kept.shape[1], dtype=np.int64)).sum(axis=1)
        distinct, frequency = np.unique(codes, return_counts=True)
        rows = [[(int(code) >> c) & 1 for c in range(kept.shape[1])] for code in distinct]
    else:
        rows, frequency = np.unique(kept, axis=0, return_counts=True)
    for row, number in zip(rows, frequency):
        counts[(tuple(sorted(labels[c] for c, hit in enumerate(row) if hit)), False)] += int(number)
    unresolved = 0
    # Degenerate within the tolerance: solve exactly, once per distinct sample (a cardinal game
    # without noise gives identical samples), up to a budget per chunk.
    cache: dict[bytes, SetKey] = {}
    exact_kappa = Fraction(kappa)
    for j in np.flatnonzero(degenerate):
        tag = U[j].tobytes() + W[j].tobytes()
        if tag not in cache:
            if len(cache) >= EXACT_FALLBACK_PER_CHUNK:
                unresolved += 1
                continue
            exact = exact_sample_game(plan, U[j], W[j])
            if mixed:
                cache[tag] = solution_key(solve(exact, exact_kappa))
            else:
                pure = pure_equilibria(exact.payoffs_at(exact_kappa))
                cache[tag] = (tuple(sorted(tuple((s,) for s in p) for p in pure)), False)
        counts[cache[tag]] += 1
    return counts, unresolved


# --- chunks --------------------------------------------------------------------------------------


@dataclass
class ChunkResult:
    """Per-sample arrays of one chunk, and counts that only need adding up."""

    values: dict[str, np.ndarray]  # criterion -> threshold (inf: never; nan: not settled here)
    verdicts: dict[str, np.ndarray]  # criterion -> verdict code
    unique_open: np.ndarray  # samples whose unique threshold needs the exact path
    binding: np.ndarray
    target_equilibrium: int  # samples where the target is an equilibrium at the top
    patterns: np.ndarray | None  # 2x2: bincount of sign patterns at the top
    sets: Counter  # larger games: equilibrium sets at the top
    unresolved: int
    types_zero: np.ndarray | None  # 2x2: counts (players + game, type)
    types_top: np.ndarray | None


def evaluate_samples(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> ChunkResult:
    """Every vectorised per-sample quantity for the samples (U, W)."""
    count = U.shape[0]
    values, verdicts = {}, {}
    a, b = plan.nash.gains(U, W)
    nash = linear_sets(a, b, strict=False)
    values["nash"], verdicts["nash"] = nash.value, nash.verdicts(plan.plausible)
    binding = nash_binding(plan, a, b, nash)
    a, b = plan.dominance.gains(U, W)
    dominant = linear_sets(a, b, strict=True)
    values["dominant"], verdicts["dominant"] = dominant.value, dominant.verdicts(plan.plausible)
    if plan.pairwise is not None:
        unique, open_ = unique_walk(plan, U, W)
        values["unique"] = np.where(open_, np.nan, unique.value)
        verdicts["unique"] = np.where(open_, NOT_COMPUTED, unique.verdicts(plan.plausible)).astype(np.int8)
    else:
        open_ = np.ones(count, bool)
        values["unique"] = np.full(count, np.nan)
        verdicts["unique"] = np.full(count, NOT_COMPUTED, np.int8)
    patterns = types_zero = types_top = None
    sets: Counter = Counter()
    unresolved = 0
    if plan.two_by_two:
        alpha, beta = _pairwise_2x2(plan).gains(U, W)
        patterns = np.bincount(sign_patterns(alpha, beta, plan.top), minlength=81)
        types_zero = _type_counts(game_types_2x2(plan, U, W, 0.0))
        types_top = _type_counts(game_types_2x2(plan, U, W, plan.top))
    else:
        sets, unresolved = sets_at_kappa(plan, U, W, plan.top_exact)
    return ChunkResult(values, verdicts, open_, binding, int(nash.contains(plan.top).sum()), patterns, sets,
                       unresolved, types_zero, types_top)


def run_chunk(plan: SamplingPlan, seed: int, chunk: int, count: int) -> ChunkResult:
    """Draw and evaluate chunk ``chunk`` (``count`` samples). A module-level function of
    picklable arguments, so any executor can run it."""
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    return evaluate_samples(plan, U, W)


def exact_unique(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> tuple[float, int]:
    """The ``unique`` threshold of one sample by the exact path: (value, verdict code);
    (nan, UNDETERMINED) where :func:`compute_thresholds` cannot settle it."""
    from ..costs.thresholds import compute_thresholds

    threshold = compute_thresholds(exact_sample_game(plan, U, W), plan.target).thresholds["unique"]
    if not threshold.defined:
        return math.nan, UNDETERMINED
    return (math.inf if threshold.value is None else float(threshold.value)), VERDICTS.index(threshold.verdict)


def run_exact_unique(plan: SamplingPlan, seed: int, chunk: int, count: int,
                     local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Redraw chunk ``chunk`` and compute ``unique`` exactly for its samples ``local``."""
    U, W = draw_samples(plan, chunk_generator(seed, chunk), count)
    results = [exact_unique(plan, U[j], W[j]) for j in local]
    return np.array([v for v, _ in results], float), np.array([c for _, c in results], np.int8)


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionRobustness:
    """The distribution of one threshold over the samples, against the file's own value.

    Shares are of all samples. For ``unique`` in games other than 2x2, samples the vectorised
    walk leaves open are estimated from an exact subsample (``subsample`` of ``open``), each
    subsample member weighing open/subsample.
    """

    criterion: str
    samples: int
    settled: int  # samples settled by the vectorised computation
    open: int  # samples left to the exact path
    subsample: int  # how many of the open samples got the exact path
    quantiles: dict[str, float | None]  # "5", "50", "95" -> κ (None: never)
    never_share: float
    undetermined_share: float  # thresholds that cannot be settled (or were not computed)
    p_within_plausible: float  # share with threshold <= top of the plausible range
    ci95: tuple[float, float]
    verdict_shares: dict[str, float]
    file_value: Endpoint | None
    file_attained: bool
    file_verdict: str
    agreement: float  # share of samples whose verdict is the file's


@dataclass(frozen=True)
class EquilibriumSet:
    """One equilibrium set found at the top of the plausible range, and how often."""

    equilibria: tuple[Supports, ...]
    continuum: bool
    count: int
    share: float
    summary: str


@dataclass(frozen=True)
class EquilibriaAtTop:
    kappa: Fraction
    target_equilibrium_share: float
    target_unique_share: float
    sets: tuple[EquilibriumSet, ...]
    mixed_searched: bool
    unresolved_share: float


@dataclass(frozen=True, eq=False)
class RobustResult:
    """What :func:`robust` returns; :func:`sovgame.present.robust.robust_to_json` and
    :func:`sovgame.present.robust.robust_sections` are its views."""

    game: Game
    target: Profile
    costs: tuple[str, ...]
    samples: int
    seed: int
    noise: float | None
    plausible: tuple[Fraction, Fraction]
    plausible_given: bool
    model: str
    uncertain: bool
    criteria: dict[str, CriterionRobustness]
    binding: dict[str, float]  # player name, "none" (threshold 0), "never" -> share
    game_types: dict[str, dict[str, float]] | None  # 2x2: "at_zero" / "at_top" -> type -> share
    player_types: dict[str, dict[str, dict[str, float]]] | None
    at_top: EquilibriaAtTop
    verdict: str
    notes: tuple[str, ...]
    # Per-sample thresholds in sample order (inf: never; nan: not settled) and the weight of
    # each sample in the summaries (1; open/subsample for exact subsample members of ``unique``;
    # 0 for open samples outside it), for notebooks and tests.
    values: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    weights: dict[str, np.ndarray] = field(repr=False, default_factory=dict)

    def target_names(self) -> dict[str, str]:
        return {p.name: p.strategies[s] for p, s in zip(self.game.players, self.target)}


def wilson_interval(successes: float, trials: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial share (Wilson 1927; Agresti & Coull 1998).
    ``trials`` may be an effective sample size (not a whole number)."""
    if trials <= 0:
        return 0.0, 1.0
    share = min(max(successes / trials, 0.0), 1.0)
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(max(share * (1 - share), 0.0) / trials + z * z / (4 * trials * trials)) / denominator
    # At a share of exactly 0 or 1 the bound is exact; keep rounding from moving it.
    return (0.0 if share == 0 else max(0.0, centre - half)), (1.0 if share == 1 else min(1.0, centre + half))


# --- entry point ---------------------------------------------------------------------------------


def robust(
    game: Game, samples: int = DEFAULT_SAMPLES, seed: int = 0, noise: float | None = None,
    workers: int = 1, executor: Executor | None = None, progress: Progress | None = None, *,
    target: Profile | str | None = None, costs: Sequence[str] | None = None,
    unique_subsample: int | None = None,
) -> RobustResult:
    """How robust are the verdicts on ``game`` to what its numbers do not pin down?

    Draws ``samples`` games from the sampling model of the module docstring and summarises,
    for the ``nash``, ``dominant`` and ``unique`` thresholds of ``target`` (default: every
    player's compromise strategy), the 5/50/95% quantiles, the share of ``never``, the share
    P(threshold ≤ top of the plausible range) with a Wilson 95% interval, how often each
    verdict comes out and how often it is the file's own; the binding player; for 2x2 games
    the game types; and the equilibria at the top of the plausible range.

    Parameters
    ----------
    game : Game
    samples : number of sampled games (1 .. 10,000,000)
    seed : seed ≥ 0; the same seed gives the same result, whatever ``workers`` or ``executor``
    noise : standard deviation of Normal noise added to every payoff of a cardinal game
    workers : processes to spread the chunks over (1: run in this process)
    executor : any :class:`concurrent.futures.Executor` to run the chunks on instead of
        ``workers`` processes; it is not shut down. A Dask cluster plugs in through its
        executor when one machine is not enough::

            from dask.distributed import Client
            client = Client("tcp://scheduler:8786")
            with client.get_executor() as pool:
                result = robust(game, 10_000_000, seed=1, executor=pool)

        Work items are :func:`run_chunk` and :func:`run_exact_unique` calls with picklable
        arguments (the plan, the seed and chunk numbers), so workers need only sovgame
        installed; samples are redrawn where they are used instead of being shipped.
    progress : called in this process as ``progress(done, total, stage)`` after each chunk
        ("sampling") and each batch of exact computations ("exact unique")
    target : a profile, an outcome key "s1|s2", or None for the compromise profile
    costs : keep only the costs of these names (None: all)
    unique_subsample : how many open samples get the exact ``unique`` path (module docstring);
        by default enough that they add at most about ±0.005 (one standard error) to
        P(threshold ≤ top), between 10 and 200 (500 with three or more players); 0 leaves
        open samples undetermined

    Raises
    ------
    UsageError
        For option values that cannot be used (the message names the option).
    """
    from ..costs.thresholds import compute_thresholds

    samples = _whole(samples, "--samples", 1, MAX_SAMPLES)
    seed = _whole(seed, "--seed", 0, None)
    workers = _whole(workers, "--workers", 1, None)
    plan = plan_sampling(game, target, costs, noise, unique_subsample)
    report = compute_thresholds(game, plan.target, plan.costs)
    chunks = [(k, min(CHUNK_SIZE, samples - first)) for k, first in enumerate(range(0, samples, CHUNK_SIZE))]

    own_pool = executor is None and workers > 1
    pool = ProcessPoolExecutor(max_workers=workers) if own_pool else executor
    try:
        results = _map(pool, run_chunk, [(plan, seed, k, count) for k, count in chunks],
                       [count for _, count in chunks], progress, "sampling")
        values = {c: np.concatenate([r.values[c] for r in results]) for c in CRITERIA}
        verdicts = {c: np.concatenate([r.verdicts[c] for r in results]) for c in CRITERIA}
        weights = {c: np.ones(samples) for c in CRITERIA}
        open_index = np.flatnonzero(np.concatenate([r.unique_open for r in results]))
        size = plan.subsample_size(len(open_index), samples)
        if size:
            # Evenly spaced over the open samples in sample order: the same whatever the workers.
            chosen = open_index[(np.arange(size, dtype=np.int64) * len(open_index)) // size]
            by_chunk = [(k, count, chosen[(chosen >= k * CHUNK_SIZE) & (chosen < k * CHUNK_SIZE + count)])
                        for k, count in chunks]
            by_chunk = [item for item in by_chunk if len(item[2])]
            exact = _map(pool, run_exact_unique,
                         [(plan, seed, k, count, local - k * CHUNK_SIZE) for k, count, local in by_chunk],
                         [len(local) for _, _, local in by_chunk], progress, "exact unique")
            values["unique"][chosen] = np.concatenate([v for v, _ in exact])
            verdicts["unique"][chosen] = np.concatenate([c for _, c in exact])
            weights["unique"][open_index] = 0.0
            weights["unique"][chosen] = len(open_index) / size
        else:
            verdicts["unique"][open_index] = UNDETERMINED  # nothing computed: say so, weigh 1
    finally:
        if own_pool:
            pool.shutdown()
    return _summarise(plan, report, samples, seed, noise, results, values, verdicts, weights,
                      open_count=len(open_index), subsample=size)


def _map(pool: Executor | None, function, arguments: list[tuple], sizes: list[int], progress, stage: str) -> list:
    """``function(*args)`` for each item, in order, on ``pool`` (None: here), reporting progress."""
    total, done = sum(sizes), 0
    results: list = [None] * len(arguments)
    if pool is None:
        for index, args in enumerate(arguments):
            results[index] = function(*args)
            done += sizes[index]
            if progress:
                progress(done, total, stage)
        return results
    futures = {pool.submit(function, *args): index for index, args in enumerate(arguments)}
    for future in as_completed(futures):
        index = futures[future]
        results[index] = future.result()
        done += sizes[index]
        if progress:
            progress(done, total, stage)
    return results


def _whole(value, option: str, lowest: int, highest: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise UsageError(f"{option}: must be a whole number, not {value!r}")
    if value < lowest or (highest is not None and value > highest):
        bound = f"between {lowest:,} and {highest:,}" if highest is not None else f">= {lowest}"
        raise UsageError(f"{option}: must be {bound}, not {value}")
    return int(value)


def _summarise(plan: SamplingPlan, report, samples: int, seed: int, noise, results: list[ChunkResult],
               values, verdicts, weights, open_count: int, subsample: int) -> RobustResult:
    game = plan.game
    criteria = {}
    for c in CRITERIA:
        opened = open_count if c == "unique" else 0
        criteria[c] = _criterion(c, values[c], verdicts[c], weights[c], plan, report.thresholds[c],
                                 open_count=opened, subsample=subsample if opened else 0)

    binding_codes = np.concatenate([r.binding for r in results])
    binding = {name: _share(np.count_nonzero(binding_codes == i), samples) for i, name in enumerate(game.player_names)}
    binding["none"] = _share(np.count_nonzero(binding_codes == -1), samples)
    binding["never"] = _share(np.count_nonzero(binding_codes == -2), samples)

    game_types = player_types = None
    if plan.two_by_two:
        zero = sum(r.types_zero for r in results)
        top = sum(r.types_top for r in results)
        game_types = {"at_zero": _type_shares(zero[-1], samples), "at_top": _type_shares(top[-1], samples)}
        player_types = {name: {"at_zero": _type_shares(zero[i], samples), "at_top": _type_shares(top[i], samples)}
                        for i, name in enumerate(game.player_names)}
    at_top = _at_top(plan, results, samples, report.plausible[1])

    notes = []
    if not plan.uncertain:
        notes.append("nothing is uncertain: the game is cardinal and neither --noise nor a cost's weights_range is "
                     "given, so every sample is the file's own game and every share is 0 or 1")
    if game.plausible_kappa is None:
        notes.append("the file gives no plausible range; P(κ ≤ top) and verdicts use [0, 1] (up to today's costs)")
    if not plan.costs:
        notes.append("no costs in the model: κ changes nothing")
    if plan.ordinal and plan.two_by_two:
        notes.append("ordinal resampling keeps each player's ordering, so the game type at κ = 0 is the file's in "
                     "every sample; the type at the top of the plausible range shows what costs change")
    unique = criteria["unique"]
    if unique.open:
        how = (f"computed exactly for all {unique.open:,} of them" if unique.subsample == unique.open else
               f"estimated from an exact subsample of {unique.subsample:,} (evenly spaced, each standing for "
               f"{unique.open / unique.subsample:.3g} samples)" if unique.subsample else "not computed")
        if plan.n_players == 2:
            notes.append(f"unique: iterated dominance and the pure equilibria settle {unique.settled:,} samples; "
                         f"for the other {unique.open:,} mixed equilibria decide, {how}")
        else:
            notes.append(f"unique ({plan.n_players} players): {how.replace('of them', 'samples')}")
    if plan.n_players > 2:
        notes.append(f"{plan.n_players} players: equilibria at the top of the range are pure ones only")
    if at_top.unresolved_share:
        notes.append(f"{at_top.unresolved_share:.2%} of samples are degenerate at the top of the range beyond the "
                     "exact-solve budget; their equilibria are counted as unresolved")

    result = RobustResult(
        game=game, target=plan.target, costs=plan.costs, samples=samples, seed=seed,
        noise=None if noise is None else float(noise), plausible=report.plausible,
        plausible_given=report.plausible_given, model=describe_model(plan), uncertain=plan.uncertain,
        criteria=criteria, binding=binding, game_types=game_types, player_types=player_types,
        at_top=at_top, verdict="", notes=tuple(notes), values=values, weights=weights,
    )
    return replace(result, verdict=robustness_line(result))


def _share(count: float, total: float) -> float:
    return float(count / total) if total else 0.0


def _type_shares(counts: np.ndarray, total: int) -> dict[str, float]:
    return {name: _share(int(c), total) for name, c in zip(GAME_TYPES, counts)}


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs: Sequence[float]) -> list[float]:
    """For each q the smallest value whose cumulative weight reaches q of the total (the
    inverted CDF: an actual sample value, so 'never' (inf) is never averaged with a number)."""
    if not len(values):
        return [math.inf] * len(qs)
    # A hair below q·total, so that q·n landing a rounding error above a whole number of
    # samples does not skip to the next one.
    shrink = 1 - 1e-12
    if np.all(weights == 1):
        ordered = np.sort(values)
        return [float(ordered[min(max(math.ceil(q * len(values) * shrink), 1), len(values)) - 1]) for q in qs]
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    positions = np.searchsorted(cumulative, [q * cumulative[-1] * shrink for q in qs], side="left")
    return [float(values[order][min(int(pos), len(order) - 1)]) for pos in positions]


def stratified_interval(hits_settled: float, settled: float, hits_exact: float, exact: float,
                        weight: float, population: float) -> tuple[float, float]:
    """95% interval for a share estimated from ``settled`` samples counted in full and
    ``exact`` subsample members each standing for ``weight`` samples of a stratum of
    ``population`` (Cochran 1977, ch. 5): a Wilson interval at the effective sample size
    p(1 − p)/Var, where Var adds the Monte Carlo variance and the subsampling variance."""
    total = settled + weight * exact
    if exact == 0 or total == 0:
        return wilson_interval(hits_settled, settled)
    share = (hits_settled + weight * hits_exact) / total
    stratum = weight * exact / total
    exact_share = hits_exact / exact
    variance = share * (1 - share) / total + stratum ** 2 * exact_share * (1 - exact_share) / exact * \
        max(0.0, 1 - exact / population)
    effective = share * (1 - share) / variance if variance > 0 else settled + exact
    return wilson_interval(share * effective, effective)


def _criterion(name: str, values: np.ndarray, verdicts: np.ndarray, weights: np.ndarray, plan: SamplingPlan,
               threshold, open_count: int, subsample: int) -> CriterionRobustness:
    total = len(values)
    counted = weights > 0
    settled_value = counted & ~np.isnan(values)
    found = weighted_quantiles(values[settled_value], weights[settled_value], [q for _, q in QUANTILES])
    quantiles = {label: None if math.isinf(x) else x for (label, _), x in zip(QUANTILES, found)}
    within = settled_value & (values <= plan.top)
    exact = settled_value & (weights != 1)
    plain = settled_value & (weights == 1)
    weight = float(weights[exact][0]) if exact.any() else 1.0
    ci = stratified_interval(float(np.count_nonzero(within & plain)), float(np.count_nonzero(plain)),
                             float(np.count_nonzero(within & exact)), float(np.count_nonzero(exact)),
                             weight, float(open_count))
    determined_weight = float(weights[settled_value].sum())
    shares = {v: _share(float(weights[verdicts == code].sum()), total) for code, v in enumerate(VERDICTS)}
    file_verdict = threshold.verdict if threshold.defined else "undetermined"
    file_code = VERDICTS.index(file_verdict) if file_verdict in VERDICTS else UNDETERMINED
    return CriterionRobustness(
        criterion=name, samples=total, settled=total - open_count, open=open_count, subsample=subsample,
        quantiles=quantiles,
        never_share=_share(float(weights[settled_value & np.isinf(values)].sum()), total),
        undetermined_share=_share(float(weights[counted & np.isnan(values)].sum()), total),
        p_within_plausible=_share(float(weights[within].sum()), determined_weight), ci95=ci,
        verdict_shares=shares, file_value=threshold.value, file_attained=threshold.attained,
        file_verdict=file_verdict, agreement=_share(float(weights[verdicts == file_code].sum()), total),
    )


def _at_top(plan: SamplingPlan, results: list[ChunkResult], samples: int, top: Fraction) -> EquilibriaAtTop:
    counts: Counter = Counter()
    if plan.two_by_two:
        patterns = sum(r.patterns for r in results)
        for code in np.flatnonzero(patterns):
            counts[_pattern_key(plan, int(code))] += int(patterns[code])
    else:
        for r in results:
            counts.update(r.sets)
    alone = ((tuple((s,) for s in plan.target),), False)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], describe_set(plan.game, item[0])))
    return EquilibriaAtTop(
        kappa=top,
        target_equilibrium_share=_share(sum(r.target_equilibrium for r in results), samples),
        target_unique_share=_share(counts.get(alone, 0), samples),
        sets=tuple(EquilibriumSet(key[0], key[1], n, _share(n, samples), describe_set(plan.game, key))
                   for key, n in ordered),
        mixed_searched=searches_mixed(plan),
        unresolved_share=_share(sum(r.unresolved for r in results), samples),
    )


def describe_set(game: Game, key: SetKey) -> str:
    """"(Strike, Tolerate TTP) only", "(A, B) + (C, D) + mixed over (A/C, B/D)", "… (continuum)"."""
    equilibria, continuum = key
    pure = [eq for eq in equilibria if all(len(s) == 1 for s in eq)]
    parts = ["(" + ", ".join(p.strategies[s[0]] for p, s in zip(game.players, eq)) + ")" for eq in pure]
    for eq in equilibria:
        if eq not in pure:
            parts.append("mixed over (" + ", ".join("/".join(p.strategies[k] for k in s)
                                                      for p, s in zip(game.players, eq)) + ")")
    if not parts:
        return "no equilibrium"
    text = parts[0] + " only" if len(parts) == 1 else " + ".join(parts)
    return text + (" (continuum)" if continuum else "")


def describe_model(plan: SamplingPlan) -> str:
    """The sampling model in one sentence."""
    game = plan.game
    if plan.ordinal:
        ranks = "; ".join(f"{p.name}: {c} ranks on [{lo:g}, {hi:g}]"
                          for p, c, (lo, hi) in zip(game.players, plan.rank_counts, plan.payoff_ranges))
        text = f"ordinal: each player's payoffs redrawn as sorted Uniform(lo, hi) values by rank ({ranks})"
    elif plan.noise > 0:
        text = f"cardinal: Normal(0, {plan.noise:g}) noise added to every payoff"
    else:
        text = "cardinal: payoffs as in the file (no --noise)"
    if plan.ranged_costs:
        names = ", ".join(c.name for c in plan.ranged_costs)
        return text + f"; weights of {names} drawn from their weights_range, other weights as in the file"
    return text + "; cost weights as in the file"


#: Grades of :func:`robustness_line`, by the smallest share of samples agreeing with the file.
GRADES = ((0.95, "robust"), (0.80, "mostly robust"), (0.50, "fragile"), (0.0, "not robust"))


def robustness_line(result: RobustResult) -> str:
    """One sentence: how often the samples give each criterion the file's own verdict.

    The grade follows the weakest criterion: robust when at least 95% of samples agree with
    the file on every criterion, mostly robust from 80%, fragile from 50%, else not robust.
    """
    if not result.uncertain:
        return ("No uncertainty to test: the game is cardinal and neither --noise nor a weights_range is given, "
                "so every sample is the file's own game.")
    parts = [f"{name} ({c.file_verdict.upper()}) in {c.agreement:.0%}" for name, c in result.criteria.items()]
    weakest = min(c.agreement for c in result.criteria.values())
    grade = next(word for bound, word in GRADES if weakest >= bound)
    return f"{grade.capitalize()}: the samples give the file's verdict on {', '.join(parts)} of cases."


# --- JSON ----------------------------------------------------------------------------------------


__all__ = [
    "CHUNK_SIZE", "CriterionRobustness", "EquilibriaAtTop", "EquilibriumSet", "RobustResult", "SamplingPlan",
    "chunk_generator", "draw_samples", "evaluate_samples", "exact_sample_game", "plan_sampling", "robust",
    "run_chunk", "run_exact_unique", "unique_walk", "wilson_interval",
]
