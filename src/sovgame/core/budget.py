"""Work budgets: every computation estimates its work before it starts and refuses work past
a limit, saying what to reduce and how to raise the limit.

The work of a computation grows with the game's size faster than anyone guesses: the mixed
equilibria of a two-player game hide among Σ_k C(m,k)·C(n,k) pairs of supports (12,869 for
an 8x8 game, about 10²⁹ for a 50x50 one). So each entry point (``solve``,
``compute_thresholds``, ``sweep``, ``robust``; ``analyze`` and ``what_if`` through them)
first calls :func:`require` with an estimate counted from the shape alone (with
:func:`math.comb`, never by listing), and :func:`require` refuses it with a
:class:`WorkLimitError` when the work of the whole command would pass the limit.

**Work units.** One unit is at most about a microsecond of computation (0.1–0.5 µs
measured on one core; ``benchmarks/bench_refusals.py`` prints estimates next to measured
times). The default limit, :data:`DEFAULT_MAX_WORK` = 20,000,000 units, is at most about 20
seconds; a command line raises it with ``--max-work``, a program with :func:`work_limit`.

**Accounts.** The work of one command is counted in one account: every step that starts
adds its estimate, so steps whose number is known only on the way (the equilibria solved at
each breakpoint while a threshold is searched) stop the command cleanly once the total
passes the limit. A library call outside any account gets its own (:func:`metered`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import GameTooLargeError, resolve_mentions
from .bezout import enumeration_units
from .model import solved_shape

#: The default limit on the work of one command, in units of about a microsecond.
DEFAULT_MAX_WORK = 20_000_000


@dataclass(frozen=True)
class Work:
    """An estimate: ``units`` of work for ``what``, ``because`` of what drives it, and what
    the user can ``reduce`` to need less. ``then`` is the work that may follow, counted only
    when it starts (for the progress display)."""

    units: int
    what: str
    because: str
    reduce: str = "remove dominated strategies or outcomes nobody plays"
    then: int = 0


class WorkLimitError(GameTooLargeError):
    """Work past the limit; the message names the work, the limit and how to get there.

    ``parameter`` names the library's way to raise the limit (``max_work``); the command line
    shows its option (``--max-work``) instead.
    """

    parameter = "max_work"

    def __init__(self, work: Work, limit: int, spent: int = 0):
        self.work, self.limit, self.spent = work, limit, spent
        super().__init__(self.describe("sovgame.work_limit(N)"))

    def describe(self, how: str, name: Callable[[str], str] | None = None) -> str:
        """The message, naming ``how`` the limit is raised (an option or a function) and each
        parameter to reduce by ``name`` (default: as the library's, e.g. ``samples``)."""
        done = f" after {units_text(self.spent)} units already done" if self.spent else ""
        exponent = math.ceil(math.log10(max(self.work.units + self.spent, 1) * 1.5))
        wanted = 10**exponent
        return (
            f"{self.work.what}: about {units_text(self.work.units)} units of work ({self.work.because}){done}, "
            f"past the limit of {units_text(self.limit)} (about {seconds_text(self.limit)}). "
            f"To need less, {resolve_mentions(self.work.reduce, name)}; or raise the limit with {how.replace('N', f'1e{exponent}')} "
            f"(about {seconds_text(wanted)})"
        )


def units_text(units: int) -> str:
    """A count of units as people read it: ``12,805`` or ``3.1e+09``."""
    return f"{units:,}" if units < 10**7 else f"{units:.2g}"


def seconds_text(units: int) -> str:
    """Units as a rough duration (one unit ≈ 1 µs)."""
    seconds = units / 1e6
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400 * 365:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400 / 365:.2g} years"


# --- accounts --------------------------------------------------------------------------------


@dataclass
class Account:
    """The work of one command: the limit, the units required so far (``spent``), those done
    (``done``, for progress) and the step under way."""

    limit: int | None
    progress: Callable[[Account], None] | None = None
    spent: int = 0
    done: int = 0
    planned: int = 0
    current: Work | None = field(default=None)

    def notify(self) -> None:
        """Tell the progress display, if any."""
        if self.progress is not None:
            self.progress(self)


