"""Worker processes that never outlive the command that started them.

A pool of worker processes (``--workers N``) is started with :func:`worker_pool`: each worker
ignores Ctrl-C (the main process stops the pool), ends at once on SIGTERM, and on Linux asks
the kernel to send it SIGTERM when its parent dies (``PR_SET_PDEATHSIG``), so a main process
killed outright (``kill -9``) leaves no worker running and holding its output pipes open.
When the block that uses the pool fails or is interrupted, queued work is cancelled and the
running workers are ended at once instead of being waited for.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: prctl option asking the kernel for a signal when the parent process dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1

#: Seconds a worker gets to end on SIGTERM before it is killed.
STOP_GRACE = 5.0


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes for the block; stopped at once if the block raises."""
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only where a pool starts

    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker)
    try:
        yield pool
    except BaseException:
        stop(pool)
        raise
    pool.shutdown()


def start_worker() -> None:
    """In each worker: Ctrl-C and hang-ups are for the main process, which stops the pool;
    SIGTERM (from the main process, or from the kernel when the main process dies) ends the
    worker at once, whatever handler it inherited."""
    for name in ("SIGINT", "SIGHUP", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl: the main process still stops the pool
            pass


def stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the worker processes now (a chunk of exact work can
    take a minute, and the interpreter would wait for it at exit).

    Nothing here waits without a bound: a worker that outlives SIGTERM by
    :data:`STOP_GRACE` seconds is killed, and the pool's manager thread is not joined (on
    Python 3.11 it can deadlock when workers end while it still feeds them work)."""
    # The executor offers no public way to end running workers before Python 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(STOP_GRACE)
        if process.is_alive():
            process.kill()
            process.join(STOP_GRACE)
    pool.shutdown(wait=False, cancel_futures=True)
