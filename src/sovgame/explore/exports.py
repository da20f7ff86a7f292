"""What the page fetches besides its HTML: the regime chart as SVG and the HTML report of
the page's state, both drawn by the functions ``sovgame sweep --plot`` and ``sovgame report``
use."""

from __future__ import annotations

import io

from ..core.case import Case


def chart_svg(case: Case) -> bytes:
    """The regime chart of ``case`` (:func:`sovgame.present.regime_chart.sweep_figure`: the
    equilibria along κ, the breakpoints, the thresholds below) as SVG."""
    from ..costs.regimes import sweep
    from ..costs.thresholds import compute_thresholds
    from ..present.figures import pyplot
    from ..present.regime_chart import sweep_figure

    plt = pyplot()
    report = compute_thresholds(case) if case.game.compromise_profile is not None else None
    figure = sweep_figure(sweep(case), report)
    try:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg")
    finally:
        plt.close(figure)
    return buffer.getvalue()


def report_html(case: Case) -> str:
    """The report ``sovgame report -o FILE.html`` writes for ``case`` (chart included when
    matplotlib is installed), as text."""
    from ..costs.regimes import sweep
    from ..findings.analysis import analyze
    from ..present.report import chart_png, report_sections, to_html

    result = analyze(case)
    regimes = sweep(case)
    return to_html(report_sections(result, regimes), result.game.title, chart_png(regimes, result))
