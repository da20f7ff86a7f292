"""The page of ``sovgame explore`` as HTML, rendered by the server: the whole page on first
load (so the state in the address is shown without any script) and the live part alone on
each change (:func:`live_html`).

The tables are the command line's sections (:mod:`sovgame.present`), with the decimals and
the glossary the command line adds (:func:`sovgame.present.render.prepare`); nothing here
computes.
"""

from __future__ import annotations

from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING

from ..core.numbers import fmt, fmt_short
from ..present.render import prepare
from ..present.sections import EQUILIBRIUM_MARK, Section
from ..sections.capacity import stated
from .state import command_lines, setting_key
from .view import GENERAL, KAPPA, ExploreView

if TYPE_CHECKING:
    from ..core.case import Case
    from ..core.model import Game


def section_html(section: Section) -> str:
    """One section as a titled table with its caption and its sentences below."""
    out = [f'<section class="result" id="{escape(section.name or "section")}"><h2>{escape(section.title)}</h2>']
    if section.rows:
        out.append("<table>")
        if section.caption:
            out.append(f"<caption>{escape(section.caption)}</caption>")
        out.append("<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in section.columns) + "</tr></thead><tbody>")
        for row in section.rows:
            cells = "".join(
                f"<td{' class=num' if i in section.numeric else ''}>{escape(c)}</td>" for i, c in enumerate(row)
            )
            out.append(f"<tr>{cells}</tr>")
        out.append("</tbody></table>")
    if section.lines:
        out.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in section.lines) + "</ul>")
    out.append("</section>")
    return "".join(out)


def _error(view: ExploreView, key: str) -> str:
    message = view.errors.get(key)
    return f'<p class="error" role="alert">{escape(message)}</p>' if message else ""


def _payoff_text(values) -> str:
    return ", ".join(fmt_short(Fraction(v)) for v in values)


def matrix_html(view: ExploreView) -> str:
    """The costed payoffs u − κ·W at the page's κ, one cell per outcome, each holding an
    editable field with the payoffs the file states; pure equilibria starred."""
    game = view.case.game
    file_game = stated(view.case)
    costed = game.payoffs_at(view.kappa)
    starred = set(view.solution.pure_profiles) if view.solution is not None else set()
    # A cell whose change was refused shows what was typed, beside the message.
    typed = {key: text.partition("=")[2] for text in view.state.settings if (key := setting_key(text)) in view.errors}

    def cell(profile: tuple[int, ...]) -> str:
        key = game.outcome_key(profile)
        starred_here = profile in starred
        mark = (
            f'<span class="star" title="a pure equilibrium at κ = {escape(fmt(view.kappa))}">{EQUILIBRIUM_MARK}</span> '
            if starred_here
            else ""
        )
        return (
            f'<td class="cell{" eq" if starred_here else ""}" data-outcome="{escape(key)}">'
            f'<input class="payoff" name="cell" aria-label="payoffs at {escape(key)}" data-key="{escape(key)}" '
            f'value="{escape(typed.get(key, _payoff_text(file_game.payoffs[profile])))}" spellcheck="false">'
            f'<div class="costed">{mark}{escape(_payoff_text(costed[profile]))}</div>'
            + "".join(_error(view, k) for k in (key, *(f"{name}@{key}" for name in game.player_names)))
            + "</td>"
        )

    title = f"Payoffs at κ = {escape(fmt(view.kappa))}: u − κ·W ({escape(', '.join(game.player_names))})"
    out = [f'<section class="result" id="matrix"><h2>{title}</h2><table class="matrix">']
    if game.n_players == 2:
        rows, cols = game.players[0], game.players[1]
        out.append(
            f"<thead><tr><th>{escape(rows.name)} \\ {escape(cols.name)}</th>"
            + "".join(f"<th>{escape(s)}</th>" for s in cols.strategies)
            + "</tr></thead><tbody>"
        )
        for i, strategy in enumerate(rows.strategies):
            out.append(f"<tr><th>{escape(strategy)}</th>" + "".join(cell((i, j)) for j in range(len(cols.strategies))))
            out.append("</tr>")
    else:
        out.append("<thead><tr><th>outcome</th><th>payoffs</th></tr></thead><tbody>")
        for profile in game.profiles():
            out.append(f"<tr><th>{escape(game.outcome_key(profile))}</th>{cell(profile)}</tr>")
    out.append("</tbody></table>")
    out.append(
        '<p class="hint">Each field holds the payoffs the file states; below it, the payoffs less '
        f"κ times the costs. {EQUILIBRIUM_MARK} marks a pure equilibrium (mixed ones are listed below). "
        "Press Enter to apply an edit.</p></section>"
    )
    return "".join(out)


