"""Robustness with the ordering free: payoffs drawn within [payoff_ranges], shares by hand."""

from __future__ import annotations

import json

import pytest

from cases import CASE_TOML
from sovgame import load_game, parse_game
from sovgame.costs.verdicts import Verdict
from sovgame.errors import SovgameError
from sovgame.findings.free_order import free_order
from support import invoke, only_problem, problems

#: Pakistan's temptation T at (Strike, Constrain TTP) drawn from [5/2, 9/2], all else fixed.
ONE_RANGE = CASE_TOML + '\n[payoff_ranges.cells]\n"Strike|Constrain TTP" = [[2.5, 4.5], [1, 1]]\n'


def test_one_free_payoff_gives_the_shares_derived_by_hand():
    """κ_NE = max((T − 3)/(3/4), 2/3) (Afghanistan's own 2/3 fixed): holds today iff
    (T − 3)/(3/4) ≤ 1 ⇔ T ≤ 15/4, reachable iff 15/4 < T ≤ 9/2 (κ ≤ 2), never beyond. With T
    uniform on [5/2, 9/2]: P(holds today) = (15/4 − 5/2)/2 = 5/8, P(reachable) = 3/8. T enters
    neither the status quo's exit (Pakistan leaving (Strike, Tolerate) compares S and P) nor
    the only-equilibrium threshold 4, so both stay beyond in every draw. Pakistan's ordering
    T > R > P > S is kept iff T > 3: 3/4. With 10,000 draws one standard error is below 0.005."""
    result = free_order(parse_game(ONE_RANGE, "case.toml"), 10_000, seed=3)
    assert result.ranged_cells == 1
    assert result.shares["nash"]["holds_today"] == pytest.approx(5 / 8, abs=0.02)
    assert result.shares["nash"]["reachable"] == pytest.approx(3 / 8, abs=0.02)
    assert result.agreement["nash"] == result.shares["nash"]["reachable"]
    assert result.shares["exit"] == {"beyond": 1.0} and result.shares["unique"] == {"beyond": 1.0}
    assert result.file_verdicts == {"exit": Verdict.BEYOND, "nash": Verdict.REACHABLE, "unique": Verdict.BEYOND}
    assert result.ordering_kept == pytest.approx(3 / 4, abs=0.02)
    again = free_order(parse_game(ONE_RANGE, "case.toml"), 10_000, seed=3)  # the same seed, the same draws
    assert (again.shares, again.ordering_kept) == (result.shares, result.ordering_kept)


def test_the_case_draws_every_cell_and_the_command_says_how_often_each_verdict_comes_out(runner):
    result = invoke(runner, "robust", "pakistan_afghanistan", "--free-order", "-n", "2000", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ranged_payoffs"] == 8 and data["samples"] == 2000
    assert data["file_verdicts"] == {"exit": "beyond", "nash": "reachable", "unique": "beyond"}
    for subject in ("exit", "nash", "unique"):
        assert sum(data["shares"][subject].values()) == pytest.approx(1.0)
        assert data["agreement"][subject] == data["shares"][subject].get(data["file_verdicts"][subject], 0.0)


def test_without_ranges_or_with_a_range_missing_the_payoff_it_is_refused():
    with pytest.raises(SovgameError, match="declares no \\[payoff_ranges\\]"):
        free_order(load_game("prisoners_dilemma"))
    text = CASE_TOML + '\n[payoff_ranges.cells]\n"Strike|Constrain TTP" = [[2.5, 3.5], [1, 1]]\n'
    with pytest.raises(SovgameError, match='payoff_ranges.cells."Strike\\|Constrain TTP"\\[0\\]: .* does not hold'):
        free_order(parse_game(text, "case.toml"))


def test_payoff_range_problems_name_their_keys():
    text = CASE_TOML + '\n[payoff_ranges.cells]\n"Strike|Constrain TTP" = [[3, 2], [1, 1]]\n'
    assert only_problem(text) == 'payoff_ranges.cells."Strike|Constrain TTP"[0]: [3, 2]: lo must be <= hi'
    text = CASE_TOML + '\n[payoff_ranges.cells]\n"Strike|Constrain TTP" = [[3, 4]]\n'
    assert only_problem(text).startswith(
        'payoff_ranges.cells."Strike|Constrain TTP": must be a list of 2 [lo, hi] pairs'
    )
    assert any("did you mean 'cells'" in p for p in problems(CASE_TOML + "\n[payoff_ranges]\ncell = 1\n"))
