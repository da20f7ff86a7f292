"""Grim trigger only with a credible punishment (Friedman 1971): δ* against the all-confront
profile where it is a stage equilibrium, against each player's worst stage equilibrium
(Nash reversion) where it is not."""

from __future__ import annotations

import json
from fractions import Fraction as F

from sovgame.cli import app
from sovgame.costs.grim import grim_trigger
from sovgame.costs.thresholds import compute_thresholds
from sovgame.play.repeated import analyze_repeated
from strategies import symmetric, two_by_two_text

# A Prisoner's Dilemma (R, S, T, P = 3, 0, 5, 1) whose only cost is war damage at (D, D)
# (mutual_confront, weight 1): P(κ) = 1 − κ, everything else unchanged. (D, D) is a stage
# equilibrium while P ≥ S, i.e. κ ≤ 1; above that the game is Chicken (T > R > S > P), a
# Kashmir-like crisis in which reverting to mutual confrontation is no credible threat.
WAR = (3, 0, 5, 1)


def test_below_one_the_all_confront_outcome_is_the_punishment():
    case = symmetric(*WAR, "mutual_confront")
    # At κ = 1/2: δ* = (T − R)/(T − P) = 2/(5 − 1/2) = 4/9.
    point = grim_trigger(case.game, case.game.payoffs, case.game.cost_load(), (0, 0), F(1, 2))
    assert point.credible and point.delta_star == {"Row": F(4, 9), "Column": F(4, 9)}


def test_where_it_is_no_stage_equilibrium_delta_star_is_against_nash_reversion():
    case = symmetric(*WAR, "mutual_confront")
    # At κ = 3/2, P = −1/2 < S = 0. Grim trigger would claim δ* = 2/(5 + 1/2) = 4/11. The
    # stage equilibria are (C, D), (D, C) and a mixed one; the worst for the row player is
    # (C, D), paying it S = 0 (the mixed one pays (RP − ST)/(R + P − S − T) = 3/5). So
    # Nash reversion gives δ* = (T − R)/(T − 0) = 2/5.
    point = grim_trigger(case.game, case.game.payoffs, case.game.cost_load(), (0, 0), F(3, 2))
    assert not point.credible
    assert point.delta_star == {"Row": F(2, 5), "Column": F(2, 5)}
    # δ = 19/50 lies between 4/11 and 2/5: the old answer ("sustained") was wrong.
    assert not point.sustained(F(19, 50)) and point.sustained(F(2, 5))


def test_the_sustained_set_uses_the_credible_threat():
    case = symmetric(*WAR, "mutual_confront")
    # δ = 19/50: for κ ≤ 1, δ* = 2/(4 + κ) ≥ 2/5 > 19/50; for κ > 1, δ* = 2/5 (above). So
    # never; grim trigger alone would have claimed every κ ≥ 24/19 (2/(4 + κ) ≤ 19/50).
    never = compute_thresholds(case, discount=F(19, 50)).repeated.sustainable_from
    assert never.intervals == () and never.verdict == "never"
    # δ = 1/2: 2/(4 + κ) ≤ 1/2 for every κ ≥ 0, and 2/5 ≤ 1/2: every κ, so it holds today.
    always = compute_thresholds(case, discount=F(1, 2)).repeated.sustainable_from
    assert (always.value, always.attained, always.upper, always.verdict) == (F(0), True, None, "holds_today")


def test_repeated_and_thresholds_say_the_threat_is_not_credible(runner, tmp_path):
    path = tmp_path / "kashmir.toml"
    path.write_text(two_by_two_text([(3, 3), (0, 5), (5, 0), (1, 1)], "mutual_confront"), encoding="utf-8")
    out = runner.invoke(app, ["repeated", str(path), "--kappa", "3/2", "--discount", "0.38"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert "no credible threat" in text and "does not sustain compromise" in text
    data = json.loads(runner.invoke(app, ["repeated", str(path), "--kappa", "3/2", "-f", "json"]).stdout)
    assert data["credible"] is False and data["delta_star"] == {"Row": "2/5", "Column": "2/5"}
    # `thresholds` shows δ* at κ = 0, 1 and the top (2): at 2 the punishment is not credible.
    report = json.loads(runner.invoke(app, ["thresholds", str(path), "-f", "json"]).stdout)["repeated"]
    assert [(p["kappa"], p["credible"]) for p in report["points"]] == [("0", True), ("1", True), ("2", False)]
    assert "no credible threat" in report["note"]
    result = analyze_repeated(symmetric(*WAR, "mutual_confront"), F(3, 2))
    assert result.delta_star == {"Row": F(2, 5), "Column": F(2, 5)}


def test_analyze_does_not_call_a_non_credible_trigger_sustaining():
    from sovgame import analyze

    # War damage of weight 2 at (D, D): at κ = 1, P = 1 − 2 = −1 < S = 0, so (D, D) is no
    # stage equilibrium today; the worst stage equilibrium pays each player S = 0, and
    # δ* = (5 − 3)/(5 − 0) = 2/5 by Nash reversion.
    case = symmetric(*WAR, "mutual_confront", weights=(2, 2))
    sentence = next(line for line in analyze(case).conclusion if "repeated play" in line)
    assert "no credible threat" in sentence and "Nash reversion" in sentence and "Row 2/5" in sentence


def test_no_temptation_needs_no_patience_even_where_no_punishment_bites():
    # A Stag Hunt with R, S, T, P = 4, 0, 1, 2 at κ = 0: (D, D) is a stage equilibrium
    # (P = 2 > S = 0), so reverting to it is credible. Leaving (C, C) loses: T − R = −3. The
    # punishment does not bite either: T − P = −1 ≤ 0, the deviator would still be better off
    # than under punishment. With nothing to deter, every δ ≥ 0 deters: δ* = 0, not "no
    # discount factor deters" (None).
    game = symmetric(4, 0, 1, 2, "any_conflict").game
    point = grim_trigger(game, game.payoffs, game.cost_load(), (0, 0), F(0))
    assert point.credible and point.delta_star == {"Row": F(0), "Column": F(0)}
    assert point.sustained(F(1, 100))
    # The edge of both: R = T = P = 3, S = 0. (D, D) is a stage equilibrium (P = 3 ≥ S = 0);
    # the temptation T − R = 0 gains nothing and the gap T − P = 0 punishes nothing: δ* = 0.
    edge = symmetric(3, 0, 3, 3, "any_conflict").game
    point = grim_trigger(edge, edge.payoffs, edge.cost_load(), (0, 0), F(0))
    assert point.credible and point.delta_star == {"Row": F(0), "Column": F(0)}
