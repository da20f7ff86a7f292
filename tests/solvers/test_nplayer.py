"""Every equilibrium of games with three or more players, exactly (sovgame.solvers.nplayer).

Textbook games come from Gambit's catalogue (github.com/gambitproject/gambit, commit
8883f75): catalog/journals/ijgt/nau2004/sec4.nfg and sec5.nfg (Nau, Gomez Canovas & Hansen
2004, "On the geometry of Nash equilibria and correlated equilibria", Int. J. Game Theory
32:443–453, sections 4 and 5) and contrib/games/2x2x2.nfg (McKelvey & McLennan, "9 Nash
equilibria, 2 totally mixed"). Their equilibria are derived by hand below. Random games are
checked against an independent enumeration in SymPy (tests/solvers/nplayer_reference.py).
"""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest

from solvers.nplayer_reference import brute_force_is_nash, close, family_samples, reference_equilibria
from sovgame.core.roots import Root
from sovgame.solvers.nplayer import enumerate_equilibria
from support import extra_module


def game(table: dict[tuple[int, ...], tuple], shape: tuple[int, ...]) -> np.ndarray:
    """A payoff array from {profile (0-based): payoffs}; unlisted profiles pay 0."""
    payoffs = np.empty(shape + (len(shape),), dtype=object)
    payoffs[...] = F(0)
    for profile, values in table.items():
        payoffs[profile] = [F(v) for v in values]
    return payoffs


def surd(a: F, b: F, r: int) -> Root:
    return Root.of_surd(a, b, F(r))


# Nau et al. 2004, section 4 (strategies Top/Bottom, Left/Right, 1/2; 0 = the first).
NAU_4 = game(
    {
        (0, 0, 0): (3, 0, 2),
        (1, 0, 0): (0, 1, 0),
        (0, 1, 0): (0, 2, 0),
        (1, 1, 0): (1, 0, 0),
        (0, 0, 1): (1, 0, 0),
        (1, 0, 1): (0, 3, 0),
        (0, 1, 1): (0, 1, 0),
        (1, 1, 1): (2, 0, 3),
    },
    (2, 2, 2),
)

# Nau et al. 2004, section 5.
NAU_5 = game(
    {(0, 0, 0): (0, 0, 2), (1, 0, 0): (3, 0, 0), (0, 1, 0): (0, 3, 0), (0, 0, 1): (1, 1, 0), (1, 1, 1): (0, 0, 3)},
    (2, 2, 2),
)


def test_nau_section_4_unique_equilibrium_is_irrational():
    # p = P(Top), q = P(Left), r = P(1). By hand:
    #   U1(T) = 3qr + q(1 − r) = q(1 + 2r),  U1(B) = (1 − q)r + 2(1 − q)(1 − r) = (1 − q)(2 − r)
    #   U2(L) = (1 − p)r + 3(1 − p)(1 − r) = (1 − p)(3 − 2r),  U2(R) = 2pr + p(1 − r) = p(1 + r)
    #   U3(1) = 2pq,  U3(2) = 3(1 − p)(1 − q)
    # Fully mixed: q = (2 − r)/(3 + r), p = (3 − 2r)/(4 − r), and 2pq = 3(1 − p)(1 − q) with
    # 1 − p = (1 + r)/(4 − r), 1 − q = (1 + 2r)/(3 + r) gives 2(3 − 2r)(2 − r) = 3(1 + r)(1 + 2r),
    # i.e. 2r² + 23r − 9 = 0, r = (−23 + √601)/4; then p = (53 − √601)/46, q = (√601 − 13)/24.
    # Nau et al. (and Gambit's catalogue) state it is the game's unique equilibrium.
    found = enumerate_equilibria(NAU_4)
    assert found.complete and not found.degenerate and not found.components
    ((top, bottom), (left, right), (one, two)) = found.points[0]
    assert len(found.points) == 1
    assert top.as_root() == surd(F(53, 46), F(-1, 46), 601) and top + bottom == 1
    assert left.as_root() == surd(F(-13, 24), F(1, 24), 601) and left + right == 1
    assert one.as_root() == surd(F(-23, 4), F(1, 4), 601) and one + two == 1
    assert str(top) == "53/46 − 1/46·√601"


