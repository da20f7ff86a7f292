"""[bargaining]: read exactly, every problem named by its key."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML
from sovgame import parse_game
from sovgame.sections.bargaining import BargainingSection
from sovgame.sections.ranged import Ranged
from support import problems

BARGAINING = """
[bargaining]
player = "Pakistan"
prevail = 0.5
prevail_range = [0.4, 0.7]
costs = { Pakistan = 0.1, Afghanistan = 0.1 }
"""


def test_bargaining_is_read_exactly():
    section = parse_game(CASE_TOML + BARGAINING).section(BargainingSection)
    assert section is not None
    assert section.player == 0 and section.prevail == Ranged(F(1, 2), (F(2, 5), F(7, 10)))
    assert section.costs == (Ranged(F(1, 10)), Ranged(F(1, 10)))
    assert section.shift is None and section.divisions is None


def test_bargaining_problems_name_their_keys():
    found = problems(CASE_TOML + BARGAINING.replace("prevail = 0.5", "prevail = 2") + "shift = 0.1\n")
    assert "bargaining.prevail: is 2; it must satisfy 0 <= prevail <= 1" in found
    assert any(p.startswith("bargaining.discount: missing") for p in found)
    found = problems(CASE_TOML + BARGAINING.replace("Afghanistan = 0.1", "Kabul = 0.1"))
    assert found == ["bargaining.costs: give the cost of fighting of each player: Pakistan, Afghanistan"]
    found = problems(CASE_TOML + BARGAINING + "divisions = [0, 2]\nsurplus = 1\n")
    assert "bargaining.divisions[1]: is 2; it must satisfy 0 <= divisions[1] <= 1" in found
    assert any(p.startswith("bargaining.surplus: unknown key") for p in found)


def test_a_shift_must_keep_the_probability_of_prevailing_a_probability():
    """0.5 + 0.3 is fine, but its range [0.4, 0.7] with a shift up to 0.4 reaches 1.1."""
    found = problems(CASE_TOML + BARGAINING + "shift = 0.3\nshift_range = [0, 0.4]\ndiscount = 0.9\n")
    assert found == [
        "bargaining.shift: prevail + shift must stay within [0, 1], for the stated values and across their declared ranges"
    ]
