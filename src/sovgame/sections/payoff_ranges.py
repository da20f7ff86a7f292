"""``[payoff_ranges]``: how far each payoff cell may lie from the file's number, for draws that
do not hold the ordering fixed.

``payoff_scale = "ordinal"`` says only the ordering is known, and ``robust`` keeps it. But the
ordering itself may be in doubt ([[readings]]): with ``[payoff_ranges]`` each cell listed under
``cells`` gets one ``[lo, hi]`` per player (containing the file's payoff), and ``robust --free-order`` draws
each of those payoffs independently from Uniform(lo, hi), so orderings may change from draw to
draw; payoffs of cells not listed stay as the file states them
(:mod:`sovgame.findings.free_order`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import Player
from ..core.numbers import fmt
from ..core.parts import Profile
from .checker import Checker, outcome_profiles
from .kind import SectionKind

Range = tuple[Fraction, Fraction]


@dataclass(frozen=True)
class PayoffRanges:
    """``ranges[profile][i]``: the [lo, hi] player i's payoff at ``profile`` is drawn from."""

    ranges: Mapping[Profile, tuple[Range, ...]]
    source: str | None = None


#: The keys of ``[payoff_ranges]``.
KEYS = ("cells", "source", "description")


def read_payoff_ranges(raw: Any, players: list[Player] | None, check: Checker) -> PayoffRanges | None:
    """``[payoff_ranges]``: ``cells = { "s1|s2" = [[lo1, hi1], [lo2, hi2]] }``, lo <= hi, and
    an optional ``source``; whether each range holds the file's payoff is checked where the
    ranges are drawn from (:func:`sovgame.findings.free_order.free_order`)."""
    if raw is None or players is None:
        return None
    example = '{ "s1|s2" = [[2, 4], [0, 1]] }'
    if not isinstance(raw, dict):
        check.add("payoff_ranges", f"must be a table with cells = {example}")
        return None
    check.unknown_keys(raw, KEYS, "payoff_ranges")
    cells = raw.get("cells")
    if not isinstance(cells, dict) or not cells:
        check.add("payoff_ranges.cells", f"must be a table of outcome = [[lo, hi], ...], e.g. {example}")
        return None
    before = len(check.problems)

    def ranges(value: Any, where: str) -> tuple[Range, ...] | None:
        if not isinstance(value, list) or len(value) != len(players):
            names = ", ".join(p.name for p in players)
            check.add(where, f"must be a list of {len(players)} [lo, hi] pairs, one per player: {names}")
            return None
        out = []
        for i, pair in enumerate(value):
            numbers = check.numbers(pair, f"{where}[{i}]", 2, "lo, hi")
            if numbers is None:
                return None
            if numbers[0] > numbers[1]:
                check.add(f"{where}[{i}]", f"[{fmt(numbers[0])}, {fmt(numbers[1])}]: lo must be <= hi")
                return None
            out.append((numbers[0], numbers[1]))
        return tuple(out)

    table = outcome_profiles(cells, players, "payoff_ranges.cells", check, ranges)
    source = check.string(raw, "source", "payoff_ranges")
    return PayoffRanges(table, source) if len(check.problems) == before else None


SECTION = SectionKind("payoff_ranges", KEYS, read_payoff_ranges)