def test_nau_section_5_lists_the_continuum_as_one_component():
    # By hand (p = P(Top), q = P(Left), r = P(1)):
    #   D1 = U1(T) − U1(B) = q(1 − r) − 3qr = q(1 − 4r),  D2 = U2(L) − U2(R) = p(1 − 4r),
    #   D3 = U3(1) − U3(2) = 2pq − 3(1 − p)(1 − q).
    # r < 1/4: q > 0 makes Top strict (p = 1), then Left strict (q = 1), then D3 = 2 > 0 and
    #   r = 1, impossible; so q = 0, D3 = −3(1 − p) ≤ 0, and r > 0 would need p = 1, making Left
    #   strict; so r = 0, and q = 0 needs D2 = p ≤ 0: (Bottom, Right, 2), an isolated point.
    # r > 1/4: q > 0 forces p = 0 and p > 0 forces q = 0. With q = 0 player 1 is indifferent,
    #   and r > 0 needs D3 = −3(1 − p) ≥ 0: p = 1, so (Top, Right, r) for every r in (1/4, 1];
    #   likewise (Bottom, Left, r). p = q = 0 gives D3 = −3 and r = 0, impossible.
    # r = 1/4: players 1 and 2 are indifferent; 0 < r < 1 needs D3 = 0: q = 3(1 − p)/(3 − p),
    #   a curve from (p, q) = (0, 1) to (1, 0).
    # So the equilibria are (Bottom, Right, 2) and one connected set: the segment (Top, Right,
    # r ∈ [1/4, 1]), the curve at r = 1/4 and the segment (Bottom, Left, r ∈ [1/4, 1]).
    found = enumerate_equilibria(NAU_5)
    T, B, one = (F(1), F(0)), (F(0), F(1)), (F(1), F(0))
    quarter = (F(1, 4), F(3, 4))
    listed = dict(zip(found.points, found.component_of))
    assert listed == {
        (T, B, one): 1,  # (Top, Right, 1)
        (T, B, quarter): 1,  # (Top, Right, r = 1/4)
        (B, T, one): 1,  # (Bottom, Left, 1)
        (B, T, quarter): 1,
        (B, B, (F(0), F(1))): None,  # (Bottom, Right, 2)
    }
    assert found.complete and found.degenerate and len(found.components) == 1
    (component,) = found.components
    assert component.dimension == 1 and not component.polytope
    assert sorted(piece.kind for piece in component.pieces) == ["curve", "polytope", "polytope"]
    for r in (F(1, 4), F(1, 2), F(1)):
        assert component.contains((T, B, (r, 1 - r))) and component.contains((B, T, (r, 1 - r)))
    assert not component.contains((T, B, (F(1, 5), F(4, 5))))  # r < 1/4: Left is better
    p = F(1, 2)
    q = 3 * (1 - p) / (3 - p)
    assert component.contains(((p, 1 - p), (q, 1 - q), quarter))
    assert not component.contains(((p, 1 - p), (q + F(1, 100), 1 - q - F(1, 100)), quarter))
    assert brute_force_is_nash(NAU_5, component.point)


def test_a_generic_game_with_two_irrational_equilibria_derived_by_hand():
    # Payoffs (player 1, 2, 3) at (s1, s2, s3), A = 0, B = 1; p, q, r = P(A):
    #   U1(A) = 2qr + q(1 − r) = q(1 + r),        U1(B) = (1 − q)r + 3(1 − q)(1 − r) = (1 − q)(3 − 2r)
    #   U2(A) = 3pr + (1 − p)(1 − r),              U2(B) = p(1 − r) + 2(1 − p)r
    #   U3(A) = 2pq,                               U3(B) = (1 − p)(1 − q)
    # Fully mixed: q = (3 − 2r)/(4 − r); player 2: 7pr − 2p − 3r + 1 = 0, p = (3r − 1)/(7r − 2);
    # player 3: 2pq = (1 − p)(1 − q) with 1 − p = (4r − 1)/(7r − 2), 1 − q = (1 + r)/(4 − r):
    # 2(3r − 1)(3 − 2r) = (4r − 1)(1 + r), i.e. −12r² + 22r − 6 = 4r² + 3r − 1, 16r² − 19r + 5 = 0,
    # r = (19 ∓ √41)/32; rationalising, p = (27 ∓ √41)/86 and q = (39 ± √41)/74, all in (0, 1).
    # Pure: (A, A, A) is one (2 > 0, 3 > 0, 2 > 0); every other profile has a deviation.
    payoffs = game(
        {
            (0, 0, 0): (2, 3, 2),
            (0, 0, 1): (1, 0, 0),
            (0, 1, 1): (0, 1, 0),
            (1, 0, 1): (0, 1, 0),
            (1, 1, 0): (1, 2, 0),
            (1, 1, 1): (3, 0, 1),
        },
        (2, 2, 2),
    )
    found = enumerate_equilibria(payoffs)
    assert found.complete and not found.degenerate
    assert found.points[0] == ((F(1), F(0)),) * 3
    mixed = {tuple(s[0].as_root() for s in p) for p in found.points[1:]}
    for sign in (1, -1):
        expected = (
            surd(F(27, 86), F(-sign, 86), 41),
            surd(F(39, 74), F(sign, 74), 41),
            surd(F(19, 32), F(-sign, 32), 41),
        )
        assert any(all(a == b for a, b in zip(m, expected)) for m in mixed)
    assert len(found.points) == 3


