"""Hangs and crashes found at the edges of the number limits. While its cause is open, each is
recorded as a strict expected failure that names the cause (it turns into an error, XPASS, the
day the cause is fixed, and the marker is then removed); once fixed, it stays as a regression
test. Fixed: a risk-dominance root bracketed by stepping from a float (a hang once payoffs
reach about 1e10; roots are now bracketed with integer square roots), and the two-player
solver's float stage overflowing or warning on payoffs with huge common denominators (payoffs
now enter it as correctly rounded int / top).

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

from sovgame import bimatrix_game, solve
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


def test_payoffs_with_many_large_denominators_are_solved():
    A = [[Fraction(1, p**3) for p in PRIMES[:2]], [Fraction(1, p**3) for p in PRIMES[2:]]]
    B = [[1, 0], [Fraction(1, PRIMES[3] ** 3), 1]]
    assert solve(bimatrix_game(A, B)).equilibria  # pivoting in integers
    assert solve_bimatrix(A, B).equilibria  # every square system, floats proposing


def test_solving_payoffs_with_large_denominators_raises_no_float_warnings():
    values = [Fraction(k + 1, p) for k, p in enumerate(PRIMES * 4)]
    A = [values[0:4], values[4:8], values[8:12], values[12:16]]
    B = [list(reversed(row)) for row in A]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert solve(bimatrix_game(A, B)).equilibria  # pivoting in integers
    assert solve_bimatrix(A, B).equilibria  # every square system, floats proposing