_ACCOUNT: ContextVar[Account | None] = ContextVar("sovgame_work", default=None)


@contextmanager
def work_limit(
    limit: int | None = DEFAULT_MAX_WORK, progress: Callable[[Account], None] | None = None
) -> Iterator[Account]:
    """Run the block in its own work account with ``limit`` units (None: no limit).

    ``progress`` is called with the account whenever a step starts or advances (from the
    thread doing the work). Example: ``with sovgame.work_limit(10**9): compute_thresholds(game)``.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        from ..errors import ParameterError

        raise ParameterError("max_work", f"must be a whole number of work units >= 1, not {limit!r}")
    token = _ACCOUNT.set(Account(limit, progress))
    try:
        yield _ACCOUNT.get() or Account(limit)
    finally:
        _ACCOUNT.reset(token)


F = TypeVar("F", bound=Callable[..., Any])


def metered(function: F) -> F:
    """Run ``function`` in a work account with the default limit unless one is open."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _ACCOUNT.get() is not None:
            return function(*args, **kwargs)
        with work_limit(DEFAULT_MAX_WORK):
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def require(work: Work, forecast: int = 0) -> None:
    """Count ``work`` in the current account before it starts; refuse it (and anything the
    caller ``forecast``\\ s to follow) if the account's total would pass the limit."""
    account = _ACCOUNT.get()
    if account is None:
        account = Account(DEFAULT_MAX_WORK)  # a lone step: checked on its own
    total = account.spent + work.units
    if account.limit is not None and total + forecast > account.limit:
        raise WorkLimitError(
            Work(work.units + forecast, work.what, work.because, work.reduce) if forecast else work,
            account.limit,
            account.spent,
        )
    account.done = account.spent
    account.spent = total
    account.planned = max(account.planned, total + max(forecast, work.then))
    account.current = work
    account.notify()


def foresee(work: Work) -> None:
    """Refuse ``work`` to come if the account's total would pass the limit with it, without
    counting it: it is counted as it is done."""
    account = _ACCOUNT.get()
    if account is not None and account.limit is not None and account.spent + work.units > account.limit:
        raise WorkLimitError(work, account.limit, account.spent)


def current_limit() -> int | None:
    """The limit of the current account (a server gives each request an account of its own
    with the limit its command was given); the default when no account is open."""
    account = _ACCOUNT.get()
    return DEFAULT_MAX_WORK if account is None else account.limit


def spent() -> int:
    """The units the current account has counted so far (0 outside any account)."""
    account = _ACCOUNT.get()
    return 0 if account is None else account.spent


def advance(units: int) -> None:
    """Note progress inside the step under way (for the progress display only)."""
    account = _ACCOUNT.get()
    if account is not None and account.progress is not None:
        account.done = min(account.done + units, account.spent)
        account.notify()


# --- estimates ---------------------------------------------------------------------------------


def _size(shape: Sequence[int]) -> str:
    return "x".join(map(str, shape))


def support_pairs(m: int, n: int, smallest: int = 2) -> int:
    """Pairs of equal-size supports of at least ``smallest`` strategies: Σ_k C(m,k)·C(n,k)."""
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(smallest, min(m, n) + 1))


