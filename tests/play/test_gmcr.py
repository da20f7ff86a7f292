"""Ordinal stability (GMCR): the Prisoner's Dilemma, Chicken, Deadlock and the case against
hand derivations from the definitions (Fang, Hipel & Kilgour 1993), three players, infeasible
states and irreversible moves, the status-quo analysis, and an independent brute-force
reference on random two-player games with ties."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import pytest

from cases import CASE_TOML
from sovgame import Game, parse_game
from sovgame.errors import ParameterError
from sovgame.play.gmcr import CONCEPTS, build_graph, stability, stability_at
from sovgame.sections.stability import StabilitySettings

STRATEGIES = [["C", "D"], ["C", "D"]]


def symmetric(r, s, t, p, **options):
    """A symmetric 2x2 game from R, S, T, P."""
    return Game.from_arrays([[r, s], [t, p]], [[r, t], [s, p]], strategies=STRATEGIES, compromise=["C", "C"], **options)


def table(game, kappa=0, **options):
    """{outcome: {concept: stable for every player}}."""
    result = stability(game, kappa, **options)
    return {game.outcome_key(st.profile): {c: st.stable(c) for c in CONCEPTS} for st in result.states}


ALL = dict.fromkeys(CONCEPTS, True)
NONE = dict.fromkeys(CONCEPTS, False)


def test_prisoners_dilemma_stability_table():
    """R, S, T, P = 3, 0, 5, 1. (C,C): Row's UI to (D,C) (5 > 3) is answered by Column's move to
    (D,D), 1 ≤ 3, itself Column's UI (1 > 0): GMR and SEQ; from (D,D) Row's only move is back to
    (C,D), 0 ≤ 3: SMR; symmetric for Column; not Nash. (D,D): no UI (0 < 1): all four. (C,D):
    Row's UI to (D,D) (1 > 0) can be answered only by Column's move to (D,C), where Row gets
    5 > 0: unstable under all four; (D,C) likewise."""
    assert table(symmetric(3, 0, 5, 1)) == {
        "C|C": {"nash": False, "gmr": True, "smr": True, "seq": True},
        "C|D": NONE,
        "D|C": NONE,
        "D|D": ALL,
    }


def test_chicken_stability_table():
    """R, S, T, P = 3, 1, 4, 0. (C,C): Row's UI to (D,C) (4 > 3) is sanctioned by Column's move
    to (D,D) (0 ≤ 3), and Row's escape from (D,D) to (C,D) gives 1 ≤ 3: GMR and SMR; but that
    move costs Column (0 < 1), so it is no credible sanction: not SEQ, not Nash. (C,D), (D,C):
    no UI for either player (1 > 0; 4 > 3): all four. (D,D): Row's UI to (C,D) (1 > 0) could
    only be answered by Column's move to (C,C), where Row has 3 > 0: unstable."""
    assert table(symmetric(3, 1, 4, 0)) == {
        "C|C": {"nash": False, "gmr": True, "smr": True, "seq": False},
        "C|D": ALL,
        "D|C": ALL,
        "D|D": NONE,
    }


def test_deadlock_only_mutual_defection():
    """R, S, T, P = 2, 1, 4, 3 (R < P). (C,C): Row's UI to (D,C) (4 > 2); Column's only answer,
    (D,D), gives Row 3 > 2: unstable. (C,D): Row's UI to (D,D) (3 > 1); Column's answer (D,C)
    gives Row 4 > 1: unstable; (D,C) likewise. (D,D): no UI (1 < 3): stable under all four."""
    assert table(symmetric(2, 1, 4, 3)) == {"C|C": NONE, "C|D": NONE, "D|C": NONE, "D|D": ALL}


