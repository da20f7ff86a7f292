"""Benchmark and cross-check ``sovgame.solvers.bimatrix.solve_bimatrix`` against Gambit and nashpy.

Two suites of random games, for each size k (default 2..6), ``--games`` games per size
(seeded per suite and size from ``--seed``):

* ``integer``: k×k integer payoffs drawn uniformly from [-5, 5] (numpy ``default_rng``); small
  integers make many of the games degenerate;
* ``near``: near-degenerate games, where a float stage with a fixed tolerance merges or drops
  vertices: payoffs 0, 1 or 2 plus, in each cell with probability 1/2, an exact perturbation
  k'/10^e (k' in −9..9, one e per game drawn from 3..15), as exact fractions.

What it measures:

* correctness: sovgame's extreme equilibria are compared, as exact sets of (row, col)
  probability tuples in ``fractions.Fraction``, with Gambit's exact
  ``enummixed_solve(game, rational=True)``. "missed" counts equilibria Gambit has and sovgame
  lacks, "invented" those sovgame has and Gambit lacks; both must be 0. Unless
  ``--no-reference`` is given, both are also compared with a slow, independent exact
  enumerator in this file (every basis of both best-response polytopes solved in integer and
  rational arithmetic), which also decides degeneracy exactly, so a disagreement says who is
  wrong. Every offending game is printed (and written to ``--save`` as JSON when given).
* speed: median wall time per game (``time.perf_counter``, each game solved once, after
  one untimed warm-up game) of sovgame's ``solve_bimatrix``, nashpy's
  ``Game(A', B').vertex_enumeration()`` consumed into a list (payoffs shifted to be strictly
  positive, A' = A - A.min() + 1, as nashpy's vertex enumeration needs; floats) and Gambit's
  floating-point ``enummixed_solve(game, rational=False)`` (building the Gambit game is not
  timed). Gambit's exact solver is timed too, for reference.
* before and after: ``--baseline SRC`` imports another copy of sovgame from the source tree
  SRC (the directory that holds its ``sovgame`` package, e.g. a ``git worktree`` of an older
  commit) and solves every game with it too, in the same process and interleaved with the
  current solver (alternating which goes first), so both see the same machine load. Its
  misses, inventions and median time are printed beside the current ones, with the ratio
  current/baseline.

``--profile`` adds a cProfile summary of sovgame's solver at the two largest sizes.

``--versus-gambit`` prints one row per size against Gambit instead, sizes 2x2 .. 12x12 (``--row-sizes``):
per size the median CPU time per game of the solver ``sovgame.solve`` uses
(``solvers.pivoting.solve_two_player``: exact pivoting, or every square system for lopsided
games), of the previous one (``solve_bimatrix``, every square system, timed until
``--row-budget`` seconds per size are spent), and of Gambit's floating-point
``enummixed_solve(game, rational=False)``; ours ÷ Gambit (goal ≤ 1.0), whether ours and the
previous agree exactly on every game both solved, and the peak memory (tracemalloc) of one
solve of the first game by each of ours and the previous (goal ≤ 200 MB at 12x12).

``--versus-lrsnash`` prints the table of all equilibria by size (``--table-sizes``, default 2, 3,
4, 6, 8, 10, 12, 14; ``--table-games`` games each): the median CPU time per game of
``sovgame.solve`` (exact payoffs, pivoting and the exact check of every equilibrium), of
Gambit's float ``enummixed_solve`` and of lrsnash (lrslib, C, exact: ``apt-get install lrslib``;
its process time minus its start-up, see ``benchmarks/lrsnash_reference.py``), all timed
interleaved in one run, with the ratios of the medians; and the number of games where
sovgame's equilibria differ, as exact sets, from lrsnash's (must be 0). With ``--baseline``
it times the baseline copy's ``solve`` beside them and checks it returns the same.

Requires pygambit (17.x API) and nashpy besides sovgame's own dependencies::

    pip install ".[gambit]"        # from the repository root; pulls in pygambit and nashpy

Run as ``python benchmarks/bench_solve.py [--games N] [--seed S] [--suites integer near]
[--baseline SRC]``; ``--help`` lists the other options. Exits 1 if any game disagrees (or if
pygambit is missing), else 0.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import importlib
import io
import itertools
import json
import math
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

try:
    import pygambit as gbt
except ImportError:
    print(
        'bench_solve.py needs pygambit, which is not installed. Install it with: pip install ".[gambit]"',
        file=sys.stderr,
    )
    sys.exit(1)
try:
    import nashpy
except ImportError:
    print("bench_solve.py needs nashpy, which is not installed: pip install nashpy", file=sys.stderr)
    sys.exit(1)
import numpy as np

try:
    from sovgame.solvers import bimatrix as _bimatrix
except ImportError:  # running from a source tree that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from sovgame.solvers import bimatrix as _bimatrix
solve_bimatrix = _bimatrix.solve_bimatrix


def _source_digest() -> str:
    """Which solver was measured: sha256 prefix of bimatrix.py (it may change under us)."""
    return hashlib.sha256(Path(_bimatrix.__file__).read_bytes()).hexdigest()[:12]


Pair = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]

# --- the three solvers ---------------------------------------------------------------------


#: pygambit 17 builds tables with StrategicGame.from_arrays (Game.from_arrays is gone);
#: 16.x, which ``pip install ".[gambit]"`` picks while 17 is a pre-release, has Game.from_arrays.
_TABLE = getattr(gbt, "StrategicGame", None) or gbt.Game


Matrix = list[list[int | Fraction]]  # a game's payoffs: Python ints or exact fractions


def _gambit_number(v: int | Fraction):
    return v if isinstance(v, int) else gbt.Rational(v.numerator, v.denominator)


def gambit_game(A: Matrix, B: Matrix):
    """The game in Gambit, with exact payoffs (Python ints or Gambit rationals)."""
    return _TABLE.from_arrays(*([[_gambit_number(v) for v in row] for row in M] for M in (A, B)))


def gambit_pairs(game, rational: bool = True) -> list[Pair]:
    """Extreme equilibria from Gambit's enummixed, as exact (row, col) Fraction tuples.

    Players and strategies are looked up by label: from_arrays labels the players "1", "2"
    and each player's strategies "1", "2", ... in matrix order (16.x and 17.x alike);
    ``profile["1"]`` is the row player's MixedStrategy and ``profile["1"]["3"]`` the
    probability of its third strategy, a ``pygambit.Rational`` (a Fraction subclass).
    """
    result = gbt.nash.enummixed_solve(game, rational=rational)
    shape = [len(list(result.equilibria[0][p])) for p in ("1", "2")] if result.equilibria else []
    pairs = []
    for profile in result.equilibria:
        row, col = (
            tuple(
                Fraction(profile[player][str(s + 1)].numerator, profile[player][str(s + 1)].denominator)
                for s in range(size)
            )
            for player, size in zip(("1", "2"), shape)
        )
        pairs.append((row, col))
    return pairs


def sovgame_pairs(solution) -> list[Pair]:
    return [(tuple(e.row), tuple(e.col)) for e in solution.equilibria]


def nashpy_solve(A: Matrix, B: Matrix) -> list:
    """nashpy's vertex enumeration on the payoffs as floats, shifted to be positive."""
    a, b = np.array(A, dtype=float), np.array(B, dtype=float)
    return list(nashpy.Game(a - a.min() + 1, b - b.min() + 1).vertex_enumeration())


