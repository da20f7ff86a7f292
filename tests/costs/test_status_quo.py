"""The status-quo exit: where the all-confront outcome stops being an equilibrium, derived by
hand and checked against the solver."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings

from sovgame import load_case, solve
from sovgame.costs.status_quo import STATUS_QUO_EXIT
from sovgame.costs.thresholds import compute_thresholds
from sovgame.costs.verdicts import Verdict
from strategies import costed_2x2, symmetric


def test_case_status_quo_exits_above_four_not_at_four_thirds():
    # Case (docs/models.md): at (Strike, Tolerate TTP) Pakistan's payoff is 2 − κ(1/2 + 1/4)
    # = 2 − 3κ/4; moving to Restrain strikes gives 1 − κ/2. The move gains
    # (1 − κ/2) − (2 − 3κ/4) = κ/4 − 1 > 0 iff κ > 4. Kabul's load is 3/2 at both
    # (Strike, Constrain) and (Strike, Tolerate), so its move gains 1 − 2 = −1 at every κ.
    # The status quo exits above 4 (beyond the plausible top 2), where compromise enters at 4/3.
    report = compute_thresholds(load_case("pakistan_afghanistan"))
    exit_ = report.status_quo_exit
    assert exit_ is not None and exit_.criterion == STATUS_QUO_EXIT
    assert (exit_.value, exit_.attained, exit_.upper) == (F(4), False, None)
    assert exit_.binding == "Pakistan"
    assert exit_.per_player == {"Pakistan": F(4), "Afghanistan": None}
    assert exit_.verdict == Verdict.BEYOND
    assert report.thresholds["nash"].value == F(4, 3)
    assert "status_quo_exit" not in report.thresholds
    assert report.status_quo_names() == {"Pakistan": "Strike", "Afghanistan": "Tolerate TTP"}
    data = report.to_dict()["status_quo"]
    assert data["profile"] == {"Pakistan": "Strike", "Afghanistan": "Tolerate TTP"}
    assert data["exit"]["exact"] == "4" and data["exit"]["verdict"] == "beyond"
    assert data["exit"]["per_player"] == {"Pakistan": "4", "Afghanistan": "inf"}


@pytest.mark.parametrize(
    ("incidence", "expected"),
    [
        # PD R, S, T, P = 3, 0, 5, 1, weights 1. At (D, D) moving to C gains S − P = −1 at κ = 0;
        # own_confront: (D, D) costs κ, (C, D) nothing: gain −1 + κ, exits above 1 = P − S.
        ("own_confront", F(1)),
        # mutual_confront: only (D, D) is costed: the same gain −1 + κ, exits above 1.
        ("mutual_confront", F(1)),
        # any_conflict: (C, D) and (D, D) both cost κ, the gain stays −1: never exits, which is
        # why compromise is never the only equilibrium there (docs/models.md's table).
        ("any_conflict", None),
    ],
)
def test_prisoners_dilemma_exit_by_incidence(incidence, expected):
    exit_ = compute_thresholds(symmetric(3, 0, 5, 1, incidence)).status_quo_exit
    assert exit_ is not None
    assert exit_.value == expected
    if expected is None:
        assert exit_.verdict == Verdict.NEVER and exit_.binding is None
    else:
        assert exit_.attained is False


def test_no_exit_outside_two_by_two():
    report = compute_thresholds(load_case("pakistan_afghanistan_india"))
    assert report.status_quo_exit is None and report.to_dict()["status_quo"] is None


@settings(max_examples=40, deadline=None)
@given(costed_2x2())
def test_exit_set_is_where_the_solver_drops_the_status_quo(case):
    # At a κ inside the exit set the status quo is no pure equilibrium; outside it, it is one.
    report = compute_thresholds(case)
    exit_ = report.status_quo_exit
    assert exit_ is not None
    d = tuple(1 - t for t in report.target)
    for kappa in (F(0), F(1, 2), F(1), F(3, 2), F(2), F(3), F(5)):
        pure = set(solve(case, kappa).pure_profiles)
        gone = any(i.contains(kappa) for i in exit_.intervals)
        assert (d not in pure) == gone, kappa
