"""Views of results as sections: a titled table with a caption and sentences below it.

A command's result is turned into a list of :class:`Section` for the table, Markdown and CSV
formats (:mod:`sovgame.present.render` prints them), and into a plain dict for JSON. Each
module of this package holds one domain's sections and JSON; nothing here computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EQUILIBRIUM_MARK = "★"


@dataclass
class Section:
    """One table of output; ``lines`` are plain sentences printed after it."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None
    lines: list[str] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # columns to right-justify
    whole: set[int] = field(default_factory=set)  # columns never wrapped or cut (names to type)
    name: str = ""  # short machine name (HTML anchors, the report's chart)
    plain: bool = False  # the user's own text (notes, descriptions): printed as written, no decimals added
