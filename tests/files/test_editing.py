"""What-ifs (--set), safe edits that lose nothing, new files, and reports."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from fractions import Fraction as F

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
    assert (edited.game.payoffs == expected.game.payoffs).all()
    assert [c.weights for c in edited.game.costs] == [c.weights for c in expected.game.costs]
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
    # An edited game that fails validation is bad input (1); a change naming nothing is bad usage (2).
    for bad, code in (("cost:trade_disruption=-1,1", 1), ("plausible_kappa=3,1", 1), ("Strike|Nope=1,1", 2)):
        result = runner.invoke(app, ["edit", str(path), "--set", bad])
        assert result.exit_code == code, result.output
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
    assert template.read_text(encoding="utf-8") == TEMPLATE and load_game(str(template)).game.n_players == 2
    copy = tmp_path / "copy.toml"
    assert runner.invoke(app, ["new", str(copy), "--from", "scenario_escalation"]).exit_code == 0
    assert load_game(str(copy)).game.shape == (3, 2)
    again = runner.invoke(app, ["new", str(copy)])
    assert again.exit_code == 1 and "--force" in again.stderr
    with pytest.raises(SovgameError, match="did you mean"):
        from sovgame.files.editing import new_file

        new_file(tmp_path / "x.toml", "stag_hnut")


# --- edits that keep the file's identity, protection and every concurrent change ---------------

SET = "Strike|Tolerate TTP=2.5,2"


def edited_ok(runner, path, *settings):
    result = runner.invoke(app, ["edit", str(path), *[a for s in settings for a in ("--set", s)]])
    assert result.exit_code == 0, result.output
    return load_game(str(path)).game


def test_edit_writes_through_a_symbolic_link(runner, tmp_path):
    real = tmp_path / "real.toml"
    real.write_text(CASE_TOML)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    edited_ok(runner, link, SET)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert tuple(load_game(str(real)).game.payoffs[1, 1]) == (F(5, 2), 2)  # the target has the change


def test_edit_keeps_hard_links_mode_and_owner(runner, tmp_path):
    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML)
    twin = tmp_path / "twin.toml"
    os.link(path, twin)
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 12345, 54321)  # another user's file, which root may edit
    before = os.stat(path)
    edited_ok(runner, path, SET)
    after = os.stat(path)
    assert after.st_ino == before.st_ino and after.st_nlink == 2
    assert tuple(load_game(str(twin)).game.payoffs[1, 1]) == (F(5, 2), 2)  # both names see the change
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_edit_keeps_the_owner_of_a_file_with_one_link_too(runner, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML)
    os.chown(path, 12345, 54321)
    edited_ok(runner, path, SET)
    assert (os.stat(path).st_uid, os.stat(path).st_gid) == (12345, 54321)


def test_edit_refuses_a_read_only_file_by_its_mode(runner, tmp_path):
    # Root may write anything; sovgame still honours the protection the mode states.
    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML)
    path.chmod(0o444)
    result = runner.invoke(app, ["edit", str(path), "--set", SET])
    assert result.exit_code == 1 and "is read-only (mode 0444)" in result.stderr
    assert path.read_text() == CASE_TOML and stat.S_IMODE(os.stat(path).st_mode) == 0o444


def test_new_honours_the_umask(runner, tmp_path):
    old = os.umask(0o077)
    try:
        assert runner.invoke(app, ["new", str(tmp_path / "mine.toml")]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "mine.toml").st_mode) == 0o600


CONCURRENT = textwrap.dedent("""
    import sys
    from sovgame.cli import main
    sys.argv = ["sovgame", "edit", sys.argv[1], "--set", sys.argv[2]]
    main()
""")


def test_concurrent_edits_of_one_file_all_take_effect(tmp_path):
    # Ten processes at once, each changing a different payoff: with the file locked while it
    # is read, changed and replaced, none of the changes is lost (without the lock, 2 or 3 of
    # 20 survived).
    players = "".join(
        f'[[players]]\nname = "{name}"\nstrategies = [{", ".join(f"{chr(97 + k)!r}" for k in range(5))}]\n'.replace(
            "'", '"'
        )
        for name in ("A", "B")
    )
    cells = [(r, c) for r in "abcde" for c in "abcde"]
    payoffs = "\n".join(f'"{r}|{c}" = [0, 0]' for r, c in cells)
    path = tmp_path / "big.toml"
    path.write_text(f'[game]\ntitle = "t"\n{players}[payoffs]\n{payoffs}\n')
    changes = [(r, c, k + 1) for k, (r, c) in enumerate(cells[:10])]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, str(path), f"A@{r}|{c}={v}"], stderr=subprocess.PIPE, text=True
        )
        for r, c, v in changes
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    case = load_game(str(path))
    assert [case.game.payoffs["abcde".index(r), "abcde".index(c), 0] for r, c, _ in changes] == [v for *_, v in changes]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.toml"]


def test_a_change_by_another_program_between_read_and_write_is_not_overwritten(tmp_path, monkeypatch):
    from sovgame.files import editing

    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML)
    real = editing.edited_text

    def meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        with open(path, "a") as handle:  # another editor saves its change now
            handle.write("# saved by another editor\n")
        return result

    monkeypatch.setattr(editing, "edited_text", meanwhile)
    with pytest.raises(SovgameError, match="changed since sovgame read it"):
        edit_file(path, [SET])
    assert path.read_text().endswith("# saved by another editor\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


@pytest.mark.parametrize("value", [".5", "3.", "+.5", "0005", "1e-3", "-0", "4/6", "1e99"])
def test_edit_takes_every_number_that_set_takes(runner, tmp_path, value):
    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML)
    expected = load_game("pakistan_afghanistan", [f"Pakistan@Strike|Tolerate TTP={value}"]).game.payoffs[1, 1, 0]
    game = edited_ok(runner, path, f"Pakistan@Strike|Tolerate TTP={value}")
    assert game.payoffs[1, 1, 0] == expected and game.payoffs[1, 1, 1] == 2


@pytest.mark.parametrize("value", ["٣", "1e999999999", "1_0"])
def test_edit_and_set_refuse_the_same_numbers_the_same_way(runner, tmp_path, value):
    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML)
    edit = runner.invoke(app, ["edit", str(path), "--set", f"Pakistan@Strike|Tolerate TTP={value}"])
    solve = runner.invoke(app, ["solve", str(path), "--set", f"Pakistan@Strike|Tolerate TTP={value}"])
    assert edit.exit_code == solve.exit_code == 2
    assert edit.stderr == solve.stderr and "Traceback" not in edit.output
    assert path.read_text() == CASE_TOML


def test_names_with_at_signs_and_cost_prefixes_can_be_targeted(runner, tmp_path):
    text = (
        CASE_TOML.replace('"Strike"', '"cost:strike"')
        .replace('"Strike|', '"cost:strike|')
        .replace('"Pakistan"', '"Pak@stan"')
        .replace('"Tolerate TTP"', '"Tolerate@TTP"')
        .replace('|Tolerate TTP"', '|Tolerate@TTP"')
    )
    path = tmp_path / "odd.toml"
    path.write_text(text)
    game = edited_ok(runner, path, "cost:strike|Tolerate@TTP=7,8", "Pak@stan@cost:strike|Constrain TTP=9")
    assert tuple(game.payoffs[1, 1]) == (7, 8) and game.payoffs[1, 0, 0] == 9


def test_edit_keeps_a_byte_order_mark(runner, tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + CASE_TOML.encode())
    edited_ok(runner, path, SET)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf#") or path.read_bytes().startswith(b"\xef\xbb\xbf[")
