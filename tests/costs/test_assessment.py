"""The second pass: every verdict, reason and summary field read from the sets of the first,
against today's costs and the plausible range (docs/models.md, "Verdicts against today")."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import parse_game
from sovgame.core.case import as_game
from sovgame.core.intervals import Interval, Root
from sovgame.core.model import Game
from sovgame.costs.assessment import assess
from sovgame.costs.sets import CriterionSet
from sovgame.costs.thresholds import CRITERIA, compute_threshold, compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.errors import ParameterError
from strategies import costed_2x2, costed_bimatrix, payoff_arrays

# Three players, each with C (compromise) and D; each pays κ for playing D (own_confront,
# weight 1). Playing C pays 0. Playing D pays 2 against one "special" pair of the others'
# strategies, 3/2 when both others play D, and −1 otherwise. The specials run in a circle:
# player 1's is (player 2, player 3) = (D, C), player 2's is (player 3, player 1) = (D, C),
# player 3's is (player 1, player 2) = (D, C).
CIRCLE = """
[game]
title = "three in a circle"
[[players]]
name = "P1"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "P2"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "P3"
strategies = ["C", "D"]
compromise = "C"
[payoffs]
"C|C|C" = [0, 0, 0]
"C|C|D" = [0, 0, -1]
"C|D|C" = [0, -1, 0]
"C|D|D" = [0, 2, -1]
"D|C|C" = [-1, 0, 0]
"D|C|D" = [-1, 0, 2]
"D|D|C" = [2, -1, 0]
"D|D|D" = ["3/2", "3/2", "3/2"]
[[costs]]
name = "confronting"
incidence = "own_confront"
weights = [1, 1, 1]
"""


def test_three_players_in_a_circle_are_alone_above_three_halves_mixed_equilibria_included():
    # By hand. D gains over C, for player i: 2 − κ against its special pair (the player before
    # it in the circle at D, the third at C), 3/2 − κ against (D, D), −1 − κ otherwise. With
    # a, b, c the probabilities of D of players 1, 2, 3, player 1's gain from D is
    #     g1 = (2 − κ)·b(1 − c) + (3/2 − κ)·bc − (1 + κ)(1 − b),
    # and g2, g3 the same around the circle (b → c → a).
    # - At κ = 3/2, (D, D, D) is an equilibrium (each gains 3/2 − κ = 0 by leaving it).
    # - For κ > 3/2, let k = (2 − κ)/(1 + κ) < 1/5. A player who puts weight on D needs
    #   g ≥ 0, so (1 + κ)(1 − b) ≤ (2 − κ)·b(1 − c) ≤ (2 − κ)(1 − c): 1 − b ≤ k(1 − c) < 1, so
    #   b > 0 and player 2 puts weight on D too; around the circle 1 − c ≤ k(1 − a) and
    #   1 − a ≤ k(1 − b). Then 1 − b ≤ k³(1 − b), so b = 1, and c = a = 1: (D, D, D), where
    #   each loses κ − 3/2 > 0 by staying. So no equilibrium puts weight on D: (C, C, C), where
    #   D loses 1 + κ, is the only one, mixed ones included, for every κ > 3/2.
    game = parse_game(CIRCLE)
    unique = compute_threshold(game, "unique", plausible=(0, F(7, 4)))
    assert (unique.value, unique.attained, unique.bracket) == (F(3, 2), False, None)
    assert unique.verdict == Verdict.REACHABLE  # 3/2 lies in (1, 7/4]
    assert "no other equilibrium, pure or mixed, above κ = 3/2" in unique.reason
    report = compute_thresholds(game, plausible=(0, F(7, 4)))
    assert report.thresholds["unique"] == unique and report.plausible == (F(0), F(7, 4))


def test_a_start_known_only_within_a_bracket_settles_the_verdict_only_when_both_ends_agree():
    # A uniqueness start known only to lie in [3/2, 2] (the only pure equilibrium from 3/2
    # on, dominance proving it alone above 2, the mixed equilibria between undecided): with
    # the top at 7/4, from 3/2 it would be reachable (3/2 ≤ 7/4) and from 2 beyond (2 > 7/4),
    # so the verdict is not settled; with the top at 3 both ends give reachable.
    from sovgame.costs.assessment import verdict_of
    from sovgame.costs.sets import UniqueSet
    from sovgame.costs.uniqueness import Tail, Uniqueness

    game = parse_game(CIRCLE)
    tail = Tail(F(2), attained=False, bracket=(F(3, 2), F(2)), only_pure_from=F(3, 2), unresolved="past the limit")
    found = UniqueSet(
        criterion="unique",
        game=game,
        target=(0, 0, 0),
        intervals=(Interval(F(2), False, None),),
        costs=(),
        uniqueness=Uniqueness.of_tail(tail),
    )
    assert verdict_of(found, (F(0), F(7, 4))) is None
    assert verdict_of(found, (F(0), F(3))) == Verdict.REACHABLE
    assert verdict_of(found, (F(0), F(1))) == Verdict.BEYOND


def test_plausible_replaces_the_files_range():
    # The case game declares [0, 2]: κ_NE = 4/3 (Pakistan binding) is reachable, κ_unique = 4
    # beyond (docs/models.md). With [0, 5] both are reachable; with [0, 1] nash is beyond.
    game = parse_game(_case_text())
    declared = compute_thresholds(game)
    assert declared.plausible == (F(0), F(2)) and declared.plausible_given
    wide = compute_thresholds(game, plausible=("0", "5"))
    assert wide.plausible == (F(0), F(5)) and wide.plausible_given and not wide.notes
    assert [wide.thresholds[c].verdict for c in ("nash", "unique")] == [Verdict.REACHABLE, Verdict.REACHABLE]
    assert "within the plausible range up to 5" in wide.thresholds["unique"].reason
    narrow = compute_thresholds(game, plausible=[0, 1])
    assert narrow.thresholds["nash"].verdict == Verdict.BEYOND and narrow.repeated.top == 1
    assert compute_threshold(game, "nash", plausible=(0, 1)) == narrow.thresholds["nash"]
    # Only the verdicts move: the sets of κ are the same.
    assert all(wide.thresholds[c].intervals == declared.thresholds[c].intervals for c in CRITERIA)


@pytest.mark.parametrize("bad", [(2, 1), (-1, 1), (0,), "0,1", (0, "lots"), 3])
def test_a_bad_plausible_range_names_the_parameter(bad):
    game = parse_game(_case_text())
    with pytest.raises(ParameterError) as caught:
        compute_thresholds(game, plausible=bad)
    assert caught.value.parameter == "plausible"


def _case_text() -> str:
    from cases import CASE_TOML

    return CASE_TOML


# --- the two passes cannot disagree ---------------------------------------------------------------


def rule(intervals, top) -> Verdict:
    """The verdict of the set S = ∪ intervals, read from docs/models.md: holds today if 1 ∈ S;
    reachable if S meets (1, top]; else beyond if S meets (1, ∞); lapsed if S is not empty;
    never otherwise. Ends are compared exactly (a Root compares with a Fraction)."""

    def meets(a, b) -> bool:  # S ∩ (a, b] ≠ ∅, b None for ∞
        for i in intervals:
            lo, lo_in = (i.lo, i.lo_closed) if i.lo > a else (a, False)
            hi_beyond = i.hi is None or (b is not None and i.hi > b)
            hi, hi_in = (b, b is not None) if hi_beyond else (i.hi, i.hi_closed)
            if hi is None or lo < hi or (lo == hi and lo_in and hi_in):
                return True
        return False

    if any(
        (i.lo < 1 or (i.lo == 1 and i.lo_closed)) and (i.hi is None or 1 < i.hi or (i.hi == 1 and i.hi_closed))
        for i in intervals
    ):
        return Verdict.HOLDS_TODAY
    if top > 1 and meets(F(1), top):
        return Verdict.REACHABLE
    return Verdict.BEYOND if meets(F(1), None) else Verdict.LAPSED if intervals else Verdict.NEVER


@st.composite
def three_player_games(draw) -> Game:
    """A 2x2x2 game with small integer payoffs and one cost of a random incidence (the
    target is each player's first strategy)."""
    payoffs = draw(payoff_arrays((2, 2, 2)))
    incidence = draw(st.sampled_from(["any_conflict", "own_confront", "mutual_confront"]))
    weights = [draw(st.integers(0, 2)) for _ in range(3)]
    return Game.from_payoffs(payoffs, costs=[{"name": "c", "incidence": incidence, "weights": weights}])


def settled_both_ways(threshold, top) -> Verdict | None:
    """A start known only to lie in the bracket [lo, hi]: settled if [lo, ∞) and (hi, ∞) agree."""
    lo, hi = threshold.bracket
    earliest, latest = rule([Interval(lo, True, None)], top), rule([Interval(hi, False, None)], top)
    return earliest if earliest == latest else None


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_verdict_is_the_rule_read_from_its_own_set(data):
    game = data.draw(
        st.one_of(costed_2x2(), costed_bimatrix(2, 3), costed_bimatrix(3, 3), three_player_games()), label="game"
    )
    lo = data.draw(st.fractions(0, 2, max_denominator=4), label="lo")
    top = lo + data.draw(st.fractions(0, 3, max_denominator=4), label="width")
    shape = as_game(game).shape
    target = (0,) * len(shape)  # each player's first strategy
    report = compute_thresholds(game, target, discount=F(1, 2) if shape == (2, 2) else None, plausible=(lo, top))
    thresholds = list(report.thresholds.values())
    thresholds += [t for party in report.third_parties for t in party.nash.values()]
    if report.repeated is not None:
        thresholds.append(report.repeated.sustainable_from)
    for t in thresholds:
        first = t.intervals[0] if t.intervals else None
        assert (t.value, t.attained, t.upper) == (
            (first.lo, first.lo_closed, first.hi) if first else (None, False, None)
        )
        if t.verdict is None:  # only a start not known exactly leaves it open
            assert t.bracket is not None and settled_both_ways(t, top) is None, t
        elif t.bracket is not None and len(shape) > 2:
            assert t.verdict == settled_both_ways(t, top), t
        else:
            assert t.verdict == rule(t.intervals, top), (t, lo, top)


#: Candidate ends of a piece: quarters from 0 to 4 and four irrational numbers between them
#: (√(1/2) ≈ 0.707, √2 ≈ 1.414, 1/2 + √(5/4) ≈ 1.618, √3 ≈ 1.732), sorted by value.
ENDS = sorted(
    [F(k, 4) for k in range(17)]
    + [Root.of_surd(F(0), F(1), r) for r in (F(1, 2), F(2), F(3))]
    + [Root.of_surd(F(1, 2), F(1), F(5, 4))],
    key=float,
)


@st.composite
def unions(draw) -> tuple[Interval, ...]:
    """A union of 0 to 4 disjoint pieces in increasing order, the last one unbounded when the
    number of ends drawn is odd; each end open or closed (a single point only when closed)."""
    ends = sorted(draw(st.sets(st.integers(0, len(ENDS) - 1), max_size=8)))
    pieces = []
    for k in range(0, len(ends), 2):
        lo = ENDS[ends[k]]
        hi = ENDS[ends[k + 1]] if k + 1 < len(ends) else None
        pieces.append(Interval(lo, draw(st.booleans()), hi, hi is not None and draw(st.booleans())))
    return tuple(pieces)


@settings(max_examples=400, deadline=None)
@given(unions(), st.fractions(0, 3, max_denominator=4))
def test_any_union_of_pieces_gets_the_rules_verdict(pieces, top):
    # The second pass reads any set, of any number of pieces bounded or not, by the same rule.
    game = parse_game(_case_text())
    found = CriterionSet(criterion="nash", game=game, target=(0, 0), intervals=pieces)
    t = assess(found, (F(0), top))
    assert t.verdict == rule(pieces, top), (pieces, top)
    assert t.intervals == pieces and (t.value, t.attained) == (
        (pieces[0].lo, pieces[0].lo_closed) if pieces else (None, False)
    )
