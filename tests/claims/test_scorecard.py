"""The scorecard: how tests combine into a claim's grade, the bundled case's six claims with
their exact values, no grade for a file that states no claims, and threshold claims graded
as solving the game directly says."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame import load_game, solve
from sovgame.claims.grading import Grade, combine
from sovgame.claims.scorecard import grade_claims
from sovgame.cli import app
from strategies import INCIDENCES, two_by_two
from support import claims_toml, graded

S, P, N, U = Grade.SUPPORTED, Grade.PARTLY, Grade.NOT_SUPPORTED, Grade.NOT_TESTABLE


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([S], S),
        ([S, S], S),
        ([N], N),
        ([N, N], N),
        ([S, N], P),
        ([P], P),
        ([U], U),
        ([U, U], U),
        ([S, U], P),
        ([N, U], N),
    ],
)
def test_a_claims_grade_from_its_tests(grades, expected):
    assert combine(grades) == expected


# --- the bundled case ---------------------------------------------------------------------------
#
# Payoffs at κ (docs/models.md, "Case material"; loads: Pakistan 0 at (Restrain, Constrain),
# 1/2 at (Restrain, Tolerate), 3/4 when it strikes; Afghanistan 0 at (Restrain, Constrain),
# 3/2 elsewhere):
#   Pakistan:    (R, C) 3, (R, T) 1 − κ/2, (S, C) 4 − 3κ/4, (S, T) 2 − 3κ/4
#   Afghanistan: (R, C) 3, (R, T) 4 − 3κ/2, (S, C) 1 − 3κ/2, (S, T) 2 − 3κ/2
# At today's costs, κ = 1: Pakistan R 3, S 1/2, T 13/4, P 5/4; Afghanistan R 3, S −1/2,
# T 5/2, P 1/2.


@pytest.fixture(scope="module")
def case():
    from sovgame.sensitivity.falsify import falsify

    card = grade_claims(load_game("pakistan_afghanistan"))
    assert card is not None
    return {r.claim.id: r for r in falsify(card).results}


def test_the_case_states_six_claims_in_the_articles_order(case):
    assert list(case) == ["security_dilemma", "no_leverage", "ideology", "cycles", "scenarios", "unreachable"]


def test_security_dilemma_holds_by_construction_and_no_middle_ground_does_not(case):
    # At κ = 0 (costs are not preferences) both players order T 4 > R 3 > P 2 > S 1: a
    # Prisoner's Dilemma, so the status quo (P, P) is an equilibrium both rank below (R, R):
    # a security dilemma (Jervis 1978 counts PD and Stag Hunt). Nothing but the typed ordering
    # decides it: by construction. "No middle ground" is a Deadlock, R < P for both: R 3 > P 2
    # denies it, not supported; moving one payoff can change that (e.g. Pakistan's R below 2).
    r = case["security_dilemma"]
    by_construction, deadlock = r.tests
    assert by_construction.grade == Grade.BY_CONSTRUCTION
    assert by_construction.value == "Pakistan: prisoners' dilemma; Afghanistan: prisoners' dilemma"
    assert deadlock.grade == Grade.NOT_SUPPORTED and deadlock.flip is not None
    assert r.grade == Grade.NOT_SUPPORTED  # the by-construction test is no evidence


def test_no_leverage_bound_zero_and_transfer_against_the_deals_gain(case):
    # Pakistan's Strike strictly dominates at κ = 1 (13/4 > 3, 5/4 > 1/2): a correlated
    # equilibrium puts 0 on compromise. Transfers: Pakistan T − R = 13/4 − 3 = 1/4,
    # Afghanistan T − R = 5/2 − 3 < 0, so 0; 1/4 in all, above the budget 1/10. The deal's
    # gain over the status quo per period: Pakistan 3 − 5/4 = 7/4, Afghanistan 3 − 1/2 = 5/2,
    # 17/4 in all; 1/4 is 1/17 of it (about 6%). The budget's declared range [0, 1/2] holds
    # 1/4, where the grade turns: at 1/2 the transfer is within the budget.
    r = case["no_leverage"]
    assert r.grade == Grade.SUPPORTED
    assert [(t.value, t.decimal, t.grade) for t in r.tests] == [("0", 0.0, S), ("1/4", 0.25, S)]
    transfers = r.tests[1]
    assert "the deal gains 7/4 + 5/2 = 17/4 per period over the status quo" in transfers.reason
    assert "the transfer is 1/17 (6%) of that gain" in transfers.reason
    assert "the grade turns where the budget crosses 1/4, inside that range" in transfers.reason
    assert transfers.flip is not None and transfers.flip.declared
    assert transfers.flip.grade == Grade.NOT_SUPPORTED and "budget" in transfers.flip.change


def test_ideology_is_not_testable_since_the_types_pool(case):
    # Types file at κ = 1: Pakistan's Strike is dominant (above), and against Strike both
    # Kabul types tolerate (security seeker 2 − 3/2 = 1/2 > 1 − 3/2; the ally's Constrain is
    # worse still, −2 − 3/2): one equilibrium, both types on 'Tolerate TTP'. Behaviour cannot
    # tell the types apart, so the record cannot separate ideology from mistrust.
    r = case["ideology"]
    assert r.grade == Grade.NOT_TESTABLE
    assert "(pooling)" in r.reason and "cannot separate ideology from mistrust" in r.reason


def test_cycles_green_porter_one_sixth_and_five_period_ceasefires(case):
    # Green–Porter with δ = 9/10, p = 1/5, q = 3/5 at κ = 1. Pakistan: R 3, T 13/4, P 5/4.
    # L = 1: V = ((1/10)·3 + (9/10)(1/5)(1/10)(5/4)) / (1 − (9/10)(4/5) − (9/10)^2 (1/5))
    #          = (3/10 + 9/400) / (1 − 18/25 − 81/500) = (129/400) / (59/500) = 645/236;
    # deterrence: (1/10)(1/4) = 1/40 ≤ (9/10)(2/5)(1/10)(645/236 − 5/4) = (9/250)(88/59) ≈ 0.054.
    # Afghanistan T 5/2 < R 3 needs none. So L = 1: conflict share pL/(1 + pL) = (1/5)/(6/5)
    # = 1/6; a cooperative phase ends with probability 1/5 a period: 5 periods on average.
    r = case["cycles"]
    (share,) = r.tests
    assert (share.value, share.decimal, share.grade) == ("1/6", 1 / 6, S)
    assert "a ceasefire lasts 5 periods on average" in share.reason
    # False alarms of 1/10 (inside the declared [1/10, 3/10]) give 1/11 < 1/10: it can fail.
    assert share.flip is not None and share.flip.declared


def test_scenarios_each_an_equilibrium_the_tie_flagged(case):
    # (1) At κ = 1 Strike dominates for Pakistan and Afghanistan's best reply is Tolerate
    # (1/2 > −1/2): the status quo is the only equilibrium. (2) The escalation scenario at
    # κ = 1: against Tolerate, Strike pays 2 − 3/4 = 5/4 and Campaign 5/2 − 5/4 = 5/4, a
    # tie: the campaign is an equilibrium only on that knife edge. (3) With India engaged,
    # Pakistan gains 4 − 2 by striking and costs add 3/4 per κ: 8/3 > 2, beyond.
    r = case["scenarios"]
    assert r.grade == Grade.SUPPORTED
    status_quo, escalation, india = r.tests
    assert status_quo.value == "(Strike, Tolerate TTP)"
    assert "a knife edge" in escalation.reason and "both give 5/4" in escalation.reason
    assert escalation.flip is not None  # any change of the tie in one direction ends it
    assert (india.value, india.decimal) == ("≥ 8/3: beyond", 8 / 3)


def test_unreachable_is_the_status_quo_exit_at_four(case):
    # (Strike, Tolerate TTP) is an equilibrium while Pakistan's move to Restrain does not pay:
    # (1 − κ/2) − (2 − 3κ/4) = κ/4 − 1 ≤ 0, i.e. κ ≤ 4; Kabul's move gains −1 at every κ.
    # The pattern ends above 4, beyond the plausible top 2; compromise enters at 4/3 beside it.
    r = case["unreachable"]
    (exit_,) = r.tests
    assert (exit_.value, exit_.decimal, exit_.grade) == ("> 4: beyond", 4.0, S)
    assert "compromise becomes an equilibrium ≥ 4/3 (reachable)" in exit_.reason
    # With Pakistan's military weight w the move gains −1 + κw: the exit is 1/w (4 at w = 1/4),
    # within the plausible top 2 once w > 1/2, inside w's declared range [1/8, 1]: it can fail.
    assert exit_.flip is not None and exit_.flip.declared
    assert exit_.flip.setting == "cost:military_operations=3/4,0" and exit_.flip.grade == N


def test_analyze_on_the_case_ends_with_the_six_row_scorecard(runner):
    result = runner.invoke(app, ["analyze", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    # The scorecard is the last section of the analysis; only the glossary of its terms follows.
    *_, last, glossary = result.stdout.split("\n## ")
    assert last.startswith("Claims: the scorecard") and glossary.startswith("Glossary")
    rows = [line for line in last.splitlines() if line.startswith("| ") and not line.startswith("| claim")]
    assert [row.split(" | ")[0][2:] for row in rows] == [
        "security_dilemma",
        "no_leverage",
        "ideology",
        "cycles",
        "scenarios",
        "unreachable",
    ]
    data = json.loads(runner.invoke(app, ["analyze", "-f", "json"]).stdout)
    assert data["claims"]["counts"] == {
        "supported": 4,
        "partly_supported": 0,
        "not_supported": 1,
        "not_testable": 1,
        "cannot_fail": 0,
        "by_construction": 0,
    }


def test_claims_command_json(runner):
    result = runner.invoke(app, ["claims", "pakistan_afghanistan", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "game",
        "claims",
        "counts",
        "grade_scale",
        "verdict_scale",
        "deciding",
        "deciding_left_out",
        "readings",
    ]
    assert {"cannot_fail", "by_construction"} <= set(data["grade_scale"])
    unreachable = data["claims"][-1]
    assert list(unreachable) == ["id", "text", "source", "grade", "reason", "draws", "tests"]
    assert unreachable["draws"] is None  # the quick run is analyze's; claims runs none
    test = unreachable["tests"][0]
    assert (test["kind"], test["key"], test["exact"], test["grade"]) == (
        "threshold",
        "claims[5].test",
        "> 4: beyond",
        "supported",
    )
    assert set(test["flip"]) == {"change", "set", "file", "grade", "declared"}
    none = runner.invoke(app, ["claims", "stag_hunt"])
    assert none.exit_code == 1 and "states no claims" in none.stderr


def test_noisy_tit_for_tat_alone_cannot_fail(tmp_path):
    # Noisy tit-for-tat against itself: from (a, b) the next state is (b ⊕ e1, a ⊕ e2), a
    # doubly stochastic chain, so each outcome has share 1/4 for every payoff and noise.
    # With noise 0.001 and compromise dominant it still says 3/4 out of compromise: a claim
    # resting on that test alone is no evidence, neither supported nor not supported.
    from sovgame.sensitivity.falsify import falsify

    case = two_by_two(
        [(5, 5), (4, 6), (6, 4), (1, 1)],
        "own_confront",
        (5, 5),
        extra="[repeated]\nnoise = 0.001\n"
        + claims_toml('{ kind = "repeated", quantity = "conflict_share", pair = ["tft", "tft"], at_least = 0.5 }'),
    )
    card = grade_claims(case)
    assert card is not None
    (result,) = falsify(card).results
    assert result.grade == Grade.CANNOT_FAIL
    assert result.tests[0].value == "3/4"
    assert "1/4 in each outcome for every payoff and every noise level" in result.reason


# --- no claim, no grade -------------------------------------------------------------------------

GRADE_WORDS = ("supported", "not testable", "not_testable", "scorecard")


def test_a_file_without_claims_gets_no_grade_anywhere(runner, tmp_path, case_file):
    # The case's numbers without its claims: nothing may grade the article's sentence.
    for index, spec in enumerate((str(case_file), "stag_hunt")):
        for fmt in ("table", "markdown", "csv", "json"):
            out = runner.invoke(app, ["analyze", spec, "-f", fmt]).stdout
            assert not any(w in out.lower() for w in GRADE_WORDS + ("unreachably",)), (spec, fmt)
        data = json.loads(runner.invoke(app, ["analyze", spec, "-f", "json"]).stdout)
        assert data["claims"] is None
        for suffix in (".md", ".html", ".json"):
            target = tmp_path / f"report{index}{suffix}"  # an existing report is not overwritten
            assert runner.invoke(app, ["report", spec, "-o", str(target)]).exit_code == 0
            text = target.read_text(encoding="utf-8").lower()
            assert not any(w in text for w in GRADE_WORDS + ("unreachably",)), (spec, suffix)


# --- threshold claims against the solver --------------------------------------------------------

VERDICT_WORDS = ("holds_today", "reachable", "beyond", "never", "lapsed")


def holds_directly(game, criterion: str, kappa: F) -> bool:
    """Whether (C, C) meets the criterion at κ, from the payoffs at κ (and the solver for nash)."""
    if criterion == "nash":
        return (0, 0) in solve(game, kappa).pure_profiles
    u = game.payoffs_at(kappa)
    # Each player's payoff at (own, other), strategies 0 = C, 1 = D.
    pay = [lambda own, other: u[own, other, 0], lambda own, other: u[other, own, 1]]
    if criterion == "strict":
        return all(p(1, 0) < p(0, 0) for p in pay)
    return all(p(1, o) < p(0, o) for p in pay for o in (0, 1))  # dominant


@st.composite
def threshold_claims(draw):
    values = [draw(st.integers(-4, 4)) for _ in range(8)]
    weights = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    top = draw(st.sampled_from(["0.5", "1", "1.5", "2", "3"]))
    criterion = draw(st.sampled_from(["nash", "strict", "dominant"]))
    expect = draw(st.lists(st.sampled_from(VERDICT_WORDS), min_size=1, max_size=3, unique=True))
    test = f'{{ kind = "threshold", criterion = "{criterion}", expect = {json.dumps(expect)} }}'
    cells = list(zip(values[::2], values[1::2]))
    case = two_by_two(cells, draw(st.sampled_from(INCIDENCES)), weights, (0, top), extra=claims_toml(test))
    return case, criterion, expect, F(top)


@settings(max_examples=150, deadline=None)
@given(threshold_claims())
def test_threshold_claims_agree_with_solving_at_today_and_the_top(drawn):
    game, criterion, expect, top = drawn
    # The compromise profile carries no cost under any incidence, and every cost load is
    # ≥ 0, so each condition's gain a − κb has b ≥ 0: once it holds it holds for every larger
    # κ, and the set of κ is [v, ∞), (v, ∞) or empty, with v ≤ 8 (|a| ≤ 8, b ≥ 1). So solving
    # at κ = 1, at the top and far beyond decides the verdict.
    if holds_directly(game.game, criterion, F(1)):
        verdict = "holds_today"
    elif top > 1 and holds_directly(game.game, criterion, top):
        verdict = "reachable"
    elif holds_directly(game.game, criterion, F(100)):
        verdict = "beyond"
    else:
        verdict = "never"
    (result,) = graded(game)
    assert result.grade == ("supported" if verdict in expect else "not_supported"), (verdict, result.reason)


def test_a_claim_file_with_changes_grades_the_changed_game(runner):
    # --set applies to the file's game: with trade disruption at weight 1 for Pakistan the
    # status quo's exit is where (1 − κ(1)) − (2 − κ(1 + 1/4)) = κ/4 − 1 > 0: still above 4,
    # since any_conflict loads both cells alike; with strikes at weight 1 instead, the exit
    # is (1 − κ/2) − (2 − κ(1/2 + 1)) = κ − 1 > 0: above 1, within the plausible range.
    data = json.loads(
        runner.invoke(
            app, ["claims", "pakistan_afghanistan", "--set", "cost:military_operations=1,0", "-f", "json"]
        ).stdout
    )
    assert data["claims"][-1]["tests"][0]["exact"] == "> 1: reachable"


def test_claims_with_a_change_print_no_stale_number(runner):
    # With Pakistan's T = 5/2 at (Strike, Constrain TTP), at κ = 1 its temptation is
    # 5/2 − 3/4 = 7/4 < R = 3: no transfer is needed (0, not the file's 1/4), and no
    # punishment either (Green–Porter needs T > R): conflict on the path is 0, not 1/6. The
    # mediation, repeated and types files extend the case, so they get the change; the India
    # file does not, so its test is not graded on numbers the change never reached.
    result = runner.invoke(
        app, ["claims", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=5/2", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    claims = {c["id"]: c for c in json.loads(result.stdout)["claims"]}
    assert claims["no_leverage"]["tests"][1]["exact"] == "0"
    assert claims["cycles"]["tests"][0]["exact"] == "0"
    india = claims["scenarios"]["tests"][2]
    assert (
        india["grade"] == "not_testable" and "pakistan_afghanistan_india does not build on this file" in india["reason"]
    )
    assert "1/4" not in claims["no_leverage"]["tests"][1]["reason"].split("budget")[0]


def test_a_threshold_never_reached_reads_never_once(tmp_path):
    # Only (Confront, Confront) of a prisoners' dilemma is costed (mutual_confront): at the
    # target each side pays 0 whichever it plays and gains 5 − 3 = 2 by confronting, so the
    # Nash threshold is never, and the computed value says so once, not "never: never".
    from sovgame import grade_claims

    text = """
[game]
title = "Mutual damage only"
payoff_scale = "ordinal"

[[players]]
name = "A"
strategies = ["C", "D"]
compromise = "C"

[[players]]
name = "B"
strategies = ["C", "D"]
compromise = "C"

[payoffs]
"C|C" = [3, 3]
"C|D" = [0, 5]
"D|C" = [5, 0]
"D|D" = [1, 1]

[[costs]]
name = "war_damage"
incidence = "mutual_confront"
weights = [1, 1]

[[claims]]
id = "reachable"
text = "Compromise comes within reach."
source = "a test"
test = { kind = "threshold", criterion = "nash", expect = ["reachable"] }
"""
    path = tmp_path / "mutual.toml"
    path.write_text(text, encoding="utf-8")
    (result,) = grade_claims(load_game(str(path))).results
    # No number of this model can move the threshold (the only cost falls alike on both
    # choices, and the file declares no range), so the test is no evidence either way: the
    # grade is "cannot fail", not "not supported".
    assert [t.value for t in result.tests] == ["never"] and result.grade == "cannot_fail"
