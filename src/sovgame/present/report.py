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
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.case import Case
from ..core.numbers import fmt
from ..costs.regimes import Sweep, sweep
from ..costs.verdicts import TODAY
from ..errors import SovgameError, extra_hint
from ..files.atomic import check_output, write_atomically
from ..files.gamefile import read_case
from ..files.reading import track_inputs
from ..findings.analysis import Analysis, analyze
from ..findings.lenses import Lenses, lenses
from ..sections.capacity import stated
from .analysis import analysis_sections
from .qre import qre_sections
from .render import markdown_text, prepare, to_json_text, to_markdown
from .sections import Section
from .stability import stability_sections
from .thresholds import sweep_sections

FORMATS = (".md", ".html", ".json")


def no_chart() -> str:
    """What a report without its chart says, and the command line on stderr."""
    return f"the chart of the regimes is left out: drawing it needs matplotlib ({extra_hint('plot')})"


def assumptions_section(result: Analysis) -> Section:
    """The assumptions stated plainly: payoff scale, each cost's incidence and weights (as the file
    states them), the plausible range."""
    game = stated(result.case)
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
    case = result.case
    lines = [text for text in (case.description, case.source and f"Source: {case.source}") if text]
    return Section("About this game", [], [], lines=lines, name="about", plain=True)


def report_sections(result: Analysis, regimes: Sweep, lenses: Sequence[Section] = ()) -> list[Section]:
    """Every section of a report in reading order: the bottom line, about, analysis, regimes,
    the other lenses (ordinal stability, logit QRE), assumptions, conclusion and, when the file
    states claims, their scorecard."""
    about = front_matter(result)
    sections = analysis_sections(result)  # the bottom line first, then what the game is about
    sections = sections[:1] + ([about] if about.lines else []) + sections[1:]
    # The conclusion (and the claims' scorecard) go last, after regimes and assumptions.
    last = [s for s in sections if s.name in ("conclusion", "deciding", "claims")]
    body = [s for s in sections if s.name not in ("conclusion", "deciding", "claims")]
    return body + sweep_sections(regimes) + list(lenses) + [assumptions_section(result)] + last


def lens_sections(other: Lenses) -> list[Section]:
    """The report's view of the other lenses at today's costs: the stability table and where
    each state is stable over κ, then the logit QRE branch (and why a lens is left out)."""
    sections: list[Section] = []
    if other.stability is not None:
        table, _, intervals, _ = stability_sections(other.stability)
        sections += [table, intervals]
    if other.qre is not None:
        sections += qre_sections(other.qre)
    if other.left_out:
        sections.append(Section("Other lenses left out", [], [], lines=list(other.left_out), name="lenses"))
    return sections


#: The width of a report's text column in CSS pixels (60rem less 2rem of padding, at 16 px a
#: rem), and the chart drawn to it: 7.25 inches at 128 dots an inch is 928 pixels, so that at
#: its natural size (a Markdown viewer) the chart is as wide as the text, and its 8-point
#: labels are about as large as the captions.
COLUMN_PX = 928
CHART_INCHES, CHART_DPI = 7.25, 128


def chart_png(regimes: Sweep, result: Analysis) -> bytes | None:
    """The regime chart as PNG bytes, or None without matplotlib."""
    if not has_matplotlib():
        return None
    from .plot import plot_sweep

    buffer = io.BytesIO()
    plot_sweep(regimes, buffer, result.thresholds, width=CHART_INCHES, dpi=CHART_DPI)
    return buffer.getvalue()


