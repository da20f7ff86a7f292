"""The ``sequence`` claim test: a move order and the (unique) subgame-perfect outcome."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML
from sovgame import parse_game
from sovgame.claims.kinds.sequence import CRITERIA as SEQUENCE_CRITERIA
from sovgame.play.sequential import order_thresholds
from support import claims_toml, graded


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
