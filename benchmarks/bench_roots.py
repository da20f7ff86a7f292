"""Time exact real-root isolators on the polynomials sovgame meets and on hard cases.

Three isolators, each asked for every distinct real root of a polynomial with rational
coefficients, rational roots exactly and the others in certified isolating intervals:

- ``core``: :func:`sovgame.core.roots.real_roots` (Descartes' rule of signs and bisection in
  integers, rational roots by the denominator bound), the engine sovgame uses;
- ``sturm``: the Sturm-sequence isolator over the rationals that the sensitivity analysis used
  before, read from git at ``--sturm-commit`` (``src/sovgame/sensitivity/polynomials.py``);
- ``flint``: python-flint, when installed: squarefree factors, rational roots by
  ``fmpq_poly.roots`` and the real ones among ``fmpz_poly.complex_roots`` (FLINT's certified
  isolation: disjoint balls with one root each, real roots with an exactly zero imaginary
  part), turned into :class:`~sovgame.core.roots.Root` intervals. Its import time is measured
  in fresh interpreters and counted against it.

Before timing, every answer is checked against ``core``'s exactly: the same number of roots,
the same rational ones, and each irrational one equal (:func:`sovgame.core.roots.compare`).

Families: ``risk`` the risk-dominance quadratics H(κ) of random 2x2 games with costs;
``support`` the support polynomials of random 3x3 and 4x4 games with costs and of the bundled
3x3 game; ``sensitivity`` every polynomial in p the one-number sensitivity of five bundled games
solves (recorded as it runs); ``double`` repeated roots; ``close`` roots 1e-12 apart (rational
and irrational); ``huge`` coefficients about 10^30; ``mignotte`` x^d − 2(ax − 1)², d = 8..12
(two roots about a^(−d/2−1) apart); ``clusters`` degree 8..12 with roots 1e-9 apart. Usage:

    python benchmarks/bench_roots.py [--repeat N] [--sturm-commit 5c17010] [--seed 1]
"""

from __future__ import annotations

import argparse
import itertools
import random
import subprocess
import sys
import time
import types
from collections.abc import Callable
from fractions import Fraction
from functools import cmp_to_key
from pathlib import Path

from sovgame import load_game
from sovgame.core.model import Game
from sovgame.core.roots import Root, compare, primitive, real_roots
from sovgame.costs.support_polynomials import IntegerGame, support_polynomials

ROOT = Path(__file__).resolve().parents[1]
F = Fraction
Poly = list[Fraction]
Engine = Callable[[Poly], list]
#: The families sovgame meets; the others are hard cases.
SOVGAME_FAMILIES = ("risk", "support", "sensitivity")


# --- the isolators ------------------------------------------------------------------------------


