"""Repeated play: noisy strategies' exact long-run shares and imperfect monitoring."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from sovgame import load_game, parse_game
from sovgame.cli import app
from sovgame.errors import GameFileError
from sovgame.play.repeated import analyze_repeated, green_porter, noisy_chain, nowak_sigmund_generosity, strategies

NOISE = F(1, 20)


def test_noisy_tit_for_tat_spends_a_quarter_of_the_time_in_each_outcome():
    chain = noisy_chain(strategies()["tft"], strategies()["tft"], NOISE)
    assert set(chain.shares.values()) == {F(1, 4)}
    # A ceasefire lasts until the first slip: 1 / (1 − (1 − ε)²) periods.
    assert chain.ceasefire_spell == 1 / (1 - (1 - NOISE) ** 2)


def test_always_confront_against_itself_is_conflict_but_for_noise():
    chain = noisy_chain(strategies()["alld"], strategies()["alld"], NOISE)
    assert chain.shares[(1, 1)] == (1 - NOISE) ** 2 and chain.shares[(0, 0)] == NOISE**2


def test_win_stay_lose_shift_recovers_from_errors():
    # Nowak & Sigmund (1993): WSLS corrects a single error in two rounds, so it cooperates far
    # more than TFT under noise.
    wsls = noisy_chain(strategies()["wsls"], strategies()["wsls"], NOISE)
    tft = noisy_chain(strategies()["tft"], strategies()["tft"], NOISE)
    assert wsls.shares[(0, 0)] > F(3, 4) > tft.shares[(0, 0)]


@pytest.mark.parametrize("pair", [("tft", "tft"), ("wsls", "grim"), ("gtft", "alld")])
def test_simulation_agrees_with_the_exact_chain(pair):
    case = load_game("pakistan_afghanistan_repeated")
    result = analyze_repeated(case, pair=pair, periods=40_000, seed=3)
    for outcome, share in result.chain.shares.items():
        # Shares of a fast-mixing chain: well within 5 binomial standard errors.
        se = (float(share) * (1 - float(share)) / result.periods) ** 0.5
        assert abs(result.simulation[outcome] - float(share)) < 5 * se + 0.01


def test_green_porter_shortest_punishment_by_hand():
    # δ = 9/10, p = 1/5, q = 3/5, R = 3, T = 4, P = 2: L = 7 leaves (1−δ)(T−R) = 1/10 above
    # δ(q−p)(1−δ⁷)(V−P) ≈ 0.0969; L = 8 gives ≈ 0.1013.
    assert green_porter(F(3), F(4), F(2), F(9, 10), F(1, 5), F(3, 5)) == 8
    assert green_porter(F(3), F(4), F(2), F(1, 2), F(1, 5), F(1, 4)) is None
    assert green_porter(F(3), F(3), F(2), F(1, 2), F(1, 5), F(1, 4)) == 0


def test_repeated_case_has_cycles_on_the_equilibrium_path():
    result = analyze_repeated(load_game("pakistan_afghanistan_repeated"), 0)
    assert result.delta_star == {"Pakistan": F(1, 2), "Afghanistan": F(1, 2)}
    assert result.monitoring.length == 8
    assert result.monitoring.conflict_share == F(8, 13)  # pL/(1 + pL) with p = 1/5


def test_repeated_table_is_validated():
    base = """[game]\ntitle = "t"\n[[players]]\nname = "A"\nstrategies = ["C", "D"]\ncompromise = "C"\n[[players]]\nname = "B"\nstrategies = ["C", "D"]\ncompromise = "C"\n[payoffs]\n"C|C" = [3, 3]\n"C|D" = [0, 5]\n"D|C" = [5, 0]\n"D|D" = [1, 1]\n"""
    with pytest.raises(GameFileError) as info:
        parse_game(base + "[repeated]\ndiscount = 1\nnoise = 0.7\nfalse_alarm = 0.5\ndetection = 0.3\n", "r.toml")
    keys = [p.key for p in info.value.problems]
    assert keys == ["repeated.discount", "repeated.noise", "repeated.detection"]


def test_repeated_json(runner):
    result = runner.invoke(app, ["repeated", "pakistan_afghanistan_repeated", "--kappa", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["delta_star"] == {"Pakistan": "1/2", "Afghanistan": "1/2"}
    # By default at today's costs: Pakistan T − R = 13/4 − 3, T − P = 13/4 − 5/4, so 1/8;
    # Afghanistan's T = 5/2 < R = 3: no temptation, 0.
    today = json.loads(runner.invoke(app, ["repeated", "pakistan_afghanistan_repeated", "-f", "json"]).stdout)
    assert today["kappa"] == 1 and today["delta_star"] == {"Pakistan": "1/8", "Afghanistan": "0"}
    assert today["credible"] is True and today["sustained"] is True
    assert data["stationary"] == {
        "Restrain strikes|Constrain TTP": 0.25,
        "Restrain strikes|Tolerate TTP": 0.25,
        "Strike|Constrain TTP": 0.25,
        "Strike|Tolerate TTP": 0.25,
    }
    bad = runner.invoke(app, ["repeated", "pakistan_afghanistan", "--pair", "tft,nice"])
    assert bad.exit_code == 2 and "unknown strategy 'nice'" in bad.stderr
    not_2x2 = runner.invoke(app, ["repeated", "pakistan_afghanistan_campaign"])
    assert not_2x2.exit_code == 1 and "2x2" in not_2x2.stderr


# --- generous tit-for-tat's generosity (Nowak & Sigmund 1992) -----------------------------------
#
# Nowak & Sigmund (1992, Nature 355: 250–253): generous tit-for-tat forgives a defection with
# probability q = min(1 − (T − R)/(R − S), (R − P)/(T − P)), the most generosity that still
# keeps defectors from invading. Values worked out by hand:


@pytest.mark.parametrize(
    "R, S, T, P, generosity",
    [
        # PD 3, 0, 5, 1: 1 − 2/3 = 1/3 against 2/4 = 1/2, so 1/3 (the first term is smaller).
        (3, 0, 5, 1, F(1, 3)),
        # 3, 0, 4, 2: 1 − 1/3 = 2/3 against 1/2, so 1/2 (the second term is smaller).
        (3, 0, 4, 2, F(1, 2)),
        # 3, 2, 5, 1: 1 − 2/1 = −1 against 2/4: no generosity is safe, clipped to 0.
        (3, 2, 5, 1, F(0)),
        # 10, 0, 11, 9: 1 − 1/10 = 9/10 against 1/2, so 1/2.
        (10, 0, 11, 9, F(1, 2)),
    ],
)
def test_generosity_is_the_nowak_sigmund_minimum(R, S, T, P, generosity):
    assert nowak_sigmund_generosity(F(R), F(S), F(T), F(P)) == generosity


def test_generosity_without_a_dilemma_falls_back_to_a_third():
    # R ≤ S or T ≤ P leaves the formula undefined (a zero or negative denominator).
    assert nowak_sigmund_generosity(F(1), F(2), F(5), F(0)) == F(1, 3)
    assert nowak_sigmund_generosity(F(3), F(0), F(1), F(1)) == F(1, 3)


def test_the_analysis_plays_generous_tit_for_tat_with_the_prisoners_dilemma_generosity():
    # Generous tit-for-tat (g = 1/3 for 3, 0, 5, 1) against always-confront with ε = 1/20.
    # Always-confront plays C only by a slip, probability ε, independently each period; GTFT's
    # action follows the other's last one: after a C it intends C (plays C with 1 − ε), after
    # a D it intends C with g (plays C with g(1 − ε) + (1 − g)ε). So GTFT plays C with
    # c = ε(1 − ε) + (1 − ε)(g(1 − ε) + (1 − g)ε) = 19/400 + (19/20)(21/60) = 19/50, and
    # (C, C) has share c·ε = 19/1000, (C, D) c(1 − ε) = 361/1000.
    analysis = analyze_repeated(load_game("prisoners_dilemma"), kappa=0, pair=("gtft", "alld"), noise=NOISE)
    assert analysis.chain.shares[(0, 0)] == F(19, 1000)
    assert analysis.chain.shares[(0, 1)] == F(361, 1000)
    assert sum(analysis.chain.shares.values()) == 1
