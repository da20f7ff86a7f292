"""Warnings about a valid file that a reader should see but that stop nothing, such as costs
that cannot move compromise (:func:`sovgame.files.validate_costs.cost_traps`).

The library never prints: :func:`notify` hands a warning to the sink the caller set with
:func:`notices_to` (the command line prints it on stderr) and drops it when none is set; a
notebook user asks for the same warnings with :func:`sovgame.files.validate_costs.cost_traps`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_SINK: ContextVar[Callable[[str], None] | None] = ContextVar("notice_sink", default=None)
_SAID: ContextVar[set[str] | None] = ContextVar("notices_said", default=None)


@contextmanager
def notices_to(sink: Callable[[str], None]) -> Iterator[None]:
    """Within the block, warnings go to ``sink``, each once."""
    tokens = _SINK.set(sink), _SAID.set(set())
    try:
        yield
    finally:
        _SINK.reset(tokens[0])
        _SAID.reset(tokens[1])


def notify(message: str) -> None:
    """Hand ``message`` to the sink set by :func:`notices_to` (once); nothing without one."""
    sink, said = _SINK.get(), _SAID.get()
    if sink is None or said is None or message in said:
        return
    said.add(message)
    sink(message)
