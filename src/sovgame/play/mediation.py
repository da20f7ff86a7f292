"""What a mediator can do: recommend (correlated equilibria) or pay (leverage).

Recommendation alone (Aumann 1974, 1987): a mediator who draws an outcome from a public
distribution and privately tells each player its part can achieve exactly the *correlated
equilibria*: distributions p over outcomes with, for every player i and strategies a, a′,

    Σ_{s: s_i = a} p(s) · (u_i(s) − u_i(a′, s_−i)) ≥ 0                         (obedience)

a linear program (solved with HiGHS, then rounded to fractions and certified exactly: the
rounded primal is checked for feasibility and a rounded dual for optimality). If some player
has a strictly dominant confrontational strategy, the only correlated equilibrium is the
all-confront outcome: recommendations cannot help.

Money (Monderer & Tennenholtz 2004, k-implementation; docs/models.md): an on-path transfer
t_i(κ) = max(0, max_{s′} u_i(s′, t_−i; κ) − u_i(t; κ)) makes complying with the target t a
best response, and an off-path guarantee g_i(κ) — the most player i can lose by sticking to
t_i when one other player deviates — insures it against exploitation and costs nothing
while everyone complies. In a 2x2 game t_i = max(0, T_i − R_i − κΔw_i) and g_i = max(0, P_i − S_i).
Kydd (2003) and Fey & Ramsay (2010) on why a mediator's credibility is not leverage.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.budget import mediate_work, metered, require, solve_work, thresholds_work
from ..core.case import Case, as_case
from ..core.linalg import solve_linear
from ..core.model import Game, Profile
from ..core.numbers import fmt, json_number
from ..core.results import Result
from ..costs.assessment import threshold_to_json
from ..costs.thresholds import Threshold, compute_thresholds, resolve_target
from ..costs.verdicts import verdict_scale_json
from ..errors import SovgameError
from ..sections.mediator import Mediator
from ..solvers.equilibria import solve
from ..solvers.verify import Number

#: Float tolerance for reading HiGHS' answer: which outcomes are used, which rows are tight.
TOL = 1e-9


@dataclass(frozen=True)
class CorrelatedEquilibrium:
    """An optimal correlated equilibrium for one objective, and how sure we are of it."""

    value: Fraction | float  # the proved optimum only when certified
    distribution: Mapping[Profile, Fraction | float]
    certified: bool  # exact fractions, obedience checked and optimality proved by a dual


@dataclass(frozen=True)
class Linear:
    """a − b·κ: a deviation's gain, or a transfer before the max(0, ·)."""

    a: Fraction
    b: Fraction

    def at(self, kappa: Fraction) -> Fraction:
        """a − b·κ at this cost level."""
        return self.a - self.b * kappa

    def __str__(self) -> str:
        if self.b == 0:
            return fmt(self.a)
        slope = "κ" if abs(self.b) == 1 else f"({fmt(abs(self.b))})κ"
        if self.a == 0:
            return f"-{slope}" if self.b > 0 else slope
        return f"{fmt(self.a)} {'−' if self.b > 0 else '+'} {slope}"


def piecewise_text(terms: list[Linear]) -> str:
    """ "max(0, 1 − (3/4)κ)" for the exact transfer as a function of κ ≥ 0 (terms that are
    never positive, and repeats, left out)."""
    kept = list(dict.fromkeys(t for t in terms if t.a > 0 or t.b < 0))
    if not kept:
        return "0"
    return "max(" + ", ".join(["0"] + [str(t) for t in kept]) + ")"


def evaluate(terms: list[Linear], kappa: Fraction) -> Fraction:
    """max(0, a − b·κ over the terms): the transfer or guarantee at cost level κ."""
    return max([Fraction(0)] + [t.at(kappa) for t in terms])


