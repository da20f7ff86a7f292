"""Claims as data: what a source asserts about a game, and the tests that would confirm or
refute it (a game file's ``[[claims]]``; read and graded by :mod:`sovgame.claims`).

A claim has an ``id``, its ``text`` as the source states it, the ``source``, and one or more
tests. Each test is a small frozen dataclass of its kind (:mod:`sovgame.claims.kinds`) built on
:class:`ClaimTest`: the quantity sovgame computes and what the claim expects of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar


@dataclass(frozen=True)
class ClaimTest:
    """One test of a claim; each kind adds its own fields (README, "Claims").

    ``kind`` is the word the file writes (``kind = "threshold"``), ``key`` where the test
    stands in the file, for messages (``claims[0].test[1]``); ``kappa`` the cost level of
    tests taken at one κ (default 1: today's costs); ``game`` names another game file (a
    bundled name or a path relative to the claim's file) whose data the test needs, e.g. a
    ``[mediator]`` budget or a third player.
    """

    __test__ = False  # not a pytest class, despite its name

    kind: ClassVar[str] = ""
    key: str
    kappa: Fraction = Fraction(1)
    game: str | None = None


@dataclass(frozen=True)
class Claim:
    """What a source asserts, and the tests that would confirm or refute it."""

    id: str
    text: str
    source: str
    tests: tuple[ClaimTest, ...]
