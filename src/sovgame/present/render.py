"""Print views in the format asked for: rich tables, Markdown, CSV or JSON.

Results go to stdout; the caller decides where errors and progress go (stderr). Rich drops
colour by itself when output is piped and honours NO_COLOR, TERM=dumb and COLUMNS. Meaning
is never carried by colour alone: equilibrium cells carry a star, verdicts are words.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # only for annotations: importing views loads numpy, which --help does not need
    from rich.console import Console

    from .sections import Section

    #: Sections, or a zero-argument callable that builds them (only when they are printed).
    Sections = list[Section] | Callable[[], list[Section]]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def to_json_text(data: Any) -> str:
    """``data`` as indented JSON, non-ASCII characters kept as written."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def render(
    fmt: OutputFormat,
    sections: Sections,
    data: Any,
    *,
    heading: str | None = None,
    primary: str | None = None,
    out: TextIO | None = None,
    console: Console | None = None,
) -> None:
    """Write ``sections`` (table, markdown, csv) or ``data`` (json) to ``out``/``console``.

    ``sections`` and ``data`` may be given as zero-argument callables, so only the view
    that is printed gets built.
    """
    import sys

    out = out or sys.stdout
    if fmt is OutputFormat.json:
        out.write(to_json_text(data() if callable(data) else data) + "\n")
        return
    sections = sections() if callable(sections) else sections
    if fmt is OutputFormat.markdown:
        out.write(to_markdown(sections, heading))
    elif fmt is OutputFormat.csv:
        out.write(to_csv(sections, primary))
    else:
        print_tables(sections, heading, console)


def print_tables(sections: list[Section], heading: str | None = None, console: Console | None = None) -> None:
    """Print ``sections`` as rich tables, each followed by its sentences as bullets."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    if heading:
        console.print(Text(heading, style="bold"))
    for section in sections:
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
        for row in section.rows:
            table.add_row(*(Text(cell) for cell in row))
        if section.rows:
            console.print(table)
        else:
            console.print(Text(section.title, style="bold"))
        for line in section.lines:
            console.print(Padding(Text(f"• {line}"), (0, 0, 0, 2)), highlight=False)
        console.print()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(sections: list[Section], heading: str | None = None) -> str:
    """``sections`` as Markdown: a level-2 heading and a pipe table each, caption in italics."""
    parts = [f"# {heading}\n"] if heading else []
    for section in sections:
        parts.append(f"## {section.title}\n")
        if section.rows:
            parts.append("| " + " | ".join(_md_cell(c) for c in section.columns) + " |")
            parts.append(
                "|" + "|".join("---:" if i in section.numeric else "---" for i in range(len(section.columns))) + "|"
            )
            parts += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
            parts.append("")
        if section.caption:
            parts.append(f"*{section.caption}*\n")
        parts += [f"- {line}" for line in section.lines]
        if section.lines:
            parts.append("")
    return "\n".join(parts) + "\n"


def to_csv(sections: list[Section], primary: str | None = None) -> str:
    """The primary sections as one CSV; a leading ``table`` column when there are several."""
    chosen = [s for s in sections if primary is None or s.name == primary] or sections[:1]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    several = len(chosen) > 1
    if several and len({tuple(s.columns) for s in chosen}) == 1:
        writer.writerow(["table"] + chosen[0].columns)
        for section in chosen:
            writer.writerows([section.title] + row for row in section.rows)
    else:
        for index, section in enumerate(chosen):
            if index:
                buffer.write("\n")
            writer.writerow(section.columns)
            writer.writerows(section.rows)
    return buffer.getvalue()
