"""How much work the support enumeration of a game of three or more players takes, from its
shape alone (:func:`sovgame.core.budget.solve_work` counts it before solving)."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Sequence

__all__ = ["bezout_number", "enumeration_units"]


#: Past this many unknowns in one support's system the estimate stops counting (it is refused).
_MOST_UNKNOWNS = 14


def bezout_number(unknowns: Sequence[int]) -> int:
    """The most isolated solutions the indifference equations of a support profile can have,
    k_i = |T_i| − 1 unknowns per player: the multihomogeneous Bézout number, the coefficient of
    Π z_i^(k_i) in Π_i (Σ_{j≠i} z_j)^(k_i) (McKelvey & McLennan 1997, *J. Econ. Theory*
    72:411–425): player i's k_i equations have degree one in each other player's unknowns."""
    n = len(unknowns)

    @functools.cache
    def count(i: int, room: tuple[int, ...]) -> int:
        if i == n:
            return int(not any(room))
        total = 0
        others = [j for j in range(n) if j != i and room[j]]
        for split in _compositions(unknowns[i], [room[j] for j in others]):
            rest = list(room)
            weight = math.factorial(unknowns[i])
            for j, a in zip(others, split):
                rest[j] -= a
                weight //= math.factorial(a)
            total += weight * count(i + 1, tuple(rest))
        return total

    return count(0, tuple(unknowns))


def _compositions(total: int, caps: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every way to write total as a sum of len(caps) parts, part j at most caps[j]."""
    if not caps:
        if total == 0:
            yield ()
        return
    for first in range(min(total, caps[0]) + 1):
        for rest in _compositions(total - first, caps[1:]):
            yield (first, *rest)


def enumeration_units(shape: Sequence[int]) -> tuple[int, str]:
    """Units of work (about a microsecond each) and what drives them: per support profile with
    k unknowns and Bézout number B (:func:`bezout_number`), 250·B·4^k units for the Gröbner
    basis and the exact roots plus 300 for setting it up. The slowest supports of random
    2x2x2 to 3x3x3 and 2x2x2x2x2 games took 20 to 70 µs per B·4^k on an idle core
    (``benchmarks/bench_nplayer.py``); the factor leaves room for a busy machine, so a 3x3x3
    game (about 2 s idle) needs a raised limit. Support profiles are counted by their sizes:
    Π_i C(m_i, s_i) of them have sizes s."""
    supports = math.prod(2**k - 1 for k in shape)
    unknowns = sum(k - 1 for k in shape)
    because = f"{supports:,} support profiles, the largest a system of {unknowns} polynomial equations"
    if unknowns > _MOST_UNKNOWNS or math.prod(shape) > 10_000:
        return 10**15, because
    units = 0
    for sizes in itertools.product(*(range(1, k + 1) for k in shape)):
        k = sum(s - 1 for s in sizes)
        count = math.prod(math.comb(m, s) for m, s in zip(shape, sizes))
        units += count * (300 + (250 * bezout_number([s - 1 for s in sizes]) * 4**k if k else 0))
    largest = bezout_number([k - 1 for k in shape])
    return units, f"{because} with up to {largest:,} isolated solutions"