def live_html(view: ExploreView, game_name: str) -> str:
    """The part of the page that follows the state: the matrix, equilibria, bottom line,
    thresholds, chart, claims and the equivalent command lines."""
    out = [_error(view, GENERAL)]
    if view.refused:
        out.append(f'<p class="error refused" role="alert">{escape(view.refused)}</p>')
    out.append(matrix_html(view))
    sections: list[Section] = []
    if view.solution is not None:
        from ..present.equilibria import equilibria_section

        sections.append(equilibria_section(view.solution))
    if view.bottom_line:
        sections.append(Section("Bottom line", [], [], lines=list(view.bottom_line), name="bottom_line"))
    if view.report is not None:
        from ..present.thresholds import thresholds_sections

        sections += thresholds_sections(view.report)
    shown = prepare(sections)
    charted = view.solution is not None and view.case.game.costs
    for section in shown:
        if section.name == "glossary" and view.scorecard is not None:
            out.append(_claims_html(view))
        out.append(section_html(section))
        if section.name == "bottom_line" and charted:
            out.append(
                '<section class="result" id="chart"><h2>Equilibria along κ</h2>'
                f'<img alt="the regime chart: which equilibria hold at each cost level" '
                f'src="chart.svg?{escape(chart_query(view))}" width="640"></section>'
            )
    if view.scorecard is not None and not any(s.name == "glossary" for s in shown):
        out.append(_claims_html(view))
    commands = "\n".join(command_lines(game_name, view.state))
    out.append(
        '<section class="result" id="command"><h2>The same on the command line</h2>'
        f'<pre><code id="command-text">{escape(commands)}</code></pre></section>'
    )
    return "".join(out)


def chart_query(view: ExploreView) -> str:
    """The chart's address: the changes that hold, and not κ (the chart spans every κ, so
    moving κ leaves it as it is and the browser keeps it)."""
    from urllib.parse import urlencode

    return urlencode([("set", s) for s in view.applied])


def _claims_html(view: ExploreView) -> str:
    from ..present.claims import scorecard_sections

    assert view.scorecard is not None
    return "".join(section_html(s) for s in prepare(scorecard_sections(view.scorecard), glossary=False))


def kappa_top(case: Case) -> Fraction:
    """The top of the κ slider: twice the top of the plausible range (at least 2)."""
    return max(2 * Fraction(case.plausible[1]), Fraction(2))


def _number_slider(ident: str, label: str, lo: Fraction, hi: Fraction, value: Fraction, extra: str = "") -> str:
    step = _step(lo, hi)
    return (
        f'<label for="{ident}">{escape(label)}</label>'
        f'<div class="slider"><input type="range" id="{ident}-range" data-for="{ident}" min="{float(lo):g}" '
        f'max="{float(hi):g}" step="{step:g}" value="{float(value):g}"{extra}>'
        f'<input type="text" class="number" id="{ident}" value="{escape(fmt_short(value))}" spellcheck="false"></div>'
    )


def _step(lo: Fraction, hi: Fraction) -> float:
    """A slider step that gives round numbers: 1/20, 1/10, 1/4, 1/2 or 1 of the span's units."""
    span = float(hi - lo)
    for step in (0.05, 0.1, 0.25, 0.5, 1.0):
        if span / step <= 200:
            return step
    return span / 200


def _weight_sliders(base: Game, game: Game, view_errors: dict[str, str]) -> str:
    out = []
    for k, cost in enumerate(base.costs):
        current = game.costs[k].weights if k < len(game.costs) else cost.weights
        out.append(
            f'<fieldset class="cost"><legend>cost {escape(cost.name)}</legend>'
            f'<p class="hint">incidence {escape(cost.incidence)}</p>'
        )
        for i, player in enumerate(base.player_names):
            if cost.weights_range is not None:
                lo, hi = cost.weights_range[i]
            else:
                lo, hi = Fraction(0), max(2 * cost.weights[i], Fraction(1))
            lo, hi = min(lo, current[i]), max(hi, current[i])
            extra = f' data-cost="{escape(cost.name)}" data-player="{i}"'
            out.append(_number_slider(f"weight-{k}-{i}", f"weight of {player}", lo, hi, current[i], extra))
        out.append(_error_key(f"cost:{cost.name}", view_errors.get(f"cost:{cost.name}")))
        out.append("</fieldset>")
    return "".join(out)


