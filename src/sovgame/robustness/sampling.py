"""Drawing the sampled games of a plan: a chunk's generator from the seed, the samples
(ordinal payoffs by rank, noise, weights from their ranges), and one sample as an exact game."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np

from ..core.case import Case
from ..core.model import Cost, Incidence
from ..sections.capacity import draw_lotteries
from .plan import SamplingPlan

#: Sorting networks (pairs compared and exchanged, in order) for rows of up to four values.
NETWORKS = {1: (), 2: ((0, 1),), 3: ((0, 1), (1, 2), (0, 1)), 4: ((0, 1), (2, 3), (0, 2), (1, 3), (1, 2))}


def sort_rows(x: np.ndarray) -> np.ndarray:
    """``np.sort(x, axis=1)``, column-major; rows of up to four values (2x2 games) by a sorting
    network of elementwise minima and maxima, far quicker than numpy's sort of short rows and
    the same values (there are no NaNs, and no −0.0 beside a 0.0 whose order could differ)."""
    count, width = x.shape
    if width not in NETWORKS:
        return np.asfortranarray(np.sort(x, axis=1))
    columns = [x[:, j] for j in range(width)]
    for i, j in NETWORKS[width]:
        columns[i], columns[j] = np.minimum(columns[i], columns[j]), np.maximum(columns[i], columns[j])
    out = np.empty((count, width), order="F")
    for j, column in enumerate(columns):
        out[:, j] = column
    return out


#: The key of ``drawn`` that holds the payoffs as drawn, before capacity lotteries.
STATED_PAYOFFS = "stated payoffs"


def draw_samples(
    plan: SamplingPlan, rng: np.random.Generator, count: int, drawn: dict[str, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` sampled games as (U, W), each of shape (count, profiles, players); ``drawn``,
    when given, receives each ranged cost's weights (count, players) by its name, and with
    capacity the payoffs before the lotteries (:data:`STATED_PAYOFFS`).

    Draw order is fixed (ordinal payoffs player by player, then noise, then weights cost by
    cost, then success probabilities entry by entry), so a generator state always gives the
    same games.
    """
    n_profiles, n = plan.base_payoffs.shape
    if plan.ordinal:
        U = np.empty((count, n_profiles, n))
        for i, (lo, hi) in enumerate(plan.payoff_ranges):
            # Sorted uniforms assigned by rank: the k-th lowest value goes to rank k, so equal
            # ranks stay equal and the ordering is kept (docs/models.md).
            values = sort_rows(rng.uniform(lo, hi, size=(count, plan.rank_counts[i])))
            U[:, :, i] = values[:, plan.rank_of[i]]
    elif plan.noise > 0:
        U = plan.base_payoffs + rng.normal(0.0, plan.noise, size=(count, n_profiles, n))
    else:
        U = np.broadcast_to(plan.base_payoffs, (count, n_profiles, n))
    if plan.ranged_costs:
        # Summed with the samples along the last axis, (profiles, players, samples): numpy's
        # inner loops then run over the samples, not over two players; the same sums
        # base + w·e + w'·e' + ..., in the same order, element by element.
        along = np.empty((n_profiles, n, count))
        along[...] = plan.base_load[:, :, None]
        for cost in plan.ranged_costs:
            weights = rng.uniform(cost.lo, cost.hi, size=(count, n))
            along += cost.exposure[:, :, None] * np.ascontiguousarray(weights.T)[None]
            if drawn is not None:
                drawn[cost.name] = weights
        W = np.ascontiguousarray(along.transpose(2, 0, 1))
    else:
        W = np.broadcast_to(plan.base_load, (count, n_profiles, n))
    if plan.capacity:
        if drawn is not None:  # the payoffs as drawn, before the lotteries mix them
            drawn[STATED_PAYOFFS] = U
        U, W = draw_lotteries(plan.capacity, plan.shape, U, W, rng)
    return U, W


def chunk_generator(seed: int, chunk: int) -> np.random.Generator:
    """The generator of chunk ``chunk``: ``SeedSequence(seed).spawn(K)[chunk]`` for any K."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(chunk,))))


def exact_sample_game(plan: SamplingPlan, U: np.ndarray, W: np.ndarray) -> Case:
    """One sampled game in exact arithmetic, as a case with the file's plausible range (its
    lotteries already drawn: no sections): the reference path for that sample.

    ``U`` and ``W`` are one sample's arrays (profiles, players): the file's own numbers where
    the run draws none, else the floats, converted exactly (:meth:`SamplingPlan.exact_draw`); the sampled cost load becomes one ``custom`` cost with weight 1, so
    ``cost_load()`` of the result's game is ``W`` exactly.
    """
    game = plan.game
    n = game.n_players
    U, W = plan.exact_draw(U, W)
    payoffs = np.empty(game.shape + (n,), dtype=object)
    exposure = {}
    for index, profile in enumerate(game.profiles()):
        for i in range(n):
            payoffs[profile + (i,)] = U[index, i]
        exposure[profile] = tuple(W[index])
    cost = Cost("sampled costs", Incidence.CUSTOM, (Fraction(1),) * n, tuple(range(n)), exposure)
    return replace(plan.case, game=replace(game, payoffs=payoffs, costs=(cost,)), claims=(), sections=())
