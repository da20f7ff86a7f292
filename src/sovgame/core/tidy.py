"""Long-form ("tidy") rows from a command's JSON: what ``--format csv`` and ``--format xlsx``
write, and what ``to_frame()`` gives.

Every command's stable JSON is walked, so a new command gets its CSV with no code of its own.
One row per value, with the columns:

- ``section``: the top-level key of the JSON the value lies under (``equilibria``,
  ``thresholds``, ...). Top-level numbers and text (the game's title, κ, ...) go to the
  section ``summary``; a JSON that is a list (``scenarios``, ``games``) is one section,
  named after the command's main table.
- ``key1`` to ``key6``: the path to the value below its section, one key per column (the
  rest empty; the same six columns in every command, a deeper path's last keys joined in
  ``key6``). Items of a list are named by
  their ``name`` or ``id`` when every item has a distinct one (a claim by its id, a cost by
  its name), else numbered from 1 as the tables number them.
- ``exact``: the number as exact text, where the JSON holds one (``"4/3"``, ``"2/3 + √(8/45)"``,
  ``"inf"`` for no finite value); empty for a number the JSON has only as a float (a
  sampled share, a simulated frequency).
- ``value``: the number as a float (``inf`` for no finite value); empty otherwise.
- ``boolean``: a yes-or-no value (``attained``, ``pure``, ``holds``) as a boolean; empty
  otherwise.
- ``text``: a value that is neither a number nor a boolean (a verdict, a name, a reason).

The JSON's paired fields are merged into one row: an object with ``exact`` and ``value``
(a threshold) is one row at the object's path; ``K`` and ``K_exact`` (``payoffs`` and
``payoffs_exact``, ``upper`` and ``upper_exact``) are walked side by side, as are an
equilibrium's ``strategies`` and ``exact``. A ``null`` is left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

#: Where top-level numbers and text of a JSON object go.
SUMMARY = "summary"

_FRACTION = r"-?\d+(?:\.\d+)?(?:/\d+)?"
SURD = re.compile(
    rf"^(?:(?P<a>{_FRACTION}) (?P<sign>[+−-]) |(?P<neg>[-−])?)(?:(?P<coef>{_FRACTION})·)?"
    rf"√(?:\((?P<rp>{_FRACTION})\)|(?P<r>\d+(?:\.\d+)?))$"
)
PLAIN = re.compile(rf"^{_FRACTION}$")


@dataclass(frozen=True)
class Row:
    """One value of a command's output in long form (module docstring)."""

    section: str
    keys: tuple[str, ...]
    exact: str = ""
    value: float | None = None
    text: str = ""
    boolean: bool | None = None


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
    if PLAIN.match(text):
        return float(Fraction(text))
    match = SURD.match(text)
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
        return Row(section, keys, boolean=value)
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
    one section of a JSON that is a list.

    One path per quantity: a section whose value is another command's JSON holding a key of
    the section's own name (``analyze``'s ``thresholds`` holds the JSON of ``thresholds``,
    whose own ``thresholds`` hold the criteria) is walked without repeating that key, so the
    Nash threshold is ``thresholds, nash, ...`` in both commands."""
    if not isinstance(data, Mapping):
        return list(_walk(name, (), data))
    rows: list[Row] = []
    for key, value in data.items():
        nested = isinstance(value, Mapping) or (
            isinstance(value, list) and any(isinstance(v, (Mapping, list)) for v in value)
        )
        if not nested:
            rows += _walk(SUMMARY, (str(key),), value)
        elif isinstance(value, Mapping) and isinstance(value.get(key), (Mapping, list)):
            for inner, item in value.items():
                rows += _walk(str(key), () if inner == key else (str(inner),), item)
        else:
            rows += _walk(str(key), (), value)
    return rows


def sections_of(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows grouped by section, in the order the sections first appear."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.section, []).append(row)
    return grouped


#: The long form has these key columns in every command; a deeper path keeps its last keys
#: together in the last column, joined by " / ".
KEY_COLUMNS = 6


def key_columns(rows: list[Row] | None = None) -> list[str]:
    """``key1`` to ``key6``: the same columns for every command (:data:`KEY_COLUMNS`)."""
    return [f"key{k}" for k in range(1, KEY_COLUMNS + 1)]


def padded_keys(row: Row) -> list[str]:
    """The row's keys in :data:`KEY_COLUMNS` cells: empty cells after a short path, the last
    keys of a longer one joined in the last cell."""
    keys = list(row.keys)
    if len(keys) > KEY_COLUMNS:
        keys = keys[: KEY_COLUMNS - 1] + [" / ".join(keys[KEY_COLUMNS - 1 :])]
    return keys + [""] * (KEY_COLUMNS - len(keys))


def long_records(data: Any, name: str = "result") -> tuple[list[dict[str, Any]], list[str]]:
    """The long form of ``data`` as records and their columns, ``section, key1.., exact,
    value, boolean, text``, as ``to_frame(long=True)`` gives it (``value`` NaN and
    ``boolean`` None where the row holds no such value)."""
    rows = tidy_rows(data, name)
    keys = key_columns(rows)
    records = [
        {
            "section": r.section,
            **dict(zip(keys, padded_keys(r))),
            "exact": r.exact,
            "value": math.nan if r.value is None else r.value,
            "boolean": r.boolean,
            "text": r.text,
        }
        for r in rows
    ]
    return records, ["section", *keys, *VALUE_COLUMNS]


#: The columns after the keys, the same in CSV, Excel and ``to_frame(long=True)``.
VALUE_COLUMNS = ("exact", "value", "boolean", "text")
