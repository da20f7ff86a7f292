"""Declared ranges of a section's numbers: read exactly, and every problem named by its key."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML
from sovgame import load_case, parse_game
from sovgame.sections.mediator import Mediator
from sovgame.sections.repeated import RepeatedSettings
from support import problems


def test_ranges_are_read_exactly():
    text = (
        CASE_TOML
        + "\n[mediator]\nbudget = 0.1\nbudget_range = [0, 0.5]\n"
        + '\n[repeated]\ndiscount = 0.9\ndiscount_range = [0.8, "19/20"]\nnoise = 0.05\n'
    )
    case = parse_game(text)
    mediator, repeated = case.section(Mediator), case.section(RepeatedSettings)
    assert mediator is not None and mediator.budget_range == (F(0), F(1, 2))
    assert repeated is not None and repeated.ranges == {"discount": (F(4, 5), F(19, 20))}


def test_a_range_must_hold_its_value_and_lie_where_the_number_may():
    text = (
        CASE_TOML
        + "\n[mediator]\nbudget = 0.1\nbudget_range = [0.2, 0.5]\n"
        + "\n[repeated]\ndiscount = 0.9\ndiscount_range = [0.5, 1.5]\nnoise_range = [0.3, 0.1]\n"
    )
    found = problems(text)
    assert [p.split(":")[0] for p in found] == [
        "mediator.budget_range",
        "repeated.discount_range",
        "repeated.noise_range",
    ]
    assert "it must hold the stated value 1/10" in found[0]


def test_the_case_files_declare_the_unsourced_numbers_ranges():
    # The mediation budget and the four numbers of repeated play have no source: each is
    # declared as a range, which the claims' falsifiability search reads.
    mediator = load_case("pakistan_afghanistan_mediation").section(Mediator)
    assert mediator is not None and mediator.budget_range == (F(0), F(1, 2))
    repeated = load_case("pakistan_afghanistan_repeated").section(RepeatedSettings)
    assert repeated is not None
    assert set(repeated.ranges) == {"discount", "noise", "false_alarm", "detection"}
    assert all(lo <= getattr(repeated, name) <= hi for name, (lo, hi) in repeated.ranges.items())


def test_the_costs_table_says_which_weights_are_assumed():
    from sovgame.present.game import costs_section

    case = load_case("pakistan_afghanistan")
    assert all(cost.basis == ("assumed", "assumed") for cost in case.game.costs)
    section = costs_section(case)
    assert section is not None
    # One column marks each cost's weights; the lines keep the sources.
    assert section.columns[-1] == "weights"
    assert [row[-1] for row in section.rows] == ["assumed"] * 3
    assert section.lines[0].startswith("trade_disruption: Pakistan-Afghanistan trade")


def test_without_a_basis_a_weight_is_sourced_when_its_cost_cites_a_source():
    from sovgame.present.game import costs_section

    # trade_disruption cites a source and gives no basis; refugee_returns gives its basis;
    # military_operations gives neither.
    text = CASE_TOML.replace('name = "trade_disruption"', 'name = "trade_disruption"\nsource = "a cited figure"')
    text = text.replace('name = "refugee_returns"', 'name = "refugee_returns"\nweights_basis = ["sourced", "assumed"]')
    rows = {row[0]: row[-1] for row in costs_section(parse_game(text)).rows}
    assert rows == {
        "trade_disruption": "sourced",
        "refugee_returns": "Pakistan's sourced, Afghanistan's assumed",
        "military_operations": "assumed",
    }
    # Every bundled cost's weights are chosen by the analyst, and say so.
    for name in ("chicken", "prisoners_dilemma", "pakistan_afghanistan_india", "pakistan_afghanistan_retaliation"):
        assert {row[-1] for row in costs_section(load_case(name)).rows} == {"assumed"}, name
    bad = problems(CASE_TOML.replace('name = "refugee_returns"', 'name = "refugee_returns"\nweights_basis = ["cited"]'))
    assert [p.split(":")[0] for p in bad] == ["costs[1].weights_basis"]
