"""The long form of a command's JSON as files: CSV and Excel (the rows of
:mod:`sovgame.core.tidy`, which ``to_frame(long=True)`` also gives); and the wide tables of
``--wide`` (one row per criterion, equilibrium or claim, as ``to_frame()`` gives them)."""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any

from ..core.tidy import PLAIN, SURD, VALUE_COLUMNS, key_columns, padded_keys, sections_of, tidy_rows


def value_text(value: float | None) -> str:
    """A float as CSV writes it: exactly (``repr``), integers without ``.0``, ``inf``."""
    if value is None:
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def boolean_text(value: bool | None) -> str:
    """A boolean as CSV writes it: ``true`` or ``false`` (pandas reads both back as booleans),
    nothing for no boolean."""
    return "" if value is None else "true" if value else "false"


def to_tidy_csv(data: Any, name: str = "result") -> str:
    """The long-form CSV of a command's JSON: ``section, key1.., exact, value, boolean, text``
    (``boolean`` is ``true`` or ``false``, which pandas' ``read_csv`` reads as booleans); every
    cell a spreadsheet could take for a formula is neutralised (:func:`safe_cell`)."""
    rows = tidy_rows(data, name)
    keys = key_columns(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", *keys, *VALUE_COLUMNS])
    for row in rows:
        cells = [row.section, *padded_keys(row), row.exact, value_text(row.value), boolean_text(row.boolean), row.text]
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
    return bool(PLAIN.match(text) or SURD.match(text) or _FLOAT.match(text)) or text in ("inf", "-inf")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def to_xlsx(data: Any, name: str = "result") -> bytes:
    """The long form as an Excel workbook, one sheet per section (needs openpyxl, the extra
    ``sovgame[xlsx]``). ``exact`` and ``text`` are text cells (a spreadsheet never reads
    "4/3" as a date); ``value`` is a number cell, empty for no finite value (Excel has no
    infinity: ``exact`` then says ``inf``); ``boolean`` a boolean cell."""
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
        sheet.append([*keys, *VALUE_COLUMNS])
        for r, row in enumerate(rows, start=2):
            cells = padded_keys(row) + [row.exact]
            for c, text in enumerate(cells, start=1):
                _text_cell(sheet.cell(row=r, column=c), text)
            finite = row.value is not None and math.isfinite(row.value)
            sheet.cell(row=r, column=len(keys) + 2, value=row.value if finite else None)
            sheet.cell(row=r, column=len(keys) + 3, value=row.boolean)
            _text_cell(sheet.cell(row=r, column=len(keys) + 4), row.text)
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


def _wide_cell(value: Any) -> str:
    """A wide table's cell in CSV: numbers exactly (``inf`` for never), booleans as ``true`` or
    ``false``, nothing for a missing value, text made safe (:func:`safe_cell`)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return boolean_text(value)
    if isinstance(value, (int, float)):
        return value_text(float(value)) if isinstance(value, float) else str(value)
    return safe_cell(str(value))


def wide_csv(records: list[dict[str, Any]]) -> str:
    """The wide table as CSV, one row per record, columns in first-seen order."""
    columns = list(dict.fromkeys(k for r in records for k in r))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_wide_cell(record.get(c)) for c in columns])
    return buffer.getvalue()


def wide_xlsx(records: list[dict[str, Any]], name: str) -> bytes:
    """The wide table as an Excel workbook of one sheet: numbers as number cells (empty for no
    finite value: the ``exact`` column says ``inf``), booleans as boolean cells, text as text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET_BAD.sub("_", name)[:31] or "sheet"
    columns = list(dict.fromkeys(k for r in records for k in r))
    sheet.append(columns)
    for r, record in enumerate(records, start=2):
        for c, column in enumerate(columns, start=1):
            value = record.get(column)
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, bool) or (isinstance(value, (int, float)) and math.isfinite(value)):
                cell.value = value
            elif isinstance(value, str):
                _text_cell(cell, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
