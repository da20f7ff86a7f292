"""The first pass: each criterion's exact set of κ and the facts that decide it, derived by
hand (docs/models.md)."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game, parse_game
from sovgame.core.intervals import Interval
from sovgame.costs.assessment import assess
from sovgame.costs.deviations import Deviation
from sovgame.costs.sets import Criterion, criterion_set, dominance_set, every_criterion_set, nash_set
from sovgame.costs.verdicts import Verdict
from strategies import symmetric, two_by_two_text


def test_the_case_games_nash_set_and_who_binds():
    # docs/models.md, the case: Pakistan's Strike against Constrain gains 4 − 3 = 1 and costs
    # it 1/2 (trade) + 1/4 (military) = 3/4 more per unit of κ: κ ≥ 4/3. Afghanistan's
    # Tolerate gains 1 and costs 1 (trade) + 1/2 (refugees) = 3/2 more: κ ≥ 2/3. Together
    # from 4/3 on, Pakistan binding, no cost level where a gain stays.
    game = load_game("pakistan_afghanistan").game
    found = nash_set(game, game.payoffs, game.cost_load(), (0, 0))
    assert found.intervals == (Interval(F(4, 3), True, None),)
    assert [(p.player, p.start) for p in found.players] == [(0, F(4, 3)), (1, F(2, 3))]
    assert found.binding == found.binds == 0
    assert found.deciding == Deviation(0, (0, 0), 1, F(1), F(3, 4))
    assert found.blocking is None
    # The sets know nothing of the plausible range: the same for every one.
    assert assess(found, (F(0), F(2))).verdict == Verdict.REACHABLE
    assert assess(found, (F(0), F(1))).verdict == Verdict.BEYOND


def test_a_gain_no_cost_removes_blocks_dominance_and_uniqueness():
    # Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1, any_conflict weight 1: (C, D) and (D, D)
    # carry the same cost, so against D confronting still pays P − S = 1 at every κ: C never
    # strictly dominates, and (D, D) stays an equilibrium (docs/models.md: never unique).
    game = symmetric(3, 0, 5, 1, "any_conflict").game
    dominance = dominance_set(game, game.payoffs, game.cost_load(), (0, 0))
    assert dominance.intervals == () and dominance.binding is None
    assert dominance.blocking == Deviation(0, (0, 1), 1, F(1), F(0))
    found = every_criterion_set(game, (0, 0), game.kept_costs())
    unique = found["unique"]
    assert unique.intervals == () and unique.uniqueness is not None and unique.pieces == ()
    assert "no cost level removes that gain: (D, D) stays an equilibrium" in assess(unique, (F(0), F(2))).reason


def test_a_set_of_two_pieces_risk_dominance_lost_at_one_point():
    # Target (C, C), confrontation (D, D); a custom cost puts weight 1 on the row player at
    # (D, D) and on the column player at (D, C). Leaving (C, C) loses 1 for each at every κ,
    # so (C, C) is always strict. At (D, D): the row player loses P1 − S1 = 2 − κ by leaving,
    # the column player P2 − S2 = 0 − (−κ) = κ. (D, D) is strict for 0 < κ < 2, and there
    # (C, C) risk-dominates iff 1·1 > (2 − κ)κ, i.e. (κ − 1)² > 0, i.e. κ ≠ 1. Outside
    # (0, 2) (D, D) is no strict equilibrium. So the set is [0, 1) ∪ (1, ∞): two pieces.
    text = two_by_two_text([(1, 1), (0, 0), (0, 0), (2, 0)], "any_conflict").replace(
        'incidence = "any_conflict"', 'incidence = "custom"\nexposure = { "D|D" = [1, 0], "D|C" = [0, 1] }'
    )
    game = parse_game(text).game
    found = criterion_set(game, Criterion.RISK_DOMINANT, (0, 0), game.kept_costs())
    assert found.intervals == (Interval(F(0), True, F(1), False), Interval(F(1), False, None))
    # Read against today (κ = 1, not in the set) and the top 2: it meets (1, 2], reachable.
    # The value is the least κ of the set (0); the upper end is that of the piece that
    # decides the verdict, (1, ∞), which has none.
    threshold = assess(found, (F(0), F(2)))
    assert threshold.verdict == Verdict.REACHABLE and (threshold.value, threshold.upper) == (F(0), None)
    # With the top at 1/2 nothing meets (1, 1/2] or lies at 1: the piece (1, ∞) lies above
    # both, beyond, and decides again.
    assert assess(found, (F(0), F(1, 2))).verdict == Verdict.BEYOND
    assert "holds for κ in [0, 1) ∪ (1, ∞): not at today's costs" in threshold.reason
