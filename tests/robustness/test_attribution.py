"""Which drawn numbers carry the disagreement with the file's verdict: a game where one weight
decides it (shares and rank correlation derived by hand), and the bundled case."""

from __future__ import annotations

import math

from sovgame import load_game, parse_game
from sovgame.present.robust import attribution_lines
from sovgame.robustness.runner import robust

ONE_WEIGHT = """
[game]
title = "one weight decides"
[[players]]
name = "Row"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "Column"
strategies = ["C", "D"]
compromise = "C"
[payoffs]
"C|C" = [3, 3]
"C|D" = [0, 3.5]
"D|C" = [4, 0]
"D|D" = [1, 1]
[[costs]]
name = "strikes"
incidence = "own_confront"
weights = [0.75, 2]
weights_range = [[0.5, 2], [2, 2]]
[analysis]
plausible_kappa = [0, 2]
"""


def test_one_drawn_weight_carries_all_the_disagreement():
    """Row's threshold is (4 − 3)/w = 1/w, Column's (3.5 − 3)/2 = 1/4, so κ_NE = 1/w: reachable
    (1 < 1/w ≤ 2) for w in [1/2, 1), holds today for w ≥ 1. The file's w = 3/4 is reachable; w
    is drawn from Uniform(1/2, 2), so P(disagree) = P(w ≥ 1) = (2 − 1)/(3/2) = 2/3. Below the
    median 5/4 the samples disagree when w ∈ [1, 5/4): (1/4)/(3/4) = 1/3; above it always.
    Spearman's ρ of w with 1{w ≥ 1} is corr(U, 1{U ≥ q}) for U uniform and q = 1/3:
    q(1 − q)/2 / √(q(1 − q)/12) = √(3q(1 − q)) = √(2/3)."""
    result = robust(parse_game(ONE_WEIGHT), 20_000, seed=5)
    (nash,) = [a for a in result.attribution if a.criterion == "nash"]
    assert nash.file_verdict == "reachable" and nash.samples == 20_000
    assert abs(nash.disagreement - 2 / 3) < 0.015
    (driver,) = nash.drivers
    assert driver.number == "Row's strikes weight"
    assert abs(driver.rho - math.sqrt(2 / 3)) < 0.02
    assert abs(driver.below - 1 / 3) < 0.02 and driver.above == 1.0


def test_the_case_names_pakistans_military_weight_for_uniqueness():
    """The file says 'beyond' for uniqueness (κ = 1/w_mil = 4); a larger drawn w_mil lowers it
    into the plausible range (reachable above w_mil = 1/2, see docs/models.md): the disagreement
    rises with it."""
    result = robust(load_game("pakistan_afghanistan"), 5000, seed=1)
    unique = {a.criterion: a for a in result.attribution}["unique"]
    top = unique.drivers[0]
    assert top.number == "Pakistan's military_operations weight"
    assert top.rho > 0 and top.above > top.below
    data = result.to_dict()["attribution"]
    assert set(data) == {"nash", "dominant", "unique"}
    assert list(data["unique"]) == ["file_verdict", "disagreement", "samples", "drivers"]
    assert data["unique"]["drivers"][0]["number"] == top.number
    lines = attribution_lines(result)
    assert len(lines) == 3 and "Pakistan's military_operations weight (ρ = +" in lines[2]


def test_nothing_uncertain_means_no_attribution():
    text = ONE_WEIGHT.replace("weights_range = [[0.5, 2], [2, 2]]\n", "")
    assert robust(parse_game(text), 100, seed=1).attribution == ()
