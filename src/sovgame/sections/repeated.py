"""``[repeated]``: the settings of the repeated game (:mod:`sovgame.play.repeated`)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


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
