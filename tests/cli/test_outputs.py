"""The command line around the outputs: help texts as written, completion of games, costs,
outcomes and players, a report that cannot draw its chart says why, library errors that
name parameters (and the command line its options)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sovgame.cli import app
from sovgame.cli.completion import complete_cost, complete_game, complete_outcome, complete_player, complete_vary
from sovgame.cli.help import reflow
from sovgame.errors import extra_hint


def test_help_shows_brackets_and_whole_sentences(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert "(default: [repeated])" in runner.invoke(app, ["repeated", "--help"]).stdout
    # A paragraph the docstring breaks over two lines is one sentence in the help.
    shown = runner.invoke(app, ["thresholds", "--help"]).stdout
    assert "the only equilibrium and risk-dominant, each verdict read against the plausible range" in shown
    assert reflow("one\ntwo\n\nthree\n  four") == "one two\n\nthree four"


def test_every_command_that_prints_takes_exact_only(runner):
    import typer.main

    for name, command in typer.main.get_command(app).commands.items():
        params = {p.name for p in command.params}
        if "fmt" in params or "output" in params:
            assert "exact_only" in params, name


class Context:
    """What completion functions read of click's context: the arguments parsed so far."""

    def __init__(self, game=None, args=()):
        self.params = {"game": game}
        self.args = list(args)


def test_completion_offers_games_files_costs_outcomes_and_players(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stag_variant.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    assert complete_game("stag") == ["stag_hunt", "stag_variant.toml"]
    case = Context("pakistan_afghanistan")
    assert complete_cost(case, "") == ["trade_disruption", "refugee_returns", "military_operations"]
    assert complete_cost(case, "ref") == ["refugee_returns"]
    assert complete_outcome(case, "Strike|") == ["Strike|Constrain TTP", "Strike|Tolerate TTP"]
    assert complete_player(case, "Afghanistan,") == ["Afghanistan,Pakistan"]
    assert "capacity:Afghanistan@Constrain TTP" in complete_vary(case, "capacity:")
    # An option waiting for its value leaves GAME among the unparsed arguments.
    assert complete_cost(Context(None, ["pakistan_afghanistan"]), "mil") == ["military_operations"]
    assert complete_cost(Context("no_such_game"), "") == [] and complete_cost(Context("-"), "") == []


def test_completion_from_the_shell():
    env = {**os.environ, "_SOVGAME_COMPLETE": "complete_bash"}
    script = "from sovgame.cli import main; main()"
    words = "sovgame solve prisoners"
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "COMP_WORDS": words, "COMP_CWORD": "2"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["prisoners_dilemma"]


def test_the_extras_hint_works_from_a_source_checkout(monkeypatch, tmp_path):
    # The tests run from a source checkout (pyproject.toml beside src/), installed from it
    # editable or not: in its folder the extra installs as ".[plot]" (pip cannot find
    # "sovgame[plot]" on an index that lacks sovgame); from elsewhere the folder is named.
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    assert extra_hint("plot") == 'pip install ".[plot]"'
    monkeypatch.chdir(tmp_path)
    assert extra_hint("xlsx") == f'pip install "{root}[xlsx]"'


def test_the_extras_hint_names_the_index_package_when_not_installed_from_a_folder(monkeypatch):
    import sovgame.errors as errors

    monkeypatch.setattr(errors, "installed_from_folder", lambda: None)
    assert extra_hint("plot") == 'pip install "sovgame[plot]"'


def test_a_report_without_matplotlib_says_why(runner, tmp_path, monkeypatch):
    import sovgame.present.report as report

    monkeypatch.setattr(report, "has_matplotlib", lambda: False)
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"drawing it needs matplotlib ({extra_hint('plot')})" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<img" not in page and "the chart of the regimes is left out" in page


def test_library_errors_name_parameters_and_the_cli_options(runner, tmp_path):
    import sovgame
    from sovgame.files.atomic import check_output

    (tmp_path / "out.md").write_text("mine", encoding="utf-8")
    with pytest.raises(sovgame.SovgameError) as info:
        check_output(tmp_path / "out.md")
    assert "pass force=True to overwrite it" in str(info.value) and "--force" not in str(info.value)
    result = runner.invoke(app, ["report", "stag_hunt", "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 1 and "pass --force to overwrite it" in result.stderr
    with pytest.raises(sovgame.WorkLimitError) as limit, sovgame.work_limit(1000):
        sovgame.robust(sovgame.load_game("pakistan_afghanistan"), samples=10**6)
    assert "draw fewer samples (samples)" in str(limit.value) and "--samples" not in str(limit.value)
    cli = runner.invoke(app, ["robust", "pakistan_afghanistan", "-n", "1000000", "--max-work", "1000"])
    assert cli.exit_code == 1 and "draw fewer samples (--samples)" in cli.stderr


def test_xlsx_is_never_written_to_a_terminal_and_needs_openpyxl(monkeypatch):
    import io

    from sovgame.errors import ParameterError
    from sovgame.present.render import OutputFormat, render

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    with pytest.raises(ParameterError) as info:
        render(OutputFormat.xlsx, [], {"a": 1}, out=Terminal())
    assert info.value.parameter == "fmt" and "> results.xlsx" in str(info.value)
