"""The ``sovgame`` command line: parse, call the library, render. No game theory here.

Errors a user can fix (:class:`sovgame.errors.SovgameError`) are printed on stderr without a
traceback and exit with code 1 (bad input) or 2 (bad usage); typer's own usage errors exit 2.
Each module registers its commands on the one :data:`app` when it is imported below.
"""

from . import files  # noqa: I001, F401  (registers the commands, in the order help lists them)
from . import analysis, explore, lenses, models, moves, play, robust, sensitivity  # noqa: F401
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

    stopped_by: list[int] = []

    def terminate(signum, frame):
        stopped_by.append(signum)
        raise Terminated(signum)

    def interrupt(signum, frame):
        stopped_by.append(signum)
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), terminate)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started ignoring it
        signal.signal(signal.SIGINT, interrupt)
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
    except SystemExit as exc:
        if stopped_by:
            _leave_now(exc.code)
        raise


def _leave_now(code) -> None:
    """Exit at once, after a stop signal has been handled (files cleaned up, message said).

    The interpreter's own exit would join the process pool's manager thread, which on Python
    3.11 can deadlock when workers are ended while the pool still feeds them work; nothing
    is left to do that needs it."""
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code if isinstance(code, int) else 1)


def _discard_output() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    import os
    import sys

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = ["app", "main"]