def solve_work(shape: Sequence[int], mixed: bool = True) -> Work:
    """Finding every equilibrium at one cost level.

    Two players: either the enumeration solves C(m+n, m) square systems per best-response
    polytope, each over m + n labels, then checks its candidates exactly (in fractions, which
    dominates small games); or pivoting visits one basis per vertex of each (perturbed,
    simple) polytope, at most :func:`expected_bases`; :func:`pivots` tells which. More
    players: every pure profile is checked and, when ``mixed``, every profile of supports
    has its polynomial system solved (:func:`sovgame.core.bezout.enumeration_units`).
    """
    shape = solved_shape(shape)  # single-strategy players are set aside before solving
    profiles, n = math.prod(shape), len(shape)
    if n == 2:
        m, k = shape
        if pivots(m, k):
            return Work(
                _pivot_units(m, k),
                f"solving this {_size(shape)} game",
                f"up to {expected_bases(m, k) + expected_bases(k, m):,} vertices of its best-response polytopes",
            )
        return Work(
            _enumeration_units(m, k),
            f"solving this {_size(shape)} game",
            f"{math.comb(m + k, m):,} linear systems of up to {min(m, k)} equations",
        )
    pure = profiles * n * 10 + 100
    if not mixed or n < 2:
        return Work(pure, f"solving this {_size(shape)} game", f"{profiles:,} pure profiles")
    units, because = enumeration_units(shape)  # the support enumeration (sovgame.core.bezout)
    return Work(pure + units, f"solving this {_size(shape)} game", because)


def pivots(m: int, n: int) -> bool:
    """Whether an m×n two-player game is solved by pivoting between vertices
    (:mod:`sovgame.solvers.pivoting`) rather than by solving every square system: on games
    that are not lopsided, and on every game from 7x7 on. Measured on random games
    (``benchmarks/bench_solve.py``): pivoting takes a third to a half of the enumeration's
    time from 2x2 to 6x6 and far less from 7x7 on, but up to twice as long on lopsided games
    such as 4x12 or 5x15, whose wide polytope has many vertices and few constraints while the
    enumeration's systems there are few and small."""
    small, large = min(m, n), max(m, n)
    return small >= 7 or large <= 2 * small + (2 if small <= 3 else -1)


def _enumeration_units(m: int, n: int) -> int:
    return math.comb(m + n, m) * (m + n) + 80 * (m + n) * min(m, n) + 2000


def _pivot_units(m: int, n: int) -> int:
    return pivot_work(m, n, expected_bases(m, n) + expected_bases(n, m)).units + 300


