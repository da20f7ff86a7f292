"""The ranged numbers of sections followed by ``sensitivity``: India's effect, the mediator's
budget, the repeated game's false alarm and a type's prior, each against a hand derivation,
and every change point checked by reading the files again with the number written into them."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

from sovgame import load_case
from sovgame.files.gamefile import bundled_dir
from sovgame.sensitivity.one_number import sensitivity
from sovgame.sensitivity.parameters import ParameterKind
from support import invoke

EPSILON = Fraction(1, 10**6)


def _bundled(name: str):
    return bundled_dir() / name


def _entry(result, subject: str, key: str):
    (found,) = [e for e in result.entries if e.subject == subject and e.parameter.key == key]
    return found


@pytest.fixture(scope="module")
def case_sensitivity():
    return sensitivity(load_case("pakistan_afghanistan"), criteria=[])


def test_india_effect_turns_the_compromise_verdict_at_minus_one_half():
    # Scenario 3 (India engaged): Pakistan's payoffs at (Restrain, Constrain) and (Restrain,
    # Tolerate) are 3 + e and 1 + e for India's effect e (file: e = -1, 2 and 0). At
    # (Restrain, Constrain) Pakistan's Strike gains 4 - (3 + e) - κ·3/4 (its weights 1/2 + 1/4
    # on confronting), so its own threshold is 4(1 - e)/3; Afghanistan's Tolerate gains
    # 9/2 - 3 - κ·3/2, threshold 1. κ_NE = max(4(1 - e)/3, 1) = 4(1 - e)/3 for e <= 1/4, which
    # is at most the plausible top 2 iff e >= -1/2: beyond for e < -1/2, reachable from -1/2
    # (2 itself lies in the closed range) up to 0, where it is 4/3.
    result = sensitivity(load_case("scenario_india_engaged"), criteria=["nash"], claims=False)
    entry = _entry(result, "nash", "effect:india_on_restraint")
    assert entry.parameter.kind == ParameterKind.EFFECT
    assert entry.parameter.declared == (Fraction(-1), Fraction(0))
    assert entry.state.value == "beyond"
    assert (entry.upper.at, entry.upper.closed, entry.upper.beyond.value) == (Fraction(-1, 2), False, "reachable")
    assert entry.lower.at is None  # nothing below changes it
    # Pakistan's payoff range in the scenario is 4 - 0 = 4: the margin is (1/2)/4.
    assert entry.margin == Fraction(1, 8)


@pytest.mark.parametrize("effect, verdict", [(Fraction(-1, 2), "reachable"), (Fraction(-1, 2) - EPSILON, "beyond")])
def test_the_effect_change_is_where_the_payoffs_written_with_set_change_it(runner, effect, verdict):
    # Independent of the effect's code: the two payoffs it moves, written with --set.
    sets = []
    for outcome, stated in (
        ("Restrain strikes|Constrain TTP|Engage Kabul", 2),
        ("Restrain strikes|Tolerate TTP|Engage Kabul", 0),
    ):
        value = stated + (effect - (-1))
        sets += ["--set", f"Pakistan@{outcome}={value.numerator}/{value.denominator}"]
    result = invoke(runner, "thresholds", "scenario_india_engaged", *sets, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["thresholds"]["nash"]["verdict"] == verdict


def test_the_mediation_budget_turns_no_leverage_at_one_quarter(case_sensitivity):
    # At κ = 1 Pakistan's Strike against a constraining Kabul pays 4 - 3/4 = 13/4 against
    # restraint's 3: compromise needs a transfer of 1/4 per period. The test "the transfers
    # exceed the budget" holds iff 1/4 > b, so on the declared range [0, 1/2] the claim keeps
    # its grade for b in [0, 1/4) and is only partly supported from 1/4 on (its other test,
    # the correlated-equilibrium bound 0, does not read the budget).
    entry = _entry(case_sensitivity, "claim:no_leverage", "pakistan_afghanistan_mediation:mediator.budget")
    assert entry.parameter.kind == ParameterKind.SECTION and entry.complete
    assert entry.state.value == "supported"
    assert (entry.lower.at, entry.lower.change) == (Fraction(0), False)
    assert (entry.upper.at, entry.upper.closed, entry.upper.beyond.value) == (Fraction(1, 4), False, "partly_supported")
    assert entry.margin == (Fraction(1, 4) - Fraction(1, 10)) / Fraction(1, 2)  # relative to the range's width


def test_the_false_alarm_turns_cycles_at_one_ninth(case_sensitivity):
    # Green-Porter with a one-period punishment (the repeated file's δ = 9/10 makes it deter):
    # after a bad signal, probability f per period of peace, one period of conflict follows, so
    # conflict fills f/(1 + f) of the time; "at least 1/10" holds iff 10f >= 1 + f, f >= 1/9.
    entry = _entry(case_sensitivity, "claim:cycles", "pakistan_afghanistan_repeated:repeated.false_alarm")
    assert entry.complete and entry.state.value == "supported"
    assert (entry.lower.at, entry.lower.closed, entry.lower.beyond.value) == (Fraction(1, 9), True, "not_supported")
    assert (entry.upper.at, entry.upper.change) == (Fraction(3, 10), False)


def test_the_third_party_claim_follows_india_s_effect_in_the_other_file(case_sensitivity):
    # The scenarios claim's third test reads pakistan_afghanistan_india: with India engaged the
    # others' threshold is 4(1 - e)/3 (above), beyond the top 2 iff e < -1/2.
    entry = _entry(case_sensitivity, "claim:scenarios", "pakistan_afghanistan_india:effect:india_on_restraint")
    assert entry.complete
    assert (entry.upper.at, entry.upper.closed, entry.upper.beyond.value) == (
        Fraction(-1, 2),
        False,
        "partly_supported",
    )


def test_a_number_without_a_declared_range_is_not_followed():
    text = _bundled("pakistan_afghanistan_mediation.toml").read_text(encoding="utf-8")
    from sovgame import parse_game
    from sovgame.sensitivity.section_numbers import section_numbers

    assert [n.parameter.key for n in section_numbers(parse_game(text))] == ["mediator.budget"]
    unranged = parse_game(re.sub(r"(?m)^budget_range = .*$", "", text))
    assert section_numbers(unranged) == []


# --- every change point named is a true change, read again from the files --------------------


def _rewritten(tmp_path, key: str, value: Fraction):
    """The case file with the number ``key`` ("file:section.name") at ``value``, the way a
    user would write it: a copy of the file it lives in with the line changed, and a copy of the
    case whose claims name that copy."""
    file, _, number = key.partition(":")
    name = number.rsplit(".", 1)[-1]
    text = _bundled(f"{file}.toml").read_text(encoding="utf-8")
    text, count = re.subn(rf"(?m)^{name} = .*$", f'{name} = "{value}"', text)
    assert count == 1, (key, count)
    (tmp_path / f"{file}.toml").write_text(text, encoding="utf-8")
    case = _bundled("pakistan_afghanistan.toml").read_text(encoding="utf-8")
    case = case.replace(f'game = "{file}"', f'game = "{file}.toml"')
    path = tmp_path / "case.toml"
    path.write_text(case, encoding="utf-8")
    return path


def _grade(runner, path, claim: str) -> str:
    result = invoke(runner, "claims", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (found,) = [c for c in json.loads(result.stdout)["claims"] if c["id"] == claim]
    return found["grade"]


def test_every_change_point_flips_the_grade_just_beyond_and_not_just_before(runner, tmp_path, case_sensitivity):
    checked = 0
    for entry in case_sensitivity.entries:
        key = entry.parameter.key
        if entry.parameter.kind != ParameterKind.SECTION or "effect:" in key or "types." in key:
            continue
        claim = entry.subject.removeprefix("claim:")
        for end, outward in ((entry.lower, -1), (entry.upper, 1)):
            if not end.change:
                continue
            assert isinstance(end.at, Fraction)
            inside = end.at if end.closed else end.at - outward * EPSILON
            beyond = end.at + outward * EPSILON if end.closed else end.at
            assert _grade(runner, _rewritten(tmp_path, key, inside), claim) == entry.state.value
            assert _grade(runner, _rewritten(tmp_path, key, beyond), claim) == end.beyond.value
            checked += 1
    assert checked >= 2  # the budget's and the false alarm's


def test_the_prior_s_change_is_confirmed_on_both_sides(runner, tmp_path):
    # The types file states its own claims; its ttp_ally prior is read from the file again.
    result = sensitivity(load_case("pakistan_afghanistan_types"), criteria=[])
    (entry,) = [e for e in result.entries if e.parameter.key == "types.Afghanistan.ttp_ally.prior"]
    end = entry.upper
    assert end.change and isinstance(end.at, Fraction) and Fraction(2, 5) < end.at < Fraction(3, 5)
    text = _bundled("pakistan_afghanistan_types.toml").read_text(encoding="utf-8")
    for x, wanted in (
        (end.at if end.closed else end.at - EPSILON, entry.state.value),
        (end.at + EPSILON if end.closed else end.at, end.beyond.value),
    ):
        changed = text.replace("prior = 0.6", f'prior = "{1 - x}"').replace("prior = 0.4", f'prior = "{x}"')
        path = tmp_path / "types.toml"
        path.write_text(changed, encoding="utf-8")
        assert _grade(runner, path, entry.subject.removeprefix("claim:")) == wanted
