"""The ``stability`` and ``qre`` claim tests on the case."""

from __future__ import annotations

from cases import CASE_TOML
from sovgame import parse_game
from support import claims_toml, graded, problems


def test_stability_claims():
    """At κ = 0 the case is a PD for both: compromise is SEQ-stable (each side's temptation is
    answered by the other's credible move to the status quo) and not Nash-stable; at κ = 1
    the status quo (Strike, Tolerate TTP) is Nash-stable (κ ≤ 4)."""
    case = parse_game(
        CASE_TOML
        + claims_toml(
            '{ kind = "stability", concept = "seq", expect = "stable", kappa = 0 }',
            '{ kind = "stability", concept = "nash", expect = "stable", kappa = 0 }',
            '{ kind = "stability", profile = "Strike|Tolerate TTP", concept = "nash", expect = "stable" }',
        )
    )
    seq, nash, status_quo = graded(case)
    assert seq.grade == "supported" and seq.tests[0].value == "stable"
    assert nash.grade == "not_supported" and "Pakistan, Afghanistan can improve" in nash.reason
    assert status_quo.grade == "supported"


def test_qre_claims():
    """At κ = 1 Pakistan's Strike is dominant and Kabul's best reply to it is to tolerate, so
    the branch moves from 1/4 (uniform play) towards 0: the largest probability of compromise
    along it is the 1/4 at λ = 0. At λ = 1 it is 0.3645 × 0.3886 ≈ 0.1417 (the logit equations
    of docs/models.md; tests/solvers/test_qre.py)."""
    case = parse_game(
        CASE_TOML
        + claims_toml(
            '{ kind = "qre", at_most = 0.25 }',
            '{ kind = "qre", at_most = 0.2, lambda = 1 }',
            '{ kind = "qre", at_least = 0.2, lambda = 1 }',
        )
    )
    every, at_one, at_least = graded(case)
    assert every.grade == "supported" and abs(every.tests[0].decimal - 0.25) < 1e-12
    assert at_one.grade == "supported" and abs(at_one.tests[0].decimal - 0.3645434197 * 0.3886038019) < 1e-9
    assert at_least.grade == "not_supported"


def test_malformed_lens_tests_are_problems_of_the_file():
    found = problems(
        CASE_TOML
        + claims_toml('{ kind = "stability", concept = "xyz", expect = "stable" }', '{ kind = "qre", at_most = 2 }')
    )
    assert any("concept" in p for p in found) and any("at_most" in p for p in found)
