"""Bounds for tests that once timed themselves: the work a command counted (its work account,
:mod:`sovgame.core.budget`) and a generous cap that only catches a hang. Neither depends on how
busy the machine is."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from sovgame.core import budget

#: Far beyond anything these tests should take, even on a loaded machine: reaching it means
#: the run hangs (or as good as hangs).
HANG_SECONDS = 60.0


@contextmanager
def hang_guard(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail instead of hanging: SIGALRM interrupts the block after ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds:g} s: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def work_counted() -> Iterator[list[budget.Account]]:
    """Within the block, every work account opened (one per command, by its ``--max-work``;
    one per library call outside any) is collected; after the block each holds the units the
    command counted in ``spent``."""
    accounts: list[budget.Account] = []
    original = budget.work_limit

    @contextmanager
    def recording(limit=budget.DEFAULT_MAX_WORK, progress=None):
        with original(limit, progress) as account:
            accounts.append(account)
            yield account

    budget.work_limit = recording  # type: ignore[assignment]
    try:
        yield accounts
    finally:
        budget.work_limit = original


def units(accounts: list[budget.Account]) -> int:
    """The work counted by all of ``accounts``."""
    return sum(account.spent for account in accounts)
