"""Each criterion as a track along one number: which conditions it reads, and what it says at
a value, on the case game along Pakistan's military weight (docs/models.md)."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game
from sovgame.costs.verdicts import Verdict
from sovgame.sensitivity.criteria import criterion_track
from sovgame.sensitivity.parameters import find_parameter, line
from sovgame.sensitivity.risk_tracks import RiskTrack
from sovgame.sensitivity.tracks import LinearTrack
from sovgame.sensitivity.unique_tracks import UniqueTrack

CASE = load_game("pakistan_afghanistan")
ALONG = line(CASE, find_parameter(CASE, "cost:military_operations@Pakistan"))


def test_each_criterion_reads_its_own_conditions():
    nash = criterion_track(ALONG, "nash", (0, 0))
    assert isinstance(nash, LinearTrack) and not nash.strict
    # One deviation per player from the target: Pakistan's strike (1, 0, 1/2, 1) and
    # Afghanistan's toleration (1, 0, 3/2, 0).
    assert sorted(nash.forms) == [(1, 0, F(1, 2), 1), (1, 0, F(3, 2), 0)]
    assert criterion_track(ALONG, "strict", (0, 0)).strict
    # Dominance compares the target strategy with the other against each of the other's two
    # strategies, for each player: four conditions, strict.
    dominant = criterion_track(ALONG, "dominant", (0, 0))
    assert isinstance(dominant, LinearTrack) and dominant.strict and len(dominant.forms) == 4
    assert isinstance(criterion_track(ALONG, "unique", (0, 0)), UniqueTrack)
    assert isinstance(criterion_track(ALONG, "risk_dominant", (0, 0)), RiskTrack)


def test_risk_dominance_has_no_track_outside_2x2_games():
    game = load_game("pakistan_afghanistan_escalation")
    along = line(game, find_parameter(game, f"{game.game.player_names[0]}@{game.game.outcome_key((0, 0))}"))
    assert criterion_track(along, "risk_dominant", (0, 0)) is None


def test_the_nash_track_read_at_two_weights():
    # κ_NE = max(1/(1/2 + p), 2/3): 4/3 at the file's 1/4 (reachable: above today, within the
    # top 2), 1 at p = 1/2 (holds today), 2/3 at p = 1 (Afghanistan's own bound).
    nash = criterion_track(ALONG, "nash", (0, 0))
    for p, value, verdict in (
        (F(1, 4), F(4, 3), Verdict.REACHABLE),
        (F(1, 2), F(1), Verdict.HOLDS_TODAY),
        (F(1), F(2, 3), Verdict.HOLDS_TODAY),
    ):
        reading = nash.read(p)
        assert reading.value == value and reading.attained and reading.state == verdict
