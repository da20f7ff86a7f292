"""Validating ``[[claims]]``: each claim's id, text and source, and each test's kind and the
keys that kind takes (README, "Claims"). A malformed test is a problem of the file, named by
its key, like any other; names of players, strategies and outcomes are checked against this
file unless the test names another file (``game``, ``scenario``), whose names are checked
when the claim is graded.
"""

from __future__ import annotations

import difflib
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.claims import (
    BINDING_CRITERIA,
    BINDING_EXPECT,
    CRITERIA,
    DIRECTIONS,
    EQUILIBRIUM_EXPECT,
    GAME_TYPES,
    GRIM_EXPECT,
    MEDIATION_QUANTITIES,
    REPEATED_QUANTITIES,
    REPEATED_STRATEGIES,
    TRANSFERS_EXPECT,
    VERDICT_WORDS,
    Claim,
    ClaimTest,
    TestKind,
)
from ..core.model import Game, Player
from ..core.numbers import fmt
from ..sections.checker import Checker, describe_value

#: The keys a [[claims]] table may have.
CLAIM_KEYS = ("id", "text", "source", "test")

_COMMON = ("kind", "game")
#: The keys each kind of test may have (besides ``kind`` and ``game``).
TEST_KEYS: dict[TestKind, tuple[str, ...]] = {
    TestKind.THRESHOLD: ("criterion", "expect", "target"),
    TestKind.EQUILIBRIUM: ("profile", "expect", "kappa"),
    TestKind.GAME_TYPE: ("expect", "kappa", "target"),
    TestKind.MEDIATION: ("quantity", "expect", "at_most", "at_least", "kappa", "target"),
    TestKind.REPEATED: ("quantity", "expect", "discount", "at_most", "at_least", "pair", "noise", "kappa"),
    TestKind.THIRD_PARTY: ("player", "strategy", "criterion", "expect"),
    TestKind.SCENARIO: ("scenario", "criterion", "direction", "expect", "gains", "loses", "kappa"),
    TestKind.BINDING: ("criterion", "player", "expect"),
    TestKind.SEQUENCE: ("order", "criterion", "expect"),
    TestKind.CAPACITY: ("player", "strategy", "success", "criterion", "expect"),
    TestKind.TRUST: ("player", "type", "expect", "kappa"),
}
KINDS = tuple(k.value for k in TestKind)


def validate_claims(raw: Any, players: list[Player] | None, check: Checker) -> tuple[Claim, ...]:
    """``[[claims]]``: every claim and its tests; problems are recorded under their keys."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        check.add("claims", "must be an array of tables: write each claim as [[claims]]")
        return ()
    claims, seen = [], set()
    for index, table in enumerate(raw):
        prefix = f"claims[{index}]"
        check.unknown_keys(table, CLAIM_KEYS, prefix)
        claim_id = check.string(table, "id", prefix, required=True)
        if claim_id is not None and claim_id in seen:
            check.add(f"{prefix}.id", f"duplicate claim id {claim_id!r}; ids must differ")
            claim_id = None
        seen.add(claim_id)
        text = check.string(table, "text", prefix, required=True)
        source = check.string(table, "source", prefix, required=True)
        tests = _tests(table.get("test"), f"{prefix}.test", players, check)
        if claim_id and text and source and tests:
            claims.append(Claim(claim_id, text, source, tests))
    return tuple(claims)


def _tests(raw: Any, key: str, players: list[Player] | None, check: Checker) -> tuple[ClaimTest, ...] | None:
    """A claim's ``test``: one table or a non-empty array of them."""
    if raw is None:
        check.add(key, 'missing; give the test as a table, e.g. test = { kind = "threshold", ... }')
        return None
    if isinstance(raw, dict):
        tables = [(key, raw)]
    elif isinstance(raw, list) and raw and all(isinstance(t, dict) for t in raw):
        tables = [(f"{key}[{i}]", t) for i, t in enumerate(raw)]
    else:
        check.add(key, f"must be a table or a non-empty array of tables, not {describe_value(raw)}")
        return None
    tests = [_test(table, where, players, check) for where, table in tables]
    return None if any(t is None for t in tests) else tuple(t for t in tests if t is not None)


