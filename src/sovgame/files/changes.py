"""One-off changes to a game: ``--set`` on the command line and ``sovgame edit``.

Four forms, each ``TARGET=VALUE``:

- ``"Strike|Tolerate TTP=2,2"``: all payoffs of one outcome;
- ``"Pakistan@Strike|Tolerate TTP=1.5"``: one player's payoff (fractions such as 3/2 too);
- ``"cost:trade_disruption=0.5,1"``: a cost's weights;
- ``"plausible_kappa=0,3"``: the plausible range of κ.

A change is applied to the game's data *before* validation, so a changed game is checked
exactly like a file. The same code edits a tomlkit document in place, which keeps every
comment and every untouched line of the file. A game built in Python, or a case already
loaded, is changed in memory by :func:`change_case`, with the same checks.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ..core.arrays import plausible_range
from ..core.case import Case, as_case
from ..core.model import Game
from ..core.numbers import to_fraction
from ..errors import ParameterError
from ..sections.capacity import LimitedCapacity, expected_game


@dataclass(frozen=True)
class Setting:
    """A parsed ``--set``: what it changes and the numbers (as written)."""

    text: str
    kind: str  # "outcome", "payoff", "cost" or "plausible"
    target: str  # the outcome key, cost name, or "" for the plausible range
    player: str | None
    values: tuple[str, ...]


def parse_setting(text: str) -> Setting:
    """Split ``TARGET=VALUES`` and check that the values are numbers (within the limits of
    :mod:`sovgame.core.numbers`). Which outcome, player or cost the target names is decided
    when the change is applied, against the game (:func:`resolve_setting`)."""
    target, sep, raw = text.rpartition("=")
    if not sep or not target.strip() or not raw.strip():
        raise _bad(
            text,
            'expected TARGET=VALUES, e.g. "Strike|Tolerate TTP=2,2", '
            '"Pakistan@Strike|Tolerate TTP=1.5", "cost:trade_disruption=0.5,1" or "plausible_kappa=0,3"',
        )
    values = tuple(v.strip() for v in raw.split(","))
    for v in values:
        try:
            to_fraction(v)
        except ValueError as exc:
            raise _bad(text, str(exc)) from None
    target = target.strip()
    if target == "plausible_kappa":
        return Setting(text, "plausible", "", None, values)
    if target.startswith("cost:"):
        return Setting(text, "cost", target[len("cost:") :].strip(), None, values)
    if "@" in target:
        player, _, outcome = target.partition("@")
        return Setting(text, "payoff", outcome.strip(), player.strip(), values)
    return Setting(text, "outcome", target, None, values)


def resolve_setting(s: Setting, game: Game) -> Setting:
    """The change as the game reads it: a strategy may contain ``@`` or start with
    ``cost:``, and a player's name may contain ``@``, so the target is matched against the
    game's costs, outcomes and players before the first ``@`` is taken as the separator."""
    if s.kind == "plausible":
        return s
    target = s.text.rpartition("=")[0].strip()
    if target.startswith("cost:") and target[len("cost:") :].strip() in [c.name for c in game.costs]:
        return Setting(s.text, "cost", target[len("cost:") :].strip(), None, s.values)
    if _names_outcome(game, target):
        return Setting(s.text, "outcome", target, None, s.values)
    for at in (i for i, c in enumerate(target) if c == "@"):
        player, outcome = target[:at].strip(), target[at + 1 :].strip()
        if player in game.player_names and _names_outcome(game, outcome):
            return Setting(s.text, "payoff", outcome, player, s.values)
    return s  # as first read; applying it says what is wrong


def _names_outcome(game: Game, key: str) -> bool:
    try:
        game.parse_outcome(key)
    except ValueError:
        return False
    return True


def plain_number(text: str) -> Fraction:
    """A value for a parsed-TOML dict: the exact number (validated again with the game)."""
    return to_fraction(text)


