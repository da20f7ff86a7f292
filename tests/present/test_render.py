"""What people read: decimals beside fractions (and --exact-only), "never" for no finite κ,
the glossary, Markdown that keeps its italics, tables readable at 80 columns, no trailing
spaces when piped."""

from __future__ import annotations

import io
import re

import pytest

from sovgame.cli import app
from sovgame.present.decimals import exact_only, with_decimals
from sovgame.present.glossary import glossary_lines
from sovgame.present.render import print_tables, to_markdown
from sovgame.present.sections import Section
from strategies import two_by_two


@pytest.mark.parametrize(
    "text, shown",
    [
        ("≥ 4/3", "≥ 4/3 (1.333)"),
        ("1/2 †", "1/2 (0.5) †"),
        ("Stag 2/3, Hare 1/3", "Stag 2/3 (0.6667), Hare 1/3 (0.3333)"),
        ("2/3 + √(8/45)", "2/3 + √(8/45) (1.088)"),  # 0.6667 + 0.4216
        ("400/39 periods", "400/39 (10.26) periods"),
        ("inf", "never"),
        ("3", "3"),  # whole numbers say it all
        ("4/3 (1.333)", "4/3 (1.333)"),  # already there
        ("(1) 1/4 (≈ 0.25)", "(1) 1/4 (≈ 0.25)"),  # an approximation is left as it is
        ("max(0, 1 − (3/4)κ)", "max(0, 1 − (3/4)κ)"),  # a formula in κ
        ("4/(1 + 2q)", "4/(1 + 2q)"),
        ("“after 9/11” 1/2", "“after 9/11” 1/2 (0.5)"),  # a quotation is left as written
    ],
)
def test_decimals_beside_fractions(text, shown):
    assert with_decimals(text) == shown


def test_exact_only_turns_the_decimals_off_but_keeps_never():
    with exact_only():
        assert with_decimals("≥ 4/3") == "≥ 4/3"
        assert with_decimals("inf") == "never"
    assert with_decimals("≥ 4/3") == "≥ 4/3 (1.333)"


def test_the_cli_shows_decimals_unless_exact_only(runner, tmp_path):
    shown = runner.invoke(app, ["thresholds", "pakistan_afghanistan"]).stdout
    assert "≥ 4/3 (1.333)" in shown
    exact = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--exact-only"])
    assert exact.exit_code == 0, exact.output
    assert "≥ 4/3" in exact.stdout and "(1.333)" not in exact.stdout
    for flag, expected in (([], True), (["--exact-only"], False)):
        out = tmp_path / f"report{len(flag)}.md"
        result = runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(out), *flag])
        assert result.exit_code == 0, result.output
        assert ("4/3 (1.333)" in out.read_text(encoding="utf-8")) is expected


def test_no_finite_kappa_reads_never_in_every_table(runner):
    # Afghanistan's compromise is never dominant in the case; grim trigger δ* at κ = 0 too.
    for command in ("thresholds", "analyze"):
        out = runner.invoke(app, [command, "pakistan_afghanistan"]).stdout
        assert not re.search(r"(?<![\w.])inf(?!\w)", out), command
        assert "never" in out


def test_the_glossary_explains_the_terms_of_analyze_once(runner):
    out = runner.invoke(app, ["analyze", "pakistan_afghanistan", "--glossary"]).stdout
    glossary = out.split("\nGlossary\n", 1)[1]
    for term in ("binding:", "strict equilibrium:", "risk-dominant", "δ* = (T − R)/(T − P)", "T, R, P, S:"):
        assert glossary.count(term) == 1, term
    assert "component:" in glossary  # the equilibria table has a component column
    for word in ("reachable (verdict)", "beyond (verdict)", "never (verdict)"):
        assert glossary.count(word) == 1
    # The verdict words are explained here only, not again in a caption.
    assert out.count("not at today's costs, but at a higher κ within the plausible range") == 1


