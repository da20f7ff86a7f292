"""``[stability]``: what the Graph Model for Conflict Resolution needs beyond the normal form.

Published GMCR cases (Fang, Hipel & Kilgour 1993) declare states that cannot occur
(*infeasible* states: combinations of options that exclude each other) and moves that cannot
be undone (*irreversible* moves: an abandoned plant is not reopened), and name the *status
quo* from which the conflict evolves. A GMCR state is a combination of options; where
several strategy profiles are one state (once a firm abandons its plant, whatever the others
chose no longer matters), ``same_state`` says so. :mod:`sovgame.play.gmcr` reads them from
here::

    [stability]
    status_quo = "Strike|Tolerate TTP"
    infeasible = ["Restrain strikes|Tolerate TTP"]
    irreversible = [{ player = "Pakistan", from = "Strike", to = ["Restrain strikes"] }]
    same_state = [["Strike|Constrain TTP", "Strike|Tolerate TTP"]]

``irreversible`` forbids the listed player's moves from ``from`` (to every other strategy,
or only to those in ``to``). Each list of ``same_state`` is one state, named by its first
outcome; its outcomes must have the same payoffs and costs (checked once the game is built).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.case import Case
from ..core.model import Game, Player, Profile
from ..errors import GameFileError, Problem
from .checker import Checker, describe_value, outcome_profiles, player_index, strategy_index
from .kind import SectionKind


@dataclass(frozen=True)
class StabilitySettings:
    """``infeasible``: profiles that are no state; ``forbidden``: (player, from, to) strategy
    moves that cannot be made; ``status_quo``: the state the conflict starts from, if named;
    ``same_state``: groups of profiles that are one state each, the first naming it."""

    infeasible: frozenset[Profile] = frozenset()
    forbidden: frozenset[tuple[int, int, int]] = frozenset()
    status_quo: Profile | None = None
    source: str | None = None
    same_state: tuple[tuple[Profile, ...], ...] = ()

    def state_of(self) -> dict[Profile, Profile]:
        """Each grouped profile's state: the first profile of its group."""
        return {member: group[0] for group in self.same_state for member in group}


#: The keys of ``[stability]``.
KEYS = ("status_quo", "infeasible", "irreversible", "same_state", "source", "description")
#: The keys of each table of ``irreversible``.
MOVE_KEYS = ("player", "from", "to")


def _outcomes(raw: Any, key: str, players: list[Player], check: Checker) -> list[Profile] | None:
    """A list of outcome keys ("s1|s2"), each checked against the players."""
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        check.add(key, f'must be a list of outcomes such as ["s1|s2"], not {describe_value(raw)}')
        return None
    found = outcome_profiles({name: True for name in raw}, players, key, check, lambda v, k: v)
    return list(found)


def _moves(raw: Any, players: list[Player], check: Checker) -> set[tuple[int, int, int]]:
    """``irreversible``: the strategy moves each table forbids."""
    key = "stability.irreversible"
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        check.add(key, 'must be a list of tables such as { player = "P", from = "s" }')
        return set()
    forbidden: set[tuple[int, int, int]] = set()
    for index, table in enumerate(raw):
        where = f"{key}[{index}]"
        check.unknown_keys(table, MOVE_KEYS, where)
        player = player_index(table.get("player"), f"{where}.player", players, check)
        if player is None:
            continue
        who = players[player]
        start = strategy_index(table.get("from"), f"{where}.from", who, check)
        targets = table.get("to", [s for s in who.strategies if s != table.get("from")])
        targets = [targets] if isinstance(targets, str) else targets
        if not isinstance(targets, list):
            check.add(f"{where}.to", f"must be a strategy or a list of strategies, not {describe_value(targets)}")
            continue
        ends = [strategy_index(t, f"{where}.to", who, check) for t in targets]
        if start is not None:
            forbidden.update((player, start, end) for end in ends if end is not None and end != start)
    return forbidden


