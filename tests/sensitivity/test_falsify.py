"""Falsifiability: every computed claim test names a change that flips it, and the change
does flip it when the file is read again with that ``--set``; a test no change can flip is
graded cannot fail."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovgame import parse_game
from sovgame.claims.grading import Grade
from sovgame.claims.reading import VERDICT_WORDS
from sovgame.claims.scorecard import grade_claims
from sovgame.sensitivity.falsify import falsify
from strategies import INCIDENCES, two_by_two_text
from support import claims_toml


@st.composite
def costed_files_with_claims(draw) -> str:
    """A costed 2x2 game file with one claim per followed kind of test on its own numbers."""
    values = [draw(st.integers(-4, 4)) for _ in range(8)]
    weights = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    cells = list(zip(values[::2], values[1::2]))
    criterion = draw(st.sampled_from(["nash", "strict", "dominant", "unique", "status_quo_exit"]))
    expect = draw(st.lists(st.sampled_from(VERDICT_WORDS), min_size=1, max_size=2, unique=True))
    profile = draw(st.sampled_from(["C|C", "C|D", "D|C", "D|D"]))
    kind = draw(st.sampled_from(["equilibrium", "only_equilibrium"]))
    player = draw(st.sampled_from(["Row", "Column"]))
    types = draw(st.sampled_from(['"prisoners_dilemma"', '["stag_hunt", "chicken"]', '"deadlock"']))
    tests = claims_toml(
        f'{{ kind = "threshold", criterion = "{criterion}", expect = {json.dumps(expect)} }}',
        f'{{ kind = "equilibrium", profile = "{profile}", expect = "{kind}" }}',
        f'{{ kind = "binding", criterion = "nash", player = "{player}", expect = "binding" }}',
        f'{{ kind = "game_type", expect = {types} }}',
    )
    return two_by_two_text(cells, draw(st.sampled_from(INCIDENCES)), weights) + tests


def _grade_with(text: str, setting: str, key: str) -> Grade:
    """The raw grade of the test at ``key`` after ``--set setting`` (re-read and re-solved)."""
    card = grade_claims(parse_game(text, settings=[setting]))
    assert card is not None
    return next(t.grade for r in card.results for t in r.tests if t.test.key == key)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(costed_files_with_claims())
def test_every_graded_test_is_flipped_by_the_change_it_names(text):
    card = grade_claims(parse_game(text))
    assert card is not None
    for result in falsify(card).results:
        for test in result.tests:
            if test.grade not in (Grade.SUPPORTED, Grade.NOT_SUPPORTED, Grade.PARTLY):
                continue
            # Only a test some change can flip stays evidence, and it names that change.
            assert test.flip is not None, (test.test.key, test.reason)
            assert test.flip.setting is not None
            assert test.flip.file is None
            after = _grade_with(text, test.flip.setting, test.test.key)
            assert after == test.flip.grade != test.grade, (test.flip, after)


def test_the_status_quo_exit_along_a_weight_is_exact():
    # Case: the exit is 1/w for Pakistan's military weight w (its move to Restrain gains
    # −1 + κw at the status quo): beyond the top 2 for w < 1/2, reachable for 1/2 < w ≤ 1, and
    # at w = 1/2 the set (2, ∞) misses the top: still beyond.
    from fractions import Fraction as F

    from sovgame import load_case
    from sovgame.costs.verdicts import Verdict
    from sovgame.sensitivity.criteria import criterion_track
    from sovgame.sensitivity.parameters import find_parameter, line

    case = load_case("pakistan_afghanistan")
    along = line(case, find_parameter(case, "cost:military_operations@Pakistan"))
    track = criterion_track(along, "status_quo_exit", (0, 0))
    assert track is not None and track.depends()
    for w, value, verdict in (
        (F(1, 4), F(4), Verdict.BEYOND),
        (F(1, 2), F(2), Verdict.BEYOND),
        (F(3, 4), F(4, 3), Verdict.REACHABLE),
        (F(0), None, Verdict.NEVER),
    ):
        reading = track.read(w)
        assert (reading.value, reading.state) == (value, verdict), w
    assert F(1, 2) in track.events()
