"""Print views in the format asked for: rich tables, Markdown, long-form CSV or Excel, JSON.

Results go to stdout; the caller decides where errors and progress go (stderr). Rich drops
colour by itself when output is piped and honours NO_COLOR, TERM=dumb and COLUMNS; piped
output has no trailing spaces. Meaning is never carried by colour alone: equilibrium cells
carry a star, verdicts are words.

Everything people read (tables, Markdown, HTML reports) passes through :func:`prepare`:
decimals beside fractions (:mod:`sovgame.present.decimals`) and a glossary of the terms used
(:mod:`sovgame.present.glossary`; in a terminal only with ``--glossary``). CSV and Excel are the command's JSON in long form
(:mod:`sovgame.present.tidy`), so they hold every number the JSON holds.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import ParameterError, extra_hint

if TYPE_CHECKING:  # only for annotations: importing views loads numpy, which --help does not need
    from rich.console import Console, RenderableType

    from .sections import Section

    #: Sections, or a zero-argument callable that builds them (only when they are printed).
    Sections = list[Section] | Callable[[], list[Section]]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


def to_json_text(data: Any, ascii_only: bool = False) -> str:
    """``data`` as indented JSON, non-ASCII characters kept as written (or, ``ascii_only``,
    as ``\\u`` escapes: the same text to every JSON reader)."""
    return json.dumps(data, indent=2, ensure_ascii=ascii_only)


def shows_symbols(stream: Any) -> bool:
    """Whether ``stream`` can encode sovgame's symbols (κ, ≥, ★, —) as they are."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "κ≥★—".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def render(
    fmt: OutputFormat,
    sections: Sections,
    data: Any,
    *,
    heading: str | None = None,
    primary: str | None = None,
    out: TextIO | None = None,
    console: Console | None = None,
    wide: Callable[[], list[dict[str, Any]]] | None = None,
) -> None:
    """Write ``sections`` (table, markdown) or ``data`` (json; csv and xlsx in long form) to
    ``out``/``console``; ``primary`` names the one section of a JSON that is a list. With
    ``wide`` (``--wide``), csv and xlsx hold its records instead, one row each.

    ``sections`` and ``data`` may be given as zero-argument callables, so only the view
    that is printed gets built.
    """
    out = out or sys.stdout
    if wide is not None:
        _write_wide(fmt, wide(), primary or "result", out)
        return
    if fmt in (OutputFormat.json, OutputFormat.csv, OutputFormat.xlsx):
        value = data() if callable(data) else data
        if fmt is OutputFormat.json:
            out.write(to_json_text(value, ascii_only=not shows_symbols(out)) + "\n")
        elif fmt is OutputFormat.csv:
            from .tidy import to_tidy_csv

            out.write(to_tidy_csv(value, primary or "result"))
        else:
            _write_xlsx(value, primary or "result", out)
        return
    sections = sections() if callable(sections) else sections
    if fmt is OutputFormat.markdown:
        out.write(to_markdown(sections, heading))
    else:
        print_tables(sections, heading, console)


def _write_wide(fmt: OutputFormat, records: list[dict[str, Any]], name: str, out: TextIO) -> None:
    """``--wide``: the result's natural table as csv or xlsx."""
    from .tidy import wide_csv, wide_xlsx

    if fmt is OutputFormat.csv:
        out.write(wide_csv(records))
    elif fmt is OutputFormat.xlsx:
        _write_xlsx(records, name, out, lambda: wide_xlsx(records, name))
    else:
        raise ParameterError("wide", "is for the csv and xlsx formats (the other formats show every value)")


def _write_xlsx(data: Any, name: str, out: TextIO, workbook: Callable[[], bytes] | None = None) -> None:
    """The workbook's bytes (the long form of ``data``, or ``workbook()``) to ``out``'s binary
    stream; never to a terminal."""
    import importlib.util

    if importlib.util.find_spec("openpyxl") is None:
        raise ParameterError("fmt", f"xlsx needs openpyxl: {extra_hint('xlsx')}")
    if out.isatty():
        raise ParameterError("fmt", "xlsx is a binary workbook; send it to a file, e.g. > results.xlsx")
    from .tidy import to_xlsx

    payload = to_xlsx(data, name) if workbook is None else workbook()
    binary = getattr(out, "buffer", None)
    if binary is None:
        raise ParameterError("fmt", "xlsx is written to a binary stream; this output takes text only")
    out.flush()
    binary.write(payload)
    binary.flush()


def prepare(sections: list[Section], glossary: bool = True) -> list[Section]:
    """What people read: decimals beside fractions (unless exact only) and, last, the
    glossary of the terms the sections use."""
    from .decimals import decorate
    from .glossary import glossary_section

    shown = [decorate(s) for s in sections]
    extra = glossary_section(sections) if glossary else None
    return shown + ([extra] if extra is not None else [])


