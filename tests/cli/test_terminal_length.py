"""In a terminal the result comes last and the long tails are asked for: the glossary with
--glossary, the bottom line alone with --brief, sensitivity's first 10 rows unless --all;
help texts grouped into panels and never broken inside a word."""

from __future__ import annotations

import json
import re

from help_text import broken_words, help_texts
from sovgame.cli import app


def test_analyze_ends_with_the_scorecard_and_the_glossary_is_asked_for(runner):
    out = runner.invoke(app, ["analyze", "pakistan_afghanistan"]).stdout
    assert "Glossary" not in out
    # The scorecard's table, then each claim's text, test and reason: the unreachable claim
    # is the case's last (tests/cases.py), so its reason ends the output. The reason now ends
    # with the change of one declared number that would turn the grade (each test's flip), then
    # how many draws of the quick robust run give it the file's outcome.
    assert out.rindex("Claims: the scorecard") > out.rindex("Conclusion")
    assert re.search(
        r"it would come out not supported with Pakistan's military_operations weight at 3/4 \(0\.75\) "
        r"\(inside its declared range\)\. In the quick robust run it comes out as in the file in [\d,]+ of "
        r"2,000 draws \(\d+%; seed 0\)\.$",
        " ".join(out.split()),
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
    for panel in ("Output", "Two numbers at once (--map)"):
        assert f"─ {panel} ─" in text
    for command in ("solve", "thresholds", "analyze", "whatif", "sensitivity"):
        shown = runner.invoke(app, [command, "--help"]).stdout
        assert "x lsx" not in shown and "FORMAT" in shown, command


def test_every_help_fits_40_lines_of_80_columns_without_a_broken_word():
    narrow, wide = help_texts(80), help_texts(400)
    for command, text in narrow.items():
        # At 400 columns nothing wraps: a word at 80 columns that the wide help lacks is a
        # piece of a word broken at a line's end (`x` and `lsx`) or cut with an ellipsis.
        assert broken_words(text, wide[command]) == [], command
        assert max(len(line) for line in text.splitlines()) <= 80, command
        if command:
            assert len(text.splitlines()) <= 40, (command, len(text.splitlines()))
    # The list of commands: each summary on one line (26 commands, typer's completion options
    # and the usage make the list itself 41 lines).
    listing = narrow[""].split("─ Commands ─")[1]
    rows = [line for line in listing.splitlines() if line.startswith("│")]
    assert len(rows) == len(narrow) - 1 and all(not row[2:14].isspace() for row in rows)


def test_the_broken_word_check_sees_a_word_cut_in_two():
    # The check itself: "markdown|xlsx" broken after its "x", as help once showed it.
    wide = "│ --format  -f  <table|json|csv|markdown|xlsx>  Output format. │"
    narrow = "│ --format  -f  <table|json|csv|markdown|x  │\n│ lsx>  Output format. │"
    assert broken_words(narrow, wide) == ["<table|json|csv|markdown|x", "lsx>"]
    assert broken_words(wide, wide) == []
