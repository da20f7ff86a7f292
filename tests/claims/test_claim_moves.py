"""Claims tested against a move order, a success probability and a type's prior, on the case
with hand-derived answers (docs/models.md), and their file problems named by key."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML, MOVES_TOML
from sovgame import parse_game
from sovgame.claims.kinds.sequence import CRITERIA as SEQUENCE_CRITERIA
from sovgame.play.sequential import order_thresholds
from support import claims_toml, graded, problems

#: The case with Kabul's types and capacity 3/5 ... and the same without capacity.
TYPES_ONLY = MOVES_TOML.split("[[capacity]]")[0] + "[[types]]" + MOVES_TOML.split("[[types]]", 1)[1]


def test_the_words_match_what_computes_them():
    case = parse_game(CASE_TOML)
    spe, unique = order_thresholds(case, (1, 0), (0, 0), (F(0), F(2)))
    assert SEQUENCE_CRITERIA == (spe.criterion, unique.criterion)


def test_sequence_claims():
    """Kabul first: compromise is the only SPE outcome above 4/3, within [0, 2]: reachable, so
    'unreachable' fails; Pakistan first: above 2/3, so already today."""
    case = parse_game(
        CASE_TOML
        + claims_toml(
            '{ kind = "sequence", order = ["Afghanistan", "Pakistan"], criterion = "unique_spe", expect = ["beyond", "never"] }',
            '{ kind = "sequence", order = ["Pakistan", "Afghanistan"], criterion = "unique_spe", expect = "holds_today" }',
        )
    )
    kabul, pakistan = graded(case)
    assert kabul.grade == "not_supported" and kabul.tests[0].value == "> 4/3: reachable"
    assert kabul.reason.startswith("Afghanistan moving first and observed, compromise is the only subgame-perfect")
    assert pakistan.grade == "supported" and pakistan.tests[0].value == "> 2/3: holds today"


def test_capacity_claims():
    """κ_NE(q) = 1/(1/4 + q/2): at q = 2/5, 20/9 > 2 (beyond); at the file's 3/5, 20/11 ≤ 2
    (reachable); the verdict turns at q = 1/2."""
    case = parse_game(
        MOVES_TOML
        + claims_toml(
            '{ kind = "capacity", success = 0.4, criterion = "nash", expect = ["beyond", "never"] }',
            '{ kind = "capacity", player = "Afghanistan", strategy = "Constrain TTP", criterion = "nash", expect = ["beyond", "never"] }',
        )
    )
    low, stated = graded(case)
    assert low.grade == "supported" and low.tests[0].value == "≥ 20/9: beyond"
    assert stated.grade == "not_supported" and stated.tests[0].value == "≥ 20/11: reachable"
    assert "succeeds with probability 3/5" in stated.reason and "the verdict changes at q = 1/2" in stated.reason


def test_a_capacity_claim_on_a_file_without_capacity_names_the_strategy_or_is_untestable():
    case = parse_game(
        CASE_TOML
        + claims_toml(
            '{ kind = "capacity", criterion = "nash", expect = "beyond" }',
            '{ kind = "capacity", player = "Afghanistan", strategy = "Constrain TTP", success = 0.4, criterion = "nash", expect = "beyond" }',
        )
    )
    missing, named = graded(case)
    assert missing.grade == "not_testable" and "[[capacity]]" in missing.reason
    assert named.grade == "supported"


def test_trust_claims():
    """'Ideology over gratitude' as Kabul's TTP-ally prior (2/5) above the priors at which
    compromise is an equilibrium outcome. At κ = 2 those are [0, 1/2] (1 − π ≥ Pakistan's
    p* = 1/2): 2/5 is among them, so not supported. At κ = 1 Pakistan's 'Strike' is dominant:
    no prior works, and the prior decides nothing: not supported either."""
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
    assert today.grade == "not_supported" and "Pakistan" in today.reason and "decide" in today.reason
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