def test_case_at_zero_and_its_intervals():
    """The case at κ = 0 is a Prisoner's Dilemma for both (docs/models.md): (C,C) GMR, SMR and
    SEQ but not Nash, (D,D) under all four. Nash: (C,C) from κ_NE = 4/3 on; (D,D) until 4,
    where Pakistan's P − κ·3/4 = 2 − 3 = −1 meets S − κ/2 = 1 − 2 = −1 (κ_unique = 4)."""
    case = parse_game(CASE_TOML)
    game = case.game
    result = stability(case, 0)
    compromise, status_quo = (0, 0), (1, 1)
    assert {c: result.state(compromise).stable(c) for c in CONCEPTS} == {
        "nash": False,
        "gmr": True,
        "smr": True,
        "seq": True,
    }
    assert all(result.state(status_quo).stable(c) for c in CONCEPTS)
    assert set(result.equilibria("seq")) == {compromise, status_quo}
    nash_cc = result.intervals[compromise]["nash"]
    assert [(i.lo, i.lo_closed, i.hi) for i in nash_cc] == [(F(4, 3), True, None)]
    nash_dd = result.intervals[status_quo]["nash"]
    assert [(i.lo, i.lo_closed, i.hi, i.hi_closed) for i in nash_dd] == [(0, True, F(4), True)]
    assert game.outcome_key(result.evolution.start) == "Strike|Tolerate TTP"
    assert not result.evolution.paths and "Nash-stable" in result.evolution.reason


def test_sanctions_are_named():
    """In the PD at (C,C), Row's improvement to (D,C) is answered by Column moving to (D,D)."""
    game = symmetric(3, 0, 5, 1)
    row = stability(game).state((0, 0)).players[0]
    (answer,) = row.answers
    assert answer.improvement == (1, 0)
    assert answer.gmr == answer.smr == answer.seq == ((1, (1, 1)),)


def test_infeasible_states_and_irreversible_moves():
    """Without (C,D) and (D,C), nobody can move at all: both remaining states are stable under
    every concept. In the PD with Defect irreversible for Column, (C,D) loses Column's move
    back; Row's UI from (C,D) to (D,D) then meets no answer still (Column at (D,D) cannot move):
    unstable; (C,C) stays GMR-stable."""
    pd = symmetric(3, 0, 5, 1)
    cut = StabilitySettings(infeasible=frozenset({(0, 1), (1, 0)}))
    assert table(pd, settings=cut) == {"C|C": ALL, "D|D": ALL}
    locked = StabilitySettings(forbidden=frozenset({(1, 1, 0)}))
    result = stability(pd, settings=locked)
    assert not result.state((0, 1)).stable("gmr")
    assert result.state((0, 0)).stable("gmr")


def test_section_read_from_a_file():
    text = CASE_TOML + (
        '\n[stability]\nstatus_quo = "Strike|Constrain TTP"\ninfeasible = ["Restrain strikes|Tolerate TTP"]\n'
        'irreversible = [{ player = "Pakistan", from = "Strike" }]\n'
    )
    case = parse_game(text)
    settings = case.section(StabilitySettings)
    assert settings.status_quo == (1, 0)
    assert settings.infeasible == {(0, 1)}
    assert settings.forbidden == {(0, 1, 0)}
    graph = build_graph(case.game, settings)
    assert graph.moves[0][(1, 0)] == ()


def test_status_quo_paths_with_own_costs():
    """PD with an own_confront cost of 1 each at κ = 3: (D,D) is (−2, −2), (C,D) is (0, 2),
    (D,C) is (2, 0), (C,C) (3, 3). From (D,D) Row improves to (C,D) (0 > −2), then Column to
    (C,C) (3 > 2); or Column first: two shortest paths of two moves."""
    game = symmetric(3, 0, 5, 1, costs=[{"name": "c", "incidence": "own_confront", "weights": [1, 1]}])
    evo = stability(game, 3).evolution
    assert evo.start == (1, 1) and evo.target == (0, 0)
    assert sorted(evo.paths) == sorted([((0, (0, 1)), (1, (0, 0))), ((1, (1, 0)), (0, (0, 0)))])