def apply_settings(
    data: MutableMapping,
    game: Game,
    settings: Sequence[Setting],
    number: Callable[[str], object] = plain_number,
    make_list: Callable = list,
    make_table: Callable = dict,
) -> None:
    """Apply ``settings`` to game data in place (a dict or a tomlkit document).

    ``game`` is the validated game before the change, used to check names; ``number``,
    ``make_list`` and ``make_table`` build values of the container's kind.
    """
    for s in (resolve_setting(s, game) for s in settings):
        if s.kind == "plausible":
            _expect(s, 2, "[lo, hi]")
            data.setdefault("analysis", make_table())["plausible_kappa"] = make_list([number(v) for v in s.values])
        elif s.kind == "cost":
            costs = data.get("costs")
            names = [c.name for c in game.costs]
            if s.target not in names:
                raise _bad(s.text, f"no cost named {s.target!r} (costs: {', '.join(names) or 'none'})")
            _expect(s, game.n_players, f"one weight per player ({', '.join(game.player_names)})")
            entry = next((c for c in (costs or []) if c.get("name") == s.target), None)
            if entry is None:  # the cost comes from the game this one extends: override by name
                if costs is None:
                    data["costs"] = make_list([])
                    costs = data["costs"]
                entry = make_table()
                entry["name"] = s.target
                costs.append(entry)
                entry = costs[-1]
            entry["weights"] = make_list([number(v) for v in s.values])
        else:
            try:
                profile = game.parse_outcome(s.target)
            except ValueError as exc:
                raise _bad(s.text, str(exc)) from None
            payoffs = data.setdefault("payoffs", make_table())
            key = next((k for k in payoffs if _same_outcome(game, k, profile)), game.outcome_key(profile))
            if s.kind == "outcome":
                _expect(s, game.n_players, f"one payoff per player ({', '.join(game.player_names)})")
                payoffs[key] = make_list([number(v) for v in s.values])
            else:
                if s.player not in game.player_names:
                    raise _bad(s.text, f"no player named {s.player!r} (players: {', '.join(game.player_names)})")
                _expect(s, 1, "one number")
                current = payoffs.get(key)
                index = game.player_names.index(s.player)
                if isinstance(current, list) and len(current) == game.n_players:
                    current[index] = number(s.values[0])  # the other payoffs stay as written
                else:
                    values = [number(_as_text(v)) for v in game.payoffs[profile]]
                    values[index] = number(s.values[0])
                    payoffs[key] = make_list(values)


def change_case(x: Game | Case, settings: Sequence[str]) -> Case:
    """``x`` after ``settings`` (the ``--set`` forms of the module docstring), changed in
    memory: a game built in Python or a case already loaded. Payoffs and weights are changed
    in the game as stated (before a limited strategy's lottery, which is applied again); a
    weight must be >= 0 and inside the cost's ``weights_range``; a change that names no
    outcome, player or cost of the game raises a :class:`ParameterError` naming ``settings``."""
    case = as_case(x)
    game = case.stated_game
    payoffs = game.payoffs.copy()
    costs = {c.name: c for c in game.costs}
    plausible = case.plausible_kappa
    for s in (resolve_setting(parse_setting(text), game) for text in settings):
        values = [to_fraction(v) for v in s.values]
        if s.kind == "plausible":
            _expect(s, 2, "[lo, hi]")
            plausible = plausible_range(values, "settings")
        elif s.kind == "cost":
            costs[s.target] = _changed_cost(s, game, costs, values)
        else:
            try:
                profile = game.parse_outcome(s.target)
            except ValueError as exc:
                raise _bad(s.text, str(exc)) from None
            if s.kind == "outcome":
                _expect(s, game.n_players, f"one payoff per player ({', '.join(game.player_names)})")
                payoffs[profile] = values
            else:
                if s.player not in game.player_names:
                    raise _bad(s.text, f"no player named {s.player!r} (players: {', '.join(game.player_names)})")
                _expect(s, 1, "one number")
                payoffs[profile + (game.player_names.index(s.player),)] = values[0]
    stated = replace(game, payoffs=payoffs, costs=tuple(costs[c.name] for c in game.costs))
    changed = replace(case, plausible_kappa=plausible)
    capacity = case.section(LimitedCapacity)
    if capacity is None:
        return replace(changed, game=stated)
    section = replace(capacity, stated=stated)
    return replace(changed, game=expected_game(stated, capacity.entries)).with_section(section)


def _changed_cost(s: Setting, game: Game, costs: dict, values: list[Fraction]):
    """The cost ``s`` names with the weights ``values``, checked as a file's weights are."""
    if s.target not in costs:
        raise _bad(s.text, f"no cost named {s.target!r} (costs: {', '.join(costs) or 'none'})")
    _expect(s, game.n_players, f"one weight per player ({', '.join(game.player_names)})")
    cost = costs[s.target]
    for player, w, span in zip(game.player_names, values, cost.weights_range or [None] * len(values)):
        if w < 0:
            raise _bad(
                s.text, f"{player}'s weight is {w}; a cost weight must be >= 0 (a benefit is a payoff, not a cost)"
            )
        if span is not None and not span[0] <= w <= span[1]:
            raise _bad(s.text, f"{player}'s weight {w} lies outside the cost's weights_range [{span[0]}, {span[1]}]")
    return replace(cost, weights=tuple(values))


def _as_text(value) -> str:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)
    return str(value)


def _same_outcome(game: Game, key: str, profile) -> bool:
    try:
        return game.parse_outcome(key) == profile
    except ValueError:
        return False


def _expect(s: Setting, count: int, what: str) -> None:
    if len(s.values) != count:
        raise _bad(s.text, f"{len(s.values)} number(s) given; expected {what}")


def _bad(text: str, detail: str) -> ParameterError:
    """A change that cannot be applied: names the change as written. Like any option value
    that cannot be used (``--kappa abc``), a usage error (exit 2)."""
    return ParameterError("settings", f"{text!r}: {detail}")