@dataclass(frozen=True, repr=False)
class Mediation(Result):
    game: Game
    kappa: Fraction
    target: Profile
    ce_target: CorrelatedEquilibrium  # maximises the probability of the target outcome
    ce_welfare: CorrelatedEquilibrium  # maximises the sum of payoffs
    best_nash_welfare: Number | None  # None when no equilibrium was found
    nash_complete: bool
    transfers: dict[str, Fraction]
    guarantees: dict[str, Fraction]
    transfer_terms: dict[str, list[Linear]]
    guarantee_terms: dict[str, list[Linear]]
    recommendation_suffices: Threshold  # the κ from which the target is an equilibrium
    budget: Fraction | None
    mediator: str

    @property
    def total_transfers(self) -> Fraction:
        """The transfers to all players per period, paid while everyone complies."""
        return sum(self.transfers.values(), Fraction(0))

    @property
    def total_with_guarantees(self) -> Fraction:
        """The transfers plus every off-path guarantee: what insured leverage may cost at most."""
        return self.total_transfers + sum(self.guarantees.values(), Fraction(0))

    @property
    def affordable(self) -> bool | None:
        """Whether the mediator's budget covers the transfers (None without a budget)."""
        return None if self.budget is None else self.budget >= self.total_transfers

    @property
    def insured(self) -> bool | None:
        """Whether the budget also covers every guarantee (None without a budget)."""
        return None if self.budget is None else self.budget >= self.total_with_guarantees

    @property
    def value_of_recommendation(self) -> Number | float | None:
        """What recommendation alone adds to total payoff: the welfare-maximising correlated
        equilibrium against the best Nash equilibrium (a float if the LP was not certified:
        its fractions are then a feasible point, not a proved optimum; None when no Nash
        equilibrium was found to compare with)."""
        if self.best_nash_welfare is None:
            return None
        if not self.ce_welfare.certified:
            return float(self.ce_welfare.value) - float(self.best_nash_welfare)
        return self.ce_welfare.value - self.best_nash_welfare

    @property
    def needs_most(self) -> str | None:
        """The player who needs the largest transfer, or None when no one needs any."""
        if self.total_transfers == 0:
            return None
        return max(self.transfers, key=lambda name: self.transfers[name])

    def json_data(self) -> dict[str, Any]:
        game = self.game
        welfare = self.ce_welfare
        gain = self.value_of_recommendation
        return {
            "game": game.title,
            "kappa": json_number(self.kappa),
            "target": game.outcome_key(self.target),
            "ce_max_target_probability": float(self.ce_target.value),
            "ce_max_target_exact": _exact_value(self.ce_target),
            "ce_max_target_distribution": _distribution_json(game, self.ce_target.distribution),
            "ce_max_welfare": {
                "welfare": float(welfare.value),
                "exact": _exact_value(welfare),
                "distribution": _distribution_json(game, welfare.distribution),
                "certified": welfare.certified,
            },
            "best_nash_welfare": None if self.best_nash_welfare is None else float(self.best_nash_welfare),
            "value_of_recommendation": None if gain is None else float(gain),
            "recommendation_suffices_from": threshold_to_json(self.recommendation_suffices),
            "verdict_scale": verdict_scale_json(),
            "transfers": {k: fmt(v) for k, v in self.transfers.items()},
            "transfers_formula": {k: piecewise_text(v) for k, v in self.transfer_terms.items()},
            "guarantees": {k: fmt(v) for k, v in self.guarantees.items()},
            "guarantees_formula": {k: piecewise_text(v) for k, v in self.guarantee_terms.items()},
            "total_transfers": fmt(self.total_transfers),
            "total_with_guarantees": fmt(self.total_with_guarantees),
            "needs_most": self.needs_most,
            "budget": None if self.budget is None else fmt(self.budget),
            "affordable": self.affordable,
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("κ", fmt(self.kappa)),
            ("target", self.game.outcome_key(self.target)),
            ("most probable under a recommendation", f"{float(self.ce_target.value):.4g}"),
            ("transfers", fmt(self.total_transfers)),
        ]


