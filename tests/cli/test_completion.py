"""Shell completion: bundled games and files, and a game's costs, outcomes, players and
capacity options; a game that cannot be read offers nothing and raises nothing."""

from __future__ import annotations

from types import SimpleNamespace

from sovgame.cli.completion import complete_cost, complete_game, complete_outcome, complete_player, complete_vary


def context(game: str | None = None, args: tuple[str, ...] = ()):
    """What the completion functions read of typer's context: the parsed GAME, or the raw args."""
    return SimpleNamespace(params={"game": game}, args=list(args))


def test_game_names_and_files(tmp_path, monkeypatch):
    assert complete_game("stag") == ["stag_hunt"]
    assert complete_game("pakistan_afghanistan_i") == ["pakistan_afghanistan_india"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text("")
    (tmp_path / "mine.txt").write_text("")
    (tmp_path / "models").mkdir()
    assert complete_game("mi") == ["mine.toml"]  # not the .txt
    assert complete_game("mo") == ["models/"]  # a folder on the way to a game


def test_costs_outcomes_players_of_the_case_game():
    ctx = context("pakistan_afghanistan")
    assert complete_cost(ctx, "") == ["trade_disruption", "refugee_returns", "military_operations"]
    assert complete_cost(ctx, "re") == ["refugee_returns"]
    assert complete_outcome(ctx, "Strike|") == ["Strike|Constrain TTP", "Strike|Tolerate TTP"]
    assert len(complete_outcome(ctx, "")) == 4
    assert complete_player(ctx, "") == ["Pakistan", "Afghanistan"]
    assert complete_player(ctx, "Pakistan,") == ["Pakistan,Afghanistan"]  # an order: the rest
    assert complete_player(ctx, "Af") == ["Afghanistan"]


def test_the_game_from_raw_arguments_and_the_capacity_options():
    # An option waiting for its value stops the parse before GAME is set: the first word that
    # is no option names the game.
    ctx = context(None, ("--kappa", "pakistan_afghanistan"))
    assert complete_vary(ctx, "capacity:Pak") == ["capacity:Pakistan@Restrain strikes", "capacity:Pakistan@Strike"]
    assert complete_vary(context(None), "") == ["capacity"]


def test_an_unreadable_game_offers_nothing(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[game\n")
    for ctx in (context(str(broken)), context("no_such_game"), context("-")):
        assert complete_cost(ctx, "") == [] and complete_outcome(ctx, "") == [] and complete_player(ctx, "") == []