# --- an independent, slow exact reference --------------------------------------------------


def _solve_int(M: list[list[int]], size: int) -> list[Fraction] | None:
    """Solve M z = 1 exactly (fraction-free Bareiss elimination, then back substitution);
    None if M is singular."""
    rows = [r[:] + [1] for r in M]
    prev = 1
    sign = 1
    for c in range(size):
        p = next((r for r in range(c, size) if rows[r][c] != 0), None)
        if p is None:
            return None
        if p != c:
            rows[c], rows[p] = rows[p], rows[c]
            sign = -sign
        for r in range(c + 1, size):
            rows[r] = [
                (rows[r][j] * rows[c][c] - rows[r][c] * rows[c][j]) // prev if j > c else 0 for j in range(size + 1)
            ]
        prev = rows[c][c]
    # Back substitution in fractions (upper triangular now).
    z = [Fraction(0)] * size
    for i in reversed(range(size)):
        acc = Fraction(rows[i][size]) - sum(rows[i][j] * z[j] for j in range(i + 1, size))
        z[i] = acc / rows[i][i]
    return z


def _vertices(M: list[list[int]]) -> dict[tuple[Fraction, ...], tuple[frozenset, frozenset]]:
    """Every vertex z ≠ 0 of {z ≥ 0, M z ≤ 1} (M positive integers, k×d), with
    (zero coordinates, tight rows)."""
    k, d = len(M), len(M[0])
    out = {}
    for size in range(1, min(k, d) + 1):
        for S in itertools.combinations(range(d), size):
            for J in itertools.combinations(range(k), size):
                solved = _solve_int([[M[j][s] for s in S] for j in J], size)
                if solved is None:
                    continue
                zs = solved
                if any(v < 0 for v in zs):
                    continue
                z = [Fraction(0)] * d
                for s, v in zip(S, zs):
                    z[s] = v
                loads = [sum(M[j][s] * z[s] for s in S) for j in range(k)]
                if any(load > 1 for load in loads):
                    continue
                zt = tuple(z)
                if zt not in out:
                    out[zt] = (
                        frozenset(i for i in range(d) if z[i] == 0),
                        frozenset(j for j in range(k) if loads[j] == 1),
                    )
    return out


