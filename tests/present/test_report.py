"""What-ifs (--set), safe edits that lose nothing, new files, and reports."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from sovgame.cli import app


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.sections, self.images, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "section":
            self.sections.append(attrs.get("id"))
        if tag == "img":
            self.images.append(attrs.get("src", ""))

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_one_self_contained_page(tmp_path, runner):
    pytest.importorskip("matplotlib")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = _Collector()
    page.feed(out.read_text(encoding="utf-8"))
    assert {
        "about",
        "payoffs",
        "notes",
        "costs",
        "equilibria",
        "thresholds",
        "regimes",
        "assumptions",
        "conclusion",
        "deciding",
        "claims",
        "glossary",
    } <= set(page.sections)
    # The conclusion, what decides it and the scorecard end the analysis; the glossary follows.
    assert page.sections[-4:] == ["conclusion", "deciding", "claims", "glossary"]
    (image,) = page.images
    assert image.startswith("data:image/png;base64,")
    text = " ".join(page.text)
    assert "Payoff scale: ordinal" in text and "partly supported" in text and "4/3" in text
    # The report names the number that turns each verdict soonest: for the equilibrium verdict
    # κ_NE = 4/3·(4 − R) reaches 1 at R = 13/4 (T reaching 15/4 is as near, 1/4 of a payoff range
    # of 3 away; the file's order breaks the tie).
    assert (
        "the equilibrium verdict (reachable) turns holds today if Pakistan's payoff at (Restrain strikes, "
        "Constrain TTP) reaches 13/4" in text
    )
    # It opens with the bottom line and shows the readings.
    assert page.sections[0] == "bottom_line" and {"readings", "readings_claims"} <= set(page.sections)
    assert "http" not in "".join(page.images)


def test_markdown_and_json_reports(tmp_path, runner):
    md = tmp_path / "r.md"
    assert runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(md)]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "| Restrain strikes | 3, 3 | 1, 4 |" in text and "## Assumptions" in text
    js = tmp_path / "r.json"
    assert (
        runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(js), "--set", "plausible_kappa=0,5"]).exit_code
        == 0
    )
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["analysis"]["thresholds"]["thresholds"]["unique"]["verdict"] == "reachable"
    assert runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(tmp_path / "r.pdf")]).exit_code == 1


def test_terminal_tables_export_as_svg(tmp_path, runner):
    svg = tmp_path / "a.svg"
    result = runner.invoke(app, ["analyze", "--export-svg", str(svg)])
    assert result.exit_code == 0 and svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
