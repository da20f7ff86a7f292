"""Reading user files: only regular files, a size cap checked first, standard input read
once, extends that cannot loop or escape through links, numbers within the limits."""

from __future__ import annotations

import os
import socket

import pytest

from bounds import hang_guard
from cases import CASE_TOML
from sovgame import load_game
from sovgame.errors import GameFileError, SovgameError
from sovgame.files import reading
from sovgame.files.reading import MAX_FILE_BYTES
from support import invoke


def quickly(runner, *args, input=None):
    """Run in process; a read that blocks or crawls is stopped by the hang guard."""
    with hang_guard():
        result = invoke(runner, *args, input=input)
    assert "Traceback" not in result.output
    return result


def test_a_fifo_is_refused_before_it_is_read(runner, tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)  # no writer: reading it would block forever
    result = quickly(runner, "show", str(fifo))
    assert result.exit_code == 1 and "a FIFO (named pipe), not a regular file" in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_not_read_until_memory_runs_out(runner, device):
    result = quickly(runner, "solve", device)
    assert result.exit_code == 1 and "a character device, not a regular file" in result.stderr


def test_a_socket_and_a_folder_are_refused(runner, tmp_path):
    path = tmp_path / "s.toml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = quickly(runner, "show", str(path))
        assert result.exit_code == 1 and "socket" in result.stderr
    finally:
        server.close()
    folder = tmp_path / "game.toml"
    folder.mkdir()
    result = quickly(runner, "show", str(folder))
    assert result.exit_code == 1 and "is a folder" in result.stderr


def test_a_file_over_the_cap_is_refused_before_reading(runner, tmp_path):
    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    result = quickly(runner, "show", str(big))
    assert result.exit_code == 1 and "larger than 8.0 MiB" in result.stderr


def test_standard_input_is_capped_too(runner):
    result = quickly(runner, "show", "-", input=b"#" * (MAX_FILE_BYTES + 1))
    assert result.exit_code == 1 and "<stdin>: larger than 8.0 MiB" in result.stderr


def test_standard_input_is_read_once(runner):
    # whatif loads the game twice (before and after the change); stdin is read once.
    result = invoke(runner, "whatif", "-", "--set", "plausible_kappa=0,3", "-f", "json", input=CASE_TOML)
    assert result.exit_code == 0, result.stderr
    assert reading._STDIN  # the bytes are kept for the second load


def test_extends_through_a_loop_of_symbolic_links(runner, tmp_path):
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    child = tmp_path / "child.toml"
    child.write_text('extends = "a.toml"\n')
    with pytest.raises(GameFileError, match="a loop of symbolic links") as info:
        load_game(str(child))
    assert info.value.problems[0].key == "extends"
    # And as the game itself.
    result = quickly(runner, "show", str(tmp_path / "a.toml"))
    assert result.exit_code == 1 and "a loop of symbolic links" in result.stderr


def test_extends_loop_through_a_link_to_the_file_itself(tmp_path):
    game = tmp_path / "game.toml"
    (tmp_path / "alias.toml").symlink_to(game)
    game.write_text('extends = "alias.toml"\n')
    with pytest.raises(GameFileError, match="extends loop"):
        load_game(str(game))


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_extends_cannot_reach_a_fifo_or_device_through_a_link(tmp_path, kind):
    link = tmp_path / "parent.toml"
    if kind == "fifo":
        os.mkfifo(link)
        expected = "FIFO"
    else:
        link.symlink_to("/dev/urandom")
        expected = "/dev/urandom"  # the message says where the link leads
    child = tmp_path / "child.toml"
    child.write_text('extends = "parent.toml"\n')
    with hang_guard(), pytest.raises(GameFileError, match=expected):
        load_game(str(child))


def test_a_byte_order_mark_is_accepted_in_game_files_as_in_nfg_files(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + CASE_TOML.encode())
    assert load_game(str(path)).game.n_players == 2


def test_an_integer_of_more_than_4300_digits_is_a_clean_error(runner, tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(CASE_TOML.replace("[3, 3]", "[" + "7" * 5000 + ", 3]", 1))
    result = quickly(runner, "show", str(path))
    assert result.exit_code == 1 and "too long to read" in result.stderr


def test_arrays_nested_too_deeply_are_a_clean_error(runner, tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = quickly(runner, "show", str(path))
    assert result.exit_code == 1 and "nested too deeply" in result.stderr


def test_huge_numbers_in_a_game_file_are_refused_naming_the_key(runner, tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text(CASE_TOML.replace("[3, 3]", '["1e999999999", 3]', 1).replace("[1, 4]", "[1e-999999999, 4]", 1))
    for command in ("show", "solve", "thresholds"):
        result = quickly(runner, command, str(path))
        assert result.exit_code == 1, result.output
        assert "2 problems" in result.stderr and "at most 100 digits" in result.stderr
        assert 'payoffs."Restrain strikes|Constrain TTP"[0]' in result.stderr


def test_a_game_of_too_many_outcomes_is_refused_without_listing_them(runner, tmp_path):
    # 31 players of two strategies: 2^31 outcomes, none of which the file lists.
    players = "".join(f'[[players]]\nname = "P{i}"\nstrategies = ["a", "b"]\n' for i in range(31))
    path = tmp_path / "many.toml"
    path.write_text(f'[game]\ntitle = "many"\n{players}[payoffs]\n"a|b" = [1]\n')
    result = quickly(runner, "show", str(path))
    assert result.exit_code == 1 and "2,147,483,648 outcomes" in result.stderr


def test_a_lopsided_game_is_read_in_linear_time(runner, tmp_path):
    # 1x20000 took 22 s when each outcome key was looked up by a linear search: quadratic, so
    # 1x40000 would take about 90 s, past the hang guard; read in linear time it takes seconds.
    n = 40_000
    strategies = ", ".join(f'"s{j}"' for j in range(n))
    payoffs = "\n".join(f'"r|s{j}" = [{j % 7}, {j % 5}]' for j in range(n))
    path = tmp_path / "wide.toml"
    path.write_text(
        f'[game]\ntitle = "wide"\n[[players]]\nname = "A"\nstrategies = ["r"]\n'
        f'[[players]]\nname = "B"\nstrategies = [{strategies}]\n[payoffs]\n{payoffs}\n'
    )
    with hang_guard():
        assert load_game(str(path)).game.shape == (1, n)


def test_control_characters_in_names_are_refused_and_never_printed_raw(runner, tmp_path):
    path = tmp_path / "ansi.toml"
    path.write_text(
        CASE_TOML.replace('name = "Pakistan"', 'name = "Pak\\u001b[31mistan"').replace(
            "[game]", '[game]\n"\\u0000x" = 1'
        )
    )
    result = quickly(runner, "show", str(path))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x00" not in result.stderr
    assert "players[0].name: contains the control character U+001B" in result.stderr
    assert 'game."\\x00x": unknown key' in result.stderr


def test_unreadable_through_the_cli_is_a_clean_error(runner, tmp_path):
    with pytest.raises(SovgameError, match="no such file"):
        reading.read_file_bytes(tmp_path / "missing.toml", "game file")


def test_edit_refuses_what_is_not_a_regular_file(runner, tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = quickly(runner, "edit", str(fifo), "--set", "plausible_kappa=0,3")
    assert result.exit_code == 1 and "is a FIFO (named pipe), not a game file" in result.stderr
