"""The sentences that say why a threshold is where it is: the binding player's deviation with
its gain and extra cost per unit of κ, or the gain no cost level removes; the numbers are the
case game's and the textbook games' of docs/models.md."""

from __future__ import annotations

from sovgame import load_game, parse_game
from sovgame.costs.reasons import others_playing, strategy_name
from sovgame.costs.thresholds import compute_thresholds

CASE = load_game("pakistan_afghanistan")


def test_who_plays_what():
    assert strategy_name(CASE.game, 0, 1) == "'Strike'"
    assert others_playing(CASE.game, (0, 0), 0) == "Afghanistan plays 'Constrain TTP'"
    assert others_playing(CASE.game, (1, 1), 1) == "Pakistan plays 'Strike'"


def test_the_nash_reason_of_the_case_game():
    # Pakistan binds: its strike gains 4 − 3 = 1 and costs 3/4 more per κ, so κ ≥ 4/3;
    # Afghanistan alone would need 1/(3/2) = 2/3.
    reason = compute_thresholds(CASE).thresholds["nash"].reason
    assert reason.startswith(
        "Pakistan binds: 'Strike' gains 1 when Afghanistan plays 'Constrain TTP' and costs make it "
        "dearer by 3/4 per unit of κ, so κ must reach 4/3; "
    )
    assert reason.endswith("(Afghanistan alone would need 2/3)")


def test_a_gain_no_cost_removes():
    # Prisoner's Dilemma with costs only at mutual confrontation: defecting against C gains
    # T − R = 5 − 3 = 2 and costs nothing more (docs/models.md: mutual_confront, never).
    text = load_game_text("prisoners_dilemma").replace('incidence = "any_conflict"', 'incidence = "mutual_confront"')
    reason = compute_thresholds(parse_game(text)).thresholds["nash"].reason
    assert reason == (
        "Row gains 2 by playing 'Defect' instead of 'Cooperate' when Column plays 'Cooperate', and every cost "
        "falls on both of its choices alike, so no cost level removes that gain"
    )


def test_a_target_that_needs_no_costs():
    # Stag Hunt: (C, C) is an equilibrium at κ = 0 already (R = 4 > T = 3).
    reason = compute_thresholds(load_game("stag_hunt")).thresholds["nash"].reason
    assert reason == "no player gains by leaving the target even without costs"


def load_game_text(name: str) -> str:
    from sovgame.files.gamefile import read_game_text

    return read_game_text(name)[0]
