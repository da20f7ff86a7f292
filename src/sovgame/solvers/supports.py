"""The conditions for a Nash equilibrium on one support profile, as integer polynomials.

A profile of supports T = (T_1, ..., T_n) fixes which strategies each player uses. Player i's
probabilities on T_i are variables x_{i,s} for every s ∈ T_i but the last, whose probability
is 1 − Σ x_{i,s}; a player with one strategy in its support has none. Writing U_i(s) for
player i's expected payoff from its pure strategy s against the others' mixes (a polynomial,
multilinear across the other players), an equilibrium with support exactly T is a zero of

- the **indifference equations** U_i(s) − U_i(r_i) = 0 for s ∈ T_i, r_i the last of T_i,

that meets

- the **positivity conditions** x > 0 for every probability of the support, and
- the **best-reply conditions** U_i(r_i) − U_i(t) ≥ 0 for every t outside T_i.

Each player's payoffs are scaled to integers first (by the lcm of their denominators, a
positive factor that changes no best reply), so every polynomial has integer coefficients.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import flint
import numpy as np

from .polysystems import Value, ring

Support = tuple[tuple[int, ...], ...]
Profile = tuple[tuple[Value, ...], ...]


def integer_payoffs(payoffs: np.ndarray, loads: np.ndarray | None = None) -> list[np.ndarray]:
    """Each player's payoffs as Python ints, scaled by the lcm of their denominators (and of
    its cost loads', when given: then [payoffs..., loads...], each player's pair scaled alike)."""
    n = payoffs.shape[-1]
    out: list[np.ndarray] = []
    scales = []
    for i in range(n):
        values = list(payoffs[..., i].flat) + (list(loads[..., i].flat) if loads is not None else [])
        scales.append(math.lcm(*(Fraction(v).denominator for v in values)))
    for array in (payoffs,) if loads is None else (payoffs, loads):
        for i in range(n):
            scale = scales[i]
            out.append(np.vectorize(lambda v, s=scale: int(Fraction(v) * s), otypes=[object])(array[..., i]))
    return out


def supports_of(size: int) -> list[tuple[int, ...]]:
    """Every nonempty subset of range(size), smallest first."""
    return [c for k in range(1, size + 1) for c in itertools.combinations(range(size), k)]


def support_profiles(shape: Sequence[int]) -> Iterator[Support]:
    """Every profile of supports, in the order of the players' subsets (smallest first)."""
    return itertools.product(*(supports_of(k) for k in shape))


def dominated_in(payoffs: list[np.ndarray], support: Support) -> bool:
    """Whether some strategy of some support can be no best reply to the others' mixes with
    these supports: another strategy pays at least as much against every profile of the
    others' supports and more against one (the others give each such profile a positive
    probability, so it pays strictly more against their mix)."""
    for i, own in enumerate(support):
        if len(own) == 1 and all(len(s) == 1 for j, s in enumerate(support) if j != i):
            continue  # a pure profile: the best-reply conditions decide it at once
        block = payoffs[i][np.ix_(*[range(payoffs[i].shape[i]) if j == i else s for j, s in enumerate(support)])]
        rows = np.moveaxis(block, i, 0).reshape(block.shape[i], -1)
        for s in own:
            for t in range(rows.shape[0]):
                better, worse = rows[t], rows[s]
                if t != s and all(a >= b for a, b in zip(better, worse)) and any(a > b for a, b in zip(better, worse)):
                    return True
    return False


@dataclass
class SupportSystem:
    """The polynomials of one support profile (module docstring)."""

    shape: tuple[int, ...]
    support: Support
    owners: list[tuple[int, int]]  # (player, strategy) of each variable
    ctx: flint.fmpz_mpoly_ctx
    equations: list[flint.fmpz_mpoly] = field(default_factory=list)
    positive: list[flint.fmpz_mpoly] = field(default_factory=list)
    replies: list[flint.fmpz_mpoly] = field(default_factory=list)

    @property
    def nvars(self) -> int:
        """The number of variables."""
        return len(self.owners)

    def profile(self, values: Sequence[Value]) -> Profile:  # values of the owners' variables
        """The mixed strategies at these values of the variables (zeros off the support)."""
        out = []
        at = 0
        for i, size in enumerate(self.shape):
            probs: list[Value] = [Fraction(0)] * size
            own = self.support[i]
            rest: Value = Fraction(1)
            for s in own[:-1]:
                probs[s] = values[at]
                rest = rest - values[at]
                at += 1
            probs[own[-1]] = rest
            out.append(tuple(probs))
        return tuple(out)

    def values(self, profile: Profile) -> tuple[Value, ...] | None:
        """The variables of a profile whose supports lie within this one (None otherwise)."""
        for probs, own in zip(profile, self.support):
            if any(p != 0 for s, p in enumerate(probs) if s not in own):
                return None
        return tuple(profile[i][s] for i, s in self.owners)