def _positive_integers(M: Matrix) -> list[list[int]]:
    """Shift to a minimum of 1 and scale by the lcm of the denominators (no best reply moves)."""
    low = min(min(row) for row in M)
    shifted = [[Fraction(v) - low + 1 for v in row] for row in M]
    scale = math.lcm(*(v.denominator for row in shifted for v in row))
    return [[int(v * scale) for v in row] for row in shifted]


def reference(A: Matrix, B: Matrix) -> tuple[set[Pair], bool]:
    """All extreme equilibria and exact degeneracy, by brute force over all bases."""
    m, n = len(A), len(A[0])
    Ap = _positive_integers(A)
    Bp = _positive_integers(B)
    Bt = [[Bp[i][j] for i in range(m)] for j in range(n)]
    P = _vertices(Bt)  # x: zero -> rows i, tight -> columns j (label m + j)
    Q = _vertices(Ap)  # y: zero -> columns j (label m + j), tight -> rows i
    full = set(range(m + n))
    degenerate = any(len(z) + len(t) > m for z, t in P.values()) or any(len(z) + len(t) > n for z, t in Q.values())
    pairs = set()
    for x, (xz, xt) in P.items():
        xl = set(xz) | {m + j for j in xt}
        for y, (yz, yt) in Q.items():
            if xl | set(yt) | {m + j for j in yz} == full:
                sx, sy = sum(x), sum(y)
                pairs.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return pairs, degenerate


def is_nash(A: Matrix, B: Matrix, pair: Pair) -> bool:
    x, y = pair
    if any(v < 0 for v in x + y) or sum(x) != 1 or sum(y) != 1:
        return False
    Ay = [sum(A[i][j] * y[j] for j in range(len(y))) for i in range(len(x))]
    xB = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
    return all(Ay[i] == max(Ay) for i in range(len(x)) if x[i] > 0) and all(
        xB[j] == max(xB) for j in range(len(y)) if y[j] > 0
    )


# --- the benchmark -------------------------------------------------------------------------

SUITES = ("integer", "near")


def make_games(suite: str, k: int, count: int, seed: int) -> list[tuple[Matrix, Matrix]]:
    """``count`` k×k games of a suite (module docstring), the same for every run of a seed."""
    if suite == "integer":
        rng = np.random.default_rng([seed, k])  # per size: changing --sizes keeps the games
        return [(rng.integers(-5, 6, (k, k)).tolist(), rng.integers(-5, 6, (k, k)).tolist()) for _ in range(count)]
    draw = random.Random(f"{seed}/near/{k}")
    games = []
    for _ in range(count):
        e = draw.randint(3, 15)

        def cell(e: int = e) -> Fraction:
            base = Fraction(draw.randint(0, 2))
            return base + Fraction(draw.randint(-9, 9), 10**e) if draw.random() < 0.5 else base

        games.append(tuple([[cell() for _ in range(k)] for _ in range(k)] for _ in range(2)))
    return games


