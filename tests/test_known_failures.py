"""Hangs and crashes whose cause lies in the float stage of the solver or in the bracketing of
irrational breakpoints, recorded as strict expected failures: each names its cause, and
turns into an error (XPASS) the day that cause is fixed, so the marker is then removed.

Every number here is within sovgame's number limits (numerators and denominators of at most
100 digits), so these games are accepted as input.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from fractions import Fraction

import pytest

from sovgame.files.gamefile import bundled_dir
from sovgame.solvers.bimatrix import solve_bimatrix


def bundled_with(cell: str, player: int, value: str) -> str:
    """The bundled Pakistan-Afghanistan game with one payoff replaced."""
    text = (bundled_dir() / "pakistan_afghanistan.toml").read_text(encoding="utf-8")

    def replace(match: re.Match) -> str:
        values = [v.strip() for v in match.group(2).split(",")]
        values[player] = value
        return f'"{cell}"{match.group(1)}= [{", ".join(values)}]'

    return re.sub(r'"' + re.escape(cell) + r'"(\s*)= \[([^\]]*)\]', replace, text, count=1)


@pytest.mark.xfail(
    reason="core/intervals.py _bracket_surd: the risk-dominance root a ± √r is bracketed by stepping "
    "1e-12 at a time from a float estimate, which is off by far more than 1e-12 once payoffs reach "
    "about 1e10 (the root itself is near −1e16 here, irrelevant for κ ≥ 0)",
    strict=True,
)
@pytest.mark.parametrize("value", ["1e16", "1e99"])
def test_thresholds_of_a_2x2_game_with_a_large_payoff_answer(tmp_path, value):
    path = tmp_path / "large.toml"
    path.write_text(bundled_with("Restrain strikes|Constrain TTP", 0, value), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sovgame", "thresholds", str(path), "-f", "json"],
            capture_output=True,
            text=True,
            timeout=5,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("thresholds did not answer within 5 s")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["thresholds"]["nash"]["exact"]


#: Primes of about 30 digits: payoffs 1/p_i have no common denominator below about 10^120.
PRIMES = [
    1000000000000000000000000000057,
    1000000000000000000000000000099,
    1000000000000000000000000000211,
    1000000000000000000000000000217,
]


@pytest.mark.xfail(
    reason="solvers/bimatrix.py _Polytope: payoffs scaled to one common denominator become integers "
    "past 1e308, and M_int.astype(np.float64) raises OverflowError",
    strict=True,
    raises=OverflowError,
)
def test_payoffs_with_many_large_denominators_are_solved():
    A = [[Fraction(1, p**3) for p in PRIMES[:2]], [Fraction(1, p**3) for p in PRIMES[2:]]]
    B = [[1, 0], [Fraction(1, PRIMES[3] ** 3), 1]]
    assert solve_bimatrix(A, B).equilibria  # solve() pivots in integers: tests/solvers/test_pivoting.py


@pytest.mark.xfail(
    reason="solvers/bimatrix.py float_vertices: with payoffs scaled to one common denominator the "
    "float determinants overflow, and numpy's RuntimeWarnings leak to stderr (seen in robust, whose "
    "exact subsample turns sampled floats into fractions with 52-bit denominators)",
    strict=True,
    raises=RuntimeWarning,
)
def test_solving_payoffs_with_large_denominators_raises_no_float_warnings():
    values = [Fraction(k + 1, p) for k, p in enumerate(PRIMES * 4)]
    A = [values[0:4], values[4:8], values[8:12], values[12:16]]
    B = [list(reversed(row)) for row in A]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert solve_bimatrix(A, B).equilibria  # solve() pivots in integers: tests/solvers/test_pivoting.py
