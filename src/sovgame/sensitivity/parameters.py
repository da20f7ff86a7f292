"""The numbers of a game file, one at a time: each payoff, each cost weight, each custom
exposure and the top of the plausible range, and the games obtained by moving one of them.

Moving one number p with everything else fixed moves the game along a line: payoffs
U(p) = U₀ + p·dU and cost loads W(p) = W₀ + p·dW, both affine in p (a payoff is one entry of
U; a weight multiplies its cost's exposures; a custom exposure is multiplied by its weight).
So a deviation's gain a − κ·b (:mod:`sovgame.costs.deviations`) has a = a₀ + a₁p and
b = b₀ + b₁p: every condition of a threshold is bilinear in (κ, p) (docs/models.md,
"Sensitivity (one number at a time)").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

import numpy as np

from ..core.case import Case, as_case
from ..core.model import Cost, Game, Incidence, Profile
from ..core.numbers import fmt
from ..errors import ParameterError
from ..sections.capacity import stated
from ..sections.effects import Effects


class ParameterKind(StrEnum):
    """What kind of number of the file a parameter is."""

    PAYOFF = "payoff"
    WEIGHT = "weight"
    EXPOSURE = "exposure"
    EFFECT = "effect"
    SECTION = "section"  # a ranged number of a section, followed for claims (section_numbers)
    PLAUSIBLE_TOP = "plausible_top"


#: The cost level itself, as a map axis: ``--map kappa,X``.
KAPPA = "kappa"


@dataclass(frozen=True)
class Parameter:
    """One number of the file. ``key`` names it (as ``--map`` takes it, and like ``--set``
    where ``--set`` can change it); ``lowest`` is the least value the file may hold (None: any),
    ``highest`` the largest (None: any). ``declared`` is a weight's ``weights_range``: what the
    file says is plausible, not a limit of the analysis (intervals may reach beyond it, and
    say whether the nearest change lies inside it)."""

    kind: ParameterKind
    key: str
    label: str
    value: Fraction
    player: int | None = None
    profile: Profile | None = None
    cost: str | None = None
    lowest: Fraction | None = None
    highest: Fraction | None = None
    declared: tuple[Fraction, Fraction] | None = None  # a weight's weights_range (an effect's effect_range)
    cells: tuple[Profile, ...] = ()  # an effect's outcomes: the player's payoff at each holds it

    def allowed(self, x: Fraction) -> bool:
        """Whether the file may hold x here."""
        return (self.lowest is None or x >= self.lowest) and (self.highest is None or x <= self.highest)


def parameters(x: Game | Case, costs: tuple[str, ...] | None = None) -> list[Parameter]:
    """Every number of ``x`` a threshold can depend on, in file order: payoffs (outcome by
    outcome, player by player), the weights of the kept costs, the exposures of kept custom
    costs (custom as the file states them), and the top of the plausible range the case
    declares (the lower end decides no verdict)."""
    case = as_case(x)
    game = case.game
    kept = game.kept_costs(costs, case.origin)
    names = game.player_names
    out = []
    for profile in game.profiles():
        key = game.outcome_key(profile)
        for i, name in enumerate(names):
            out.append(
                Parameter(
                    ParameterKind.PAYOFF,
                    f"{name}@{key}",
                    f"{name}'s payoff at ({', '.join(game.outcome_names(profile))})",
                    game.payoffs[profile + (i,)],
                    player=i,
                    profile=profile,
                )
            )
    for cost in game.costs:
        if cost.name not in kept:
            continue
        for i, name in enumerate(names):
            out.append(
                Parameter(
                    ParameterKind.WEIGHT,
                    f"cost:{cost.name}@{name}",
                    f"{name}'s {cost.shown} weight",
                    cost.weights[i],
                    player=i,
                    cost=cost.name,
                    lowest=Fraction(0),
                    declared=None if cost.weights_range is None else cost.weights_range[i],
                )
            )
    custom = tuple(c.name for c in stated(case).costs if c.incidence == Incidence.CUSTOM)
    out += _exposures(game, tuple(name for name in kept if name in custom))
    out += _effects(case)
    if case.plausible_kappa is not None:
        lo, hi = case.plausible_kappa
        out.append(
            Parameter(
                ParameterKind.PLAUSIBLE_TOP, "plausible_kappa:hi", "the top of the plausible range", hi, lowest=lo
            )
        )
    return out


def _exposures(game: Game, kept: tuple[str, ...]) -> list[Parameter]:
    """The listed exposures of kept custom costs whose weight for that player is not 0."""
    out = []
    for cost in game.costs:
        if cost.name not in kept or cost.incidence != Incidence.CUSTOM:
            continue
        for profile, row in (cost.exposure or {}).items():
            outcome = game.outcome_key(profile)
            for i, name in enumerate(game.player_names):
                if cost.weights[i] == 0:
                    continue  # exposure times a zero weight: no threshold depends on it
                out.append(
                    Parameter(
                        ParameterKind.EXPOSURE,
                        f"exposure:{cost.name}@{outcome}@{name}",
                        f"{name}'s {cost.shown} exposure at ({', '.join(game.outcome_names(profile))})",
                        row[i],
                        player=i,
                        profile=profile,
                        cost=cost.name,
                        lowest=Fraction(0),
                    )
                )
    return out


def _effects(case: Case) -> list[Parameter]:
    """The ``[[effects]]`` of the file: each moves its player's payoff at all its cells at once."""
    section = case.section(Effects)
    if section is None:
        return []
    names = case.game.player_names
    return [
        Parameter(
            ParameterKind.EFFECT,
            f"effect:{e.name}",
            f"the effect {e.name} ({names[e.player]}'s payoff at {len(e.cells)} outcomes)",
            e.effect,
            player=e.player,
            lowest=None,
            declared=e.effect_range,
            cells=e.cells,
        )
        for e in section.effects
    ]


