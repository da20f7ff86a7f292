"""Every kind of claim test, in one place, and the reader of a file's ``[[claims]]``.

A kind is one module of :mod:`sovgame.claims.kinds`, named by the word a file writes: its
frozen dataclass, its reader, its grader and its words, ending with its
:class:`~sovgame.claims.kind.ClaimKind`. A new kind is one more module, one more word here,
its view and its documentation. A kind's module is imported the first time a file names it,
and the analyses its grader needs the first time it grades: every command that loads a file
reads its claims, and importing all sixteen graders would cost each of them about 50 ms.

:func:`read_claims` is what :func:`sovgame.files.gamefile.parse_case` is given to read a
file's claims (files sit below the graders, which need play and robustness), so problems of
claims are reported with every other problem of the file, all at once.
"""

from __future__ import annotations

import importlib
from fractions import Fraction
from typing import Any

from ..core.claims import Claim, ClaimTest
from ..core.model import Player
from ..sections.checker import Checker, describe_value
from .grading import Context, Grade, TestResult, Untestable
from .kind import ClaimKind
from .reading import TestReader

#: The words ``kind`` may take, each the name of its module in :mod:`sovgame.claims.kinds`.
KIND_NAMES = (
    "threshold",
    "equilibrium",
    "game_type",
    "mediation",
    "repeated",
    "third_party",
    "scenario",
    "binding",
    "sequence",
    "capacity",
    "trust",
    "spoiler",
    "bargaining",
    "signals",
    "stability",
    "qre",
)


def kind_named(name: str) -> ClaimKind[Any]:
    """The kind of the word ``name`` (one of :data:`KIND_NAMES`), its module imported on first use."""
    if name not in KIND_NAMES:
        raise KeyError(name)
    kind: ClaimKind[Any] = importlib.import_module(f"{__package__}.kinds.{name}").KIND
    return kind


def all_kinds() -> tuple[ClaimKind[Any], ...]:
    """Every kind, in the order of :data:`KIND_NAMES` (imports them all)."""
    return tuple(kind_named(name) for name in KIND_NAMES)


#: The keys a [[claims]] table may have.
CLAIM_KEYS = ("id", "text", "source", "test")
#: The keys every test may have, whatever its kind.
COMMON_KEYS = ("kind", "game")


def grade_test(test: ClaimTest, ctx: Context) -> TestResult:
    """One test computed and graded by its kind; a test the file cannot answer is "not testable"."""
    kind = kind_named(test.kind)
    try:
        return kind.grade(test, ctx)
    except Untestable as exc:
        quantity, expects = kind.describe(test)
        return TestResult(test, quantity, "—", None, expects, Grade.NOT_TESTABLE, str(exc))


#: The most claims a file may state, and tests a claim may have: each test is computed for
#: every report, and sensitivity follows every grade along every number.
MAX_CLAIMS, MAX_TESTS = 100, 20


def read_claims(raw: Any, players: list[Player] | None, check: Checker) -> tuple[Claim, ...]:
    """``[[claims]]``: every claim and its tests; problems are recorded under their keys.
    Names of players, strategies and outcomes are checked against ``players`` (None: not
    checked) unless a test names another file."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        check.add("claims", "must be an array of tables: write each claim as [[claims]]")
        return ()
    if len(raw) > MAX_CLAIMS:
        check.add("claims", f"has {len(raw):,} claims; a file may state at most {MAX_CLAIMS} (split it into files)")
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
    if len(tables) > MAX_TESTS:
        check.add(key, f"has {len(tables)} tests; a claim may have at most {MAX_TESTS}")
        return None
    tests = [_test(table, where, players, check) for where, table in tables]
    return None if any(t is None for t in tests) else tuple(t for t in tests if t is not None)


def _test(table: dict, key: str, players: list[Player] | None, check: Checker) -> ClaimTest | None:
    """One test table: its kind, the keys every kind shares, then its kind's own (README,
    "Claims"); None when anything in it is reported."""
    reader = TestReader(table, key, check)
    name = reader.word("kind", KIND_NAMES)
    if name is None:
        return None
    kind = kind_named(name)
    check.unknown_keys(table, COMMON_KEYS + kind.keys, key)
    reader.game = reader.text("game", required=False)
    kappa = reader.number("kappa", Fraction(0), None, False, False)
    if kappa is not None:
        reader.kappa = kappa
    reader.players = players if reader.game is None else None  # names are checked here only for this file
    return kind.read(reader)