def probabilities(support: Support, ctx: flint.fmpz_mpoly_ctx) -> list[dict[int, flint.fmpz_mpoly]]:
    """Each player's probability of each strategy of its support, as polynomials in the
    variables of ``ctx`` (in the order of :attr:`SupportSystem.owners`): the last of a
    support is 1 minus the others."""
    gens = ctx.gens()
    one = ctx.from_dict({(0,) * ctx.nvars(): 1})
    out: list[dict[int, flint.fmpz_mpoly]] = []
    at = 0
    for own in support:
        probs = {}
        rest = one
        for s in own[:-1]:
            probs[s] = gens[at]
            rest = rest - gens[at]
            at += 1
        probs[own[-1]] = rest
        out.append(probs)
    return out


def build_system(payoffs: list[np.ndarray], support: Support, loads: list[np.ndarray] | None = None) -> SupportSystem:
    """The indifference, positivity and best-reply polynomials of ``support``. With ``loads``
    the payoffs are U − κ·W (κ the cost level) and κ is one more variable, the last."""
    shape = tuple(payoffs[0].shape)
    owners = [(i, s) for i, own in enumerate(support) for s in own[:-1]]
    ctx = ring(len(owners) + (loads is not None))
    probability = probabilities(support, ctx)
    system = SupportSystem(shape, support, owners, ctx)
    for i, own in enumerate(support):
        entries = payoffs[i] if loads is None else _minus_kappa(payoffs[i], loads[i], ctx)
        values = _pure_strategy_values(entries, support, probability, i, ctx)
        reference = values[own[-1]]
        system.equations += [values[s] - reference for s in own[:-1]]
        system.replies += [reference - values[t] for t in range(shape[i]) if t not in own]
        system.positive += list(probability[i].values()) if len(own) > 1 else []
    return system


def _minus_kappa(values: np.ndarray, loads: np.ndarray, ctx) -> np.ndarray:
    """U − κ·W entrywise, as polynomials (κ the last variable of ``ctx``)."""
    kappa = ctx.gens()[-1]
    out = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        out[index] = ctx.from_dict({(0,) * ctx.nvars(): int(values[index])}) - kappa * int(loads[index])
    return out


def _pure_strategy_values(own_payoffs: np.ndarray, support: Support, probability, i: int, ctx) -> list:
    """U_i(s) for every pure strategy s of player i, as polynomials in the others' variables."""
    others = [j for j in range(len(support)) if j != i]
    weights = []
    for combo in itertools.product(*(support[j] for j in others)):
        weight = ctx.from_dict({(0,) * ctx.nvars(): 1})
        for j, s in zip(others, combo):
            weight = weight * probability[j][s]
        weights.append((combo, weight))
    values = []
    for s in range(own_payoffs.shape[i]):
        total = ctx.from_dict({})
        for combo, weight in weights:
            index = list(combo)
            index.insert(i, s)
            coefficient = own_payoffs[tuple(index)]
            if isinstance(coefficient, int):
                if coefficient:
                    total = total + weight * coefficient
            elif not coefficient.is_zero():
                total = total + weight * coefficient
        values.append(total)
    return values


def evaluate(poly: flint.fmpz_mpoly, values: Sequence[Value]) -> Value:
    """poly at the point ``values`` (Fractions or elements of one number field), exactly."""
    total: Value = Fraction(0)
    for mono, coefficient in zip(poly.monoms(), poly.coeffs()):
        term: Value = Fraction(int(coefficient))
        for x, e in zip(values, mono):
            for _ in range(int(e)):
                term = term * x
        total = total + term
    return total
