"""The glossary that ends an output: a line for exactly the terms the output uses, in a fixed
order, verdict words in any case, and none for the user's own text."""

from __future__ import annotations

from sovgame.present.glossary import glossary_lines, glossary_section
from sovgame.present.sections import Section


def section(*lines: str, plain: bool = False, rows=()) -> Section:
    return Section("Result", ["name", "value"], [list(r) for r in rows], lines=list(lines), plain=plain)


def heads(lines: list[str]) -> list[str]:
    """Each glossary line's term: the words before its colon."""
    return [line.split(":")[0] for line in lines]


def test_only_the_terms_used_in_the_order_of_the_glossary():
    lines = glossary_lines([section("Pakistan binds; the threshold is κ = 4/3")])
    assert heads(lines) == ["κ (kappa)", "threshold", "binding"]


def test_risk_dominant_is_not_dominant_and_verdict_words_match_in_any_case():
    lines = glossary_lines([section("(C, C) is risk-dominant"), section(rows=[("unique", "Holds Today")])])
    assert heads(lines) == [
        "only equilibrium",
        "risk-dominant (Harsanyi & Selten 1988; 2x2 games)",
        "holds today (verdict)",
    ]
    # "dominant" alone (not after "risk-") is a term of its own.
    assert heads(glossary_lines([section("Strike is dominant")])) == ["dominant"]


def test_the_users_own_text_adds_nothing_and_no_terms_no_section():
    assert glossary_lines([section("a threshold at κ = 2", plain=True)]) == []
    assert glossary_section([section("nothing to explain here")]) is None
    found = glossary_section([section("never reached")])
    assert found is not None and found.title == "Glossary" and found.plain
    assert heads(found.lines) == ["never (verdict)"]
