"""lrsnash (Avis's lrslib, C, exact rational arithmetic) as a reference solver for bench_solve.

``lrsnash`` prints every extreme equilibrium of a bimatrix game (Avis, Rosenberg, Savani & von
Stengel 2010, *Enumeration of Nash equilibria for two-player games*, Economic Theory 42). Its
output is a list of blocks separated by blank lines; in a block, lines starting with ``2`` are
mixed strategies of the column player (followed by the row player's payoff) and lines starting
with ``1`` mixed strategies of the row player (followed by the column player's payoff); every
row strategy of a block forms an equilibrium with every column strategy of the block (a
degenerate game prints several of one side against one of the other). Probabilities are
exact: integers or ``p/q``.

Install it with ``apt-get install lrslib`` (Debian, Ubuntu). Its time is the CPU time (user +
system) of the child process, read from ``os.wait4``; the start-up part of it (loading the
program and its libraries, parsing, printing) is measured on a trivial game and can be
subtracted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from fractions import Fraction
from pathlib import Path

Pair = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]
Matrix = list[list[int | Fraction]]

#: The program, when installed.
LRSNASH = shutil.which("lrsnash")


def game_text(A: Matrix, B: Matrix) -> str:
    """The game in lrsnash's input format: ``m n``, a blank line, A's rows, a blank line, B's."""
    m, n = len(A), len(A[0])
    rows = lambda M: "\n".join(" ".join(str(Fraction(v)) for v in row) for row in M)  # noqa: E731
    return f"{m} {n}\n\n{rows(A)}\n\n{rows(B)}\n"


def parse_output(text: str) -> set[Pair]:
    """The extreme equilibria in lrsnash's output (module docstring), as exact pairs."""
    pairs: set[Pair] = set()
    for block in text.split("\n\n"):
        rows, cols = [], []
        for line in block.splitlines():
            fields = line.split()
            if not fields or fields[0] not in ("1", "2"):
                continue  # comments (``*...``) and the counts
            strategy = tuple(Fraction(v) for v in fields[1:-1])  # the last field is a payoff
            (rows if fields[0] == "1" else cols).append(strategy)
        pairs.update((x, y) for x in rows for y in cols)
    return pairs


def run(A: Matrix, B: Matrix) -> tuple[set[Pair], float]:
    """lrsnash's extreme equilibria of (A, B) and the CPU seconds (user + system) of its
    process, read from ``os.wait4`` (the rusage of that child alone)."""
    if LRSNASH is None:
        raise RuntimeError("lrsnash is not installed (apt-get install lrslib)")
    with tempfile.TemporaryDirectory(prefix="lrsnash_") as folder:
        path = Path(folder) / "game"
        path.write_text(game_text(A, B))
        out_path = Path(folder) / "out"
        with open(out_path, "w") as out, open(os.devnull, "w") as errors:
            pid = os.posix_spawn(
                LRSNASH,
                [LRSNASH, str(path)],
                os.environ,
                file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, errors.fileno(), 2)],
            )
            _, status, usage = os.wait4(pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise RuntimeError(f"lrsnash failed on {game_text(A, B)!r}")
        return parse_output(out_path.read_text()), usage.ru_utime + usage.ru_stime


def startup_seconds(repeats: int = 15) -> float:
    """Median CPU seconds of lrsnash on a 1x1 game: its start-up, to subtract from a solve."""
    return statistics.median(run([[0]], [[0]])[1] for _ in range(repeats))
