"""Gambit .nfg interop: both directions, both file versions, exact payoffs, Gambit's order.

Hand-written files follow the examples of Gambit's manual ("Game representation formats":
the e02.nfg sample, Selten 1975, in both versions); where pygambit is installed, what sovgame
writes is read back by Gambit itself and its equilibria compared with sovgame's, exactly.
"""

from __future__ import annotations

import io
import os
from fractions import Fraction as F

import pytest

from cases import SELTEN_PAYOFF
from sovgame import bundled_names, load_game, parse_game, solve
from sovgame.core.model import Game, Player, fraction_array
from sovgame.errors import SovgameError, UsageError
from sovgame.files.convert import convert, game_to_nfg, game_to_toml
from sovgame.files.nfg import gambit_profiles, nfg_to_game, read_nfg
from support import extra_module, invoke_convert, payoff_table, same_game

VERSIONS = ("payoff", "outcome")


SELTEN_OUTCOME = """\
NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


SELTEN_PAYOFFS = {(0, 0): (1, 1), (1, 0): (0, 2), (2, 0): (0, 2), (0, 1): (1, 1), (1, 1): (0, 3), (2, 1): (2, 0)}


def test_payoff_version_of_the_manual_counts_the_first_player_fastest():
    imported = read_nfg(SELTEN_PAYOFF, "e02.nfg")
    game = imported.game
    assert imported.version == "payoff"
    assert game.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert game.player_names == ["Player 1", "Player 2"]
    # Counted strategies are labelled "1", "2", ... as Gambit labels them.
    assert [p.strategies for p in game.players] == [("1", "2", "3"), ("1", "2")]
    assert payoff_table(game) == SELTEN_PAYOFFS
    # The profile that tells the two orders apart: player 1's third strategy, player 2's second.
    assert tuple(game.payoffs[2, 1]) == (2, 0)
    assert imported.case.description is None and game.compromise_profile is None


def test_outcome_version_of_the_manual_is_the_same_game():
    imported = read_nfg(SELTEN_OUTCOME, "e02.nfg")
    assert imported.version == "outcome"
    assert payoff_table(imported.game) == SELTEN_PAYOFFS
    assert imported.left_out == ()  # empty outcome labels carry nothing


def test_labels_fractions_decimals_and_exponents_are_exact():
    text = """NFG 1 R "Exact" { "Row" "Column" }
{ { "Up" "Down" } { "Left" "Right" } }
"A comment that becomes the description"
1 2   3/2 -4   0.1 6   1e2 -7/8
"""
    imported = read_nfg(text, "exact.nfg")
    game = nfg_to_game(text, "exact.nfg")
    assert imported.case.description == "A comment that becomes the description"
    assert payoff_table(game) == {(0, 0): (1, 2), (1, 0): (F(3, 2), -4), (0, 1): (F(1, 10), 6), (1, 1): (100, F(-7, 8))}
    assert game.outcome_key((1, 0)) == "Down|Left"


def test_three_players_first_player_fastest():
    # 2x2x2 payoffs 1..24 in file order: profile (i, j, k) is contingency i + 2j + 4k.
    numbers = " ".join(str(n) for n in range(1, 25))
    text = f'NFG 1 R "three" {{ "A" "B" "C" }} {{ 2 2 2 }} {numbers}'
    game = nfg_to_game(text)
    for i, j, k in game.profiles():
        start = 3 * (i + 2 * j + 4 * k) + 1
        assert tuple(game.payoffs[i, j, k]) == (start, start + 1, start + 2)
    assert tuple(game.payoffs[1, 0, 1]) == (16, 17, 18)  # by hand: contingency 6 of 8


def test_outcome_version_null_outcome_shared_outcomes_and_optional_commas():
    text = """NFG 1 R "shared" { "P1" "P2" }
{ { "s1" "s2" } { "t1" "t2" } }
""
{ { "war" -1, -1 } { "peace" 2 2 } { "" 3, 0, } }
2 1 1 0
"""
    imported = read_nfg(text, "shared.nfg")
    assert payoff_table(imported.game) == {(0, 0): (2, 2), (1, 0): (-1, -1), (0, 1): (-1, -1), (1, 1): (0, 0)}
    assert imported.left_out and '"war"' in imported.left_out[0] and '"peace"' in imported.left_out[0]


def test_text_escapes_and_unicode():
    text = r"""NFG 1 R "A \"quoted\" title — ü" { "P \"1\"" "P2" } { { "a\b" "c" } { "d" } } "x\\y" 1 2 3 4"""
    case = read_nfg(text).case
    game = case.game
    assert game.title == 'A "quoted" title — ü'
    assert game.player_names == ['P "1"', "P2"]
    assert game.players[0].strategies == ("a\\b", "c")
    assert case.description == "x\\y"


def test_labels_are_made_valid_and_every_change_is_reported():
    text = """NFG 1 R "" { "A" "A" } { { "x" "x" "a|b" } { "" " y " } } 1 2 3 4 5 6 7 8 9 10 11 12"""
    imported = read_nfg(text, "labels.nfg")
    game = imported.game
    assert game.player_names == ["A_1", "A_2"]
    assert game.players[0].strategies == ("x_1", "x_2", "a/b")
    assert game.players[1].strategies == ("_1", "y")
    assert game.title == "labels"  # an empty title falls back to the file's name
    assert len(imported.renamed) == 8  # 2 players, 5 strategies and the title
    assert 'the title is empty; the game is titled "labels"' in imported.renamed
    assert 'strategy of A_1: "a|b" is now "a/b"' in imported.renamed
    # The result is a valid game file.
    same_game(game, parse_game(game_to_toml(game), "labels.toml"))


def test_duplicate_labels_become_what_gambit_makes_of_them():
    gbt = extra_module("pygambit")
    text = """NFG 1 R "t" { "A" "A" } { { "x" "x" "x_1" } { "" "b" } } 1 2 3 4 5 6 7 8 9 10 11 12"""
    ours = nfg_to_game(text)
    theirs = gbt.read_nfg(io.StringIO(text))
    assert ours.player_names == list(theirs.players)
    assert [list(p.strategies) for p in ours.players] == [theirs.get_strategies(p) for p in theirs.players]


HEADER = 'NFG 1 R "t" { "A" "B" } { { "a1" "a2" } { "b1" "b2" } }\n'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "line 1, column 1: expected 'NFG'"),
        ('EFG 2 R "tree" { "A" "B" }', "extensive-form"),
        (
            'NFG 2 R "t"',
            "line 1, column 5: expected the format version 1 after NFG (the only .nfg version), found the number 2",
        ),
        ('NFG 1 X "t"', "expected R (or D) after NFG 1, found 'X'"),
        ('NFG 1 R { "A" }', "expected the game's title in double quotes, found '{'"),
        ('NFG 1 R "t" { "A" } { 2 } 1 2', "the file has 1 player(s); a sovgame game needs two or more"),
        (
            'NFG 1 R "t" { "A" "B" } { 2 0 } 1 2',
            'expected the number of strategies of "B" (a positive integer), found the number 0',
        ),
        (
            'NFG 1 R "t" { "A" "B" } { 100000 100000 } 1 2',
            "line 1, column 27: the strategy counts make 10,000,000,000 profiles",
        ),
        ('NFG 1 R "t" { "A" "B" } { { "a" } }', "expected '{' opening the strategies of \"B\", found '}'"),
        ('NFG 1 R "t" { "A" "B" } { { "a" } { } } 1 2', '"B" has no strategies'),
        ('NFG 1 R "t" { "A }', "line 1, column 15: this text is never closed"),
        (
            HEADER + "1 2 3 4 5 6 7",
            'line 2, column 14: expected the payoff of "B" at "a2|b2" (profile 4 of 4), found the end of the file',
        ),
        (
            HEADER + "1 2 3 4 5 6 7 8 9",
            "line 2, column 17: expected the end of the file (every profile has its "
            "payoffs already), found the number 9",
        ),
        (
            HEADER + "1 2 three 4 5 6 7 8",
            'line 2, column 5: expected the payoff of "A" at "a2|b1" (profile 2 of 4), found \'three\'',
        ),
        (HEADER + "1 2 3/0 4 5 6 7 8", "line 2, column 5: 3/0 divides by zero"),
        (
            HEADER + '{ { "o" 1 2 } } 1 1 2 1',
            'line 2, column 21: expected the outcome of "a1|b2" (profile 3 of 4): '
            "an integer from 0 (no outcome: all payoffs 0) to 1, found the number 2",
        ),
        (HEADER + '{ { "o" 1 } } 1 1 1 1', "line 2, column 11: expected the payoff of \"B\" in outcome 1, found '}'"),
        (HEADER + "{ { 1 2 } } 1 1 1 1", "expected the label of outcome 1 in double quotes"),
        (HEADER + '{ { "o" 1 2 } } 1 1 1.5 1', "found the number 1.5"),
        (HEADER + "stop", "expected the payoffs (numbers) or the outcome list ('{'), found 'stop'"),
    ],
)
def test_parse_errors_name_the_file_the_place_and_the_token(text, expected):
    with pytest.raises(SovgameError) as caught:
        read_nfg(text, "bad.nfg")
    message = str(caught.value)
    assert message.startswith("bad.nfg: ")
    assert expected in message


def test_gambit_profiles_first_player_fastest():
    assert list(gambit_profiles((2, 3))) == [(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (1, 2)]


def test_written_payoffs_are_integers_or_fractions_in_gambit_order():
    game = Game(
        title="w",
        players=(Player("A", ("a1", "a2")), Player("B", ("b1", "b2"))),
        payoffs=fraction_array([[[1, F(3, 2)], [F(1, 10), -2]], [[0, 5], [F(-7, 3), 4]]], (2, 2, 2)),
    )
    payoff = game_to_nfg(game, "payoff").splitlines()
    assert payoff[0] == 'NFG 1 R "w" { "A" "B" }'
    # (a1,b1), (a2,b1), (a1,b2), (a2,b2)
    assert payoff[-4:] == ["1 3/2", "0 5", "1/10 -2", "-7/3 4"]
    outcome = game_to_nfg(game, "outcome").splitlines()
    assert outcome[-6:] == [
        '{ "a1|b1" 1, 3/2 }',
        '{ "a2|b1" 0, 5 }',
        '{ "a1|b2" 1/10, -2 }',
        '{ "a2|b2" -7/3, 4 }',
        "}",
        "1 2 3 4",
    ]


def test_unknown_version_is_a_usage_error():
    with pytest.raises(UsageError, match="payoff or outcome"):
        game_to_nfg(load_game("stag_hunt"), "tabular")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", bundled_names())
def test_every_bundled_game_round_trips_exactly(name, version, tmp_path):
    case = load_game(name)
    imported = read_nfg(game_to_nfg(case, version), f"{name}.nfg")
    assert imported.version == version and imported.renamed == () and imported.left_out == ()
    same_game(case, imported.game)
    assert (imported.case.title, imported.case.description) == (case.title, case.description)

    # The same through files: TOML -> .nfg -> TOML, and the result loads as a game file.
    nfg, toml = tmp_path / f"{name}.nfg", tmp_path / f"{name}.toml"
    convert(name, nfg, version=version)
    back = convert(str(nfg), toml)
    assert back.renamed == () and back.left_out == ()
    reloaded = load_game(str(toml))
    same_game(case, reloaded)
    assert reloaded.title == case.title and reloaded.description == case.description
    assert reloaded.game.costs == () and reloaded.game.compromise_profile is None and not reloaded.notes
    assert sorted(os.listdir(tmp_path)) == sorted([nfg.name, toml.name])  # no temporary files left


def test_bundled_games_include_three_players():
    assert any(load_game(name).game.n_players == 3 for name in bundled_names())


def test_cli_bad_nfg_exits_1_naming_file_line_and_token(runner, tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_text(HEADER + "1 2 3 x 5 6 7 8", encoding="utf-8")
    result = invoke_convert(runner, bad, tmp_path / "out.toml")
    assert result.exit_code == 1
    assert f'sovgame: {bad}: line 2, column 7: expected the payoff of "B" at "a2|b1"' in result.stderr
    assert "found 'x'" in result.stderr
    assert "Traceback" not in result.stderr and isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out.toml").exists()


def _gambit_profiles(gambit_game, equilibria) -> set:
    players = list(gambit_game.players)
    return {tuple(tuple(F(p) for _, p in eq[player]) for player in players) for eq in equilibria}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", bundled_names())
def test_gambit_reads_the_written_file_and_agrees_on_equilibria(name, version, tmp_path):
    gbt = extra_module("pygambit")
    game = load_game(name).game
    path = tmp_path / f"{name}.nfg"
    convert(name, path, version=version)
    read_back = gbt.read_nfg(str(path))

    assert read_back.title == game.title
    assert list(read_back.players) == game.player_names
    assert [read_back.get_strategies(p) for p in read_back.players] == [list(p.strategies) for p in game.players]
    for profile in game.profiles():
        contingency = {p.name: p.strategies[s] for p, s in zip(game.players, profile)}
        payoffs = read_back.get_payoffs(contingency)
        assert tuple(F(payoffs[p.name]) for p in game.players) == tuple(game.payoffs[profile])

    ours = solve(game)
    if game.n_players == 2:
        theirs = gbt.nash.enummixed_solve(read_back, rational=True).equilibria
        assert _gambit_profiles(read_back, theirs) == {e.strategies for e in ours.equilibria}
    else:
        theirs = gbt.nash.enumpure_solve(read_back).equilibria
        pure = {e.strategies for e in ours.equilibria if e.pure}
        assert _gambit_profiles(read_back, theirs) == pure and pure
