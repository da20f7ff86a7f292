"""Benchmark and cross-check the exact n-player enumeration (``sovgame.solvers.nplayer``).

Suites of random games, ``--games`` per suite (default 20), seeded from ``--seed``:

* ``2x2x2``: integer payoffs uniform in [-99, 99] (generic in practice);
* ``2x2x2-degenerate``: payoffs 0, 1 or 2 (ties everywhere: continua, unused best replies);
* ``3x2x2``, ``3x3x2``, ``2x2x2x2``: payoffs in [-99, 99].

What it measures:

* correctness, against the independent enumeration of the tests
  (``tests/solvers/nplayer_reference.py``: every support's system in SymPy, no code shared):
  "missed" counts reference equilibria that sovgame neither lists nor has on a component;
  "invented" counts listed equilibria the reference does not have (and that are not rational
  equilibria by brute force); "families" counts sampled points of the reference's families of
  solutions that are not on a listed component. All must be 0. "incomplete" counts games whose
  enumeration says it is not complete. ``--no-reference`` skips this (the reference takes
  seconds per game; on 3x3x2 and 2x2x2x2 games up to minutes).
* speed: median and worst wall time per game of ``enumerate_equilibria`` (``time.perf_counter``;
  one untimed warm-up game first, which also imports FLINT). Goals: ≤ 50 ms per 2x2x2 game,
  ≤ 1 s for 3x3x2 and 2x2x2x2.
* with ``--versus-gambit``: per game, whether every equilibrium Gambit's ``enumpoly_solve``
  reports is among sovgame's (within 1e-6), and how many of sovgame's it misses.
* ``--algebra``: the time to import and to compute the Gröbner basis of one full-support
  system, python-flint against SymPy (the choice of the algebra library).

Run as ``python benchmarks/bench_nplayer.py [--games N] [--seed S] [--suites ...]``. Exits 1 if
any game disagrees with the reference.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

SUITES = {
    "2x2x2": ((2, 2, 2), -99, 99),
    "2x2x2-degenerate": ((2, 2, 2), 0, 2),
    "3x2x2": ((3, 2, 2), -99, 99),
    "3x3x2": ((3, 3, 2), -99, 99),
    "2x2x2x2": ((2, 2, 2, 2), -99, 99),
}


def random_game(rng: random.Random, shape: tuple[int, ...], low: int, high: int) -> np.ndarray:
    payoffs = np.empty(shape + (len(shape),), dtype=object)
    for index in np.ndindex(payoffs.shape):
        payoffs[index] = Fraction(rng.randint(low, high))
    return payoffs


def disagreements(payoffs: np.ndarray, found, rng: random.Random) -> tuple[int, int, int]:
    """(missed, invented, family points not covered) against the reference enumeration."""
    from solvers.nplayer_reference import brute_force_is_nash, close, family_samples, reference_equilibria

    reference = reference_equilibria(payoffs)
    missed = 0
    for point in reference.points:
        rational = all(x.is_Rational for s in point for x in s)
        exact = tuple(tuple(Fraction(int(x.p), int(x.q)) for x in s) for s in point) if rational else None
        if not any(close(p, point) for p in found.points) and not (
            exact is not None and any(c.contains(exact) for c in found.components)
        ):
            missed += 1
    invented = sum(
        1
        for profile in found.points
        if not any(close(profile, point) for point in reference.points)
        and not (all(isinstance(x, Fraction) for s in profile for x in s) and brute_force_is_nash(payoffs, profile))
    )
    uncovered = 0
    for family in reference.families:
        for sample in family_samples(payoffs, family, 4, rng):
            if not any(close(p, sample) for p in found.points) and not any(
                c.contains(sample) for c in found.components
            ):
                uncovered += 1
    return missed, invented, uncovered


def gambit_misses(payoffs: np.ndarray, found) -> tuple[int, int]:
    """(equilibria Gambit's enumpoly reports that sovgame lacks, sovgame's that Gambit lacks)."""
    import pygambit as gbt

    n = payoffs.shape[-1]
    arrays = [
        np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator), otypes=[object])(payoffs[..., i])
        for i in range(n)
    ]
    theirs = [
        [[float(p) for _, p in eq[player]] for player in eq.game.players]
        for eq in gbt.nash.enumpoly_solve(gbt.StrategicGame.from_arrays(*arrays)).equilibria
    ]

    def near(profile, floats) -> bool:
        return all(abs(float(a) - b) < 1e-6 for s, t in zip(profile, floats) for a, b in zip(s, t))

    ours_missing = sum(1 for t in theirs if not any(near(p, t) for p in found.points))
    theirs_missing = sum(1 for p in found.points if not any(near(p, t) for t in theirs))
    return ours_missing, theirs_missing


def run_suite(name: str, games: int, seed: int, reference: bool, gambit: bool) -> bool:
    from sovgame.solvers.nplayer import enumerate_equilibria

    shape, low, high = SUITES[name]
    rng = random.Random(f"{seed}-{name}")
    enumerate_equilibria(random_game(random.Random(0), shape, low, high))  # warm-up
    times, totals, incomplete, gambit_counts = [], [0, 0, 0], 0, [0, 0]
    for _ in range(games):
        payoffs = random_game(rng, shape, low, high)
        start = time.perf_counter()
        found = enumerate_equilibria(payoffs)
        times.append(time.perf_counter() - start)
        incomplete += not found.complete
        if reference:
            totals = [a + b for a, b in zip(totals, disagreements(payoffs, found, rng))]
        if gambit:
            gambit_counts = [a + b for a, b in zip(gambit_counts, gambit_misses(payoffs, found))]
    line = (
        f"{name:18} {games:3} games  median {statistics.median(times) * 1e3:7.1f} ms  "
        f"worst {max(times) * 1e3:7.1f} ms  incomplete {incomplete}"
    )
    if reference:
        line += f"  missed {totals[0]}  invented {totals[1]}  families {totals[2]}"
    if gambit:
        line += f"  Gambit's not ours {gambit_counts[0]}  ours not Gambit's {gambit_counts[1]}"
    print(line, flush=True)
    return not any(totals)


def algebra_comparison() -> None:
    """Import time and the Gröbner basis of one 2x2x2x2 full-support system, FLINT vs SymPy."""
    code = {"python-flint": "import flint", "sympy": "import sympy"}
    for library, statement in code.items():
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        print(
            f"import {library}: {(time.perf_counter() - start) * 1e3:.0f} ms (a fresh interpreter, start-up included)"
        )
    import flint
    import sympy

    from sovgame.solvers.supports import build_system, integer_payoffs

    payoffs = random_game(random.Random(1), (2, 2, 2, 2), -99, 99)
    system = build_system(integer_payoffs(payoffs), ((0, 1),) * 4)
    start = time.perf_counter()
    flint.fmpz_mpoly_vec(system.equations, system.ctx).buchberger_naive()
    print(f"Gröbner basis, python-flint: {(time.perf_counter() - start) * 1e3:.1f} ms")
    names = system.ctx.names()
    symbols = sympy.symbols(names)
    polys = [sympy.sympify(str(e).replace("^", "**"), locals=dict(zip(names, symbols))) for e in system.equations]
    start = time.perf_counter()
    sympy.groebner(polys, *symbols, order="grevlex")
    print(f"Gröbner basis, SymPy: {(time.perf_counter() - start) * 1e3:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--suites", nargs="+", choices=list(SUITES), default=list(SUITES))
    parser.add_argument("--no-reference", action="store_true", help="skip the independent enumeration")
    parser.add_argument("--versus-gambit", action="store_true", help="compare with Gambit's enumpoly")
    parser.add_argument("--algebra", action="store_true", help="time python-flint against SymPy")
    args = parser.parse_args()
    if args.algebra:
        algebra_comparison()
        return 0
    ok = True
    for name in args.suites:
        ok &= run_suite(name, args.games, args.seed, not args.no_reference, args.versus_gambit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
