"""Each criterion as a track along one number: the linear conditions of the Nash, strict and
dominance criteria, the pairwise comparisons behind uniqueness, and risk dominance (2x2)."""

from __future__ import annotations

from ..core.model import Profile
from ..costs.status_quo_exit import status_quo_profile
from ..costs.thresholds import Criterion
from .parameters import Line
from .tracks import STATUS_QUO_EXIT, ExitTrack, LinearTrack
from .unique_tracks import RiskTrack, UniqueTrack, comparisons
from .walk import Track


def criterion_track(line_: Line, criterion: str, target: Profile) -> Track | None:
    """The track of ``criterion`` along ``line_`` (None: risk dominance outside 2x2 games)."""
    game = line_.game
    n = game.n_players

    def moved(p: Profile, i: int, s: int) -> Profile:
        return p[:i] + (s,) + p[i + 1 :]

    if criterion in (Criterion.NASH, Criterion.STRICT):
        forms = [
            line_.form(i, target, moved(target, i, s)) for i in range(n) for s in range(game.shape[i]) if s != target[i]
        ]
        return LinearTrack(criterion, line_, tuple(forms), criterion == Criterion.STRICT)
    if criterion == Criterion.DOMINANT:
        forms = [
            line_.form(i, p, moved(p, i, s))
            for p in game.profiles()
            for i in range(n)
            if p[i] == target[i]
            for s in range(game.shape[i])
            if s != target[i]
        ]
        return LinearTrack(criterion, line_, tuple(forms), True)
    if criterion == Criterion.UNIQUE:
        keys, forms = comparisons(line_)
        return UniqueTrack(criterion, line_, target, tuple(keys), tuple(forms))
    if game.shape != (2, 2):
        return None
    d = tuple(1 - t for t in target)
    t_forms = (line_.form(0, target, moved(target, 0, d[0])), line_.form(1, target, moved(target, 1, d[1])))
    d_forms = (line_.form(0, d, moved(d, 0, target[0])), line_.form(1, d, moved(d, 1, target[1])))
    return RiskTrack(criterion, line_, t_forms, d_forms)


def exit_track(line_: Line) -> ExitTrack | None:
    """The track of the status quo's exit along ``line_`` (None: the game has no status quo)."""
    status_quo = status_quo_profile(line_.game)
    if status_quo is None:
        return None
    forms = []
    for i in range(line_.game.n_players):
        moved = status_quo[:i] + (1 - status_quo[i],) + status_quo[i + 1 :]
        forms.append(line_.form(i, status_quo, moved))
    return ExitTrack(STATUS_QUO_EXIT, line_, tuple(forms), strict=False)
