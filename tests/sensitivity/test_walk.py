"""The walk along one number: elements read strictly inside the gaps they stand for."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as F

from sovgame.core.linalg import evaluate
from sovgame.core.roots import Root, real_roots, sign_at
from sovgame.sensitivity.parameters import Parameter, ParameterKind
from sovgame.sensitivity.tracks import Never, Reading
from sovgame.sensitivity.walk import walk

M = F(10**20)
POLY = [F(-1), M, F(1)]  # p² + M·p − 1: one root r in (0, 1/M) (r·(r + M) = 1), one below −M


@dataclass(frozen=True)
class SignTrack:
    """The state is the sign of POLY at p, except at p = 0 itself, which reads "at zero"."""

    subject: str = "sign"
    complete: bool = True

    def read(self, p: F) -> Reading:
        return Reading("at zero" if p == 0 else sign_at(POLY, p), None, False, Never())

    def events(self) -> list:
        return real_roots(POLY) + [F(0)]

    def depends(self) -> bool:
        return True


def test_the_gap_next_to_the_lowest_value_is_read_inside_it():
    """A weight ≥ 0 at 1: POLY(1) > 0 and POLY changes sign only at r in (0, 1/M), so the state
    holds down to r (irrational: its closedness is not settled), and just below r, on (0, r),
    POLY < 0 (POLY(0) = −1). The bracket of r from real_roots starts at 0, the lowest value the
    number may take; the gap (0, r) used to be read at 0 itself, a point whose state differs."""
    assert evaluate(POLY, F(0)) == -1
    parameter = Parameter(ParameterKind.WEIGHT, "w", "a weight", F(1), lowest=F(0))
    walked = walk(SignTrack(), parameter)
    end = walked.lower
    assert isinstance(end.at, Root) and end.at.compare(F(0)) > 0 and end.at.compare(1 / M) < 0
    assert end.closed is None and end.change
    assert end.beyond == -1
    assert walked.upper.at is None and not walked.upper.change


@dataclass(frozen=True)
class SolverTrack:
    """The state is whether p² < 2, read as if by the exact solver, with 3 as the only event:
    the change at √2 is no event, so the walk has to locate it by bisection."""

    subject: str = "below √2"
    complete: bool = True

    def read(self, p: F) -> Reading:
        return Reading("below" if p * p < 2 else "above", None, False, Never(), solver=True)

    def events(self) -> list:
        return [F(3)]

    def depends(self) -> bool:
        return True


def test_a_change_the_events_miss_is_located_by_bisection_as_a_bracket_not_a_number():
    """From the value 1 up: the point 3 reads "above", but so does 3 − δ, so the change lies
    elsewhere between 1 and 3 and is bisected 30 times: a Bracket of width 2/2^30 around √2
    (checked by squares), its closedness not settled. Its margin from 1 (scale 1 for a value
    of 1) is the bracket (lo − 1, hi − 1), given by its midpoint, and it prints as a decimal."""
    from sovgame import load_game
    from sovgame.sensitivity.margins import margin_of
    from sovgame.sensitivity.walk import Bracket
    from sovgame.sensitivity.words import number_json

    parameter = Parameter(ParameterKind.PAYOFF, "x", "a payoff", F(1))
    walked = walk(SolverTrack(), parameter)
    end = walked.upper
    assert isinstance(end.at, Bracket) and end.closed is None and end.beyond == "above"
    assert end.at.lo**2 < 2 < end.at.hi**2 and end.at.hi - end.at.lo == F(2, 2**30)
    assert number_json(end.at) == "≈1.41421" and float(end.at) == float((end.at.lo + end.at.hi) / 2)
    margin, bracket, nearest, exact = margin_of(load_game("chicken"), parameter, walked.lower, end)
    assert nearest is end and bracket == (end.at.lo - 1, end.at.hi - 1) and margin == sum(bracket) / 2
    assert isinstance(exact, Bracket)
