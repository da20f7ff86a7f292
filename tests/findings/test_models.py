"""The bottom line of ``analyze`` for a file's [spoiler] and [bargaining]: one sentence each,
only where the file declares the section, with the figures derived by hand in
tests/play/test_spoiler.py and tests/play/test_bargaining.py."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game
from sovgame.findings.models import followed_of, model_sentences


def test_the_ttp_file_gets_both_sentences():
    """2/5 → 2/3 after one attack; at κ = 2 compromise holds for beliefs up to 1/2, one quiet
    period restores it, and it survives one attack only from 12/5. The range of Pakistan's share
    [3/5 − 1/10, 3/5 + 1/5] = [1/2, 4/5]; fighting now 5 against 37/10: a commitment problem."""
    spoiler, bargaining = model_sentences(load_game("pakistan_afghanistan_ttp"))
    assert "from 2/5 to 2/3" in spoiler and "[0, 1/2]" in spoiler and "1 quiet period restores it" in spoiler
    assert "from 12/5 of today's costs (beyond)" in spoiler
    assert "[1/2, 4/5]" in bargaining and "5 against the most it can be promised, 37/10" in bargaining
    assert "a commitment problem" in bargaining and "17/4" in bargaining


def test_files_without_the_sections_get_none():
    assert model_sentences(load_game("pakistan_afghanistan_types")) == []
    assert model_sentences(load_game("pakistan_afghanistan")) == []
    assert followed_of(load_game("pakistan_afghanistan")) == []


def test_analyze_puts_them_in_its_bottom_line():
    from sovgame import analyze
    from sovgame.findings.bottom_line import bottom_line

    lines = bottom_line(analyze(load_game("pakistan_afghanistan_ttp")))
    assert sum("TTP attack" in line for line in lines) == 1
    assert sum("beats fighting" in line for line in lines) == 1


def test_every_declared_range_is_followed():
    """Two rates and three payoffs of [spoiler]; five numbers of [bargaining], each for two
    conclusions."""
    followed = followed_of(load_game("pakistan_afghanistan_ttp"))
    assert len(followed) == 5 + 10
    assert {f.name for f in followed} >= {"attack_rates.ttp_ally", "shift: commitment problem"}
    assert next(f for f in followed if f.name == "attack_cost").changes == (F(2),)
