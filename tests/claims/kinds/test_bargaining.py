"""The ``bargaining`` claim test: no middle ground, and a failure of commitment, from the
normal form and from ``[bargaining]``."""

from __future__ import annotations

from cases import CASE_TOML
from support import claims_toml, extending, graded, problems


def test_bargaining_claims(tmp_path):
    """Normal form at κ = 1: a range (17/4 > 0) and Pakistan gains 1/4 by reneging: the
    failure is one of commitment, and a middle ground exists. The TTP file's [bargaining]:
    Pakistan's decline from 3/5 to 2/5 is not covered (5 > 37/10): commitment; its range
    [1/2, 4/5] is not empty: a middle ground."""
    case = extending(
        tmp_path,
        "pakistan_afghanistan_ttp",
        '{ kind = "bargaining", expect = "commitment_failure", model = "normal_form" }',
        '{ kind = "bargaining", expect = "no_middle_ground", model = "normal_form" }',
        '{ kind = "bargaining", expect = "commitment_failure" }',
        '{ kind = "bargaining", expect = "no_middle_ground" }',
    )
    normal_commitment, normal_middle, section_commitment, section_middle = graded(case)
    assert normal_commitment.grade == "supported" and normal_middle.grade == "not_supported"
    assert section_commitment.grade == "supported" and section_middle.grade == "not_supported"


def test_bargaining_claim_on_deadlock_today(tmp_path):
    """Deadlock at κ = 1: gains κ − 1 = 0 each, no range: no middle ground, and no failure of
    commitment."""
    case = extending(
        tmp_path,
        "deadlock",
        '{ kind = "bargaining", expect = "no_middle_ground" }',
        '{ kind = "bargaining", expect = "commitment_failure" }',
        '{ kind = "bargaining", expect = "commitment_failure", model = "section" }',
    )
    middle, commitment, section = graded(case)
    assert middle.grade == "supported" and commitment.grade == "not_supported"
    assert section.grade == "not_testable"


def test_malformed_tests_are_problems_of_the_file():
    found = problems(
        CASE_TOML
        + claims_toml(
            '{ kind = "spoiler", expect = "one_attack" }',
            '{ kind = "bargaining", expect = "no_middle_ground", model = "matrix" }',
            '{ kind = "signals", expect = "no_affordable_signal", afford = -1 }',
        )
    )
    assert any(p.startswith("claims[0].test.expect: 'one_attack' is not one of") for p in found)
    assert any(p.startswith("claims[1].test.model: 'matrix' is not one of") for p in found)
    assert any(p.startswith("claims[2].test.afford: is -1; it must be >= 0") for p in found)