def load_baseline(source: Path):
    """The bimatrix module of another copy of sovgame (the directory holding its ``sovgame``
    package), imported as the package ``sovgame_baseline`` so that it uses its own modules."""
    if not (source / "sovgame" / "solvers" / "bimatrix.py").is_file():
        sys.exit(f"--baseline {source}: no sovgame/solvers/bimatrix.py there")
    folder = tempfile.mkdtemp(prefix="bench_solve_")
    os.symlink(source.resolve() / "sovgame", Path(folder) / "sovgame_baseline")
    sys.path.insert(0, folder)
    return importlib.import_module("sovgame_baseline.solvers.bimatrix")


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def fmt_pair(pair: Pair) -> str:
    return "(" + ", ".join("[" + ", ".join(str(v) for v in side) + "]" for side in pair) + ")"


def _record(k: int, index: int, A: Matrix, B: Matrix, sol, gpairs, rset, rdeg, nondeg_violation) -> dict:
    """What is printed (and saved) about a game on which the solvers disagree."""
    spairs = sovgame_pairs(sol)
    miss, inv = set(gpairs) - set(spairs), set(spairs) - set(gpairs)
    return {
        "size": k,
        "index": index,
        "A": [[str(v) for v in row] for row in A],
        "B": [[str(v) for v in row] for row in B],
        "sovgame_degenerate": sol.degenerate,
        "reference_degenerate": rdeg,
        "nondegenerate_but_even_or_continuum": nondeg_violation,
        "sovgame": [fmt_pair(p) for p in spairs],
        "gambit": [fmt_pair(p) for p in gpairs],
        "sovgame_missed": [fmt_pair(p) for p in sorted(miss)],
        "sovgame_invented": [fmt_pair(p) for p in sorted(inv)],
        "invented_are_nash": [is_nash(A, B, p) for p in sorted(inv)],
        "reference": None if rset is None else [fmt_pair(p) for p in sorted(rset)],
    }


def run_size(k: int, games, args, problems: list, baseline=None) -> dict:
    # long: one loop that times every solver on each game and tallies every disagreement.
    # Warm-up (untimed): imports, caches, first-call overheads.
    A0, B0 = games[0]
    solve_bimatrix(A0, B0)
    if baseline is not None:
        baseline.solve_bimatrix(A0, B0)
    nashpy_solve(A0, B0)
    g0 = gambit_game(A0, B0)
    gbt.nash.enummixed_solve(g0, rational=False)
    gbt.nash.enummixed_solve(g0, rational=True)

    t_sov, t_base, t_np, t_gf, t_gr = [], [], [], [], []
    degenerate = missed = invented = ref_bad_sov = ref_bad_gbt = degen_flag_wrong = 0
    base_missed = base_invented = np_errors = gbt_dups = 0
    np_limit = len(games) if args.nashpy_limit is None else min(args.nashpy_limit, len(games))
    for index, (A, B) in enumerate(games):
        if baseline is not None and index % 2:  # alternate which goes first
            base, dt = timed(baseline.solve_bimatrix, A, B)
            t_base.append(dt)
        sol, dt = timed(solve_bimatrix, A, B)
        t_sov.append(dt)
        if baseline is not None and not index % 2:
            base, dt = timed(baseline.solve_bimatrix, A, B)
            t_base.append(dt)
        game = gambit_game(A, B)
        _, dt = timed(gbt.nash.enummixed_solve, game, False)
        t_gf.append(dt)
        gpairs, dt = timed(gambit_pairs, game, True)
        t_gr.append(dt)
        if index < np_limit:
            try:
                _, dt = timed(nashpy_solve, A, B)
                t_np.append(dt)
            except Exception:  # nashpy/qhull can fail on degenerate games: count, go on
                np_errors += 1

        sset, gset = set(sovgame_pairs(sol)), set(gpairs)
        gbt_dups += len(gpairs) - len(gset)
        degenerate += sol.degenerate
        missed += len(gset - sset)
        invented += len(sset - gset)
        if baseline is not None:
            bset = set(sovgame_pairs(base))
            base_missed += len(gset - bset)
            base_invented += len(bset - gset)
        rset, rdeg = reference(A, B) if args.reference else (None, None)
        if rset is not None:
            ref_bad_sov += rset != sset
            ref_bad_gbt += rset != gset
            degen_flag_wrong += rdeg != sol.degenerate
        # Necessary conditions when sovgame says "nondegenerate": an odd number of isolated
        # equilibria (Lemke-Howson) and no continuum.
        nondeg_violation = not sol.degenerate and (
            len(sset) % 2 == 0 or any(e.component is not None for e in sol.equilibria)
        )
        if sset != gset or nondeg_violation or (rset is not None and (rset != sset or rdeg != sol.degenerate)):
            problems.append(_record(k, index, A, B, sol, gpairs, rset, rdeg, nondeg_violation))

    med = lambda ts: statistics.median(ts) * 1e3 if ts else float("nan")  # noqa: E731
    return {
        "k": k,
        "games": len(games),
        "degenerate": degenerate,
        "missed": missed,
        "invented": invented,
        "ref_bad_sov": ref_bad_sov,
        "ref_bad_gbt": ref_bad_gbt,
        "degen_flag_wrong": degen_flag_wrong,
        "base_missed": base_missed,
        "base_invented": base_invented,
        "gbt_dups": gbt_dups,
        "np_timed": len(t_np),
        "np_errors": np_errors,
        "sov": med(t_sov),
        "base": med(t_base),
        "np": med(t_np),
        "gf": med(t_gf),
        "gr": med(t_gr),
    }


