"""The spoiler's and bargaining's conclusions over draws of their declared ranges.

Every number of ``[spoiler]`` and ``[bargaining]`` that declares a ``_range`` [lo, hi] is drawn
uniformly and independently from it, on the exact grid lo + (hi − lo)·k/GRID, k = 0..GRID
(the numbers without a range stay as stated), and each conclusion is decided exactly for each
draw:

- spoiler, at the cost level where compromise holds at the prior (κ = 1 if it does, else the
  top of the plausible range; the beliefs [l, h] at which it holds do not depend on the
  spoiler's numbers): one attack ends compromise (the belief after it leaves [l, h]); the
  spoiler attacks (it ends compromise and V_D − V_C > k);
- bargaining: no middle ground (no feasible division in [p − c_A, p + c_B]); a commitment
  problem (Powell's condition, :func:`sovgame.play.bargaining.powell`).

The share of draws is reported with its Wilson interval; it answers "how much of what the
record allows bears the conclusion out", as ``robust`` does for the thresholds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.case import Case
from ..play.bargaining import fearon_range, powell
from ..play.spoiler import analyze_spoiler, belief_after
from ..sections.bargaining import BargainingSection
from ..sections.ranged import Ranged
from ..sections.spoiler import Spoiler
from .summary import wilson_interval

Values = dict[str, Fraction]
#: The draws of a range lie on GRID + 1 evenly spaced exact points, ends included.
GRID = 2**16


@dataclass(frozen=True)
class ConclusionShare:
    """One conclusion: whether it holds with the file's numbers, and the share of draws (with
    its 95% Wilson interval) in which it does."""

    model: str
    conclusion: str
    at_file: bool
    hits: int
    samples: int
    interval: tuple[float, float]

    @property
    def share(self) -> float:
        """The share of draws in which the conclusion holds."""
        return self.hits / self.samples


@dataclass(frozen=True)
class ModelDraws:
    """The conclusions of the file's spoiler and bargaining sections over ``samples`` draws
    (seeded by ``seed``) of the numbers named in ``drawn``."""

    samples: int
    seed: int
    drawn: tuple[str, ...]
    shares: tuple[ConclusionShare, ...]
    kappa: Fraction | None  # the cost level of the spoiler's conclusions (None: no spoiler)


def _numbers(case: Case) -> dict[str, Ranged]:
    """Every number of the two sections by a key naming it."""
    out: dict[str, Ranged] = {}
    spoiler = case.section(Spoiler)
    if spoiler is not None:
        out |= {f"spoiler.attack_rates.{name}": r for name, r in spoiler.rates}
        for name in ("conflict_value", "compromise_value", "attack_cost"):
            value = getattr(spoiler, name)
            if value is not None:
                out[f"spoiler.{name}"] = value
    section = case.section(BargainingSection)
    if section is not None:
        out["bargaining.prevail"] = section.prevail
        out["bargaining.cost_a"] = section.costs[section.player]
        out["bargaining.cost_b"] = section.costs[1 - section.player]
        if section.shift is not None and section.discount is not None:
            out["bargaining.shift"], out["bargaining.discount"] = section.shift, section.discount
    return out


@dataclass(frozen=True)
class Conclusion:
    """A conclusion decided exactly on one set of numbers (``exact``) and proposed for many
    draws at once in floats (``floats``: the decisions and where they are too close to a tie
    to trust, which are then decided exactly)."""

    model: str
    what: str
    exact: Callable[[Values], bool]
    floats: Callable[[dict[str, np.ndarray]], tuple[np.ndarray, np.ndarray]]


#: Floats within this of a tie are decided exactly.
TIE = 1e-9


def _near(*margins: np.ndarray) -> np.ndarray:
    return np.logical_or.reduce([np.abs(m) < TIE for m in margins])


def _spoiler_conclusions(case: Case, spoiler: Spoiler) -> tuple[list[Conclusion], Fraction | None]:
    result = analyze_spoiler(case, 1)
    level = next((lv for lv in result.levels if lv.holds_at_prior), None)
    if level is None or level.beliefs is None:
        return [], None
    beliefs, prior = level.beliefs, result.prior
    if not (isinstance(beliefs.lo, Fraction) and isinstance(beliefs.hi, Fraction)):
        return [], None  # the beliefs' ends are rational in a 2x2 game; anything else is not drawn
    lo, hi = float(beliefs.lo), float(beliefs.hi)
    watched, other = f"spoiler.attack_rates.{spoiler.watched}", f"spoiler.attack_rates.{result.other_type}"

    def ends(v: Values) -> bool:
        after = belief_after(prior, (v[watched], v[other]), 1, 0)
        return after is None or not beliefs.contains(after)

    def ends_floats(c: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        num, den = float(prior) * c[watched], float(prior) * c[watched] + (1 - float(prior)) * c[other]
        after = np.divide(num, den, out=np.full_like(num, np.nan), where=den > TIE)
        inside = (after >= lo) & (after <= hi)
        return ~inside, _near(after - lo, after - hi) | ~(den > TIE)

    out = [Conclusion("spoiler", "one attack ends compromise", ends, ends_floats)]
    if spoiler.strategic:

        def attacks(v: Values) -> bool:
            return ends(v) and v["spoiler.conflict_value"] - v["spoiler.compromise_value"] > v["spoiler.attack_cost"]

        def attacks_floats(c: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
            end, unsure = ends_floats(c)
            margin = c["spoiler.conflict_value"] - c["spoiler.compromise_value"] - c["spoiler.attack_cost"]
            return end & (margin > 0), unsure | _near(margin)

        out.append(Conclusion("spoiler", "the spoiler attacks", attacks, attacks_floats))
    return out, level.kappa


def _bargaining_conclusions(section: BargainingSection) -> list[Conclusion]:
    divisions = section.divisions
    side = section.player

    def no_middle(v: Values) -> bool:
        lo, hi = fearon_range(v["bargaining.prevail"], v["bargaining.cost_a"], v["bargaining.cost_b"])
        return lo > hi or (divisions is not None and not any(lo <= d <= hi for d in divisions))

    def no_middle_floats(c: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        lo = np.maximum(0.0, c["bargaining.prevail"] - c["bargaining.cost_a"])
        hi = np.minimum(1.0, c["bargaining.prevail"] + c["bargaining.cost_b"])
        none = lo > hi
        unsure = _near(
            lo - hi,
            c["bargaining.prevail"] - c["bargaining.cost_a"],
            c["bargaining.prevail"] + c["bargaining.cost_b"] - 1,
        )
        if divisions is not None:
            inside = np.logical_or.reduce([(lo <= float(d)) & (float(d) <= hi) for d in divisions])
            none = none | ~inside
            unsure = unsure | np.logical_or.reduce([_near(lo - float(d), hi - float(d)) for d in divisions])
        return none, unsure

    out = [Conclusion("bargaining", "no middle ground", no_middle, no_middle_floats)]
    if section.shift is None:
        return out

    def problem(v: Values) -> bool:
        p, s, ca, cb = (v[f"bargaining.{n}"] for n in ("prevail", "shift", "cost_a", "cost_b"))
        found = powell(p, s, ca, cb, v["bargaining.discount"], side)
        return found is not None and found.problem

    def problem_floats(c: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        p, s, d = c["bargaining.prevail"], c["bargaining.shift"], c["bargaining.discount"]
        a_declines = s < 0
        q = np.where(a_declines, p, 1 - p)
        q_next = np.where(a_declines, p + s, 1 - p - s)
        cost = np.where(a_declines, c["bargaining.cost_a"], c["bargaining.cost_b"])
        later = np.maximum(0.0, q_next - cost)
        margin = (q - cost) - (1 - d) - d * later  # (1 − δ)·(war − promised)
        return (margin > 0) & (s != 0), _near(margin, s, q_next - cost)

    out.append(Conclusion("bargaining", "a commitment problem", problem, problem_floats))
    return out


def _conclusions(case: Case) -> tuple[list[Conclusion], Fraction | None]:
    """Each conclusion the file's sections reach, and the κ of the spoiler's."""
    out: list[Conclusion] = []
    kappa = None
    spoiler = case.section(Spoiler)
    if spoiler is not None:
        out, kappa = _spoiler_conclusions(case, spoiler)
    section = case.section(BargainingSection)
    if section is not None:
        out += _bargaining_conclusions(section)
    return out, kappa


def draw_models(case: Case, samples: int, seed: int = 0) -> ModelDraws | None:
    """The conclusions over ``samples`` draws of the declared ranges (module docstring); None
    when the file states neither section or declares no range in them."""
    numbers = _numbers(case)
    drawn = {k: r.range for k, r in numbers.items() if r.range is not None}
    conclusions, kappa = _conclusions(case)
    if not drawn or not conclusions:
        return None
    rng = np.random.default_rng(seed)
    steps = {k: rng.integers(0, GRID, samples, endpoint=True) for k in drawn}
    fixed = {k: r.value for k, r in numbers.items()}
    columns = {k: np.full(samples, float(v)) for k, v in fixed.items()}
    for k, (lo, hi) in drawn.items():
        columns[k] = float(lo) + (float(hi) - float(lo)) * (steps[k] / GRID)
    shares = []
    for c in conclusions:
        decided, unsure = c.floats(columns)
        decided = decided.copy()
        for index in np.flatnonzero(unsure):  # near a tie: decided exactly
            values = fixed | {k: _on_grid(int(steps[k][index]), drawn[k]) for k in drawn}
            decided[index] = c.exact(values)
        hits = int(decided.sum())
        shares.append(ConclusionShare(c.model, c.what, c.exact(fixed), hits, samples, wilson_interval(hits, samples)))
    return ModelDraws(samples, seed, tuple(drawn), tuple(shares), kappa)


def _on_grid(k: int, span: tuple[Fraction, Fraction]) -> Fraction:
    """The k-th of the GRID + 1 points of [lo, hi]."""
    lo, hi = span
    return lo + (hi - lo) * Fraction(k, GRID)
