"""The web app of ``sovgame explore``: Starlette routes served by uvicorn on this computer.

Routes: ``/`` (the page for the state in the address, rendered here), ``/live`` (the part of
the page that follows the state), ``/chart.svg``, ``/report`` (the HTML report, as a
download), ``/static/...`` (the page's script and style, shipped in the package) and
``POST /save``.

Safety: every request that changes something (any method but GET and HEAD) must carry the
page's token, made afresh each time the server starts, in the ``X-Sovgame-Token`` header;
without it the answer is 403 and nothing is done. A page on another site cannot read the
token (browsers keep other origins' pages unreadable) and a request whose Host is not this
server's is refused (so a site that rebinds its name to 127.0.0.1 gets nothing). The server
reads the game it was started with and the files that game names, nothing else; a file is
written only by "save as". Each request runs in its own work account (:mod:`sovgame.core.budget`).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.budget import WorkLimitError, work_limit
from ..core.case import Case
from ..errors import SovgameError
from ..loading import load_case
from .state import ExploreState
from .view import ExploreView, Findings, compute_view, findings_of, fingerprint

TOKEN_HEADER = "X-Sovgame-Token"
#: The methods that change nothing and need no token.
SAFE_METHODS = ("GET", "HEAD")
STATIC = Path(__file__).parent / "static"
#: Host names of this computer's loopback interface.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: Answers kept per kind (charts, findings), the oldest dropped first.
KEPT = 32


@dataclass
class Explorer:
    """What the app serves: one game (as the command line names it), its file's own state
    (the sliders' spans), the session's token and the work limit of each request."""

    game: str
    limit: int | None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    base: Case = field(init=False)
    _charts: dict[str, bytes] = field(init=False, default_factory=dict)
    _findings: dict[str, Findings] = field(init=False, default_factory=dict)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.base = load_case(self.game)

    def view(self, state: ExploreState) -> ExploreView:
        """The page's content for ``state``."""
        return compute_view(self.game, state, self.limit, self.findings)

    def findings(self, case: Case) -> Findings:
        """The thresholds, scorecard and bottom line of ``case``, computed once per game seen
        (dragging κ reuses them)."""
        return self._remember(self._findings, case, lambda: findings_of(case))

    def chart(self, case: Case) -> bytes:
        """The regime chart of ``case`` as SVG, drawn once per game seen (drawing takes a few
        tenths of a second)."""
        from .exports import chart_svg

        def draw() -> bytes:
            with work_limit(self.limit):
                return chart_svg(case)

        return self._remember(self._charts, case, draw)

    def _remember(self, kept: dict[str, Any], case: Case, compute: Callable[[], Any]) -> Any:
        """``compute()``'s answer for ``case``, kept under the case's fingerprint and the
        game file's time stamp (a file changed on disk is read afresh); the oldest of
        :data:`KEPT` answers goes first."""
        key = f"{_stamp(self.game)}|{fingerprint(case)}"
        with self._lock:
            if key in kept:
                return kept[key]
        value = compute()
        with self._lock:
            kept[key] = value
            while len(kept) > KEPT:
                kept.pop(next(iter(kept)))
        return value


def _stamp(spec: str) -> str:
    """The game file's size and time of change (standard input: read once, never changes)."""
    from .saving import source_path

    path = source_path(spec)
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return ""
    return "" if info is None else f"{info.st_size}:{info.st_mtime_ns}"


def state_of(request: Any) -> ExploreState:
    """The state in a request's address."""
    params = request.query_params
    return ExploreState.from_query(params, params.getlist("set"))


def create_app(game: str, limit: int | None = None, hosts: tuple[str, ...] = LOOPBACK, token: str | None = None):
    """The Starlette app that explores ``game`` (a bundled name, a path or ``-``); each
    request is refused past ``limit`` work units; only requests addressed to one of
    ``hosts`` are answered (``"*"``: any). Raises :class:`SovgameError` if the game cannot
    be read."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    explorer = Explorer(game, limit) if token is None else Explorer(game, limit, token)
    handlers = _Handlers(explorer)
    routes = [
        Route("/", handlers.page),
        Route("/live", handlers.live),
        Route("/chart.svg", handlers.chart),
        Route("/report", handlers.report),
        Route("/save", handlers.save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    allowed = ["*"] if "*" in hosts else [h if ":" not in h else f"[{h}]" for h in hosts] + list(hosts)
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed),
        Middleware(_TokenMiddleware, token=explorer.token),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.explorer = explorer
    return app


class _TokenMiddleware:
    """403 for any request that may change something and lacks the session's token."""

    def __init__(self, app: Any, token: str):
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            sent = dict(scope.get("headers") or []).get(TOKEN_HEADER.lower().encode(), b"")
            if not secrets.compare_digest(sent, self.token.encode()):
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse("this request needs the page's token; reload the page", status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _Handlers:
    """The routes' endpoints (plain functions: Starlette runs them in worker threads, so a
    long computation never blocks the server)."""

    def __init__(self, explorer: Explorer):
        self.explorer = explorer

    def page(self, request):
        from starlette.responses import HTMLResponse

        from .page import page_html

        explorer = self.explorer
        view = explorer.view(state_of(request))
        return HTMLResponse(page_html(view, explorer.base, explorer.game, explorer.token), headers=_NO_STORE)

    def live(self, request):
        from starlette.responses import HTMLResponse

        from .page import live_html

        started, cpu = time.perf_counter(), time.thread_time()
        view = self.explorer.view(state_of(request))
        body = live_html(view, self.explorer.game)
        elapsed, used = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
        headers = {
            **_NO_STORE,
            "X-Sovgame-Errors": _header_json(view.errors),
            # Wall and processor time of the update, shown by browsers' tools, read by the benchmark.
            "Server-Timing": f"update;dur={elapsed:.1f}, cpu;dur={used:.1f}",
        }
        return HTMLResponse(body, headers=headers)

    def chart(self, request):
        from starlette.responses import Response

        view = self.explorer.view(state_of(request))
        if view.refused or view.solution is None:
            return Response(view.refused or "no chart for this state", status_code=422, media_type="text/plain")
        try:
            svg = self.explorer.chart(view.case)
        except (WorkLimitError, SovgameError) as exc:
            return Response(_message(exc), status_code=422, media_type="text/plain")
        return Response(svg, media_type="image/svg+xml", headers=_NO_STORE)

    def report(self, request):
        from starlette.responses import HTMLResponse, PlainTextResponse

        from .exports import report_html

        view = self.explorer.view(state_of(request))
        try:
            with work_limit(self.explorer.limit):
                text = report_html(view.case)
        except (WorkLimitError, SovgameError) as exc:
            return PlainTextResponse(_message(exc), status_code=422)
        name = Path(self.explorer.game).stem or "game"
        disposition = f'attachment; filename="{_safe_name(name)}-report.html"'
        return HTMLResponse(text, headers={"Content-Disposition": disposition})

    async def save(self, request):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse

        try:
            body = await request.json()
            path = str(body["path"])
            settings = [str(s) for s in body.get("set", [])]
            overwrite = bool(body.get("overwrite", False))
        except (ValueError, KeyError, TypeError, AttributeError):
            return JSONResponse({"ok": False, "message": "save as: a JSON body with path and set"}, status_code=400)
        try:
            written = await run_in_threadpool(self._save, path, settings, overwrite)
        except SovgameError as exc:
            return JSONResponse({"ok": False, "message": _message(exc)}, status_code=422)
        return JSONResponse({"ok": True, "message": f"wrote {written}", "path": str(written)})

    def _save(self, path: str, settings: list[str], overwrite: bool) -> Path:
        from .saving import save_as
        from .state import latest

        with work_limit(self.explorer.limit):
            return save_as(self.explorer.game, latest(settings), path, overwrite)


_NO_STORE = {"Cache-Control": "no-store"}


def _message(exc: SovgameError) -> str:
    from ..cli.app import option_name

    if isinstance(exc, WorkLimitError):
        return exc.describe("--max-work N", option_name)
    return exc.message(option_name)


def _header_json(errors: dict[str, str]) -> str:
    """``errors`` as JSON in ASCII (a header carries no other characters)."""
    import json

    return json.dumps(errors, ensure_ascii=True)


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60]
