"""docs/: the tutorial runs (its Python session, then its commands, in one fresh folder), and the
reference names every top-level key of every command's JSON."""

from __future__ import annotations

import doctest
import json
import re
import shlex
from pathlib import Path

from sovgame.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_tutorials_game_is_the_file_it_shows(runner):
    # The TOML in the tutorial can be pasted into a file as it stands: it is docs/cuba.toml.
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    assert shown == (DOCS / "cuba.toml").read_text(encoding="utf-8")
    # Its answers, derived by hand in the tutorial: κ_NE = 2 (the United States binds:
    # 3 ≥ 4 − κ/2), nothing holds yet at κ = 3/2, and the equilibria change at κ = 1 and 2.
    data = json.loads(
        runner.invoke(app, ["thresholds", str(DOCS / "cuba.toml"), "--kappa", "3/2", "-f", "json"]).stdout
    )
    assert data["thresholds"]["nash"]["exact"] == "2" and data["thresholds"]["nash"]["binding"] == "United States"
    assert not any(data["at_kappa"]["holds"].values())
    regimes = json.loads(runner.invoke(app, ["sweep", str(DOCS / "cuba.toml"), "-f", "json"]).stdout)
    assert regimes["breakpoints"] == ["1", "2"]


def test_the_tutorial_runs(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cuba.toml").write_bytes((DOCS / "cuba.toml").read_bytes())
    tutorial = DOCS / "tutorial.md"
    failures, tried = doctest.testfile(
        str(tutorial), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried >= 6 and failures == 0
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
