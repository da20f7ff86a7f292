"""The exact sets of κ over which each state is stable under each GMCR concept.

A player compares two states a, b at κ by the sign of (u_i(a) − u_i(b)) − κ·(W_i(a) − W_i(b)),
linear in κ: the ordering of the states, and with it every stability flag, can change only at
the rational κ where two costed payoffs of one player cross. So the flags are tested at each
breakpoint and at one point of each gap between them, and the sets are unions of intervals
with rational ends, exact. The tests run on all those points at once: costed payoffs scaled
to integers (``q·D·u_i(s; p/q)``, exact in int64 within a checked bound, else Python
integers), and every move, sanction and escape of the graph listed once as index arrays.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..core.intervals import Interval
from ..core.model import Profile
from .gmcr_graph import CONCEPTS, Graph, reachable

#: Sample points per block of the vectorised test (bounds its memory).
BLOCK = 256


def breakpoints(graph: Graph) -> list[Fraction]:
    """Every κ > 0 at which two states' costed payoffs cross for some player, in order."""
    game = graph.game
    payoffs, load = game.payoffs, game.cost_load()
    found: set[Fraction] = set()
    states = graph.states
    for i in range(game.n_players):
        values = [(payoffs[s + (i,)], load[s + (i,)]) for s in states]
        for a in range(len(values)):
            pa, la = values[a]
            for b in range(a + 1, len(values)):
                pb, lb = values[b]
                if la != lb:
                    k = (pa - pb) / (la - lb)
                    if k > 0:
                        found.add(k)
    return sorted(found)


def samples(points: Sequence[Fraction]) -> list[tuple[Fraction, Fraction | None, Fraction]]:
    """(lo, hi, test point): each breakpoint (lo == hi) and the gap after it (hi None: to ∞)."""
    pts = [Fraction(0), *points]
    out: list[tuple[Fraction, Fraction | None, Fraction]] = []
    for k, p in enumerate(pts):
        nxt = pts[k + 1] if k + 1 < len(pts) else None
        out.append((p, p, p))
        out.append((p, nxt, (p + nxt) / 2 if nxt is not None else p + 1))
    return out


def scaled_values(graph: Graph, kappas: Sequence[Fraction]) -> np.ndarray:
    """V[k, s, i] = q·D·u_i(s; p/q) for κ_k = p/q: integers ordered as the costed payoffs."""
    game = graph.game
    cells = [s + (i,) for s in graph.states for i in range(game.n_players)]
    pay = [Fraction(game.payoffs[c]) for c in cells]
    load = [Fraction(game.cost_load()[c]) for c in cells]
    d = math.lcm(*(x.denominator for x in pay + load))
    pn = [int(x * d) for x in pay]
    ln = [int(x * d) for x in load]
    qs = [k.denominator for k in kappas]
    ps = [k.numerator for k in kappas]
    bound = max(qs) * max(map(abs, pn), default=0) + max(ps) * max(map(abs, ln), default=0)
    dtype = np.int64 if bound < 2**62 else object
    q = np.array(qs, dtype=dtype)[:, None]
    p = np.array(ps, dtype=dtype)[:, None]
    values = q * np.array(pn, dtype=dtype)[None, :] - p * np.array(ln, dtype=dtype)[None, :]
    return values.reshape(len(kappas), len(graph.states), game.n_players)


def _group(mat: np.ndarray, counts: np.ndarray, any_of: bool) -> np.ndarray:
    """Reduce the columns of ``mat`` in consecutive groups of ``counts`` columns: any (or all)
    of each group; an empty group gives False (or True)."""
    rows = mat.shape[0]
    pad = np.full((rows, 1), not any_of)
    full = np.concatenate([mat, pad], axis=1)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.intp)
    op = np.logical_or if any_of else np.logical_and
    out = op.reduceat(full, starts, axis=1) if len(starts) else np.zeros((rows, 0), bool)
    out[:, counts == 0] = not any_of
    return out


