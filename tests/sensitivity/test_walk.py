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
