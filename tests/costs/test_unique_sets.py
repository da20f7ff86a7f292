"""The ``unique`` criterion as a set of κ of any shape: sets derived by hand (bounded, lapsed,
open at 0, several pieces) and properties on random costed games checked against the exact
solver."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from costs.test_uniqueness import with_costs
from sovgame import parse_game
from sovgame.core.case import as_game
from sovgame.core.intervals import Interval, Root, compare
from sovgame.costs.thresholds import compute_threshold, compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.solvers.equilibria import solve
from strategies import costed_2x2, costed_bimatrix

BOUNDED_STRETCH = """
[game]
title = "unique on a bounded stretch"
[[players]]
name = "P1"
strategies = ["C", "D1"]
compromise = "C"
[[players]]
name = "P2"
strategies = ["C", "D1"]
compromise = "C"
[payoffs]
"C|C" = ["1", "6"]
"C|D1" = ["2", "4"]
"D1|C" = ["6", "4"]
"D1|D1" = ["3", "3/2"]
[[costs]]
name = "c0"
incidence = "any_conflict"
weights = ["3/2", "3/4"]
[[costs]]
name = "c1"
incidence = "own_confront"
weights = ["2", "2"]
[[costs]]
name = "c2"
incidence = "custom"
weights = ["1/2", "3"]
exposure = { "C|C" = [1, 1], "C|D1" = [1, 0], "D1|D1" = [1, 1] }
[analysis]
plausible_kappa = [0, 2]
"""


def alone(game, kappa, target=(0, 0)) -> bool:
    """The target is the only equilibrium at κ, by the exact solver."""
    equilibria = solve(game, kappa).equilibria
    return len(equilibria) == 1 and equilibria[0].pure_profile() == tuple(target)


def test_a_bounded_stretch_of_uniqueness_where_compromise_is_dominant():
    # Hand derivation. Cost loads per player (c0 any conflict, c1 own confrontation, c2 the
    # table; D1|C is unlisted in c2, so 0): P1 at C|C 1/2, C|D1 3/2 + 1/2 = 2, D1|C 3/2 + 2 = 7/2,
    # D1|D1 3/2 + 2 + 1/2 = 4; P2 at C|C 3, C|D1 3/4 + 2 = 11/4, D1|C 3/4, D1|D1 3/4 + 2 + 3 = 23/4.
    # P1 against C: C pays 1 − κ/2, D1 6 − 7κ/2, C better iff κ > 5/3; against D1: 2 − 2κ
    # against 3 − 4κ, C better iff κ > 1/2. P2 against C: C pays 6 − 3κ, D1 4 − 11κ/4, C better
    # iff κ < 8; against D1: 4 − 3κ/4 against 3/2 − 23κ/4, C better always. So on (5/3, 8) both
    # have C strictly dominant: (C, C) is the only equilibrium, and the dominance set is the
    # same. At 5/3 P1 is indifferent against C, (D1, C) is an equilibrium and so is every mix
    # of P1 against C; at 8 P2 is indifferent against C and (C, D1) is one. Below 5/3 (C, C) is
    # no equilibrium (P1 takes D1), above 8 neither (P2 takes D1). Nash: [5/3, 8].
    report = compute_thresholds(parse_game(BOUNDED_STRETCH))
    unique, dominant = report.thresholds["unique"], report.thresholds["dominant"]
    assert unique.intervals == dominant.intervals == (Interval(F(5, 3), False, F(8), False),)
    assert report.thresholds["nash"].intervals == (Interval(F(5, 3), True, F(8), True),)
    # Today κ = 1 is below the set, which meets (1, 2]: reachable; value 5/3, upper 8.
    assert (unique.verdict, unique.value, unique.attained, unique.upper) == (Verdict.REACHABLE, F(5, 3), False, F(8))
    # The reason names the rival below the set and the one that ends it: P1 loses 6 − 1 = 5 by
    # moving from (D1, C) to C, and costs close that by 7/2 − 1/2 = 3 per unit of κ; P2 gains
    # 6 − 4 = 2 by moving from (C, D1) to C, and costs take 3 − 11/4 = 1/4 off per unit.
    assert "holds for κ in (5/3, 8)" in unique.reason
    assert (
        "(D1, C) stays an equilibrium until κ = 5/3: P1 loses 5 by playing 'C' instead of 'D1' when "
        "P2 plays 'C', and costs close that gap by 3 per unit of κ" in unique.reason
    )
    assert (
        "(C, D1) is an equilibrium from κ = 8: P2 gains 2 by playing 'C' instead of 'D1' when P1 plays "
        "'C', and costs take 1/4 off that gain per unit of κ" in unique.reason
    )
    assert "every cost level" not in unique.reason
    game = parse_game(BOUNDED_STRETCH)
    assert [alone(game, k) for k in (F(3, 2), F(5, 3), F(2), F(8), F(9))] == [False, False, True, False, False]


def test_a_lapsed_stretch_only_below_today():
    # Hand derivation. The column player's C pays 1 and D 0 whatever the row does: strictly
    # dominant. The row player's C pays 1 − 2κ (a cost of 2 per unit of κ at C) and D pays 0,
    # against either column: C strictly dominant for κ < 1/2, D for κ > 1/2, a tie at 1/2 where
    # every mix of the row against C is an equilibrium. So unique = dominant = [0, 1/2),
    # nash = [0, 1/2]; only below today's costs: lapsed, its piece ending at 1/2.
    game = with_costs([[(1, 1), (1, 0)], [(0, 1), (0, 0)]], [[(2, 0), (2, 0)], [(0, 0), (0, 0)]], (0, 0))
    unique = compute_threshold(game, "unique", plausible=(0, 2))
    assert unique.intervals == (Interval(F(0), True, F(1, 2), False),)
    assert (unique.verdict, unique.value, unique.attained, unique.upper) == (Verdict.LAPSED, F(0), True, F(1, 2))
    assert compute_threshold(game, "dominant").intervals == unique.intervals
    # The rival from 1/2 on: the row gains 1 by C instead of D at (D, C), costs take 2 per unit.
    row, col = (p.name for p in game.players)
    assert unique.reason.startswith("holds only for κ in [0, 1/2): below today's costs (κ = 1), not at them")
    assert f"{row} gains 1 by playing" in unique.reason and "costs take 2 off that gain per unit of κ" in unique.reason
    assert [alone(game, k) for k in (F(0), F(1, 4), F(1, 2), F(1))] == [True, True, False, False]


def test_the_escalation_scenarios_campaign_is_the_only_equilibrium_only_below_today():
    # docs/models.md, "Verdicts against today". scenario_escalation (the campaign game with the
    # case's costs and a campaign burden of 1/2 on Pakistan). Pakistan's loads: trade 1/2 at
    # any conflict, military 1/4 when it is not restraining, campaign 1/2 at the campaign:
    # Restrain 0 | 1/2, Strike 3/4 | 3/4, Campaign 5/4 | 5/4 against Constrain | Tolerate.
    # Afghanistan's: 3/2 at any conflict. Against Tolerate Pakistan gets 1 − κ/2, 2 − 3κ/4 and
    # 5/2 − 5κ/4: the campaign is best iff κ ≤ 1 (against Strike) and κ ≤ 2 (against
    # Restrain). For κ < 4/3 Strike strictly dominates Restrain (4 − 3κ/4 > 3 against
    # Constrain, 1 − κ/4 > 0 more against Tolerate); then Tolerate strictly dominates Constrain
    # (by 1 against Strike and the campaign); then the campaign is Pakistan's strict best
    # reply for κ < 1. So (campaign, Tolerate) is alone on [0, 1); at κ = 1 (Strike, Tolerate)
    # ties it; above, it is no equilibrium. Nash [0, 1] holds today, unique [0, 1) lapsed.
    from sovgame import load_game

    game = load_game("scenario_escalation")
    report = compute_thresholds(game, "Sustained campaign|Tolerate TTP")
    nash, unique = report.thresholds["nash"], report.thresholds["unique"]
    assert (nash.intervals, nash.verdict) == ((Interval(F(0), True, F(1), True),), Verdict.HOLDS_TODAY)
    assert unique.intervals == (Interval(F(0), True, F(1), False),)
    assert (unique.verdict, unique.value, unique.upper) == (Verdict.LAPSED, F(0), F(1))
    assert "(Strike, Tolerate TTP) is an equilibrium from κ = 1" in unique.reason


def stretch_game(row_against_c, column_against_c):
    """Target (C, C); the row's gain from C over D against C is a − κb for (a, b) =
    ``row_against_c``, against D it is 1; the column's gain from C over D against C is
    ``column_against_c``, against D it is 1 (payoffs U − κW, one custom cost)."""
    (a1, b1), (a2, b2) = row_against_c, column_against_c
    # Row: U(C,C) − U(D,C) = a1, W(C,C) − W(D,C) = b1; column likewise against the row's C.
    U = [[(max(a1, 0), max(a2, 0)), (1, -min(a2, 0))], [(-min(a1, 0), 1), (0, 0)]]
    W = [[(max(b1, 0), max(b2, 0)), (0, -min(b2, 0))], [(-min(b1, 0), 0), (0, 0)]]
    return with_costs(U, W, (0, 0))


def test_stretches_open_at_zero_and_bounded_by_a_tie():
    # The row's gain against C: 0 − κ·(−1) = κ (a tie at κ = 0, C better above); the column's
    # against C: 7 − 8κ (C better below 7/8). Against D both prefer C by 1 always. At κ = 0 the
    # column's C is strictly dominant and the row is indifferent against it: every mix of the
    # row against C is an equilibrium, (D, C) among them, so the target is not alone. On
    # (0, 7/8) both have C strictly dominant: alone. At 7/8 the column ties against C and
    # (C, D) is an equilibrium; above, the column takes D against C. So unique = (0, 7/8):
    # lapsed. With the column's gain 7 − 7κ the same holds on (0, 1): still lapsed, since
    # today (κ = 1) is the tie itself.
    seven_eighths = stretch_game((0, -1), (7, 8))
    unique = compute_threshold(seven_eighths, "unique", plausible=(0, 2))
    assert unique.intervals == (Interval(F(0), False, F(7, 8), False),)
    assert (unique.verdict, unique.value, unique.attained, unique.upper) == (Verdict.LAPSED, F(0), False, F(7, 8))
    assert [alone(seven_eighths, k) for k in (F(0), F(1, 100), F(7, 8) - F(1, 100), F(7, 8))] == [
        False,
        True,
        True,
        False,
    ]
    up_to_one = compute_threshold(stretch_game((0, -1), (7, 7)), "unique", plausible=(0, 2))
    assert up_to_one.intervals == (Interval(F(0), False, F(1), False),)
    assert (up_to_one.verdict, up_to_one.upper) == (Verdict.LAPSED, F(1))


def test_a_stretch_from_three_halves_to_sixteen():
    # The row's gain against C: −3 + 2κ (C better above 3/2); the column's: 16 − κ (C better
    # below 16); both prefer C by 1 against D. Below 3/2 the row takes D against C and (D, C)
    # is the equilibrium; at 3/2 and at 16 one player ties against C (a continuum); between,
    # C is strictly dominant for both. So unique = (3/2, 16), reachable with the top 2, and
    # the piece that decides it ends at 16.
    game = stretch_game((-3, -2), (16, 1))
    unique = compute_threshold(game, "unique", plausible=(0, 2))
    assert unique.intervals == (Interval(F(3, 2), False, F(16), False),)
    assert (unique.verdict, unique.value, unique.upper) == (Verdict.REACHABLE, F(3, 2), F(16))
    # Against a top of 1: only above today and the top: beyond.
    assert compute_threshold(game, "unique", plausible=(0, 1)).verdict == Verdict.BEYOND


def test_two_pieces_where_dominance_never_holds():
    # Both players prefer C against C by 1 always, so the target is always a strict
    # equilibrium. Against D the row prefers C by 1 − 2κ, the column by κ − 3. Below 1/2 the
    # row's C is strictly dominant and the column's best reply to C is C: alone. Above 3 the
    # column's C is strictly dominant: alone. On [1/2, 3] (D, D) is an equilibrium too (each
    # weakly prefers D against D). So unique = [0, 1/2) ∪ (3, ∞), while "dominant" (both at
    # once) never holds. Read from today upward: with the top 2 nothing meets [1, 2], the piece
    # above 3 does: beyond, its piece unbounded (upper none), value 0; with the top 4: reachable.
    game = with_costs([[(1, 1), (1, 0)], [(0, 0), (0, 3)]], [[(0, 0), (2, 0)], [(0, 0), (0, 1)]], (0, 0))
    unique = compute_threshold(game, "unique", plausible=(0, 2))
    assert unique.intervals == (Interval(F(0), True, F(1, 2), False), Interval(F(3), False, None))
    assert (unique.verdict, unique.value, unique.attained, unique.upper) == (Verdict.BEYOND, F(0), True, None)
    assert compute_threshold(game, "unique", plausible=(0, 4)).verdict == Verdict.REACHABLE
    assert compute_threshold(game, "dominant").intervals == ()
    # The deciding piece starts where (D, D) stops being an equilibrium: the column loses 3 by
    # C against D, and costs close that gap by 1 per unit of κ.
    assert "stays an equilibrium until κ = 3" in unique.reason and "loses 3 by playing" in unique.reason
    assert [alone(game, k) for k in (F(0), F(1, 2), F(1), F(3), F(4))] == [True, False, False, False, True]


# --- properties on random costed games -----------------------------------------------------------


@st.composite
def costed_games(draw):
    """A costed game (2x2 of any incidence, m×n with a custom exposure table, or a
    :func:`stretch_game`, whose sets are often bounded) and a target that is an equilibrium
    at some κ ≥ 0 when one exists."""
    kind = draw(st.sampled_from(["2x2", "mxn", "stretch"]))
    if kind == "2x2":
        game = draw(costed_2x2())
    elif kind == "mxn":
        game = draw(costed_bimatrix(draw(st.integers(2, 3)), draw(st.integers(2, 4))))
    else:
        ends = st.tuples(st.integers(-4, 16), st.integers(-4, 4))
        game = stretch_game(draw(ends), draw(ends))
    profiles = list(itertools.product(*(range(k) for k in as_game(game).shape)))
    ever = [p for p in profiles if compute_threshold(game, "nash", p).intervals]
    return game, draw(st.sampled_from(ever or profiles))


def rational_inside(lo, hi, t: F) -> F:
    """A rational strictly inside (lo, hi) (hi None: unbounded), at about the share t of it."""
    if hi is None:
        start = lo if isinstance(lo, F) else lo.hi
        return start + t * 10 + F(1, 7)
    a, b = lo, hi
    while True:  # narrow irrational ends until rational bounds inside the interval appear
        left = a if isinstance(a, F) else a.hi
        right = b if isinstance(b, F) else b.lo
        if left < right:
            return left + t * (right - left)
        a = a.bisected() if isinstance(a, Root) else a
        b = b.bisected() if isinstance(b, Root) else b


def within(pieces, kappa: F) -> bool:
    return any(piece.contains(kappa) for piece in pieces)


def inside_one(piece: Interval, pieces) -> bool:
    """Whether ``piece`` lies in one of ``pieces``, exactly."""
    for other in pieces:
        lo, hi = compare(other.lo, piece.lo), compare(other.hi, piece.hi)
        starts = lo < 0 or (lo == 0 and (other.lo_closed or not piece.lo_closed))
        ends = hi > 0 or (hi == 0 and (other.hi_closed or not piece.hi_closed))
        if starts and ends:
            return True
    return False


@settings(max_examples=60, deadline=None)
@given(costed_games(), st.fractions(F(1, 100), F(99, 100)))
def test_unique_agrees_with_the_solver_inside_between_and_at_the_ends_of_its_pieces(drawn, t):
    game, target = drawn
    pieces = compute_threshold(game, "unique", target).intervals
    probes = []
    for index, piece in enumerate(pieces):
        probes.append((rational_inside(piece.lo, piece.hi, t), True))
        probes += [
            (end, closed)
            for end, closed in ((piece.lo, piece.lo_closed), (piece.hi, piece.hi_closed))
            if isinstance(end, F)
        ]
        if index + 1 < len(pieces):  # between this piece and the next
            nxt = pieces[index + 1]
            if compare(piece.hi, nxt.lo) < 0:
                probes.append((rational_inside(piece.hi, nxt.lo, t), False))
    if pieces and compare(pieces[0].lo, 0) > 0:
        probes.append((rational_inside(F(0), pieces[0].lo, t), False))
    if not pieces:
        probes += [(t, False), (1 + t, False), (10 / t, False)]
    for kappa, expected in probes:
        assert alone(game, kappa, target) == expected == within(pieces, kappa), (game.payoffs.tolist(), target, kappa)


@settings(max_examples=60, deadline=None)
@given(costed_games())
def test_dominant_lies_within_unique_and_unique_within_nash(drawn):
    game, target = drawn
    report = compute_thresholds(game, target)
    dominant, unique, nash = (report.thresholds[c].intervals for c in ("dominant", "unique", "nash"))
    # Strictly dominant strategies leave only one profile to every mix: the only equilibrium.
    assert all(inside_one(piece, unique) for piece in dominant)
    # The only equilibrium is an equilibrium.
    assert all(inside_one(piece, nash) for piece in unique)
    # The value is the least κ of the set; upper the end of the piece that decides the verdict.
    t = report.thresholds["unique"]
    assert t.value == (unique[0].lo if unique else None)
    if unique:
        assert t.upper in [piece.hi for piece in unique]


def test_the_analysis_names_the_whole_stretch():
    # The conclusion of `analyze` on the bounded stretch above: the Nash set [5/3, 8] and the
    # uniqueness set (5/3, 8) are named with their upper ends, not as "from 5/3 on".
    from sovgame.findings.analysis import conclude
    from sovgame.solvers.equilibria import solve as solve_at

    game = parse_game(BOUNDED_STRETCH)
    lines = conclude(compute_thresholds(game), solve_at(game, 1))
    assert "becomes an equilibrium at κ = 5/3 and stays one until κ = 8" in lines[1]
    assert lines[2] == (
        "It is the only outcome for κ in (5/3, 8): not at today's costs, but within the plausible range."
    )


def test_a_claim_on_uniqueness_reads_the_whole_set():
    # The claim "compromise can become the only outcome within the plausible range" on the
    # bounded stretch: unique on (5/3, 8) meets (1, 2], reachable: supported; the claim that
    # it is unreachable (beyond or never) is not.
    from sovgame.claims.grading import Grade
    from sovgame.claims.scorecard import grade_claims

    claims = """
