"""[spoiler]: read exactly, declared ranges kept (sections.ranged), every problem named by its key."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML
from sovgame import parse_game
from sovgame.sections.ranged import Ranged
from sovgame.sections.spoiler import Spoiler
from support import problems

SPOILER = """
[spoiler]
name = "TTP"
player = "Afghanistan"
type = "ally"
attack_rates = { ally = "3/5", seeker = 0.2 }
attack_rates_range = { ally = [0.4, 0.8] }
"""


def test_spoiler_is_read_exactly():
    spoiler = parse_game(CASE_TOML + SPOILER).section(Spoiler)
    assert spoiler is not None
    assert (spoiler.name, spoiler.player, spoiler.watched) == ("TTP", 1, "ally")
    assert dict(spoiler.rates) == {"ally": Ranged(F(3, 5), (F(2, 5), F(4, 5))), "seeker": Ranged(F(1, 5))}
    assert not spoiler.strategic


def test_spoiler_problems_name_their_keys():
    text = CASE_TOML + SPOILER.replace('"3/5"', "1.5").replace("[0.4, 0.8]", "[0.7, 0.8]") + "attack_cost = 1\n"
    found = problems(text)
    assert "spoiler.attack_rates.ally: is 3/2; it must satisfy 0 <= ally <= 1" in found
    assert any(p.startswith("spoiler: the spoiler's payoffs need all of") for p in found)
    found = problems(CASE_TOML + SPOILER.replace('type = "ally"', 'type = "friend"'))
    assert found == ["spoiler.type: 'friend' has no rate in attack_rates (ally, seeker)"]
    found = problems(CASE_TOML + SPOILER.replace("[0.4, 0.8]", "[0.7, 0.8]"))
    assert found == ["spoiler.attack_rates_range.ally: [7/10, 4/5] must contain the stated value 3/5"]


def test_spoiler_types_are_checked_when_analysed():
    from sovgame.errors import SovgameError
    from sovgame.play.spoiler import analyze_spoiler

    case = parse_game(CASE_TOML + SPOILER, "case.toml")
    try:
        analyze_spoiler(case, 2)
    except SovgameError as exc:
        assert "case.toml: spoiler: the updating model needs exactly two [[types]] of Afghanistan" in str(exc)
    else:
        raise AssertionError("a spoiler without types was analysed")
