"""Collecting the problems of a file: every check records what is wrong under the key it
concerns and returns a usable value or None, so that one pass reports every problem at once."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.model import Game, Player
from ..core.numbers import fmt, to_fraction
from ..errors import Problem

#: The longest name a file may give (a title, a player, a strategy, a cost, a claim's id), and
#: the longest text (a note, a source, a description), in characters: names fill table cells
#: and every line that mentions them, texts are printed whole.
MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 20_000

#: Control characters (Unicode category Cc: U+0000–001F, U+007F–009F) a text may not hold: all
#: but tab and line feed, and a carriage return only before a line feed (Windows line ends).
NOT_IN_A_TEXT = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Those a table key may not hold: all but tab.
NOT_IN_A_KEY = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


class Checker:
    """Collects the problems of one file; each check returns a usable value or None."""

    def __init__(self, origin: str):
        self.origin = origin
        self.problems: list[Problem] = []
        self.flawed_players: set[int] = set()  # players with a reported problem
        self.flawed_texts: set[str] = set()  # keys whose text was reported by plain_texts

    def add(self, key: str, message: str) -> None:
        """Record a problem under ``key``."""
        self.problems.append(Problem(key, message))

    def unknown_keys(self, table: dict, allowed: tuple[str, ...], prefix: str) -> None:
        """Report every key of ``table`` not in ``allowed``, with the closest known key."""
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(allowed)})"
                self.add(join_key(prefix, key), f"unknown key{hint}")

    def string(self, table: dict, key: str, prefix: str, required: bool = False, name: bool = False) -> str | None:
        """An optional (or required, non-empty) string; ``name``: a name, on one line."""
        value = table.get(key)
        if value is None:
            if required:
                self.add(join_key(prefix, key), "missing; add it as a string")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(join_key(prefix, key), f"must be a non-empty string, not {describe_value(value)}")
            return None
        if not self.plain_text(value, join_key(prefix, key), multiline=not name):
            return None
        return value

    def plain_texts(self, data: Any, key: str = "") -> None:
        """Report every string of a file's data, table keys included, that holds a control
        character other than a tab or a line break (CR only before LF) or is longer than
        :data:`MAX_TEXT_LENGTH`: texts are printed on the terminal, where an escape sequence
        in a file could set the window title or clear the screen. Keys are joined only where
        they are needed (a 200x200 game holds 40,000 payoff lists)."""
        items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
        for name, value in items:
            if isinstance(name, str) and NOT_IN_A_KEY.search(name):
                self._flag(join_key(key, name), NOT_IN_A_KEY.search(name))
            if isinstance(value, str):
                if NOT_IN_A_TEXT.search(value) or len(value) > MAX_TEXT_LENGTH:
                    self._flag(_item_key(key, name), NOT_IN_A_TEXT.search(value), len(value))
            elif isinstance(value, dict) or (
                isinstance(value, list) and any(isinstance(v, (str, dict, list)) for v in value)
            ):
                self.plain_texts(value, _item_key(key, name))

    def _flag(self, key: str, bad: re.Match | None, length: int = 0) -> None:
        """Report a control character ``bad`` under ``key``, else a text of ``length`` characters."""
        if bad is not None:
            self.add(key, f"contains the control character U+{ord(bad.group()[0]):04X}; remove it")
        else:
            self.add(key, f"is {length:,} characters long; the most a text may have is {MAX_TEXT_LENGTH:,}")
        self.flawed_texts.add(key)

    def plain_text(self, value: str, key: str, multiline: bool = False) -> bool:
        """Whether ``value`` is a plain text (reported if not): free of control characters
        (:meth:`plain_texts`); a name (not ``multiline``) also on one line, without tabs, and
        at most :data:`MAX_NAME_LENGTH` characters long."""
        if key in self.flawed_texts:
            return False
        allowed = "\t\n\r" if multiline else ""
        bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in allowed), None)
        if bad is not None:
            where = " in a name" if not multiline else ""
            self.add(key, f"contains the control character U+{ord(bad):04X}{where}; remove it")
            return False
        if not multiline and len(value) > MAX_NAME_LENGTH:
            self.add(key, f"is {len(value):,} characters long; the most a name may have is {MAX_NAME_LENGTH}")
            return False
        return True

    def number(self, value: Any, key: str) -> Fraction | None:
        """An exact number (:func:`sovgame.core.numbers.to_fraction`)."""
        try:
            return to_fraction(value)
        except ValueError as exc:
            self.add(key, str(exc))
            return None

    def numbers(self, value: Any, key: str, length: int, what: str) -> list[Fraction] | None:
        """A list of exactly ``length`` numbers; ``what`` says what they are, for messages."""
        if not isinstance(value, list):
            self.add(key, f"must be a list of {length} numbers ({what}), not {describe_value(value)}")
            return None
        if len(value) != length:
            self.add(key, f"has {len(value)} numbers; it needs {length} ({what})")
            return None
        out = [self.number(v, f"{key}[{i}]") for i, v in enumerate(value)]
        numbers = [v for v in out if v is not None]
        return numbers if len(numbers) == len(out) else None

    def bounded(
        self, table: dict, key: str, prefix: str, lo: Fraction, hi: Fraction, lo_open: bool, hi_open: bool
    ) -> Fraction | None:
        """An optional number that must lie between lo and hi (each end open or closed)."""
        if key not in table:
            return None
        value = self.number(table[key], f"{prefix}.{key}")
        if value is None:
            return None
        too_low = value <= lo if lo_open else value < lo
        too_high = value >= hi if hi_open else value > hi
        if too_low or too_high:
            rule = f"{fmt(lo)} {'<' if lo_open else '<='} {key} {'<' if hi_open else '<='} {fmt(hi)}"
            self.add(f"{prefix}.{key}", f"is {fmt(value)}; it must satisfy {rule}")
            return None
        return value

    def value_range(
        self, table: dict, key: str, prefix: str, value: Fraction | None, lo: Fraction, hi: Fraction | None
    ) -> tuple[Fraction, Fraction] | None:
        """An optional ``[low, high]`` that a number of the section may plausibly take:
        lo <= low <= high (<= hi when given), holding the stated ``value``."""
        if key not in table:
            return None
        where = f"{prefix}.{key}"
        pair = self.numbers(table[key], where, 2, "the lowest and the highest plausible value")
        if pair is None:
            return None
        low, high = pair
        if not lo <= low <= high or (hi is not None and high > hi):
            top = "" if hi is None else f" <= {fmt(hi)}"
            self.add(where, f"is [{fmt(low)}, {fmt(high)}]; it must satisfy {fmt(lo)} <= low <= high{top}")
            return None
        if value is not None and not low <= value <= high:
            self.add(where, f"is [{fmt(low)}, {fmt(high)}]; it must hold the stated value {fmt(value)}")
            return None
        return low, high


def _item_key(prefix: str, name: str | int) -> str:
    """The key of a table's entry (``name`` a string) or an array's item (an index)."""
    return join_key(prefix, name) if isinstance(name, str) else f"{prefix}[{name}]"


def join_key(prefix: str, key: str) -> str:
    """``payoffs."Strike|Tolerate TTP"``: a key as a reader finds it in the file."""
    quoted = key if key.replace("_", "").replace("-", "").isalnum() else f'"{printable(key)}"'
    return f"{prefix}.{quoted}" if prefix else quoted


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``), safe on a terminal."""
    if all(unicodedata.category(c) != "Cc" or c == "\n" for c in text):
        return text
    return "".join(c if unicodedata.category(c) != "Cc" or c == "\n" else repr(c)[1:-1] for c in text)