def test_three_players_coalition_sanction():
    """Three players, two strategies each; only Player 1's ranking matters for its stability at
    (0,0,0), where it has 2 and its UI to (1,0,0) gives 3. Alone, neither other player's move
    from (1,0,0) brings Player 1 to 2 or below ((1,1,0) and (1,0,1) give it 4); the two together,
    one after the other, reach (1,1,1) where it has 1: GMR-stable only through the coalition."""
    u1 = {(0, 0, 0): 2, (1, 0, 0): 3, (1, 1, 0): 4, (1, 0, 1): 4, (1, 1, 1): 1}
    payoffs = [[[[u1.get((a, b, c), 0), 0, 0] for c in range(2)] for b in range(2)] for a in range(2)]
    game = Game.from_payoffs(payoffs)
    player = stability(game).state((0, 0, 0)).players[0]
    (answer,) = player.answers
    assert answer.gmr is not None and len(answer.gmr) == 2 and answer.gmr[-1][1] == (1, 1, 1)
    assert player.stable("gmr")


def test_bad_arguments():
    with pytest.raises(ParameterError, match="start"):
        stability(symmetric(3, 0, 5, 1), start="C|X")
    with pytest.raises(ParameterError, match="kappa"):
        stability(symmetric(3, 0, 5, 1), -1)


# --- an independent reference: the definitions, written out for two players -------------------


def reference_flags(u, m, n):
    """Stable-for-both flags of every state of an m x n game with values u[(a, b)] = (u1, u2),
    straight from the definitions (two players: a sanction is one move of the other)."""

    def moves(player, s):
        a, b = s
        return [(x, b) for x in range(m) if x != a] if player == 0 else [(a, y) for y in range(n) if y != b]

    out = {}
    for s in itertools.product(range(m), range(n)):
        flags = dict.fromkeys(CONCEPTS, True)
        for i in range(2):
            j = 1 - i
            for s1 in (t for t in moves(i, s) if u[t][i] > u[s][i]):
                flags["nash"] = False
                answers = [s2 for s2 in moves(j, s1) if u[s2][i] <= u[s][i]]
                flags["gmr"] &= bool(answers)
                flags["smr"] &= any(all(u[s3][i] <= u[s][i] for s3 in moves(i, s2)) for s2 in answers)
                flags["seq"] &= any(u[s2][j] > u[s1][j] for s2 in answers)
        out[s] = flags
    return out


def test_random_games_with_ties_match_the_definitions_at_every_sample_point():
    """Random 3x3 and 4x2 games with small integer payoffs (many ties) and a cost: at κ = 0,
    1/2, 1 and 3 the flags, and the κ-intervals read at those points, match the reference."""
    rng = random.Random(7)
    for trial in range(25):
        m, n = (3, 3) if trial % 2 else (4, 2)
        a = [[rng.randint(0, 3) for _ in range(n)] for _ in range(m)]
        b = [[rng.randint(0, 3) for _ in range(n)] for _ in range(m)]
        game = Game.from_arrays(
            a, b, compromise=["r1", "c1"], costs=[{"name": "k", "incidence": "own_confront", "weights": [1, F(1, 2)]}]
        )
        graph = build_graph(game)
        result = stability(game)
        for kappa in (F(0), F(1, 2), F(1), F(3)):
            at = game.payoffs_at(kappa)
            u = {s: (at[s + (0,)], at[s + (1,)]) for s in graph.states}
            expected = reference_flags(u, m, n)
            got = {st.profile: {c: st.stable(c) for c in CONCEPTS} for st in stability_at(graph, kappa)}
            assert got == expected, (trial, kappa)
            from_intervals = {
                s: {c: any(i.contains(kappa) for i in by[c]) for c in CONCEPTS} for s, by in result.intervals.items()
            }
            assert from_intervals == expected, (trial, kappa)