def print_tables(sections: list[Section], heading: str | None = None, console: Console | None = None) -> None:
    """Print ``sections`` as rich tables, each followed by its sentences as bullets (then the
    glossary: always on a ``console`` given, an export; on stdout with ``--glossary``). A table too wide for the terminal is printed one record per row (each
    cell under its column's name) rather than cut; piped output has no trailing spaces."""
    from rich.console import Console

    from .glossary import glossary_in_tables

    if console is not None:
        _print_all(prepare(sections), heading, console)
        return
    target = Console()
    shown = prepare(sections, glossary=glossary_in_tables())
    if not shows_symbols(target.file):  # spelled out before the layout, so columns align
        from .plain import plain_section, plain_text

        encoding = getattr(target.file, "encoding", None) or "ascii"
        shown = [plain_section(s, encoding) for s in shown]
        heading = None if heading is None else plain_text(heading, encoding)
    if target.is_terminal:
        _print_all(shown, heading, target)
        return
    buffer = io.StringIO()
    capture = Console(file=buffer, width=target.width, color_system=None, force_terminal=False, highlight=False)
    _print_all(shown, heading, capture)
    target.file.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def _print_all(sections: list[Section], heading: str | None, console: Console) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if heading:
        console.print(Text(heading, style="bold"))
    for section in sections:
        if section.rows:
            console.print(_table(section) if _fits(console, section) else _records(section))
        else:
            console.print(Text(section.title, style="bold"))
        for line in section.lines:
            console.print(Padding(Text(f"• {line}"), (0, 0, 0, 2), expand=False), highlight=False)
        console.print()


def _table(section: Section) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    # Text objects, not markup: a cell such as "[degenerate]" must print as written.
    table = Table(
        title=Text(section.title, style="bold"),
        caption=Text(section.caption) if section.caption else None,
        title_justify="left",
        caption_justify="left",
        show_lines=False,
    )
    for index, column in enumerate(section.columns):
        whole = index in section.whole
        width = max((len(row[index]) for row in section.rows), default=0) if whole else None
        table.add_column(
            Text(column), justify="right" if index in section.numeric else "left", no_wrap=whole, min_width=width
        )
    colours = verdict_colours()
    for row in section.rows:
        table.add_row(*(Text(cell, style=colours.get(cell.lower(), "")) for cell in row))
    return table


def verdict_colours() -> dict[str, str]:
    """A colour for each verdict and grade word, for a cell that holds that word alone. Rich
    shows it in a terminal only (never in a pipe, a file or under NO_COLOR), and the word is
    always there: colour adds to the meaning, never carries it."""
    from ..claims.grading import Grade
    from ..costs.verdicts import Verdict

    verdicts = {
        Verdict.HOLDS_TODAY: "green",
        Verdict.REACHABLE: "cyan",
        Verdict.BEYOND: "yellow",
        Verdict.LAPSED: "magenta",
        Verdict.NEVER: "red",
    }
    grades = {Grade.SUPPORTED: "green", Grade.PARTLY: "yellow", Grade.NOT_SUPPORTED: "red"}
    return {v.words: style for v, style in verdicts.items()} | {g.words: style for g, style in grades.items()}


def _fits(console: Console, section: Section) -> bool:
    """Whether the table fits the terminal without cutting a word: each column as wide as its
    longest word (its longest cell for a column of names), plus the padding and rules."""
    from rich.cells import cell_len

    widest = 0
    for index, column in enumerate(section.columns):
        cells = [column] + [row[index] for row in section.rows]
        if index in section.whole:
            words = cells
        else:
            words = [word for cell in cells for word in cell.split()]
        widest += max((cell_len(word) for word in words), default=1) + 3
    return widest + 1 <= console.width


def _records(section: Section) -> RenderableType:
    """A table too wide for the terminal, one block per row: the first cell as its heading,
    then each other cell beside its column's name."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [Text(section.title, style="bold")]
    for row in section.rows:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(ratio=1)
        grid.add_column(ratio=2)
        for column, cell in zip(section.columns[1:], row[1:]):
            grid.add_row(Text(column), Text(cell))
        parts += [Text(f"{section.columns[0]}: {row[0]}", style="bold"), Padding(grid, (0, 0, 0, 2))]
    if section.caption:
        parts.append(Text(section.caption))
    return Group(*parts)


def markdown_text(text: str) -> str:
    """Text as Markdown shows it as written: ``*`` (δ*), ``\\`` and ``<`` escaped, so a star
    inside an italic caption does not end it; backticks stay code."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("<", "&lt;")


def _md_cell(text: str) -> str:
    return markdown_text(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(sections: list[Section], heading: str | None = None) -> str:
    """``sections`` as Markdown: a level-2 heading and a pipe table each, caption in italics,
    then the glossary."""
    parts = [f"# {markdown_text(heading)}\n"] if heading else []
    for section in prepare(sections):
        parts.append(f"## {markdown_text(section.title)}\n")
        if section.rows:
            parts.append("| " + " | ".join(_md_cell(c) for c in section.columns) + " |")
            parts.append(
                "|" + "|".join("---:" if i in section.numeric else "---" for i in range(len(section.columns))) + "|"
            )
            parts += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
            parts.append("")
        if section.caption:
            parts.append(f"*{markdown_text(section.caption)}*\n")
        parts += [f"- {markdown_text(line)}" for line in section.lines]
        if section.lines:
            parts.append("")
    return "\n".join(parts) + "\n"