def _groups(raw: Any, infeasible: list[Profile], players: list[Player], check: Checker) -> list[tuple[Profile, ...]]:
    """``same_state``: lists of two or more outcomes, each outcome in one list at most and
    none of them infeasible."""
    key = "stability.same_state"
    if not isinstance(raw, list) or not all(isinstance(x, list) for x in raw):
        check.add(key, 'must be a list of lists of outcomes such as [["s1|s2", "s1|s3"]]')
        return []
    groups: list[tuple[Profile, ...]] = []
    grouped: set[Profile] = set()
    for index, names in enumerate(raw):
        where = f"{key}[{index}]"
        found = _outcomes(names, where, players, check)
        if found is None:
            continue
        if len(found) < 2:
            check.add(where, "names one outcome; a shared state needs two or more")
            continue
        clash = [p for p in found if p in grouped or p in infeasible]
        for profile in clash:
            what = "infeasible" if profile in infeasible else "already in another group"
            check.add(where, f"{_name(players, profile)!r} is {what}")
        if not clash:
            grouped.update(found)
            groups.append(tuple(found))
    return groups


def _name(players: list[Player], profile: Profile) -> str:
    return "|".join(p.strategies[k] for p, k in zip(players, profile))


def same_state_problems(game: Game, settings: StabilitySettings) -> list[Problem]:
    """Each group of ``same_state`` whose outcomes differ in a payoff or a cost load (one state
    has one preference rank per player, at every κ), or that holds an infeasible outcome or
    one of another group (settings built in Python; a file's reader reports those)."""
    problems = []
    load = game.cost_load()
    seen: set[Profile] = set()
    for index, group in enumerate(settings.same_state):
        for member in group:
            if member in settings.infeasible or member in seen:
                what = "is infeasible" if member in settings.infeasible else "is in two groups"
                problems.append(Problem(f"stability.same_state[{index}]", f"{game.outcome_key(member)!r} {what}"))
        seen.update(group)
        first = group[0]
        for other in group[1:]:
            if any(
                game.payoffs[first + (i,)] != game.payoffs[other + (i,)] or load[first + (i,)] != load[other + (i,)]
                for i in range(game.n_players)
            ):
                problems.append(
                    Problem(
                        f"stability.same_state[{index}]",
                        f"{game.outcome_key(other)!r} has other payoffs or costs than {game.outcome_key(first)!r}; "
                        "the outcomes of one state must have the same payoffs and costs",
                    )
                )
    return problems


def attach_stability(case: Case, settings: StabilitySettings) -> Case:
    """The case with its ``[stability]``, once the outcomes of each shared state are checked."""
    problems = same_state_problems(case.game, settings)
    if problems:
        raise GameFileError(case.origin or "<dict>", problems)
    return case.with_section(settings)


def read_stability(raw: Any, players: list[Player] | None, check: Checker) -> StabilitySettings | None:
    """``[stability]``: ``status_quo``, ``infeasible`` and ``irreversible``, read once the
    players are (``players`` not None)."""
    if raw is None or players is None:
        return None
    if not isinstance(raw, dict):
        check.add("stability", "must be a table")
        return None
    check.unknown_keys(raw, KEYS, "stability")
    infeasible = _outcomes(raw.get("infeasible", []), "stability.infeasible", players, check) or []
    forbidden = _moves(raw.get("irreversible", []), players, check)
    same_state = _groups(raw.get("same_state", []), infeasible, players, check)
    status_quo = None
    if "status_quo" in raw:
        named = _outcomes(
            [raw["status_quo"]] if isinstance(raw["status_quo"], str) else raw["status_quo"],
            "stability.status_quo",
            players,
            check,
        )
        if named:
            status_quo = named[0]
            if status_quo in infeasible:
                check.add("stability.status_quo", "names an infeasible state; the status quo must be feasible")
    return StabilitySettings(
        frozenset(infeasible),
        frozenset(forbidden),
        status_quo,
        check.string(raw, "source", "stability"),
        tuple(same_state),
    )


SECTION = SectionKind("stability", KEYS, read_stability, attach_stability)
