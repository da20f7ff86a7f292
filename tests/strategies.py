"""Hypothesis strategies for games, shared by the property tests (tested in test_strategies.py).

- :func:`payoff_arrays`: exact payoffs of an n-player game, as the solver takes them;
- :func:`dilemmas`: symmetric 2x2 games of a textbook type from R, S, T, P (docs/models.md:
  Prisoner's Dilemma T > R > P > S, Stag Hunt R > T ≥ P > S, Chicken T > R > S > P,
  Deadlock T > P > R > S), compromise first;
- :func:`costed_2x2` and :func:`costed_bimatrix`: games with costs, as game files are read.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from sovgame import parse_game
from sovgame.core.case import Case

INCIDENCES = ("any_conflict", "own_confront", "mutual_confront")
#: The orderings that define each textbook 2x2 type, as predicates on (R, S, T, P).
DILEMMA_TYPES = {
    "prisoners_dilemma": lambda R, S, T, P: T > R > P > S,
    "stag_hunt": lambda R, S, T, P: R > T >= P > S,
    "chicken": lambda R, S, T, P: T > R > S > P,
    "deadlock": lambda R, S, T, P: T > P > R > S,
}


@st.composite
def payoff_arrays(draw, shape: tuple[int, ...], low: int = -3, high: int = 3) -> np.ndarray:
    """An object array of integer Fractions of shape ``(*shape, n_players)``."""
    n = len(shape)
    values = draw(st.lists(st.integers(low, high), min_size=int(np.prod(shape)) * n, max_size=int(np.prod(shape)) * n))
    payoffs = np.empty(shape + (n,), dtype=object)
    payoffs.reshape(-1)[:] = [Fraction(v) for v in values]
    return payoffs


@st.composite
def rstp(draw, kind: str, low: int = 0, high: int = 9) -> tuple[int, int, int, int]:
    """(R, S, T, P) with the ordering of ``kind`` (a key of :data:`DILEMMA_TYPES`)."""
    four = sorted(draw(st.lists(st.integers(low, high), min_size=4, max_size=4, unique=True)), reverse=True)
    if kind == "prisoners_dilemma":  # T > R > P > S
        T, R, P, S = four
    elif kind == "stag_hunt":  # R > T ≥ P > S: allow T = P
        R, T, P, S = four
        if draw(st.booleans()):
            P = T
    elif kind == "chicken":  # T > R > S > P
        T, R, S, P = four
    elif kind == "deadlock":  # T > P > R > S
        T, P, R, S = four
    else:
        raise ValueError(kind)
    return R, S, T, P


def two_by_two(cells, incidence: str, weights=(1, 1), plausible=(0, 2), extra: str = "") -> Case:
    """A 2x2 game with strategies C (compromise) and D; ``cells`` = payoff pairs at
    (C,C), (C,D), (D,C), (D,D); one cost of the given incidence; ``extra`` is TOML appended
    to the file (e.g. [[claims]])."""
    return parse_game(two_by_two_text(cells, incidence, weights, plausible) + extra)


def two_by_two_text(cells, incidence: str, weights=(1, 1), plausible=(0, 2)) -> str:
    """The game file of :func:`two_by_two`, as text."""
    payoffs = "\n".join(f'"{key}" = [{a}, {b}]' for key, (a, b) in zip(("C|C", "C|D", "D|C", "D|D"), cells))
    text = f"""
[game]
title = "two by two"
[[players]]
name = "Row"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "Column"
strategies = ["C", "D"]
compromise = "C"
[payoffs]
{payoffs}
[[costs]]
name = "conflict"
incidence = "{incidence}"
weights = [{weights[0]}, {weights[1]}]
[analysis]
plausible_kappa = [{plausible[0]}, {plausible[1]}]
"""
    return text


def symmetric(R, S, T, P, incidence: str, weights=(1, 1)) -> Case:
    """The symmetric 2x2 game of R, S, T, P with one cost."""
    return two_by_two([(R, R), (S, T), (T, S), (P, P)], incidence, weights)


@st.composite
def dilemmas(draw, kinds=tuple(DILEMMA_TYPES)) -> tuple[str, tuple[int, int, int, int], Case]:
    """(kind, (R, S, T, P), game): a symmetric textbook dilemma with one cost."""
    kind = draw(st.sampled_from(kinds))
    values = draw(rstp(kind))
    weights = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    return kind, values, symmetric(*values, draw(st.sampled_from(INCIDENCES)), weights)


@st.composite
def costed_2x2(draw, low: int = -4, high: int = 4) -> Case:
    """Any 2x2 game with small integer payoffs and one cost of a random incidence."""
    values = [draw(st.integers(low, high)) for _ in range(8)]
    weights = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    return two_by_two(list(zip(values[::2], values[1::2])), draw(st.sampled_from(INCIDENCES)), weights)


@st.composite
def costed_bimatrix(draw, m: int, n: int, low: int = -4, high: int = 4, max_load: int = 2) -> Case:
    """An m x n game whose costs are one custom exposure table of small integers."""
    U = [[(draw(st.integers(low, high)), draw(st.integers(low, high))) for _ in range(n)] for _ in range(m)]
    W = [[(draw(st.integers(0, max_load)), draw(st.integers(0, max_load))) for _ in range(n)] for _ in range(m)]
    rows = ", ".join(f'"a{i}"' for i in range(m))
    cols = ", ".join(f'"b{j}"' for j in range(n))
    lines = [
        '[game]\ntitle = "r"',
        f'[[players]]\nname = "A"\nstrategies = [{rows}]',
        f'[[players]]\nname = "B"\nstrategies = [{cols}]',
        "[payoffs]",
    ]
    lines += [f'"a{i}|b{j}" = [{U[i][j][0]}, {U[i][j][1]}]' for i in range(m) for j in range(n)]
    exposure = ", ".join(f'"a{i}|b{j}" = [{W[i][j][0]}, {W[i][j][1]}]' for i in range(m) for j in range(n))
    lines += ["[[costs]]", 'name = "c"', 'incidence = "custom"', "weights = [1, 1]", f"exposure = {{ {exposure} }}"]
    return parse_game("\n".join(lines))


@st.composite
def near_degenerate_bimatrix(
    draw, max_m: int = 6, max_n: int = 7, exponents: tuple[int, int] = (3, 15)
) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """(A, B): a bimatrix game of 2x2 to ``max_m`` x ``max_n`` whose payoffs are small integers
    (0..2 or −2..2, so that ties abound) plus, in some cells, an exact perturbation k/10^e
    (|k| ≤ 9, one e per game between ``exponents``): the games are degenerate or nearly so,
    where a float stage with a fixed tolerance merges or drops vertices."""
    m, n = draw(st.integers(2, max_m)), draw(st.integers(2, max_n))
    e = draw(st.integers(*exponents))
    low = draw(st.sampled_from([0, -2]))

    def cell() -> Fraction:
        base = Fraction(draw(st.integers(low, 2)))
        return base + Fraction(draw(st.integers(-9, 9)), 10**e) if draw(st.booleans()) else base

    return [[cell() for _ in range(n)] for _ in range(m)], [[cell() for _ in range(n)] for _ in range(m)]
