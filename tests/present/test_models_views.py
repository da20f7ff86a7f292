"""The tables of ``spoiler``, ``bargaining`` and ``signals``: each number names the model it comes
from, and the tables hold the figures of the JSON."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game
from sovgame.play.bargaining import analyze_bargaining
from sovgame.play.signals import analyze_signals
from sovgame.play.spoiler import analyze_spoiler
from sovgame.present.bargaining import bargaining_sections
from sovgame.present.signals import signals_sections
from sovgame.present.spoiler import spoiler_sections


def text(sections) -> str:
    return "\n".join(
        " ".join([s.title, *s.columns, *(c for row in s.rows for c in row), s.caption or "", *s.lines])
        for s in sections
    )


def test_spoiler_tables_name_their_models():
    result = analyze_spoiler(load_game("pakistan_afghanistan_ttp"), 2)
    shown = text(spoiler_sections(result))
    assert "Kydd & Walter 2002" in shown and "Kydd 2005" in shown and "best reply" in shown
    assert "2/3" in shown and "32/125" in shown and "12/5" in shown
    data = result.to_dict()
    assert set(data["models"]) == {"beliefs", "critical", "attacks"}
    assert data["strategic"]["deterring_attack_cost"] == "2"


def test_bargaining_tables_hold_the_gains_and_powell():
    shown = text(bargaining_sections(analyze_bargaining(load_game("pakistan_afghanistan_ttp"), F(1))))
    assert "17/4" in shown and "1/4" in shown and "Fearon 1995" in shown and "Powell 2006" in shown
    assert "[1/2, 4/5]" in shown and "37/10" in shown


def test_signals_tables_hold_the_range_and_its_formula():
    shown = text(signals_sections(analyze_signals(load_game("pakistan_afghanistan_types"), 2)))
    assert "[2, 4] = [2, 1 + (3/2)κ]" in shown and "Kydd (2000, 2005)" in shown
