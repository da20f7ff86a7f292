"""Decimals beside fractions in what people read: four significant digits after each fraction
and closed form, "never" for inf, and the places left alone (the module's docstring)."""

from __future__ import annotations

import pytest

from sovgame.present.decimals import decimals_shown, decorate, exact_only, with_decimals
from sovgame.present.sections import Section


@pytest.mark.parametrize(
    "text, shown",
    [
        ("κ_NE = 4/3", "κ_NE = 4/3 (1.333)"),  # 1.3333... to four significant digits
        ("κ = 1/3", "κ = 1/3 (0.3333)"),
        ("x = 2/3.", "x = 2/3 (0.6667)."),  # a full stop after the number stays after it
        ("-1/2", "-1/2 (-0.5)"),
        ("1/4, 5/2", "1/4 (0.25), 5/2 (2.5)"),
        ("1 + √2", "1 + √2 (2.414)"),  # √2 = 1.41421...
        ("2·√3", "2·√3 (3.464)"),  # 2·1.73205... = 3.4641
        ("threshold inf", "threshold never"),
    ],
)
def test_a_decimal_follows_each_exact_number(text, shown):
    assert with_decimals(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "3",  # whole numbers need none
        "from κ = 4/3 (1.333)",  # already there
        "≈0.4142 and 4/3",  # a line with an approximation
        "(3/4)κ",  # parts of a formula in κ or q
        "4/(1 + 2q)",
        "“costs 1/2 of trade”",  # a claim in its own words
        "'1/2'",
        "infinity",  # only the word inf becomes never
    ],
)
def test_places_left_alone(text):
    assert with_decimals(text) == text


def test_exact_only_turns_decimals_off_but_still_says_never():
    assert decimals_shown()
    with exact_only():
        assert not decimals_shown()
        assert with_decimals("4/3 and inf") == "4/3 and never"
    assert decimals_shown() and with_decimals("4/3") == "4/3 (1.333)"


def test_sections_get_decimals_except_in_name_columns_and_the_users_own_text():
    section = Section("t", ["name", "value"], rows=[["1/2", "1/2"]], lines=["at 4/3"], whole={0})
    shown = decorate(section)
    assert shown.rows == [["1/2", "1/2 (0.5)"]] and shown.lines == ["at 4/3 (1.333)"]
    plain = Section("notes", [], [], lines=["3/4 of trade"], plain=True)
    assert decorate(plain) == plain
