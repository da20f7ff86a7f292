"""The exact decision at an irrational cost level: signs of polynomials at a Root, and whether
the target is the only equilibrium there, against hand derivations and against the
reference's own exact arithmetic (tests/costs/reference_unique.py)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from costs.reference_unique import Systems, alone_at_irrational, equilibrium_breakpoints
from costs.test_uniqueness import with_costs
from sovgame.core.roots import Root
from sovgame.costs.root_points import alone_at_root
from sovgame.costs.support_pairs import PairBreakpoints
from sovgame.costs.support_polynomials import IntegerGame, sign_at_root

SQRT2 = Root.of_surd(F(0), F(1), F(2))  # √2, the positive root of x² − 2


def test_signs_at_the_square_root_of_two():
    # x² − 2 vanishes at √2; x − 1 is positive there (√2 > 1); 2x² − 3x = 4 − 3√2 < 0
    # (3√2 ≈ 4.24); (x² − 2)(x − 5) vanishes; the constant −7 is negative.
    assert sign_at_root([-2, 0, 1], SQRT2) == 0
    assert sign_at_root([-1, 1], SQRT2) == 1
    assert sign_at_root([0, -3, 2], SQRT2) == -1
    assert sign_at_root([10, -2, -5, 1], SQRT2) == 0
    assert sign_at_root([-7], SQRT2) == -1


def alone_here(game, target, root) -> bool:
    """alone_at_root on every strategy of ``game``."""
    ints = IntegerGame(game, None)
    m, n = game.shape
    return alone_at_root(PairBreakpoints(ints).system, list(range(m)), list(range(n)), target, root)


def test_two_by_two_games_at_the_square_root_of_two():
    # Payoffs U − κW at κ = √2 with one cost on the row's second strategy (weight 1):
    # row: first strategy pays 2 against either column; the second pays 3 − √2 ≈ 1.59 against
    # the first column and 1 − √2 against the second. So the row's first strategy is strictly
    # dominant at √2. The column: 1 against the row's first at its first strategy, 0 at its
    # second; so the only equilibrium is (first, first), and (second, second) is none.
    game = with_costs([[(2, 1), (2, 0)], [(3, 0), (1, 1)]], [[(0, 0), (0, 0)], [(1, 0), (1, 0)]], (0, 0))
    assert alone_here(game, (0, 0), SQRT2)
    assert not alone_here(game, (1, 1), SQRT2)
    # A stag hunt at √2: the row's (a, a) pays 2√2 ≈ 2.83 (a negative cost, −2 per unit of κ),
    # (b, a) 2, (b, b) 1, (a, b) 0; the column's (a, a) 3, (b, b) 2, (b, a) 1, (a, b) 0. (a, a)
    # and (b, b) are both strict equilibria, with a mixed one between: (a, a) is not alone.
    stag = with_costs([[(0, 3), (0, 0)], [(2, 1), (1, 2)]], [[(-2, 0), (0, 0)], [(0, 0), (0, 0)]], (0, 0))
    assert not alone_here(stag, (0, 0), SQRT2)


@st.composite
def games_at_their_irrational_breakpoints(draw):
    """A 2x3, 3x2 or 3x3 game with a custom cost and one of the irrational κ where its
    equilibrium set may change (a root of a support polynomial), with a target; None when the
    game has no such κ."""
    m, n = draw(st.sampled_from([(2, 3), (3, 2), (3, 3)]))
    U = [[(draw(st.integers(-3, 3)), draw(st.integers(-3, 3))) for _ in range(n)] for _ in range(m)]
    W = [[(draw(st.integers(0, 2)), draw(st.integers(0, 2))) for _ in range(n)] for _ in range(m)]
    game = with_costs(U, W, (0, 0))
    roots = [p for p in equilibrium_breakpoints(game, None) if isinstance(p, Root)]
    if not roots:
        return None
    target = draw(st.sampled_from(list(itertools.product(range(m), range(n)))))
    return game, target, draw(st.sampled_from(roots))


@settings(max_examples=40, deadline=None)
@given(games_at_their_irrational_breakpoints())
def test_alone_at_a_root_agrees_with_the_references_own_arithmetic(drawn):
    if drawn is None:
        return
    game, target, root = drawn
    assert alone_here(game, target, root) == alone_at_irrational(Systems(game, None), target, root), (
        game.payoffs.tolist(),
        target,
        root,
    )
