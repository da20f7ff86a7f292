"""The bundled retaliation game and the types test that asks whether behaviour separates the
types, derived by hand."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_case, solve
from sovgame.claims.grading import Grade
from sovgame.costs.thresholds import compute_thresholds
from sovgame.sensitivity.falsify import grade_claims


def test_retaliation_is_the_only_equilibrium_today():
    # Loads at κ = 1: Pakistan at (Strike, ·) 3/4 (trade 1/2 + strikes 1/4), plus 1/2 of
    # border fighting at Retaliate; Kabul 3/2 off compromise, plus 1/4 at Retaliate.
    # Pakistan: 4 − 3/4 > 3, 2 − 3/4 > 1 − 1/2, 3/2 − 5/4 > 1/2 − 1: Strike dominant.
    # Kabul against Strike: Constrain 1 − 3/2 = −1/2, Tolerate 2 − 3/2 = 1/2, Retaliate
    # 5/2 − 7/4 = 3/4: it retaliates. So (Strike, Retaliate) is the only equilibrium.
    case = load_case("pakistan_afghanistan_retaliation")
    assert case.game.shape == (2, 3)
    (only,) = solve(case, 1).equilibria
    assert only.pure_profile() == (1, 2)
    # Compromise: Pakistan (4 − 3)/(3/4) = 4/3 binds; Kabul's Retaliate (7/2 − 3)/(7/4) = 2/7.
    nash = compute_thresholds(case).thresholds["nash"]
    assert nash.value == F(4, 3) and nash.per_player == {"Pakistan": F(4, 3), "Afghanistan": F(2, 3)}
    card = grade_claims(case)
    assert card is not None
    assert [r.grade for r in card.results] == [Grade.SUPPORTED, Grade.SUPPORTED]
    # Kabul retaliates against Strike while 1/2 − κw > 0 (w its border_fighting weight):
    # at w above 1/2, inside its declared [0, 1], retaliation is gone today.
    flip = card.results[0].tests[0].flip
    assert flip is not None and flip.declared


def test_the_case_file_says_why_its_two_by_two_leaves_retaliation_out():
    from sovgame.files.gamefile import bundled_dir

    text = (bundled_dir() / "pakistan_afghanistan.toml").read_text(encoding="utf-8")
    assert "pakistan_afghanistan_retaliation" in text and "retaliation" in text


def test_types_pool_today_and_separate_with_conditional_strikes():
    # Today Pakistan's Strike dominates, and against Strike both Kabul types tolerate: one
    # pooling equilibrium, so the test is not testable. With Pakistan's T = 5/2 ("strikes
    # only against a Kabul that does not act"), Strike no longer dominates: at κ = 1 Pakistan
    # gets R 3 > T 5/2 − 3/4 = 7/4 against Constrain, and the security seeker can constrain
    # while the ally tolerates: equilibria that separate the types, the ally confronting.
    from sovgame import parse_game
    from sovgame.files.gamefile import bundled_dir

    test = '{ kind = "trust", player = "Afghanistan", type = "ttp_ally", expect = "separating" }'
    text = f'extends = "pakistan_afghanistan_types"\n[[claims]]\nid = "t"\ntext = "t"\nsource = "s"\ntest = {test}\n'
    pooled = grade_claims(parse_game(text, base_dir=bundled_dir()))
    assert pooled is not None and pooled.results[0].grade == Grade.NOT_TESTABLE
    assert "(pooling)" in pooled.results[0].reason
    apart = grade_claims(parse_game(text, base_dir=bundled_dir(), settings=["Pakistan@Strike|Constrain TTP=5/2"]))
    assert apart is not None and apart.results[0].grade == Grade.SUPPORTED