class _Reader:
    """Reads one test table, recording each problem under its key."""

    def __init__(self, table: dict, key: str, check: Checker):
        self.table, self.key, self.check = table, key, check
        self.ok = True

    def add(self, name: str, message: str) -> None:
        """Record a problem of key ``name`` of this test."""
        self.check.add(f"{self.key}.{name}", message)
        self.ok = False

    def word(self, name: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        """One of ``allowed``."""
        value = self.table.get(name)
        if value is None:
            if required:
                self.add(name, f"missing; one of: {', '.join(allowed)}")
            return None
        if value not in allowed:
            close = difflib.get_close_matches(str(value), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.add(name, f"{describe_value(value)} is not one of: {', '.join(allowed)}{hint}")
            return None
        return str(value)

    def words(self, name: str, allowed: tuple[str, ...], required: bool = True) -> tuple[str, ...]:
        """One word of ``allowed`` or a non-empty list of them."""
        value = self.table.get(name)
        if value is None:
            if required:
                self.add(name, f"missing; one of {', '.join(allowed)}, or a list of them")
            return ()
        items = value if isinstance(value, list) else [value]
        if not items:
            self.add(name, f"is empty; give one of {', '.join(allowed)}, or a list of them")
            return ()
        bad = [v for v in items if v not in allowed]
        if bad:
            self.add(name, f"{describe_value(bad[0])} is not one of: {', '.join(allowed)}")
            return ()
        return tuple(dict.fromkeys(str(v) for v in items))

    def text(self, name: str, required: bool = True) -> str | None:
        """A non-empty string."""
        value = self.check.string(self.table, name, self.key, required=required)
        if value is None and (required or name in self.table):
            self.ok = False
        return value

    def number(self, name: str, lo: Fraction, hi: Fraction | None, lo_open: bool, hi_open: bool) -> Fraction | None:
        """An optional number in the stated range (``hi`` None: no upper bound)."""
        if name not in self.table:
            return None
        before = len(self.check.problems)
        if hi is None:
            value = self.check.number(self.table[name], f"{self.key}.{name}")
            if value is not None and value < lo:
                self.check.add(f"{self.key}.{name}", f"is {fmt(value)}; it must be >= {fmt(lo)}")
                value = None
        else:
            value = self.check.bounded(self.table, name, self.key, lo, hi, lo_open, hi_open)
        if len(self.check.problems) != before:
            self.ok = False
        return value


def _test(table: dict, key: str, players: list[Player] | None, check: Checker) -> ClaimTest | None:
    """One test table: its kind, then the keys of that kind (README, "Claims"); None when
    anything in it is reported."""
    read = _Reader(table, key, check)
    kind_word = read.word("kind", KINDS)
    if kind_word is None:
        return None
    kind = TestKind(kind_word)
    check.unknown_keys(table, _COMMON + TEST_KEYS[kind], key)
    fields: dict[str, Any] = {"game": read.text("game", required=False)}
    kappa = read.number("kappa", Fraction(0), None, False, False)
    if kappa is not None:
        fields["kappa"] = kappa
    local = players if fields["game"] is None else None  # names are checked here only for this file
    if kind == TestKind.THRESHOLD:
        fields |= {"criterion": read.word("criterion", CRITERIA), "expect": read.words("expect", VERDICT_WORDS)}
        fields["target"] = _profile(read, "target", local, required=False)
    elif kind == TestKind.EQUILIBRIUM:
        fields["profile"] = _profile(read, "profile", local, required=True)
        fields["expect"] = (read.word("expect", EQUILIBRIUM_EXPECT),)
    elif kind == TestKind.GAME_TYPE:
        fields |= {"expect": read.words("expect", GAME_TYPES), "target": _profile(read, "target", local, False)}
    elif kind == TestKind.MEDIATION:
        fields["quantity"] = quantity = read.word("quantity", MEDIATION_QUANTITIES)
        fields["target"] = _profile(read, "target", local, required=False)
        if quantity == "transfers":
            fields["expect"] = (read.word("expect", TRANSFERS_EXPECT),)
        elif quantity is not None:
            fields |= _bounds(read, Fraction(1))
    elif kind == TestKind.REPEATED:
        fields["quantity"] = quantity = read.word("quantity", REPEATED_QUANTITIES)
        if quantity == "grim_trigger":
            fields["expect"] = (read.word("expect", GRIM_EXPECT),)
            fields["discount"] = read.number("discount", Fraction(0), Fraction(1), True, True)
        elif quantity is not None:
            fields |= _bounds(read, Fraction(1))
            fields["noise"] = read.number("noise", Fraction(0), Fraction(1, 2), True, True)
            fields["pair"] = _pair(read)
    elif kind == TestKind.THIRD_PARTY:
        fields |= {"player": read.text("player"), "strategy": read.text("strategy")}
        fields["criterion"] = read.word("criterion", ("nash",), required=False) or "nash"
        fields["expect"] = read.words("expect", VERDICT_WORDS)
        _known_strategy(read, local, fields["player"], fields["strategy"])
    elif kind == TestKind.SCENARIO:
        fields |= _scenario(read)
    elif kind == TestKind.BINDING:
        fields |= {"criterion": read.word("criterion", BINDING_CRITERIA), "player": read.text("player")}
        fields["expect"] = (read.word("expect", BINDING_EXPECT),)
        _known_strategy(read, local, fields["player"], None)
    else:  # sequence, capacity, trust: beyond one simultaneous move
        from .validate_move_claims import move_test_fields

        fields |= move_test_fields(kind, read, local)
    return ClaimTest(kind, key, **fields) if read.ok else None


def _bounds(read: _Reader, hi: Fraction) -> dict[str, Fraction | None]:
    """``at_most`` or ``at_least`` (exactly one), a number in [0, hi]."""
    bounds = {name: read.number(name, Fraction(0), hi, False, False) for name in ("at_most", "at_least")}
    given = [name for name in ("at_most", "at_least") if name in read.table]
    if len(given) != 1:
        read.add("at_most", "give exactly one of `at_most` and `at_least`: what the claim expects of the value")
    return bounds


def _pair(read: _Reader) -> tuple[str, str] | None:
    """Two noisy strategies, e.g. ["tft", "tft"] (default: none given)."""
    value = read.table.get("pair")
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2 or any(v not in REPEATED_STRATEGIES for v in value):
        read.add("pair", f'must be two of {", ".join(REPEATED_STRATEGIES)}, e.g. ["tft", "tft"]')
        return None
    return str(value[0]), str(value[1])


def _scenario(read: _Reader) -> dict[str, Any]:
    """A scenario test: ``scenario`` and either ``criterion`` with ``direction`` (and
    optionally ``expect``), or ``gains`` / ``loses`` an outcome of the scenario."""
    fields: dict[str, Any] = {"scenario": read.text("scenario")}
    moved = [name for name in ("gains", "loses") if name in read.table]
    if len(moved) > 1 or (moved and "criterion" in read.table):
        read.add(moved[-1], "give either `criterion` with `direction`, or one of `gains` and `loses`")
        return fields
    if moved:
        fields["profile"] = read.text(moved[0])
        fields["gains"] = moved[0] == "gains"
        return fields
    fields["criterion"] = read.word("criterion", CRITERIA)
    fields["direction"] = read.word("direction", DIRECTIONS)
    fields["expect"] = read.words("expect", VERDICT_WORDS, required=False)
    return fields


def _profile(read: _Reader, name: str, players: list[Player] | None, required: bool) -> str | None:
    """An outcome key "s1|s2", checked against this file's players when it is this file's."""
    key = read.text(name, required)
    if key is not None and players is not None:
        shell = Game(title="", players=tuple(players), payoffs=np.empty(0))
        try:
            shell.parse_outcome(key)
        except ValueError as exc:
            read.add(name, str(exc))
    return key


def _known_strategy(read: _Reader, players: list[Player] | None, player: str | None, strategy: str | None) -> None:
    """A player (and one of its strategies) of this file, when the test is about this file."""
    if players is None or player is None:
        return
    found = next((p for p in players if p.name == player), None)
    if found is None:
        read.add("player", f"{player!r} is not a player of this game ({', '.join(p.name for p in players)})")
    elif strategy is not None and strategy not in found.strategies:
        read.add("strategy", f"{strategy!r} is not a strategy of {player} ({', '.join(found.strategies)})")
