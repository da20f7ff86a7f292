"""[[types]]: priors and payoffs of each type, every problem named by its key."""

from __future__ import annotations

from cases import CASE_TOML
from support import only_problem, problems


def types(*bodies: str) -> str:
    return CASE_TOML + "".join("\n[[types]]\n" + body for body in bodies)


def test_type_priors_must_add_up_to_one_and_names_differ():
    text = types('player = "Afghanistan"\nname = "a"\nprior = 0.5', 'player = "Afghanistan"\nname = "b"\nprior = 0.4')
    assert only_problem(text) == "types: the priors of Afghanistan's types add up to 9/10; they must add up to 1"
    text = types('player = "Afghanistan"\nname = "a"\nprior = 0.5', 'player = "Afghanistan"\nname = "a"\nprior = 0.5')
    assert "types[1].name: duplicate type 'a' of Afghanistan; type names must differ" in problems(text)


def test_type_problems_name_their_keys():
    text = types('player = "Afghanistan"\nname = "a"\nprior = 0\n')
    assert only_problem(text) == "types[0].prior: is 0; it must satisfy 0 < prior <= 1"
    text = types('player = "Afghanistan"\nname = "a"\nprior = 1\npayoffs = { "Strike|Constrain" = 1 }\n')
    found = only_problem(text)
    assert found.startswith("types[0].payoffs.\"Strike|Constrain\": 'Constrain' is not a strategy of Afghanistan")
    text = types('player = "Afghanistan"\nname = "a"\nprior = 1\npayoffs = { "Strike|Constrain TTP" = true }\n')
    assert only_problem(text) == 'types[0].payoffs."Strike|Constrain TTP": a boolean is not a number'