def has_matplotlib() -> bool:
    """Whether charts can be drawn (the optional extra ``sovgame[plot]`` is installed)."""
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def check_report_output(output: str | Path, force: bool = False, chart: bool = True) -> list[Path]:
    """The files a report to ``output`` would write, checked before any work is done (see
    :func:`sovgame.files.atomic.check_output`): the report, and beside a Markdown report the
    chart ``NAME.png`` (when ``chart`` and matplotlib is installed)."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise SovgameError(f"{output}: reports are written as {', '.join(FORMATS)}; name the file so")
    paths = [check_output(output, force)]
    if suffix == ".md" and chart and has_matplotlib():
        paths.append(check_output(output.with_suffix(".png"), force))
    return paths


def write_sections(
    output: Path, title: str, sections: list[Section], data: Any, png: bytes | None = None, force: bool = False
) -> list[Path]:
    """Write ``sections`` as Markdown or HTML, or ``data`` as JSON, by the file's extension.

    The chart (PNG bytes), if any, goes with the section named "regimes": embedded in HTML,
    a file beside a Markdown report. Existing files are replaced only with ``force``; if the
    report cannot be written, a chart written for it is removed again.
    """
    paths = check_report_output(output, force, chart=png is not None)
    suffix = output.suffix.lower()
    if suffix == ".json":
        write_atomically(paths[0], to_json_text(data) + "\n")
        return [output]
    if suffix == ".html":
        write_atomically(paths[0], to_html(sections, title, png))
        return [output]
    written = [output]
    text = to_markdown(sections, title)
    chart_written = False
    if png is not None and len(paths) > 1:
        chart = output.with_suffix(".png")
        existed = paths[1].exists()
        write_atomically(paths[1], png)
        chart_written = not existed
        written.append(chart)
        heading = next(f"## {markdown_text(s.title)}\n" for s in sections if s.name == "regimes")
        text = text.replace(heading, f"{heading}\n![Regimes]({chart.name})\n", 1)
    try:
        write_atomically(paths[0], text)
    except BaseException:
        if chart_written:  # no chart without its report
            paths[1].unlink(missing_ok=True)
        raise
    return written


def write_report(
    spec: str,
    output: str | Path,
    settings: Sequence[str] = (),
    force: bool = False,
    *,
    load: Callable[[str, Sequence[str]], Case],
) -> list[Path]:
    """Write the report for game ``spec`` to ``output`` (.md, .html or .json); returns the
    files written (a Markdown report also writes its chart as a PNG beside it).

    ``load(spec, settings)`` reads the game: :func:`sovgame.load_case`, so that the report
    grades the claims the file states. An existing file is replaced only with ``force``, and
    never the game file itself.
    """
    output = Path(output)
    check_report_output(output, force)
    with track_inputs():
        game = load(spec, settings)
        check_report_output(output, force)  # now that the inputs are known
        regimes = sweep(game)  # first: a game too large for the regimes is refused at once
        result = analyze(game)
        other = lenses(game)
        data = {
            "analysis": result.json_data(),
            "regimes": regimes.json_data(),
            "stability": None if other.stability is None else other.stability.to_dict(),
            "qre": None if other.qre is None else other.qre.to_dict(),
            "assumptions": assumptions_section(result).lines,
        }
        png = chart_png(regimes, result) if output.suffix.lower() != ".json" else None
        sections = report_sections(result, regimes, lens_sections(other))
        if png is None and output.suffix.lower() != ".json":
            for section in sections:
                if section.name == "regimes":
                    section.lines.append(no_chart())
        return write_sections(output, game.title, sections, data, png, force)


def write_scenarios_report(
    specs: Sequence[str], output: str | Path, kappa: Fraction = TODAY, force: bool = False
) -> list[Path]:
    """The scenarios side by side (equilibria at κ, default today's costs), then each
    scenario's thresholds, as a report file."""
    from ..costs.scenarios import compare_games
    from .analysis import scenarios_sections, scenarios_to_json
    from .thresholds import thresholds_sections

    output = Path(output)
    check_report_output(output, force, chart=False)
    with track_inputs():
        games = [(spec, read_case(spec)) for spec in specs]
        check_report_output(output, force, chart=False)
        scenarios, changes = compare_games(games, kappa)
        sections = scenarios_sections(scenarios, changes)
        for scenario in scenarios:
            if scenario.thresholds is not None:
                for section in thresholds_sections(scenario.thresholds):
                    section.title = f"{scenario.name}: {section.title}"
                    sections.append(section)
        return write_sections(output, "Scenarios", sections, scenarios_to_json(scenarios, changes), force=force)


CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0; } caption { caption-side: bottom; text-align: left;
 font-size: 0.85rem; color: #555; padding-top: 0.3rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.6rem; vertical-align: top; } th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } img { max-width: 100%; height: auto; }
"""


def to_html(sections: list[Section], title: str, png: bytes | None) -> str:
    """One self-contained HTML page; the chart embedded as a data URI."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for section in prepare(sections):
        out.append(f'<section id="{html.escape(section.name or "section")}"><h2>{html.escape(section.title)}</h2>')
        if section.name == "regimes" and png is not None:
            data = base64.b64encode(png).decode("ascii")
            out.append(f'<img alt="Equilibria by cost level" width="{COLUMN_PX}" src="data:image/png;base64,{data}">')
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
