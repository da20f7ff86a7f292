"""``[[effects]]``: one number written into several payoffs, read exactly, moved exactly, and
every problem named by its key."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML
from sovgame import load_case, parse_game
from sovgame.sections.effects import Effects
from sovgame.sensitivity.parameters import ParameterKind, find_parameter, with_value
from support import invoke, problems

EFFECT = """
[[effects]]
name = "shift"
player = "Pakistan"
cells = ["Restrain strikes|Constrain TTP", "Restrain strikes|Tolerate TTP"]
effect = -1
effect_range = [-1, "1/2"]
source = "an assumption"
"""


def test_the_bundled_india_file_names_both_effects_with_ranges():
    effects = load_case("pakistan_afghanistan_india").section(Effects)
    assert effects is not None
    by_name = {e.name: e for e in effects.effects}
    assert by_name["india_on_restraint"].effect == -1
    assert by_name["india_on_restraint"].effect_range == (F(-1), F(0))
    assert by_name["india_on_tolerance"].effect == F(1, 2)
    assert by_name["india_on_tolerance"].effect_range == (F(0), F(1))
    # The scenario that extends it (India held at Engage Kabul) keeps them.
    assert load_case("scenario_india_engaged").section(Effects) is not None


def test_an_effect_moves_every_payoff_it_names_by_the_same_amount():
    case = parse_game(CASE_TOML + EFFECT)
    effects = case.section(Effects)
    assert effects is not None and effects.effects[0].effect_range == (F(-1), F(1, 2))
    parameter = find_parameter(case, "effect:shift")
    assert parameter.kind == ParameterKind.EFFECT
    moved = with_value(case, parameter, F(1, 4))
    before, after = case.game.payoffs, moved.game.payoffs
    # Pakistan's payoffs at its restraint rise by 1/4 - (-1) = 5/4; nothing else moves.
    changed = {(p, i) for p in case.game.profiles() for i in range(2) if before[p + (i,)] != after[p + (i,)]}
    assert changed == {((0, 0), 0), ((0, 1), 0)}
    assert after[0, 0, 0] - before[0, 0, 0] == F(5, 4)
    assert moved.section(Effects).effects[0].effect == F(1, 4)


def test_files_without_effects_still_load_and_have_no_effect_numbers():
    case = load_case("pakistan_afghanistan")
    assert case.section(Effects) is None


def test_every_problem_is_named_by_its_key():
    bad = (
        EFFECT.replace('effect_range = [-1, "1/2"]', "effect_range = [0, 1]")
        .replace('"Restrain strikes|Tolerate TTP"', '"Restrain strikes|Nothing"')
        .replace('player = "Pakistan"', 'player = "Pakistn"')
    )
    found = problems(CASE_TOML + bad)
    keys = {p.split(":")[0] for p in found}
    assert {"effects[0].player", "effects[0].cells[1]", "effects[0].effect_range"} <= keys, found
    assert any("must contain the stated value -1" in p for p in found), found
    missing = problems(CASE_TOML + '\n[[effects]]\nname = "x"\nplayer = "Pakistan"\ncells = []\n')
    assert any(p.startswith("effects[0].effect:") for p in missing), missing
    assert any(p.startswith("effects[0].cells:") for p in missing), missing


def test_a_bad_effect_is_exit_1_without_a_traceback(runner, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(CASE_TOML + EFFECT.replace("effect = -1", 'effect = "x"'), encoding="utf-8")
    result = invoke(runner, "show", str(path))
    assert result.exit_code == 1
    assert "effects[0].effect" in result.stderr and "bad.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_effect_beside_limited_capacity_is_refused_by_its_key():
    # With [[capacity]] the analyses read expected payoffs, mixed from the stated ones: an
    # effect added to them would move the wrong numbers, so the file is refused, not misread.
    capacity = '\n[[capacity]]\nplayer = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.6\n'
    found = problems(CASE_TOML + EFFECT + capacity)
    assert any(p.startswith("effects:") and "[[capacity]]" in p for p in found), found
    parse_game(CASE_TOML + capacity), parse_game(CASE_TOML + EFFECT)  # each alone loads
