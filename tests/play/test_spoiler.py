"""The spoiler (Kydd & Walter 2002): Bayes' rule on attacks and quiet periods, against a
two-type example worked by hand and an update written out one period at a time; the bundled
TTP file's beliefs, critical prior, survival and deterrence, each derived by hand."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given
from hypothesis import strategies as st

from sovgame import load_game
from sovgame.core.intervals import Interval
from sovgame.play.spoiler import analyze_spoiler, belief_after, restore_after_attack, survival

TTP = load_game("pakistan_afghanistan_ttp")


def one_update(belief: F, rates: tuple[F, F], attacked: bool) -> F:
    """Bayes' rule for one period, written out: P(watched | what was seen)."""
    a1, a0 = rates
    seen_if_watched = a1 if attacked else 1 - a1
    seen_if_other = a0 if attacked else 1 - a0
    return belief * seen_if_watched / (belief * seen_if_watched + (1 - belief) * seen_if_other)


def test_two_types_worked_by_hand():
    """π = 1/2, a₁ = 1/2, a₀ = 1/4. One attack: (1/4)/(1/4 + 1/8) = 2/3. One quiet period:
    (1/4)/(1/4 + 3/8) = 2/5. Two attacks: (1/8)/(1/8 + 1/32) = 4/5. An attack then a quiet
    period: odds 1 · 2 · (1/2)/(3/4) = 4/3, so 4/7, in either order."""
    rates = (F(1, 2), F(1, 4))
    assert belief_after(F(1, 2), rates, 1, 0) == F(2, 3)
    assert belief_after(F(1, 2), rates, 0, 1) == F(2, 5)
    assert belief_after(F(1, 2), rates, 2, 0) == F(4, 5)
    assert belief_after(F(1, 2), rates, 1, 1) == F(4, 7)


def test_an_impossible_history_has_no_belief():
    """Neither type ever attacks (rates 0): an attack has probability 0 under both."""
    assert belief_after(F(1, 3), (F(0), F(0)), 1, 0) is None


fractions = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=40)


@given(fractions, fractions, fractions, st.lists(st.booleans(), max_size=6))
def test_the_closed_form_matches_updating_one_period_at_a_time(prior, a1, a0, history):
    belief = prior
    for attacked in history:
        belief = one_update(belief, (a1, a0), attacked)
    assert belief_after(prior, (a1, a0), sum(history), len(history) - sum(history)) == belief


def test_ttp_beliefs_after_one_attack_and_one_quiet_period():
    """Prior 2/5 of the ally, rates 3/5 and 1/5 (the file's comment): one attack (6/25)/(9/25)
    = 2/3; one quiet period (4/25)/(16/25) = 1/4; one of each 1/2."""
    result = analyze_spoiler(TTP, 2)
    assert (result.after_attack, result.after_quiet) == (F(2, 3), F(1, 4))
    assert {(b.attacks, b.quiet): b.belief for b in result.beliefs}[(1, 1)] == F(1, 2)


def test_ttp_at_twice_todays_costs_one_attack_ends_compromise_one_quiet_period_restores_it():
    """At κ = 2 Pakistan's trust threshold is (4 − κ)/(2κ) = 1/2 and the ally tolerates
    whatever Pakistan does, so compromise holds while P(ally) ≤ 1 − 1/2 = 1/2. The prior 2/5
    is inside, 2/3 after an attack is not, and 1/2 after a quiet period more is (a tie keeps
    compromise). The spoiler gains V_D − V_C = 2 − 0 > 1/2, its attack cost: it attacks."""
    level = analyze_spoiler(TTP, 2).level(F(2))
    assert level.beliefs == Interval(F(0), True, F(1, 2), True)
    assert level.holds_at_prior and level.ends is True and level.restore == 1
    assert level.attacks is True


def test_ttp_today_no_belief_supports_compromise():
    """At κ = 1 Pakistan's Strike is dominant (R 3 < T 13/4, S 1/2 < P 5/4): compromise holds
    at no belief, so no attack is needed to end it."""
    level = analyze_spoiler(TTP, 1).level(F(1))
    assert level.beliefs is None and not level.holds_at_prior
    assert level.ends is None and level.attacks is None
    assert all(p == 0 for _, probs in level.survival for p in probs)


