"""Adding and removing a ``[[costs]]`` table in a game file: ``edit --add-cost`` and
``edit --remove-cost``.

The changes are made on the tomlkit document :func:`sovgame.files.editing.edited_text` holds,
so comments and the layout of everything else are kept, and the edited file is validated like
any game file before it is written: a weight of the wrong count, a player ``between`` the file
lacks or a claim that names a removed cost is reported, and the file stays as it was.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.model import INCIDENCES, Incidence
from ..errors import GameFileError, Problem


@dataclass(frozen=True)
class NewCost:
    """A cost to add: its name, incidence (not ``custom``, which needs an exposure table
    written by hand), one weight per player as typed, and optionally the players it is
    ``between`` and a ``label`` for tables and charts."""

    name: str
    incidence: str
    weights: tuple[str, ...]
    between: tuple[str, ...] | None = None
    label: str | None = None


@dataclass(frozen=True)
class CostEdits:
    """The costs an edit adds and the names of those it removes (removals first)."""

    add: tuple[NewCost, ...] = ()
    remove: tuple[str, ...] = ()


def _problem(origin: str, key: str, message: str) -> GameFileError:
    return GameFileError(origin, [Problem(key, message)])


def apply_cost_edits(document: Any, edits: CostEdits, origin: str, number: Callable[[str], Any]) -> None:
    """Remove and add ``[[costs]]`` tables of the tomlkit ``document`` in place; a name to
    remove that the file lacks, or to add that it has, is an error naming the key.
    ``number`` turns a weight as typed into a TOML value."""
    import tomlkit

    tables = document.get("costs")
    names = [str(table.get("name")) for table in tables] if tables is not None else []
    for name in edits.remove:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; its costs: {', '.join(names) or 'none'}"
            raise _problem(origin, "costs", f"no cost named {name!r} in this file to remove{hint}")
        index = names.index(name)
        del tables[index]
        del names[index]
    for cost in edits.add:
        if cost.name in names:
            raise _problem(
                origin,
                "costs",
                f'a cost named {cost.name!r} exists; change its weights with --set "cost:{cost.name}=w1,w2"',
            )
        if cost.incidence not in INCIDENCES or cost.incidence == Incidence.CUSTOM:
            raise _problem(
                origin,
                "costs.incidence",
                f"{cost.incidence!r}: give any_conflict, own_confront or mutual_confront (a custom cost needs an "
                "exposure table: write it in the file)",
            )
        table = _cost_table(cost, number)
        if tables is None:
            tables = tomlkit.aot()
            document.append("costs", tables)
        tables.append(table)
        names.append(cost.name)


def _cost_table(cost: NewCost, number: Callable[[str], Any]) -> Any:
    import tomlkit

    table = tomlkit.table()
    table["name"] = cost.name
    if cost.label is not None:
        table["label"] = cost.label
    table["incidence"] = cost.incidence
    table["weights"] = _array([number(w) for w in cost.weights])
    if cost.between is not None:
        table["between"] = _array(list(cost.between))
    table.add(tomlkit.nl())
    return table


def _array(values: Sequence[Any]) -> Any:
    import tomlkit

    array = tomlkit.array()
    array.extend(values)
    return array
