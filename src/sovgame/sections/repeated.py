"""``[repeated]``: the settings of the repeated game (:mod:`sovgame.play.repeated`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from ..core.model import Player
from .checker import Checker
from .kind import SectionKind


@dataclass(frozen=True)
class RepeatedSettings:
    """The repeated game: discount factor δ, implementation noise ε (each intended action is
    flipped with probability ε) and imperfect monitoring (Green & Porter 1984): the chance of
    a bad signal when both comply (false alarm) and when someone defects (detection)."""

    discount: Fraction | None = None
    noise: Fraction | None = None
    false_alarm: Fraction | None = None
    detection: Fraction | None = None
    source: str | None = None
    # Declared plausible ranges of the numbers above (``discount_range``, ...), by number name.
    ranges: dict[str, tuple[Fraction, Fraction]] = field(default_factory=dict)


#: The keys of ``[repeated]``.
NUMBERS = ("discount", "noise", "false_alarm", "detection")
KEYS = NUMBERS + tuple(f"{n}_range" for n in NUMBERS) + ("source", "description")
#: Where each number may lie: (lowest, highest) of a declared range.
LIMITS = {
    "discount": (Fraction(0), Fraction(1)),
    "noise": (Fraction(0), Fraction(1, 2)),
    "false_alarm": (Fraction(0), Fraction(1)),
    "detection": (Fraction(0), Fraction(1)),
}


def read_repeated(raw: Any, players: list[Player] | None, check: Checker) -> RepeatedSettings | None:
    """``[repeated]``: discount factor, implementation noise and monitoring of the repeated game."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("repeated", "must be a table")
        return None
    check.unknown_keys(raw, KEYS, "repeated")
    settings = RepeatedSettings(
        discount=check.bounded(raw, "discount", "repeated", Fraction(0), Fraction(1), True, True),
        noise=check.bounded(raw, "noise", "repeated", Fraction(0), Fraction(1, 2), True, True),
        false_alarm=check.bounded(raw, "false_alarm", "repeated", Fraction(0), Fraction(1), False, True),
        detection=check.bounded(raw, "detection", "repeated", Fraction(0), Fraction(1), True, False),
        source=check.string(raw, "source", "repeated"),
    )
    ranges = {}
    for name in NUMBERS:
        lo, hi = LIMITS[name]
        declared = check.value_range(raw, f"{name}_range", "repeated", getattr(settings, name), lo, hi)
        if declared is not None:
            ranges[name] = declared
    settings = replace(settings, ranges=ranges)
    if (
        settings.false_alarm is not None
        and settings.detection is not None
        and settings.detection <= settings.false_alarm
    ):
        check.add(
            "repeated.detection",
            "must exceed repeated.false_alarm: a defection must make the "
            "bad signal likelier than compliance does, or no trigger can deter it",
        )
    return settings


SECTION = SectionKind("repeated", KEYS, read_repeated)