@metered
def mediate(
    game: Game | Case, kappa: Fraction | int = 1, target: Profile | str | None = None, plausible: Sequence | None = None
) -> Mediation:
    """Correlated equilibria and leverage for ``target`` at cost level κ (default: today's
    costs, κ = 1; module docstring). Refused before it starts when the linear programs, the
    equilibria and the thresholds it needs would together pass the work limit.

    A Case gives its ``[mediator]`` (name and budget per period) and its plausible range
    (``plausible`` overrides it); a bare Game has no mediator of its own: no budget.
    """
    case = as_case(game, plausible)
    game = case.game
    kappa = Fraction(kappa)
    require(mediate_work(game.shape), forecast=solve_work(game.shape).units + thresholds_work(game.shape).units)
    profile = resolve_target(case, target)
    payoffs = game.payoffs_at(kappa)
    ce_target = correlated_equilibrium(payoffs, objective=indicator(game, profile))
    welfare = np.array([sum(payoffs[s]) for s in game.profiles()], dtype=object)
    ce_welfare = correlated_equilibrium(payoffs, objective=welfare)
    solution = solve(game, kappa)
    best_nash = max((sum(e.payoffs, Fraction(0)) for e in solution.equilibria), default=None)
    U, W = game.payoffs, game.cost_load()
    transfer_terms, guarantee_terms = transfer_functions(game, profile), {}
    for i, player in enumerate(game.players):
        terms = []
        for j in range(game.n_players):
            if j == i:
                continue
            for other in range(game.shape[j]):
                if other == profile[j]:
                    continue
                shifted = profile[:j] + (other,) + profile[j + 1 :]
                terms += _gains(U, W, shifted, i, game.shape)
        guarantee_terms[player.name] = terms
    report = compute_thresholds(case, profile)
    mediator = case.section(Mediator)
    return Mediation(
        game=game,
        kappa=kappa,
        target=profile,
        ce_target=ce_target,
        ce_welfare=ce_welfare,
        best_nash_welfare=best_nash,
        nash_complete=solution.complete,
        transfers={n: evaluate(t, kappa) for n, t in transfer_terms.items()},
        guarantees={n: evaluate(t, kappa) for n, t in guarantee_terms.items()},
        transfer_terms=transfer_terms,
        guarantee_terms=guarantee_terms,
        recommendation_suffices=report.thresholds["nash"],
        budget=mediator.budget if mediator else None,
        mediator=mediator.name if mediator else "mediator",
    )


def transfer_functions(game: Game, target: Profile) -> dict[str, list[Linear]]:
    """Each player's on-path transfer as terms a − b·κ: its gain from each unilateral
    deviation from ``target``; the transfer at κ is :func:`evaluate` of them (no linear
    program needed)."""
    U, W = game.payoffs, game.cost_load()
    return {p.name: _gains(U, W, target, i, game.shape) for i, p in enumerate(game.players)}


def _gains(U, W, at: Profile, i: int, shape) -> list[Linear]:
    """Player i's gains from each unilateral deviation at ``at``, as a − b·κ."""
    out = []
    for other in range(shape[i]):
        if other == at[i]:
            continue
        moved = at[:i] + (other,) + at[i + 1 :]
        out.append(Linear(U[moved + (i,)] - U[at + (i,)], W[moved + (i,)] - W[at + (i,)]))
    return out


def indicator(game: Game, target: Profile) -> np.ndarray:
    """The objective that maximises the probability of ``target``: 1 there, 0 elsewhere."""
    return np.array([Fraction(int(s == target)) for s in game.profiles()], dtype=object)


def obedience_rows(payoffs: np.ndarray) -> list[list[Fraction]]:
    """One row per (player, recommended a, deviation a′): Σ p(s)(u_i(a′, s_−i) − u_i(s)) ≤ 0."""
    shape = payoffs.shape[:-1]
    profiles = list(itertools.product(*(range(k) for k in shape)))
    rows = []
    for i, k in enumerate(shape):
        for a, alt in itertools.permutations(range(k), 2):
            row = []
            for s in profiles:
                if s[i] != a:
                    row.append(Fraction(0))
                else:
                    moved = s[:i] + (alt,) + s[i + 1 :]
                    row.append(payoffs[moved + (i,)] - payoffs[s + (i,)])
            rows.append(row)
    return rows


def correlated_equilibrium(payoffs: np.ndarray, objective: np.ndarray) -> CorrelatedEquilibrium:
    """The correlated equilibrium maximising ``objective · p`` (HiGHS), certified exactly.

    HiGHS works in floats, so each obedience row and the objective are first divided by
    their largest entry (exactly, before rounding to floats): the feasible set and the
    optimum are the same, and payoffs of any size (κ = 10⁹⁹) stay within the float range.
    """
    from scipy.optimize import linprog

    shape = payoffs.shape[:-1]
    profiles = list(itertools.product(*(range(k) for k in shape)))
    rows = obedience_rows(payoffs)
    c, c_scale = _unit_floats(list(objective))
    scaled = [_unit_floats(row)[0] for row in rows]
    A_ub = np.array(scaled) if rows else None
    b_ub = np.zeros(len(rows)) if rows else None
    result = linprog(
        -c, A_ub=A_ub, b_ub=b_ub, A_eq=np.ones((1, len(profiles))), b_eq=[1.0], bounds=(0, None), method="highs"
    )
    if result.status != 0:  # a correlated equilibrium always exists: floats failed us
        raise SovgameError(
            "the correlated equilibria could not be computed: the linear program failed in floating point "
            f"({result.message}); payoffs of very different sizes cause this, so rescale the game's numbers"
        )
    exact_objective = [Fraction(v) for v in objective]
    p = _exact_primal(rows, scaled, result.x)
    certified = False
    if p is not None:
        value = sum((o * v for o, v in zip(exact_objective, p)), Fraction(0))
        duals = -result.ineqlin.marginals if rows else np.zeros(0)
        certified = _exact_dual(rows, exact_objective, value, p, (scaled, c, duals, float(value / c_scale)))
        distribution = {s: v for s, v in zip(profiles, p) if v != 0}
        return CorrelatedEquilibrium(value, distribution, certified)
    # Could not be rebuilt in fractions: keep the float answer, said as such.
    approximate = {s: float(v) for s, v in zip(profiles, result.x) if v > 1e-12}
    estimate = float(sum((o * Fraction(v) for o, v in zip(exact_objective, result.x)), Fraction(0)))
    return CorrelatedEquilibrium(estimate, approximate, False)


