"""The ``scenario`` claim test: another file moves a threshold or the equilibria at κ."""

from __future__ import annotations

from sovgame import load_game
from strategies import two_by_two_text
from support import claims_toml, graded

PD = [(3, 3), (0, 5), (5, 0), (1, 1)]


def test_scenario_claims_with_a_file_beside_the_claim(tmp_path):
    # The baseline: Prisoner's Dilemma, own_confront, weights 1, range [0, 2.5]: compromise
    # is an equilibrium from κ = 2 (reachable). `lower.toml` lowers mutual compromise to 2 for
    # both: T − R = 3, so from κ = 3 (beyond): up, and beyond.
    # At κ = 1/2 the baseline pays (C, C) 3, 3; (C, D) 0, 9/2; (D, C) 9/2, 0; (D, D) 1/2, 1/2:
    # its only equilibrium is (D, D). `higher.toml` raises mutual compromise to 5: leaving it
    # gains 5 − 5 − κ ≤ 0 at every κ, so (C, C) is gained; (D, D) stays (leaving it still
    # pays 0 < 1/2), so it is not lost.
    (tmp_path / "lower.toml").write_text('extends = "base.toml"\n[payoffs]\n"C|C" = [2, 2]\n', encoding="utf-8")
    (tmp_path / "higher.toml").write_text('extends = "base.toml"\n[payoffs]\n"C|C" = [5, 5]\n', encoding="utf-8")
    base = tmp_path / "base.toml"
    base.write_text(two_by_two_text(PD, "own_confront", plausible=(0, 2.5)), encoding="utf-8")
    claimed = tmp_path / "claimed.toml"
    claimed.write_text(
        two_by_two_text(PD, "own_confront", plausible=(0, 2.5))
        + claims_toml(
            '{ kind = "scenario", scenario = "lower.toml", criterion = "nash", direction = "up", expect = "beyond" }',
            '{ kind = "scenario", scenario = "lower.toml", criterion = "nash", direction = "down" }',
            '{ kind = "scenario", scenario = "lower.toml", criterion = "nash", direction = "up", expect = "holds_today" }',
            '{ kind = "scenario", scenario = "higher.toml", gains = "C|C", kappa = 0.5 }',
            '{ kind = "scenario", scenario = "higher.toml", loses = "D|D", kappa = 0.5 }',
            '{ kind = "scenario", scenario = "missing.toml", criterion = "nash", direction = "up" }',
        ),
        encoding="utf-8",
    )
    up, down, half, gains, loses, missing = graded(load_game(str(claimed)))
    assert up.grade == "supported" and up.tests[0].value == "≥ 2 → ≥ 3 (reachable → beyond)"
    assert "in lower.toml the threshold rises: Row binds: 'D' gains 3" in up.reason
    assert down.grade == "not_supported" and half.grade == "partly_supported"
    assert (
        gains.grade == "supported"
        and "(C, C) is an equilibrium of higher.toml at every κ (holds today)" in gains.reason
    )
    # A mixed equilibrium too: the column player's q on C makes the row player indifferent,
    # 5q = (9/2)q + (1/2)(1 − q), so q = 1/2 (and the same for the row player by symmetry).
    assert gains.tests[0].value == "(D, D) → (C, C); (D, D); mixed: C 1/2, D 1/2; C 1/2, D 1/2"
    assert loses.grade == "not_supported"
    assert missing.grade == "not_testable" and "no such file" in missing.reason
