"""Every bundled game loads and solves, with the literature's equilibria (docs/models.md)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from sovgame import bundled_names, load_game, solve

HALF, THIRD = F(1, 2), F(1, 3)


def equilibria(name, kappa=0):
    return {tuple(tuple(s) for s in e.strategies) for e in solve(load_game(name), kappa).equilibria}


def pure(*indices, sizes=(2, 2)):
    return tuple(tuple(F(int(k == i)) for k in range(size)) for i, size in zip(indices, sizes))


def test_every_bundled_game_loads_and_solves():
    names = bundled_names()
    assert {
        "prisoners_dilemma",
        "stag_hunt",
        "chicken",
        "deadlock",
        "matching_pennies",
        "battle_of_the_sexes",
        "pakistan_afghanistan",
    } <= set(names)
    assert any(max(load_game(n).game.shape) >= 3 for n in names)
    assert any(load_game(n).game.n_players == 3 for n in names)
    for name in names:
        case = load_game(name)
        assert solve(case).equilibria, name


def test_prisoners_dilemma_and_deadlock_only_mutual_defection():
    for name in ("prisoners_dilemma", "deadlock"):
        assert equilibria(name) == {pure(1, 1)}


def test_stag_hunt_two_pure_and_mixed_two_thirds():
    assert equilibria("stag_hunt") == {pure(0, 0), pure(1, 1), ((F(2, 3), THIRD), (F(2, 3), THIRD))}


def test_chicken_two_asymmetric_pure_and_half_half_mixed_with_payoff_2():
    assert equilibria("chicken") == {pure(0, 1), pure(1, 0), ((HALF, HALF), (HALF, HALF))}
    mixed = [e for e in solve(load_game("chicken")).equilibria if not e.pure][0]
    assert mixed.payoffs == (2, 2)


def test_matching_pennies_and_battle_of_the_sexes():
    assert equilibria("matching_pennies") == {((HALF, HALF), (HALF, HALF))}
    assert equilibria("battle_of_the_sexes") == {pure(0, 0), pure(1, 1), ((F(2, 3), THIRD), (THIRD, F(2, 3)))}


def test_case_game_status_quo_is_the_only_equilibrium_today():
    assert equilibria("pakistan_afghanistan") == {pure(1, 1)}
    case = load_game("pakistan_afghanistan")
    assert [c.name for c in case.game.costs] == ["trade_disruption", "refugee_returns", "military_operations"]
    assert case.plausible_kappa == (0, 2)
    assert set(case.notes) == set(case.game.profiles())
    assert all(c.source for c in case.game.costs)


def test_three_player_game_equilibria_against_brute_force():
    case = load_game("pakistan_afghanistan_india")
    U = case.game.payoffs
    brute = []
    for profile in case.game.profiles():
        stable = True
        for i in range(3):
            for other in range(case.game.shape[i]):
                moved = profile[:i] + (other,) + profile[i + 1 :]
                if U[moved + (i,)] > U[profile + (i,)]:
                    stable = False
        if stable:
            brute.append(profile)
    solution = solve(case)
    assert solution.pure_profiles == brute == [(1, 1, 1)]
    # Strike is strictly dominant for Pakistan and Engage Kabul for India (the file's comment),
    # and Tolerate TTP is Afghanistan's only best reply to both: no mixed equilibrium.
    assert len(solution.equilibria) == 1 and solution.complete is True and solution.degenerate is False


@pytest.mark.parametrize("name", ["pakistan_afghanistan_campaign"])
def test_campaign_game_keeps_the_case_block(name):
    game = load_game(name)
    case = load_game("pakistan_afghanistan")
    assert (game.game.payoffs[:2] == case.game.payoffs).all()
    assert "Sustained campaign" in game.game.players[0].strategies
