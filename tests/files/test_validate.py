"""Every validation error names the file and the key, says what is wrong, and all at once."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cases import CASE_TOML
from sovgame import parse_game
from sovgame.errors import GameFileError
from support import only_problem, problems


def test_case_game_loads_exactly():
    case = parse_game(CASE_TOML, "case.toml")
    assert case.game.player_names == ["Pakistan", "Afghanistan"]
    assert case.game.shape == (2, 2)
    assert case.game.payoffs[1, 0, 0] == 4
    assert case.game.costs[0].weights == (Fraction(1, 2), Fraction(1))
    assert case.plausible_kappa == (0, 2)
    assert case.notes[(1, 1)].startswith("status quo")
    assert case.game.compromise_profile == (0, 0)


def test_decimals_are_read_as_written_not_as_binary_floats():
    case = parse_game(CASE_TOML.replace("weights = [0.5, 1.0]", "weights = [0.1, 0.7]"))
    assert case.game.costs[0].weights == (Fraction(1, 10), Fraction(7, 10))


def test_fraction_strings_are_accepted():
    case = parse_game(CASE_TOML.replace("= [4, 1]", '= ["7/2", "1/3"]'))
    assert tuple(case.game.payoffs[1, 0]) == (Fraction(7, 2), Fraction(1, 3))


def test_cost_load_follows_incidence():
    case = parse_game(CASE_TOML)
    W = case.game.cost_load()
    # Pakistan: trade 1/2 at every conflict outcome, operations 1/4 when it strikes.
    assert [W[s + (0,)] for s in [(0, 0), (0, 1), (1, 0), (1, 1)]] == [
        0,
        Fraction(1, 2),
        Fraction(3, 4),
        Fraction(3, 4),
    ]
    # Afghanistan: trade 1 + refugees 1/2 at every conflict outcome.
    assert [W[s + (1,)] for s in [(0, 0), (0, 1), (1, 0), (1, 1)]] == [
        0,
        Fraction(3, 2),
        Fraction(3, 2),
        Fraction(3, 2),
    ]
    only_trade = case.game.cost_load(["trade_disruption"])
    assert only_trade[1, 1, 1] == 1


def test_missing_tables_and_keys():
    text = CASE_TOML.replace(
        '[game]\ntitle = "Pakistan-Afghanistan: the TTP sanctuary dilemma"\npayoff_scale = "ordinal"\n', ""
    )
    assert "missing [game] table" in only_problem(text)
    text = CASE_TOML.replace('title = "Pakistan-Afghanistan: the TTP sanctuary dilemma"\n', "")
    assert only_problem(text).startswith("game.title: missing")
    head = CASE_TOML[: CASE_TOML.index("[[players]]")]
    found = problems(head)
    assert any(p.startswith("players: missing") for p in found)
    assert any(p.startswith("payoffs: missing") for p in found)
    text = CASE_TOML[: CASE_TOML.index("[payoffs]")]
    assert only_problem(text).startswith("payoffs: missing")


def test_fewer_than_two_players():
    text = CASE_TOML[: CASE_TOML.index('[[players]]\nname = "Afghanistan"')]
    assert any("a game needs two or more" in p for p in problems(text))


def test_player_without_strategies():
    assert "is empty" in only_problem(
        CASE_TOML.replace(
            'strategies = ["Constrain TTP", "Tolerate TTP"]\ncompromise = "Constrain TTP"\n', "strategies = []\n"
        )
    )
    message = only_problem(
        CASE_TOML.replace('strategies = ["Constrain TTP", "Tolerate TTP"]\ncompromise = "Constrain TTP"\n', "")
    )
    assert message.startswith("players[1].strategies: missing")


def test_duplicate_names():
    assert "duplicate player name 'Pakistan'" in only_problem(
        CASE_TOML.replace('name = "Afghanistan"', 'name = "Pakistan"')
    )
    message = only_problem(
        CASE_TOML.replace('["Restrain strikes", "Strike"]', '["Strike", "Strike"]').replace(
            'compromise = "Restrain strikes"', 'compromise = "Strike"'
        )
    )
    assert message.startswith("players[0].strategies[1]: duplicate strategy 'Strike'")


def test_bar_inside_a_name():
    assert "contains '|'" in only_problem(CASE_TOML.replace('name = "Afghanistan"', 'name = "Afghan|istan"'))
    found = problems(CASE_TOML.replace('"Strike"]', '"St|rike"]'))
    assert any(p.startswith("players[0].strategies[1]") and "contains '|'" in p for p in found)


def test_outcome_keys_with_unknown_strategy_or_wrong_parts():
    found = problems(CASE_TOML.replace('"Strike|Constrain TTP"           = [4, 1]', '"Strik|Constrain TTP" = [4, 1]'))
    assert any(
        p.startswith('payoffs."Strik|Constrain TTP"') and "'Strik' is not a strategy of Pakistan" in p for p in found
    )
    assert any("no payoffs for: 'Strike|Constrain TTP'" in p for p in found)
    found = problems(CASE_TOML.replace('"Strike|Constrain TTP"           = [4, 1]', '"Strike" = [4, 1]'))
    assert any("names 1 strategies" in p for p in found)


def test_missing_outcomes_are_listed():
    text = CASE_TOML.replace('"Strike|Constrain TTP"           = [4, 1]\n', "").replace(
        '"Strike|Tolerate TTP"            = [2, 2]\n', ""
    )
    message = only_problem(text)
    assert message.startswith("payoffs: missing 2 outcome(s)")
    assert "'Strike|Constrain TTP'" in message and "'Strike|Tolerate TTP'" in message


def test_duplicate_outcomes():
    text = CASE_TOML.replace(
        '"Strike|Tolerate TTP"            = [2, 2]',
        '"Strike|Tolerate TTP"            = [2, 2]\n"Strike | Tolerate TTP" = [2, 2]',
    )
    assert "duplicate outcome" in only_problem(text)
    # The same key twice is already a TOML error, with its line.
    text = CASE_TOML.replace(
        '"Strike|Tolerate TTP"            = [2, 2]', '"Strike|Tolerate TTP" = [2, 2]\n"Strike|Tolerate TTP" = [2, 2]'
    )
    assert "TOML syntax error" in only_problem(text)


def test_payoff_list_of_wrong_length():
    message = only_problem(CASE_TOML.replace("= [4, 1]", "= [4, 1, 5]"))
    assert message.startswith('payoffs."Strike|Constrain TTP": has 3 numbers; it needs 2')


@pytest.mark.parametrize(
    "bad, expect",
    [
        ("true", "boolean"),
        ('"four"', "not a number"),
        ("nan", "not a finite"),
        ("inf", "not a finite"),
        ('"1/0"', "not a number"),
    ],
)
def test_payoff_that_is_not_a_number(bad, expect):
    message = only_problem(CASE_TOML.replace("= [4, 1]", f"= [4, {bad}]"))
    assert message.startswith('payoffs."Strike|Constrain TTP"[1]:') and expect in message


def test_compromise_not_among_strategies():
    message = only_problem(CASE_TOML.replace('compromise = "Constrain TTP"', 'compromise = "Constrain"'))
    assert message.startswith("players[1].compromise:") and "did you mean 'Constrain TTP'" in message


def test_cost_problems():
    assert "did you mean 'any_conflict'" in only_problem(
        CASE_TOML.replace('"any_conflict"\nweights = [0.5', '"any_conflit"\nweights = [0.5')
    )
    assert only_problem(CASE_TOML.replace("weights = [0.5, 1.0]", "weights = [0.5]")).startswith(
        "costs[0].weights: has 1 numbers; it needs 2"
    )
    assert only_problem(CASE_TOML.replace("weights = [0.5, 1.0]", "weights = [0.5, -1]")).startswith(
        "costs[0].weights[1]: is -1; a cost weight must be >= 0"
    )
    assert "'Pakistn' is not a player" in only_problem(
        CASE_TOML.replace('between = ["Pakistan"', 'between = ["Pakistn"')
    )


def test_incidence_messages_name_the_incidence_as_written():
    exposure = CASE_TOML.replace(
        'incidence = "own_confront"\nweights = [0.25, 0]',
        'incidence = "own_confront"\nweights = [0.25, 0]\nexposure = { "Strike|Tolerate TTP" = [1, 0] }',
    )
    assert only_problem(exposure) == (
        "costs[2].exposure: only a `custom` cost takes an exposure table; this one is 'own_confront'"
    )
    no_compromise = CASE_TOML.replace('compromise = "Constrain TTP"\n', "")
    with pytest.raises(GameFileError) as caught:
        parse_game(no_compromise)
    assert [str(p) for p in caught.value.problems] == [
        f"costs[{k}].incidence: 'any_conflict' needs a `compromise` strategy for Afghanistan; name one in "
        '[[players]] or use incidence = "custom"'
        for k in (0, 1)
    ]


def test_custom_exposure_problems():
    custom = CASE_TOML.replace('incidence = "own_confront"', 'incidence = "custom"')
    assert only_problem(custom).startswith("costs[2].exposure: a custom cost needs an exposure table")
    bad_row = custom.replace("weights = [0.25, 0]", 'weights = [0.25, 0]\nexposure = { "Strike|Tolerate TTP" = [1] }')
    assert only_problem(bad_row).startswith('costs[2].exposure."Strike|Tolerate TTP": has 1 numbers')
    bad_key = custom.replace("weights = [0.25, 0]", 'weights = [0.25, 0]\nexposure = { "Strike|Nothing" = [1, 0] }')
    assert "'Nothing' is not a strategy of Afghanistan" in only_problem(bad_key)
    good = custom.replace("weights = [0.25, 0]", 'weights = [0.25, 0]\nexposure = { "Strike|Tolerate TTP" = [1, 0] }')
    case = parse_game(good)
    assert case.game.cost_load(["military_operations"])[1, 1, 0] == Fraction(1, 4)
    assert case.game.cost_load(["military_operations"])[1, 0, 0] == 0


def test_an_empty_custom_exposure_table_is_a_cost_on_nobody():
    # The reference: "outcomes not listed: 0", so `exposure = { }` lists none and every
    # exposure is 0; the cost changes no payoff at any κ.
    custom = CASE_TOML.replace('incidence = "own_confront"', 'incidence = "custom"')
    empty = custom.replace("weights = [0.25, 0]", "weights = [0.25, 0]\nexposure = { }")
    game = parse_game(empty).game
    assert game.costs[2].exposure == {}
    assert not game.cost_load(["military_operations"]).any()
    assert (game.payoffs_at(5, ["military_operations"]) == game.payoffs).all()
    not_a_table = custom.replace("weights = [0.25, 0]", 'weights = [0.25, 0]\nexposure = "none"')
    assert only_problem(not_a_table).startswith("costs[2].exposure: a custom cost needs an exposure table")


@pytest.mark.parametrize("bad", ["[2, 1]", "[-1, 2]", "[0]", '"0-2"', '[0, "x"]'])
def test_plausible_kappa_must_be_lo_hi(bad):
    message = only_problem(CASE_TOML.replace("plausible_kappa = [0, 2]", f"plausible_kappa = {bad}"))
    assert message.startswith("analysis.plausible_kappa")


def test_unknown_keys_get_a_suggestion():
    message = only_problem(CASE_TOML.replace("[payoffs]", "[payoffs]").replace("[notes]", "[notez]"))
    assert message == "notez: unknown key; did you mean 'notes'?"
    found = problems(CASE_TOML.replace("[payoffs]", "[payof]"))
    assert any(p == "payof: unknown key; did you mean 'payoffs'?" for p in found)
    assert "did you mean 'compromise'" in only_problem(
        CASE_TOML.replace('compromise = "Constrain TTP"', 'compromize = "Constrain TTP"')
    )


def test_all_problems_of_a_file_are_reported_at_once():
    text = (
        CASE_TOML.replace("= [4, 1]", "= [4, true]")
        .replace("weights = [0.5, 1.0]", "weights = [-0.5, 1.0]")
        .replace("plausible_kappa = [0, 2]", "plausible_kappa = [3, 2]")
    )
    found = problems(text)
    assert len(found) == 3, found
    assert str(GameFileError("x.toml", [])).startswith("x.toml")


def test_strategy_names_with_spaces_at_either_end_are_rejected():
    # Outcome keys are split on '|' and trimmed, so such a strategy could never be named.
    message = only_problem(
        CASE_TOML.replace('"Tolerate TTP"]', '"Tolerate TTP "]').replace(
            '"Restrain strikes|Tolerate TTP"  = [1, 4]', '"Restrain strikes|Tolerate TTP"  = [1, 4]'
        )
    )
    assert message.startswith("players[1].strategies[1]: 'Tolerate TTP ' has spaces at either end")
