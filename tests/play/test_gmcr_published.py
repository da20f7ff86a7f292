"""A published GMCR case reproduced: the Elmira groundwater contamination conflict (bundled as
``elmira``), its nine states, moves and preferences as published, and its stability table.

The model (options, infeasible states, irreversible moves, the three rankings) is transcribed in
games/elmira.toml with its sources. The expected table below is, for each published state and
decision maker, Nash, GMR, SMR and SEQ stability. It was produced independently of sovgame by
the GMCR+ solver (onp/gmcr-py 0.4.1, ``LogicalSolver.findEquilibria`` run on its own
Examples/Elmira.gmcr, whose twelve states map onto the nine published ones: its four
"Abandon" states are state 9), and the entries below marked "by hand" are derived from the
definitions (Fang, Hipel & Kilgour 1993, ch. 3).
"""

from __future__ import annotations

import json

import pytest

from sovgame import load_game, parse_game
from sovgame.errors import GameFileError, ParameterError
from sovgame.files.gamefile import read_game_text
from sovgame.play.gmcr import CONCEPTS, build_graph, stability
from sovgame.sections.stability import StabilitySettings
from support import invoke

#: The published state numbers as outcomes of bundled ``elmira`` (MoE | Uniroyal | LG).
STATE = {
    1: "Not modify|Delay|Not insist",
    2: "Modify|Delay|Not insist",
    3: "Not modify|Accept|Not insist",
    4: "Modify|Accept|Not insist",
    5: "Not modify|Delay|Insist",
    6: "Modify|Delay|Insist",
    7: "Not modify|Accept|Insist",
    8: "Modify|Accept|Insist",
    9: "Not modify|Abandon|Not insist",
}
NUMBER = {key: n for n, key in STATE.items()}

#: The published rankings, most preferred first.
RANKING = {
    "MoE": [7, 3, 4, 8, 5, 1, 2, 6, 9],
    "Uniroyal": [1, 4, 8, 5, 9, 3, 7, 2, 6],
    "LG": [7, 3, 5, 1, 8, 6, 4, 2, 9],
}

S, U = True, False  # stable, unstable
#: EXPECTED[player][state] = (Nash, GMR, SMR, SEQ). MoE is stable everywhere: it prefers every
#: state to the same state modified (1 > 2, 3 > 4, 5 > 6, 7 > 8), and it cannot undo a
#: modification, so it never has a unilateral improvement (by hand).
EXPECTED = {
    "MoE": dict.fromkeys(range(1, 10), (S, S, S, S)),
    # Uniroyal's only sanctioned or unimprovable states are 1, 4, 5, 8, 9. At 2 it improves to
    # 4 (2 -> 8 in its payoffs), and from 4 neither MoE (cannot un-modify) nor LG's move to 8
    # (Uniroyal has 7 > 2) brings it back to 2 or below: unstable under every concept (by hand).
    "Uniroyal": {
        1: (S, S, S, S),
        2: (U, U, U, U),
        3: (U, U, U, U),
        4: (S, S, S, S),
        5: (S, S, S, S),
        6: (U, U, U, U),
        7: (U, U, U, U),
        8: (S, S, S, S),
        9: (S, S, S, S),
    },
    # LG at 1 improves to 5 (6 -> 7). MoE's answer 5 -> 6 leaves LG 4 <= 6 and LG cannot escape
    # from 6 above 6 (its one move, back to 2, gives 2): GMR and SMR. No answer is credible:
    # MoE never improves by modifying and Uniroyal has no improvement from 5 (6 against 3 at
    # 7 and 5 at 9): not SEQ (by hand). Likewise at 4 -> 8: Uniroyal's answer 8 -> 9 leaves LG
    # 1 <= 3 but costs Uniroyal (7 -> 5).
    "LG": {
        1: (U, S, S, U),
        2: (U, S, S, S),
        3: (U, S, S, S),
        4: (U, S, S, U),
        5: (S, S, S, S),
        6: (S, S, S, S),
        7: (S, S, S, S),
        8: (S, S, S, S),
        9: (S, S, S, S),
    },
}
#: The equilibria of each concept: the states stable for all three.
EQUILIBRIA = {"nash": [5, 8, 9], "gmr": [1, 4, 5, 8, 9], "smr": [1, 4, 5, 8, 9], "seq": [5, 8, 9]}

#: Each decision maker's moves between published states (the nonzero entries of the published
#: model's move matrices): MoE modifies irreversibly; Uniroyal moves from delaying to accepting
#: and from anything to abandoning, never back; LG toggles its insistence both ways.
MOVES = {
    "MoE": {(1, 2), (3, 4), (5, 6), (7, 8)},
    "Uniroyal": {(1, 3), (2, 4), (5, 7), (6, 8)} | {(s, 9) for s in range(1, 9)},
    "LG": {(1, 5), (5, 1), (2, 6), (6, 2), (3, 7), (7, 3), (4, 8), (8, 4)},
}


@pytest.fixture(scope="module")
def elmira():
    return load_game("elmira")


def per_player(result, game):
    """{player: {published state: (Nash, GMR, SMR, SEQ)}}."""
    out: dict[str, dict[int, tuple[bool, ...]]] = {p.name: {} for p in game.players}
    for st in result.states:
        for p in st.players:
            out[game.players[p.player].name][NUMBER[game.outcome_key(st.profile)]] = tuple(
                p.stable(c) for c in CONCEPTS
            )
    return out


