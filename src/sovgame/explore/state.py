"""What a page of ``sovgame explore`` shows: the cost level κ and the ``--set`` changes, as
they travel in the page's address (``?kappa=2&set=Strike|Tolerate TTP=2,2``).

The state is text as typed; nothing here reads a file or computes. The changes are those of
``sovgame whatif --set`` (:mod:`sovgame.files.changes`), so a page's state is also a command
line (:func:`command_lines`).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

#: At most this many changes are kept from one address, the latest: a what-if edits a few
#: cells and weights, and each change that fails is validated on its own.
MAX_SETTINGS = 100
#: The cost level shown when the address names none: today's costs, as in the file.
DEFAULT_KAPPA = "1"


@dataclass(frozen=True)
class ExploreState:
    """The cost level as typed and the changes to the game, each ``KEY=VALUE`` as ``--set``
    takes it; a later change of the same key replaces the earlier one (:func:`latest`)."""

    kappa: str = DEFAULT_KAPPA
    settings: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, query: Mapping[str, str], settings: Iterable[str]) -> ExploreState:
        """The state of an address: ``kappa`` (default 1) and every ``set``."""
        kappa = (query.get("kappa") or DEFAULT_KAPPA).strip() or DEFAULT_KAPPA
        return cls(kappa[:100], latest(list(settings))[-MAX_SETTINGS:])

    def query(self) -> str:
        """The address's query string of this state (without the leading ``?``)."""
        pairs = [("kappa", self.kappa)] + [("set", s) for s in self.settings]
        return urlencode(pairs)


def setting_key(text: str) -> str:
    """What a change sets: the text before its ``=`` (a cell, ``Player@cell``, ``cost:NAME``)."""
    return text.partition("=")[0].strip()


def latest(settings: list[str]) -> tuple[str, ...]:
    """The changes with only the last of each key kept, in the order they were last made;
    empty changes are dropped. ``"a|b=1,2"`` after ``"Row@a|b=5"`` replaces that cell's
    payoffs, so both are kept in order (the later wins where they overlap)."""
    kept: dict[str, str] = {}
    for text in settings:
        text = text.strip()
        if not text:
            continue
        key = setting_key(text)
        kept.pop(key, None)
        kept[key] = text
    return tuple(kept.values())


def command_lines(game: str, state: ExploreState) -> list[str]:
    """The command lines that give the page's numbers: ``sovgame whatif`` (before and after the
    changes) when there are changes, and ``sovgame solve`` at the page's κ."""
    sets = "".join(f" --set {shlex.quote(s)}" for s in state.settings)
    lines = []
    if state.settings:
        lines.append(f"sovgame whatif {shlex.quote(game)}{sets}")
    lines.append(f"sovgame solve {shlex.quote(game)} --kappa {shlex.quote(state.kappa)}{sets}")
    return lines
