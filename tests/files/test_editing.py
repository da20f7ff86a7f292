"""What-ifs (--set), safe edits that lose nothing, new files, and reports."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import CASE_TOML
from sovgame import load_game
from sovgame.cli import app
from sovgame.errors import SovgameError
from sovgame.files.editing import TEMPLATE, edit_file

COMMENTED = "# my case\n" + CASE_TOML.replace(
    "weights = [0.5, 1.0]", "weights = [0.5, 1.0]   # trade matters more to Kabul"
).replace("[payoffs]", "[payoffs]  # Pakistan first")


OUTCOMES = [
    "Restrain strikes|Constrain TTP",
    "Restrain strikes|Tolerate TTP",
    "Strike|Constrain TTP",
    "Strike|Tolerate TTP",
]


numbers = st.one_of(st.integers(-9, 9).map(str), st.sampled_from(["1.5", "0.25", "3/2", "-7/4"]))


edits = st.one_of(
    st.tuples(st.just("outcome"), st.sampled_from(OUTCOMES), numbers, numbers),
    st.tuples(st.just("payoff"), st.sampled_from(["Pakistan", "Afghanistan"]), st.sampled_from(OUTCOMES), numbers),
    st.tuples(
        st.just("cost"),
        st.sampled_from(["trade_disruption", "refugee_returns", "military_operations"]),
        st.sampled_from(["0", "1", "0.5", "2/3"]),
        st.sampled_from(["0", "1", "0.75"]),
    ),
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
                assert old[old.index("#") :] == new[new.index("#") :]


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