def test_the_file_holds_the_published_model(elmira):
    game = elmira.game
    graph = build_graph(game, elmira.section(StabilitySettings))
    assert sorted(NUMBER[game.outcome_key(s)] for s in graph.states) == list(range(1, 10))
    for i, player in enumerate(game.players):
        ranked = sorted(range(1, 10), key=lambda n: -game.payoffs[game.parse_outcome(STATE[n]) + (i,)])
        assert ranked == RANKING[player.name]
        moves = {
            (NUMBER[game.outcome_key(s)], NUMBER[game.outcome_key(t)]) for s in graph.states for t in graph.moves[i][s]
        }
        assert moves == MOVES[player.name], player.name


def test_the_published_stability_table_is_reproduced(elmira):
    result = stability(elmira)
    assert per_player(result, elmira.game) == EXPECTED
    for concept, states in EQUILIBRIA.items():
        assert sorted(NUMBER[elmira.game.outcome_key(s)] for s in result.equilibria(concept)) == states


def test_uniroyal_ranking_of_the_gmcr_plus_save_file_gives_the_same_table(elmira):
    """Examples/Elmira.gmcr ranks Uniroyal's states 1 4 8 5 9 2 3 7 6: state 2 above 3 and 7.
    None of the three is stable for Uniroyal either way (each has an improvement that nothing
    sanctions), so the table does not change."""
    raw, _ = read_game_text("elmira")
    # Uniroyal's payoffs become 9 for its first state down to 1: 2 -> 4, 3 -> 3, 7 -> 2.
    raw = raw.replace('"Modify|Delay|Not insist"       = [3, 2, 2]', '"Modify|Delay|Not insist"       = [3, 4, 2]')
    raw = raw.replace('"Not modify|Accept|Not insist"  = [8, 4, 8]', '"Not modify|Accept|Not insist"  = [8, 3, 8]')
    raw = raw.replace('"Not modify|Accept|Insist"      = [9, 3, 9]', '"Not modify|Accept|Insist"      = [9, 2, 9]')
    other = parse_game(raw)
    assert other.game.payoffs[other.game.parse_outcome(STATE[2]) + (1,)] == 4
    assert per_player(stability(other), other.game) == EXPECTED


def test_the_abandonment_state_is_one_state_for_every_profile(elmira):
    game = elmira.game
    result = stability(elmira, start="Modify|Abandon|Insist")
    assert result.evolution.start == game.parse_outcome(STATE[9])
    data = result.json_data()
    assert data["infeasible"] == []
    assert data["same_state"] == {
        STATE[9]: [STATE[9], "Modify|Abandon|Not insist", "Not modify|Abandon|Insist", "Modify|Abandon|Insist"]
    }
    assert len(data["states"]) == 9


def test_shared_states_need_equal_payoffs(elmira):
    raw, _ = read_game_text("elmira")
    bad = raw.replace('"Modify|Abandon|Insist"         = [1, 5, 1]', '"Modify|Abandon|Insist"         = [1, 6, 1]')
    with pytest.raises(GameFileError, match=r"stability\.same_state\[0\]: 'Modify\|Abandon\|Insist' has other payoffs"):
        parse_game(bad)
    settings = StabilitySettings(
        same_state=((elmira.game.parse_outcome(STATE[9]), elmira.game.parse_outcome(STATE[1])),)
    )
    with pytest.raises(ParameterError, match="same_state"):
        stability(elmira, settings=settings)


def test_the_shared_state_reads_in_option_form(elmira):
    """Tables name state 9 with "any" where MoE's and LG's choices no longer matter, and the
    sanctions name it so: LG's improvement from 4 to 8 is answered by Uniroyal abandoning."""
    from sovgame.present.stability import stability_sections

    result = stability(elmira)
    assert result.graph.label(elmira.game.parse_outcome(STATE[9])) == "any|Abandon|any"
    assert result.graph.label(elmira.game.parse_outcome(STATE[8])) == STATE[8]
    table, sanctions, *_ = stability_sections(result)
    assert "any|Abandon|any is one state: " + ", ".join(result.json_data()["same_state"][STATE[9]]) in table.lines
    row = next(r for r in sanctions.rows if r[0] == STATE[4] and r[1] == "LG")
    assert row[2:] == [STATE[8], "Uniroyal → any|Abandon|any", "Uniroyal → any|Abandon|any", "none"]


def test_the_command_on_the_bundled_case(runner):
    """``sovgame stability elmira``: the equilibria by outcome key, state 9 once, and ``--from``
    taking any outcome of the shared state."""
    result = invoke(runner, "stability", "elmira", "--from", "Modify|Abandon|Insist", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {c: sorted(NUMBER[key] for key in keys) for c, keys in data["equilibria"].items()} == EQUILIBRIA
    assert [s["outcome"] for s in data["states"]].count(STATE[9]) == 1
    assert data["status_quo"]["start"] == STATE[9]
    table = invoke(runner, "stability", "elmira")
    assert table.exit_code == 0 and "any|Abandon|any" in table.stdout


def test_a_file_whose_shared_state_has_two_rankings_is_refused(runner, tmp_path):
    raw, _ = read_game_text("elmira")
    path = tmp_path / "elmira.toml"
    path.write_text(
        raw.replace('"Modify|Abandon|Insist"         = [1, 5, 1]', '"Modify|Abandon|Insist"         = [2, 5, 1]')
    )
    result = invoke(runner, "stability", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "stability.same_state[0]" in result.stderr and "elmira.toml" in result.stderr


def test_shared_states_built_in_python_are_checked(elmira):
    nine, one = elmira.game.parse_outcome(STATE[9]), elmira.game.parse_outcome("Modify|Abandon|Insist")
    overlapping = StabilitySettings(same_state=((nine, one), (one, nine)))
    with pytest.raises(ParameterError, match="in two groups"):
        stability(elmira, settings=overlapping)
    with pytest.raises(ParameterError, match="is infeasible"):
        stability(elmira, settings=StabilitySettings(infeasible=frozenset({one}), same_state=((nine, one),)))
