"""Files that try to do more than state a game: control characters in any text, names and
texts too long to print, more players or claims than any analysis can take, and references
to files outside the game's folder (``extends``, a claim's ``game``)."""

from __future__ import annotations

import pytest

from cases import CASE_TOML
from sovgame import load_game, parse_game
from sovgame.claims.scorecard import grade_claims
from sovgame.errors import GameFileError
from sovgame.sections.checker import MAX_NAME_LENGTH, MAX_TEXT_LENGTH


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(GameFileError) as caught:
        parse_game(text)
    return [(p.key, p.message) for p in caught.value.problems]


# --- control characters and lengths ----------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after, key",
    [
        # a note that sets the terminal's title and clears the screen
        ("[notes]", '[notes]\n"Restrain strikes|Constrain TTP" = "\\u001b]0;x\\u0007\\u001b[2J"', "notes"),
        # a cost's source with a NUL
        ('name = "trade_disruption"', 'name = "trade_disruption"\nsource = "a\\u0000b"', "costs[0].source"),
        # a carriage return alone rewrites the line it is printed on
        ('title = "', 'description = "real\\rfake"\ntitle = "', "game.description"),
    ],
)
def test_a_control_character_in_any_text_is_refused_with_its_key(before, after, key):
    assert before in CASE_TOML
    found = problems(CASE_TOML.replace(before, after, 1))
    assert any(k.startswith(key) and "control character" in m for k, m in found), found


def test_tabs_and_line_breaks_stay_allowed_in_texts():
    text = CASE_TOML.replace('title = "', 'description = """two\r\nlines\tand a tab"""\ntitle = "', 1)
    assert "\tand a tab" in load_case_description(text)


def load_case_description(text: str) -> str:
    return parse_game(text).description or ""


def test_names_and_texts_have_a_length_limit():
    long_name = CASE_TOML.replace('name = "Pakistan"', f'name = "{"P" * (MAX_NAME_LENGTH + 1)}"', 1)
    assert 'name = "Pakistan"' in CASE_TOML
    assert any("the most a name may have" in m for _, m in problems(long_name))
    long_text = CASE_TOML.replace('title = "', f'description = "{"x" * (MAX_TEXT_LENGTH + 1)}"\ntitle = "', 1)
    assert any(k == "game.description" and "the most a text may have" in m for k, m in problems(long_text))


def test_more_players_than_an_array_can_hold_is_a_message():
    # 70 players of one strategy each: the payoff array would need 71 axes (numpy holds 64).
    players = "".join(f'[[players]]\nname = "P{i}"\nstrategies = ["S"]\n' for i in range(70))
    payoffs = '[payoffs]\n"' + "|".join(["S"] * 70) + '" = [' + ", ".join(["1"] * 70) + "]\n"
    found = problems('[game]\ntitle = "many"\n' + players + payoffs)
    assert found == [("players", "has 70 players; sovgame analyses games of at most 32 players")]


def test_too_many_claims_are_refused_before_any_is_graded():
    claim = '[[claims]]\nid = "c{}"\ntext = "t"\nsource = "s"\ntest = {{ kind = "game_type", expect = "other" }}\n'
    found = problems(CASE_TOML + "".join(claim.format(k) for k in range(101)))
    assert ("claims", "has 101 claims; a file may state at most 100 (split it into files)") in found


# --- references to other files ------------------------------------------------------------------------


def game_file(folder, name, text=CASE_TOML):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("spec", ["/etc/passwd", "../outside.toml", "/etc/outside.toml", "sub/../../outside.toml"])
def test_extends_cannot_reach_outside_the_games_folder(tmp_path, spec):
    inside = tmp_path / "inside"
    inside.mkdir()
    game_file(tmp_path, "outside.toml")
    child = game_file(inside, "child.toml", f'extends = "{spec}"\n')
    with pytest.raises(GameFileError) as caught:
        load_game(str(child))
    (problem,) = caught.value.problems
    assert problem.key == "extends"
    assert "lies outside the folder of the game" in problem.message or "is no .toml file" in problem.message


def test_a_trusted_folder_lets_extends_reach_it(tmp_path, monkeypatch):
    inside = tmp_path / "inside"
    inside.mkdir()
    game_file(tmp_path, "outside.toml")
    child = game_file(inside, "child.toml", 'extends = "../outside.toml"\n[game]\ntitle = "child"\n')
    monkeypatch.setenv("SOVGAME_TRUSTED_FOLDERS", str(tmp_path))
    assert load_game(str(child)).title == "child"


def test_a_symbolic_link_out_of_the_folder_is_outside_too(tmp_path):
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "link.toml").symlink_to(game_file(tmp_path, "outside.toml"))
    child = game_file(inside, "child.toml", 'extends = "link.toml"\n')
    with pytest.raises(GameFileError, match="lies outside the folder of the game"):
        load_game(str(child))


def test_a_toml_file_that_is_no_game_is_named_but_not_quoted(tmp_path):
    game_file(tmp_path, "settings.toml", '[database]\npassword_of_the_admin = "hunter2"\n')
    child = game_file(tmp_path, "child.toml", 'extends = "settings.toml"\n')
    with pytest.raises(GameFileError) as caught:
        load_game(str(child))
    message = str(caught.value)
    assert "is no game file" in message
    assert "password" not in message and "hunter2" not in message and "database" not in message


def test_a_claims_game_path_is_confined_and_bundled_names_still_resolve(tmp_path):
    inside = tmp_path / "inside"
    inside.mkdir()
    game_file(tmp_path, "outside.toml")
    claims = (
        '[[claims]]\nid = "far"\ntext = "t"\nsource = "s"\n'
        'test = { kind = "game_type", game = "../outside.toml", expect = "other" }\n'
        '[[claims]]\nid = "bundled"\ntext = "t"\nsource = "s"\n'
        'test = { kind = "game_type", game = "pakistan_afghanistan_india", expect = "other" }\n'
    )
    card = grade_claims(load_game(str(game_file(inside, "case.toml", CASE_TOML + claims))))
    assert card is not None
    far, bundled = card.results
    assert "lies outside the folder of the game" in far.tests[0].reason
    assert bundled.tests[0].reason and "cannot be used" not in bundled.tests[0].reason
