"""The ``spoiler``, ``bargaining`` and ``signals`` claim tests: each can come out either way,
and each grade is checked against a hand derivation."""

from __future__ import annotations

from cases import CASE_TOML
from sovgame import load_game
from support import claims_toml, graded, problems


def with_claims(tmp_path, base: str, *tests: str):
    path = tmp_path / "claims.toml"
    path.write_text(f'extends = "{base}"\n' + claims_toml(*tests), encoding="utf-8")
    return load_game(str(path))


def test_spoiler_claims(tmp_path):
    """At κ = 2 one attack moves P(ally) from 2/5 to 2/3, past the critical 1/2, and the TTP
    gains 2 > 1/2 from ending compromise: both supported. With the attack cost at 2 (the
    gain), attacking no longer pays: not supported. At κ = 1 compromise does not hold before
    any attack: not supported."""
    case = with_claims(
        tmp_path,
        "pakistan_afghanistan_ttp",
        '{ kind = "spoiler", expect = "single_attack_ends_compromise", kappa = 2 }',
        '{ kind = "spoiler", expect = "incentive_to_attack", kappa = 2 }',
        '{ kind = "spoiler", expect = "single_attack_ends_compromise" }',
    )
    ends, attacks, today = graded(case)
    assert ends.grade == "supported" and "2/3" in ends.tests[0].value
    assert attacks.grade == "supported"
    assert today.grade == "not_supported" and "no compromise to end" in today.reason
    (path := tmp_path / "dear.toml").write_text(
        'extends = "pakistan_afghanistan_ttp"\n[spoiler]\nattack_cost = 2\n'
        + claims_toml('{ kind = "spoiler", expect = "incentive_to_attack", kappa = 2 }'),
        encoding="utf-8",
    )
    (dear,) = graded(load_game(str(path)))
    assert dear.grade == "not_supported" and "costs at least" in dear.reason


def test_spoiler_claim_without_a_spoiler_is_not_testable(tmp_path):
    (result,) = graded(
        with_claims(
            tmp_path,
            "pakistan_afghanistan_types",
            '{ kind = "spoiler", expect = "single_attack_ends_compromise", kappa = 2 }',
        )
    )
    assert result.grade == "not_testable" and "[spoiler]" in result.reason


def test_bargaining_claims(tmp_path):
    """Normal form at κ = 1: a range (17/4 > 0) and Pakistan gains 1/4 by reneging: the
    failure is one of commitment, and a middle ground exists. The TTP file's [bargaining]:
    Pakistan's decline from 3/5 to 2/5 is not covered (5 > 37/10): commitment; its range
    [1/2, 4/5] is not empty: a middle ground."""
    case = with_claims(
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
    case = with_claims(
        tmp_path,
        "deadlock",
        '{ kind = "bargaining", expect = "no_middle_ground" }',
        '{ kind = "bargaining", expect = "commitment_failure" }',
        '{ kind = "bargaining", expect = "commitment_failure", model = "section" }',
    )
    middle, commitment, section = graded(case)
    assert middle.grade == "supported" and commitment.grade == "not_supported"
    assert section.grade == "not_testable"


def test_signals_claims(tmp_path):
    """At κ = 1 no signal separates: supported. At κ = 2 signals costing 2 to 4 do: not
    supported, unless Kabul can afford less than 2."""
    case = with_claims(
        tmp_path,
        "pakistan_afghanistan_types",
        '{ kind = "signals", expect = "no_affordable_signal" }',
        '{ kind = "signals", expect = "no_affordable_signal", kappa = 2 }',
        '{ kind = "signals", expect = "no_affordable_signal", kappa = 2, afford = 1.5 }',
    )
    today, doubled, poor = graded(case)
    assert today.grade == "supported"
    assert doubled.grade == "not_supported" and doubled.tests[0].value == "[2, 4]"
    assert poor.grade == "supported"


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
