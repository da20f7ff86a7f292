"""In a terminal the result comes last and the long tails are asked for: the glossary with
--glossary, the bottom line alone with --brief, sensitivity's first 10 rows unless --all;
help texts grouped into panels and never broken inside a word."""

from __future__ import annotations

import json
import re

from sovgame.cli import app


def test_analyze_ends_with_the_scorecard_and_the_glossary_is_asked_for(runner):
    out = runner.invoke(app, ["analyze", "pakistan_afghanistan"]).stdout
    assert "Glossary" not in out
    # The scorecard's table, then each claim's text, test and reason: the unreachable claim
    # is the case's last (tests/cases.py), so its reason ends the output. The reason now ends
    # with the change of one declared number that would turn the grade (each test's flip).
    assert out.rindex("Claims: the scorecard") > out.rindex("Conclusion")
    assert " ".join(out.split()).endswith(
        "it would come out not supported with Pakistan's military_operations weight at 3/4 (0.75) "
        "(inside its declared range)."
    )
    with_glossary = runner.invoke(app, ["analyze", "pakistan_afghanistan", "--glossary"]).stdout
    assert with_glossary.startswith(out.rstrip("\n")) and "\nGlossary\n" in with_glossary
    markdown = runner.invoke(app, ["analyze", "pakistan_afghanistan", "-f", "markdown"]).stdout
    assert "\n## Glossary\n" in markdown  # documents keep it


def test_brief_prints_only_the_bottom_line(runner):
    full = runner.invoke(app, ["analyze", "pakistan_afghanistan"]).stdout
    brief = runner.invoke(app, ["analyze", "pakistan_afghanistan", "--brief"])
    assert brief.exit_code == 0, brief.output
    assert (
        "Bottom line" in brief.stdout
        and "Conclusion" not in brief.stdout
        and "Payoffs" not in brief.stdout
        and "Claims: the scorecard" not in brief.stdout
    )
    bullets = [line for line in brief.stdout.splitlines() if line.lstrip().startswith("•")]
    # --brief prints the bottom line that analyze opens with; the JSON holds the same lines.
    bottom = json.loads(runner.invoke(app, ["analyze", "pakistan_afghanistan", "-f", "json"]).stdout)["bottom_line"]
    assert len(bullets) == len(bottom) and len(brief.stdout.splitlines()) < len(full.splitlines()) / 5
    refused = runner.invoke(app, ["analyze", "pakistan_afghanistan", "--brief", "-f", "json"])
    assert refused.exit_code == 2 and "--brief" in refused.stderr


def _entry_rows(text: str) -> int:
    """Rows of the per-criterion tables: a row starts with the name of a number of the file
    (a player's payoff or weight, the top of the plausible range) or of a section."""
    return len(
        re.findall(
            r"^│ (?:Pakistan|Afghanistan)'s|^│ the(?: (?:top of|mediator|repeated|effect|prior)| +│)", text, flags=re.M
        )
    )


def test_sensitivity_shows_ten_rows_unless_all(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    total = len(json.loads(runner.invoke(app, ["sensitivity", "pakistan_afghanistan", "-f", "json"]).stdout)["entries"])
    assert total > 10  # JSON keeps every entry unless --top says otherwise
    short = runner.invoke(app, ["sensitivity", "pakistan_afghanistan"]).stdout
    assert _entry_rows(short) == 10
    assert f"the 10 of {total} rows with the smallest margins; --all shows every row" in short
    every = runner.invoke(app, ["sensitivity", "pakistan_afghanistan", "--all"]).stdout
    assert _entry_rows(every) == total and "--all shows" not in every
    top = runner.invoke(app, ["sensitivity", "pakistan_afghanistan", "--top", "3"]).stdout
    assert _entry_rows(top) == 3
    clash = runner.invoke(app, ["sensitivity", "pakistan_afghanistan", "--top", "3", "--all"])
    assert clash.exit_code == 2


def test_sensitivity_tables_fit_80_columns(runner, monkeypatch):
    # Narrow tables, one per criterion: printed as tables (not one record per row) and no
    # cell cut short.
    monkeypatch.setenv("COLUMNS", "80")
    out = runner.invoke(app, ["sensitivity", "pakistan_afghanistan"]).stdout
    assert "┃ number" in out and "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_help_groups_options_and_never_breaks_a_word(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = runner.invoke(app, ["sensitivity", "--help"]).stdout
    for panel in ("Output", "Two numbers at once (--map)", "Limits"):
        assert f"─ {panel} ─" in text
    assert len(text.splitlines()) < 60
    for command in ("solve", "thresholds", "analyze", "whatif", "sensitivity"):
        shown = runner.invoke(app, [command, "--help"]).stdout
        assert "x lsx" not in shown and "FORMAT" in shown, command
