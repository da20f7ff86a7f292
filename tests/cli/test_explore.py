"""``sovgame explore`` as a command: the extra it needs, the address it listens on, the
warning for another host, and Ctrl-C. The page itself is tested in tests/explore/."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sovgame.cli import app

pytest.importorskip("uvicorn")


def test_without_the_extra_the_command_says_how_to_install_it(runner, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "starlette" else real(name, *a))
    result = runner.invoke(app, ["explore", "stag_hunt", "--no-browser"])
    assert result.exit_code == 1
    assert result.stderr == 'sovgame: sovgame explore needs the web packages: pip install "sovgame[explore]"\n'


@pytest.fixture
def served(monkeypatch):
    """What the command hands to the server (nothing is served)."""
    import sovgame.explore.serve as serve_module

    calls: list[dict] = []

    def fake_serve(app, sock, url, open_browser=True):
        calls.append({"app": app, "address": sock.getsockname(), "url": url, "browser": open_browser})
        sock.close()

    monkeypatch.setattr(serve_module, "serve", fake_serve)
    return calls


def test_it_listens_on_this_computer_only_by_default(runner, served):
    result = runner.invoke(app, ["explore", "stag_hunt", "--no-browser"])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert call["address"][0] == "127.0.0.1" and call["address"][1] > 0
    assert call["browser"] is False
    assert re.fullmatch(r"sovgame explore: http://127\.0\.0\.1:\d+/ \(Ctrl-C stops it\)\n", result.stderr)


def test_another_host_is_used_only_when_asked_and_warned_about(runner, served):
    result = runner.invoke(app, ["explore", "stag_hunt", "--no-browser", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert served[0]["address"][0] == "0.0.0.0"
    assert "sovgame: warning: listening on 0.0.0.0: anyone who can reach this computer" in result.stderr


def test_a_port_in_use_and_a_bad_port_are_clean_errors(runner, served):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["explore", "stag_hunt", "--no-browser", "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    bad = runner.invoke(app, ["explore", "stag_hunt", "--no-browser", "--port", "70000"])
    assert bad.exit_code == 2 and "--port: give a port from 1 to 65535" in bad.stderr
    assert not served


def test_a_game_that_cannot_be_read_is_named(runner, served):
    result = runner.invoke(app, ["explore", "no_such_game_here", "--no-browser"])
    assert result.exit_code == 1 and "no_such_game_here: no such file" in result.stderr
    assert not served


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_server_answers_on_loopback_only_and_stops_on_ctrl_c(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "sovgame", "explore", "stag_hunt", "--no-browser"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert url, line
        port = int(url.group(1))
        with urllib.request.urlopen(f"{url.group(0)}?kappa=1", timeout=60) as response:
            assert response.status == 200 and b"Stag Hunt" in response.read()
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if listening.returncode == 0:  # iproute2 is there: every listening socket is loopback
            addresses = [row.split()[3] for row in listening.stdout.splitlines() if row.strip()]
            assert addresses == [f"127.0.0.1:{port}"]
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
        stopped = time.monotonic() - started
        # Within a second on an idle machine; two on a busy one.
        assert stopped < 2.0, stopped
        assert process.returncode == 130
        assert "interrupted" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
