"""The status quo's exit along one number reads the same exit as the thresholds: sup of the
status quo's Nash set, with a stretch below it that does not count as an exit."""

from __future__ import annotations

from fractions import Fraction as F

from costs.test_status_quo_exit import STRETCH
from sovgame import parse_game
from sovgame.costs.status_quo_exit import STATUS_QUO_EXIT, status_quo_exit
from sovgame.costs.verdicts import Verdict
from sovgame.sensitivity.criteria import criterion_track
from sovgame.sensitivity.parameters import find_parameter, line, with_value


def test_the_exit_along_a_weight_of_a_status_quo_that_holds_from_two():
    """The stretch game with Column's weight w: Row's move away gains 1 − κ/2 ≤ 0 ⇔ κ ≥ 2, and
    Column's −3 + κw ≤ 0 ⇔ κ ≤ 3/w, so H = [2, 3/w] while 3/w ≥ 2 (w ≤ 3/2): the exit is 3/w,
    beyond the top 2; for w > 3/2 H is empty (exit at 0, holds today); at w = 0 it never ends.
    The status quo is out at κ = 1 for every w, which does not make its exit "today"."""
    case = parse_game(STRETCH)
    along = line(case, find_parameter(case, "cost:c@Column"))
    track = criterion_track(along, STATUS_QUO_EXIT, (0, 0))
    assert track is not None and track.depends()
    for w, value, verdict in (
        (F(1, 2), F(6), Verdict.BEYOND),
        (F(1), F(3), Verdict.BEYOND),
        (F(3, 2), F(2), Verdict.BEYOND),
        (F(2), F(0), Verdict.HOLDS_TODAY),
        (F(0), None, Verdict.NEVER),
    ):
        reading = track.read(w)
        assert (reading.value, reading.state) == (value, verdict), w
        found = status_quo_exit(with_value(case, along.parameter, w))
        assert found is not None and (found.value, found.verdict) == (value, verdict), w
    assert F(3, 2) in track.events()
