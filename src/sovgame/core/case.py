"""What a game file states: the normal-form game, and everything the file says around it.

A :class:`~sovgame.core.model.Game` is the normal form that solvers and thresholds need:
players, strategies, payoffs and costs. A :class:`Case` is the file: its game, its title,
description and source, the analyst's notes on outcomes, the plausible range of the cost
level κ, the name messages use (``origin``), the folder its relative paths start from, the
claims it states and its *sections*: what it says beyond one simultaneous move with complete
information (who moves first, strategies that may fail, hidden types, a mediator, repeated
play; :mod:`sovgame.sections`), each a frozen dataclass found by its type with
:meth:`Case.section`.

Every analysis takes a Game or a Case. :func:`as_game` gives the game either way;
:func:`plausible_of` gives the plausible range the analysis compares with: the caller's
``plausible=``, else the range the case declares, else :data:`DEFAULT_PLAUSIBLE`, [0, 1]: up
to today's costs (docs/models.md, "Verdicts against today").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Protocol, TypeVar, runtime_checkable

from numpy.typing import ArrayLike

from .arrays import plausible_range
from .claims import Claim
from .model import Game, game_json
from .parts import Profile
from .results import Result

#: The plausible range of κ when neither the caller nor the file gives one: up to today's costs.
DEFAULT_PLAUSIBLE = (Fraction(0), Fraction(1))

SectionT = TypeVar("SectionT")


@runtime_checkable
class StatedSection(Protocol):
    """A section that prints in the case's JSON (``show``): its keys and their values."""

    def json_fields(self, game: Game) -> dict[str, Any]:
        """The section's keys of the case's JSON, with names taken from ``game``."""
        ...


@runtime_checkable
class ReplacesGame(Protocol):
    """A section that turns the file's game into another (limited capacity: the expected-payoff
    game) and keeps the game as the file states it."""

    stated: Game


@dataclass(frozen=True, eq=False, repr=False)
class Case(Result):
    """A game file as it states it (module docstring).

    ``plausible_kappa`` is the range the file declares (None: none); :attr:`plausible` is
    the range analyses use. ``origin`` names the case in messages (a file's name; for a case
    built in Python, ``Game('title')``). ``sections`` holds one dataclass per section the
    file states, in the order of :data:`sovgame.sections.registry.SECTIONS`.
    """

    game: Game
    description: str | None = None
    source: str | None = None
    notes: Mapping[Profile, str] = field(default_factory=dict)
    plausible_kappa: tuple[Fraction, Fraction] | None = None
    origin: str = ""
    folder: str | None = None  # where relative paths in the file (extends, claims) start from
    claims: tuple[Claim, ...] = ()  # what sources assert about the game, with their tests
    sections: tuple[Any, ...] = ()
    # The file itself (its real path, or "name (bundled)") and the ``--set`` changes it was
    # read with: the files its claims name get the same changes, when they build on it.
    identity: str | None = None
    settings: tuple[str, ...] = ()
    # ``[analysis] untouched_by_costs``: players the file means no cost to move (a cost trap
    # it acknowledges, noted in the costs table rather than warned of on every load).
    untouched_by_costs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin:
            object.__setattr__(self, "origin", default_origin(self.game))

    @property
    def title(self) -> str:
        """The game's title."""
        return self.game.title

    @property
    def plausible(self) -> tuple[Fraction, Fraction]:
        """The plausible range of κ: the declared one, or :data:`DEFAULT_PLAUSIBLE`."""
        return self.plausible_kappa or DEFAULT_PLAUSIBLE

    @property
    def plausible_declared(self) -> bool:
        """Whether the case declares its plausible range (else :attr:`plausible` is the default)."""
        return self.plausible_kappa is not None

    @property
    def stated_game(self) -> Game:
        """The game as the file states it: before a section turned it into another."""
        return next((s.stated for s in self.sections if isinstance(s, ReplacesGame)), self.game)

    def json_data(self) -> dict[str, Any]:
        """The JSON of ``sovgame show``: the game, its costs as stated, and what the file says."""
        sections: dict[str, Any] = {}
        for s in self.sections:
            if isinstance(s, StatedSection):
                sections.update(s.json_fields(self.game))
        data = game_json(
            self.game,
            costs=self.stated_game.costs,
            description=self.description,
            source=self.source,
            notes=self.notes,
            plausible_kappa=self.plausible_kappa,
            sections=sections,
        )
        return {**data, "untouched_by_costs": list(self.untouched_by_costs)}

    def _facts(self) -> list[tuple[str, str]]:
        return self.game._facts() + [("claims", str(len(self.claims)))]

    def section(self, kind: type[SectionT]) -> SectionT | None:
        """The section of type ``kind`` the case states, or None: ``case.section(MoveOrder)``."""
        return next((s for s in self.sections if isinstance(s, kind)), None)

    def with_section(self, section: Any) -> Case:
        """The case with ``section`` in place of the one of its type (added when absent)."""
        if not any(type(s) is type(section) for s in self.sections):
            return replace(self, sections=self.sections + (section,))
        return replace(self, sections=tuple(section if type(s) is type(section) else s for s in self.sections))

    def without(self, kind: type) -> Case:
        """The case without its section of type ``kind``."""
        return replace(self, sections=tuple(s for s in self.sections if not isinstance(s, kind)))

    # --- built in Python ---------------------------------------------------------------
    @classmethod
    def from_arrays(cls, *arrays: ArrayLike, plausible_kappa: Sequence | None = None, **options: Any) -> Case:
        """A case of the game :meth:`Game.from_arrays` builds from ``arrays`` and ``options``,
        with the plausible range ``plausible_kappa = [lo, hi]`` (as ``[analysis]`` in a file).

        >>> case = Case.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], plausible_kappa=[0, 2])
        >>> case.plausible, case.origin
        ((Fraction(0, 1), Fraction(2, 1)), "Game('game')")
        """
        return cls(Game.from_arrays(*arrays, **options), plausible_kappa=plausible_range(plausible_kappa))

    @classmethod
    def from_payoffs(cls, payoffs: ArrayLike, *, plausible_kappa: Sequence | None = None, **options: Any) -> Case:
        """A case of the game :meth:`Game.from_payoffs` builds, with its plausible range."""
        return cls(Game.from_payoffs(payoffs, **options), plausible_kappa=plausible_range(plausible_kappa))


