"""The exceptions sovgame raises for problems a user can fix.

The command line catches :class:`SovgameError` only: it prints the message on stderr and exits
with the error's ``exit_code`` (1 for bad input, 2 for bad usage), without a traceback. Any
other exception is a bug in sovgame and is allowed to show as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: A parameter named inside a message: ``{{samples}}``, or ``{{force=True}}`` with the value a
#: program passes. A program reads the parameter (``samples``, ``force=True``); the command
#: line shows its option instead (``--samples``, ``--force``).
_MENTION = re.compile(r"\{\{(\w+)(=[^}]*)?\}\}")


def library_name(parameter: str, value: str = "") -> str:
    """A parameter as a program passes it: ``samples``, ``force=True``."""
    return parameter + value


def resolve_mentions(text: str, name: Callable[[str], str] | None = None) -> str:
    """``text`` with every ``{{parameter}}`` written for its reader: by ``name(parameter)`` (the
    command line maps it to its option), else as the library's parameter."""

    def written(match: re.Match[str]) -> str:
        return name(match[1]) if name is not None else library_name(match[1], match[2] or "")

    return _MENTION.sub(written, text)


class SovgameError(Exception):
    """Base class: the message is written for the person who gave the input.

    A message may name a parameter as ``{{parameter}}`` (``{{force=True}}``): ``str()`` shows it
    as the library's parameter, :meth:`message` as the command line's option.
    """

    exit_code = 1

    def message(self, name: Callable[[str], str] | None = None) -> str:
        """The message, each parameter it names written by ``name`` (default: as the library's)."""
        return resolve_mentions(super().__str__(), name)

    def __str__(self) -> str:
        return self.message()


class UsageError(SovgameError):
    """The command line asks for something that cannot be done (a bad option value)."""

    exit_code = 2


class ParameterError(UsageError):
    """An argument of a library function that cannot be used.

    The message names the function's parameter (``noise``), never a command-line option: the
    command line maps the parameter to its option (``--noise``) when it prints the error, so a
    notebook user is not told about options they never typed.
    """

    def __init__(self, parameter: str, detail: str, exit_code: int | None = None):
        self.parameter = parameter
        self.detail = detail
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(f"{parameter}: {detail}")

    def message(self, name: Callable[[str], str] | None = None) -> str:
        """What is wrong with the parameter, without its name (the caller names it)."""
        return resolve_mentions(self.detail, name)

    def __str__(self) -> str:
        return f"{self.parameter}: {self.message()}"


class GameTooLargeError(SovgameError):
    """The game is too large for the computation asked for; the message says what to do."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a game file: the key it concerns and what is wrong with it."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


class GameFileError(SovgameError):
    """A game file that cannot be used; lists every problem found in it at once."""

    def __init__(self, origin: str, problems: list[Problem]):
        self.origin = origin
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return f"{self.origin}: {self.problems[0]}"
        lines = [f"{self.origin}: {len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def installed_from_folder() -> Path | None:
    """The source folder sovgame was installed from, if it was (a checkout installed with
    ``pip install .`` or ``-e .``): pip records it in ``direct_url.json`` (PEP 610); a
    checkout run without installing is found beside this module (``src/sovgame/``)."""
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    try:
        record = json.loads(metadata.distribution("sovgame").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError, OSError):
        record = {}
    url = urlparse(str(record.get("url", ""))) if isinstance(record, dict) else urlparse("")
    if url.scheme == "file" and "dir_info" in record:
        folders = [Path(unquote(url.path))]
    else:
        folders = [Path(__file__).resolve().parents[2]]  # src/sovgame/errors.py → the checkout
    return next((f.resolve() for f in folders if (f / "pyproject.toml").is_file()), None)


def extra_hint(extra: str) -> str:
    """How to install an optional extra: for a copy installed from a source folder
    ``pip install ".[plot]"`` in that folder (elsewhere with the folder's path), since an index
    may not hold sovgame; else ``pip install "sovgame[plot]"``."""
    import os

    root = installed_from_folder()
    if root is None:
        return f'pip install "sovgame[{extra}]"'
    here = Path(os.getcwd()).resolve() == root
    return f'pip install "{"." if here else root}[{extra}]"'
