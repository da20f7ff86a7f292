"""Validating a game file's data for the user: every problem at once, each naming its key.

Validation collects every problem of a file before it fails, and each message names the key
(``payoffs."Strike|Tolerate TTP"[1]``), what is wrong and how to fix it. Problems that follow
from one already reported (a cost that needs a player's missing compromise) are not repeated.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case
from ..core.claims import Claim
from ..core.model import PAYOFF_SCALES, Cost, Game, PayoffScale, Player
from ..errors import GameFileError
from ..sections.checker import Checker, describe_value, outcome_profiles
from ..sections.registry import SECTIONS
from .validate_costs import COST_KEYS, validate_costs

#: Reads a file's ``[[claims]]`` (its value, the players when they are valid, the checker
#: that collects problems): :func:`sovgame.claims.registry.read_claims`, given from above.
ClaimReader = Callable[[Any, list[Player] | None, Checker], tuple[Claim, ...]]

#: The most outcomes (profiles of strategies) a game file may have; a .nfg file likewise.
MAX_OUTCOMES = 2_000_000

#: The keys of the tables every game file may have; the sections' tables and their keys are
#: in their modules (:mod:`sovgame.sections.registry`).
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": ("extends", "game", "players", "payoffs", "notes", "costs", "analysis", "claims"),
    "game": ("title", "description", "source", "payoff_scale"),
    "players": ("name", "strategies", "compromise", "description"),
    "costs": COST_KEYS,
    "analysis": ("plausible_kappa", "untouched_by_costs"),
}


def case_from_dict(data: dict, origin: str = "<dict>", claims: ClaimReader | None = None) -> Case:
    """Validate parsed TOML data and build the :class:`~sovgame.core.case.Case`; all problems
    at once. With ``[[capacity]]`` the case's game holds the expected payoffs. ``claims``
    reads the file's ``[[claims]]`` (its problems reported with the others); without it the
    claims are not read (a file read for its numbers only)."""
    check = Checker(origin)
    check.plain_texts(data)
    check.unknown_keys(data, KNOWN_KEYS[""] + tuple(kind.table for kind in SECTIONS), "")

    game_table = data.get("game")
    title = description = source = None
    payoff_scale = PayoffScale.CARDINAL
    if not isinstance(game_table, dict):
        check.add("game", 'missing [game] table; add one with at least `title = "..."`')
    else:
        check.unknown_keys(game_table, KNOWN_KEYS["game"], "game")
        title = check.string(game_table, "title", "game", required=True, name=True)
        description = check.string(game_table, "description", "game")
        source = check.string(game_table, "source", "game")
        scale = game_table.get("payoff_scale", "cardinal")
        if scale not in PAYOFF_SCALES:
            check.add("game.payoff_scale", f'must be "cardinal" or "ordinal", not {describe_value(scale)}')
        else:
            payoff_scale = PayoffScale(scale)

    players = _players(data.get("players"), check)
    payoffs = notes = None
    costs: list[Cost] = []
    if players is not None:
        payoffs = _payoffs(data.get("payoffs"), players, check)
        notes = _notes(data.get("notes"), players, check)
        costs = validate_costs(data.get("costs"), players, check)
    elif "payoffs" not in data:
        check.add("payoffs", 'missing [payoffs] table; give every outcome "s1|s2" = [u1, u2]')
    plausible = _analysis(data.get("analysis"), check)
    untouched = _untouched_by_costs(data.get("analysis"), players, check)
    stated_claims = () if claims is None else claims(data.get("claims"), players, check)
    sections = [(kind, kind.read(data.get(kind.table), players, check)) for kind in SECTIONS]
    if data.get("effects") is not None and data.get("capacity") is not None:
        # An effect is followed as a number added to the payoffs the analyses read; with limited
        # capacity those are expected payoffs, mixed from the stated ones, so it would move the
        # wrong numbers.
        check.add("effects", "cannot be combined with [[capacity]] (its payoffs are expected payoffs); drop one")

    if check.problems:
        raise GameFileError(origin, check.problems)
    # Each of these is reported above when missing.
    assert title is not None and players is not None and payoffs is not None
    game = Game(title=title, players=tuple(players), payoffs=payoffs, costs=tuple(costs), payoff_scale=payoff_scale)
    case = Case(
        game,
        description=description,
        source=source,
        notes=notes or {},
        plausible_kappa=plausible,
        origin=origin,
        claims=stated_claims,
        untouched_by_costs=untouched,
    )
    for kind, found in sections:  # in the registry's order; capacity makes the payoffs expected ones
        if found is not None:
            case = kind.attach(case, found)
    return case


#: The most players a file may have: a game's payoffs are an array with one axis per player and
#: one for the payoffs, and arrays hold at most 64 axes; no analysis reaches that far anyway.
MAX_PLAYERS = 32


def _players(raw: Any, check: Checker) -> list[Player] | None:
    if raw is None:
        check.add("players", "missing; add two or more [[players]] tables with `name` and `strategies`")
        return None
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        check.add("players", "must be an array of tables: write each player as [[players]]")
        return None
    if len(raw) < 2:
        check.add("players", f"has {len(raw)} player; a game needs two or more [[players]] tables")
        return None
    if len(raw) > MAX_PLAYERS:
        check.add("players", f"has {len(raw)} players; sovgame analyses games of at most {MAX_PLAYERS} players")
        return None
    players: list[Player] = []
    names_seen: set[str] = set()
    ok = True
    for index, table in enumerate(raw):
        prefix = f"players[{index}]"
        check.unknown_keys(table, KNOWN_KEYS["players"], prefix)
        name = check.string(table, "name", prefix, required=True, name=True)
        if name is not None:
            if "|" in name:
                check.add(
                    f"{prefix}.name", f"{name!r} contains '|', which separates strategies in outcome keys; rename it"
                )
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
        players.append(
            Player(
                name=name,
                strategies=tuple(strategies),
                compromise=compromise,
                description=check.string(table, "description", prefix),
            )
        )
    return players if ok else None


def _strategies(raw: Any, key: str, check: Checker) -> list[str] | None:
    if raw is None:
        check.add(key, 'missing; list the player\'s strategies, e.g. ["Cooperate", "Defect"]')
        return None
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        check.add(key, "must be a list of non-empty strategy names (strings)")
        return None
    if not raw:
        check.add(key, "is empty; a player needs at least one strategy")
        return None
    problems = False
    seen: set[str] = set()
    for i, name in enumerate(raw):
        if not check.plain_text(name, f"{key}[{i}]"):
            problems = True
            continue
        if name != name.strip():
            check.add(f"{key}[{i}]", f"{name!r} has spaces at either end; outcome keys could never name it")
            problems = True
        if "|" in name:
            check.add(f"{key}[{i}]", f"{name!r} contains '|', which separates strategies in outcome keys; rename it")
            problems = True
        if name in seen:
            check.add(f"{key}[{i}]", f"duplicate strategy {name!r}; strategy names of a player must differ")
            problems = True
        seen.add(name)
    return None if problems else list(raw)


def _payoffs(raw: Any, players: list[Player], check: Checker) -> np.ndarray | None:
    if raw is None:
        check.add("payoffs", 'missing [payoffs] table; give every outcome "s1|s2" = [u1, u2]')
        return None
    if not isinstance(raw, dict):
        check.add("payoffs", "must be a table of outcome = [payoffs]")
        return None
    n = len(players)
    names = ", ".join(p.name for p in players)
    before = len(check.problems)
    seen: set = set()
    table = outcome_profiles(
        raw,
        players,
        "payoffs",
        check,
        lambda value, key: check.numbers(value, key, n, f"one per player: {names}"),
        seen,
    )
    shell = Game(title="", players=tuple(players), payoffs=np.empty(0))
    total = math.prod(shell.shape)
    if total > MAX_OUTCOMES:
        check.add(
            "players",
            f"the strategies make {total:,} outcomes ({' x '.join(map(str, shell.shape))}); "
            f"sovgame reads games of up to {MAX_OUTCOMES:,} outcomes",
        )
        return None
    # The first ten missing outcomes, without listing every outcome of a large game.
    missing_count = total - len(seen)
    missing = list(itertools.islice((shell.outcome_key(p) for p in shell.profiles() if p not in seen), 10))
    if missing and len(check.problems) == before:
        shown = ", ".join(repr(k) for k in missing)
        more = f" and {missing_count - 10} more" if missing_count > 10 else ""
        check.add("payoffs", f"missing {missing_count} outcome(s): {shown}{more}; every outcome needs payoffs")
    elif missing:
        # Some keys were malformed; list what is still missing so all problems show at once.
        shown = ", ".join(repr(k) for k in missing)
        check.add("payoffs", f"no payoffs for: {shown}{' ...' if missing_count > 10 else ''}")
    if len(check.problems) != before:
        return None
    payoffs = np.empty(shell.shape + (n,), dtype=object)
    for profile, values in table.items():
        for i, v in enumerate(values):
            payoffs[profile + (i,)] = v
    return payoffs


def _notes(raw: Any, players: list[Player], check: Checker) -> dict | None:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.add("notes", 'must be a table of outcome = "note"')
        return None

    def note(value: Any, key: str) -> str | None:
        """The note's text, or None when it is not a string (reported)."""
        if not isinstance(value, str):
            check.add(key, f"must be a string, not {describe_value(value)}")
            return None
        return value

    return outcome_profiles(raw, players, "notes", check, note)


