"""What-ifs (--set), safe edits that lose nothing, new files, and reports."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from fractions import Fraction as F
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASE_TOML
from sovgame import load_game
from sovgame.cli import app
from sovgame.errors import SovgameError
from sovgame.files.editing import TEMPLATE, edit_file

COMMENTED = "# my case\n" + CASE_TOML.replace('weights = [0.5, 1.0]', 'weights = [0.5, 1.0]   # trade matters more to Kabul') \
    .replace('[payoffs]', '[payoffs]  # Pakistan first')


# --- --set ------------------------------------------------------------------------------------------


def test_every_set_form_changes_the_game_in_memory():
    game = load_game("pakistan_afghanistan", [
        "Strike|Tolerate TTP=2,1.5", "Pakistan@Restrain strikes|Constrain TTP=7/2",
        "cost:trade_disruption=1,0.25", "plausible_kappa=0,3"])
    assert tuple(game.payoffs[1, 1]) == (2, F(3, 2))
    assert tuple(game.payoffs[0, 0]) == (F(7, 2), 3)
    assert game.costs[0].weights == (1, F(1, 4))
    assert game.plausible_kappa == (0, 3)


@pytest.mark.parametrize("bad, expected", [
    ("Strike|Nope=1,2", "'Nope' is not a strategy of Afghanistan"),
    ("Strike=1,2", "names 1 strategies"),
    ("India@Strike|Tolerate TTP=1", "no player named 'India'"),
    ("cost:tariffs=1,1", "no cost named 'tariffs'"),
    ("Strike|Tolerate TTP=1", "expected one payoff per player"),
    ("Pakistan@Strike|Tolerate TTP=1,2", "expected one number"),
    ("cost:trade_disruption=1", "expected one weight per player"),
    ("plausible_kappa=1", "expected [lo, hi]"),
    ("Strike|Tolerate TTP=two,2", "'two' is not a number"),
    ("no equals sign", "expected TARGET=VALUES"),
])
def test_bad_set_exits_1_and_says_what_it_expected(runner, bad, expected):
    result = runner.invoke(app, ["solve", "pakistan_afghanistan", "--set", bad])
    assert result.exit_code == 1 and expected in result.stderr and "Traceback" not in result.stderr


def test_set_that_breaks_validation_names_the_key(runner):
    result = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--set", "cost:trade_disruption=-1,1"])
    assert result.exit_code == 1 and "costs[0].weights[0]" in result.stderr


def test_whatif_json(runner):
    result = runner.invoke(app, ["whatif", "pakistan_afghanistan", "--set", "cost:trade_disruption=1,1", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Pakistan's cost of striking rises from 3/4 to 5/4 per κ: κ_NE = 1/(5/4) = 4/5.
    assert data["thresholds"]["nash"]["before"]["exact"] == "4/3" and data["thresholds"]["nash"]["after"]["exact"] == "4/5"
    assert data["changed_cells"] == {}
    cells = json.loads(runner.invoke(app, ["whatif", "pakistan_afghanistan", "--set", "Strike|Tolerate TTP=1,2", "-f", "json"]).stdout)
    assert cells["changed_cells"] == {"Strike|Tolerate TTP": {"before": ["2", "2"], "after": ["1", "2"]}}
    assert runner.invoke(app, ["whatif", "pakistan_afghanistan"]).exit_code == 2


# --- edit ----------------------------------------------------------------------------------------------

OUTCOMES = ["Restrain strikes|Constrain TTP", "Restrain strikes|Tolerate TTP", "Strike|Constrain TTP", "Strike|Tolerate TTP"]
numbers = st.one_of(st.integers(-9, 9).map(str), st.sampled_from(["1.5", "0.25", "3/2", "-7/4"]))
edits = st.one_of(
    st.tuples(st.just("outcome"), st.sampled_from(OUTCOMES), numbers, numbers),
    st.tuples(st.just("payoff"), st.sampled_from(["Pakistan", "Afghanistan"]), st.sampled_from(OUTCOMES), numbers),
    st.tuples(st.just("cost"), st.sampled_from(["trade_disruption", "refugee_returns", "military_operations"]),
              st.sampled_from(["0", "1", "0.5", "2/3"]), st.sampled_from(["0", "1", "0.75"])),
    st.tuples(st.just("plausible"), st.sampled_from(["0", "1/2"]), st.sampled_from(["1", "2", "3"])),
)


def _as_setting(edit) -> str:
    kind = edit[0]
    if kind == "outcome":
        return f"{edit[1]}={edit[2]},{edit[3]}"
    if kind == "payoff":
        return f"{edit[1]}@{edit[2]}={edit[3]}"
    if kind == "cost":
        return f"cost:{edit[1]}={edit[2]},{edit[3]}"
    return f"plausible_kappa={edit[1]},{edit[2]}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edits, min_size=1, max_size=5))
def test_edit_changes_only_what_it_says(tmp_path, sequence):
    path = tmp_path / "case.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    expected = load_game(str(path), [_as_setting(e) for e in sequence])
    for edit in sequence:
        edit_file(path, [_as_setting(edit)])
    edited = load_game(str(path))
    assert (edited.payoffs == expected.payoffs).all()
    assert [c.weights for c in edited.costs] == [c.weights for c in expected.costs]
    assert edited.plausible_kappa == expected.plausible_kappa
    old_lines, new_lines = COMMENTED.splitlines(), path.read_text(encoding="utf-8").splitlines()
    assert len(old_lines) == len(new_lines)
    touched = {f'"{e[1] if e[0] == "outcome" else e[2]}"' for e in sequence if e[0] in ("outcome", "payoff")}
    for old, new in zip(old_lines, new_lines):
        key = old.split("=")[0].strip()
        if old != new:  # only value lines of changed keys may differ, and comments survive
            assert key in touched or key in ("weights", "plausible_kappa"), (old, new)
            if "#" in old:
                assert old[old.index("#"):] == new[new.index("#"):]


def test_invalid_edit_leaves_the_file_byte_for_byte(tmp_path, runner):
    path = tmp_path / "case.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    for bad in ("cost:trade_disruption=-1,1", "plausible_kappa=3,1", "Strike|Nope=1,1"):
        result = runner.invoke(app, ["edit", str(path), "--set", bad])
        assert result.exit_code == 1, result.output
        assert path.read_text(encoding="utf-8") == COMMENTED
    assert list(tmp_path.iterdir()) == [path]  # no temporary files left behind


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path, runner):
    path = tmp_path / "case.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    result = runner.invoke(app, ["edit", str(path), "--set", "plausible_kappa=0,3", "--dry-run"])
    assert result.exit_code == 0
    assert "-plausible_kappa = [0, 2]" in result.stdout and "+plausible_kappa = [0, 3]" in result.stdout
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_bundled_games_are_not_edited_in_place(runner):
    result = runner.invoke(app, ["edit", "pakistan_afghanistan", "--set", "plausible_kappa=0,3"])
    assert result.exit_code == 1 and "sovgame new my_game.toml --from pakistan_afghanistan" in result.stderr


KILLER = textwrap.dedent("""
    import os, signal, sys
    import sovgame.files.atomic as atomic
    import sovgame.files.editing as editing
    where = sys.argv[2]
    if where == "rename":
        os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
    else:  # die half-way through writing the temporary file
        real_fdopen = os.fdopen
        class Dying:
            def __init__(self, handle): self.handle = handle
            def __enter__(self): return self
            def __exit__(self, *exc): return False
            def write(self, text):
                self.handle.write(text[: len(text) // 2]); self.handle.flush()
                os.kill(os.getpid(), signal.SIGKILL)
        atomic.os.fdopen = lambda *a, **k: Dying(real_fdopen(*a, **k))
    editing.edit_file(sys.argv[1], ["plausible_kappa=0,3"])
""")


@pytest.mark.parametrize("where", ["write", "rename"])
def test_a_killed_edit_leaves_the_old_file(tmp_path, where):
    path = tmp_path / "case.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", KILLER, str(path), where], capture_output=True, text=True)
    assert done.returncode == -9, done.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED
    load_game(str(path))  # and it still loads


def test_new_writes_a_valid_template_or_a_copy(tmp_path, runner):
    template = tmp_path / "mine.toml"
    assert runner.invoke(app, ["new", str(template)]).exit_code == 0
    assert template.read_text(encoding="utf-8") == TEMPLATE and load_game(str(template)).n_players == 2
    copy = tmp_path / "copy.toml"
    assert runner.invoke(app, ["new", str(copy), "--from", "scenario_escalation"]).exit_code == 0
    assert load_game(str(copy)).shape == (3, 2)
    again = runner.invoke(app, ["new", str(copy)])
    assert again.exit_code == 1 and "--force" in again.stderr
    with pytest.raises(SovgameError, match="did you mean"):
        from sovgame.files.editing import new_file

        new_file(tmp_path / "x.toml", "stag_hnut")


# --- reports ---------------------------------------------------------------------------------------


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
    assert {"about", "payoffs", "notes", "costs", "equilibria", "thresholds", "regimes", "assumptions",
            "conclusion"} <= set(page.sections)
    (image,) = page.images
    assert image.startswith("data:image/png;base64,")
    text = " ".join(page.text)
    assert "Payoff scale: ordinal" in text and "half true" in text and "4/3" in text
    assert "http" not in "".join(page.images)


def test_markdown_and_json_reports(tmp_path, runner):
    md = tmp_path / "r.md"
    assert runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(md)]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "| Restrain strikes | 3, 3 | 1, 4 |" in text and "## Assumptions" in text
    js = tmp_path / "r.json"
    assert runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(js), "--set", "plausible_kappa=0,5"]).exit_code == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["analysis"]["thresholds"]["thresholds"]["unique"]["verdict"] == "reachable"
    assert runner.invoke(app, ["report", "pakistan_afghanistan", "-o", str(tmp_path / "r.pdf")]).exit_code == 1


def test_terminal_tables_export_as_svg(tmp_path, runner):
    svg = tmp_path / "a.svg"
    result = runner.invoke(app, ["analyze", "--export-svg", str(svg)])
    assert result.exit_code == 0 and svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
