"""Beside a claim's grade, how many draws of the quick robust run give it the file's outcome:
recounted independently over the very same draws."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from sovgame import load_case, parse_game, solve
from sovgame.claims.scorecard import grade_claims
from sovgame.costs.verdicts import Verdict
from sovgame.findings.analysis import analyze
from sovgame.findings.claim_draws import with_draws
from sovgame.findings.quick_check import QUICK_SAMPLES, QUICK_SEED, QuickCheck
from sovgame.robustness.plan import CHUNK_SIZE, VerdictCode, plan_sampling
from sovgame.robustness.sampling import chunk_generator, draw_samples, exact_sample_game
from strategies import two_by_two_text


@pytest.fixture(scope="module")
def case_analysis():
    return analyze(load_case("pakistan_afghanistan"))


def quick_draws(case):
    """The quick run's draws, drawn again here chunk by chunk with its seed (as robust draws)."""
    plan = plan_sampling(case, unique_subsample=0)
    parts = [
        draw_samples(plan, chunk_generator(QUICK_SEED, chunk), min(CHUNK_SIZE, QUICK_SAMPLES - first))
        for chunk, first in enumerate(range(0, QUICK_SAMPLES, CHUNK_SIZE))
    ]
    return plan, np.concatenate([u for u, _ in parts]), np.concatenate([w for _, w in parts])


def status_quo_holds(plan, U, W, kappa: F) -> bool:
    """Brute force, in exact fractions of the drawn floats: no player gains by leaving
    (Strike, Tolerate TTP) at κ, each payoff u − κ·w compared directly."""
    game = plan.game
    d = tuple(1 - c for c in game.compromise_profile)
    at = int(np.ravel_multi_index(d, game.shape))
    for i in range(game.n_players):
        moved = int(np.ravel_multi_index(d[:i] + (1 - d[i],) + d[i + 1 :], game.shape))
        stay = F(float(U[at, i])) - kappa * F(float(W[at, i]))
        leave = F(float(U[moved, i])) - kappa * F(float(W[moved, i]))
        if leave > stay:
            return False
    return True


def test_the_unreachable_claim_carries_the_share_of_draws_that_agree(case_analysis):
    """The claim expects the exit's verdict beyond or never: with the plausible top 2, the exit
    κ = sup H must reach 2. In every draw of the case's model the status quo holds at κ = 0
    (the ordering is kept: Pakistan's S < P and Afghanistan's S < P) and H is an interval, so
    sup H ≥ 2 iff the status quo is still an equilibrium at κ = 2. Recounted that way, exactly,
    over the same 2,000 draws, the count is the one printed; a few draws are also re-solved."""
    claim = next(r for r in case_analysis.scorecard.results if r.claim.id == "unreachable")
    assert claim.grade == "supported" and claim.draws is not None
    assert (claim.draws.samples, claim.draws.seed, claim.draws.draws) == (QUICK_SAMPLES, QUICK_SEED, QUICK_SAMPLES)
    assert claim.tests[0].draws == claim.draws  # one test: the claim's count is the test's
    plan, U, W = quick_draws(case_analysis.case)
    top = plan.top_exact
    assert top == 2
    assert all(status_quo_holds(plan, U[k], W[k], F(0)) for k in range(QUICK_SAMPLES))
    recount = sum(status_quo_holds(plan, U[k], W[k], top) for k in range(QUICK_SAMPLES))
    assert claim.draws.agree == recount
    assert 0 < recount < QUICK_SAMPLES  # the draws do disagree: the count is informative
    for k in range(8):
        d = (1, 1)
        assert (d in solve(exact_sample_game(plan, U[k], W[k]).game, top).pure_profiles) == status_quo_holds(
            plan, U[k], W[k], top
        )


def test_the_share_is_shown_beside_the_grade_in_json_and_tables(case_analysis):
    from sovgame.present.claims import scorecard_sections

    data = case_analysis.to_dict()["claims"]
    claim = next(c for c in data["claims"] if c["id"] == "unreachable")
    drawn = claim["draws"]
    assert drawn["draws"] == QUICK_SAMPLES and drawn["seed"] == QUICK_SEED
    assert drawn["share"] == pytest.approx(drawn["agree"] / drawn["draws"])
    assert claim["tests"][0]["draws"] == drawn
    # Claims whose tests read other files, or quantities the quick run leaves out, carry none.
    assert next(c for c in data["claims"] if c["id"] == "cycles")["draws"] is None
    (table,) = scorecard_sections(case_analysis.scorecard)
    assert table.columns[-1] == "same in draws"
    row = next(r for r in table.rows if r[0] == "unreachable")
    assert row[-1] == f"{100 * drawn['agree'] / QUICK_SAMPLES:.0f}% of {QUICK_SAMPLES:,}"


CLAIMS = """
[[claims]]
id = "both"
text = "compromise is within reach and the status quo ends beyond"
source = "made up"
test = [
  { kind = "threshold", criterion = "nash", expect = ["reachable"] },
  { kind = "threshold", criterion = "status_quo_exit", expect = ["beyond", "never"] },
]
[[claims]]
id = "elsewhere"
text = "another target"
source = "made up"
test = { kind = "threshold", criterion = "nash", target = "D|D", expect = ["holds_today"] }
"""


def test_a_claim_of_several_tests_is_combined_draw_by_draw():
    """Hand-made codes for five draws. Test (1) expects nash reachable, (2) the exit beyond or
    never; the file's verdicts meet (1) and not (2), so the file's claim is partly met.
    Draw by draw (nash, exit): (reachable, beyond) both met: differs; (reachable, reachable)
    only (1): same as the file; (beyond, holds today) neither: differs; (undetermined, never):
    not settled, not counted; (reachable, holds today) only (1): same. So test (1) agrees in 3
    of 4 settled draws (1, 2 and 5), test (2) in 3 of 5 (2, 3 and 5), the claim in 2 of 4."""
    case = parse_game(two_by_two_text([(3, 3), (0, 4), (4, 0), (1, 1)], "own_confront") + CLAIMS)
    scorecard = grade_claims(case)
    code = {name: int(VerdictCode[name]) for name in ("HOLDS_TODAY", "REACHABLE", "BEYOND", "NEVER", "UNDETERMINED")}
    nash = np.array([code[c] for c in ("REACHABLE", "REACHABLE", "BEYOND", "UNDETERMINED", "REACHABLE")])
    exit_ = np.array([code[c] for c in ("BEYOND", "REACHABLE", "HOLDS_TODAY", "NEVER", "HOLDS_TODAY")])
    quick = QuickCheck(
        5,
        7,
        "m",
        True,
        {},
        {},
        {},
        {"nash": Verdict.REACHABLE, "exit": Verdict.REACHABLE},
        {"nash": nash, "exit": exit_},
    )
    both, elsewhere = with_draws(scorecard, quick).results
    first, second = both.tests
    assert first.draws is not None and (first.draws.agree, first.draws.draws) == (3, 4)
    assert second.draws is not None and (second.draws.agree, second.draws.draws) == (3, 5)
    assert both.draws is not None and (both.draws.agree, both.draws.draws, both.draws.seed) == (2, 4, 7)
    assert elsewhere.draws is None and elsewhere.tests[0].draws is None
