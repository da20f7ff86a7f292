"""Mixed equilibria of games with three or more players through Gambit (optional).

Gambit (``pip install "sovgame[gambit]"``, GPL-2+) is never needed on the default path: without
it, games of three or more players get their pure equilibria only, and results say so.
Whatever Gambit returns is re-checked in fractions before it is reported.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .verify import is_nash


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
    arrays = [
        np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator), otypes=[object])(payoffs[..., i])
        for i in range(n)
    ]
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
