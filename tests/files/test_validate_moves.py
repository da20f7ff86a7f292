"""[sequence], [[capacity]] and [[types]]: read exactly, every problem named by its key."""

from __future__ import annotations

from fractions import Fraction

from cases import CASE_TOML, MOVES_TOML
from sovgame.files.gamefile import parse_game
from sovgame.sections.capacity import LimitedCapacity, capacity_of
from sovgame.sections.sequence import MoveOrder
from sovgame.sections.types import HiddenTypes
from support import only_problem, problems


def test_moves_are_read_exactly():
    case = parse_game(MOVES_TOML, "case.toml")
    sequence, types = case.section(MoveOrder), case.section(HiddenTypes)
    assert sequence is not None and sequence.order == (1, 0) and sequence.observed
    (cap,) = capacity_of(case)
    assert (cap.player, cap.strategy, cap.fallback) == (1, 0, 1)  # fallback: the other strategy
    assert cap.success == Fraction(3, 5) and cap.success_range == (Fraction(3, 10), Fraction(9, 10))
    assert types is not None
    seeker, ally = types.types
    assert (seeker.name, seeker.prior, dict(seeker.payoffs)) == ("security_seeker", Fraction(3, 5), {})
    assert ally.prior == Fraction(2, 5) and ally.payoffs == {(0, 0): 0, (1, 0): -2}


def test_a_game_without_moves_is_unchanged():
    case = parse_game(CASE_TOML)
    assert case.sections == ()
    assert case.section(MoveOrder) is None and case.section(LimitedCapacity) is None and capacity_of(case) == ()
    assert case.section(HiddenTypes) is None


def test_sequence_order_must_name_every_player_once():
    text = CASE_TOML + '\n[sequence]\norder = ["Afghanistan"]\n'
    assert only_problem(text).startswith("sequence.order: must list every player once")
    text = CASE_TOML + '\n[sequence]\norder = ["Afghanistan", "Pakistan"]\nobserved = "yes"\n'
    assert only_problem(text) == "sequence.observed: must be true or false, not 'yes'"
    assert only_problem(CASE_TOML + "\n[sequence]\nfirst = 1\norder = ['Pakistan', 'Afghanistan']\n").startswith(
        "sequence.first: unknown key"
    )


def capacity(body: str) -> str:
    return CASE_TOML + "\n[[capacity]]\n" + body


def test_capacity_problems_name_their_keys():
    assert only_problem(capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0\n')) == (
        "capacity[0].success: is 0; it must satisfy 0 < success <= 1"
    )
    assert only_problem(capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\n')).startswith(
        "capacity[0].success: missing"
    )
    found = only_problem(capacity('player = "Afghanistn"\nstrategy = "Constrain TTP"\nsuccess = 0.5\n'))
    assert (
        found.startswith("capacity[0].player: 'Afghanistn' is not a player") and "did you mean 'Afghanistan'" in found
    )
    found = only_problem(capacity('player = "Afghanistan"\nstrategy = "Constrain"\nsuccess = 0.5\n'))
    assert found.startswith("capacity[0].strategy: 'Constrain' is not a strategy of Afghanistan")
    found = only_problem(
        capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.5\nfallback = "Constrain TTP"\n')
    )
    assert found.startswith("capacity[0].fallback: is the strategy itself")
    found = only_problem(
        capacity('player = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.5\nsuccess_range = [0.6, 0.9]\n')
    )
    assert found == "capacity[0].success_range: is [3/5, 9/10], which does not contain the stated success 1/2"


def test_capacity_fallback_is_required_beyond_two_strategies_and_may_not_be_limited_itself():
    three = CASE_TOML.replace(
        'strategies = ["Restrain strikes", "Strike"]', 'strategies = ["Restrain strikes", "Strike", "Campaign"]'
    ).replace(
        '"Strike|Tolerate TTP"            = [2, 2]',
        '"Strike|Tolerate TTP" = [2, 2]\n"Campaign|Constrain TTP" = [1, 1]\n"Campaign|Tolerate TTP" = [1, 1]',
    )
    found = only_problem(three + '\n[[capacity]]\nplayer = "Pakistan"\nstrategy = "Strike"\nsuccess = 0.5\n')
    assert found == "capacity[0].fallback: missing; name the strategy of Pakistan a failed attempt leaves"
    both = (
        '[[capacity]]\nplayer = "Afghanistan"\nstrategy = "Constrain TTP"\nsuccess = 0.5\n'
        '[[capacity]]\nplayer = "Afghanistan"\nstrategy = "Tolerate TTP"\nsuccess = 0.5\n'
    )
    found = problems(CASE_TOML + "\n" + both)
    assert (
        "capacity[0].fallback: has a capacity of its own; a failed attempt must leave a strategy that always succeeds"
        in found
    )


def types(*bodies: str) -> str:
    return CASE_TOML + "".join("\n[[types]]\n" + body for body in bodies)


def test_type_priors_must_add_up_to_one_and_names_differ():
    text = types('player = "Afghanistan"\nname = "a"\nprior = 0.5', 'player = "Afghanistan"\nname = "b"\nprior = 0.4')
    assert only_problem(text) == "types: the priors of Afghanistan's types add up to 9/10; they must add up to 1"
    text = types('player = "Afghanistan"\nname = "a"\nprior = 0.5', 'player = "Afghanistan"\nname = "a"\nprior = 0.5')
    assert "types[1].name: duplicate type 'a' of Afghanistan; type names must differ" in problems(text)


def test_type_problems_name_their_keys():
    text = types('player = "Afghanistan"\nname = "a"\nprior = 0\n')
    assert only_problem(text) == "types[0].prior: is 0; it must satisfy 0 < prior <= 1"
    text = types('player = "Afghanistan"\nname = "a"\nprior = 1\npayoffs = { "Strike|Constrain" = 1 }\n')
    found = only_problem(text)
    assert found.startswith("types[0].payoffs.\"Strike|Constrain\": 'Constrain' is not a strategy of Afghanistan")
    text = types('player = "Afghanistan"\nname = "a"\nprior = 1\npayoffs = { "Strike|Constrain TTP" = true }\n')
    assert only_problem(text) == 'types[0].payoffs."Strike|Constrain TTP": a boolean is not a number'


def test_every_problem_of_the_moves_at_once():
    text = (
        CASE_TOML
        + '\n[sequence]\norder = "Pakistan"\n'
        + '\n[[capacity]]\nplayer = "Kabul"\nsuccess = 2\n'
        + '\n[[types]]\nplayer = "Afghanistan"\nprior = 1\n'
    )
    keys = [p.split(":")[0] for p in problems(text)]
    assert keys == ["sequence.order", "capacity[0].player", "capacity[0].success", "types[0].name"]


def test_extends_overrides_the_sequence_key_by_key(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(CASE_TOML + '\n[sequence]\norder = ["Afghanistan", "Pakistan"]\n', encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('extends = "base.toml"\n[sequence]\nobserved = false\n', encoding="utf-8")
    from sovgame import load_game

    sequence = load_game(str(child)).section(MoveOrder)
    assert sequence is not None and sequence.order == (1, 0) and not sequence.observed
