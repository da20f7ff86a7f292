"""``[mediator]``: a third party that recommends and may pay (:mod:`sovgame.play.mediation`)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Mediator:
    """A third party that can recommend and, within ``budget`` per period, pay."""

    name: str = "mediator"
    budget: Fraction | None = None
    source: str | None = None
