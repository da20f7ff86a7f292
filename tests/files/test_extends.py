"""Scenarios without copying: `extends`, and the scenarios side by side."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame import load_game
from sovgame.errors import GameFileError

CHILD = """\
extends = "pakistan_afghanistan"

[game]
title = "cheaper trade"

[[costs]]
name = "trade_disruption"
weights = [1, 1]
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_extends_overrides_by_key_and_by_name(tmp_path):
    case = load_game(write(tmp_path, "child.toml", CHILD))
    base = load_game("pakistan_afghanistan")
    assert case.title == "cheaper trade" and case.description == base.description
    assert (case.game.payoffs == base.game.payoffs).all() and case.notes == base.notes
    trade = next(c for c in case.game.costs if c.name == "trade_disruption")
    assert trade.weights == (1, 1) and trade.incidence == "any_conflict"  # kept from the parent
    assert [c.name for c in case.game.costs] == [c.name for c in base.game.costs]


def test_extends_a_relative_path_and_chains(tmp_path):
    write(tmp_path, "child.toml", CHILD)
    grandchild = load_game(
        write(tmp_path, "grandchild.toml", 'extends = "child.toml"\n[analysis]\nplausible_kappa = [0, 3]\n')
    )
    assert grandchild.title == "cheaper trade" and grandchild.plausible_kappa == (0, 3)


def test_extends_loops_are_rejected(tmp_path):
    write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    b = write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(GameFileError, match="extends loop") as info:
        load_game(b)
    assert info.value.problems[0].key == "extends"


def test_extends_names_must_exist(tmp_path):
    with pytest.raises(GameFileError, match="did you mean 'pakistan_afghanistan'"):
        load_game(write(tmp_path, "x.toml", 'extends = "pakistan_afganistan"\n'))
    with pytest.raises(GameFileError, match="no such file"):
        load_game(write(tmp_path, "y.toml", 'extends = "missing.toml"\n'))


def test_new_strategy_keeps_inherited_outcomes_and_asks_for_the_new_ones(tmp_path):
    text = 'extends = "pakistan_afghanistan"\n[[players]]\nname = "Afghanistan"\nstrategies = ["Constrain TTP", "Tolerate TTP", "Expel TTP"]\n'
    with pytest.raises(GameFileError) as info:
        load_game(write(tmp_path, "z.toml", text))
    (problem,) = info.value.problems
    assert (
        problem.key == "payoffs"
        and "'Restrain strikes|Expel TTP'" in problem.message
        and "'Strike|Expel TTP'" in problem.message
    )


def test_renamed_strategy_drops_stale_inherited_payoffs(tmp_path):
    text = (
        'extends = "pakistan_afghanistan"\n[[players]]\nname = "Pakistan"\nstrategies = ["Restrain strikes", "Raid"]\n'
        '[payoffs]\n"Raid|Constrain TTP" = [4, 1]\n"Raid|Tolerate TTP" = [2, 2]\n'
    )
    case = load_game(write(tmp_path, "w.toml", text))
    assert case.game.players[0].strategies == ("Restrain strikes", "Raid")
    assert set(map(case.game.outcome_key, case.notes)) == {
        "Restrain strikes|Constrain TTP",
        "Restrain strikes|Tolerate TTP",
    }


def test_campaign_game_is_the_case_plus_a_strategy():
    case = load_game("pakistan_afghanistan_campaign")
    assert case.game.shape == (3, 2) and len(case.notes) == 6
    assert [c.name for c in case.game.costs] == [
        "trade_disruption",
        "refugee_returns",
        "military_operations",
        "campaign_burden",
    ]
    assert tuple(case.game.payoffs[2, 1]) == (F(5, 2), F(3, 2))