def describe_value(value: Any) -> str:
    """What a wrong value is, in words: "the boolean true", "a table", "the number 3"."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    return repr(value)


def outcome_profiles(
    raw: Any,
    players: list[Player],
    section: str,
    check: Checker,
    value_check: Callable[[Any, str], Any],
    seen: set | None = None,
) -> dict[tuple[int, ...], Any]:
    """Parse a table keyed by outcome ("s1|s2"); value_check validates each value.

    ``seen`` collects every outcome named, valid value or not.
    """
    shell = Game(title="", players=tuple(players), payoffs=np.empty(0))
    # Strategy names by position, so that reading n outcomes takes n look-ups, not n².
    index = [{name: k for k, name in enumerate(p.strategies)} for p in players]
    out: dict[tuple[int, ...], Any] = {}
    seen = set() if seen is None else seen
    for key, value in raw.items():
        item_key = join_key(section, key)
        parts = key.split("|")
        found = [lookup.get(part.strip()) for lookup, part in zip(index, parts)]
        if len(parts) == len(players) and None not in found:
            profile = tuple(k for k in found if k is not None)
        else:
            try:
                profile = shell.parse_outcome(key)  # the message says what is wrong
            except ValueError as exc:
                check.add(item_key, printable(str(exc)))
                continue
        if profile in seen:
            check.add(item_key, f"duplicate outcome: {shell.outcome_key(profile)!r} is given more than once")
            continue
        seen.add(profile)
        parsed = value_check(value, item_key)
        if parsed is not None:
            out[profile] = parsed
    return out


# --- names and tables that sections share ------------------------------------------------------


def player_index(value: Any, key: str, players: list[Player], check: Checker) -> int | None:
    """The index of the player named ``value``; a problem under ``key`` otherwise."""
    names = [p.name for p in players]
    if value in names:
        return names.index(value)
    close = difflib.get_close_matches(str(value), names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    what = "missing" if value is None else f"{describe_value(value)} is not a player"
    check.add(key, f"{what}: one of {', '.join(names)}{hint}")
    return None


def strategy_index(value: Any, key: str, player: Player, check: Checker) -> int | None:
    """The index of ``player``'s strategy named ``value``; a problem under ``key`` otherwise."""
    if value in player.strategies:
        return player.strategies.index(value)
    close = difflib.get_close_matches(str(value), player.strategies, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    what = "missing" if value is None else f"{describe_value(value)} is not a strategy of {player.name}"
    check.add(key, f"{what}: one of {', '.join(player.strategies)}{hint}")
    return None


def tables(raw: Any, key: str, check: Checker, array: bool) -> list[tuple[str, dict]]:
    """(key, table) pairs of a table (``[key]``) or an array of tables (``[[key]]``); a
    problem when ``raw`` is neither, none when it is absent."""
    if raw is None:
        return []
    if array:
        if isinstance(raw, list) and all(isinstance(t, dict) for t in raw):
            return [(f"{key}[{i}]", t) for i, t in enumerate(raw)]
        check.add(key, f"must be an array of tables: write each as [[{key}]]")
        return []
    if isinstance(raw, dict):
        return [(key, raw)]
    check.add(key, "must be a table")
    return []