def test_glossary_lines_only_for_the_terms_used():
    plain = Section("Payoffs", ["a", "b"], [["1", "2"]])
    assert glossary_lines([plain]) == []
    used = Section("Thresholds", ["criterion", "binding"], [["strict equilibrium", "Pakistan"]])
    lines = glossary_lines([used])
    assert [line.split(":")[0] for line in lines] == ["binding", "strict equilibrium"]
    # The user's own text (notes) brings no term in.
    notes = Section("Notes", [], [], lines=["a degenerate case"], plain=True)
    assert glossary_lines([notes]) == []


def test_a_star_in_a_markdown_caption_does_not_end_its_italics():
    section = Section("Grim trigger", ["player", "δ*"], [["A", "1/2"]], caption="sustained when δ ≥ δ* = 1/2")
    text = to_markdown([section])
    caption = next(line for line in text.splitlines() if line.startswith("*sustained"))
    assert caption == r"*sustained when δ ≥ δ\* = 1/2 (0.5)*" or caption == r"*sustained when δ ≥ δ\* = 1/2*"
    # Only the two stars that open and close the italics are unescaped.
    assert len(re.findall(r"(?<!\\)\*", caption)) == 2
    assert "| A | 1/2 (0.5) |" in text and r"| player | δ\* |" in text


def test_piped_output_has_no_trailing_spaces(runner):
    for args in (["analyze", "pakistan_afghanistan"], ["scenarios", "scenario_status_quo", "scenario_escalation"]):
        out = runner.invoke(app, args).stdout
        assert out and not [line for line in out.splitlines() if line != line.rstrip()], args


def test_tables_are_readable_at_80_columns(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for args in (
        ["scenarios", "scenario_status_quo", "scenario_escalation", "scenario_india_engaged"],
        ["robust", "pakistan_afghanistan", "-n", "300"],
        ["games"],
        ["analyze", "pakistan_afghanistan_escalation"],
    ):
        out = runner.invoke(app, args).stdout
        assert "…" not in out, args  # nothing cut
        assert max(len(line) for line in out.splitlines()) <= 80, args
    out = runner.invoke(app, ["scenarios", "scenario_status_quo", "scenario_escalation"]).stdout
    assert "scenario: scenario_escalation" in out and "Scenario 2: Pakistani escalation to a sustained" in out


def test_show_displays_a_custom_costs_exposure(runner):
    out = runner.invoke(app, ["show", "pakistan_afghanistan_campaign"]).stdout
    table = out.split("Exposure to campaign_burden", 1)[1]
    # The file: campaign_burden exposes Pakistan (1, Afghanistan 0) at both Sustained campaign outcomes.
    assert re.search(r"Sustained campaign\s+│\s+1, 0 │\s+1, 0 │", table)
    assert re.search(r"Strike\s+│\s+0, 0 │\s+0, 0 │", table)


def test_verdicts_and_grades_are_coloured_in_a_terminal_only(runner, monkeypatch):
    from rich.console import Console

    monkeypatch.delenv("NO_COLOR")
    section = Section("Verdicts", ["criterion", "verdict", "grade"], [["nash", "REACHABLE", "not supported"]])
    buffer = io.StringIO()
    print_tables([section], console=Console(file=buffer, force_terminal=True, color_system="standard", width=80))
    shown = buffer.getvalue()
    assert "\x1b[36mREACHABLE" in shown and "\x1b[31mnot supported" in shown  # cyan, red; the words stay
    piped = runner.invoke(app, ["thresholds", "pakistan_afghanistan"]).stdout
    assert "REACHABLE" in piped and "\x1b[" not in piped


def test_a_status_quo_that_never_ends_is_said_once_in_the_readings_table():
    from sovgame.costs.status_quo_exit import status_quo_exit
    from sovgame.present.readings import exit_cell

    # PD 3, 0, 5, 1 under any_conflict: leaving (D, D) gains S − P = −1 at every κ (both
    # outcomes carry the cost), so the status quo holds at every κ ≥ 0 and has no exit: the
    # cell says "never", not "never: never".
    forever = status_quo_exit(two_by_two([(3, 3), (0, 5), (5, 0), (1, 1)], "any_conflict"))
    assert forever is not None and forever.value is None
    assert exit_cell(forever) == "never"
