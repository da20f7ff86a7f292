"""Thresholds as exact functions of a success probability q (thresholds --vary capacity):
the case's 1/(1/4 + q/2) and the verdict change at q = 1/2 (docs/models.md, "Capacity"), and a
property: every piece and verdict agrees with the thresholds computed at that q."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import CASE_TOML, MOVES_TOML
from sovgame import parse_game
from sovgame.core.intervals import Interval
from sovgame.costs.capacity import vary_capacity
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.errors import ParameterError
from sovgame.sections.capacity import Capacity, at_success
from strategies import costed_2x2

GAME = parse_game(MOVES_TOML)


def test_case_equilibrium_threshold_is_one_over_a_quarter_plus_half_q():
    """Pakistan restrains against a constraining Kabul iff q(3κ/4 − 1) + (1 − q)(κ/4 − 1) ≥ 0,
    i.e. κ ≥ 1/(1/4 + q/2): one formula for every q in [0, 1], Pakistan binding; Kabul's own
    threshold is q/(3q/2) = 2/3 for q > 0 (0 at q = 0, where constraining is tolerating)."""
    nash = vary_capacity(GAME).curves["nash"]
    (piece,) = nash.pieces
    assert piece.interval == Interval(F(0), True, F(1), True)
    for q in (F(0), F(1, 10), F(1, 3), F(1, 2), F(3, 5), F(1)):
        assert piece.formula.at(q) == 1 / (F(1, 4) + q / 2)
    assert [p.formula.text("q") for p in nash.per_player["Pakistan"]] == ["4/(1 + 2q)"]
    kabul = nash.per_player["Afghanistan"]
    assert [(p.interval, p.formula.text("q")) for p in kabul] == [
        (Interval(F(0), True, F(0), True), "0"),
        (Interval(F(0), False, F(1), True), "2/3"),
    ]


def test_case_verdict_turns_at_one_half():
    """1/(1/4 + q/2) ≤ 2 ⇔ q ≥ 1/2; it never reaches today's 1 (that needs q ≥ 3/2)."""
    nash = vary_capacity(GAME).curves["nash"]
    assert [(s.interval, s.verdict) for s in nash.verdicts] == [
        (Interval(F(0), True, F(1, 2), False), Verdict.BEYOND),
        (Interval(F(1, 2), True, F(1), True), Verdict.REACHABLE),
    ]
    assert nash.changes == (F(1, 2),)


def test_the_files_q_and_a_strategy_named_without_capacity():
    result = vary_capacity(GAME)
    assert result.at_file.thresholds["nash"].value == F(20, 11)  # 1/(1/4 + 3/10)
    plain = vary_capacity(parse_game(CASE_TOML), "Afghanistan@Constrain TTP")
    assert plain.entry == Capacity(1, 0, F(1), 1)
    assert plain.curves["nash"].pieces[0].formula.text("q") == "4/(1 + 2q)"


@pytest.mark.parametrize(
    "strategy, text",
    [(None, "the file has none"), ("Kabul@Constrain TTP", "capacity:Player@Strategy"), ("Afghanistan@Fight", "Fight")],
)
def test_bad_choices_name_the_parameter(strategy, text):
    with pytest.raises(ParameterError) as info:
        vary_capacity(parse_game(CASE_TOML), strategy)
    assert info.value.parameter == "vary" and text in info.value.detail


@settings(max_examples=40, deadline=None)
@given(
    costed_2x2(low=-3, high=3),
    st.integers(0, 1),
    st.integers(0, 1),
    st.lists(st.fractions(0, 1, max_denominator=9), min_size=3, max_size=3),
)
def test_pieces_and_verdicts_agree_with_the_thresholds_at_each_q(game, player, strategy, qs):
    named = game.game.players[player]
    result = vary_capacity(game, f"{named.name}@{named.strategies[strategy]}")
    for q in qs:
        report = compute_thresholds(at_success(game, {(player, strategy): q}))
        for name, curve in result.curves.items():
            t = report.thresholds[name]
            (piece,) = [p for p in curve.pieces if p.interval.contains(q)]
            expected = t.value if t.intervals else None
            assert (None if piece.formula is None else piece.formula.at(q)) == expected, (name, q)
            (span,) = [s for s in curve.verdicts if s.interval.contains(q)]
            assert span.verdict == t.verdict, (name, q)
            for who, pieces in curve.per_player.items():
                (own,) = [p for p in pieces if p.interval.contains(q)]
                assert (None if own.formula is None else own.formula.at(q)) == t.per_player[who], (name, who, q)
