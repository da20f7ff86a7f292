"""Validating a game file's data for the user: every problem at once, each naming its key.

Validation collects every problem of a file before it fails, and each message names the key
(``payoffs."Strike|Tolerate TTP"[1]``), what is wrong and how to fix it. Problems that follow
from one already reported (a cost that needs a player's missing compromise) are not repeated.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.model import (
    INCIDENCES,
    PAYOFF_SCALES,
    Cost,
    Game,
    Incidence,
    Mediator,
    PayoffScale,
    Player,
    RepeatedSettings,
)
from ..core.numbers import fmt, to_fraction
from ..errors import GameFileError, Problem

KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": ("extends", "game", "players", "payoffs", "notes", "costs", "analysis", "mediator", "repeated"),
    "game": ("title", "description", "source", "payoff_scale"),
    "players": ("name", "strategies", "compromise", "description"),
    "costs": ("name", "incidence", "weights", "weights_range", "between", "exposure", "source", "description"),
    "analysis": ("plausible_kappa",),
    "mediator": ("name", "budget", "source", "description"),
    "repeated": ("discount", "noise", "false_alarm", "detection", "source", "description"),
}


class _Checker:
    """Collects problems; each ``check_*`` returns a usable value or None."""

    def __init__(self, origin: str):
        self.origin = origin
        self.problems: list[Problem] = []
        self.flawed_players: set[int] = set()  # players with a reported problem
    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(key, message))

    def unknown_keys(self, table: dict, section: str, prefix: str) -> None:
        allowed = KNOWN_KEYS[section]
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(allowed)})"
                self.add(_join(prefix, key), f"unknown key{hint}")

    def string(self, table: dict, key: str, prefix: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.add(_join(prefix, key), "missing; add it as a string")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(_join(prefix, key), f"must be a non-empty string, not {_describe(value)}")
            return None
        return value

    def number(self, value: Any, key: str) -> Fraction | None:
        try:
            return to_fraction(value)
        except ValueError as exc:
            self.add(key, str(exc))
            return None

    def numbers(self, value: Any, key: str, length: int, what: str) -> list[Fraction] | None:
        if not isinstance(value, list):
            self.add(key, f"must be a list of {length} numbers ({what}), not {_describe(value)}")
            return None
        if len(value) != length:
            self.add(key, f"has {len(value)} numbers; it needs {length} ({what})")
            return None
        out = [self.number(v, f"{key}[{i}]") for i, v in enumerate(value)]
        return None if any(v is None for v in out) else out


def _join(prefix: str, key: str) -> str:
    quoted = key if key.replace("_", "").replace("-", "").isalnum() else f'"{key}"'
    return f"{prefix}.{quoted}" if prefix else quoted


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    return repr(value)


def game_from_dict(data: dict, origin: str = "<dict>") -> Game:
    """Validate parsed TOML data and build the :class:`Game`; all problems at once."""
    check = _Checker(origin)
    check.unknown_keys(data, "", "")

    game_table = data.get("game")
    title = description = source = None
    payoff_scale = "cardinal"
    if not isinstance(game_table, dict):
        check.add("game", "missing [game] table; add one with at least `title = \"...\"`")
    else:
        check.unknown_keys(game_table, "game", "game")
        title = check.string(game_table, "title", "game", required=True)
        description = check.string(game_table, "description", "game")
        source = check.string(game_table, "source", "game")
        scale = game_table.get("payoff_scale", "cardinal")
        if scale not in PAYOFF_SCALES:
            check.add("game.payoff_scale", f"must be \"cardinal\" or \"ordinal\", not {_describe(scale)}")
        else:
            payoff_scale = PayoffScale(scale)

    players = _players(data.get("players"), check)
    payoffs = notes = None
    costs: list[Cost] = []
    if players is not None:
        payoffs = _payoffs(data.get("payoffs"), players, check)
        notes = _notes(data.get("notes"), players, check)
        costs = _costs(data.get("costs"), players, check)
    elif "payoffs" not in data:
        check.add("payoffs", "missing [payoffs] table; give every outcome \"s1|s2\" = [u1, u2]")
    plausible = _analysis(data.get("analysis"), check)
    mediator = _mediator(data.get("mediator"), check)
    repeated = _repeated(data.get("repeated"), check)

    if check.problems:
        raise GameFileError(origin, check.problems)
    return Game(
        title=title, players=tuple(players), payoffs=payoffs, costs=tuple(costs),
        notes=notes or {}, description=description, source=source,
        payoff_scale=payoff_scale, plausible_kappa=plausible, origin=origin,
        mediator=mediator, repeated=repeated,
    )


def _players(raw: Any, check: _Checker) -> list[Player] | None:
    if raw is None:
        check.add("players", "missing; add two or more [[players]] tables with `name` and `strategies`")
        return None
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        check.add("players", "must be an array of tables: write each player as [[players]]")
        return None
    if len(raw) < 2:
        check.add("players", f"has {len(raw)} player; a game needs two or more [[players]] tables")
        return None
    players: list[Player] = []
    names_seen: set[str] = set()
    ok = True
    for index, table in enumerate(raw):
        prefix = f"players[{index}]"
        check.unknown_keys(table, "players", prefix)
        name = check.string(table, "name", prefix, required=True)
        if name is not None:
            if "|" in name:
                check.add(f"{prefix}.name", f"{name!r} contains '|', which separates strategies in outcome keys; rename it")
                name = None
            elif name in names_seen:
                check.add(f"{prefix}.name", f"duplicate player name {name!r}; player names must differ")
                name = None
            else:
                names_seen.add(name)
        strategies = _strategies(table.get("strategies"), f"{prefix}.strategies", check)
        compromise = table.get("compromise")
        if compromise is not None and strategies is not None:
            if not isinstance(compromise, str) or compromise not in strategies:
                close = difflib.get_close_matches(str(compromise), strategies, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                check.add(
                    f"{prefix}.compromise",
                    f"{compromise!r} is not one of this player's strategies ({', '.join(strategies)}){hint}",
                )
                compromise = None
        if any(p.key.startswith(prefix + ".") for p in check.problems):
            check.flawed_players.add(index)
        if name is None or strategies is None:
            ok = False
            continue
        players.append(Player(name=name, strategies=tuple(strategies), compromise=compromise,
                              description=check.string(table, "description", prefix)))
    return players if ok else None


def _strategies(raw: Any, key: str, check: _Checker) -> list[str] | None:
    if raw is None:
        check.add(key, "missing; list the player's strategies, e.g. [\"Cooperate\", \"Defect\"]")
        return None
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        check.add(key, "must be a list of non-empty strategy names (strings)")
        return None
    if not raw:
        check.add(key, "is empty; a player needs at least one strategy")
        return None
    problems = False
    for i, name in enumerate(raw):
        if name != name.strip():
            check.add(f"{key}[{i}]", f"{name!r} has spaces at either end; outcome keys could never name it")
            problems = True
        if "|" in name:
            check.add(f"{key}[{i}]", f"{name!r} contains '|', which separates strategies in outcome keys; rename it")
            problems = True
        if name in raw[:i]:
            check.add(f"{key}[{i}]", f"duplicate strategy {name!r}; strategy names of a player must differ")
            problems = True
    return None if problems else list(raw)


def _outcome_profiles(
    raw: Any, players: list[Player], section: str, check: _Checker,
    value_check: Callable[[Any, str], Any], seen: set | None = None,
) -> dict[tuple[int, ...], Any]:
    """Parse a table keyed by outcome ("s1|s2"); value_check validates each value.

    ``seen`` collects every outcome named, valid value or not.
    """
    shell = Game(title="", players=tuple(players), payoffs=np.empty(0))
    out: dict[tuple[int, ...], Any] = {}
    seen = set() if seen is None else seen
    for key, value in raw.items():
        item_key = _join(section, key)
        try:
            profile = shell.parse_outcome(key)
        except ValueError as exc:
            check.add(item_key, str(exc))
            continue
        if profile in seen:
            check.add(item_key, f"duplicate outcome: {shell.outcome_key(profile)!r} is given more than once")
            continue
        seen.add(profile)
        parsed = value_check(value, item_key)
        if parsed is not None:
            out[profile] = parsed
    return out


def _payoffs(raw: Any, players: list[Player], check: _Checker) -> np.ndarray | None:
    if raw is None:
        check.add("payoffs", "missing [payoffs] table; give every outcome \"s1|s2\" = [u1, u2]")
        return None
    if not isinstance(raw, dict):
        check.add("payoffs", "must be a table of outcome = [payoffs]")
        return None
    n = len(players)
    names = ", ".join(p.name for p in players)
    before = len(check.problems)
    seen: set = set()
    table = _outcome_profiles(
        raw, players, "payoffs", check,
        lambda value, key: check.numbers(value, key, n, f"one per player: {names}"), seen,
    )
    shell = Game(title="", players=tuple(players), payoffs=np.empty(0))
    missing = [shell.outcome_key(p) for p in shell.profiles() if p not in seen]
    if missing and len(check.problems) == before:
        shown = ", ".join(repr(k) for k in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        check.add("payoffs", f"missing {len(missing)} outcome(s): {shown}{more}; every outcome needs payoffs")
    elif missing:
        # Some keys were malformed; list what is still missing so all problems show at once.
        shown = ", ".join(repr(k) for k in missing[:10])
        check.add("payoffs", f"no payoffs for: {shown}{' ...' if len(missing) > 10 else ''}")
    if len(check.problems) != before:
        return None
    payoffs = np.empty(shell.shape + (n,), dtype=object)
    for profile, values in table.items():
        for i, v in enumerate(values):
            payoffs[profile + (i,)] = v
    return payoffs


def _notes(raw: Any, players: list[Player], check: _Checker) -> dict | None:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.add("notes", "must be a table of outcome = \"note\"")
        return None

    def note(value: Any, key: str) -> str | None:
        if not isinstance(value, str):
            check.add(key, f"must be a string, not {_describe(value)}")
            return None
        return value

    return _outcome_profiles(raw, players, "notes", check, note)


def _costs(raw: Any, players: list[Player], check: _Checker) -> list[Cost]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        check.add("costs", "must be an array of tables: write each cost as [[costs]]")
        return []
    n = len(players)
    player_names = [p.name for p in players]
    costs: list[Cost] = []
    seen: set[str] = set()
    for index, table in enumerate(raw):
        prefix = f"costs[{index}]"
        check.unknown_keys(table, "costs", prefix)
        name = check.string(table, "name", prefix, required=True)
        if name is not None and name in seen:
            check.add(f"{prefix}.name", f"duplicate cost name {name!r}")
        seen.add(name)
        incidence = table.get("incidence")
        if incidence not in INCIDENCES:
            close = difflib.get_close_matches(str(incidence), INCIDENCES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            what = "missing" if incidence is None else f"{_describe(incidence)} is not an incidence"
            check.add(f"{prefix}.incidence", f"{what}: use one of {', '.join(INCIDENCES)}{hint}")
            incidence = None
        else:
            incidence = Incidence(incidence)
        weights = None
        if "weights" not in table:
            check.add(f"{prefix}.weights", f"missing; give {n} weights, one per player")
        else:
            weights = check.numbers(table["weights"], f"{prefix}.weights", n, f"one per player: {', '.join(player_names)}")
        if weights is not None:
            for i, w in enumerate(weights):
                if w < 0:
                    check.add(f"{prefix}.weights[{i}]", f"is {w}; a cost weight must be >= 0 (a benefit is a payoff, not a cost)")
                    weights = None
                    break
        weights_range = None
        if "weights_range" in table:
            weights_range = _weights_range(table["weights_range"], weights, player_names, f"{prefix}.weights_range", check)
        between = _between(table.get("between"), player_names, f"{prefix}.between", check)
        exposure = None
        if incidence == "custom":
            exposure = _exposure(table.get("exposure"), players, f"{prefix}.exposure", check)
        elif "exposure" in table and incidence is not None:
            check.add(f"{prefix}.exposure", f"only a `custom` cost takes an exposure table; this one is {incidence!r}")
        if incidence in ("any_conflict", "own_confront", "mutual_confront") and between is not None:
            # own_confront only needs the compromise of players it charges.
            relevant = range(n) if incidence == "own_confront" else between
            lacking = [
                player_names[j] for j in relevant
                if players[j].compromise is None and j not in check.flawed_players
                and not (incidence == "own_confront" and weights is not None and weights[j] == 0)
            ]
            if any(players[j].compromise is None for j in relevant if j in check.flawed_players):
                incidence = None  # the player's own problem is reported already
            elif lacking:
                check.add(
                    f"{prefix}.incidence",
                    f"{incidence!r} needs a `compromise` strategy for {', '.join(lacking)}; "
                    "name one in [[players]] or use incidence = \"custom\"",
                )
                incidence = None
        if name and incidence and weights is not None and between is not None and (incidence != "custom" or exposure is not None):
            costs.append(Cost(name=name, incidence=incidence, weights=tuple(weights), between=tuple(between),
                              exposure=exposure, source=table.get("source"), weights_range=weights_range))
    return costs


def _weights_range(raw: Any, weights: list[Fraction] | None, names: list[str], key: str,
                   check: _Checker) -> tuple[tuple[Fraction, Fraction], ...] | None:
    """``[[lo, hi], ...]``, one pair per player, 0 <= lo <= hi, containing the stated weight."""
    n = len(names)
    if not isinstance(raw, list) or len(raw) != n or not any(isinstance(item, list) for item in raw):
        got = f"has {len(raw)} item{'' if len(raw) == 1 else 's'}" if isinstance(raw, list) else f"is {_describe(raw)}"
        if isinstance(raw, list) and len(raw) == n:
            got = "is one list of numbers"
        example = ", ".join(["[0, 1]"] * n)
        check.add(key, f"{got}; give {n} pairs [lo, hi], one per player ({', '.join(names)}), e.g. [{example}]")
        return None
    pairs = []
    for i, item in enumerate(raw):
        bounds = check.numbers(item, f"{key}[{i}]", 2, f"[lo, hi] for {names[i]}, 0 <= lo <= hi")
        if bounds is None:
            continue
        lo, hi = bounds
        if not 0 <= lo <= hi:
            check.add(f"{key}[{i}]", f"is [{lo}, {hi}]; it must be [lo, hi] with 0 <= lo <= hi")
        elif weights is not None and not lo <= weights[i] <= hi:
            check.add(f"{key}[{i}]", f"is [{lo}, {hi}], which does not contain the stated weight "
                                     f"{weights[i]} (weights[{i}]); widen the range or change the weight")
        else:
            pairs.append((lo, hi))
    return tuple(pairs) if len(pairs) == n else None


def _between(raw: Any, names: list[str], key: str, check: _Checker) -> list[int] | None:
    if raw is None:
        return list(range(len(names)))
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        check.add(key, "must be a non-empty list of player names")
        return None
    out = []
    for i, name in enumerate(raw):
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            check.add(f"{key}[{i}]", f"{name!r} is not a player ({', '.join(names)}){hint}")
            return None
        out.append(names.index(name))
    return out


def _exposure(raw: Any, players: list[Player], key: str, check: _Checker) -> dict | None:
    if not isinstance(raw, dict) or not raw:
        check.add(key, "a custom cost needs an exposure table: { \"s1|s2\" = [e1, e2], ... } (outcomes not listed: 0)")
        return None
    n = len(players)
    before = len(check.problems)

    def row(value: Any, item_key: str):
        values = check.numbers(value, item_key, n, "one exposure per player")
        if values is not None and any(v < 0 for v in values):
            check.add(item_key, "exposures must be >= 0")
            return None
        return tuple(values) if values is not None else None

    table = _outcome_profiles(raw, players, key, check, row)
    return table if len(check.problems) == before else None


def _analysis(raw: Any, check: _Checker) -> tuple[Fraction, Fraction] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("analysis", "must be a table")
        return None
    check.unknown_keys(raw, "analysis", "analysis")
    if "plausible_kappa" not in raw:
        return None
    value = raw["plausible_kappa"]
    key = "analysis.plausible_kappa"
    bounds = check.numbers(value, key, 2, "[lo, hi] with 0 <= lo <= hi")
    if bounds is None:
        return None
    lo, hi = bounds
    if not 0 <= lo <= hi:
        check.add(key, f"is [{lo}, {hi}]; it must be [lo, hi] with 0 <= lo <= hi")
        return None
    return lo, hi


def _bounded(check: _Checker, table: dict, key: str, prefix: str, lo: Fraction, hi: Fraction,
             lo_open: bool, hi_open: bool) -> Fraction | None:
    """An optional number that must lie between lo and hi (each end open or closed)."""
    if key not in table:
        return None
    value = check.number(table[key], f"{prefix}.{key}")
    if value is None:
        return None
    too_low = value <= lo if lo_open else value < lo
    too_high = value >= hi if hi_open else value > hi
    if too_low or too_high:
        rule = f"{fmt(lo)} {'<' if lo_open else '<='} {key} {'<' if hi_open else '<='} {fmt(hi)}"
        check.add(f"{prefix}.{key}", f"is {fmt(value)}; it must satisfy {rule}")
        return None
    return value


def _mediator(raw: Any, check: _Checker) -> Mediator | None:
    """``[mediator]``: who mediates and what it can pay per period (payoff units at κ = 1)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("mediator", "must be a table")
        return None
    check.unknown_keys(raw, "mediator", "mediator")
    budget = None
    if "budget" in raw:
        budget = check.number(raw["budget"], "mediator.budget")
        if budget is not None and budget < 0:
            check.add("mediator.budget", f"is {budget}; a budget must be >= 0")
            budget = None
    return Mediator(name=check.string(raw, "name", "mediator") or "mediator", budget=budget,
                    source=check.string(raw, "source", "mediator"))


def _repeated(raw: Any, check: _Checker) -> RepeatedSettings | None:
    """``[repeated]``: discount factor, implementation noise and monitoring of the repeated game."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("repeated", "must be a table")
        return None
    check.unknown_keys(raw, "repeated", "repeated")
    settings = RepeatedSettings(
        discount=_bounded(check, raw, "discount", "repeated", Fraction(0), Fraction(1), True, True),
        noise=_bounded(check, raw, "noise", "repeated", Fraction(0), Fraction(1, 2), True, True),
        false_alarm=_bounded(check, raw, "false_alarm", "repeated", Fraction(0), Fraction(1), False, True),
        detection=_bounded(check, raw, "detection", "repeated", Fraction(0), Fraction(1), True, False),
        source=check.string(raw, "source", "repeated"),
    )
    if settings.false_alarm is not None and settings.detection is not None and \
            settings.detection <= settings.false_alarm:
        check.add("repeated.detection", "must exceed repeated.false_alarm: a defection must make the "
                  "bad signal likelier than compliance does, or no trigger can deter it")
    return settings
