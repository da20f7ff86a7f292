"""Gambit .nfg interop: both directions, both file versions, exact payoffs, Gambit's order.

Hand-written files follow the examples of Gambit's manual ("Game representation formats":
the e02.nfg sample, Selten 1975, in both versions); where pygambit is installed, what sovgame
writes is read back by Gambit itself and its equilibria compared with sovgame's, exactly.
"""

from __future__ import annotations

import os

import pytest

from cases import SELTEN_PAYOFF
from sovgame import load_game, parse_game
from sovgame.cli import app
from sovgame.errors import SovgameError, UsageError
from sovgame.files.convert import convert, left_out_of_nfg
from sovgame.files.nfg import nfg_to_game, read_nfg
from support import invoke_convert, same_game


def test_toml_output_is_commented_and_exact(tmp_path):
    source = tmp_path / "in.nfg"
    source.write_text('NFG 1 R "t" { "A" "B" } { { "x" } { "y" "z" } } 1/3 0.25 7 -1', encoding="utf-8")
    convert(str(source), tmp_path / "out.toml")
    text = (tmp_path / "out.toml").read_text(encoding="utf-8")
    assert text.startswith(
        f"# Converted by `sovgame convert` from {source}, a Gambit strategic-form game (.nfg, payoff version)."
    )
    assert '"x|y" = ["1/3", 0.25]' in text
    assert '"x|z" = [7, -1]' in text
    assert "compromise" not in text


def test_left_out_names_every_sovgame_only_part():
    parts = left_out_of_nfg(load_game("pakistan_afghanistan_mediation"))
    text = "\n".join(parts)
    for expected in (
        "game.source",
        'game.payoff_scale = "ordinal"',
        "compromise strategies (Pakistan: Restrain strikes; Afghanistan: Constrain TTP)",
        "notes on 4 outcomes",
        "costs (trade_disruption, refugee_returns, military_operations)",
        "analysis.plausible_kappa",
        "[mediator]",
    ):
        assert expected in text
    assert "[repeated]" not in text


def test_convert_reports_player_descriptions_through_extends(tmp_path):
    result = convert("scenario_escalation", tmp_path / "s.nfg")
    assert any(p.startswith("player descriptions (Pakistan, Afghanistan)") for p in result.left_out)
    assert result.target_format == "Gambit .nfg, payoff version"


def test_a_plain_game_leaves_nothing_out(tmp_path):
    game_file = tmp_path / "plain.toml"
    game_file.write_text(
        '[game]\ntitle = "p"\n[[players]]\nname = "A"\nstrategies = ["a"]\n'
        '[[players]]\nname = "B"\nstrategies = ["b"]\n[payoffs]\n"a|b" = [1, 2]\n',
        encoding="utf-8",
    )
    assert convert(str(game_file), tmp_path / "plain.nfg").left_out == ()


def test_convert_refuses_to_overwrite_unless_asked(tmp_path):
    target = tmp_path / "out.nfg"
    target.write_text("keep me", encoding="utf-8")
    # The library names its own parameter; the command line says --force (test below).
    with pytest.raises(SovgameError, match="exists; choose another name or pass overwrite=True"):
        convert("stag_hunt", target)
    assert target.read_text(encoding="utf-8") == "keep me"
    convert("stag_hunt", target, overwrite=True)
    assert target.read_text(encoding="utf-8").startswith("NFG 1 R")
    assert os.listdir(tmp_path) == ["out.nfg"]


@pytest.mark.parametrize(
    "source, target, message",
    [
        (
            "game.txt",
            "out.nfg",
            "game.txt: convert reads a sovgame game (.toml) or a Gambit strategic-form game (.nfg)",
        ),
        ("stag_hunt", "out.toml", "a game converts to a Gambit .nfg file; give the output a name ending in .nfg"),
        ("in.nfg", "out.nfg", "a .nfg file converts to a sovgame game file; give the output a name ending in .toml"),
        ("missing.nfg", "out.toml", "missing.nfg: no such file"),
        ("missing.toml", "out.nfg", "missing.toml: no such file"),
        ("stag_hunt", "no/such/folder/out.nfg", "no/such/folder: no such folder"),
    ],
)
def test_convert_bad_input(source, target, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "game.txt").write_text("x", encoding="utf-8")
    (tmp_path / "in.nfg").write_text(SELTEN_PAYOFF, encoding="utf-8")
    with pytest.raises(SovgameError) as caught:
        convert(source, target)
    assert message in str(caught.value)


def test_version_does_not_apply_to_toml_output(tmp_path):
    source = tmp_path / "in.nfg"
    source.write_text(SELTEN_PAYOFF, encoding="utf-8")
    with pytest.raises(UsageError):
        convert(str(source), tmp_path / "out.toml", version="outcome")
    with pytest.raises(UsageError):
        convert("stag_hunt", tmp_path / "out.nfg", version="matrix")


def test_cli_converts_both_ways_and_says_what_is_left_out(runner, tmp_path):
    nfg = tmp_path / "stag_hunt.nfg"
    result = invoke_convert(runner, "stag_hunt", nfg, "--nfg-version", "outcome")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {nfg}" in result.stderr
    assert "compromise strategies (Row: Stag; Column: Stag)" in result.stderr
    assert "costs (conflict)" in result.stderr
    assert read_nfg(nfg.read_text(encoding="utf-8")).version == "outcome"

    toml = tmp_path / "stag_hunt.toml"
    result = invoke_convert(runner, nfg, toml)
    assert result.exit_code == 0, result.output
    same_game(load_game("stag_hunt"), load_game(str(toml)))


def test_cli_refuses_to_overwrite_without_force(runner, tmp_path):
    target = tmp_path / "out.nfg"
    target.write_text("keep me", encoding="utf-8")
    result = invoke_convert(runner, "chicken", target)
    assert result.exit_code == 1
    assert f"sovgame: {target} exists; choose another name or pass --force to overwrite it" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    result = invoke_convert(runner, "chicken", target, "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith('NFG 1 R "Chicken')


@pytest.mark.parametrize(
    "args, code",
    [
        (("missing.nfg", "out.toml"), 1),
        (("stag_hunt", "out.csv"), 1),
        (("stag_hunt", "out.nfg", "--nfg-version", "matrix"), 2),
    ],
)
def test_cli_exit_codes(runner, tmp_path, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    result = invoke_convert(runner, *args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("sovgame: ") and "Traceback" not in result.stderr
    assert os.listdir(tmp_path) == []


def test_cli_reads_a_game_from_stdin(runner, tmp_path, case_toml):
    target = tmp_path / "case.nfg"
    result = runner.invoke(app, ["convert", "-", str(target)], input=case_toml)
    assert result.exit_code == 0, result.output
    assert "notes on 1 outcome\n" in result.stderr
    same_game(parse_game(case_toml), nfg_to_game(target.read_text(encoding="utf-8")))
