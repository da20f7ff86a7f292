"""The main job on the case game of docs/models.md: equilibria at κ = 0, today and the top of
the plausible range, thresholds and verdicts, each worked out by hand below."""

from __future__ import annotations

from fractions import Fraction as F

from sovgame import load_game
from sovgame.costs.verdicts import Verdict
from sovgame.findings.analysis import analyze

# Pakistan (rows: Restrain, Strike) and Afghanistan (columns: Constrain, Tolerate), payoffs
# 3,3 / 1,4 / 4,1 / 2,2, cost loads (0, 0) / (1/2, 3/2) / (3/4, 3/2) / (3/4, 3/2) (trade,
# refugees, strikes; docs/models.md), plausible range [0, 2].


def profiles(solution) -> list:
    return sorted((tuple(tuple(s) for s in e.strategies)) for e in solution.equilibria)


def test_the_case_game_analysed():
    analysis = analyze(load_game("pakistan_afghanistan"))
    pure = {(0, 0): ((F(1), F(0)), (F(1), F(0))), (1, 1): ((F(0), F(1)), (F(0), F(1)))}
    # κ = 0: Strike and Tolerate are dominant (4 > 3, 2 > 1 for each): (Strike, Tolerate) only.
    assert profiles(analysis.at_zero) == [pure[(1, 1)]]
    # κ = 1: payoffs 3,3 / 1/2,5/2 / 13/4,−1/2 / 5/4,1/2. Strike still dominant (13/4 > 3,
    # 5/4 > 1/2); Afghanistan replies Tolerate (1/2 > −1/2): (Strike, Tolerate) only.
    assert profiles(analysis.today) == [pure[(1, 1)]]
    # κ = 2: payoffs 3,3 / 0,1 / 5/2,−2 / 1/2,−1. Both pure profiles on the diagonal are
    # equilibria; the mix: Afghanistan indifferent when 3p − 2(1 − p) = p − (1 − p), p = 1/3;
    # Pakistan when 3q = 5q/2 + (1 − q)/2, q = 1/2.
    mixed = ((F(1, 3), F(2, 3)), (F(1, 2), F(1, 2)))
    assert profiles(analysis.at_top) == sorted([pure[(0, 0)], pure[(1, 1)], mixed])
    # κ_NE = 4/3 with Pakistan binding (its strike gains 1 at a cost of 3/4 per κ); κ_unique = 4
    # (above 4): docs/models.md. Against today and the top 2: reachable, beyond.
    nash, unique = analysis.thresholds.thresholds["nash"], analysis.thresholds.thresholds["unique"]
    assert nash.value == F(4, 3) and nash.binding == "Pakistan" and nash.verdict == Verdict.REACHABLE
    assert unique.value == 4 and unique.verdict == Verdict.BEYOND
    assert analysis.conclusion  # the conclusion is written
