"""What every kind of claim test is to the scorecard: its word, its keys, its reader, its
grader and its description (:data:`sovgame.claims.registry.KIND_NAMES` lists them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..core.claims import ClaimTest
from .grading import Context, TestResult
from .reading import TestReader

Test = TypeVar("Test", bound=ClaimTest)


@dataclass(frozen=True)
class ClaimKind(Generic[Test]):
    """One kind of claim test (README, "Claims").

    ``name`` is the word a file writes (``kind = "threshold"``) and ``keys`` the keys such a
    test may have besides ``kind`` and ``game``. ``read(reader)`` reads them (every problem
    recorded under its key) and returns the test, or None when anything in it is reported;
    ``grade(test, context)`` computes the quantity exactly and grades it, or raises
    :class:`~sovgame.claims.grading.Untestable`; ``describe(test)`` says in words what the
    test computes and what the claim expects of it: (quantity, expects).
    """

    name: str
    keys: tuple[str, ...]
    read: Callable[[TestReader], Test | None]
    grade: Callable[[Test, Context], TestResult]
    describe: Callable[[Test], tuple[str, str]]
