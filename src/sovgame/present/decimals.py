"""Decimals beside fractions in what people read: ``4/3`` becomes ``4/3 (1.333)``.

Tables, Markdown and HTML show exact numbers, and a reader wants to see their size at a
glance. The render layer passes every cell and sentence through :func:`with_decimals`, so
every command gets the decimals without code of its own; ``--exact-only`` (or
:func:`exact_only` from Python) turns them off. No finite value reads ``never``
everywhere (``inf`` is what JSON says).

What is left alone: whole numbers, text already followed by a decimal, a cell with an
approximation (``≈``), the parts of a formula in κ or q (``(3/4)κ``, ``4/(1 + 2q)``), text
in quotes (a claim as its source words it) and sections of the user's own text (notes,
descriptions: ``Section.plain``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from fractions import Fraction

from .sections import Section

_SHOW_DECIMALS: ContextVar[bool] = ContextVar("sovgame_show_decimals", default=True)

_FRAC = r"\d+(?:/\d+)?"
# A closed form a ± b·√r first (so its parts are not taken one by one), then a fraction.
_TOKEN = re.compile(
    rf"(?P<surd>(?:-?{_FRAC} [+−] |-)?(?:{_FRAC}·)?√(?:\({_FRAC}\)|\d+))"
    rf"|(?P<frac>-?\d+/\d+)"
    r"|(?P<inf>(?<![\w.])inf(?!\w))"
)
_QUOTED = re.compile(r"(“[^”]*”|'[^']*')")


def decimals_shown() -> bool:
    """Whether decimals are shown beside fractions (the default) or not (``--exact-only``)."""
    return _SHOW_DECIMALS.get()


@contextmanager
def exact_only(on: bool = True) -> Iterator[None]:
    """Within the block, tables and reports show exact numbers only (no decimals beside them)."""
    token = _SHOW_DECIMALS.set(not on)
    try:
        yield
    finally:
        _SHOW_DECIMALS.reset(token)


def _surd_value(text: str) -> float:
    from ..core.tidy import number_value

    value = number_value(text)
    return math.nan if value is None else value


def _decimal(value: float) -> str:
    return f"{value:.4g}"


def _skip(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is part of a formula or already has its decimal."""
    before = text[start - 1] if start else " "
    after = text[end:]
    if before.isalnum() or before in "√·/_.":
        return True
    if after[:1] and (after[:1].isalnum() or after[:1] in "/_·"):
        return True
    if after[:1] == "." and after[1:2].isdigit():  # part of a longer number; a full stop is fine
        return True
    if re.match(r"\s*\(\s*≈?\s*-?\d", after):  # already "4/3 (1.333)"
        return True
    if before == "(" and re.match(r"\s*(\)|[+−\-·×*]\s)", after):  # (3/4)κ, 1/(1/4 + q/2)
        return True
    return False


def _decorate_plain(text: str) -> str:
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if match["inf"]:
            out += [text[last:start], "never"]
            last = end
            continue
        if not decimals_shown() or _skip(text, start, end):
            continue
        token = match.group()
        value = float(Fraction(token)) if match["frac"] else _surd_value(token)
        if math.isnan(value):
            continue
        out += [text[last:end], f" ({_decimal(value)})"]
        last = end
    out.append(text[last:])
    return "".join(out)


def with_decimals(text: str) -> str:
    """``text`` with a decimal after each fraction and closed form (module docstring), and
    ``never`` for ``inf``."""
    if "≈" in text:
        return text
    parts = _QUOTED.split(text)
    return "".join(part if k % 2 else _decorate_plain(part) for k, part in enumerate(parts))


#: A hyphen-minus that is a number's sign: before a digit, not inside a word or an option.
_SIGN = re.compile(r"(?<![\w\-−])-(?=\d)")


def minus_signs(text: str) -> str:
    """``text`` with each number's sign written "−" (U+2212), as every table writes it, not
    the hyphen "-" of machine-readable output: "−11/4 (−2.75)"."""
    return _SIGN.sub("−", text)


def _shown(text: str) -> str:
    return minus_signs(with_decimals(text))


def decorate(section: Section) -> Section:
    """A copy of ``section`` with decimals and minus signs in its cells and sentences (not in
    columns of names, ``Section.whole``, nor in a section of the user's own text,
    ``Section.plain``)."""
    if section.plain:
        return section
    rows = [[cell if i in section.whole else _shown(cell) for i, cell in enumerate(row)] for row in section.rows]
    return replace(section, rows=rows, lines=[_shown(line) for line in section.lines])