def _analysis(raw: Any, check: Checker) -> tuple[Fraction, Fraction] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("analysis", "must be a table")
        return None
    check.unknown_keys(raw, KNOWN_KEYS["analysis"], "analysis")
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


def _untouched_by_costs(raw: Any, players: list[Player] | None, check: Checker) -> tuple[str, ...]:
    """``[analysis] untouched_by_costs``: the players the file means no cost to move (their
    costs fall alike on all their choices, or they pay none); loading then notes it in the
    costs table instead of warning (:func:`sovgame.files.validate_costs.cost_traps`)."""
    if not isinstance(raw, dict) or "untouched_by_costs" not in raw:
        return ()
    key = "analysis.untouched_by_costs"
    value = raw["untouched_by_costs"]
    if not isinstance(value, list):
        check.add(key, f'must be a list of player names, e.g. ["India"], not {describe_value(value)}')
        return ()
    names = [p.name for p in players or ()]
    for i, name in enumerate(value):
        if not isinstance(name, str):
            check.add(f"{key}[{i}]", f"must be a player's name, not {describe_value(name)}")
        elif players is not None and name not in names:
            check.add(f"{key}[{i}]", f"{name!r} is not a player ({', '.join(names)})")
    return tuple(dict.fromkeys(name for name in value if isinstance(name, str)))
