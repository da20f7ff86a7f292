"""Bayesian Nash equilibria from the type-strategy normal form, checked against a brute-force
enumeration of the agents' supports on random small Bayesian games, and every reported
equilibrium checked again as a best response of every type."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sovgame import Case, bimatrix_game, load_game, solve
from sovgame.play.bayesian import solve_bayesian
from sovgame.sections.types import HiddenTypes, PlayerType

CELLS = [(0, 0), (0, 1), (1, 0), (1, 1)]


@st.composite
def bayesian_2x2(draw):
    """A 2x2 game whose players have one or two types, each with its own integer payoffs,
    and priors k/7."""
    types = []
    for player in range(2):
        count = draw(st.integers(1, 2))
        first = F(draw(st.integers(1, 6)), 7) if count == 2 else F(1)
        for k, prior in enumerate([first, 1 - first][:count]):
            own = {cell: F(draw(st.integers(-9, 9))) for cell in CELLS}
            types.append(PlayerType(player, f"t{k}", prior, own))
    return Case(bimatrix_game([[0, 0], [0, 0]], [[0, 0], [0, 0]]), sections=(HiddenTypes(tuple(types)),))


def types_of(case):
    section = case.section(HiddenTypes)
    return section.types if section else ()


def agents(game):
    return [(t.player, t) for t in types_of(game)]


def indifference(t, other_types):
    """Type t's gain from action 0 over 1 against the other's type t' playing 0 with
    probability x_t': Σ π(t')·(d1 + x_t'·(d0 − d1)), as (constant, coefficient per t')."""
    i = t.player

    def u(own, theirs):
        return t.payoffs[(own, theirs) if i == 0 else (theirs, own)]

    d0, d1 = u(0, 0) - u(1, 0), u(0, 1) - u(1, 1)
    return sum((o.prior * d1 for o in other_types), F(0)), [o.prior * (d0 - d1) for o in other_types]


def rank(rows):
    """The rank of a matrix of Fractions, by elimination."""
    rows = [list(r) for r in rows]
    r = 0
    for c in range(len(rows[0]) if rows else 0):
        pivot = next((k for k in range(r, len(rows)) if rows[k][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        for k in range(len(rows)):
            if k != r and rows[k][c] != 0:
                f = rows[k][c] / rows[r][c]
                rows[k] = [a - f * b for a, b in zip(rows[k], rows[r])]
        r += 1
    return r, rows


def blocks(types, choice, x):
    """For each player p: the system that p's mixing types' indifference puts on the other
    player's mixing probabilities, as (unknowns, rows [coefficients..., right-hand side])."""
    out = []
    for p in range(2):
        j = 1 - p
        free = [k for k, s in enumerate(choice[j]) if s == "mix"]
        rows = []
        for k, s in enumerate(choice[p]):
            if s == "mix":
                const, coefs = indifference(types[p][k], types[j])
                rhs = -const - sum(c * x[j][m] for m, c in enumerate(coefs) if m not in free)
                rows.append([coefs[m] for m in free] + [rhs])
        out.append((free, rows))
    return out


def brute_force(game):
    """Every Bayesian equilibrium, by the agents' supports: each type plays 0, 1 or mixes;
    a mixing type must be indifferent, which is linear in the other player's mixing
    probabilities. None when the game is degenerate (a tie, or a support whose system is
    consistent but does not pin the probabilities down)."""
    types = [[t for t in types_of(game) if t.player == p] for p in range(2)]
    found = set()
    for support in itertools.product((0, 1, "mix"), repeat=len(types[0]) + len(types[1])):
        choice = [support[: len(types[0])], support[len(types[0]) :]]
        x = [[None if s == "mix" else F(1 - s) for s in choice[p]] for p in range(2)]
        systems = blocks(types, choice, x)
        ranks = [
            (rank([r[:-1] for r in rows])[0] if free and rows else 0, rank(rows)[0] if rows else 0)
            for free, rows in systems
        ]
        if any(r_ab > r_a for r_a, r_ab in ranks):
            continue  # inconsistent: no equilibrium on this support
        if any(r_a < len(free) for (r_a, _), (free, _) in zip(ranks, systems)):
            return None  # consistent but not pinned down: a continuum (or a tie)
        for p, (free, rows) in enumerate(systems):
            reduced = rank(rows)[1] if rows else []
            for row in reduced[: len(free)]:
                m = next(c for c in range(len(free)) if row[c] != 0)
                x[1 - p][free[m]] = row[-1] / row[m]
        mixed = [v for p in range(2) for v, s in zip(x[p], choice[p]) if s == "mix"]
        if any(v in (0, 1) for v in mixed):
            return None
        if any(not 0 < v < 1 for v in mixed):
            continue
        ok = True
        for p in range(2):
            for k, s in enumerate(choice[p]):
                const, coefs = indifference(types[p][k], types[1 - p])
                gain = const + sum(c * x[1 - p][m] for m, c in enumerate(coefs))
                if s != "mix" and gain == 0:
                    return None  # a pure type with a tie
                ok = ok and not ((s == 0 and gain < 0) or (s == 1 and gain > 0))
        if ok:
            found.add(tuple(tuple((v, 1 - v) for v in x[p]) for p in range(2)))
    return found


@settings(max_examples=80, deadline=None)
@given(bayesian_2x2())
def test_type_strategy_solution_matches_brute_force(game):
    expected = brute_force(game)
    assume(expected is not None)
    solution = solve_bayesian(game, 0)
    assert {e.behaviour for e in solution.equilibria} == expected


@settings(max_examples=60, deadline=None)
@given(bayesian_2x2())
def test_every_reported_equilibrium_is_a_best_response_of_every_type(game):
    """Checked here from the definition, independently of the solver's own check."""
    for e in solve_bayesian(game, 0).equilibria:
        for p in range(2):
            for k, t in enumerate(t for t in types_of(game) if t.player == p):
                const, coefs = indifference(t, [o for o in types_of(game) if o.player != p])
                gain = const + sum(c * beh[0] for c, beh in zip(coefs, e.behaviour[1 - p]))
                probs = e.behaviour[p][k]
                assert sum(probs) == 1 and min(probs) >= 0
                assert not (probs[0] and gain < 0) and not (probs[1] and gain > 0)


def test_without_types_the_bayesian_equilibria_are_the_nash_equilibria():
    for name in ("stag_hunt", "chicken", "battle_of_the_sexes", "pakistan_afghanistan"):
        case = load_game(name)
        for kappa in (0, 1, 2):
            bayes = {tuple(beh[0] for beh in e.behaviour) for e in solve_bayesian(case, kappa).equilibria}
            assert bayes == {tuple(e.strategies) for e in solve(case, kappa).equilibria}, (name, kappa)


def test_a_continuum_of_bayesian_equilibria_is_said():
    """Row has two types that both find 'r1' and 'r2' equally good against everything; each
    type may mix freely, so the equilibria form continua, which the result says."""
    base = bimatrix_game([[1, 1], [1, 1]], [[2, 0], [0, 1]])
    flat = {cell: F(1) for cell in CELLS}
    game = Case(base, sections=(HiddenTypes((PlayerType(0, "a", F(1, 2), flat), PlayerType(0, "b", F(1, 2), flat))),))
    solution = solve_bayesian(game, 0)
    assert solution.degenerate and any(e.component is not None for e in solution.equilibria)
    assert any("continuum" in note for note in solution.notes)
