"""Every section a game file may state, in one place.

A section is a module of this package that holds its table's keys, their reader (every
problem named by its key) and the frozen dataclass a :class:`~sovgame.core.case.Case` keeps,
and ends with its :class:`~sovgame.sections.kind.SectionKind`. The file reader
(:func:`sovgame.files.validate.case_from_dict`) reads the sections in this order. A new model
of play that the file states (a ``[spoiler]``, a ``[bargaining]`` table) is one more module
and one more line here.
"""

from __future__ import annotations

from typing import Any

from . import (
    bargaining,
    capacity,
    effects,
    mediator,
    payoff_ranges,
    readings,
    repeated,
    sequence,
    spoiler,
    stability,
    types,
)
from .kind import SectionKind

SECTIONS: tuple[SectionKind[Any], ...] = (
    sequence.SECTION,
    capacity.SECTION,
    types.SECTION,
    mediator.SECTION,
    repeated.SECTION,
    readings.SECTION,
    payoff_ranges.SECTION,
    effects.SECTION,
    spoiler.SECTION,
    bargaining.SECTION,
    stability.SECTION,
)

#: The top-level tables the sections own.
TABLES = tuple(kind.table for kind in SECTIONS)
