"""Move order and commitment: backward induction on textbook games and the case, against
hand derivations (docs/models.md, "Move order and commitment") and a brute-force check of
subgame perfection."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import bimatrix_game, load_game
from sovgame.core.intervals import Interval
from sovgame.costs.verdicts import Verdict
from sovgame.errors import ParameterError, SovgameError
from sovgame.play.sequential import analyze_sequential, outcome_sets, solve_order
from strategies import costed_2x2

ROW_FIRST, COLUMN_FIRST = (0, 1), (1, 0)


def test_case_orders_against_the_hand_derivation():
    """Kabul first: Pakistan restrains after 'Constrain' iff 3 ≥ 4 − 3κ/4 (κ ≥ 4/3) and after
    'Tolerate' iff κ ≥ 4; for κ > 4/3 Kabul gets 3 by constraining against 2 − 3κ/2 (or
    4 − 3κ/2 above 4) by tolerating: compromise is the unique SPE outcome for κ > 4/3, and at
    4/3 Pakistan's tie lets Kabul tolerate too. Pakistan first: Kabul constrains after
    'Restrain' iff 3 ≥ 4 − 3κ/2 (κ ≥ 2/3) and always tolerates after 'Strike'; Pakistan then
    restrains (3 > 2 − 3κ/4): unique for κ > 2/3. Simultaneous: an equilibrium from 4/3, the
    only one above 4."""
    analysis = analyze_sequential(load_game("pakistan_afghanistan"))
    kabul, pakistan, simultaneous = analysis.row(COLUMN_FIRST), analysis.row(ROW_FIRST), analysis.row(None)
    assert kabul.outcome.intervals == (Interval(F(4, 3), True, None),)
    assert kabul.unique.intervals == (Interval(F(4, 3), False, None),)
    assert pakistan.outcome.intervals == (Interval(F(2, 3), True, None),)
    assert pakistan.unique.intervals == (Interval(F(2, 3), False, None),)
    assert (simultaneous.outcome.value, simultaneous.unique.value) == (F(4, 3), F(4))
    assert [kabul.unique.verdict, pakistan.unique.verdict, simultaneous.unique.verdict] == [
        Verdict.REACHABLE,
        Verdict.HOLDS_TODAY,
        Verdict.BEYOND,
    ]


def test_case_value_of_moving_first_today():
    """At κ = 1 (payoffs R 3, S 1/2, T 13/4, P 5/4 for Pakistan; 3, −1/2, 5/2, 1/2 for Kabul):
    simultaneous play ends at (Strike, Tolerate), 5/4 and 1/2. Pakistan leading restrains and
    Kabul constrains (3 > 5/2): 3 each. Kabul leading: Pakistan strikes after either move
    (13/4 > 3, 5/4 > 1/2), so Kabul tolerates: as simultaneous."""
    first = {m.player: m for m in analyze_sequential(load_game("pakistan_afghanistan")).first_movers}
    assert first["Pakistan"].leading == (3, 3) and first["Pakistan"].value == (F(7, 4), F(7, 4))
    assert first["Afghanistan"].leading == (F(1, 2), F(1, 2)) and first["Afghanistan"].value == (0, 0)
    assert first["Afghanistan"].following == (3, 3)


def test_sequential_prisoners_dilemma():
    """R, S, T, P = 3, 0, 5, 1: the follower defects after either move (5 > 3, 1 > 0), so the
    leader defects (1 > 0): one SPE, outcome (D, D), plan (D, D)."""
    solution = solve_order(load_game("prisoners_dilemma"), ROW_FIRST, 0)
    (spe,) = solution.equilibria
    assert (spe.leader_move, spe.plan, spe.outcome, spe.payoffs) == (1, (1, 1), (1, 1), (1, 1))
    assert solution.mixed_outcomes == ()


def test_sequential_stag_hunt_resolves_the_assurance_problem():
    """R, S, T, P = 4, 0, 3, 2: the follower matches (Stag after Stag: 4 > 3; Hare after Hare:
    2 > 0), so the leader hunts the stag (4 > 2): (Stag, Stag) is the only SPE outcome, while
    the simultaneous game has three equilibria."""
    solution = solve_order(load_game("stag_hunt"), COLUMN_FIRST, 0)
    (spe,) = solution.equilibria
    assert (spe.leader_move, spe.plan, spe.outcome) == (0, (0, 1), (0, 0))


def test_battle_of_the_sexes_first_mover_advantage():
    """Row first: Column answers Opera with Opera (1 > 0) and Football with Football (2 > 0),
    so Row picks Opera (2 > 1); symmetrically Column first gives (Football, Football). Each
    gets 2 leading and 1 following; simultaneously 2/3 (mixed) to 2."""
    movers = analyze_sequential(load_game("battle_of_the_sexes")).first_movers
    for mover in movers:
        assert (mover.leading, mover.following, mover.simultaneous) == ((2, 2), (1, 1), (F(2, 3), 2))
        assert mover.value == (0, F(4, 3))
    assert analyze_sequential(load_game("battle_of_the_sexes")).rows[1].outcome is None  # no compromise named


def test_a_followers_tie_lists_every_spe_and_the_outcome_only_mixing_reaches():
    """Row leads with r1 or r2. After r1 Column is indifferent between c1 (Row gets 0) and c2
    (Row gets 10); after r2 Column plays c1 (Row gets 4). Pure SPE: plan c2 → Row plays r1
    (10 > 4); plan c1 → r2 (4 > 0). (r1, c1) is no pure SPE outcome (0 < 4), but Column may
    answer r1 with c2 at any probability from 2/5 below 1, which keeps r1 optimal and reaches (r1, c1)."""
    game = bimatrix_game([[0, 10], [4, 4]], [[1, 1], [1, 0]])
    solution = solve_order(game, ROW_FIRST, 0)
    assert {(e.leader_move, e.plan) for e in solution.equilibria} == {(0, (1, 0)), (1, (0, 0))}
    assert solution.outcomes == ((0, 1), (1, 0)) and solution.mixed_outcomes == ((0, 0),)


def brute_force_spe_outcomes(game, order, kappa):
    """Every (leader move, follower plan) over all plans, kept when the plan answers every
    move with a best answer and the leader's move is best against the plan."""
    P = game.payoffs_at(kappa)
    leader, follower = order

    def cell(a, b):
        return (a, b) if leader == 0 else (b, a)

    found = set()
    for plan in itertools.product(range(game.shape[follower]), repeat=game.shape[leader]):
        if any(
            P[cell(a, plan[a]) + (follower,)] < max(P[cell(a, b) + (follower,)] for b in range(game.shape[follower]))
            for a in range(game.shape[leader])
        ):
            continue
        values = [P[cell(a, plan[a]) + (leader,)] for a in range(game.shape[leader])]
        found |= {cell(a, plan[a]) for a, v in enumerate(values) if v == max(values)}
    return found


