"""Every writer keeps the user's files: no overwrite without --force, never the input, clean
errors for folders, missing folders, full disks and read-only places, no temporary file left."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from cases import CASE_TOML
from sovgame.errors import SovgameError
from sovgame.files import atomic
from sovgame.files.atomic import check_output, remove_stale_temps, write_atomically
from support import invoke

#: Each writer as (arguments before the output, the option naming it, the output's name).
WRITERS = [
    (["report", "{game}", "-o"], "out.html"),
    (["report", "{game}", "-o"], "out.json"),
    (["report", "{game}", "-o"], "out.md"),
    (["scenarios", "{game}", "{game}", "-o"], "out.json"),
    (["convert", "{game}"], "out.nfg"),
    (["new"], "out.toml"),
    (["sweep", "{game}", "--plot"], "out.png"),
    (["dynamics", "stag_hunt", "--plot"], "out.png"),
    (["repeated", "{game}", "--plot"], "out.png"),
    (["analyze", "{game}", "--export-svg"], "out.svg"),
    (["analyze", "{game}", "--export-html"], "out.html"),
]


def args_for(words, game, output):
    return [w.format(game=game) for w in words] + [str(output)]


@pytest.fixture
def game(tmp_path):
    path = tmp_path / "game.toml"
    path.write_text(CASE_TOML, encoding="utf-8")
    return path


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("words, name", WRITERS, ids=lambda w: w if isinstance(w, str) else w[0])
def test_every_writer_refuses_an_existing_file_without_force(runner, tmp_path, game, words, name):
    output = tmp_path / name
    output.write_text("precious")
    result = invoke(runner, *args_for(words, game, output))
    assert result.exit_code == 1 and "exists; choose another name or pass --force" in result.stderr
    assert output.read_text() == "precious"
    if words[0] != "new":  # new has no analysis to redo; every other writer accepts --force
        forced = invoke(runner, *args_for(words, game, output), "--force")
        assert forced.exit_code == 0, forced.stderr
        assert output.read_bytes() != b"precious"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("words, name", [w for w in WRITERS if w[0][0] not in ("new", "dynamics")], ids=str)
def test_no_writer_overwrites_the_game_it_reads_even_with_force(runner, tmp_path, game, words, name):
    # The game read under the output's name (analyze g.toml --export-svg g.toml made the game an SVG).
    target = tmp_path / name
    if words[0] in ("convert", "report", "scenarios") or name.endswith((".png", ".svg", ".html")):
        target.write_text(CASE_TOML, encoding="utf-8")
    result = invoke(runner, *args_for(words, "./" + os.path.relpath(target), target), "--force")
    assert result.exit_code == 1, result.output
    assert "a file this command reads" in result.stderr or "converts to" in result.stderr
    assert target.read_text(encoding="utf-8") == CASE_TOML


def test_the_input_is_protected_through_a_symbolic_link(runner, tmp_path, game):
    link = tmp_path / "view.svg"
    link.symlink_to(game)
    result = invoke(runner, "analyze", str(game), "--export-svg", str(link), "--force")
    assert result.exit_code == 1 and "a file this command reads" in result.stderr
    assert game.read_text(encoding="utf-8") == CASE_TOML


def test_a_game_extended_by_the_input_is_protected_too(runner, tmp_path, game):
    child = tmp_path / "child.toml"
    child.write_text('extends = "game.toml"\n[game]\ntitle = "child"\n')
    html = tmp_path / "parent.html"
    html.symlink_to(game)
    result = invoke(runner, "report", str(child), "-o", str(html), "--force")
    assert result.exit_code == 1 and "a file this command reads" in result.stderr
    assert game.read_text(encoding="utf-8") == CASE_TOML


def test_a_markdown_report_refuses_an_existing_chart_beside_it(runner, tmp_path, game):
    (tmp_path / "out.png").write_bytes(b"my chart")
    result = invoke(runner, "report", str(game), "-o", str(tmp_path / "out.md"))
    assert result.exit_code == 1 and "out.png exists" in result.stderr
    assert not (tmp_path / "out.md").exists() and (tmp_path / "out.png").read_bytes() == b"my chart"


@pytest.mark.parametrize(
    "output, expected",
    [
        ("folder.html", "is a folder"),
        ("missing/out.html", "no such folder"),
        ("full.html", "a character device; sovgame writes regular files only"),
    ],
)
def test_impossible_outputs_are_clean_errors_before_any_work(runner, tmp_path, game, output, expected):
    (tmp_path / "folder.html").mkdir()
    (tmp_path / "full.html").symlink_to("/dev/full")  # a full disk, as a device
    path = str(tmp_path / output)
    for words in (["report", str(game), "-o", path], ["analyze", str(game), "--export-html", path]):
        result = invoke(runner, *words, "--force")
        assert result.exit_code == 1 and expected in result.stderr, result.output
        assert "Traceback" not in result.output


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT])
def test_a_failed_write_is_a_clean_error_and_leaves_the_old_file(tmp_path, monkeypatch, code):
    path = tmp_path / "game.toml"
    path.write_text("old")

    def failing(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "fsync", failing)
    with pytest.raises(SovgameError, match="cannot be written .*nothing was changed"):
        write_atomically(path, "new text")
    assert path.read_text() == "old" and leftovers(tmp_path) == []


def test_no_permission_to_create_the_temporary_file_is_a_clean_error(tmp_path, monkeypatch):
    # As root the folder's mode cannot stop a write, so the refusal is simulated where it
    # happens: creating the temporary file.
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refused)
    with pytest.raises(SovgameError, match=r"cannot be written \(permission denied\)"):
        write_atomically(tmp_path / "new.toml", "text")


@pytest.fixture
def small_mount(tmp_path):
    """A 64 KiB file system (root only): a real full disk, and a read-only one."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_real_full_disk_and_a_read_only_file_system(runner, small_mount, game):
    edited = small_mount / "game.toml"
    edited.write_text(CASE_TOML)
    (small_mount / "filler").write_bytes(b"x" * (64 * 1024 - len(CASE_TOML) - 4096))
    full = invoke(runner, "edit", str(edited), "--set", "Strike|Tolerate TTP=2.5,2")
    report = invoke(runner, "report", str(game), "-o", str(small_mount / "r.html"))
    convert = invoke(runner, "convert", str(game), str(small_mount / "g.nfg"))
    for result in (full, report, convert):
        assert result.exit_code == 1 and "no space left on the device" in result.stderr, result.output
    assert edited.read_text() == CASE_TOML and leftovers(small_mount) == []
    (small_mount / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    result = invoke(runner, "edit", str(edited), "--set", "Strike|Tolerate TTP=2.5,2")
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert edited.read_text() == CASE_TOML


def fill(folder, leave=0):
    """Fill the file system of ``folder`` to the last byte, then free ``leave`` bytes."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (4096, 512, 64, 1):
            try:
                while True:
                    os.write(fd, b"x" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    os.truncate(filler, os.path.getsize(filler) - leave)


def test_a_hard_linked_file_is_rewritten_where_a_copy_beside_it_would_not_fit(runner, small_mount):
    # A file with two names is rewritten in place, so both names see the change. With room
    # for the new text once but not twice, a copy of it beside the file would leave no room
    # for the file to grow into: the rewrite must not need one.
    mine, link = small_mount / "mine.toml", small_mount / "mine_link.toml"
    mine.write_text("PRECIOUS\n")
    os.link(mine, link)
    template = invoke(runner, "new", str(small_mount / "reference.toml"), "--from", "pakistan_afghanistan")
    expected = (small_mount / "reference.toml").read_bytes()
    (small_mount / "reference.toml").unlink()
    # Room for one and a half templates on the 64 KiB mount, never for two.
    assert template.exit_code == 0 and 8192 < len(expected) < 24576
    fill(small_mount, leave=len(expected) * 3 // 2)
    result = invoke(runner, "new", str(mine), "--from", "pakistan_afghanistan", "--force")
    assert result.exit_code == 0, result.output
    assert mine.read_bytes() == link.read_bytes() == expected and os.stat(mine).st_nlink == 2
    assert leftovers(small_mount) == []


def test_a_hard_linked_file_on_a_full_disk_keeps_its_bytes(runner, small_mount):
    mine, link = small_mount / "mine.toml", small_mount / "mine_link.toml"
    mine.write_text("PRECIOUS\n")
    os.link(mine, link)
    fill(small_mount, leave=4096)  # less than the new text needs
    result = invoke(runner, "new", str(mine), "--from", "pakistan_afghanistan", "--force")
    assert result.exit_code == 1 and "no space left on the device" in result.stderr, result.output
    assert mine.read_text() == link.read_text() == "PRECIOUS\n" and leftovers(small_mount) == []


@pytest.mark.parametrize("room", [0, 4096], ids=["no room", "room for the change only"])
def test_an_edit_of_a_hard_linked_game_on_a_nearly_full_disk(runner, small_mount, room):
    # The file fills two pages of the file system exactly, so growing it needs a new page:
    # without one the edit fails and the file keeps every byte; with one page free (less
    # than a copy of the file needs) the edit is made and both names see it.
    game = small_mount / "game.toml"
    text = CASE_TOML + "#" * (8192 - len(CASE_TOML.encode()) - 1) + "\n"
    game.write_text(text)
    assert len(text.encode()) == 8192
    os.link(game, small_mount / "same.toml")
    fill(small_mount, leave=room)
    result = invoke(runner, "edit", str(game), "--set", "Strike|Tolerate TTP=2.5,2")
    if room:
        assert result.exit_code == 0, result.output
        assert (small_mount / "same.toml").read_text() == game.read_text() != text
        assert '"Strike|Tolerate TTP"            = [2.5, 2]' in game.read_text()
    else:
        assert result.exit_code == 1 and "no space left on the device" in result.stderr, result.output
        assert game.read_text() == text
    assert leftovers(small_mount) == []


def test_a_failed_in_place_rewrite_puts_the_old_bytes_back(tmp_path, monkeypatch):
    # The tail fits, then writing over the head fails: the old head is written back and
    # the file cut to its old length.
    path = tmp_path / "game.toml"
    path.write_text("old text")
    os.link(path, tmp_path / "link.toml")
    real = atomic._write_at
    calls = []

    def failing_head(fd, data, offset):
        calls.append(offset)
        if offset == 0 and len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(fd, data, offset)

    monkeypatch.setattr(atomic, "_write_at", failing_head)
    with pytest.raises(SovgameError, match="cannot be written .*nothing was changed"):
        write_atomically(path, "a much longer new text")
    assert calls[:2] == [len("old text"), 0]
    assert (tmp_path / "link.toml").read_text() == "old text" and leftovers(tmp_path) == []


def test_stale_temporary_files_of_dead_processes_are_removed(tmp_path):
    target = tmp_path / "game.toml"
    target.write_text("x")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".game.toml{atomic.TEMP_MARK}{dead.stdout.strip()}-abc123.tmp"
    alive = tmp_path / f".game.toml{atomic.TEMP_MARK}{os.getppid()}-abc123.tmp"  # a running process
    old_form = tmp_path / ".game.toml.k2j4h6g8.tmp"
    young_old_form = tmp_path / ".game.toml.abcdefgh.tmp"
    other = tmp_path / ".other.toml.sovgame-1-x.tmp"
    for path in (stale, alive, old_form, young_old_form, other):
        path.write_text("half")
    os.utime(old_form, (0, 0))
    assert set(remove_stale_temps(target)) == {stale, old_form}
    assert alive.exists() and young_old_form.exists() and other.exists()


KILLED = """
import os, signal, sys
import sovgame.files.atomic as atomic
from sovgame.cli import main
signal_name = sys.argv.pop()
os.replace = lambda *a: os.kill(os.getpid(), getattr(signal, signal_name))
main()
"""


def run_killed(path, signal_name):
    return subprocess.run(
        [sys.executable, "-c", KILLED, "edit", str(path), "--set", "plausible_kappa=0,3", signal_name],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_sigterm_during_an_edit_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "game.toml"
    path.write_text(CASE_TOML)
    done = run_killed(path, "SIGTERM")
    assert done.returncode == 143 and "Traceback" not in done.stderr, done.stderr
    assert path.read_text() == CASE_TOML and leftovers(tmp_path) == []


def test_sigkill_strands_a_temporary_file_that_the_next_edit_removes(runner, tmp_path):
    path = tmp_path / "game.toml"
    path.write_text(CASE_TOML)
    assert run_killed(path, "SIGKILL").returncode == -9
    assert path.read_text() == CASE_TOML and len(leftovers(tmp_path)) == 1
    assert invoke(runner, "edit", str(path), "--set", "plausible_kappa=0,3").exit_code == 0
    assert leftovers(tmp_path) == []


def test_ctrl_c_while_writing_a_report_exits_130_and_writes_nothing(runner, tmp_path, game, monkeypatch):
    real = os.replace

    def interrupted(source, target):
        if str(target).endswith(".md"):
            raise KeyboardInterrupt  # the chart is in place, the report about to be
        real(source, target)

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    result = invoke(runner, "report", str(game), "-o", str(tmp_path / "out.md"))
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert "interrupted" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.toml"]  # no chart without its report


def test_check_output_names_the_file_to_write_through_a_link(tmp_path):
    target = tmp_path / "real.html"
    link = tmp_path / "link.html"
    link.symlink_to(target)
    assert check_output(link) == target  # a dangling link: written through to its target
    target.write_text("x")
    with pytest.raises(SovgameError, match="exists"):
        check_output(link)
