"""Loading a game file with everything it states, its claims included: the public loaders.

The file layer (:mod:`sovgame.files`) reads a file into a :class:`~sovgame.core.case.Case`;
the claims it states are read by the claim kinds' reader
(:func:`sovgame.claims.registry.read_claims`), which sits above play and robustness because
its graders need them, so the file layer cannot import it. This module, at the top beside the
command line, hands that reader to the file reader: a case loaded here has its claims, and
every problem of the file, its claims' included, is reported at once. Files read only for
their numbers (a scenario, the file a claim names) are read by the file layer without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .core.case import Case
from .core.claims import Claim
from .core.parts import Player
from .files.gamefile import parse_case, read_case
from .sections.checker import Checker

__all__ = ["load_case", "load_game", "parse_game", "read_claims"]


def read_claims(raw: Any, players: list[Player] | None, check: Checker) -> tuple[Claim, ...]:
    """``[[claims]]`` read by the claim kinds' reader (:func:`sovgame.claims.registry.read_claims`).
    The kinds and their graders are imported only for a file that states claims, so that a
    file without them loads with the file layer alone."""
    if raw is None:
        return ()
    from .claims.registry import read_claims as read_with_kinds

    return read_with_kinds(raw, players, check)


def load_case(spec: str, settings: Sequence[str] = ()) -> Case:
    """The :class:`~sovgame.core.case.Case` a game file states, claims included.

    Parameters
    ----------
    spec : a path, a bundled game's name (``"stag_hunt"``) or ``-`` for standard input
    settings : ``--set`` changes (``"Strike|Tolerate TTP=2,2"``, ``"plausible_kappa=0,3"``;
        :mod:`sovgame.files.changes`), applied before validation

    Raises :class:`~sovgame.errors.GameFileError` listing every problem of the file. A valid
    file whose costs cannot move compromise is loaded, its warnings handed to
    :func:`sovgame.files.notices.notify` (the command line prints them on stderr), unless
    the file acknowledges them in ``[analysis] untouched_by_costs``.

    >>> case = load_case("stag_hunt")
    >>> case.game.player_names, case.plausible
    (['Row', 'Column'], (Fraction(0, 1), Fraction(2, 1)))
    """
    case = read_case(spec, settings, claims=read_claims)
    if case.game.costs:  # only costs can be laid so that they never move compromise
        from .files.notices import notify
        from .files.validate_costs import cost_traps

        for warning in cost_traps(case.game, case.untouched_by_costs):
            notify(f"{case.origin}: warning: {warning}")
    return case


def load_game(spec: str, settings: Sequence[str] = ()) -> Case:
    """The name notebooks know for :func:`load_case`: it returns the file's **Case** (its
    normal form is ``case.game``; every analysis takes either)."""
    return load_case(spec, settings)


def parse_game(
    text: str | Mapping[str, Any],
    origin: str = "<string>",
    base_dir: Path | None = None,
    settings: Sequence[str] = (),
    identity: str | None = None,
) -> Case:
    """The :class:`~sovgame.core.case.Case` of a game file's text, or of its data already
    parsed (a dict of the file's tables), claims included; parameters as
    :func:`sovgame.files.gamefile.parse_case`. Raises
    :class:`~sovgame.errors.GameFileError` listing every problem."""
    return parse_case(text, origin, base_dir=base_dir, settings=settings, identity=identity, claims=read_claims)
