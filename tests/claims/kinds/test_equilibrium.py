"""The ``equilibrium`` claim test: a profile is an equilibrium at κ, the only one, or none."""

from __future__ import annotations

from strategies import two_by_two
from support import claims_toml, graded

# Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1 (symmetric), compromise C listed first.
PD = [(3, 3), (0, 5), (5, 0), (1, 1)]
# Stag Hunt R, S, T, P = 4, 0, 3, 2.
STAG = [(4, 4), (0, 3), (3, 0), (2, 2)]


def test_equilibrium_claims_on_the_stag_hunt():
    # any_conflict, weight 1, κ = 1: (C, C) pays 4, 4; (C, D) pays −1, 2; (D, C) 2, −1; (D, D)
    # 1, 1. (C, C) and (D, D) are both equilibria (leaving costs 2 at each), so neither is the
    # only one; at (C, D) the row player gains 1 − (−1) = 2 by D.
    case = two_by_two(
        STAG,
        "any_conflict",
        extra=claims_toml(
            '{ kind = "equilibrium", profile = "C|C", expect = "equilibrium" }',
            '{ kind = "equilibrium", profile = "C|C", expect = "only_equilibrium" }',
            '{ kind = "equilibrium", profile = "C|D", expect = "not_equilibrium" }',
            # At κ = 3 (D, D) pays 2 − 3 = −1 and leaving it pays 0 − 3 = −3: still one.
            '{ kind = "equilibrium", profile = "D|D", expect = "not_equilibrium", kappa = 3 }',
        ),
    )
    one, only, not_one, later = graded(case)
    assert one.grade == "supported"
    assert only.grade == "not_supported" and "also an equilibrium: (D, D)" in only.reason
    assert not_one.grade == "supported" and "Row gains 2 by 'D' instead of 'C' when Column plays 'D'" in not_one.reason
    assert later.grade == "not_supported"
    assert one.tests[0].quantity == "the equilibria at κ = 1 (today's costs)"


def test_a_tie_makes_a_weak_equilibrium_and_says_so():
    # Prisoner's Dilemma, own_confront, κ = 2: leaving (C, C) gains 2 − 2 = 0.
    case = two_by_two(
        PD,
        "own_confront",
        extra=claims_toml('{ kind = "equilibrium", profile = "C|C", expect = "equilibrium", kappa = 2 }'),
    )
    (result,) = graded(case)
    assert result.grade == "supported" and "it is weak: Row gains nothing by 'D'" in result.reason
