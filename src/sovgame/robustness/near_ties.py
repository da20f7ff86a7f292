"""The ``nash`` and ``dominant`` verdicts of draws near a tie, decided exactly.

:func:`~sovgame.robustness.kappa_sets.linear_sets` reads each draw's set of κ from float
ratios, and :meth:`~sovgame.robustness.kappa_sets.KappaSets.verdicts` compares its ends with
κ = 1, the top of the plausible range and each other. Every drawn number is a float, hence
an exact binary rational, so every draw has an exact verdict; floats only propose it. This
module bounds the rounding error of each float decision a priori and re-decides, in
fractions, the draws whose float margin lies within that bound of 0 (rare: near-ties of
continuous draws, and exact ties such as a threshold of exactly 1).

The bound (standard model of float arithmetic: fl(x ∘ y) = (x ∘ y)(1 + δ), |δ| ≤ u = 2^-53,
no overflow or underflow). A comparison's a = fl(U_to − U_at) = a*(1 + δ₁), likewise
b = b*(1 + δ₂), and its ratio r = fl(a / b) = ρ(1 + δ₁)(1 + δ₃)/(1 + δ₂) with ρ = a*/b* the
exact one; so |r − ρ| ≤ γ₃|ρ| (γ₃ = 3u/(1 − 3u)) ≤ 4u|r|. Signs are exact: fl(x − y) has the
sign of x − y, and r that of ρ. The set's ends are a max (lo) or min (hi) of ratios, which
adds no rounding. Deciding lo against a number t ≥ 0 (κ = 1, exact; the top, a float within
u|t| of the exact top):

* if lo − t > 4u|lo| + u|t| then the ratio r_k = lo has ρ_k ≥ lo − 4u|lo| > t*: exactly above;
* if t − lo > 4u|lo| + u|t| then every positive r_i ≤ lo has ρ_i ≤ r_i(1 + 4u) < t*, and
  negative ratios stay negative: exactly below;

likewise for hi, and for lo against hi (each off by 4u of itself). So every decision is
safe where |x − y| > :data:`RELATIVE_BOUND` · max(|x|, |y|) (8u covers 4u|x| + 4u|y|);
a draw with any decision within that margin, an exact float tie included, is re-decided
from the fractions of its drawn numbers (``Fraction(float)`` is exact) by the rule of
:func:`sovgame.costs.verdicts.verdict_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.intervals import Interval
from ..costs.verdicts import verdict_for
from .kappa_sets import KappaSets
from .plan import Comparisons, SamplingPlan, VerdictCode

#: u = 2^-53, the unit roundoff of float64.
UNIT_ROUNDOFF = 2.0**-53

#: A float decision between x and y is certain where |x − y| exceeds this times max(|x|, |y|)
#: (module docstring: 4u of each side's ratio, plus u of the top's rounding).
RELATIVE_BOUND = 8 * UNIT_ROUNDOFF


def close(x: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """Where x and y (finite) are within the rounding bound of each other, ties included."""
    with np.errstate(invalid="ignore"):  # inf − inf: never close (both ends unbounded)
        return np.abs(x - y) <= RELATIVE_BOUND * np.maximum(np.abs(x), np.abs(y))


def uncertain(sets: KappaSets, top: float) -> np.ndarray:
    """The draws whose float set may decide its verdict, or whether it holds ``top``, wrongly:
    an end within the rounding bound of κ = 1, of the top or of the other end. Ends at
    infinity are exact (no upper bound), and so is an empty set found by a b = 0 column."""
    finite_hi = np.isfinite(sets.hi)
    near = close(sets.lo, 1.0) | close(sets.lo, top)
    near |= finite_hi & (close(sets.hi, 1.0) | close(sets.hi, top) | close(sets.lo, sets.hi))
    # A float set empty with ordered ends was emptied by a b = 0 column, exactly.
    return near & (sets.nonempty | (sets.lo >= sets.hi))


@dataclass
class NearTies:
    """Verdict codes with every uncertain draw decided exactly, whether each draw's set holds
    the top, and how many draws were decided exactly."""

    verdicts: np.ndarray
    holds_top: np.ndarray
    decided_exactly: int


def settle(
    plan: SamplingPlan, sets: KappaSets, comparisons: Comparisons, U: np.ndarray, W: np.ndarray, strict: bool
) -> NearTies:
    """The verdicts of ``sets`` (from ``comparisons`` of the draws U, W), with the draws
    :func:`uncertain` flags re-decided exactly; their ends in ``sets`` are replaced by the
    exact ones rounded (so the thresholds read from ``sets`` agree with the verdicts)."""
    verdicts = sets.verdicts(plan.plausible)
    holds_top = sets.contains(plan.top)
    flagged = np.flatnonzero(uncertain(sets, plan.top))
    if not len(flagged):
        return NearTies(verdicts, holds_top, 0)
    # Decided once per distinct draw: a game without noise gives identical draws.
    draws = np.concatenate([U[flagged].reshape(len(flagged), -1), W[flagged].reshape(len(flagged), -1)], axis=1)
    _, first, inverse = np.unique(draws, axis=0, return_index=True, return_inverse=True)
    plausible = (plan.case.plausible[0], plan.top_exact)
    decided = []
    for j in flagged[first]:
        interval = exact_set(comparisons, *plan.exact_draw(U[j], W[j]), strict)
        code = VerdictCode.of(verdict_for([] if interval is None else [interval], plausible))
        if interval is None:
            decided.append((False, 0.0, True, np.inf, True, code, False))
            continue
        assert isinstance(interval.lo, Fraction)  # exact_set's ends are fractions
        hi = np.inf if interval.hi is None else float(interval.hi)
        lo = _threshold(interval.lo, plan)
        at_top = interval.contains(plan.top_exact)
        decided.append((True, lo, interval.lo_closed, hi, interval.hi_closed, code, at_top))
    columns = [np.array(column)[inverse.reshape(-1)] for column in zip(*decided)]
    for array, column in zip((sets.nonempty, sets.lo, sets.lo_closed, sets.hi, sets.hi_closed), columns):
        array[flagged] = column
    verdicts[flagged], holds_top[flagged] = columns[5], columns[6]
    return NearTies(verdicts, holds_top, len(flagged))


def _threshold(lo: Fraction, plan: SamplingPlan) -> float:
    """The exact lower end as a float that compares with the float top as it does with the
    exact top (summaries count thresholds ≤ top in floats): rounded to nearest, which keeps
    ≤ (rounding is monotone), but one float up where an end above the top rounds onto it."""
    value = float(lo)
    if value == plan.top and lo > plan.top_exact:
        return float(np.nextafter(value, np.inf))
    return value


def exact_set(comparisons: Comparisons, U: np.ndarray, W: np.ndarray, strict: bool) -> Interval | None:
    """Where a − κ·b ≤ 0 (< 0 if strict) for every comparison of one draw (U, W: its
    (profiles, players) arrays in fractions, :meth:`SamplingPlan.exact_draw`), over κ ≥ 0;
    None if empty.
    The rule of :func:`~sovgame.robustness.kappa_sets.linear_sets`: b > 0 bounds below by
    a/b, b < 0 above, b = 0 holds everywhere or nowhere."""
    lower: Fraction | None = None
    upper: Fraction | None = None
    for player, at, to in zip(*(x.tolist() for x in comparisons.fields())):
        a = Fraction(U[to, player]) - Fraction(U[at, player])
        b = Fraction(W[to, player]) - Fraction(W[at, player])
        if b == 0:
            if a > 0 or (strict and a == 0):
                return None
        elif b > 0:
            lower = a / b if lower is None else max(lower, a / b)
        else:
            upper = a / b if upper is None else min(upper, a / b)
    lo = max(lower, Fraction(0)) if lower is not None else Fraction(0)
    if strict:
        if upper is not None and not lo < upper:
            return None
        return Interval(lo, lower is None or lower < 0, upper, False)
    if upper is not None and not lo <= upper:
        return None
    return Interval(lo, True, upper, upper is not None)
