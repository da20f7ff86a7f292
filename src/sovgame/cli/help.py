"""Help texts as people read them: paragraphs reflowed, brackets shown as written.

Typer's rich help keeps the line breaks of a docstring (a summary broken mid-sentence in
the list of commands) and reads ``[...]`` as markup (``[repeated]`` vanished from a help
text). :func:`polish_help` fixes both once, for every command and option, so commands need
nothing of their own.
"""

from __future__ import annotations

import inspect
import re

import typer
from rich.markup import escape


def reflow(text: str) -> str:
    """Each paragraph of ``text`` on one line (typer wraps it to the terminal)."""
    paragraphs = re.split(r"\n\s*\n", inspect.cleandoc(text))
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def _parameter_infos(callback) -> list:
    """The typer Option and Argument objects of a command's parameters.

    The signature is evaluated once and kept (``__signature__``): typer would otherwise
    evaluate the annotations again, building new Option objects without the polished help.
    """
    from typer.models import ParameterInfo

    signature = inspect.signature(callback, eval_str=True)
    callback.__signature__ = signature
    infos = []
    for parameter in signature.parameters.values():
        for extra in getattr(parameter.annotation, "__metadata__", ()):
            if isinstance(extra, ParameterInfo):
                infos.append(extra)
    return infos


def polish_help(app: typer.Typer) -> None:
    """Reflow and escape the help of every command of ``app`` and of its options (once each:
    options shared by many commands are the same objects)."""
    done: set[int] = set()
    if isinstance(app.info.help, str):
        app.info.help = escape(reflow(app.info.help))
    for command in app.registered_commands:
        callback = command.callback
        text = command.help or (callback.__doc__ if callback is not None else None)
        if text:
            command.help = escape(reflow(text))
        if callback is None:
            continue
        for parameter in _parameter_infos(callback):
            if id(parameter) in done or not parameter.help:
                continue
            done.add(id(parameter))
            parameter.help = escape(reflow(parameter.help))
