"""Thresholds as ratios of linear functions: values and texts, against the trust and capacity
thresholds of the case game derived by hand in docs/models.md."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame.core.ratios import Ratio, linear_text

# Trust (docs/models.md, "Types and trust"): p* = (P − S)/((R − T) + (P − S)). For Pakistan in
# the case game at κ: R = 3, S = 1 − κ/2, T = 4 − 3κ/4, P = 2 − 3κ/4, so P − S = 1 − κ/4 and
# R − T + P − S = κ/2: p* = (1 − κ/4)/(κ/2) = (4 − κ)/(2κ). For Afghanistan: R = 3,
# S = 1 − 3κ/2, T = 4 − 3κ/2, P = 2 − 3κ/2: p* = 1/(3κ/2) = 2/(3κ).
PAKISTAN = Ratio(F(1), F(-1, 4), F(0), F(1, 2))
AFGHANISTAN = Ratio(F(1), F(0), F(0), F(3, 2))
# Capacity (docs/models.md, "Capacity"): Pakistan restrains iff κ ≥ 1/(1/4 + q/2).
CAPACITY = Ratio(F(1), F(0), F(1, 4), F(1, 2))


def test_trust_thresholds_of_the_case_game():
    # docs/models.md: at κ = 2 Pakistan needs 1/2 and Kabul 1/3; at κ = 1 Kabul needs 2/3.
    assert PAKISTAN.at(F(2)) == F(1, 2) and AFGHANISTAN.at(F(2)) == F(1, 3) and AFGHANISTAN.at(F(1)) == F(2, 3)
    assert PAKISTAN.text() == "(4 − κ)/(2κ)" and AFGHANISTAN.text() == "2/(3κ)"


def test_the_capacity_threshold():
    # q = 1/2 gives 1/(1/4 + 1/4) = 2, the plausible top; q = 1 gives 4/3, the nash threshold.
    assert CAPACITY.at(F(1, 2)) == 2 and CAPACITY.at(F(1)) == F(4, 3)
    assert CAPACITY.text("q") == "4/(1 + 2q)"


def test_the_complement():
    # 1 − (4 − κ)/(2κ) = (2κ − 4 + κ)/(2κ) = (3κ − 4)/(2κ).
    complement = PAKISTAN.complement()
    assert complement.at(F(2)) == F(1, 2) and complement.at(F(4)) == F(1)
    assert complement.text() == "(3κ − 4)/(2κ)"


@pytest.mark.parametrize(
    "ratio, text",
    [
        (Ratio(F(0), F(2), F(0), F(4)), "1/2"),  # κ cancels: 2κ/(4κ)
        (Ratio(F(3), F(0), F(2), F(0)), "3/2"),  # a constant
        (Ratio(F(1), F(0), F(0), F(-2)), "−1/(2κ)"),  # the denominator's sign moved up
        (Ratio(F(-6), F(3), F(-9), F(0)), "2/3 − κ/3"),  # (−6 + 3κ)/(−9)
    ],
)
def test_texts_in_lowest_terms(ratio, text):
    assert ratio.text() == text


@pytest.mark.parametrize(
    "c0, c1, var, text",
    [
        (F(4), F(-1), "κ", "4 − κ"),
        (F(0), F(2), "κ", "2κ"),
        (F(0), F(-2), "κ", "−2κ"),
        (F(-4), F(3), "κ", "3κ − 4"),
        (F(1, 4), F(1, 2), "q", "1/4 + q/2"),
        (F(3, 2), F(0), "κ", "3/2"),
        (F(1), F(3, 2), "κ", "1 + (3/2)κ"),
        (F(-1), F(0), "κ", "−1"),
    ],
)
def test_linear_texts(c0, c1, var, text):
    assert linear_text(c0, c1, var) == text
