"""Reports for readers: the whole analysis of one game as Markdown, HTML or JSON.

Contents: title, description and sources; payoffs with notes; equilibria; thresholds with
verdicts and reasons; the regime chart; the conclusion; and the assumptions (payoff scale,
cost incidences, plausible range) stated plainly. The HTML file is self-contained (the chart
is embedded as a PNG); a Markdown report writes its chart beside it.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.numbers import fmt
from ..costs.regimes import Sweep, sweep
from ..costs.verdicts import TODAY
from ..errors import SovgameError
from ..files.atomic import write_atomically
from ..files.gamefile import load_game
from ..findings.analysis import Analysis, analyze
from .analysis import analysis_sections, analysis_to_json
from .render import to_json_text, to_markdown
from .sections import Section
from .thresholds import sweep_sections, sweep_to_json

FORMATS = (".md", ".html", ".json")


def assumptions_section(result: Analysis) -> Section:
    """The assumptions stated plainly: payoff scale, each cost's incidence and weights, the plausible range."""
    game = result.game
    lines = [
        f"Payoff scale: {game.payoff_scale}"
        + (
            " — only each side's ordering of outcomes is argued; the numbers are one cardinalisation of it"
            if game.payoff_scale == "ordinal"
            else " — the payoff numbers are meant as given"
        )
    ]
    for cost in game.costs:
        who = ", ".join(game.player_names[j] for j in cost.between)
        lines.append(
            f"Cost {cost.name}: incidence {cost.incidence} (between {who}), weights "
            + ", ".join(f"{p} {fmt(w)}" for p, w in zip(game.player_names, cost.weights))
        )
    if result.thresholds is not None:
        plausible = result.thresholds.plausible
        given = "" if result.thresholds.plausible_given else " (assumed: the file gives none)"
        lines.append(
            f"Plausible cost levels: κ from {fmt(plausible[0])} to {fmt(plausible[1])}{given}; κ = 1 means "
            "the costs as stated in the file"
        )
    return Section("Assumptions", [], [], lines=lines, name="assumptions")


def front_matter(result: Analysis) -> Section:
    """The game's description and source, as the report opens."""
    game = result.game
    lines = [text for text in (game.description, game.source and f"Source: {game.source}") if text]
    return Section("About this game", [], [], lines=lines, name="about")


def report_sections(result: Analysis, regimes: Sweep) -> list[Section]:
    """Every section of a report in reading order: about, analysis, regimes, assumptions,
    conclusion and, when the file states claims, their scorecard."""
    sections = [front_matter(result)] + analysis_sections(result)
    # The conclusion (and the claims' scorecard) go last, after regimes and assumptions.
    last = [s for s in sections if s.name in ("conclusion", "deciding", "claims")]
    body = [s for s in sections if s.name not in ("conclusion", "deciding", "claims")]
    return body + sweep_sections(regimes) + [assumptions_section(result)] + last


def chart_png(regimes: Sweep, result: Analysis) -> bytes | None:
    """The regime chart as PNG bytes, or None without matplotlib."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return None
    from .plot import plot_sweep

    buffer = io.BytesIO()
    plot_sweep(regimes, buffer, result.thresholds)
    return buffer.getvalue()


def _check_output(output: Path) -> str:
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise SovgameError(f"{output}: reports are written as {', '.join(FORMATS)}; name the file so")
    if not output.parent.exists():
        raise SovgameError(f"{output.parent}: no such folder")
    return suffix


def write_sections(
    output: Path, title: str, sections: list[Section], data: Any, png: bytes | None = None
) -> list[Path]:
    """Write ``sections`` as Markdown or HTML, or ``data`` as JSON, by the file's extension.

    The chart (PNG bytes), if any, goes with the section named "regimes": embedded in HTML,
    a file beside a Markdown report.
    """
    suffix = _check_output(output)
    if suffix == ".json":
        write_atomically(output, to_json_text(data) + "\n")
        return [output]
    if suffix == ".html":
        write_atomically(output, to_html(sections, title, png))
        return [output]
    written = [output]
    text = to_markdown(sections, title)
    if png is not None:
        chart = output.with_suffix(".png")
        chart.write_bytes(png)
        written.append(chart)
        heading = next(f"## {s.title}\n" for s in sections if s.name == "regimes")
        text = text.replace(heading, f"{heading}\n![Regimes]({chart.name})\n", 1)
    write_atomically(output, text)
    return written


def write_report(spec: str, output: str | Path, settings: Sequence[str] = ()) -> list[Path]:
    """Write the report for game ``spec`` to ``output`` (.md, .html or .json); returns the
    files written (a Markdown report also writes its chart as a PNG beside it)."""
    output = Path(output)
    _check_output(output)
    game = load_game(spec, settings)
    result = analyze(game)
    regimes = sweep(game)
    data = {
        "analysis": analysis_to_json(result),
        "regimes": sweep_to_json(regimes),
        "assumptions": assumptions_section(result).lines,
    }
    png = chart_png(regimes, result) if output.suffix.lower() != ".json" else None
    return write_sections(output, game.title, report_sections(result, regimes), data, png)


def write_scenarios_report(specs: Sequence[str], output: str | Path, kappa: Fraction = TODAY) -> list[Path]:
    """The scenarios side by side (equilibria at κ, default today's costs), then each
    scenario's thresholds, as a report file."""
    from ..costs.scenarios import compare_scenarios
    from .analysis import scenarios_sections, scenarios_to_json
    from .thresholds import thresholds_sections

    output = Path(output)
    _check_output(output)
    scenarios, changes = compare_scenarios(specs, kappa)
    sections = scenarios_sections(scenarios, changes)
    for scenario in scenarios:
        if scenario.thresholds is not None:
            for section in thresholds_sections(scenario.thresholds):
                section.title = f"{scenario.name}: {section.title}"
                sections.append(section)
    return write_sections(output, "Scenarios", sections, scenarios_to_json(scenarios, changes))


CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0; } caption { caption-side: bottom; text-align: left;
 font-size: 0.85rem; color: #555; padding-top: 0.3rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.6rem; vertical-align: top; } th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } img { max-width: 100%; }
"""


def to_html(sections: list[Section], title: str, png: bytes | None) -> str:
    """One self-contained HTML page; the chart embedded as a data URI."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for section in sections:
        out.append(f'<section id="{html.escape(section.name or "section")}"><h2>{html.escape(section.title)}</h2>')
        if section.name == "regimes" and png is not None:
            data = base64.b64encode(png).decode("ascii")
            out.append(f'<img alt="Equilibria by cost level" src="data:image/png;base64,{data}">')
        if section.rows:
            out.append("<table>")
            if section.caption:
                out.append(f"<caption>{html.escape(section.caption)}</caption>")
            out.append(
                "<thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in section.columns) + "</tr></thead><tbody>"
            )
            for row in section.rows:
                cells = "".join(
                    f"<td{' class=num' if i in section.numeric else ''}>{html.escape(c)}</td>"
                    for i, c in enumerate(row)
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</tbody></table>")
        if section.lines:
            out.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in section.lines) + "</ul>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
