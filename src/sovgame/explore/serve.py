"""Running the app: a socket bound before the server starts (so the address is known and a
port in use is a clean error), uvicorn serving it, the browser opened, and Ctrl-C stopping
it within a second."""

from __future__ import annotations

import socket
from typing import Any

from ..errors import SovgameError
from .server import LOOPBACK

__all__ = ["LOOPBACK", "bind", "serve"]

#: Seconds the server waits for open requests once asked to stop.
STOP_GRACE = 1


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port chosen by the system)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise SovgameError(f"--host: cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise SovgameError(f"cannot listen on {host} port {port}: {exc.strerror}; try another --port") from None
    sock.set_inheritable(True)
    return sock


def serve(app: Any, sock: socket.socket, url: str, open_browser: bool = True) -> None:
    """Serve ``app`` on ``sock`` until Ctrl-C (or SIGTERM); open ``url`` in the browser first
    when asked. Open connections get :data:`STOP_GRACE` second to finish."""
    import uvicorn

    config = uvicorn.Config(
        app, log_level="warning", timeout_graceful_shutdown=STOP_GRACE, timeout_keep_alive=1, lifespan="off"
    )
    server = uvicorn.Server(config)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
