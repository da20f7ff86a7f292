"""The Case: what a file states around its game, and the one home of the plausible range."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from cases import CASE_TOML, MOVES_TOML
from sovgame import Case, ParameterError, bimatrix_game, parse_game
from sovgame.core.case import DEFAULT_PLAUSIBLE, as_case, as_game, origin_of, plausible_of, section_of
from sovgame.sections.mediator import Mediator
from sovgame.sections.sequence import MoveOrder


def test_the_plausible_range_is_the_callers_else_the_cases_else_zero_to_one():
    declared = parse_game(CASE_TOML)  # plausible_kappa = [0, 2]
    bare = declared.game
    assert DEFAULT_PLAUSIBLE == (0, 1)
    assert plausible_of(bare) == (0, 1) and plausible_of(declared) == (0, 2)
    assert plausible_of(bare, [0, 3]) == plausible_of(declared, ["0", "3"]) == (0, 3)
    assert declared.plausible_declared and not Case(bare).plausible_declared and Case(bare).plausible == (0, 1)
    assert as_case(bare, [F(1, 2), 2]).plausible_declared and as_case(declared, [0, 5]).plausible == (0, 5)
    for bad in ([2, 1], [0], "0,2", [-1, 1]):
        with pytest.raises(ParameterError) as info:
            plausible_of(bare, bad)
        assert info.value.parameter == "plausible"


def test_a_bare_game_is_a_case_that_states_nothing_else():
    game = bimatrix_game([[1, 0], [0, 1]], [[1, 0], [0, 1]], title="coordination")
    case = as_case(game)
    assert as_game(case) is game and as_game(game) is game and as_case(case) is case
    assert case.title == "coordination" and case.origin == origin_of(game) == "Game('coordination')"
    assert case.claims == () and case.sections == () and not case.notes
    assert section_of(game, MoveOrder) is None


def test_sections_are_found_by_type_and_replaced_by_type():
    case = parse_game(MOVES_TOML, "moves.toml")
    order = case.section(MoveOrder)
    assert order is not None and order.order == (1, 0) and section_of(case, MoveOrder) is order
    assert case.section(Mediator) is None
    swapped = case.with_section(MoveOrder((0, 1)))
    assert swapped.section(MoveOrder) == MoveOrder((0, 1)) and len(swapped.sections) == len(case.sections)
    added = case.with_section(Mediator("Turkey", F(2)))
    assert added.section(Mediator) == Mediator("Turkey", F(2)) and len(added.sections) == len(case.sections) + 1
    assert case.without(MoveOrder).section(MoveOrder) is None and case.section(MoveOrder) is order


def test_a_case_has_the_json_of_show(runner):
    import json

    from sovgame import load_game
    from sovgame.cli import app

    shown = json.loads(runner.invoke(app, ["show", "pakistan_afghanistan_capacity", "-f", "json"]).stdout)
    case = load_game("pakistan_afghanistan_capacity")
    assert case.to_dict() == shown
    # The file's costs as it states them, beside the expected payoffs its game holds.
    assert [c["incidence"] for c in shown["costs"]] == ["any_conflict", "any_conflict", "own_confront"]
    assert shown["payoffs_exact"]["Restrain strikes|Constrain TTP"] == ["11/5", "17/5"]