def find_parameter(
    x: Game | Case, key: str, costs: tuple[str, ...] | None = None, option: str = "parameter"
) -> Parameter:
    """The parameter named ``key`` (case and spaces around '@', '|' and ':' do not matter)."""

    def norm(text: str) -> str:
        for sep in ("@", "|", ":"):
            text = sep.join(part.strip() for part in text.split(sep))
        return text.strip().casefold()

    wanted = norm(key)
    found = [p for p in parameters(x, costs) if norm(p.key) == wanted]
    if not found:
        examples = ", ".join(repr(p.key) for p in parameters(x, costs)[:2])
        raise ParameterError(option, f"{key!r} names no number of {as_case(x).origin} (e.g. {examples})")
    return found[0]


@dataclass(frozen=True, eq=False)
class Line:
    """The games along one parameter: U(p) = U0 + p·dU, W(p) = W0 + p·dW (object arrays of
    fractions, shape ``(*shape, players)``), every other number as in ``case``."""

    case: Case
    parameter: Parameter
    costs: tuple[str, ...]
    U0: np.ndarray
    dU: np.ndarray
    W0: np.ndarray
    dW: np.ndarray

    def form(self, player: int, at: Profile, to: Profile) -> tuple[Fraction, Fraction, Fraction, Fraction]:
        """(a0, a1, b0, b1): the gain of ``player`` moving from ``at`` to ``to`` is
        (a0 + a1·p) − κ·(b0 + b1·p)."""
        t, f = to + (player,), at + (player,)
        return (self.U0[t] - self.U0[f], self.dU[t] - self.dU[f], self.W0[t] - self.W0[f], self.dW[t] - self.dW[f])

    def arrays(self, p: Fraction) -> tuple[np.ndarray, np.ndarray]:
        """(U, W) at p."""
        return self.U0 + p * self.dU, self.W0 + p * self.dW

    @property
    def game(self) -> Game:
        """The game at the file's value of the parameter."""
        return self.case.game

    def game_at(self, p: Fraction) -> Case:
        """The case with the parameter at p (and no claims), its costs as one custom load with
        weight 1 (so ``cost_load()`` is W(p) exactly)."""
        U, W = self.arrays(p)
        n = self.game.n_players
        exposure = {profile: tuple(W[profile + (i,)] for i in range(n)) for profile in self.game.profiles()}
        cost = Cost("costs", Incidence.CUSTOM, (Fraction(1),) * n, tuple(range(n)), exposure)
        plausible = self.case.plausible_kappa
        if self.parameter.kind == ParameterKind.PLAUSIBLE_TOP and plausible is not None:
            plausible = (plausible[0], p)
        game = replace(self.game, payoffs=U, costs=(cost,))
        return replace(self.case, game=game, plausible_kappa=plausible, claims=())

    def top(self, p: Fraction) -> Fraction:
        """The top of the plausible range at p ([0, 1] when the file gives none)."""
        if self.parameter.kind == ParameterKind.PLAUSIBLE_TOP:
            return p
        return self.case.plausible[1]


