"""The bottom line of analyze and report, and the quick robustness run behind it."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from sovgame import load_game
from sovgame.costs.status_quo_exit import status_quo_exit
from sovgame.costs.verdicts import Verdict
from sovgame.findings.analysis import analyze
from sovgame.findings.bottom_line import MOST_LINES, bottom_line
from sovgame.findings.quick_check import QUICK_SAMPLES, QUICK_SEED, VERDICT_CODES, exit_samples, quick_check
from sovgame.robustness.plan import plan_sampling
from sovgame.robustness.runner import robust
from sovgame.robustness.sampling import chunk_generator, draw_samples, exact_sample_game
from strategies import two_by_two
from support import invoke


@pytest.fixture(scope="module")
def case_analysis():
    return analyze(load_game("pakistan_afghanistan"))


def test_the_case_bottom_line_states_every_headline_number(case_analysis):
    """Today only (Strike, Tolerate TTP); the status quo holds up to κ = 4 (Pakistan leaving it
    gains −1 + κ/4), beyond the top 2; compromise from κ = max(1/(3/4), 1/(3/2)) = 4/3,
    reachable, Pakistan binding (Afghanistan alone 2/3); only equilibrium above 4, beyond; both
    readings change a verdict; 2 supported, 3 partly, 1 not."""
    lines = bottom_line(case_analysis)
    assert len(lines) <= MOST_LINES
    text = "\n".join(lines)
    assert "the only equilibrium is (Strike, Tolerate TTP)" in lines[0]
    assert "stops being an equilibrium above κ = 4: BEYOND; Pakistan ends it" in lines[1]
    assert "equilibrium from κ = 4/3: REACHABLE; Pakistan binds (Afghanistan 2/3 alone)" in lines[2]
    assert "only equilibrium above κ = 4: BEYOND" in lines[3]
    assert f"{QUICK_SAMPLES:,} seeded draws" in text
    assert "conditional strikes (entry from κ = 2/3: HOLDS TODAY)" in text
    assert "deadlock (entry from κ = 8/3: BEYOND)" in text
    assert "Claims (6): 4 supported; 1 not supported; 1 not testable with this file." in lines
    assert "today's κ in [0, 2]" in text and "weights: 3 of 3 costs ranged" in text


def test_the_robust_shares_are_those_of_a_robust_run_with_the_same_seed(case_analysis):
    """The agreement printed is robust's own share for the same samples and seed, as a whole
    percentage; the exit share counts the exit verdicts of the very same draws."""
    quick = case_analysis.quick
    assert quick is not None and (quick.samples, quick.seed) == (QUICK_SAMPLES, QUICK_SEED)
    same = robust(case_analysis.case, QUICK_SAMPLES, QUICK_SEED, unique_subsample=0)
    assert quick.agreement["nash"] == same.criteria["nash"].agreement
    line = next(x for x in bottom_line(case_analysis) if x.startswith("Robust check"))
    assert f"{100 * same.criteria['nash'].agreement:.0f}% (entry)" in line
    assert f"{100 * quick.agreement['exit']:.0f}% (exit)" in line


def test_exit_samples_agree_with_the_exact_exit_of_each_sampled_game():
    """Per sample, the vectorised exit κ and verdict against status_quo_exit on that sample's
    game in fractions (exact_sample_game): the first 60 draws of the case's quick run."""
    case = load_game("pakistan_afghanistan")
    plan = plan_sampling(case, unique_subsample=0)
    found = exit_samples(plan, 60, QUICK_SEED)
    assert found is not None
    values, codes = found
    U, W = draw_samples(plan, chunk_generator(QUICK_SEED, 0), 60)
    for k in range(60):
        exact = status_quo_exit(exact_sample_game(plan, U[k], W[k]))
        assert exact is not None
        if exact.value is None:
            assert np.isinf(values[k])
        else:
            assert values[k] == pytest.approx(float(exact.value), rel=1e-9, abs=1e-12)
        assert codes[k] == VERDICT_CODES[exact.verdict]


def test_a_game_with_nothing_uncertain_says_none_declared():
    """A cardinal Prisoner's Dilemma without weight ranges: every draw is the file's game, so the
    bottom line says no uncertainty is declared instead of a spread."""
    result = analyze(two_by_two([(3, 3), (0, 5), (5, 0), (1, 1)], "own_confront"))
    lines = bottom_line(result)
    assert result.quick is not None and not result.quick.uncertain
    assert any("uncertainty: none declared" in line for line in lines)
    assert any("the file declares nothing uncertain" in line for line in lines)


def test_quick_check_is_reproducible():
    case = load_game("pakistan_afghanistan")
    assert quick_check(case) == quick_check(case)
    assert Verdict.BEYOND in VERDICT_CODES


def test_analyze_opens_with_the_bottom_line_within_30_lines_at_100_columns(runner, monkeypatch):
    """What an analyst sees first: the thresholds (4/3 and 4) and the robust share, at 100 columns."""
    monkeypatch.setenv("COLUMNS", "100")
    result = invoke(runner, "analyze", "pakistan_afghanistan")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[:30]
    text = "\n".join(first)
    assert first[1] == "Bottom line"
    assert "κ = 4/3" in text and "κ = 4:" in text
    assert re.search(r"Robust check \(2,000 seeded draws\): the file.s verdict in \d+% \(exit\)", text)
    # The whole bottom line fits in 12 printed lines.
    end = next(k for k, line in enumerate(result.stdout.splitlines()) if line == "Payoffs")
    assert end - 2 <= MOST_LINES + 1  # the title, the heading, then at most 12 lines and a blank


def test_analyze_and_claims_json_carry_the_bottom_line_and_readings(runner):
    data = json.loads(invoke(runner, "analyze", "pakistan_afghanistan", "-f", "json").stdout)
    assert data["bottom_line"][0].startswith("At today's costs")
    assert data["status_quo_exit"]["exact"] == "4" and data["status_quo_exit"]["verdict"] == "beyond"
    assert data["quick_check"]["samples"] == QUICK_SAMPLES and data["quick_check_left_out"] is None
    assert data["readings"]["changing"] == ["conditional strikes", "deadlock"]
    (conditional,) = [r for r in data["readings"]["readings"] if r["name"] == "conditional strikes"]
    assert conditional["payoffs"] == {"Strike|Constrain TTP": ["5/2", "1"]}
    assert conditional["compromise_entry"]["exact"] == "2/3"
    claims = json.loads(invoke(runner, "claims", "pakistan_afghanistan", "-f", "json").stdout)
    assert claims["readings"]["stated"]["claims"]["ideology"] == "not_testable"


def test_a_game_without_costs_or_compromise_still_opens_with_its_equilibria():
    """Matching pennies: no pure equilibrium, the mixed one (1/2, 1/2) for both, the same at every
    κ since no cost is stated; no compromise strategy, so no threshold and no robust run."""
    result = analyze(load_game("matching_pennies"))
    lines = bottom_line(result)
    assert lines[0].startswith("With no costs, at every κ, the only equilibrium is mixed")
    assert lines[1] == "No player names a compromise strategy, so there is no threshold to state."
    assert result.quick is None and result.status_quo is None
