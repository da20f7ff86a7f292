"""``[bargaining]``: the issue as a prize to divide, what fighting would bring each side and
what it would cost (Fearon 1995; Powell 2006).

The prize is a share in [0, 1]; ``player`` is side A, whose share x is; A prevails in a fight
with probability ``prevail`` (p); fighting costs each side ``costs`` (shares of the prize per
period); optionally A's probability of prevailing moves by ``shift`` from the next period on
(negative: A declines), the sides discount the future by ``discount`` (δ), and ``divisions``
lists the only divisions (A's shares) that are feasible (``[0, 1]``: an indivisible issue).
Analysed by :mod:`sovgame.play.bargaining` (docs/models.md, "Bargaining").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import Player
from .checker import Checker, player_index, tables
from .kind import SectionKind
from .ranged import NON_NEGATIVE, PROBABILITY, Bounds, Ranged, bounded_number, read_named, read_ranged

SHIFT = Bounds(Fraction(-1), Fraction(1))
DISCOUNT = Bounds(Fraction(0), Fraction(1), lo_open=True, hi_open=True)


@dataclass(frozen=True)
class BargainingSection:
    """Side A (``player``), its probability of prevailing p, each player's cost of fighting
    (in player order), and optionally the shift in A's power, the discount factor and the
    feasible divisions (None: any share in [0, 1])."""

    player: int
    prevail: Ranged
    costs: tuple[Ranged, Ranged]
    shift: Ranged | None = None
    discount: Ranged | None = None
    divisions: tuple[Fraction, ...] | None = None
    source: str | None = None


#: The keys of ``[bargaining]``.
KEYS = (
    "player",
    "prevail",
    "prevail_range",
    "costs",
    "costs_range",
    "shift",
    "shift_range",
    "discount",
    "discount_range",
    "divisions",
    "source",
    "description",
)


def read_bargaining(raw: Any, players: list[Player] | None, check: Checker) -> BargainingSection | None:
    """``[bargaining]``: ``player`` (side A), ``prevail``, ``costs = { player = c }`` for both
    players, optional ``shift``, ``discount`` and ``divisions``; each number may have a
    ``_range``."""
    found = tables(raw, "bargaining", check, array=False)
    if not found or players is None:
        return None
    key, table = found[0]
    check.unknown_keys(table, KEYS, key)
    if len(players) != 2:
        check.add(key, "bargaining is between two players")
        return None
    side = player_index(table.get("player"), f"{key}.player", players, check)
    prevail = read_ranged(check, table, "prevail", key, PROBABILITY, required=True)
    costs = read_named(check, table, "costs", key, NON_NEGATIVE)
    names = [p.name for p in players]
    if costs is not None and sorted(costs) != sorted(names):
        check.add(f"{key}.costs", f"give the cost of fighting of each player: {', '.join(names)}")
        costs = None
    shift = read_ranged(check, table, "shift", key, SHIFT)
    discount = read_ranged(check, table, "discount", key, DISCOUNT)
    if shift is not None and discount is None:
        check.add(f"{key}.discount", "missing; a shift in power needs the discount factor 0 < discount < 1")
    if shift is not None and prevail is not None:
        (p_lo, p_hi), (s_lo, s_hi) = prevail.range or (prevail.value,) * 2, shift.range or (shift.value,) * 2
        if not (0 <= p_lo + s_lo and p_hi + s_hi <= 1):
            check.add(
                f"{key}.shift",
                "prevail + shift must stay within [0, 1], for the stated values and across their declared ranges",
            )
            shift = None
    divisions = _divisions(table.get("divisions"), f"{key}.divisions", check)
    if side is None or prevail is None or costs is None or (table.get("divisions") is not None and divisions is None):
        return None
    pair = (costs[names[0]], costs[names[1]])
    return BargainingSection(side, prevail, pair, shift, discount, divisions, check.string(table, "source", key))


def _divisions(raw: Any, key: str, check: Checker) -> tuple[Fraction, ...] | None:
    """A non-empty list of shares in [0, 1]."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        check.add(key, "must be a non-empty list of side A's feasible shares, e.g. [0, 1] for an indivisible issue")
        return None
    values = [bounded_number(check, v, f"{key}[{i}]", PROBABILITY) for i, v in enumerate(raw)]
    return None if any(v is None for v in values) else tuple(sorted({v for v in values if v is not None}))


SECTION = SectionKind("bargaining", KEYS, read_bargaining)
