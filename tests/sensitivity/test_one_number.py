"""Sensitivity to one number at a time: exact interval ends (checked by the exact solver just
inside and outside each end, the file changed with ``--set``), the threshold as a function of
each number against ``thresholds --set``, and hand-derived margins on the case game."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest

from cases import CASE_TOML
from sovgame import load_game
from sovgame.cli import app
from sovgame.costs.status_quo_exit import status_quo_exit
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from sovgame.sensitivity.one_number import sensitivity, threshold_at
from sovgame.sensitivity.parameters import ParameterKind, find_parameter, parameters, setting_text
from sovgame.sensitivity.tracks import QuadraticRoot, Ratio
from strategies import two_by_two_text
from support import assert_interval_exact, changed

TEXTBOOK = {  # R, S, T, P (docs/models.md)
    "pd": (3, 0, 5, 1),
    "stag": (4, 0, 3, 2),
    "chicken": (3, 1, 4, 0),
    "deadlock": (2, 1, 4, 3),
}


@pytest.fixture(scope="module")
def case():
    case = load_game("pakistan_afghanistan")
    return case, sensitivity(case)


def symmetric_text(R, S, T, P, incidence):
    return two_by_two_text([(R, R), (S, T), (T, S), (P, P)], incidence)


@pytest.mark.parametrize("incidence", ["own_confront", "any_conflict", "mutual_confront"])
@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_textbook_interval_ends_are_true_changes(name, incidence):
    from sovgame import parse_game

    text = symmetric_text(*TEXTBOOK[name], incidence)
    case = parse_game(text)
    result = sensitivity(case, criteria=["nash", "unique", "risk_dominant"])
    assert result.entries
    checked = sum(assert_interval_exact(text, case, e) for e in result.entries)
    assert checked >= len(result.entries)


def test_case_interval_ends_are_true_changes_for_every_criterion_and_claim(case):
    game, result = case
    subjects = {e.subject for e in result.entries}
    assert {"nash", "strict", "dominant", "unique", "risk_dominant", "status_quo_exit"} <= subjects
    # ideology reads the types file (no number of this file moves it); no_leverage and cycles
    # read the mediation and repeated files.
    assert {"claim:security_dilemma", "claim:scenarios", "claim:unreachable"} <= subjects
    for entry in result.entries:
        if entry.parameter.kind == ParameterKind.SECTION:
            continue  # another file's number: read again from rewritten files in test_section_numbers
        assert_interval_exact("pakistan_afghanistan", game, entry)


def test_the_issues_hand_checks_on_the_case(case):
    """docs/models.md, "Sensitivity": at Pakistan's military weight w the last rival of the
    target, (Strike, Tolerate TTP), loses it when Pakistan's Restrain beats Strike against
    Tolerate: 1 − κ·1/2 ≥ 2 − κ·(1/2 + w) ⇔ κ ≥ 1/w (trade 1/2 at both, strikes w), so
    κ_unique = 1/w: 8, 2 and 4/3 at w = 1/8, 1/2, 3/4. Not attained (uniqueness needs κ > 1/w),
    so at w = 1/2 the set (2, ∞) misses the top 2: beyond on (0, 1/2], reachable above, and at
    w = 0 never (Strike always pays against Tolerate). With Pakistan's trade weight t instead,
    κ_NE = (4 − 3)/(t + 1/4): at t = 1/10, 20/7."""
    game, result = case
    key = "cost:military_operations@Pakistan"
    for w, kappa in ((F(1, 8), 8), (F(1, 2), 2), (F(3, 4), F(4, 3))):
        assert threshold_at(game, key, "unique", w).value == kappa
        assert (
            compute_thresholds(changed("pakistan_afghanistan", game, find_parameter(game, key), w))
            .thresholds["unique"]
            .value
            == kappa
        )
    (unique,) = [e for e in result.entries if e.subject == "unique" and e.parameter.key == key]
    assert (unique.lower.at, unique.lower.closed, unique.lower.beyond) == (0, False, Verdict.NEVER)
    assert (unique.upper.at, unique.upper.closed, unique.upper.beyond) == (F(1, 2), True, Verdict.REACHABLE)
    assert [p.formula for p in unique.pieces] == [Ratio(F(1), F(0), F(0), F(1))]  # κ = 1/w
    assert threshold_at(game, "cost:trade_disruption@Pakistan", "nash", F(1, 10)).value == F(20, 7)


def test_tornado_order_on_the_case_matches_margins_by_hand(case):
    """The nash threshold of the case is κ_NE = max(κ_P, κ_A), κ_P = (T_P − R_P)/(w_tP + w_rP + w_mP)
    = 1/(3/4) = 4/3 and κ_A = (T_A − R_A)/(w_tA + w_rA) = 2/3; the verdict is reachable for
    1 < κ_NE ≤ 2 (top 2). A payoff's or a weight's margin is its distance to the nearest change
    over its player's payoff range (both players: 4 − 1 = 3); the top's, over its value. One
    number at a time:

    - R_P = 3: κ = 4(4 − p)/3 ⇔ p ∈ [5/2, 13/4): 1/4 away, margin 1/12;
    - T_P = 4: κ = 4(p − 3)/3 ∈ (1, 2] ⇔ p ∈ (15/4, 9/2]: 1/4 away, margin 1/12;
    - w_tP = 1/2: κ = 1/(w + 1/4) ∈ (1, 2] ⇔ w ∈ [1/4, 3/4): 1/4 away, margin 1/12;
    - w_rP = 0: κ = 1/(3/4 + w) > 1 ⇔ w < 1/4: 1/4 away, margin 1/12;
    - w_mP = 1/4: κ = 1/(1/2 + w) > 1 ⇔ w < 1/2 (never above 2): 1/4 away, margin 1/12;
    - top = 2: reachable while top ≥ 4/3: 2/3 away, margin (2/3)/2 = 1/3;
    - R_A = 3: only κ_A > 2 turns it (beyond): (4 − p)/(3/2) > 2 ⇔ p < 1: 2 away, margin 2/3;
    - T_A = 4: (p − 3)/(3/2) > 2 ⇔ p > 6: 2 away, margin 2/3;
    - w_tA, w_rA, w_mA: κ_A = 1/(w + …) never exceeds 2: no change, margin ∞.

    Ties keep the order of the file (payoffs outcome by outcome, then weights)."""
    from sovgame.present.sensitivity import tornado_rows

    _, result = case
    expected = [
        ("Pakistan@Restrain strikes|Constrain TTP", F(1, 12)),
        ("Pakistan@Strike|Constrain TTP", F(1, 12)),
        ("cost:trade_disruption@Pakistan", F(1, 12)),
        ("cost:refugee_returns@Pakistan", F(1, 12)),
        ("cost:military_operations@Pakistan", F(1, 12)),
        ("plausible_kappa:hi", F(1, 3)),
        ("Afghanistan@Restrain strikes|Constrain TTP", F(2, 3)),
        ("Afghanistan@Restrain strikes|Tolerate TTP", F(2, 3)),
        ("cost:trade_disruption@Afghanistan", None),
        ("cost:refugee_returns@Afghanistan", None),
        ("cost:military_operations@Afghanistan", None),
    ]
    assert [(e.parameter.key, e.margin) for e in result.for_subject("nash")] == expected
    rows = tornado_rows(result, "nash")
    assert [row.key for row in rows] == [key for key, _ in expected]
    first = rows[0]  # R_P: 1/2 down to 5/2 (beyond), 1/4 up to 13/4 (holds today), over 3
    assert (first.left, first.right) == (F(1, 6), F(1, 12)) and first.changes == (True, True)


def test_margins_do_not_move_when_a_constant_is_added_to_every_payoff(case):
    """Adding 10 to every payoff moves no deviation gain (differences of one player's payoffs)
    and no payoff range, so every threshold, every interval's distance from the value and
    every margin stays as it is; the order of the entries too. (Measured against |value|, the
    top margin of the case went from 1/16 to 1/56.)"""
    from dataclasses import replace

    from sovgame.sensitivity.one_number import sensitivity

    stated, result = case
    game = stated.game
    shifted = replace(stated, game=replace(game, payoffs=game.payoffs + F(10)))
    moved = sensitivity(shifted)
    assert [(e.subject, e.parameter.key, e.margin) for e in moved.entries] == [
        (e.subject, e.parameter.key, e.margin) for e in result.entries
    ]
    assert moved.for_subject("nash")[0].margin == result.for_subject("nash")[0].margin == F(1, 12)


def _points(piece, rng: random.Random, count: int = 3) -> list[F]:
    lo = piece.lo if piece.lo is not None else (piece.hi - 3 if piece.hi is not None else F(-3))
    hi = piece.hi if piece.hi is not None else lo + 3
    if not isinstance(lo, F) or not isinstance(hi, F) or lo == hi:
        return [lo] if isinstance(lo, F) and lo == hi and piece.lo_closed else []
    return [lo + (hi - lo) * F(rng.randint(1, 999), 1000) for _ in range(count)]


def test_threshold_functions_at_random_rational_points_match_thresholds_with_set(case):
    """Every piece of every criterion's threshold, at random rationals inside it, against
    compute_thresholds on the file changed by --set (exactly; a quadratic root by its closed form)."""
    game, result = case
    rng = random.Random(14)
    checked = 0
    for entry in result.entries:
        if entry.subject.startswith("claim:"):
            continue
        for piece in entry.pieces:
            for x in _points(piece, rng):
                moved = changed("pakistan_afghanistan", game, entry.parameter, x)
                if entry.subject == "status_quo_exit":  # its own function, not the track
                    exit_ = status_quo_exit(moved)
                    assert exit_ is not None
                    _assert_formula(piece.formula, x, exit_.value)
                    checked += 1
                    continue
                t = compute_thresholds(moved).thresholds[entry.subject]
                _assert_formula(piece.formula, x, t.value)
                checked += 1
    assert checked > 150


def _assert_formula(formula, x: F, value) -> None:
    if isinstance(formula, Ratio):
        assert formula(x) == value, (formula.text(), x, value)
    elif isinstance(formula, QuadraticRoot):
        c2, c1, c0 = (
            sum((c * x**k for k, c in enumerate(poly)), F(0)) for poly in (formula.c2, formula.c1, formula.c0)
        )
        if isinstance(value, F):  # a rational root at this x
            assert c2 * value * value + c1 * value + c0 == 0
            return
        # An irrational root: the only root of its polynomial in (lo, hi). That polynomial is
        # the quadratic up to a factor, and the quadratic changes sign across (lo, hi).
        p0, p1, p2 = value.poly
        assert c0 * p2 == c2 * p0 and c1 * p2 == c2 * p1
        quadratic = [c2 * t * t + c1 * t + c0 for t in (value.lo, value.hi)]
        assert quadratic[0] * quadratic[1] < 0
    else:
        assert formula.text() == "never" and value is None or formula.value == value


def test_the_command_line_thresholds_agree_with_the_function_pieces(runner, case):
    """`thresholds --set` from the command line, at random rational points of the pieces of
    the case's nash and unique thresholds along its weights (inside their weights_range)."""
    game, result = case
    rng = random.Random(7)
    checked = 0
    for entry in result.entries:
        if entry.subject not in ("nash", "unique") or not entry.parameter.key.startswith("cost:"):
            continue
        for piece in entry.pieces:
            if not isinstance(piece.formula, Ratio):
                continue
            declared = entry.parameter.declared  # --set keeps a weight inside its weights_range
            for x in _points(piece, rng, 3):
                if declared is not None and not declared[0] <= x <= declared[1]:
                    continue
                setting = setting_text(entry.parameter, game, x)
                out = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--set", setting, "-f", "json"])
                assert out.exit_code == 0, out.output
                exact = json.loads(out.stdout)["thresholds"][entry.subject]["exact"]
                assert F(exact) == piece.formula(x), (entry.subject, setting)
                checked += 1
    assert checked >= 8


def test_parameters_follow_the_file_and_skip_what_decides_nothing():
    case = load_game("pakistan_afghanistan")
    keys = [p.key for p in parameters(case)]
    assert keys[:2] == ["Pakistan@Restrain strikes|Constrain TTP", "Afghanistan@Restrain strikes|Constrain TTP"]
    assert keys[8:] == [
        "cost:trade_disruption@Pakistan",
        "cost:trade_disruption@Afghanistan",
        "cost:refugee_returns@Pakistan",
        "cost:refugee_returns@Afghanistan",
        "cost:military_operations@Pakistan",
        "cost:military_operations@Afghanistan",
        "plausible_kappa:hi",
    ]
    result = sensitivity(case, criteria=["nash"], claims=False)
    # Payoffs at outcomes no deviation from the target reaches do not enter the nash threshold.
    assert "Pakistan@Strike|Tolerate TTP" not in {e.parameter.key for e in result.entries}
    assert any("lower end of plausible_kappa" in note for note in result.notes)


def test_the_three_by_three_escalation_game_readings_agree_with_thresholds():
    """The 3x3 game: the tracks' readings equal compute_thresholds on the changed game at
    random points, and a few interval ends are checked just inside and outside."""
    case = load_game("pakistan_afghanistan_escalation")
    result = sensitivity(case, criteria=["nash", "dominant", "unique"], claims=False)
    rng = random.Random(3)
    entries = [e for e in result.entries if e.margin is not None]
    for entry in rng.sample(entries, 6):
        assert_interval_exact("pakistan_afghanistan_escalation", case, entry)
    for entry in rng.sample(result.entries, 8):
        x = entry.parameter.value + F(rng.randint(-20, 20), 16)
        if not entry.parameter.allowed(x):
            continue
        expected = compute_thresholds(changed("pakistan_afghanistan_escalation", case, entry.parameter, x))
        got = threshold_at(case, entry.parameter.key, entry.subject, x)
        t = expected.thresholds[entry.subject]
        assert got.state == (t.verdict if t.defined else None)
        if got.value is not None:
            assert (got.value, got.attained) == (t.value, t.attained)


def test_a_file_without_claims_or_a_target_filter_has_criteria_only():
    from sovgame import parse_game

    result = sensitivity(parse_game(CASE_TOML))
    assert not any(e.subject.startswith("claim:") for e in result.entries)
    with pytest.raises(Exception, match="criterion"):
        sensitivity(parse_game(CASE_TOML), criteria=["nashh"])


def test_an_irrational_end_whose_bracket_holds_the_value_gets_a_true_margin_bracket():
    """An end at √2 whose bracket holds the file's value v (the bracket's midpoint, a rational,
    so v ≠ √2): the margin |√2 − v| (a payoff of no player: absolute payoff units) is irrational and > 0, so it is a bracket, and the
    bracket holds it. Measured from the bracket's ends alone it came out as an exact rational
    (both ends the same distance from v), and a bracket from them need not hold the margin."""
    from sovgame.core.roots import Root, primitive, real_roots
    from sovgame.sensitivity.margins import margin_of
    from sovgame.sensitivity.parameters import Parameter, ParameterKind
    from sovgame.sensitivity.walk import End

    root = real_roots([F(-2), F(0), F(1)])[1]
    assert isinstance(root, Root) and root.compare(F(1)) > 0
    v = (root.lo + root.hi) / 2
    parameter = Parameter(ParameterKind.PAYOFF, "x", "a payoff", v)
    end = End(root, None, "beyond", True)
    none = End(None, True, None, False)
    lower, upper = (end, none) if root.compare(v) < 0 else (none, end)
    margin, bracket, nearest, exact = margin_of(load_game("chicken"), parameter, lower, upper)
    assert nearest is end and bracket is not None and margin is not None
    lo, hi = bracket
    # lo < |√2 − v| < hi, i.e. √2 lies strictly between v ± lo on its side, not beyond v ± hi.
    side = 1 if root.compare(v) > 0 else -1
    assert 0 < lo < hi and margin == (lo + hi) / 2
    assert root.compare(v + side * lo) == side and root.compare(v + side * hi) == -side
    # The exact margin m solves (v + side·m)² = 2: m² + 2·side·v·m + v² − 2 = 0 (side² = 1).
    assert isinstance(exact, Root) and (exact.lo, exact.hi) == bracket
    assert exact.poly == primitive([v * v - 2, 2 * side * v, F(1)])


def test_the_deciding_numbers_past_the_work_limit_are_left_out_with_the_reason():
    # Each exact reading is counted; within a tiny limit the case's numbers cannot all be
    # followed, so sensitivity refuses and deciding_within_limit says why instead.
    from sovgame.core.budget import WorkLimitError, work_limit
    from sovgame.sensitivity.one_number import deciding, deciding_within_limit

    case = load_game("pakistan_afghanistan")
    with work_limit(50_000), pytest.raises(WorkLimitError):
        sensitivity(case)
    with work_limit(50_000):
        found, reason = deciding_within_limit(case)
    assert found is None and reason is not None and "past the limit of 50,000" in reason
    with work_limit(10**9):
        assert deciding_within_limit(case) == (deciding(case), None)
