"""Reading one claim test's table: the words, numbers, names and outcomes its keys hold, each
problem recorded under its key (``claims[0].test[1].criterion``) like any problem of the file.

A claim kind's reader (its module in :mod:`sovgame.claims.kinds`) asks a :class:`TestReader`
for its own keys; names of players, strategies and outcomes are checked against this file
unless the test names another file (``game``, ``scenario``), whose names are checked when the
claim is graded.
"""

from __future__ import annotations

import difflib
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.model import Game, Player
from ..core.numbers import fmt
from ..costs.criteria import CRITERIA as CRITERION_ENUM
from ..costs.verdicts import Verdict
from ..sections.checker import Checker, describe_value

#: Criteria of a threshold (:class:`sovgame.costs.criteria.Criterion`).
CRITERIA = tuple(c.value for c in CRITERION_ENUM)
#: Verdict words (:class:`sovgame.costs.verdicts.Verdict`).
VERDICT_WORDS = tuple(v.value for v in Verdict)


class TestReader:
    """Reads one test table, recording each problem under its key; ``ok`` turns False at the
    first. ``game`` and ``kappa`` are the keys every kind shares (default κ = 1: today's
    costs); ``players`` are this file's players when names are checked here (None otherwise)."""

    __test__ = False  # not a pytest class, despite its name

    def __init__(self, table: dict, key: str, check: Checker):
        self.table, self.key, self.check = table, key, check
        self.ok = True
        self.game: str | None = None
        self.kappa = Fraction(1)
        self.players: list[Player] | None = None

    def common(self) -> dict[str, Any]:
        """The fields every test has: ``key``, ``kappa`` and ``game``."""
        return {"key": self.key, "kappa": self.kappa, "game": self.game}

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

    def profile(self, name: str, required: bool) -> str | None:
        """An outcome key "s1|s2", checked against this file's players when it is this file's."""
        key = self.text(name, required)
        if key is not None and self.players is not None:
            shell = Game(title="", players=tuple(self.players), payoffs=np.empty(0))
            try:
                shell.parse_outcome(key)
            except ValueError as exc:
                self.add(name, str(exc))
        return key

    def known_strategy(self, player: str | None, strategy: str | None) -> None:
        """A player (and one of its strategies) of this file, when the test is about this file."""
        if self.players is None or player is None:
            return
        found = next((p for p in self.players if p.name == player), None)
        if found is None:
            self.add("player", f"{player!r} is not a player of this game ({', '.join(p.name for p in self.players)})")
        elif strategy is not None and strategy not in found.strategies:
            self.add("strategy", f"{strategy!r} is not a strategy of {player} ({', '.join(found.strategies)})")

    def bounds(self, hi: Fraction) -> tuple[Fraction | None, Fraction | None]:
        """(``at_most``, ``at_least``): exactly one given, a number in [0, hi]."""
        at_most = self.number("at_most", Fraction(0), hi, False, False)
        at_least = self.number("at_least", Fraction(0), hi, False, False)
        given = [name for name in ("at_most", "at_least") if name in self.table]
        if len(given) != 1:
            self.add("at_most", "give exactly one of `at_most` and `at_least`: what the claim expects of the value")
        return at_most, at_least