@settings(max_examples=60, deadline=None)
@given(costed_2x2(low=-2, high=2), st.sampled_from([ROW_FIRST, COLUMN_FIRST]), st.sampled_from([0, F(1, 2), 1, 2]))
def test_pure_spe_outcomes_match_brute_force(game, order, kappa):
    game = game.game
    solution = solve_order(game, order, kappa)
    expected = brute_force_spe_outcomes(game, order, F(kappa))
    assert set(solution.outcomes) == expected == {e.outcome for e in solution.equilibria}
    assert outcome_sets(game, game.payoffs_at(kappa), order)[0] <= outcome_sets(game, game.payoffs_at(kappa), order)[1]


@settings(max_examples=40, deadline=None)
@given(costed_2x2(low=-3, high=3), st.sampled_from([ROW_FIRST, COLUMN_FIRST]), st.fractions(0, 5, max_denominator=7))
def test_order_thresholds_hold_exactly_where_they_say(game, order, kappa):
    """The sets of κ agree with backward induction at any rational κ."""
    row = analyze_sequential(game).row(order)
    game = game.game
    pure, support = outcome_sets(game, game.payoffs_at(kappa), order)
    target = game.compromise_profile
    assert any(i.contains(kappa) for i in row.outcome.intervals) == (target in pure)
    assert any(i.contains(kappa) for i in row.unique.intervals) == (support == {target})


def test_order_is_named_by_players_and_checked():
    case = load_game("pakistan_afghanistan")
    assert analyze_sequential(case, ["Afghanistan", "Pakistan"]).chosen == COLUMN_FIRST
    with pytest.raises(ParameterError) as info:
        analyze_sequential(case, ["Afghanistan", "India"])
    assert info.value.parameter == "order"


def test_three_players_are_refused_with_the_reason():
    with pytest.raises(SovgameError, match="two-player games"):
        analyze_sequential(load_game("pakistan_afghanistan_india"))
