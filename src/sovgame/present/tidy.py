"""Long-form ("tidy") rows from a command's JSON: what ``--format csv`` and ``--format xlsx``
write, and what ``to_frame()`` gives.

Every command's stable JSON is walked, so a new command gets its CSV with no code of its own.
One row per value, with the columns:

- ``section``: the top-level key of the JSON the value lies under (``equilibria``,
  ``thresholds``, ...). Top-level numbers and text (the game's title, κ, ...) go to the
  section ``summary``; a JSON that is a list (``scenarios``, ``games``) is one section,
  named after the command's main table.
- ``key1``, ``key2``, ...: the path to the value below its section, one key per column (as
  many columns as the deepest path needs, the rest empty). Items of a list are named by
  their ``name`` or ``id`` when every item has a distinct one (a claim by its id, a cost by
  its name), else numbered from 1 as the tables number them.
- ``exact``: the number as exact text, where the JSON holds one (``"4/3"``, ``"2/3 + √(8/45)"``,
  ``"inf"`` for no finite value); empty for a number the JSON has only as a float (a
  sampled share, a simulated frequency).
- ``value``: the number as a float (``inf`` for no finite value); empty for text.
- ``text``: a value that is no number (a verdict, a name, a reason, true or false).

The JSON's paired fields are merged into one row: an object with ``exact`` and ``value``
(a threshold) is one row at the object's path; ``K`` and ``K_exact`` (``payoffs`` and
``payoffs_exact``, ``upper`` and ``upper_exact``) are walked side by side, as are an
equilibrium's ``strategies`` and ``exact``. A ``null`` is left out.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

#: Where top-level numbers and text of a JSON object go.
SUMMARY = "summary"

_FRACTION = r"-?\d+(?:\.\d+)?(?:/\d+)?"
_SURD = re.compile(
    rf"^(?:(?P<a>{_FRACTION}) (?P<sign>[+−-]) |(?P<neg>[-−])?)(?:(?P<coef>{_FRACTION})·)?"
    rf"√(?:\((?P<rp>{_FRACTION})\)|(?P<r>\d+(?:\.\d+)?))$"
)
_PLAIN = re.compile(rf"^{_FRACTION}$")


@dataclass(frozen=True)
class Row:
    """One value of a command's output in long form (module docstring)."""

    section: str
    keys: tuple[str, ...]
    exact: str = ""
    value: float | None = None
    text: str = ""


def number_value(text: str) -> float | None:
    """The float of a number written as sovgame writes exact numbers: ``"4/3"``, ``"-2"``,
    ``"inf"``, ``"2/3 + √(8/45)"``, ``"≈0.4142"``; None for any other text."""
    text = text.strip()
    if text in ("inf", "∞"):
        return math.inf
    if text.startswith("≈"):
        try:
            return float(text[1:])
        except ValueError:
            return None
    if _PLAIN.match(text):
        return float(Fraction(text))
    match = _SURD.match(text)
    if match is None:
        return None
    a = float(Fraction(match["a"])) if match["a"] else 0.0
    coef = float(Fraction(match["coef"])) if match["coef"] else 1.0
    r = float(Fraction(match["rp"] or match["r"]))
    negative = match["sign"] in ("−", "-") or match["neg"] is not None
    return a + (-coef if negative else coef) * math.sqrt(r)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _leaf(section: str, keys: tuple[str, ...], value: Any) -> Row:
    """A scalar of the JSON as a row: numbers get ``value``, exact text ``exact`` and ``value``."""
    if isinstance(value, bool):
        return Row(section, keys, text="true" if value else "false")
    if isinstance(value, int):
        return Row(section, keys, exact=str(value), value=float(value))
    if isinstance(value, float):
        return Row(section, keys, value=value)
    text = str(value)
    number = number_value(text)
    if number is None:
        return Row(section, keys, text=text)
    return Row(section, keys, exact="" if text.startswith("≈") else text, value=number)


def _pair(section: str, keys: tuple[str, ...], number: Any, exact: Any) -> Iterator[Row]:
    """Two parallel trees, floats and exact text, as one row per leaf."""
    if isinstance(number, Mapping) and isinstance(exact, Mapping):
        for key in number:
            yield from _pair(section, keys + (str(key),), number[key], exact.get(key))
    elif isinstance(number, list) and isinstance(exact, list) and len(number) == len(exact):
        for index, (n, e) in enumerate(zip(number, exact), 1):
            yield from _pair(section, keys + (str(index),), n, e)
    elif exact is None or isinstance(exact, (Mapping, list)):
        yield from _walk(section, keys, number)
    else:
        text = str(exact)
        value = float(number) if _is_number(number) else number_value(text)
        yield Row(section, keys, exact="" if text.startswith("≈") else text, value=value)