def line(x: Game | Case, parameter: Parameter, costs: tuple[str, ...] | None = None) -> Line:
    """The family of games along ``parameter`` (see :class:`Line`)."""
    case = as_case(x)
    game = case.game
    kept = game.kept_costs(costs, case.origin)
    U = game.payoffs.copy()
    W = game.cost_load(kept).copy()
    zero = np.empty(U.shape, dtype=object)
    zero[...] = Fraction(0)
    dU, dW = zero.copy(), zero.copy()
    if parameter.kind == ParameterKind.PAYOFF:
        assert parameter.profile is not None and parameter.player is not None
        index = parameter.profile + (parameter.player,)
        dU[index] = Fraction(1)
        U[index] = Fraction(0)
    elif parameter.kind == ParameterKind.EFFECT:
        assert parameter.player is not None
        for cell in parameter.cells:
            dU[cell + (parameter.player,)] = Fraction(1)
        U = U - parameter.value * dU
    elif parameter.kind in (ParameterKind.WEIGHT, ParameterKind.EXPOSURE):
        cost = next(c for c in game.costs if c.name == parameter.cost)
        i = parameter.player
        assert i is not None
        for profile in game.profiles():
            if parameter.kind == ParameterKind.WEIGHT:
                dW[profile + (i,)] = cost.exposure_at(game.players, profile, i)
            elif profile == parameter.profile:
                dW[profile + (i,)] = cost.weights[i]
        W = W - parameter.value * dW
    return Line(case, parameter, kept, U, dU, W, dW)


def setting_text(parameter: Parameter, x: Game | Case, value: Fraction) -> str | None:
    """The ``--set`` change that puts ``parameter`` at ``value`` (None for an exposure, which
    ``--set`` cannot change)."""
    game, plausible = as_case(x).game, as_case(x).plausible_kappa
    if parameter.kind == ParameterKind.PAYOFF:
        return f"{parameter.key}={fmt(value)}"
    if parameter.kind == ParameterKind.WEIGHT:
        cost = next(c for c in game.costs if c.name == parameter.cost)
        weights = [value if i == parameter.player else w for i, w in enumerate(cost.weights)]
        return f"cost:{cost.name}=" + ",".join(fmt(w) for w in weights)
    if parameter.kind == ParameterKind.PLAUSIBLE_TOP and plausible is not None:
        return f"plausible_kappa={fmt(plausible[0])},{fmt(value)}"
    return None


def with_value(x: Game | Case, parameter: Parameter, value: Fraction) -> Case:
    """The case of ``x`` with the number ``parameter`` set to ``value``, everything else as it
    is (an exact edit of the case, independent of :class:`Line`)."""
    case = as_case(x)
    game = case.game
    value = Fraction(value)
    if parameter.kind == ParameterKind.PAYOFF:
        assert parameter.profile is not None and parameter.player is not None
        payoffs = game.payoffs.copy()
        payoffs[parameter.profile + (parameter.player,)] = value
        return replace(case, game=replace(game, payoffs=payoffs))
    if parameter.kind == ParameterKind.PLAUSIBLE_TOP:
        assert case.plausible_kappa is not None
        return replace(case, plausible_kappa=(case.plausible_kappa[0], value))
    if parameter.kind == ParameterKind.EFFECT:
        return with_effect(case, parameter, value)
    costs = []
    for cost in game.costs:
        if cost.name == parameter.cost:
            i = parameter.player
            assert i is not None
            if parameter.kind == ParameterKind.WEIGHT:
                cost = replace(cost, weights=tuple(value if j == i else w for j, w in enumerate(cost.weights)))
            else:
                assert parameter.profile is not None
                exposure = dict(cost.exposure or {})
                row = exposure[parameter.profile]
                exposure[parameter.profile] = tuple(value if j == i else e for j, e in enumerate(row))
                cost = replace(cost, exposure=exposure)
        costs.append(cost)
    return replace(case, game=replace(game, costs=tuple(costs)))


def with_effect(case: Case, parameter: Parameter, value: Fraction) -> Case:
    """The case with the effect at ``value``: value − effect added to each payoff holding it,
    and the section saying the new value."""
    section = case.section(Effects)
    assert section is not None and parameter.player is not None
    payoffs = case.game.payoffs.copy()
    for cell in parameter.cells:
        payoffs[cell + (parameter.player,)] += value - parameter.value
    name = parameter.key.removeprefix("effect:")
    moved = Effects(tuple(replace(e, effect=value) if e.name == name else e for e in section.effects))
    changed = replace(case, game=case.game.with_payoffs(payoffs))
    return replace(changed, sections=tuple(moved if s is section else s for s in case.sections))


def scale_of(game: Game, parameter: Parameter) -> Fraction:
    """What a number that is 0 is measured against: the largest number of its kind (1 if none)."""
    if parameter.kind == ParameterKind.PAYOFF:
        values = [abs(v) for v in game.payoffs.reshape(-1)]
    elif parameter.kind == ParameterKind.WEIGHT:
        values = [w for c in game.costs for w in c.weights]
    elif parameter.kind == ParameterKind.EXPOSURE:
        values = [e for c in game.costs for row in (c.exposure or {}).values() for e in row]
    else:
        values = [Fraction(1)]
    return max(values, default=Fraction(0)) or Fraction(1)
