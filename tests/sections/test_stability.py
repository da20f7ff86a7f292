"""``[stability]``: every problem named by its key, all at once."""

from __future__ import annotations

from cases import CASE_TOML
from support import problems


def test_problems_of_the_stability_table():
    found = problems(
        CASE_TOML + '\n[stability]\nstatus_quo = "Strike|Maybe"\ninfeasible = ["Strike"]\n'
        'irreversible = [{ player = "India", from = "Strike" }, { player = "Pakistan", from = "Strike", to = 3 }]\n'
        "colour = 1\n"
    )
    text = "\n".join(found)
    assert "stability.status_quo" in text and "'Maybe' is not a strategy of Afghanistan" in text
    assert "stability.infeasible" in text
    assert "stability.irreversible[0].player" in text and "India" in text
    assert "stability.irreversible[1].to" in text
    assert "stability.colour: unknown key" in text