def _same_shape(a: Any, b: Any) -> bool:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return set(a) == set(b) and all(_same_shape(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_shape(x, y) for x, y in zip(a, b))
    return not isinstance(a, (Mapping, list)) and not isinstance(b, (Mapping, list))


def _partners(data: Mapping[str, Any]) -> dict[str, str]:
    """Keys of ``data`` holding floats → the key holding the same numbers as exact text."""
    found: dict[str, str] = {}
    for key, value in data.items():
        if not key.endswith("_exact") and key != "exact":
            continue
        if key == "exact":
            candidates = ["value"] if "value" in data else [k for k in data if k != key]
        else:
            base = key[: -len("_exact")]
            candidates = [base] if base in data else [k for k in data if k.startswith(base + "_") and k != key]
        fitting = [
            k
            for k in candidates
            if k not in found
            and (
                (not isinstance(value, (Mapping, list)) and (_is_number(data[k]) or data[k] is None))
                or (isinstance(value, (Mapping, list)) and _same_shape(data[k], value))
            )
        ]
        if len(fitting) == 1:
            found[fitting[0]] = key
    return found


def _names(items: list[Any]) -> list[str]:
    """How the items of a list are keyed: their distinct ``name`` or ``id``, else 1, 2, ..."""
    for field in ("name", "id"):
        names = [item.get(field) if isinstance(item, Mapping) else None for item in items]
        if all(isinstance(n, str) and n for n in names) and len(set(names)) == len(names):
            return [str(n) for n in names]
    return [str(k) for k in range(1, len(items) + 1)]


def _walk(section: str, keys: tuple[str, ...], data: Any) -> Iterator[Row]:
    if data is None:
        return
    if isinstance(data, Mapping):
        partners = _partners(data)
        paired = set(partners.values())
        for key, value in data.items():
            if key in paired:
                continue
            if key in partners:
                here = keys if partners[key] == "exact" and key == "value" else keys + (str(key),)
                yield from _pair(section, here, value, data[partners[key]])
            else:
                yield from _walk(section, keys + (str(key),), value)
    elif isinstance(data, list):
        for name, item in zip(_names(data), data):
            yield from _walk(section, keys + (name,), item)
    else:
        yield _leaf(section, keys, data)


def tidy_rows(data: Any, name: str = "result") -> list[Row]:
    """The long-form rows of a command's JSON ``data`` (module docstring); ``name`` names the
    one section of a JSON that is a list."""
    if not isinstance(data, Mapping):
        return list(_walk(name, (), data))
    rows: list[Row] = []
    for key, value in data.items():
        nested = isinstance(value, Mapping) or (
            isinstance(value, list) and any(isinstance(v, (Mapping, list)) for v in value)
        )
        if nested:
            rows += _walk(str(key), (), value)
        else:
            rows += _walk(SUMMARY, (str(key),), value)
    return rows


def sections_of(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows grouped by section, in the order the sections first appear."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.section, []).append(row)
    return grouped


def value_text(value: float | None) -> str:
    """A float as CSV writes it: exactly (``repr``), integers without ``.0``, ``inf``."""
    if value is None:
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def key_columns(rows: list[Row]) -> list[str]:
    """``key1``, ``key2``, ... as many as the deepest row needs (at least one)."""
    return [f"key{k}" for k in range(1, max((len(r.keys) for r in rows), default=1) + 1)] or ["key1"]


def to_tidy_csv(data: Any, name: str = "result") -> str:
    """The long-form CSV of a command's JSON: ``section, key1.., exact, value, text``; every
    cell a spreadsheet could take for a formula is neutralised (:func:`safe_cell`)."""
    rows = tidy_rows(data, name)
    keys = key_columns(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", *keys, "exact", "value", "text"])
    for row in rows:
        padded = list(row.keys) + [""] * (len(keys) - len(row.keys))
        cells = [row.section, *padded, row.exact, value_text(row.value), row.text]
        writer.writerow([safe_cell(c) for c in cells])
    return buffer.getvalue()


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FLOAT = re.compile(r"^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$")


def safe_cell(text: str) -> str:
    """``text`` for a CSV cell: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return gets a leading ``'`` so that no spreadsheet runs it as a formula (the
    OWASP rule) — except a number as sovgame writes it (``-1/2``, ``-0.25``, ``-inf``,
    ``-2 + √3``), which stays as it is."""
    if not text.startswith(_FORMULA_START) or _is_number_text(text):
        return text
    return "'" + text


def _is_number_text(text: str) -> bool:
    return bool(_PLAIN.match(text) or _SURD.match(text) or _FLOAT.match(text)) or text in ("inf", "-inf")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def to_xlsx(data: Any, name: str = "result") -> bytes:
    """The long form as an Excel workbook, one sheet per section (needs openpyxl, the extra
    ``sovgame[xlsx]``). ``exact`` and ``text`` are text cells (a spreadsheet never reads
    "4/3" as a date); ``value`` is a number cell, empty for no finite value (Excel has no
    infinity: ``exact`` then says ``inf``)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for section, rows in sections_of(tidy_rows(data, name)).items():
        title = _SHEET_BAD.sub("_", section)[:31] or "sheet"
        base, count = title, 2
        while title.lower() in used:
            suffix = f" ({count})"
            title, count = base[: 31 - len(suffix)] + suffix, count + 1
        used.add(title.lower())
        sheet = book.create_sheet(title)
        keys = key_columns(rows)
        sheet.append([*keys, "exact", "value", "text"])
        for r, row in enumerate(rows, start=2):
            cells = list(row.keys) + [""] * (len(keys) - len(row.keys)) + [row.exact]
            for c, text in enumerate(cells, start=1):
                _text_cell(sheet.cell(row=r, column=c), text)
            finite = row.value is not None and math.isfinite(row.value)
            sheet.cell(row=r, column=len(keys) + 2, value=row.value if finite else None)
            _text_cell(sheet.cell(row=r, column=len(keys) + 3), row.text)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(cell: Any, text: str) -> None:
    """Text stays text: openpyxl would take "=..." for a formula. Characters a workbook
    cannot hold (control characters) are written as escapes (``\\x00``)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub(lambda m: repr(m.group())[1:-1], text)
    cell.value = text or None
    if text:
        cell.data_type = "s"
