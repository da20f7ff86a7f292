"""The ``trust`` claim test: a type's prior against the priors at which compromise holds."""

from __future__ import annotations

from cases import CASE_TOML, MOVES_TOML
from sovgame import parse_game
from support import claims_toml, graded, problems

#: The case with Kabul's types and capacity 3/5 ... and the same without capacity.
TYPES_ONLY = MOVES_TOML.split("[[capacity]]")[0] + "[[types]]" + MOVES_TOML.split("[[types]]", 1)[1]


def test_trust_claims():
    """'Ideology over gratitude' as Kabul's TTP-ally prior (2/5) above the priors at which
    compromise is an equilibrium outcome. At κ = 2 those are [0, 1/2] (1 − π ≥ Pakistan's
    p* = 1/2): 2/5 is among them, so not supported. At κ = 1 Pakistan's 'Strike' is dominant:
    no prior works, and the prior decides nothing: not testable (it could not tell either way)."""
    case = parse_game(
        TYPES_ONLY
        + claims_toml(
            '{ kind = "trust", player = "Afghanistan", type = "ttp_ally", expect = "above_critical", kappa = 2 }',
            '{ kind = "trust", player = "Afghanistan", type = "ttp_ally", expect = "above_critical" }',
            '{ kind = "trust", player = "Afghanistan", type = "ttp_ally", expect = "below_critical", kappa = 2 }',
            '{ kind = "trust", player = "Afghanistan", type = "ally", expect = "below_critical", kappa = 2 }',
        )
    )
    at_top, today, below, unknown = graded(case)
    assert (
        at_top.grade == "not_supported"
        and at_top.tests[0].value == "prior 2/5; compromise holds for priors in [0, 1/2]"
    )
    assert today.grade == "not_testable" and "Pakistan" in today.reason and "no prior decides it" in today.reason
    assert below.grade == "supported"
    assert unknown.grade == "not_testable" and "'ally' is no type of Afghanistan" in unknown.reason


def test_malformed_move_tests_are_problems_of_the_file():
    found = problems(
        CASE_TOML
        + claims_toml(
            '{ kind = "sequence", order = ["Afghanistan"], criterion = "unique_spe", expect = "reachable" }',
            '{ kind = "capacity", player = "Afghanistan", criterion = "nash", expect = "beyond" }',
            '{ kind = "trust", player = "Kabul", type = "ttp_ally", expect = "above" }',
            '{ kind = "sequence", order = ["Afghanistan", "Pakistan"], criterion = "spe", expect = "reachable", kappa = 2 }',
        )
    )
    assert (
        "claims[0].test.order: must name every player of this game once (Pakistan, Afghanistan), the first mover first"
        in found
    )
    assert "claims[1].test.strategy: give both `player` and `strategy` (the limited strategy), or neither" in found
    assert any(p.startswith("claims[2].test.player: 'Kabul' is not a player") for p in found)
    assert any(
        p.startswith("claims[2].test.expect: 'above' is not one of: above_critical, below_critical") for p in found
    )
    assert any(p.startswith("claims[3].test.kappa: unknown key") for p in found)