def _unit_floats(values: list) -> tuple[np.ndarray, Fraction]:
    """``values`` divided by the largest absolute value (exactly), as floats in [-1, 1], and
    that value (1 when all are 0)."""
    exact = [Fraction(v) for v in values]
    largest = max((abs(v) for v in exact), default=Fraction(0)) or Fraction(1)
    return np.array([float(v / largest) for v in exact]), largest


def _exact_primal(rows, scaled, x_float) -> list[Fraction] | None:
    """The LP vertex in fractions: solve the constraints that are tight at HiGHS' answer
    (read from the ``scaled`` rows HiGHS solved), restricted to its support, and check every
    constraint exactly."""
    support = [s for s, v in enumerate(x_float) if v > TOL]
    tight = [row for row, floats in zip(rows, scaled) if abs(float(np.dot(floats, x_float))) <= TOL]
    A = [[row[s] for s in support] for row in tight] + [[Fraction(1)] * len(support)]
    b = [Fraction(0)] * len(tight) + [Fraction(1)]
    solved = solve_linear(A, b)
    if solved is None:
        return None
    p = [Fraction(0)] * len(x_float)
    for s, v in zip(support, solved[0]):
        p[s] = v
    if any(v < 0 for v in p) or sum(p) != 1:
        return None
    if any(sum((r * v for r, v in zip(row, p)), Fraction(0)) > 0 for row in rows):
        return None
    return p


def _exact_dual(rows, objective, value: Fraction, p, floats) -> bool:
    """Prove optimality (weak duality in fractions). Dual of max c·p s.t. R p ≤ 0, Σp = 1,
    p ≥ 0: y ≥ 0, z free with Σ_r y_r R_r(s) + z ≥ c(s) for all s; its value is z. The rows
    HiGHS' dual uses carry y; complementary slackness gives equality on the support; z = value
    then certifies. ``floats`` is what HiGHS solved — the scaled rows and objective, its duals
    and the scaled value — read only to choose which equations to solve exactly."""
    scaled, c, duals, z_float = floats
    tight = [r for r, v in enumerate(duals) if v > TOL]
    # Unknowns: y_r for the rows HiGHS' dual uses, then z. Equations: every outcome whose dual
    # constraint is tight in floats (the support among them, by complementary slackness).
    slack = [sum(scaled[r][s] * duals[r] for r in tight) + z_float - c[s] for s in range(len(p))]
    equalities = [s for s in range(len(p)) if p[s] != 0 or abs(slack[s]) <= 1e-7]
    A = [[rows[r][s] for r in tight] + [Fraction(1)] for s in equalities]
    b = [objective[s] for s in equalities]
    solved = solve_linear(A, b)
    if solved is None:
        return False
    y_tight, z = solved[0][:-1], solved[0][-1]
    if z != value or any(v < 0 for v in y_tight):
        return False
    y = dict(zip(tight, y_tight))
    return all(sum((y[r] * rows[r][s] for r in tight), Fraction(0)) + z >= objective[s] for s in range(len(p)))


def _distribution_json(game: Game, distribution: Mapping[Profile, Fraction | float]) -> dict[str, float]:
    return {game.outcome_key(s): float(p) for s, p in distribution.items()}


def _exact_value(ce: CorrelatedEquilibrium) -> str | None:
    """The certified optimum as exact text; None when only the float answer is known."""
    return fmt(ce.value) if ce.certified and isinstance(ce.value, Fraction) else None
