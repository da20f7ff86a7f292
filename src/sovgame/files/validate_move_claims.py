"""Validating the claim tests that go beyond one simultaneous move (README, "Claims"):
``sequence`` (a move order), ``capacity`` (a limited strategy's success probability) and
``trust`` (a type's prior). Names are checked against this file when the test is about it."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.claims import CAPACITY_CRITERIA, SEQUENCE_CRITERIA, TRUST_EXPECT, VERDICT_WORDS, TestKind
from ..core.model import Player
from .validate_claims import _known_strategy, _Reader


def move_test_fields(kind: TestKind, read: _Reader, players: list[Player] | None) -> dict[str, Any]:
    """The fields of a ``sequence``, ``capacity`` or ``trust`` test; problems are recorded under
    their keys."""
    if kind == TestKind.SEQUENCE:
        return {
            "order": _order(read, players),
            "criterion": read.word("criterion", SEQUENCE_CRITERIA),
            "expect": read.words("expect", VERDICT_WORDS),
        }
    if kind == TestKind.CAPACITY:
        fields: dict[str, Any] = {
            "player": read.text("player", required=False),
            "strategy": read.text("strategy", required=False),
        }
        if (fields["player"] is None) != (fields["strategy"] is None):
            read.add("strategy", "give both `player` and `strategy` (the limited strategy), or neither")
        _known_strategy(read, players, fields["player"], fields["strategy"])
        fields |= {
            "success": read.number("success", Fraction(0), Fraction(1), False, False),
            "criterion": read.word("criterion", CAPACITY_CRITERIA),
            "expect": read.words("expect", VERDICT_WORDS),
        }
        return fields
    trust: dict[str, Any] = {"player": read.text("player"), "type_name": read.text("type")}
    _known_strategy(read, players, trust["player"], None)
    trust["expect"] = (read.word("expect", TRUST_EXPECT),)
    return trust


def _order(read: _Reader, players: list[Player] | None) -> tuple[str, ...] | None:
    """Player names, the first mover first: every player of this file once."""
    value = read.table.get("order")
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        read.add("order", 'must list the players, the first mover first, e.g. ["Afghanistan", "Pakistan"]')
        return None
    if players is not None and sorted(value) != sorted(p.name for p in players):
        names = ", ".join(p.name for p in players)
        read.add("order", f"must name every player of this game once ({names}), the first mover first")
        return None
    return tuple(value)