def test_ttp_survival_by_hand():
    """Odds of the ally start at 2/3 and are multiplied by 3 per attack, 1/2 per quiet period;
    compromise lasts while they stay ≤ 1: with a attacks and q quiet periods, 3^(a−1) ≤ 2^(q−1).
    So the first period must be quiet, an attack needs one quiet period before it, a second
    three. Surviving paths: n = 1, 2: Q then anything allowed (Q, QA, QQ); n = 3: QAQ, QQA, QQQ;
    n = 4: QQQQ, QQQA, QQAQ, QAQQ. Under the ally (attack 3/5, quiet 2/5): 2/5, 2/5,
    (2/5)(6/25 + 10/25) = 32/125, 16/625 + 3·24/625 = 88/625; under the seeker (1/5, 4/5): 4/5,
    4/5, (4/5)(4/25 + 20/25) = 96/125, 256/625 + 3·64/625 = 448/625."""
    survival_by_type = dict(analyze_spoiler(TTP, 2).level(F(2)).survival)
    assert survival_by_type["ttp_ally"] == (F(2, 5), F(2, 5), F(32, 125), F(88, 625))
    assert survival_by_type["security_seeker"] == (F(4, 5), F(4, 5), F(96, 125), F(448, 625))
    expected = tuple(
        F(2, 5) * a + F(3, 5) * s for a, s in zip(survival_by_type["ttp_ally"], survival_by_type["security_seeker"])
    )
    assert survival_by_type["all"] == expected


def test_survival_when_attacks_carry_no_information():
    """Equal rates: beliefs never move, so compromise lasts for sure if the prior allows it."""
    beliefs = Interval(F(0), True, F(1, 2), True)
    assert survival(F(2, 5), (F(1, 3), F(1, 3)), F(1, 3), beliefs, 3) == (F(1), F(1), F(1))
    assert survival(F(3, 5), (F(1, 3), F(1, 3)), F(1, 3), beliefs, 2) == (F(0), F(0))


def test_the_cost_level_at_which_compromise_survives_one_attack():
    """Compromise survives the belief 2/3 iff 1 − 2/3 ≥ (4 − κ)/(2κ), i.e. 2κ ≥ 12 − 3κ,
    κ ≥ 12/5 (below 8/3, where the ally still tolerates; above it the ally compromises too):
    beyond the plausible top 2."""
    result = analyze_spoiler(TTP, 2)
    assert result.survives_attack.intervals == (Interval(F(12, 5), True, None, False),)
    assert result.survives_attack.verdict == "beyond"
    assert result.gain == 2


def test_each_declared_range_followed():
    """At κ = 2 (h = 1/2): one attack ends compromise iff (2/5)·a₁·(1/2) > (1/2)(3/5)·a₀, i.e.
    2a₁ > 3a₀. With a₀ = 1/5: a₁ > 3/10, all of [2/5, 4/5]; with a₁ = 3/5: a₀ < 2/5, so the
    seeker's range [1/10, 2/5] holds up to 2/5, open. The spoiler attacks iff
    V_D − V_C > k: k < 2, so [1/4, 2)."""
    followed = {f.name: f for f in analyze_spoiler(TTP, 2).followed}
    assert followed["attack_rates.ttp_ally"].throughout is True
    seeker = followed["attack_rates.security_seeker"]
    assert seeker.holds == (Interval(F(1, 10), True, F(2, 5), False),) and seeker.changes == (F(2, 5),)
    assert followed["attack_cost"].holds == (Interval(F(1, 4), True, F(2), False),)


probabilities = st.fractions(min_value=0, max_value=1, max_denominator=20)


@given(fractions, probabilities, probabilities, fractions)
def test_quiet_periods_to_restore_match_a_walk_one_period_at_a_time(prior, a1, a0, h):
    """The first quiet period after an attack whose belief is at most h, found by updating one
    period at a time (at most 300), against the closed form with its logarithmic jump."""
    beliefs = Interval(F(0), True, h, True)
    belief = one_update(prior, (a1, a0), True) if prior * a1 + (1 - prior) * a0 > 0 else None
    walked = None
    for q in range(300):
        if belief is not None and belief <= h:
            walked = q
            break
        seen = belief is not None and belief * (1 - a1) + (1 - belief) * (1 - a0) > 0
        belief = one_update(belief, (a1, a0), False) if seen else None
    assert restore_after_attack(prior, (a1, a0), beliefs) == walked


def test_the_periods_are_bounded():
    import pytest

    from sovgame.errors import ParameterError

    with pytest.raises(ParameterError):
        analyze_spoiler(TTP, 2, periods=0)
    with pytest.raises(ParameterError):
        analyze_spoiler(TTP, 2, periods=51)