def sturm_engine(commit: str) -> Engine:
    """The Sturm-sequence ``real_roots`` of ``commit``, its irrational roots as Roots."""
    source = subprocess.run(
        ["git", "show", f"{commit}:src/sovgame/sensitivity/polynomials.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("sovgame.sensitivity.sturm_isolator")
    module.__package__ = "sovgame.sensitivity"  # its relative imports reach today's core
    sys.modules[module.__name__] = module  # its dataclasses look their module up
    exec(compile(source, f"{commit}:sensitivity/polynomials.py", "exec"), module.__dict__)

    def run(poly: Poly) -> list:
        return module.real_roots(poly)

    return run


def as_root(x):
    """A Sturm bracket (rational polynomial) as a Root (the same number); rationals as they are."""
    if isinstance(x, Fraction | Root):
        return x
    return Root(primitive(x.poly), x.lo, x.hi)


def flint_engine(flint) -> Engine:
    """Every real root by python-flint (module docstring)."""

    def dyadic(ball_end) -> Fraction:
        mantissa, exponent = (int(v) for v in ball_end.man_exp())
        return F(mantissa) * F(2) ** exponent

    def run(poly: Poly) -> list:
        f = flint.fmpz_poly(list(primitive(poly)))
        found: list = []
        if f.degree() < 1:
            return found
        for g, _ in f.factor_squarefree()[1]:
            rational = [F(int(r.p), int(r.q)) for r, _ in flint.fmpq_poly(g).roots()]
            for r in rational:
                g = g // flint.fmpz_poly([-r.numerator, r.denominator])
            found += rational
            if g.degree() >= 2:
                coefficients = tuple(int(c) for c in g.coeffs())
                for z, _ in g.complex_roots():
                    if z.imag.is_zero():
                        found.append(Root(coefficients, dyadic(z.real.lower()), dyadic(z.real.upper())))
        return sorted(found, key=cmp_to_key(compare))

    return run


def flint_import_seconds(runs: int = 7) -> float | None:
    """The shortest time of ``import flint`` over fresh interpreters (None: not installed)."""
    code = "import time; t = time.perf_counter(); import flint; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if done.returncode != 0:
            return None
        times.append(float(done.stdout))
    return min(times)


# --- the polynomials ----------------------------------------------------------------------------


def risk_quadratics(rng: random.Random, count: int) -> list[Poly]:
    """H(κ) = (R1−T1+κa1)(R2−T2+κa2) − (P1−S1+κb1)(P2−S2+κb2) of random 2x2 games, payoffs in
    [−4, 4] and cost differences in [0, 2] (the losses of leaving each equilibrium)."""
    out = []
    while len(out) < count:
        t1, t2, p1, p2 = (rng.randint(-4, 4) for _ in range(4))
        a1, a2, b1, b2 = (rng.randint(0, 2) for _ in range(4))
        poly = [F(t1 * t2 - p1 * p2), F(t1 * a2 + a1 * t2 - p1 * b2 - b1 * p2), F(a1 * a2 - b1 * b2)]
        if poly[2] != 0:
            out.append(poly)
    return out


def random_costed_game(rng: random.Random, m: int, n: int) -> Game:
    """Payoffs in [−4, 4]; an own_confront and an any_conflict cost with weights in {0, 1/2, 1, 2}."""
    A = [[rng.randint(-4, 4) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(-4, 4) for _ in range(n)] for _ in range(m)]
    weights = ["0", "1/2", "1", "2"]
    costs = [
        {"name": "own", "incidence": "own_confront", "weights": [rng.choice(weights), rng.choice(weights)]},
        {"name": "any", "incidence": "any_conflict", "weights": [rng.choice(weights), rng.choice(weights)]},
    ]
    return Game.from_arrays(A, B, compromise=["r1", "c1"], costs=costs)


def support_family(rng: random.Random, games: int) -> list[Poly]:
    """The support polynomials (non-constant) of every support pair of random 3x3 and 4x4
    games and of the bundled 3x3 game."""
    found: dict[tuple, Poly] = {}
    chosen = [load_game("pakistan_afghanistan_escalation")]
    chosen += [random_costed_game(rng, k, k) for k in (3, 4) for _ in range(games)]
    for game in chosen:
        ints = IntegerGame(game, None)
        m, n = game.shape
        for k in range(2, min(m, n) + 1):
            for I, J in itertools.product(itertools.combinations(range(m), k), itertools.combinations(range(n), k)):
                for poly in support_polynomials(ints, 0, I, J) + support_polynomials(ints, 1, J, I):
                    key = primitive(poly)
                    if len(key) >= 2:
                        found.setdefault(key, poly)
    return list(found.values())


def sensitivity_family() -> list[Poly]:
    """Every polynomial the one-number sensitivity of five bundled games hands to the root
    engine, recorded as it runs (each once)."""
    from sovgame.sensitivity import tracks, unique_tracks
    from sovgame.sensitivity.one_number import sensitivity

    found: dict[tuple, Poly] = {}

    def recording(poly, lo=None, hi=None):
        found.setdefault(primitive(poly), list(poly))
        return real_roots(poly, lo, hi)

    saved = tracks.real_roots, unique_tracks.real_roots
    tracks.real_roots = unique_tracks.real_roots = recording
    try:
        for name in ("pakistan_afghanistan", "pakistan_afghanistan_escalation", "stag_hunt", "chicken", "deadlock"):
            sensitivity(load_game(name))
    finally:
        tracks.real_roots, unique_tracks.real_roots = saved
    return [p for key, p in found.items() if len(key) >= 2]


def times(*polys: Poly) -> Poly:
    out = [F(1)]
    for p in polys:
        product = [F(0)] * (len(out) + len(p) - 1)
        for i, a in enumerate(out):
            for j, b in enumerate(p):
                product[i + j] += a * b
        out = product
    return out


def hard_families(rng: random.Random) -> dict[str, list[Poly]]:
    """The hard cases of the module docstring."""
    quadratic = lambda: [F(rng.randint(-9, 9)), F(rng.randint(-9, 9)), F(1)]  # noqa: E731
    double = [times(q, q, [F(rng.randint(-9, 9)), F(0), F(0), F(1)]) for q in (quadratic() for _ in range(40))]
    tiny = F(1, 10**12)
    close = []
    for _ in range(20):
        r, s = F(rng.randint(1, 99), rng.randint(1, 99)), F(rng.randint(2, 50))
        close.append(times([-r, F(1)], [-r - tiny, F(1)], [-s, F(0), F(1)], [-s - tiny, F(0), F(1)]))
    huge = [[F(rng.randint(-(10**30), 10**30)) for _ in range(5)] for _ in range(40)]
    mignotte = []
    for d, a in itertools.product((8, 10, 12), (10, 100)):
        poly = [F(0)] * (d + 1)
        poly[d] = F(1)
        for i, c in enumerate(times([F(-1), F(a)], [F(-1), F(a)])):
            poly[i] -= 2 * c
        mignotte.append(poly)
    clusters = []
    for d in (8, 10, 12):
        for _ in range(3):
            centre = F(rng.randint(1, 20), rng.randint(1, 7))
            factors = [[-(centre + k * F(1, 10**9)), F(1)] for k in range(d // 2)]
            factors += [[-(centre * centre + k * F(1, 10**9)), F(0), F(1)] for k in range(d // 4)]
            clusters.append(times(*factors))
    return {"double": double, "close": close, "huge": huge, "mignotte": mignotte, "clusters": clusters}


# --- checks and timing --------------------------------------------------------------------------


def same_roots(ours: list, theirs: list) -> bool:
    """The same distinct real roots, exactly."""
    theirs = [as_root(x) for x in theirs]
    if len(ours) != len(theirs):
        return False
    for a, b in zip(ours, theirs):
        if isinstance(a, Fraction) != isinstance(b, Fraction) or compare(a, b) != 0:
            return False
    return True


def timed(engine: Engine, polys: list[Poly], repeat: int) -> float:
    """CPU seconds per polynomial: the fastest of ``repeat`` passes over the family (CPU time
    and the fastest pass, so that other work on a shared machine counts least)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for p in polys:
            engine(p)
        best = min(best, time.process_time() - start)
    return best / len(polys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes per family; the fastest counts")
    parser.add_argument("--sturm-commit", default="5c17010", help="where the Sturm isolator is read from")
    parser.add_argument("--games", type=int, default=3, help="random games per size for the support family")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    families = {
        "risk": risk_quadratics(rng, 300),
        "support": support_family(rng, options.games),
        "sensitivity": sensitivity_family(),
        **hard_families(rng),
    }
    engines: dict[str, Engine] = {"core": real_roots, "sturm": sturm_engine(options.sturm_commit)}
    flint_import = flint_import_seconds()
    if flint_import is not None:
        import flint

        engines["flint"] = flint_engine(flint)
    print(f"exact real-root isolators, CPU µs per polynomial (fastest of {options.repeat} passes)")
    print(f"{'family':12} {'polys':>6} {'max deg':>8} " + " ".join(f"{name:>10}" for name in engines) + "  agree")
    totals = {group: dict.fromkeys(engines, 0.0) for group in ("sovgame", "hard")}
    for family, polys in families.items():
        answers = [real_roots(p) for p in polys]
        agree = all(same_roots(a, engine(p)) for engine in engines.values() for a, p in zip(answers, polys))
        row = {name: timed(engine, polys, options.repeat) for name, engine in engines.items()}
        group = totals["sovgame" if family in SOVGAME_FAMILIES else "hard"]
        for name, seconds in row.items():
            group[name] += seconds * len(polys)
        degree = max(len(p) - 1 for p in polys)
        cells = " ".join(f"{1e6 * row[name]:10.1f}" for name in engines)
        print(f"{family:12} {len(polys):6d} {degree:8d} {cells}  {'yes' if agree else 'NO'}")
    for group, spent in totals.items():
        print(f"{'total ms, ' + group:29}" + " ".join(f"{1e3 * spent[name]:10.1f}" for name in engines))
    if flint_import is None:
        print("python-flint is not installed: not measured")
        return
    ours = totals["sovgame"]
    count = sum(len(families[f]) for f in SOVGAME_FAMILIES)
    saved = (ours["core"] - ours["flint"]) / count
    print(f"import flint: {1e3 * flint_import:.1f} ms in a fresh interpreter (fastest of 7).")
    if saved > 0:
        print(
            f"On sovgame's polynomials flint saves {1e6 * saved:.1f} µs each, so its import pays off only in a "
            f"process that solves more than {flint_import / saved:,.0f} of them (the sensitivity of five "
            f"bundled games solves {len(families['sensitivity'])} distinct ones)."
        )
    else:
        print("On sovgame's polynomials flint saves nothing, so its import never pays off.")


if __name__ == "__main__":
    main()
