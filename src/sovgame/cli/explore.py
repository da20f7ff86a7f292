"""``sovgame explore``: what-ifs by dragging, in a page served on this computer."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import SovgameError, UsageError
from .app import GameArg, app, user_errors

#: What the command says when the optional web packages are missing.
NEEDS_EXTRA = 'sovgame explore needs the web packages: pip install "sovgame[explore]"'


@app.command("explore")
@user_errors(computes=True, progress=False)
def explore_command(
    game: GameArg,
    port: Annotated[int, typer.Option("--port", help="Port to listen on (default: a free one).")] = 0,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on (default 127.0.0.1: this computer only; another one is reachable "
            "from the network).",
        ),
    ] = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the page in a browser.")] = False,
) -> None:
    """Explore a game in a local web page (Ctrl-C stops it).

    Move κ, the cost weights and the payoffs and see equilibria, thresholds, verdicts, claims
    and the bottom line follow, exactly; share the state as an address, save it as a new game
    file.

    Example: sovgame explore pakistan_afghanistan --no-browser --port 8765
    """
    import importlib.util

    if any(importlib.util.find_spec(name) is None for name in ("starlette", "uvicorn")):
        raise SovgameError(NEEDS_EXTRA)
    from ..core.budget import current_limit
    from ..explore.serve import LOOPBACK, bind, serve
    from ..explore.server import create_app

    if not 0 <= port <= 65535:
        raise UsageError(f"--port: give a port from 1 to 65535 (0: a free one), not {port}")
    if host not in LOOPBACK:
        typer.echo(
            f"sovgame: warning: listening on {host}: anyone who can reach this computer there can open "
            "the page (saving still needs the page's token)",
            err=True,
        )
    hosts = LOOPBACK if host in LOOPBACK else ("*",) if host in ("0.0.0.0", "::") else (*LOOPBACK, host)
    web = create_app(game, current_limit(), hosts)
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    typer.echo(f"sovgame explore: {url} (Ctrl-C stops it)", err=True)
    serve(web, sock, url, open_browser=not no_browser)
