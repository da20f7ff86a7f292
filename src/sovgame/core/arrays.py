"""Games built in Python from payoff arrays: :meth:`sovgame.Game.from_arrays` and
:meth:`sovgame.Game.from_payoffs`.

nashpy's ``Game(A, B)`` is the habit users bring; here the same arrays come with the names,
the compromise strategies and the costs a game file states. Every number is read exactly
(a float as the decimal it prints as: ``0.1`` is one tenth) within sovgame's number limits,
and every problem is a :class:`~sovgame.errors.ParameterError` naming the parameter.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ParameterError
from .numbers import to_fraction
from .parts import INCIDENCES, Cost, Incidence, Player


def exact(value: Any, parameter: str) -> Fraction:
    """``value`` as an exact fraction, or a :class:`ParameterError` naming ``parameter``."""
    try:
        return to_fraction(value.item() if isinstance(value, np.generic) else value)
    except ValueError as exc:
        raise ParameterError(parameter, str(exc)) from None


def payoffs_from_arrays(arrays: Sequence[Any]) -> np.ndarray:
    """One array per player, each of shape (m1, ..., mn) with n the number of arrays, stacked
    into the model's exact payoff array of shape (m1, ..., mn, n)."""
    if len(arrays) < 2:
        raise ParameterError("arrays", "give one payoff array per player, two or more (A for the row player, B ...)")
    shaped = [np.asarray(a, dtype=object) for a in arrays]
    shape = shaped[0].shape
    if len(shape) != len(shaped) or any(a.shape != shape for a in shaped):
        raise ParameterError(
            "arrays",
            f"{len(shaped)} players need {len(shaped)} arrays of {len(shaped)} dimensions each, all of one shape; "
            f"got shapes {', '.join(str(a.shape) for a in shaped)}",
        )
    return checked_payoffs(np.stack(shaped, axis=-1), "arrays")


def checked_payoffs(payoffs: Any, parameter: str = "payoffs") -> np.ndarray:
    """An array of shape (m1, ..., mn, n) as exact fractions; each player at least one strategy."""
    array = np.asarray(payoffs, dtype=object)
    if array.ndim < 3 or array.shape[-1] != array.ndim - 1 or 0 in array.shape:
        raise ParameterError(parameter, f"expected shape (m1, ..., mn, n) with n ≥ 2 players, not {array.shape}")
    out = np.empty(array.shape, dtype=object)
    for index in itertools.product(*(range(k) for k in array.shape)):
        out[index] = exact(array[index], f"{parameter}{list(index)}")
    return out


def make_players(
    shape: tuple[int, ...],
    players: Sequence[str] | None,
    strategies: Sequence[Sequence[str]] | None,
    compromise: Mapping[str, str] | Sequence[str | None] | None,
) -> tuple[Player, ...]:
    """Players with names (default ``Row``, ``Column``, ``Player 3``, ...), strategy names
    (default ``r1..``, ``c1..``, ``s1..``) and compromise strategies, checked."""
    n = len(shape)
    default = ["Row", "Column"] + [f"Player {i + 1}" for i in range(2, n)]
    names = list(players) if players is not None else default
    if len(names) != n or len(set(names)) != n or not all(isinstance(x, str) and x for x in names):
        raise ParameterError("players", f"give {n} distinct names, one per player, not {names!r}")
    prefixes = ["r", "c"] + ["s"] * (n - 2)
    moves = [list(s) for s in strategies] if strategies is not None else None
    if moves is None:
        moves = [[f"{prefixes[i]}{k + 1}" for k in range(m)] for i, m in enumerate(shape)]
    if len(moves) != n:
        raise ParameterError("strategies", f"give one list of strategy names per player ({n}), not {len(moves)}")
    for name, own, m in zip(names, moves, shape):
        if len(own) != m or len(set(own)) != m or not all(isinstance(x, str) and x and "|" not in x for x in own):
            raise ParameterError(
                "strategies", f"{name} has {m} strategies: give {m} distinct names without '|', not {own!r}"
            )
    chosen = _compromises(names, moves, compromise)
    return tuple(Player(name, tuple(own), c) for name, own, c in zip(names, moves, chosen))


def _compromises(
    names: list[str], moves: list[list[str]], compromise: Mapping[str, str] | Sequence[str | None] | None
) -> list[str | None]:
    if compromise is None:
        return [None] * len(names)
    if isinstance(compromise, Mapping):
        unknown = [k for k in compromise if k not in names]
        if unknown:
            raise ParameterError("compromise", f"no player named {unknown[0]!r} (players: {', '.join(names)})")
        chosen = [compromise.get(name) for name in names]
    else:
        chosen = list(compromise)
        if len(chosen) != len(names):
            raise ParameterError("compromise", f"give one strategy per player ({len(names)}), or a dict by player")
    for name, own, c in zip(names, moves, chosen):
        if c is not None and c not in own:
            raise ParameterError("compromise", f"{c!r} is not a strategy of {name} (one of: {', '.join(own)})")
    return chosen


