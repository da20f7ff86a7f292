"""The words and JSON values of sensitivity entries: how a subject, a verdict or a grade, and
an end of an interval (exact, or irrational with its bracket) are written in tables and in the
stable JSON of ``sovgame sensitivity``."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from ..claims.grading import Grade
from ..core.intervals import Endpoint, exact_text
from ..core.numbers import fmt
from ..core.roots import Root
from ..costs.verdicts import Verdict
from .walk import Bracket

#: How a subject is named in tables.
SUBJECT_WORDS = {
    "nash": "equilibrium",
    "strict": "strict equilibrium",
    "dominant": "dominant",
    "unique": "only equilibrium",
    "risk_dominant": "risk-dominant",
    "status_quo_exit": "status-quo exit",
}


def subject_words(subject: str) -> str:
    """ "only equilibrium" for ``unique``, "claim unreachable" for ``claim:unreachable``."""
    if subject.startswith("claim:"):
        return f"claim {subject.removeprefix('claim:')}"
    return SUBJECT_WORDS.get(subject, subject)


def state_words(state: Hashable | None) -> str:
    """A verdict or a grade as tables print it."""
    if state is None:
        return "not settled"
    if isinstance(state, (Verdict, Grade)):
        return state.words
    return str(state)


def state_json(state: Hashable | None) -> str | None:
    """A verdict or grade as its JSON word."""
    return None if state is None else str(state.value if isinstance(state, (Verdict, Grade)) else state)


def value_text(x: Endpoint | Bracket | None) -> str:
    """An end or a value as text: exact where rational, "≈1.414" (or a closed form such as
    "1 + √2") for an irrational one."""
    return str(x) if isinstance(x, Bracket) else exact_text(x)


def number_json(x: Endpoint | Bracket | None) -> str | None:
    """An end as exact text (null for unbounded; "≈…" or a closed form for an irrational one,
    with its bracket given beside it)."""
    if x is None:
        return None
    return value_text(x)


def bracket_json(x: Endpoint | Bracket | None) -> list[str] | None:
    """The bracket of an irrational end: a root's cell (canonical, :attr:`Root.cell`), or
    where bisection located a change."""
    if isinstance(x, Root):
        return [fmt(end) for end in x.cell]
    return [fmt(x.lo), fmt(x.hi)] if isinstance(x, Bracket) else None


def state_value(state: Any) -> Any:
    """A cell's state as JSON: true, false or null as they are, a verdict or grade as its word."""
    if isinstance(state, bool) or state is None:
        return state
    return state_json(state)
