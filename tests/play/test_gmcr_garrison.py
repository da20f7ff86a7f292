"""A second GMCR case with four decision makers: the Garrison Diversion Unit conflict (Fraser &
Hipel 1984) as the GMCR+ program models it (onp/gmcr-py, Examples/Garrison.gmcr: options,
infeasible combinations and preference vectors with ties, transcribed below; states numbered
as GMCR+ numbers them). Its 23 states are strategy profiles of four players, the other 25
profiles infeasible.

The expected table is the GMCR+ solver's (gmcr-py 0.4.1, ``LogicalSolver.findEquilibria``, run
outside this repository) except at one entry, where the two disagree and the definitions decide
(see :func:`test_a_coalition_sanction_in_which_one_member_moves_twice`).
"""

from __future__ import annotations

import itertools

import numpy as np

from sovgame import Game
from sovgame.play.gmcr import CONCEPTS, stability
from sovgame.sections.stability import StabilitySettings

PLAYERS = ["US Support", "US Opposition", "Canadian Opposition", "IJC"]
STRATEGIES = [
    ["Full", "Reduced", "Appease"],
    ["No legal challenge", "Legal challenge"],
    ["No treaty challenge", "Treaty challenge"],
    ["Full", "Reduced", "Lonetree", "Suspend"],
]
#: The GMCR+ states 1..23 in option form: US Support's Full, Reduced, Appease; US Opposition's
#: legal challenge; Canadian Opposition's treaty challenge; the IJC's Full, Reduced, Lonetree,
#: Suspend.
OPTIONS = (
    "NYNNNYNNN NNYNNYNNN YNNYNYNNN NYNYNYNNN NYNNYYNNN NNYNYYNNN YNNYYYNNN NYNYYYNNN NYNNNNYNN NNYNNNYNN "
    "NYNYNNYNN NYNNYNYNN NNYNYNYNN YNNYYNYNN NYNYYNYNN NYNNYNNYN NNYNYNNYN YNNYYNNYN NYNYYNNYN NYNNYNNNY "
    "NNYNYNNNY YNNYYNNNY NYNYYNNNY"
).split()
#: Each side's preference vector, most preferred first; a list is a tie.
RANKING = [
    [3, 7, [1, 2], 4, [5, 6], 8, 9, 12, 11, 15, 10, 13, 14, 17, 16, 18, 19, 21, 20, 22, 23],
    [[21, 17, 13, 10, 6, 2], [23, 19], 15, 11, 8, 4, 22, 18, 14, 7, 3, 20, 16, 12, 9, 5, 1],
    [23, [20, 21], 19, [16, 17], 11, [9, 10], 15, [12, 13], 2, 4, 1, 8, [5, 6], 22, 18, 14, 3, 7],
    [list(range(1, 24))],  # the IJC is indifferent
]

S, U = True, False
#: (Nash, GMR, SMR, SEQ) per player over the 23 states, the GMCR+ solver's except Canadian
#: Opposition at state 6 (GMR and SMR): see the test below.
ROWS = {
    "nash": ["11101110101100101100110", "01110111011011101110111", "11110000111001011111111", "1" * 23],
    "gmr": ["11111111111111111110110", "01110111011011101110111", "11111101111111111111111", "1" * 23],
    "smr": ["11111111111111111110110", "01110111011011101110111", "11111101111111111111111", "1" * 23],
    "seq": ["11101110101100101100110", "01110111011011101110111", "11111001111001011111111", "1" * 23],
}
EQUILIBRIA = {
    "nash": [2, 3, 11, 17, 18, 21, 22],
    "gmr": [2, 3, 4, 6, 8, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22],
    "smr": [2, 3, 4, 6, 8, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22],
    "seq": [2, 3, 11, 17, 18, 21, 22],
}


def profile_of(options: str) -> tuple[int, ...]:
    """The strategy profile of a state in option form."""
    return (options[:3].index("Y"), int(options[3] == "Y"), int(options[4] == "Y"), options[5:].index("Y"))


STATE = {n + 1: profile_of(o) for n, o in enumerate(OPTIONS)}
NUMBER = {p: n for n, p in STATE.items()}


def garrison() -> tuple[Game, StabilitySettings]:
    """The game (each side's payoff: the number of its preference classes below the state's)
    and its infeasible profiles."""
    payoffs = np.zeros((3, 2, 2, 4, 4), dtype=int)
    for i, vector in enumerate(RANKING):
        for position, group in enumerate(vector):
            for n in group if isinstance(group, list) else [group]:
                payoffs[STATE[n] + (i,)] = len(vector) - position
    game = Game.from_payoffs(payoffs, players=PLAYERS, strategies=STRATEGIES, payoff_scale="ordinal")
    infeasible = frozenset(p for p in itertools.product(*(range(len(s)) for s in STRATEGIES)) if p not in NUMBER)
    return game, StabilitySettings(infeasible=infeasible)


def test_the_garrison_table():
    game, settings = garrison()
    result = stability(game, settings=settings)
    assert len(result.states) == 23
    for concept in CONCEPTS:
        got = []
        for i in range(4):
            flags = {NUMBER[st.profile]: st.players[i].stable(concept) for st in result.states}
            got.append("".join("1" if flags[n] else "0" for n in range(1, 24)))
        assert got == ROWS[concept], concept
        assert sorted(NUMBER[s] for s in result.equilibria(concept)) == EQUILIBRIA[concept]


def test_a_coalition_sanction_in_which_one_member_moves_twice():
    """Canadian Opposition at state 6 (Appease, no legal challenge, treaty challenge, IJC Full;
    its payoff 6) improves to 2 by dropping its treaty challenge (payoff 10). From 2 no single
    move of the others hurts it: US Support cannot go to Full while no legal challenge stands
    (infeasible), US Opposition cannot challenge an appeasement (infeasible), and the IJC can
    only go to Reduced (state 10, payoff 12). But US Support to Reduced (state 1, payoff 8), US Opposition
    challenging (state 4, payoff 9), then US Support to Full (state 3, payoff 2 <= 6) is a legal
    sequence of the coalition's unilateral moves: no one moves twice in a row (Fang, Hipel &
    Kilgour 1993, the reachable list of a coalition). So 6 is GMR-stable for Canadian
    Opposition, and SMR-stable: from 3 its only move, back to a treaty challenge (state 7),
    gives it 1. GMCR+ lets each other decision maker move at most once in a sanction and so
    finds state 6 unstable; by the definition it is stable, and an equilibrium of both."""
    game, settings = garrison()
    player = stability(game, settings=settings).state(STATE[6]).players[2]
    (answer,) = player.answers
    assert NUMBER[answer.improvement] == 2
    assert [(PLAYERS[j], NUMBER[t]) for j, t in answer.gmr] == [
        ("US Support", 1),
        ("US Opposition", 4),
        ("US Support", 3),
    ]
    assert answer.smr == answer.gmr and answer.seq is None
    assert player.stable("gmr") and player.stable("smr") and not player.stable("seq")
