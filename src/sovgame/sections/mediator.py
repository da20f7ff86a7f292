"""``[mediator]``: a third party that recommends and may pay (:mod:`sovgame.play.mediation`)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.model import Player
from .checker import Checker
from .kind import SectionKind


@dataclass(frozen=True)
class Mediator:
    """A third party that can recommend and, within ``budget`` per period, pay."""

    name: str = "mediator"
    budget: Fraction | None = None
    source: str | None = None
    budget_range: tuple[Fraction, Fraction] | None = None  # what the record allows the budget to be


#: The keys of ``[mediator]``.
KEYS = ("name", "budget", "budget_range", "source", "description")


def read_mediator(raw: Any, players: list[Player] | None, check: Checker) -> Mediator | None:
    """``[mediator]``: who mediates and what it can pay per period (payoff units at κ = 1)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("mediator", "must be a table")
        return None
    check.unknown_keys(raw, KEYS, "mediator")
    budget = None
    if "budget" in raw:
        budget = check.number(raw["budget"], "mediator.budget")
        if budget is not None and budget < 0:
            check.add("mediator.budget", f"is {budget}; a budget must be >= 0")
            budget = None
    return Mediator(
        name=check.string(raw, "name", "mediator") or "mediator",
        budget=budget,
        source=check.string(raw, "source", "mediator"),
        budget_range=check.value_range(raw, "budget_range", "mediator", budget, Fraction(0), None),
    )


SECTION = SectionKind("mediator", KEYS, read_mediator)
