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
    return {r.claim.id: r for r in graded(load_game("pakistan_afghanistan"))}


def test_the_case_states_six_claims_in_the_articles_order(case):
    assert list(case) == ["security_dilemma", "no_leverage", "ideology", "cycles", "scenarios", "unreachable"]


def test_security_dilemma_is_partly_supported(case):
    # Pakistan T 13/4 > R 3 > P 5/4 > S 1/2: a prisoners' dilemma. Afghanistan R 3 > T 5/2 ≥
    # P 1/2 > S −1/2: a stag hunt; at today's costs Kabul would compromise if Pakistan did.
    r = case["security_dilemma"]
    assert r.grade == "partly_supported"
    assert r.tests[0].value == "Pakistan: prisoners' dilemma; Afghanistan: stag hunt"
    assert "Afghanistan's payoffs order as R 3 > T 5/2 > P 1/2 > S -1/2" in r.reason


def test_no_leverage_is_supported(case):
    # Pakistan's Strike strictly dominates at κ = 1 (13/4 > 3, 5/4 > 1/2): a correlated
    # equilibrium puts 0 on compromise. Transfers: Pakistan T − R = 13/4 − 3 = 1/4,
    # Afghanistan T − R = 5/2 − 3 < 0, so 0; 1/4 in all, above the budget 1/10.
    r = case["no_leverage"]
    assert r.grade == "supported"
    assert [(t.value, t.decimal, t.grade) for t in r.tests] == [("0", 0.0, "supported"), ("1/4", 0.25, "supported")]
    assert "Pakistan 1/4: Pakistan gains 1/4 by 'Strike' instead of 'Restrain strikes'" in r.reason
    assert "above Turkey and Qatar's budget of 1/10" in r.reason


def test_ideology_is_not_supported(case):
    # Pakistan needs κ ≥ (4 − 3)/(3/4) = 4/3, Afghanistan κ ≥ (4 − 3)/(3/2) = 2/3: Pakistan
    # binds, and Afghanistan's condition already holds today.
    r = case["ideology"]
    assert r.grade == "not_supported"
    assert r.tests[0].value == "Pakistan (own thresholds: Pakistan 4/3, Afghanistan 2/3)"
    assert "Afghanistan's own condition starts at κ = 2/3, already met at today's costs" in r.reason


def test_cycles_is_partly_supported(case):
    # (1) δ* at κ = 1: Pakistan (13/4 − 3)/(13/4 − 5/4) = 1/8, Afghanistan 0 (T < R); the
    # repeated file's δ = 9/10 ≥ 1/8 sustains compromise: the claim expected it not to.
    # (2) Noisy tit-for-tat is at each outcome 1/4 of the time: 3/4 out of compromise.
    r = case["cycles"]
    assert r.grade == "partly_supported"
    grim, share = r.tests
    assert (grim.value, grim.decimal, grim.grade) == ("δ* = 1/8 (Pakistan 1/8, Afghanistan 0)", 0.125, "not_supported")
    assert "δ* = (1/4)/2 = 1/8 for Pakistan" in grim.reason and "δ = 9/10 ≥ δ*" in grim.reason
    assert (share.value, share.decimal, share.grade) == ("3/4", 0.75, "supported")