def _error_key(key: str, message: str | None = None) -> str:
    """The place beside a slider where the page's script shows the message of ``key``."""
    shown = f">{escape(message)}</p>" if message else " hidden></p>"
    return f'<p class="error" data-error-for="{escape(key)}"{shown}'


def _payoff_slider(base: Game) -> str:
    options = []
    for profile in base.profiles():
        key = base.outcome_key(profile)
        for i, player in enumerate(base.player_names):
            value = Fraction(base.payoffs[profile][i])
            options.append(
                f'<option value="{escape(player)}@{escape(key)}" data-player="{i}" data-outcome="{escape(key)}" '
                f'data-value="{float(value):g}">{escape(player)} at {escape(key)}</option>'
            )
    values = [Fraction(v) for v in base.payoffs.reshape(-1)]
    lo, hi = min(values) - 2, max(values) + 2
    first = Fraction(base.payoffs[next(iter(base.profiles()))][0])
    return (
        '<fieldset><legend>one payoff</legend><select id="payoff-choice" aria-label="the payoff to move">'
        + "".join(options)
        + "</select>"
        + _number_slider("payoff", "its value", lo, hi, first)
        + "</fieldset>"
    )


def controls_html(view: ExploreView, base: Case) -> str:
    """The sliders and buttons: κ (0 to twice the top of the plausible range, today marked),
    each cost weight (within its declared range, else 0 to twice the weight), one payoff."""
    low, high = base.plausible
    top = kappa_top(base)
    marks = '<datalist id="kappa-marks"><option value="1" label="today"></option></datalist>'
    out = ['<form id="controls" autocomplete="off" onsubmit="return false">', marks, '<fieldset class="kappa">']
    out.append(
        "<legend>cost level κ</legend>"
        + _number_slider("kappa", "κ (1 = costs as in the file)", Fraction(0), top, view.kappa, ' list="kappa-marks"')
    )
    today = float(1 / top) * 100
    lo_pc, hi_pc = float(low / top) * 100, float(min(high, top) / top) * 100
    out.append(
        f'<div class="scale"><span class="plausible" style="left:{lo_pc:.1f}%;width:{hi_pc - lo_pc:.1f}%"></span>'
        f'<span class="today" style="left:{today:.1f}%">today</span></div>'
        f'<p class="hint">plausible: κ from {escape(fmt(low))} to {escape(fmt(high))} (shaded); today: κ = 1</p>'
    )
    out.append(_error_key(KAPPA, view.errors.get(KAPPA)))
    out.append("</fieldset>")
    base_game = stated(base)
    if base_game.costs:
        out.append(_weight_sliders(base_game, stated(view.case), view.errors))
    out.append(_payoff_slider(base_game))
    out.append(
        '<div class="actions"><button type="button" id="reset">Reset</button>'
        '<button type="button" id="copy">Copy as command</button>'
        f'<a id="export" href="report?{escape(view.state.query())}" download>Export report</a></div>'
        '<fieldset class="save"><legend>save as a new game file</legend>'
        '<input type="text" id="save-path" placeholder="my_case.toml" aria-label="file name" spellcheck="false">'
        '<label class="check"><input type="checkbox" id="save-overwrite"> may change the input file</label>'
        '<button type="button" id="save">Save as</button><p id="save-result" role="status"></p></fieldset>'
    )
    out.append("</form>")
    return "".join(out)


def page_html(view: ExploreView, base: Case, game_name: str, token: str) -> str:
    """The whole page for the state of ``view``."""
    title = escape(view.case.title or game_name)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f'<meta name="sovgame-token" content="{escape(token)}">'
        f"<title>{title} · sovgame explore</title>"
        '<link rel="stylesheet" href="static/explore.css"><script src="static/explore.js" defer></script>'
        f'</head><body><header><h1>{title}</h1><p class="sub">sovgame explore · {escape(game_name)} · '
        "exact results, each recomputed as you change the game</p></header>"
        f'<main><aside id="panel">{controls_html(view, base)}</aside>'
        f'<div id="live" aria-live="polite">{live_html(view, game_name)}</div></main></body></html>'
    )