class PlayerIndex:
    """Player i's moves (s → t), the others' sanctions (t → s₂) and i's escapes (s₂ → s₃), as
    flat index arrays in nested order, with group sizes for the reductions."""

    def __init__(self, graph: Graph, i: int):
        pos = {s: k for k, s in enumerate(graph.states)}
        others = [j for j in range(graph.game.n_players) if j != i]
        self.i, self.others = i, others
        lists: tuple[list[int], ...] = tuple([] for _ in range(9))
        pair_s, pair_t, pair_count, tri_s, tri_t, tri_s2, tri_count, quad_s, quad_s3 = lists
        for s in graph.states:
            pair_count.append(len(graph.moves[i][s]))
            for t in graph.moves[i][s]:
                pair_s.append(pos[s])
                pair_t.append(pos[t])
                ends = list(reachable(graph, t, others))
                tri_count.append(len(ends))
                for s2 in ends:
                    tri_s.append(pos[s])
                    tri_t.append(pos[t])
                    tri_s2.append(pos[s2])
                    escapes = graph.moves[i][s2]
                    quad_s.append(len(escapes))
                    quad_s3.extend(pos[x] for x in escapes)
        self.per_state = np.array(pair_count, dtype=np.intp)
        self.pair_s, self.pair_t = np.array(pair_s, np.intp), np.array(pair_t, np.intp)
        self.per_pair = np.array(tri_count, dtype=np.intp)
        self.tri_s, self.tri_t = np.array(tri_s, np.intp), np.array(tri_t, np.intp)
        self.tri_s2 = np.array(tri_s2, np.intp)
        self.per_triple = np.array(quad_s, dtype=np.intp)
        self.quad_s = np.repeat(self.tri_s, self.per_triple)
        self.quad_s3 = np.array(quad_s3, np.intp)


def _player_flags(graph: Graph, ix: PlayerIndex, values: np.ndarray) -> dict[str, np.ndarray]:
    """flags[c][k, s]: the state is stable for player i under concept c at sample k."""
    i = ix.i
    own = values[:, :, i]
    improves = own[:, ix.pair_t] > own[:, ix.pair_s]
    worse = own[:, ix.tri_s2] <= own[:, ix.tri_s]
    no_escape = _group(own[:, ix.quad_s3] <= own[:, ix.quad_s], ix.per_triple, any_of=False)
    if len(ix.others) == 1:
        j = ix.others[0]
        credible = values[:, ix.tri_s2, j] > values[:, ix.tri_t, j]
        seq_ok = _group(worse & credible, ix.per_pair, any_of=True)
    else:
        seq_ok = _credible_sanctions(graph, ix, values)
    flags = {"nash": ~_group(improves, ix.per_state, any_of=True)}
    for concept, answered in (
        ("gmr", _group(worse, ix.per_pair, any_of=True)),
        ("smr", _group(worse & no_escape, ix.per_pair, any_of=True)),
        ("seq", seq_ok),
    ):
        flags[concept] = ~_group(improves & ~answered, ix.per_state, any_of=True)
    return flags


def _credible_sanctions(graph: Graph, ix: PlayerIndex, values: np.ndarray) -> np.ndarray:
    """ok[k, pair]: the others answer i's move by a sequence of their own unilateral
    improvements ending no better for i (three or more players: searched at each sample)."""
    states = graph.states
    out = np.zeros((values.shape[0], len(ix.pair_s)), dtype=bool)
    for k in range(values.shape[0]):
        table = {s: tuple(values[k, n]) for n, s in enumerate(states)}
        for p, (s, t) in enumerate(zip(ix.pair_s, ix.pair_t)):
            if not table[states[t]][ix.i] > table[states[s]][ix.i]:
                continue
            found = reachable(graph, states[t], ix.others, table)
            out[k, p] = any(table[s2][ix.i] <= table[states[s]][ix.i] for s2 in found)
    return out


def _merge(segments: list[tuple[Fraction, Fraction | None, Fraction]], holds: np.ndarray) -> tuple[Interval, ...]:
    """The union of the breakpoints and gaps where ``holds``, as intervals."""
    out: list[Interval] = []
    start: tuple[Fraction, bool] | None = None
    for (lo, hi, _), value in zip(segments, holds):
        is_point = hi == lo
        if value and start is None:
            start = (lo, is_point)
        elif not value and start is not None:
            out.append(Interval(start[0], start[1], lo, not is_point))
            start = None
    if start is not None:
        out.append(Interval(start[0], start[1], None, False))
    return tuple(out)


def stability_intervals(graph: Graph) -> tuple[dict[Profile, dict[str, tuple[Interval, ...]]], tuple[Fraction, ...]]:
    """For each state and concept, the exact set of κ ≥ 0 where the state is stable for every
    player (an equilibrium of the concept); and the breakpoints tested."""
    points = breakpoints(graph)
    segments = samples(points)
    n_states = len(graph.states)
    stable = {c: np.ones((len(segments), n_states), dtype=bool) for c in CONCEPTS}
    indices = [PlayerIndex(graph, i) for i in range(graph.game.n_players)]
    for lo in range(0, len(segments), BLOCK):
        block = segments[lo : lo + BLOCK]
        values = scaled_values(graph, [x for _, _, x in block])
        for ix in indices:
            for concept, flags in _player_flags(graph, ix, values).items():
                stable[concept][lo : lo + len(block)] &= flags
    intervals = {s: {c: _merge(segments, stable[c][:, n]) for c in CONCEPTS} for n, s in enumerate(graph.states)}
    return intervals, tuple(points)