def profile_sovgame(k: int, games, top: int) -> str:
    solve_bimatrix(*games[0])
    prof = cProfile.Profile()
    prof.enable()
    for A, B in games:
        solve_bimatrix(A, B)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.strip_dirs()
    out.write(f"\n=== cProfile: sovgame solve_bimatrix, {len(games)} games {k}x{k}, by tottime ===\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("=== same, by cumulative time ===\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _header(args, baseline) -> str:
    return (
        f"{'suite':>7} {'size':>5} {'games':>5} {'degen':>5} {'missed':>6} {'invent':>6} "
        + ("{:>7} {:>7} {:>7} ".format("ref≠sov", "ref≠gbt", "degflag") if args.reference else "")
        + (f"{'b-miss':>6} {'b-inv':>6} " if baseline is not None else "")
        + f"{'sov ms':>9} "
        + (f"{'base ms':>9} {'sov/base':>8} " if baseline is not None else "")
        + f"{'nashpy ms':>9} {'(n)':>5} {'gbt-f ms':>9} {'gbt-q ms':>9} {'sov/nashpy':>10} {'sov/gbt-f':>9}"
    )


def _line(suite: str, r: dict, args, baseline) -> str:
    k = r["k"]
    return (
        f"{suite:>7} {f'{k}x{k}':>5} {r['games']:>5} {r['degenerate']:>5} {r['missed']:>6} {r['invented']:>6} "
        + (f"{r['ref_bad_sov']:>7} {r['ref_bad_gbt']:>7} {r['degen_flag_wrong']:>7} " if args.reference else "")
        + (f"{r['base_missed']:>6} {r['base_invented']:>6} " if baseline is not None else "")
        + f"{r['sov']:>9.3f} "
        + (f"{r['base']:>9.3f} {r['sov'] / r['base']:>8.3f} " if baseline is not None else "")
        + f"{r['np']:>9.3f} {r['np_timed']:>5} {r['gf']:>9.3f} {r['gr']:>9.3f} "
        f"{r['sov'] / r['np']:>10.3f} {r['sov'] / r['gf']:>9.3f}"
    )


def _legend(args, baseline) -> str:
    return (
        "columns: degen = games sovgame flags degenerate; missed/invent = equilibria in Gambit "
        "(exact) but not sovgame / in sovgame but not Gambit (both must be 0)"
        + (
            "; ref≠sov, ref≠gbt = games where the independent exact enumerator disagrees with "
            "sovgame / Gambit; degflag = games whose sovgame degenerate flag is wrong"
            if args.reference
            else ""
        )
        + (
            "; b-miss/b-inv, base ms = the same for the --baseline copy, timed interleaved with "
            "the current one; sov/base = their ratio of medians"
            if baseline is not None
            else ""
        )
        + "; times are medians per game; (n) = games timed for nashpy; gbt-f / gbt-q = Gambit "
        "enummixed float / rational (solve only, game construction not timed)."
    )


def versus_gambit(sizes: list[int], count: int, seed: int, budget: float) -> int:
    """Ours, the previous solver and Gambit's float enummixed, by size."""
    # long: one table, built row by row; splitting it would scatter the columns' meaning.
    import tracemalloc

    from sovgame.core.budget import work_limit
    from sovgame.solvers.pivoting import solve_two_player

    def cpu(fn, *args):
        start = time.process_time()
        value = fn(*args)
        return value, time.process_time() - start

    def peak_mb(fn, *args) -> float:
        tracemalloc.start()
        fn(*args)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak / 2**20

    print(
        f"all equilibria of one random k×k game (payoffs integers in [-5, 5], seed {seed}); median CPU ms per "
        f"game; previous = every square system, timed within {budget:g} s per size; pygambit {gbt.__version__}"
    )
    print(
        f"{'size':>5} {'games':>5} {'ours':>9} {'previous':>10} {'gambit':>9} {'ours/gbt':>8} {'prev/gbt':>8} "
        f"{'same':>6} {'ours MB':>8} {'prev MB':>8}"
    )
    differ = 0
    with work_limit(None):
        solve_two_player([[1, 0], [0, 1]], [[1, 0], [0, 1]])  # warm-up: imports
        for k in sizes:
            games = make_games("integer", k, count, seed)
            ours, previous, theirs, spent, same = [], [], [], 0.0, 0
            for A, B in games:
                mine, t = cpu(solve_two_player, A, B)
                ours.append(t)
                _, t = cpu(gbt.nash.enummixed_solve, gambit_game(A, B), False)
                theirs.append(t)
                if spent < budget:
                    before, t = cpu(solve_bimatrix, A, B)
                    spent += t
                    previous.append(t)
                    same += before == mine
            A, B = games[0]
            mine_mb = peak_mb(solve_two_player, A, B)
            prev_mb = peak_mb(solve_bimatrix, A, B) if previous else float("nan")
            differ += len(previous) - same
            m = statistics.median
            prev = f"{1e3 * m(previous):10.2f}" if previous else f"{'-':>10}"
            ratio_prev = f"{m(previous) / m(theirs):8.2f}" if previous else f"{'-':>8}"
            print(
                f"{k:>3}x{k:<1} {len(ours):>5} {1e3 * m(ours):9.2f} {prev} {1e3 * m(theirs):9.2f} "
                f"{m(ours) / m(theirs):8.2f} {ratio_prev} {same:>3}/{len(previous):<2} {mine_mb:8.1f} {prev_mb:8.1f}",
                flush=True,
            )
    return 1 if differ else 0


def versus_lrsnash(sizes: list[int], count: int, seed: int, baseline_source: Path | None, gambit_budget: float) -> int:
    """The table of all equilibria by size: ``sovgame.solve`` against Gambit and lrsnash.

    Per game, in an order that rotates from game to game so that each solver sees the same
    machine load (lrsnash last, see below): the CPU time (``time.process_time``) of ``sovgame.solve(game)`` (the game
    built beforehand, as Gambit's is), of Gambit's ``enummixed_solve(game, rational=False)``,
    of the lrsnash process (user + system, ``os.wait4``) and, with ``--baseline``, of the
    baseline copy's ``solve``. Gambit, slow past 10x10, is timed on the games of a size until
    ``gambit_budget`` seconds are spent (at least one), and its ratio is taken against
    sovgame's median on the same games ((g) says how many). lrsnash's start-up (its median on
    a 1x1 game) is subtracted from its times. Ratios are of the medians of one run. sovgame's
    equilibria are compared with lrsnash's exact output as sets; the count of games where they
    differ must be 0 (and with ``--baseline``, ours must equal the baseline's, in order).
    Returns 1 if any game differs.
    """
    # long: one table, built row by row; splitting it would scatter the columns' meaning.
    import lrsnash_reference as lrs
    from sovgame import bimatrix_game, solve
    from sovgame.core.budget import work_limit

    if lrs.LRSNASH is None:
        sys.exit("--versus-lrsnash needs lrsnash: apt-get install lrslib")
    base = None
    if baseline_source is not None:
        load_baseline(baseline_source)
        base = (
            importlib.import_module("sovgame_baseline.core.model").bimatrix_game,
            importlib.import_module("sovgame_baseline.solvers.equilibria").solve,
            importlib.import_module("sovgame_baseline.core.budget").work_limit,
        )

    def cpu(fn, *args):
        start = time.process_time()
        value = fn(*args)
        return value, time.process_time() - start

    def ours(A, B):
        game = bimatrix_game(A, B)
        with work_limit(None):
            return cpu(solve, game)

    def baseline(A, B):
        build, base_solve, base_limit = base
        game = build(A, B)
        with base_limit(None):
            return cpu(base_solve, game)

    def gambit(A, B):
        return cpu(gbt.nash.enummixed_solve, gambit_game(A, B), False)

    solvers = {"ours": ours, "gambit": gambit, "lrsnash": lrs.run, "baseline": baseline}
    startup = lrs.startup_seconds()
    print(
        f"all equilibria of k×k games, payoffs integers in [-5, 5] (seed {seed}, {count} per size); median CPU ms "
        f"per game, measured interleaved; pygambit {gbt.__version__}; lrsnash start-up {1e3 * startup:.2f} ms "
        "(subtracted)" + (f"; baseline {baseline_source}" if base else "")
    )
    print(
        f"{'size':>5} {'games':>5} {'sovgame':>9} {'gambit-f':>9} {'(g)':>3} {'lrsnash':>9} {'÷gambit':>8} "
        f"{'÷lrsnash':>8}"
        + (f" {'baseline':>9} {'÷base':>7} {'same':>5}" if base else "")
        + f" {'equilibria':>10} {'≠lrsnash':>8}"
    )
    differ = unlike_baseline = total_games = total_equilibria = 0
    ours([[1, 0], [0, 1]], [[1, 0], [0, 1]])  # warm-up: imports
    if base:
        baseline([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    for k in sizes:
        times: dict[str, list[float]] = {"ours": [], "gambit": [], "lrsnash": [], "baseline": []}
        equilibria = differ_here = same = 0
        by_gambit: list[int] = []  # the games Gambit was timed on
        for index, (A, B) in enumerate(make_games("integer", k, count, seed)):
            # The solvers in this process take turns at going first; lrsnash, a process of its
            # own that leaves the caches cold, always goes last, so each solver here follows
            # it equally often.
            runs = ["ours"] + (["baseline"] if base else [])
            if sum(times["gambit"]) < gambit_budget:
                runs.append("gambit")
                by_gambit.append(index)
            shift = index % len(runs)
            results = {}
            for name in runs[shift:] + runs[:shift] + ["lrsnash"]:
                results[name], seconds = solvers[name](A, B)
                times[name].append(seconds)
            mine = {tuple(e.strategies) for e in results["ours"].equilibria}
            equilibria += len(mine)
            differ_here += mine != results["lrsnash"]
            if base:
                same += [(e.strategies, e.payoffs, e.component) for e in results["ours"].equilibria] == [
                    (e.strategies, e.payoffs, e.component) for e in results["baseline"].equilibria
                ]
        m = statistics.median
        net = max(m(times["lrsnash"]) - startup, 0.0)
        gambit_ratio = m([times["ours"][i] for i in by_gambit]) / m(times["gambit"])
        print(
            f"{k:>3}x{k:<1} {count:>5} {1e3 * m(times['ours']):9.2f} {1e3 * m(times['gambit']):9.2f} "
            f"{len(by_gambit):>3} {1e3 * net:9.2f} {gambit_ratio:8.2f} "
            + (f"{m(times['ours']) / net:8.2f}" if net > 0 else f"{'-':>8}")
            + (
                f" {1e3 * m(times['baseline']):9.2f} {m(times['ours']) / m(times['baseline']):7.3f} {same:>2}/{count:<2}"
                if base
                else ""
            )
            + f" {equilibria:>10} {differ_here:>8}",
            flush=True,
        )
        differ += differ_here
        unlike_baseline += count - same if base else 0
        total_games += count
        total_equilibria += equilibria
    after = lrs.startup_seconds()
    print(
        f"games whose equilibria differ from lrsnash's: {differ} of {total_games} ({total_equilibria} equilibria); "
        f"lrsnash start-up after the run {1e3 * after:.2f} ms"
        + (f"; games unlike the baseline's: {unlike_baseline}" if base else "")
    )
    return 1 if differ or unlike_baseline else 0


def main(argv=None) -> int:
    # long: the command line, the table and the report of offending games, in order.
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=200, help="random games per size (200)")
    parser.add_argument("--seed", type=int, default=20240517, help="base seed (per suite and size)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 5, 6])
    parser.add_argument("--suites", nargs="+", choices=SUITES, default=list(SUITES))
    parser.add_argument(
        "--baseline", type=Path, help="also time the sovgame package found in this source directory (before/after)"
    )
    parser.add_argument(
        "--nashpy-limit",
        type=int,
        default=None,
        help="time nashpy on only the first N games of each size (default: all)",
    )
    parser.add_argument(
        "--no-reference", dest="reference", action="store_false", help="skip the slow independent exact enumerator"
    )
    parser.add_argument("--save", type=Path, help="write offending games to this JSON file")
    parser.add_argument("--profile", action="store_true", help="cProfile sovgame at the two largest sizes")
    parser.add_argument("--profile-top", type=int, default=25)
    parser.add_argument(
        "--versus-gambit",
        action="store_true",
        help="ours, the previous solver and Gambit's float enummixed by size (see the docstring)",
    )
    parser.add_argument("--row-sizes", type=int, nargs="+", default=list(range(2, 13)))
    parser.add_argument("--row-games", type=int, default=20, help="games per size with --versus-gambit (20)")
    parser.add_argument("--row-budget", type=float, default=60.0, help="seconds per size for the previous solver")
    parser.add_argument(
        "--versus-lrsnash",
        action="store_true",
        help="sovgame.solve against Gambit's float enummixed and lrsnash by size (see versus_lrsnash)",
    )
    parser.add_argument("--table-sizes", type=int, nargs="+", default=[2, 3, 4, 6, 8, 10, 12, 14])
    parser.add_argument("--table-games", type=int, default=20, help="games per size with --versus-lrsnash (20)")
    parser.add_argument(
        "--gambit-budget", type=float, default=60.0, help="seconds per size for Gambit with --versus-lrsnash (60)"
    )
    args = parser.parse_args(argv)
    if args.versus_lrsnash:
        return versus_lrsnash(args.table_sizes, args.table_games, args.seed, args.baseline, args.gambit_budget)
    if args.versus_gambit:
        return versus_gambit(args.row_sizes, args.row_games, args.seed, args.row_budget)

    baseline = load_baseline(args.baseline) if args.baseline else None
    digest = _source_digest()
    print(
        f"seed={args.seed} games/size={args.games} suites: {', '.join(args.suites)}; "
        f"pygambit {gbt.__version__}, nashpy {nashpy.__version__}, numpy {np.__version__}; "
        f"solver {_bimatrix.__file__} sha256:{digest}"
        + (f"; baseline {baseline.__file__}" if baseline is not None else "")
    )
    problems: list = []
    print(_header(args, baseline))
    rows = []
    for suite in args.suites:
        for k in args.sizes:
            r = run_size(k, make_games(suite, k, args.games, args.seed), args, problems, baseline)
            rows.append((suite, r))
            print(_line(suite, r, args, baseline), flush=True)
    print(_legend(args, baseline))
    extra = [f"{s} {r['k']}x{r['k']}: nashpy errors {r['np_errors']}" for s, r in rows if r["np_errors"]]
    extra += [f"{s} {r['k']}x{r['k']}: Gambit duplicate equilibria {r['gbt_dups']}" for s, r in rows if r["gbt_dups"]]
    for line in extra:
        print(line)
    print(f"\nmissed: {sum(r['missed'] for _, r in rows)}, invented: {sum(r['invented'] for _, r in rows)}")

    if problems:
        print(f"\n{len(problems)} offending game(s):")
        for p in problems:
            print("-" * 40)
            for key, value in p.items():
                print(f"  {key}: {json.dumps(value)}")
        if args.save:
            args.save.write_text(json.dumps(problems, indent=1))
            print(f"written to {args.save}")
    else:
        print(
            "no discrepancies: sovgame's extreme equilibria equal Gambit's on every game"
            + (" and the exact reference's, degenerate flag included" if args.reference else "")
        )

    if _source_digest() != digest:
        print(
            f"WARNING: {_bimatrix.__file__} changed during the run (now sha256:{_source_digest()}); "
            f"the results are for sha256:{digest}, the version imported at the start"
        )
    if args.profile:
        for k in sorted(args.sizes)[-2:]:
            print(profile_sovgame(k, make_games(args.suites[0], k, args.games, args.seed), args.profile_top))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