def test_mckelvey_mclennan_nine_equilibria_two_totally_mixed():
    # Gambit's contrib/games/2x2x2.nfg: "2x2x2 Example from McKelvey-McLennan, with 9 Nash
    # equilibria, 2 totally mixed".
    payoffs = game({(0, 0, 0): (9, 8, 12), (1, 1, 0): (9, 8, 2), (1, 0, 1): (3, 4, 6), (0, 1, 1): (3, 4, 6)}, (2, 2, 2))
    found = enumerate_equilibria(payoffs)
    assert len(found.points) == 9 and found.complete
    assert sum(all(p != 0 for s in profile for p in s) for profile in found.points) == 2


def random_game(rng: random.Random, shape: tuple[int, ...], low: int, high: int) -> np.ndarray:
    payoffs = np.empty(shape + (len(shape),), dtype=object)
    for index in np.ndindex(payoffs.shape):
        payoffs[index] = F(rng.randint(low, high))
    return payoffs


def check_against_reference(payoffs: np.ndarray, rng: random.Random) -> None:
    """0 missed, 0 invented: every reference equilibrium is listed or on a component, every
    listed one is a reference equilibrium (or a rational one by brute force), and sampled
    points of the reference's families are listed or on a component."""
    reference = reference_equilibria(payoffs)
    found = enumerate_equilibria(payoffs)
    assert found.complete, found.unresolved
    for point in reference.points:
        rational = all(x.is_Rational for s in point for x in s)
        exact = tuple(tuple(F(int(x.p), int(x.q)) for x in s) for s in point) if rational else None
        assert any(close(p, point) for p in found.points) or (
            exact is not None and any(c.contains(exact) for c in found.components)
        ), f"missed {point}"
    for profile in found.points:
        rational = all(isinstance(x, F) for s in profile for x in s)
        assert any(close(profile, point) for point in reference.points) or (
            rational and brute_force_is_nash(payoffs, profile)
        ), f"invented {profile}"
    for family in reference.families:
        for sample in family_samples(payoffs, family, 4, rng):
            assert any(close(p, sample) for p in found.points) or any(c.contains(sample) for c in found.components)


@pytest.mark.parametrize("seed", range(4))
def test_random_generic_2x2x2_games_against_an_independent_enumeration(seed):
    rng = random.Random(seed)
    check_against_reference(random_game(rng, (2, 2, 2), -99, 99), rng)


@pytest.mark.parametrize("seed", range(4))
def test_random_degenerate_2x2x2_games_against_an_independent_enumeration(seed):
    rng = random.Random(100 + seed)
    check_against_reference(random_game(rng, (2, 2, 2), 0, 2), rng)


@pytest.mark.parametrize("seed", range(2))
def test_random_3x2x2_games_against_an_independent_enumeration(seed):
    rng = random.Random(200 + seed)
    check_against_reference(random_game(rng, (3, 2, 2), -99, 99), rng)


def test_a_random_2x2x2x2_game_against_an_independent_enumeration():
    rng = random.Random(300)
    check_against_reference(random_game(rng, (2, 2, 2, 2), -99, 99), rng)


def test_gambit_enumpoly_finds_nothing_we_miss():
    gbt = extra_module("pygambit")
    rng = random.Random(400)
    for _ in range(4):
        payoffs = random_game(rng, (2, 2, 2), -99, 99)
        arrays = [
            np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator), otypes=[object])(payoffs[..., i])
            for i in range(3)
        ]
        theirs = gbt.nash.enumpoly_solve(gbt.StrategicGame.from_arrays(*arrays)).equilibria
        found = enumerate_equilibria(payoffs)
        for eq in theirs:
            floats = [[float(p) for _, p in eq[player]] for player in eq.game.players]
            assert any(
                all(abs(float(a) - b) < 1e-6 for s, t in zip(profile, floats) for a, b in zip(s, t))
                for profile in found.points
            )


def test_a_support_that_cannot_be_resolved_makes_the_enumeration_incomplete(monkeypatch):
    import sovgame.solvers.strata as strata
    from sovgame.solvers.polysystems import AlgebraTooHard

    def too_hard(polys, ctx):
        raise AlgebraTooHard("the Gröbner basis passed its size limits")

    monkeypatch.setattr(strata, "groebner", too_hard)
    found = enumerate_equilibria(NAU_4)
    assert not found.complete and "size limits" in found.unresolved[0]
