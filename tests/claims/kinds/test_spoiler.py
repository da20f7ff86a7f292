"""The ``spoiler`` claim test: one attack against the critical belief, and the spoiler's best reply;
each can come out either way."""

from __future__ import annotations

from sovgame import load_game
from support import claims_toml, extending, graded


def test_spoiler_claims(tmp_path):
    """At κ = 2 one attack moves P(ally) from 2/5 to 2/3, past the critical 1/2, and the TTP
    gains 2 > 1/2 from ending compromise: both supported. With the attack cost at 2 (the
    gain), attacking no longer pays: not supported. At κ = 1 compromise does not hold before
    any attack: not supported."""
    case = extending(
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
        extending(
            tmp_path,
            "pakistan_afghanistan_types",
            '{ kind = "spoiler", expect = "single_attack_ends_compromise", kappa = 2 }',
        )
    )
    assert result.grade == "not_testable" and "[spoiler]" in result.reason
