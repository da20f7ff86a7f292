"""docs/: the tutorial runs (its Python session, then its commands, in one fresh folder), and the
reference names every top-level key of every command's JSON."""

from __future__ import annotations

import doctest
import json
import re
import shlex
from pathlib import Path

import pytest

from sovgame.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_tutorial_runs(runner, tmp_path, monkeypatch):
    pytest.importorskip("pandas")  # the test extra installs it; to_frame needs it
    monkeypatch.chdir(tmp_path)
    tutorial = DOCS / "tutorial.md"
    failures, tried = doctest.testfile(
        str(tutorial), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 10 and failures == 0
    text = tutorial.read_text(encoding="utf-8")
    lines = [line[2:] for block in re.findall(r"```console\n(.*?)```", text, flags=re.S) for line in block.splitlines()]
    assert lines
    for line in lines:
        result = runner.invoke(app, shlex.split(line)[1:])
        assert result.exit_code == 0, (line, result.output)
    assert (tmp_path / "cuba.html").exists() and (tmp_path / "cuba.svg").exists()


def test_the_reference_names_every_top_level_json_key(runner):
    from present.test_tidy import command_args

    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    json_part = reference.split("## JSON outputs", 1)[1]
    for name, args in command_args().items():
        data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
        items = data if isinstance(data, list) else [data]
        keys = {key for item in items for key in item}
        missing = sorted(key for key in keys if f"`{key}`" not in json_part)
        assert not missing, (name, missing)
