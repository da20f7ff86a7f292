"""Property: on random cost-parametrised 2x2 games, every interval end sensitivity reports is a
true change of verdict, and no change of verdict on a fine grid is missing inside it."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from sovgame.core.roots import less
from sovgame.costs.thresholds import CRITERIA
from sovgame.sensitivity.one_number import sensitivity
from strategies import costed_2x2
from support import assert_interval_exact, state_at

#: The grid: every quarter within two units of the file's value (payoffs are whole numbers from
#: −4 to 4 and weights 0 to 3, so changes fall on such points and between them).
GRID = [F(k, 4) for k in range(-8, 9)]


def inside(entry, x: F) -> bool:
    """Whether x lies in the entry's interval (exactly; an irrational end by its bracket)."""
    lo, hi = entry.lower, entry.upper
    if lo.at is not None and (less(x, lo.at) or (x == lo.at and not lo.closed)):
        return False
    return not (hi.at is not None and (less(hi.at, x) or (x == hi.at and not hi.closed)))


@settings(max_examples=25, deadline=None)
@given(costed_2x2(), st.sampled_from(CRITERIA), st.data())
def test_every_end_is_a_change_and_none_is_missed(game, criterion, data):
    result = sensitivity(game, criteria=[criterion], claims=False)
    if not result.entries:
        return
    entry = data.draw(st.sampled_from(result.entries))
    assert_interval_exact(None, game, entry)
    p = entry.parameter
    for step in GRID:
        x = p.value + step
        if p.allowed(x) and inside(entry, x):
            assert state_at(None, game, p, x, entry.subject) == entry.state, (criterion, p.key, x)
