"""[[claims]] in a game file, read by the claim kinds' registry: well-formed claims load; a
malformed test is a problem of the file named by its key, reported with every other problem;
claims are not inherited through `extends`; a file read for its numbers leaves them unread."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import sovgame.claims.kinds
from sovgame import load_game, parse_game
from sovgame.claims.kinds.equilibrium import EquilibriumTest
from sovgame.claims.kinds.game_type import GAME_TYPES, TYPE_WORDS
from sovgame.claims.kinds.repeated import STRATEGIES
from sovgame.claims.kinds.threshold import ThresholdTest
from sovgame.claims.reading import CRITERIA, VERDICT_WORDS
from sovgame.claims.registry import KIND_NAMES, all_kinds
from sovgame.costs.thresholds import Criterion
from sovgame.costs.verdicts import Verdict
from sovgame.files.gamefile import parse_case
from sovgame.play.repeated import strategies
from strategies import two_by_two_text
from support import problems

BASE = two_by_two_text([(3, 3), (0, 5), (5, 0), (1, 1)], "own_confront")


def claim(test: str, **fields: str) -> str:
    lines = ["", "[[claims]]", 'id = "c1"', 'text = "the claim"', 'source = "a source"'] + [
        f"{k} = {v}" for k, v in fields.items()
    ]
    return BASE + "\n".join(lines) + f"\ntest = {test}\n"


def test_the_words_a_file_may_use_are_those_sovgame_computes():
    assert CRITERIA == tuple(Criterion)
    assert VERDICT_WORDS == tuple(v.value for v in Verdict)
    assert set(GAME_TYPES) == set(TYPE_WORDS)
    assert set(STRATEGIES) == set(strategies())


def test_the_registry_lists_every_kind_module_once():
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(sovgame.claims.kinds.__path__)}
    kinds = all_kinds()
    assert set(KIND_NAMES) == modules and len(KIND_NAMES) == len(kinds) == 16
    assert [kind.name for kind in kinds] == list(KIND_NAMES)
    assert all("kind" not in kind.keys and "game" not in kind.keys for kind in kinds)


def test_a_well_formed_claim_loads_with_its_tests():
    case = parse_game(
        claim(
            '[{ kind = "threshold", criterion = "nash", expect = ["beyond", "never"] }, '
            '{ kind = "equilibrium", profile = "D|D", expect = "only_equilibrium", kappa = 0.5 }]'
        )
    )
    (c,) = case.claims
    assert (c.id, c.text, c.source) == ("c1", "the claim", "a source")
    first, second = c.tests
    assert isinstance(first, ThresholdTest) and isinstance(second, EquilibriumTest)
    assert (first.kind, first.criterion, first.expect, first.kappa) == ("threshold", "nash", ("beyond", "never"), 1)
    assert (second.key, second.profile, second.expect, second.kappa) == (
        "claims[0].test[1]",
        "D|D",
        "only_equilibrium",
        F(1, 2),
    )


def test_problems_of_claims_come_with_every_other_problem_of_the_file():
    text = claim('{ kind = "threshold", criterion = "nsh", expect = "never" }').replace('"C|C" = [3, 3]', '"C|C" = [3]')
    found = problems(text)
    assert any(p.startswith('payoffs."C|C"') for p in found)
    assert any(p.startswith("claims[0].test.criterion: 'nsh' is not one of") for p in found)


def test_a_file_read_for_its_numbers_leaves_its_claims_unread():
    text = claim('{ kind = "threshold", criterion = "nash", expect = "never" }')
    assert len(parse_game(text).claims) == 1 and parse_case(text).claims == ()
    # Not read, so not checked either: a scenario file's claims are its own business.
    assert parse_case(claim('{ kind = "nope" }')).claims == ()


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        ('{ kind = "treshold", criterion = "nash" }', "claims[0].test.kind: 'treshold' is not one of"),
        ('{ kind = "threshold", criterion = "nash", expect = "met" }', "claims[0].test.expect: 'met' is not one of"),
        ('{ kind = "threshold", expect = "beyond" }', "claims[0].test.criterion: missing"),
        ('{ kind = "threshold", criterion = "nash", expect = "beyond", kapa = 2 }', "claims[0].test.kapa: unknown key"),
        (
            '{ kind = "equilibrium", profile = "C|X", expect = "equilibrium" }',
            "claims[0].test.profile: 'X' is not a strategy",
        ),
        (
            '{ kind = "equilibrium", profile = "C|D", expect = "equilibrium", kappa = -1 }',
            "claims[0].test.kappa: is -1",
        ),
        ('{ kind = "mediation", quantity = "transfers" }', "claims[0].test.expect: missing"),
        ('{ kind = "mediation", quantity = "compromise_probability" }', "claims[0].test.at_most: give exactly one"),
        ('{ kind = "mediation", quantity = "compromise_probability", at_most = 2 }', "claims[0].test.at_most: is 2"),
        (
            '{ kind = "repeated", quantity = "grim_trigger", expect = "sustained", discount = 1 }',
            "claims[0].test.discount: is 1",
        ),
        (
            '{ kind = "repeated", quantity = "conflict_share", at_least = 0.5, pair = ["tft"] }',
            "claims[0].test.pair: must be two of",
        ),
        (
            '{ kind = "binding", criterion = "unique", player = "Row", expect = "binding" }',
            "claims[0].test.criterion: 'unique' is not one of",
        ),
        (
            '{ kind = "binding", criterion = "nash", player = "Rwo", expect = "binding" }',
            "claims[0].test.player: 'Rwo' is not a player",
        ),
        (
            '{ kind = "third_party", player = "Row", strategy = "E", expect = "beyond" }',
            "claims[0].test.strategy: 'E' is not a strategy of Row",
        ),
        (
            '{ kind = "scenario", scenario = "x.toml", criterion = "nash", direction = "sideways" }',
            "claims[0].test.direction: 'sideways'",
        ),
        (
            '{ kind = "scenario", scenario = "x.toml", gains = "C|C", loses = "D|D" }',
            "claims[0].test.loses: give either",
        ),
        ('"nash"', "claims[0].test: must be a table or a non-empty array of tables"),
        ("[]", "claims[0].test: must be a table or a non-empty array of tables"),
    ],
)
def test_a_malformed_test_is_a_problem_named_by_its_key(test, expected):
    found = problems(claim(test))
    assert any(p.startswith(expected) for p in found), found


def test_claim_fields_and_duplicates_are_checked():
    text = BASE + (
        '\n[[claims]]\nid = "a"\ntext = "t"\nsource = "s"\ntest = { kind = "threshold", criterion = "nash", expect = "never" }\n'
        '\n[[claims]]\nid = "a"\nsource = "s"\ntest = { kind = "threshold", criterion = "nash", expect = "never" }\n'
        '\n[[claims]]\nid = "b"\ntext = "t"\nsourse = "s"\n'
    )
    found = problems(text)
    assert "claims[1].id: duplicate claim id 'a'; ids must differ" in found
    assert "claims[1].text: missing; add it as a string" in found
    assert any(p.startswith("claims[2].sourse: unknown key; did you mean 'source'?") for p in found)
    assert any(p.startswith("claims[2].test: missing") for p in found)


def test_names_in_another_file_are_left_to_grading():
    # `game` names another file: its players are not this file's, so "India" is not checked here.
    case = parse_game(
        claim(
            '{ kind = "third_party", game = "pakistan_afghanistan_india", player = "India", '
            'strategy = "Engage Kabul", expect = "beyond" }'
        )
    )
    assert case.claims[0].tests[0].game == "pakistan_afghanistan_india"


def test_claims_are_not_inherited_through_extends(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(claim('{ kind = "threshold", criterion = "nash", expect = "never" }'), encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('extends = "base.toml"\n[game]\ntitle = "child"\n', encoding="utf-8")
    assert len(load_game(str(base)).claims) == 1
    assert load_game(str(child)).claims == ()
    # The bundled scenarios built on the case state no claims of their own.
    assert load_game("pakistan_afghanistan_mediation").claims == ()