def default_origin(game: Game) -> str:
    """The name messages use for a game built in Python: ``Game('title')``."""
    return f"Game({game.title!r})"


def as_game(x: Game | Case) -> Game:
    """The normal-form game of a game or a case."""
    return x.game if isinstance(x, Case) else x


def as_case(x: Game | Case, plausible: Sequence | None = None) -> Case:
    """A case: ``x`` itself, or a bare game as a case that states nothing else; with
    ``plausible`` given, that plausible range instead of the case's (checked: ``[lo, hi]``,
    0 ≤ lo ≤ hi, or a :class:`~sovgame.errors.ParameterError` naming ``plausible``)."""
    explicit = plausible_range(plausible, "plausible")
    if isinstance(x, Case):
        return x if explicit is None else replace(x, plausible_kappa=explicit)
    return Case(x, plausible_kappa=explicit)


def plausible_of(x: Game | Case, plausible: Sequence | None = None) -> tuple[Fraction, Fraction]:
    """The plausible range of κ an analysis of ``x`` compares with: ``plausible`` when given,
    else the range the case declares, else :data:`DEFAULT_PLAUSIBLE`."""
    explicit = plausible_range(plausible, "plausible")
    if explicit is not None:
        return explicit
    return x.plausible if isinstance(x, Case) else DEFAULT_PLAUSIBLE


def origin_of(x: Game | Case) -> str:
    """The name messages use: the case's origin, or ``Game('title')`` for a bare game."""
    return x.origin if isinstance(x, Case) else default_origin(x)


def built_in_python(x: Game | Case) -> bool:
    """Whether ``x`` was built in Python (a bare game, or a case named ``Game('title')``) rather
    than read from a file: messages then speak of parameters, not of a file's keys."""
    return not isinstance(x, Case) or x.origin == default_origin(x.game)


def section_of(x: Game | Case, kind: type[SectionT]) -> SectionT | None:
    """The section of type ``kind`` a case states; None for a bare game (it states none)."""
    return x.section(kind) if isinstance(x, Case) else None
