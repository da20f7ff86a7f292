"""[[readings]]: other orderings of the record as changed payoff cells, every problem named by its key."""

from __future__ import annotations

from fractions import Fraction as F

from cases import CASE_TOML
from sovgame import parse_game
from sovgame.sections.readings import Readings
from support import only_problem, problems


def readings(*bodies: str) -> str:
    return CASE_TOML + "".join("\n[[readings]]\n" + body for body in bodies)


def test_a_reading_replaces_whole_cells_and_keeps_the_rest():
    text = readings(
        'name = "conditional strikes"\nreason = "strikes answer inaction"\npayoffs = { "Strike|Constrain TTP" = [2.5, 1] }'
    )
    case = parse_game(text, "case.toml")
    declared = case.section(Readings)
    assert declared is not None
    (reading,) = declared.readings
    assert (reading.name, reading.reason, reading.source) == ("conditional strikes", "strikes answer inaction", None)
    game = reading.game(case.game)
    strike_constrain = case.game.parse_outcome("Strike|Constrain TTP")
    assert [game.payoffs[strike_constrain + (i,)] for i in range(2)] == [F(5, 2), F(1)]
    # Every other cell as the file states it, and the file's own game untouched.
    others = [p for p in case.game.profiles() if p != strike_constrain]
    assert all((game.payoffs[p] == case.game.payoffs[p]).all() for p in others)
    assert case.game.payoffs[strike_constrain + (0,)] == 4


def test_reading_problems_name_their_keys():
    text = readings('name = "a"\npayoffs = { "Strike|Constrain TTP" = [2, 1] }')
    assert only_problem(text) == "readings[0].reason: missing; add it as a string"
    text = readings('name = "a"\nreason = "r"')
    assert only_problem(text).startswith("readings[0].payoffs: missing; the payoff cells this reading changes")
    text = readings('name = "a"\nreason = "r"\npayoffs = { "Strike|Constrain TTP" = [2] }')
    assert only_problem(text) == (
        'readings[0].payoffs."Strike|Constrain TTP": has 1 numbers; it needs 2 (one payoff per player: Pakistan, Afghanistan)'
    )
    text = readings('name = "a"\nreason = "r"\npayoffs = { "Strike|Constrain" = [2, 1] }')
    assert only_problem(text).startswith("readings[0].payoffs.\"Strike|Constrain\": 'Constrain' is not a strategy")
    body = 'name = "a"\nreason = "r"\npayoffs = { "Strike|Constrain TTP" = [2, 1] }'
    assert "readings[1].name: duplicate reading 'a'; reading names must differ" in problems(readings(body, body))
    text = readings('name = "a"\nreason = "r"\nweights = 1\npayoffs = { "Strike|Constrain TTP" = [2, 1] }')
    assert "readings[0]" in only_problem(text) and "weights" in only_problem(text)
