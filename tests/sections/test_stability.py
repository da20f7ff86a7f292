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


def test_problems_of_same_state():
    found = problems(
        CASE_TOML + '\n[stability]\ninfeasible = ["Strike|Tolerate TTP"]\nsame_state = [\n'
        '  ["Restrain strikes|Constrain TTP"],\n'
        '  ["Strike|Constrain TTP", "Strike|Tolerate TTP"],\n'
        '  ["Restrain strikes|Tolerate TTP", "Restrain strikes|Constrain TTP"],\n'
        '  ["Restrain strikes|Constrain TTP", "Strike|Maybe"],\n'
        "]\n"
    )
    text = "\n".join(found)
    assert "stability.same_state[0]: names one outcome" in text
    assert "stability.same_state[1]: 'Strike|Tolerate TTP' is infeasible" in text
    assert "stability.same_state[3]" in text and "'Maybe' is not a strategy of Afghanistan" in text
    assert "stability.same_state[2]" not in text


def test_an_outcome_in_two_shared_states():
    found = problems(
        CASE_TOML + "\n[stability]\nsame_state = [\n"
        '  ["Strike|Constrain TTP", "Strike|Tolerate TTP"],\n'
        '  ["Restrain strikes|Tolerate TTP", "Strike|Tolerate TTP"],\n'
        "]\n"
    )
    assert any("stability.same_state[1]: 'Strike|Tolerate TTP' is already in another group" in p for p in found)


def test_same_state_must_be_a_list_of_lists():
    found = problems(CASE_TOML + '\n[stability]\nsame_state = ["Strike|Constrain TTP"]\n')
    assert any(p.startswith("stability.same_state: must be a list of lists") for p in found)