[[claims]]
id = "within_reach"
text = "Compromise can become the only outcome at a plausible cost level."
source = "a test"
test = { kind = "threshold", criterion = "unique", expect = ["reachable"] }
[[claims]]
id = "unreachable"
text = "The threshold appears unreachably high."
source = "a test"
test = { kind = "threshold", criterion = "unique", expect = ["beyond", "never"] }
"""
    card = grade_claims(parse_game(BOUNDED_STRETCH + claims))
    assert card is not None
    assert {r.claim.id: r.grade for r in card.results} == {
        "within_reach": Grade.SUPPORTED,
        "unreachable": Grade.NOT_SUPPORTED,
    }


@settings(max_examples=30, deadline=None)
@given(costed_games())
def test_the_sweep_shows_the_target_alone_exactly_where_unique_holds(drawn):
    # Each regime of `sweep` is solved at one rational κ inside it: the target is the only
    # equilibrium there exactly when that κ lies in the uniqueness set.
    from sovgame import sweep

    game, target = drawn
    pieces = compute_threshold(game, "unique", target).intervals
    for regime in sweep(game).regimes:
        if regime.solution is not None:
            kappa = regime.solution.kappa
            only = [e.pure_profile() for e in regime.solution.equilibria] == [tuple(target)]
            assert only == within(pieces, kappa), (game.payoffs.tolist(), target, kappa)
