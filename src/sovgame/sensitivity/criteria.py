"""Each criterion as a track along one number: the linear conditions of the Nash, strict and
dominance criteria, the pairwise comparisons behind uniqueness, and risk dominance (2x2)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..core.model import Profile
from ..costs.status_quo_exit import STATUS_QUO_EXIT, exit_set, movers, status_quo_profile
from ..costs.thresholds import Criterion
from ..costs.verdicts import verdict_for
from .parameters import Line
from .risk_tracks import RiskTrack
from .tracks import Constant, Formula, LinearTrack, Never, Ratio, Reading, at, linear_set, moves, summary
from .unique_tracks import UniqueTrack, comparisons
from .walk import Track


def moved(p: Profile, i: int, s: int) -> Profile:
    """``p`` with player i at strategy s."""
    return p[:i] + (s,) + p[i + 1 :]


@dataclass(frozen=True, eq=False)
class ExitTrack(LinearTrack):
    """The status-quo exit (:mod:`sovgame.costs.status_quo_exit`) along one number: where the
    status quo d is no equilibrium at κ nor at any larger κ, above the sup of d's Nash set.
    Its forms are d's Nash conditions, so it changes where the Nash track of d does (the
    events and dependence of :class:`LinearTrack`); only the reading differs."""

    strict: bool = False

    def read(self, p: Fraction) -> Reading:
        """The exit's set of κ at p, its verdict and where it starts."""
        values = [at(f, p) for f in self.forms]
        intervals = exit_set(linear_set(values, False))
        verdict = verdict_for(intervals, (Fraction(0), self.line.top(p)))
        value, attained = summary(intervals)
        formula: Formula = Never() if value is None else Constant(value)
        rising = [(a / b, f) for f, (a, b) in zip(self.forms, values) if b < 0]
        if value is not None and value != 0 and rising:
            best = min(rising)[1]
            formula = Ratio.of(best) if moves(best) else formula
        return Reading(verdict, value, attained, formula, intervals=tuple(intervals))


def criterion_track(line_: Line, criterion: str, target: Profile) -> Track | None:
    """The track of ``criterion`` along ``line_`` (None: risk dominance and the status-quo
    exit outside 2x2 games)."""
    game = line_.game
    n = game.n_players
    if criterion == STATUS_QUO_EXIT:
        return exit_track(line_)

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
    forms = tuple(line_.form(i, status_quo, moved(status_quo, i, 1 - status_quo[i])) for i in movers(line_.game))
    return ExitTrack(STATUS_QUO_EXIT, line_, forms)