def expected_bases(k: int, d: int) -> int:
    """The most vertices a d-dimensional polytope with k + d facets can have (McMullen 1970,
    the upper bound theorem): the most bases the pivoting of {z ≥ 0 : M z ≤ 1} (M k×d, its
    right-hand side perturbed so that the polytope is simple) can visit."""
    facets = k + d
    return math.comb(facets - (d + 1) // 2, d // 2) + math.comb(facets - d // 2 - 1, (d + 1) // 2 - 1)


def pivot_work(k: int, d: int, bases: int) -> Work:
    """Visiting ``bases`` bases of a k×d polytope: one fraction-free pivot of the k×d
    dictionary each, and a ratio test per entering variable (measured, see
    ``benchmarks/bench_refusals.py``)."""
    return Work(bases * (k * d // 2 + 20), f"pivoting through a {k}x{d} best-response polytope", f"{bases:,} bases")


def pair_units(k: int, m: int, n: int) -> int:
    """One pair of supports of size k in an m×n game: per player k + 1 fraction-free
    eliminations of order k + 1 (integers), and the roots of its m + n + 2 polynomials, which
    dominate (measured, see ``benchmarks/bench_refusals.py``)."""
    return 25 * (m + n + 4) + (k + 1) ** 4 // 2


def breakpoint_work(shape: Sequence[int]) -> Work:
    """Every κ where the equilibrium set may change: pairwise ties of payoffs and, for two
    players beyond 2x2, the roots of the polynomials of every pair of supports; for more, a
    square system per support and event (:mod:`sovgame.solvers.kappa_points`)."""
    shape = solved_shape(shape)  # single-strategy players are set aside before solving
    profiles, n = math.prod(shape), len(shape)
    pairwise = profiles * sum(k - 1 for k in shape) * 4
    if n > 2:  # events: each best reply outside the support, and the Jacobian
        units, because = enumeration_units(shape)
        return Work(
            pairwise + 100 + units * (max(shape) + 1), f"the breakpoints in κ of this {_size(shape)} game", because
        )
    if tuple(shape) == (2, 2) or min(shape) < 2:
        return Work(pairwise + 100, "finding the breakpoints in κ", f"{profiles:,} outcomes")
    m, k = shape
    pairs = support_pairs(m, k)
    units = pairwise + sum(math.comb(m, s) * math.comb(k, s) * pair_units(s, m, k) for s in range(2, min(m, k) + 1))
    return Work(
        units,
        f"the breakpoints in κ of this {_size(shape)} game",
        f"{pairs:,} pairs of supports to check for mixed equilibria",
    )


def thresholds_work(shape: Sequence[int]) -> Work:
    """The thresholds of a target: every deviation and dominance comparison, and the walk of
    the uniqueness tail. Two players: the walk over every pairwise breakpoint there can be
    (an open stretch of it lists support pairs and may solve, each counted when it starts:
    :func:`open_gap_work`, :func:`support_pair_work`, :func:`solve_work`). More players: the
    pairwise breakpoints and one pure search; the walk is counted when it starts
    (:func:`walk_work`)."""
    shape = solved_shape(shape)  # single-strategy players are set aside before solving
    profiles, n = math.prod(shape), len(shape)
    comparisons = profiles * sum(k - 1 for k in shape)
    if n != 2:
        return Work(
            20_000 + comparisons * 24 + 100 + profiles * n * 20,
            f"the thresholds of this {_size(shape)} game",
            f"{comparisons:,} comparisons of outcomes",
        )
    points = max_pairwise_points(shape)
    return Work(
        20_000 + comparisons * 20 + unique_walk_work(shape, points).units,
        f"the thresholds of this {_size(shape)} game",
        f"{comparisons:,} comparisons of outcomes and up to {points:,} cost levels to test",
        then=solve_work(shape, mixed=False).units,  # an exact solve or two, typically
    )


def max_pairwise_points(shape: Sequence[int]) -> int:
    """At most one pairwise breakpoint per pair of a player's strategies and profile of the others'."""
    profiles = math.prod(shape)
    return sum(profiles // k * math.comb(k, 2) for k in shape)


def unique_walk_work(shape: Sequence[int], points: int) -> Work:
    """Two players: the uniqueness walk over the 2·points + 1 stretches the pairwise breakpoints
    leave, each decided by iterated dominance and the pure equilibria in integers
    (about m·n·(m + n) comparisons; measured, see ``benchmarks/bench_refusals.py``)."""
    m, n = shape[0], shape[1]
    return Work(
        (2 * points + 1) * (m * n * (m + n) // 4 + 30),
        f"the uniqueness threshold of this {_size(shape)} game",
        f"{points:,} cost levels to test, {m * n:,} outcomes each",
        "keep fewer costs (--cost), or remove dominated strategies",
    )


def open_gap_work(rows: int, cols: int) -> Work:
    """Listing the support pairs of the surviving strategies on a stretch of κ where mixed
    equilibria decide whether the target is alone (each pair a few bit operations)."""
    pairs = support_pairs(rows, cols)
    return Work(
        pairs + 100,
        f"the support pairs of {rows}x{cols} surviving strategies",
        f"{pairs:,} pairs of supports to check for mixed equilibria",
    )


def support_pair_work(sizes: Sequence[int], strategies: int) -> Work:
    """The polynomials of the support pairs of ``sizes`` (each |I| = |J| = k) that may hold an
    equilibrium, with their roots, in a game of ``strategies`` strategies in all."""
    units = sum(pair_units(k, strategies, 0) for k in sizes)
    return Work(
        units + 10,
        "the mixed breakpoints where the target may not be alone",
        f"{len(sizes):,} pairs of supports that may hold an equilibrium",
    )


def sweep_forecast(shape: Sequence[int]) -> int:
    """The solves a sweep is expected to make: two per breakpoint (the point and the gap after
    it), with about one breakpoint per pair of supports (measured on random games)."""
    shape = solved_shape(shape)  # single-strategy players are set aside before solving
    profiles, n = math.prod(shape), len(shape)
    points = profiles * sum(k - 1 for k in shape) // 2 + 2
    if n == 2 and tuple(shape) != (2, 2) and min(shape) >= 2:
        points += support_pairs(shape[0], shape[1])
    return 2 * points * solve_work(shape).units


def walk_work(shape: Sequence[int], points: int) -> Work:
    """Three or more players: iterated dominance and the pure equilibria at each of
    ``points`` cost levels."""
    profiles, n = math.prod(shape), len(shape)
    return Work(
        2 * points * profiles * n * (max(shape) + 10),
        f"the uniqueness threshold of this {_size(shape)} game",
        f"{points:,} cost levels to test, {profiles:,} outcomes each",
        "keep fewer costs ({{costs}}), or remove dominated strategies",
    )


def robust_work(shape: Sequence[int], samples: int, searches_mixed: bool) -> Work:
    """Drawing and evaluating ``samples`` games: every comparison of the dominance and
    uniqueness tests per sample, the equilibria at the top of the range (support pairs for
    two players, pure profiles otherwise) and up to 32 exact solves per chunk of samples."""
    profiles, n = math.prod(shape), len(shape)
    comparisons = profiles * sum(k - 1 for k in shape) + profiles * n
    per_sample = comparisons // 5 + 1  # vectorised over the samples of a chunk
    listing = 0
    if n == 2:
        pairs = support_pairs(shape[0], shape[1], smallest=1)
        listing = pairs * 2  # the support pairs are listed once per chunk
        if searches_mixed:
            per_sample += pairs * 2
    chunks = math.ceil(samples / 16384)
    exact = chunks * min(samples, 32) * (profiles * n * 20 if n > 2 else solve_work(shape, mixed=False).units)
    return Work(
        samples * per_sample + chunks * listing + exact,
        f"{samples:,} samples of this {_size(shape)} game",
        f"{comparisons:,} comparisons per sample",
        "draw fewer samples ({{samples}})",
    )


def mediate_work(shape: Sequence[int]) -> Work:
    """The correlated equilibria: a linear program over every outcome with one obedience
    constraint per player and pair of own strategies, certified in fractions."""
    profiles = math.prod(shape)
    rows = sum(k * (k - 1) for k in shape)
    return Work(
        rows * profiles * 20 + profiles * 100 + 1000,
        f"the correlated equilibria of this {_size(shape)} game",
        f"a linear program of {rows:,} constraints over {profiles:,} outcomes",
    )


def show_work(shape: Sequence[int], tabular: bool) -> Work:
    """Showing a game: its payoff table laid out cell by cell (about 170 µs a cell measured
    for a rich table of a 300x300 game), or written out as JSON or CSV (far less)."""
    cells = math.prod(shape)
    return Work(
        cells * (170 if tabular else 20) + 1000,
        f"showing this {_size(shape)} game",
        f"{cells:,} outcomes to lay out",
        "show it as JSON or CSV (--format json), or split the game",
    )


def dynamics_work(shape: Sequence[int], methods: Sequence[str], horizon: float, iterations: int) -> Work:
    """Learning dynamics: an ODE solved at 1,001 time points over ``horizon`` (replicator)
    and ``iterations`` rounds of fictitious play."""
    cells = math.prod(shape)
    units = 1000
    if "replicator" in methods:
        units += int(min(horizon, 1e15) * cells * 50) + 1001 * cells * 5
    if "fictitious play" in methods:
        units += iterations * (cells + 50)
    return Work(
        units,
        f"learning dynamics on this {_size(shape)} game",
        f"time {horizon:g} and {iterations:,} rounds",
        "shorten {{horizon}} or {{iterations}}",
    )


def repeated_work(periods: int) -> Work:
    """Repeated play: the simulated cross-check plays ``periods`` periods one by one."""
    return Work(
        periods * 3 + 1000,
        "the simulated repeated play",
        f"{periods:,} periods",
        "simulate fewer periods ({{periods}})",
    )
