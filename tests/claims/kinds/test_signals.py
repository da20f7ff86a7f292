"""The ``signals`` claim test: no separating signal the sender could afford."""

from __future__ import annotations

from support import extending, graded


def test_signals_claims(tmp_path):
    """At κ = 1 no signal separates: supported. At κ = 2 signals costing 2 to 4 do: not
    supported, unless Kabul can afford less than 2."""
    case = extending(
        tmp_path,
        "pakistan_afghanistan_types",
        '{ kind = "signals", expect = "no_affordable_signal" }',
        '{ kind = "signals", expect = "no_affordable_signal", kappa = 2 }',
        '{ kind = "signals", expect = "no_affordable_signal", kappa = 2, afford = 1.5 }',
    )
    today, doubled, poor = graded(case)
    assert today.grade == "supported"
    assert doubled.grade == "not_supported" and doubled.tests[0].value == "[2, 4]"
    assert poor.grade == "supported"
