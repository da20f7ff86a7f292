"""The sections a file states, read through the registry: each into its dataclass, every
problem of all of them at once, and a new section is one more entry of the registry."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cases import CASE_TOML, MOVES_TOML
from sovgame import parse_game
from sovgame.sections.capacity import LimitedCapacity, capacity_of
from sovgame.sections.kind import SectionKind
from sovgame.sections.registry import SECTIONS, TABLES
from sovgame.sections.sequence import MoveOrder
from sovgame.sections.types import HiddenTypes
from support import problems


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


def test_every_problem_of_the_moves_at_once():
    text = (
        CASE_TOML
        + '\n[sequence]\norder = "Pakistan"\n'
        + '\n[[capacity]]\nplayer = "Kabul"\nsuccess = 2\n'
        + '\n[[types]]\nplayer = "Afghanistan"\nprior = 1\n'
    )
    keys = [p.split(":")[0] for p in problems(text)]
    assert keys == ["sequence.order", "capacity[0].player", "capacity[0].success", "types[0].name"]


def test_the_registry_names_each_table_once():
    assert TABLES == (
        "sequence",
        "capacity",
        "types",
        "mediator",
        "repeated",
        "readings",
        "payoff_ranges",
        "effects",
        "spoiler",
        "bargaining",
        "stability",
    )
    assert len({kind.table for kind in SECTIONS}) == len(SECTIONS)
    assert all(kind.keys and "source" in kind.keys for kind in SECTIONS)


@dataclass(frozen=True)
class Observer:
    """A section this package does not have: an observer who reports what it sees."""

    name: str


def _read_observer(raw, players, check):
    if raw is None:
        return None
    check.unknown_keys(raw, ("name",), "observer")
    return Observer(check.string(raw, "name", "observer", required=True) or "")


def test_a_new_section_is_one_more_entry_of_the_registry(monkeypatch):
    import sovgame.files.validate as validate

    monkeypatch.setattr(validate, "SECTIONS", SECTIONS + (SectionKind("observer", ("name",), _read_observer),))
    case = parse_game(CASE_TOML + '\n[observer]\nname = "TTP"\n')
    assert case.section(Observer) == Observer("TTP")
    assert problems(CASE_TOML + '\n[observer]\nnmae = "TTP"\n') == [
        "observer.nmae: unknown key; did you mean 'name'?",
        "observer.name: missing; add it as a string",
    ]
