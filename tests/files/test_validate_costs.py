"""Problems of a file's [[costs]], each named by its key, all of a file at once; and what a
valid cost becomes (its exposure by incidence, docs/models.md)."""

from __future__ import annotations

from fractions import Fraction as F

from cases import MIXED_COSTS_2X2
from sovgame import parse_game
from support import problems

HEAD = MIXED_COSTS_2X2.split("[[costs]]")[0]  # the 2x2 game without its costs


def costs(*tables: str) -> str:
    return HEAD + "".join(f"[[costs]]\n{t}\n" for t in tables)


def test_weights_name_their_player_and_bound():
    found = problems(costs('name = "war"\nincidence = "mutual_confront"\nweights = [1, -2]'))
    assert found == ["costs[0].weights[1]: is -2; a cost weight must be >= 0 (a benefit is a payoff, not a cost)"]
    found = problems(costs('name = "war"\nincidence = "mutual_confront"'))
    assert found == ["costs[0].weights: missing; give 2 weights, one per player"]


def test_weight_ranges_must_hold_the_stated_weight():
    text = costs('name = "war"\nincidence = "mutual_confront"\nweights = [1, 3]\nweights_range = [[0, 2], [2, 1]]')
    assert problems(text) == ["costs[0].weights_range[1]: is [2, 1]; it must be [lo, hi] with 0 <= lo <= hi"]
    text = costs('name = "war"\nincidence = "mutual_confront"\nweights = [1, 3]\nweights_range = [[0, 2], [0, 2]]')
    assert problems(text) == [
        "costs[0].weights_range[1]: is [0, 2], which does not contain the stated weight 3 (weights[1]); "
        "widen the range or change the weight"
    ]


def test_every_problem_of_the_costs_at_once():
    text = costs(
        'name = "war"\nincidence = "mutual_confront"\nweights = [1, 1]',
        'name = "war"\nincidence = "sometimes"\nweights = [1, 1]',
        'name = "trade"\nincidence = "any_conflict"\nweights = [1, 1]\nbetween = ["A", "Nobody"]',
    )
    found = problems(text)
    assert len(found) == 3
    assert found[0] == "costs[1].name: duplicate cost name 'war'"
    assert found[1].startswith("costs[1].incidence: ") and "any_conflict" in found[1]
    assert found[2].startswith("costs[2].between[1]: 'Nobody' is not a player (A, B)")


def test_a_custom_cost_needs_its_exposure_table_and_only_it_takes_one():
    assert problems(costs('name = "c"\nincidence = "custom"\nweights = [1, 1]')) == [
        'costs[0].exposure: a custom cost needs an exposure table: { "s1|s2" = [e1, e2], ... } (outcomes not listed: 0)'
    ]
    text = costs('name = "c"\nincidence = "any_conflict"\nweights = [1, 1]\nexposure = { "a1|b1" = [1, 1] }')
    assert problems(text) == [
        "costs[0].exposure: only a `custom` cost takes an exposure table; this one is 'any_conflict'"
    ]


def test_a_valid_custom_cost_lays_its_load_where_the_table_says():
    # Exposure 2 for A at a1|b1 with weight 1/2: a load of 1 there, 0 elsewhere; B's weight 3
    # at a0|b1 with exposure 1: 3.
    text = costs(
        'name = "c"\nincidence = "custom"\nweights = [0.5, 3]\nexposure = { "a1|b1" = [2, 0], "a0|b1" = [0, 1] }'
    )
    load = parse_game(text).game.cost_load()
    assert load[1, 1, 0] == 1 and load[0, 1, 1] == 3
    assert load[0, 0, 0] == load[0, 0, 1] == load[1, 0, 0] == load[1, 1, 1] == load[0, 1, 0] == F(0)
