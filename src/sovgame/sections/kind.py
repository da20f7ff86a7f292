"""What every section of a game file is to the reader: its table, its keys, how it is read and
what it adds to the case (:data:`sovgame.sections.registry.SECTIONS` lists them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..core.case import Case
from ..core.model import Player
from .checker import Checker

Read = TypeVar("Read")


def keep(case: Case, value: Any) -> Case:
    """A section that changes nothing else: the case with ``value`` among its sections."""
    return case.with_section(value)


@dataclass(frozen=True)
class SectionKind(Generic[Read]):
    """One section of a game file.

    ``table`` is its top-level key and ``keys`` the keys its table (or each table of its
    array) may hold. ``read(raw, players, check)`` reads the file's value of ``table`` (None
    when absent), records every problem under its key and returns what it read, or None;
    ``players`` is None when the players themselves have problems (names are then not
    checked). ``attach(case, read)`` puts what was read into the case: by default as one
    more section; a section that changes the normal form (capacity: expected payoffs) says how.
    """

    table: str
    keys: tuple[str, ...]
    read: Callable[[Any, list[Player] | None, Checker], Read | None]
    attach: Callable[[Case, Read], Case] = keep
