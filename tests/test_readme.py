"""The README's examples run: every console line and the Python session."""

from __future__ import annotations

import doctest
import json
import re
import shlex
from pathlib import Path

from sovgame.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def console_examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ sovgame ")]


def test_readme_has_examples_for_every_command():
    import typer.main

    used = {shlex.split(line)[1] for line in console_examples()}
    assert set(typer.main.get_command(app).commands) <= used


def test_console_examples_run_in_order(runner, tmp_path, monkeypatch):
    """Run in a fresh folder, in order: examples that write files (new, edit, report) may
    build on each other, and nothing is left in the checkout."""
    monkeypatch.chdir(tmp_path)
    for line in console_examples():
        args = shlex.split(line)[1:]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (line, result.output)
        assert result.stdout.strip() or result.stderr.strip(), line
        if "json" in args:
            json.loads(result.stdout)


def test_python_session_in_readme():
    failures, tried = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 0 and failures == 0


def test_quick_start_matches_ci():
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)
    assert len(commands) == 2
    assert "sovgame analyze" in commands[0]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_the_main_jobs_output_in_the_readme_ends_with_the_six_row_scorecard(runner, monkeypatch):
    """The scorecard shown under "Quick start" is what `sovgame analyze` prints last, at the
    width a pipe gives (80 columns)."""
    text = README.read_text(encoding="utf-8")
    shown = re.search(r"```text\n(Claims: the scorecard\n.*?)```", text, flags=re.S).group(1)
    monkeypatch.setenv("COLUMNS", "80")
    out = runner.invoke(app, ["analyze"]).stdout
    printed = [line.rstrip() for line in out.splitlines()]
    start = printed.index("Claims: the scorecard")
    assert printed[start : start + len(shown.splitlines())] == shown.splitlines()
    # No other table follows: it is the last section.
    assert sum(line.startswith("┏") for line in printed[start:]) == 1
    rows = [line for line in shown.splitlines() if line.startswith("│ ") and not line.startswith("│  ")]
    assert [row.split()[1] for row in rows] == [
        "security_dilemma",
        "no_leverage",
        "ideology",
        "cycles",
        "scenarios",
        "unreachable",
    ]
