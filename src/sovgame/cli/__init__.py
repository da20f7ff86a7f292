"""The ``sovgame`` command line: parse, call the library, render. No game theory here.

Errors a user can fix (:class:`sovgame.errors.SovgameError`) are printed on stderr without a
traceback and exit with code 1 (bad input) or 2 (bad usage); typer's own usage errors exit 2.
Each module registers its commands on the one :data:`app` when it is imported below.
"""

from . import files  # noqa: I001, F401  (registers the commands, in the order help lists them)
from . import analysis, moves, play, robust, sensitivity  # noqa: F401
from .app import app
from .help import polish_help

polish_help(app)


def main() -> None:
    """Console-script entry point. SIGTERM stops a command as Ctrl-C does (exit 143 instead
    of 130): no temporary file stays behind and no output file is left half written."""
    import signal

    from .app import Terminated

    def terminate(signum, frame):
        raise Terminated()

    signal.signal(signal.SIGTERM, terminate)
    app(prog_name="sovgame")


__all__ = ["app", "main"]