def make_costs(costs: Sequence[Any] | None, players: tuple[Player, ...]) -> tuple[Cost, ...]:
    """Costs given as :class:`Cost` objects or as dicts with a game file's keys (``name``,
    ``incidence``, ``weights``, optional ``between`` and, for ``custom``, ``exposure``)."""
    built: list[Cost] = []
    for k, cost in enumerate(costs or ()):
        built.append(cost if isinstance(cost, Cost) else _cost_from_mapping(cost, k, players))
    names = [c.name for c in built]
    if len(set(names)) != len(names):
        raise ParameterError("costs", f"cost names must differ: {names}")
    for c in built:
        if len(c.weights) != len(players):
            raise ParameterError("costs", f"{c.name}: give one weight per player ({len(players)})")
    return tuple(built)


def _cost_from_mapping(cost: Any, k: int, players: tuple[Player, ...]) -> Cost:
    where = f"costs[{k}]"
    if not isinstance(cost, Mapping):
        raise ParameterError("costs", f"{where}: a Cost or a dict with name, incidence and weights, not {cost!r}")
    unknown = set(cost) - {"name", "incidence", "weights", "between", "exposure", "source", "weights_range"}
    if unknown or not {"name", "incidence", "weights"} <= set(cost):
        raise ParameterError(
            "costs", f"{where}: keys are name, incidence, weights, between, exposure, source, weights_range"
        )
    if cost["incidence"] not in INCIDENCES:
        raise ParameterError("costs", f"{where}.incidence: one of {', '.join(INCIDENCES)}, not {cost['incidence']!r}")
    weights = tuple(exact(w, f"{where}.weights") for w in cost["weights"])
    if any(w < 0 for w in weights):
        raise ParameterError("costs", f"{where}.weights: weights are ≥ 0 (a cost is a loss)")
    names = [p.name for p in players]
    between = cost.get("between", names)
    if any(b not in names for b in between):
        raise ParameterError("costs", f"{where}.between: players are {', '.join(names)}")
    exposure = None
    if cost["incidence"] == "custom":
        exposure = {}
        for key, row in (cost.get("exposure") or {}).items():
            profile = _outcome(key, players, f"{where}.exposure")
            exposure[profile] = tuple(exact(v, f"{where}.exposure") for v in row)
    return Cost(
        name=str(cost["name"]),
        incidence=Incidence(cost["incidence"]),
        weights=weights,
        between=tuple(names.index(b) for b in between),
        exposure=exposure,
        source=cost.get("source"),
        weights_range=_weights_range(cost.get("weights_range"), weights, where),
    )


def _weights_range(
    value: Any, weights: tuple[Fraction, ...], where: str
) -> tuple[tuple[Fraction, Fraction], ...] | None:
    """``weights_range``: one ``[lo, hi]`` per player with 0 ≤ lo ≤ weight ≤ hi (how uncertain
    each weight is; ``robust`` draws from it); None when not given."""
    if value is None:
        return None
    spans = list(value) if isinstance(value, Sequence) and not isinstance(value, str) else []
    if len(spans) != len(weights):
        raise ParameterError("costs", f"{where}.weights_range: give one [lo, hi] per player, not {value!r}")
    out = []
    for i, (span, weight) in enumerate(zip(spans, weights)):
        lo, hi = plausible_range(span, "costs") or (weight, weight)
        if not lo <= weight <= hi:
            raise ParameterError(
                "costs", f"{where}.weights_range[{i}]: [{lo}, {hi}] does not contain the weight {weight}"
            )
        out.append((lo, hi))
    return tuple(out)


def _outcome(key: str, players: tuple[Player, ...], where: str) -> tuple[int, ...]:
    parts = [part.strip() for part in str(key).split("|")]
    if len(parts) != len(players) or any(s not in p.strategies for s, p in zip(parts, players)):
        raise ParameterError("costs", f'{where}: {key!r} is no outcome ("s1|s2", one strategy per player)')
    return tuple(p.strategies.index(s) for s, p in zip(parts, players))


def plausible_range(
    value: Sequence[Any] | None, parameter: str = "plausible_kappa"
) -> tuple[Fraction, Fraction] | None:
    """``[lo, hi]`` with 0 ≤ lo ≤ hi, exact; None stays None. A problem is a
    :class:`ParameterError` naming ``parameter``."""
    if value is None:
        return None
    try:
        items = [] if isinstance(value, (str, bytes)) else list(value)
    except TypeError:
        items = []
    if len(items) != 2:
        raise ParameterError(parameter, f"give [lo, hi], not {value!r}")
    lo, hi = (exact(v, parameter) for v in items)
    if not 0 <= lo <= hi:
        raise ParameterError(parameter, f"need 0 ≤ lo ≤ hi, not [{lo}, {hi}]")
    return lo, hi
