"""sovgame's symbols in plain letters, for terminals and files whose encoding lacks them
(``κ`` as ``kappa``, ``≥`` as ``>=``, the lines of a table as ``-``, ``|`` and ``+``).

Tables are spelled out before they are laid out (:func:`plain_section`), so their columns
stay aligned; anything else written to such a stream is spelled out as it is written
(:mod:`sovgame.cli.streams`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from .sections import Section

#: Symbols sovgame prints and their plain spelling.
SPELLED = {
    "κ": "kappa",
    "δ": "delta",
    "ε": "epsilon",
    "λ": "lambda",
    "π": "pi",
    "σ": "sigma",
    "Δ": "Delta",
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "≈": "~",
    "×": "x",
    "·": "*",
    "−": "-",
    "–": "-",
    "—": "--",
    "→": "->",
    "←": "<-",
    "★": "*",
    "•": "*",
    "√": "sqrt",
    "∞": "inf",
    "…": "...",
    "∈": " in ",
    "∅": "{}",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "⪯": "<=",
    "≺": "<",
    "†": "+",
    "⁄": "/",
}


def spell(c: str) -> str:
    """One character in plain ASCII."""
    if c in SPELLED:
        return SPELLED[c]
    if "\u2500" <= c <= "\u257f":  # box drawing: the rules and corners of rich's tables
        name = unicodedata.name(c, "")
        return "-" if name.endswith("HORIZONTAL") else "|" if name.endswith("VERTICAL") else "+"
    decomposed = "".join(SPELLED.get(d, d) for d in unicodedata.normalize("NFKD", c))  # ½ → 1⁄2 → 1/2
    plain = decomposed.encode("ascii", "ignore").decode("ascii")
    return plain or c.encode("ascii", "backslashreplace").decode("ascii")


def plain_text(text: str, encoding: str) -> str:
    """``text`` with each character that ``encoding`` cannot write spelled out."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for c in text:
        try:
            c.encode(encoding)
            out.append(c)
        except UnicodeEncodeError:
            out.append(spell(c))
    return "".join(out)


def plain_section(section: Section, encoding: str) -> Section:
    """``section`` with every text spelled out for ``encoding``."""

    def p(text: str | None) -> str | None:
        return None if text is None else plain_text(text, encoding)

    return replace(
        section,
        title=plain_text(section.title, encoding),
        columns=[plain_text(c, encoding) for c in section.columns],
        rows=[[plain_text(cell, encoding) for cell in row] for row in section.rows],
        caption=p(section.caption),
        lines=[plain_text(line, encoding) for line in section.lines],
    )
