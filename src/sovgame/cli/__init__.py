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
    """Console-script entry point. SIGTERM, SIGHUP and SIGQUIT stop a command as Ctrl-C does
    (exit 128 + the signal's number: 143, 129, 131): workers are stopped, no temporary file
    stays behind and no output file is left half written. Output that cannot be written, and
    terminals that cannot show sovgame's symbols, are handled in :mod:`sovgame.cli.streams`."""
    import signal
    import sys

    from .app import Terminated, _say
    from .streams import output_failure, spell_out_symbols

    def terminate(signum, frame):
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), terminate)
    spell_out_symbols()
    try:
        try:
            app(prog_name="sovgame")
        finally:
            sys.stdout.flush()  # a failed write shows here, not as a warning at exit
    except BrokenPipeError:  # the reader went away (``| head``): nothing more to say
        _discard_output()
        sys.exit(1)
    except OSError as exc:
        message = output_failure(exc)
        if message is None:
            raise
        _discard_output()
        _say(message)
        sys.exit(1)


def _discard_output() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    import os
    import sys

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = ["app", "main"]