def test_scenarios_is_supported(case):
    # (1) At κ = 1 Strike dominates for Pakistan and Afghanistan's best reply is Tolerate
    # (1/2 > −1/2): the status quo is the only equilibrium. (2) The escalation scenario at
    # κ = 1: against Tolerate, Strike pays 2 − 3/4 = 5/4 and Campaign 5/2 − 5/4 = 5/4, a
    # tie; Kabul tolerates against both: the campaign is gained, an equilibrium for
    # κ ≤ 1 (2.5 − 1.25κ ≥ 2 − 0.75κ) and κ ≤ 2 (against Restrain): [0, 1]. (3) With India
    # engaged, Pakistan gains 4 − 2 by striking and costs add 3/4 per κ: 8/3 > 2, beyond.
    r = case["scenarios"]
    assert r.grade == "supported"
    status_quo, escalation, india = r.tests
    assert status_quo.value == "(Strike, Tolerate TTP)"
    assert escalation.value == "(Strike, Tolerate TTP) → (Strike, Tolerate TTP); (Sustained campaign, Tolerate TTP)"
    assert "is an equilibrium of scenario_escalation for κ in [0, 1] (holds today)" in escalation.reason
    assert "Pakistan gains nothing by 'Strike' instead of 'Sustained campaign'" in escalation.reason
    assert (india.value, india.decimal) == ("≥ 8/3: beyond", 8 / 3)
    assert "'Strike' gains 2 when Afghanistan plays 'Constrain TTP' and India plays 'Engage Kabul'" in india.reason


def test_unreachable_is_partly_supported(case):
    # Compromise is an equilibrium from κ = 4/3 (reachable within [0, 2]), the only one only
    # above 4: (Strike, Tolerate TTP) holds while 2 − 3κ/4 ≥ 1 − κ/2, i.e. κ ≤ 4.
    r = case["unreachable"]
    assert r.grade == "partly_supported"
    assert [(t.value, t.decimal, t.grade) for t in r.tests] == [
        ("≥ 4/3: reachable", 4 / 3, "not_supported"),
        ("> 4: beyond", 4.0, "supported"),
    ]
    assert "(Strike, Tolerate TTP) stays an equilibrium until κ = 4" in r.reason


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
    assert data["claims"]["counts"] == {"supported": 2, "partly_supported": 3, "not_supported": 1, "not_testable": 0}
    assert data["conclusion"][-1].startswith("Of the 6 claims this file states: 2 supported (no_leverage, scenarios)")


def test_claims_command_json(runner):
    result = runner.invoke(app, ["claims", "pakistan_afghanistan", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["game", "claims", "counts", "grade_scale", "verdict_scale", "deciding", "deciding_left_out"]
    assert data["deciding_left_out"] is None
    # The grade that turns first: security_dilemma holds for Pakistan while its T at κ = 1,
    # 4 − 3/4 (trade 1/2 + strikes 1/4 at Strike|Constrain), exceeds R = 3; with T written p,
    # p − 3/4 > 3 ⇔ p > 15/4: at 15/4 Pakistan's payoffs are no Prisoner's Dilemma, Afghanistan's
    # are a Stag Hunt, so no player's type is the one expected.
    first = data["deciding"][0]
    assert (first["subject"], first["parameter"], first["turns_at"], first["beyond"]) == (
        "claim:security_dilemma",
        "Pakistan@Strike|Constrain TTP",
        "15/4",
        "not_supported",
    )
    assert first["margin_exact"] == "1/16"
    unreachable = data["claims"][-1]
    assert list(unreachable) == ["id", "text", "source", "grade", "reason", "tests"]
    assert unreachable["tests"][1] == {
        "kind": "threshold",
        "key": "claims[5].test[1]",
        "game": None,
        "quantity": "κ from which compromise is the only equilibrium",
        "exact": "> 4: beyond",
        "value": 4.0,
        "expects": "beyond or never",
        "grade": "supported",
        "reason": unreachable["tests"][1]["reason"],
    }
    none = runner.invoke(app, ["claims", "stag_hunt"])
    assert none.exit_code == 1 and "states no claims" in none.stderr


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
    # equilibrium threshold is 1/(1 + 1/4) = 4/5 ≤ 1: it holds today, so "unreachably high"
    # loses its first test.
    data = json.loads(
        runner.invoke(
            app, ["claims", "pakistan_afghanistan", "--set", "cost:trade_disruption=1,1", "-f", "json"]
        ).stdout
    )
    assert data["claims"][-1]["tests"][0]["exact"] == "≥ 4/5: holds today"


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
    assert [t.value for t in result.tests] == ["never"] and result.grade == "not_supported"
