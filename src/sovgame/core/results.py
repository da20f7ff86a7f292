"""What every public result offers its reader: the stable JSON of its command as a dict and as
text, a pandas DataFrame, a one-line ``repr`` and a small HTML table for notebooks.

A result class derives from :class:`Result` and declares two things: :meth:`Result.json_data`,
the JSON the command line prints with ``--format json`` (keys documented in docs/reference.md;
scripts depend on them), built next to the class so that the result carries its own view;
and :meth:`Result._facts`, its headline numbers (what ``repr`` and ``_repr_html_`` show: never
the whole game or an array). Tables, Markdown and charts stay in :mod:`sovgame.present`.

The free functions :func:`to_dict`, :func:`to_json` and :func:`to_frame` call the methods, for
code that holds a result of unknown type.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import ParameterError, SovgameError


class Result:
    """The views every public result has (module docstring). Subclasses are frozen dataclasses
    declared with ``repr=False``, so that the short :meth:`__repr__` below is theirs."""

    def json_data(self) -> dict[str, Any]:
        """The stable JSON of the result's command, before it is reduced to plain types."""
        raise NotImplementedError(f"{type(self).__name__} declares no JSON")

    def _facts(self) -> list[tuple[str, str]]:
        """The headline numbers as (label, value) pairs, for ``repr`` and notebooks."""
        return []

    def _title(self) -> str:
        """The title of the game the result is about."""
        game = getattr(self, "game", None)
        return str(getattr(game, "title", ""))

    def wide_records(self) -> list[dict[str, Any]] | None:
        """The natural table of the result, one record per row, or None where the long form is
        the natural one."""
        return None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON of the result's command (docs/reference.md) as plain dicts, lists,
        strings, numbers and booleans; exact numbers as text beside their floats."""
        # Through JSON text and back: plain types only (an enum becomes its word), exactly what
        # the command line prints.
        data: dict[str, Any] = json.loads(json.dumps(self.json_data(), ensure_ascii=False))
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text, non-ASCII characters kept as written."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_frame(self, long: bool = False) -> Any:
        """The result as a pandas DataFrame (needs pandas).

        By default in its natural wide shape where it has one (one row per equilibrium, per
        criterion, per claim; numeric columns numeric, booleans as booleans); otherwise, or
        with ``long=True``, in long form, one row per value: ``section``, ``key1``, ``key2``,
        ..., ``exact`` (text), ``value`` (float; ``inf`` for no finite value, NaN for no
        number), ``boolean`` (pandas' nullable ``boolean``: NA for no yes-or-no value) and
        ``text`` (the rows of ``--format csv``, :mod:`sovgame.core.tidy`).
        """
        try:
            import pandas as pd
        except ImportError:
            raise SovgameError("to_frame needs pandas: pip install pandas") from None
        wide = None if long else self.wide_records()
        if wide is not None:
            return pd.DataFrame.from_records(wide)
        from .tidy import long_records

        records, columns = long_records(self.to_dict(), type(self).__name__.lower())
        frame = pd.DataFrame.from_records(records, columns=columns)
        return frame.astype({"boolean": "boolean"})

    def __repr__(self) -> str:
        facts = "; ".join(f"{label} {value}" for label, value in self._facts())
        line = f"{type(self).__name__}({self._title()!r}" + (f": {facts})" if facts else ")")
        return " ".join(line.split())  # one line, whatever the texts hold

    def _repr_html_(self) -> str:
        """A small table for notebooks: what the result is, its game's title and its headline
        numbers, every text escaped."""
        import html  # notebooks only: html.entities is a large table to load at every start

        caption = html.escape(f"{type(self).__name__}: {self._title()}")
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
            for label, value in self._facts()
        )
        return f"<table><caption>{caption}</caption>{rows}</table>"


def _checked(result: Any) -> Result:
    if not isinstance(result, Result):
        raise ParameterError("result", f"no JSON view for a {type(result).__name__}")
    return result


def to_dict(result: Any) -> dict[str, Any]:
    """``result.to_dict()``: the stable JSON of the result's command as plain types."""
    return _checked(result).to_dict()


def to_json(result: Any, indent: int | None = 2) -> str:
    """``result.to_json(indent)``: the stable JSON as text."""
    return _checked(result).to_json(indent)


def to_frame(result: Any, long: bool = False) -> Any:
    """``result.to_frame(long)``: the result as a pandas DataFrame."""
    return _checked(result).to_frame(long)
