"""How often the draws of the quick robust run give a claim the file's outcome.

The bottom line's quick run (:mod:`sovgame.findings.quick_check`) draws the numbers the file
does not pin down and reads, per draw, the verdict of the compromise entry (``nash``), of
compromise as the only equilibrium (``unique``, 2x2 games) and of the status quo's exit. A
claim test of kind ``threshold`` about this file and its compromise profile asks whether one of
these verdicts is among those it ``expect``s, so each draw answers it too: the test *agrees*
in a draw when the draw's answer (expected or not) is the file's. A claim all of whose tests are
such gets the same count for its grade, with each draw's grade combined from its tests' as the
file's is (:func:`sovgame.claims.grading.combine`: all expected, none, or some).

Nothing is drawn again: the counts are read off the verdict codes of the same draws
(``QuickCheck.codes``), and a draw that does not settle a verdict (``undetermined``, or left out
of the run) is not counted.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..claims.grading import DrawAgreement, TestResult
from ..claims.kinds.threshold import ThresholdTest
from ..claims.scorecard import ClaimResult, Scorecard
from ..costs.status_quo_exit import STATUS_QUO_EXIT
from ..costs.verdicts import Verdict
from ..robustness.plan import VerdictCode
from .quick_check import QuickCheck

#: The quick run's name for the quantity each threshold criterion reads.
QUANTITIES = {"nash": "nash", "unique": "unique", STATUS_QUO_EXIT: "exit"}

#: Codes of draws that settle no verdict.
UNSETTLED = (VerdictCode.UNDETERMINED, VerdictCode.NOT_COMPUTED)


def with_draws(scorecard: Scorecard, quick: QuickCheck) -> Scorecard:
    """``scorecard`` with, beside each test the quick run's draws answer and each claim whose
    tests they all answer, how many draws give the file's outcome (module docstring)."""
    results = []
    for result in scorecard.results:
        answers = [drawn_answers(t, scorecard, quick) for t in result.tests]
        tests = tuple(
            t if a is None else replace(t, draws=_agreement(a[0], a[1], int(a[2]), quick))
            for t, a in zip(result.tests, answers)
        )
        claim = None
        if all(a is not None for a in answers):
            claim = _agreement(*_combined([a for a in answers if a is not None]), quick)
        results.append(ClaimResult(result.claim, tests, result.grade, claim))
    return replace(scorecard, results=tuple(results))


def drawn_answers(
    result: TestResult, scorecard: Scorecard, quick: QuickCheck
) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """Per draw whether the test's expectation is met and whether the draw settles it, and the
    file's answer; None when the quick run does not compute what the test reads (another file,
    another target, a criterion it leaves out)."""
    test = result.test
    if not isinstance(test, ThresholdTest) or test.game is not None:
        return None
    if test.target is not None and not _is_compromise(scorecard, test.target):
        return None
    name = QUANTITIES.get(test.criterion)
    if name is None or name not in quick.codes or quick.verdicts.get(name) is None:
        return None
    codes = quick.codes[name]
    expected = [int(VerdictCode.of(Verdict(word))) for word in test.expect]
    file_answer = quick.verdicts[name] in test.expect
    return np.isin(codes, expected), ~np.isin(codes, [int(c) for c in UNSETTLED]), file_answer


def _is_compromise(scorecard: Scorecard, key: str) -> bool:
    game = scorecard.game
    try:
        return game.parse_outcome(key) == game.compromise_profile
    except ValueError:
        return False


def _combined(answers: list[tuple[np.ndarray, np.ndarray, bool]]) -> tuple[np.ndarray, np.ndarray, int]:
    """A claim's answer per draw from its tests': 2 when every test's expectation is met, 0 when
    none is, 1 otherwise (supported, not supported, partly: the order of ``combine``)."""
    count = len(answers)
    met = np.sum([a[0] for a in answers], axis=0)
    settled = np.logical_and.reduce([a[1] for a in answers])
    file_met = sum(a[2] for a in answers)
    levels = np.where(met == count, 2, np.where(met == 0, 0, 1))
    return levels, settled, 2 if file_met == count else 0 if file_met == 0 else 1


def _agreement(answer: np.ndarray, settled: np.ndarray, file_answer: int, quick: QuickCheck) -> DrawAgreement:
    """How many settled draws give the file's answer."""
    agree = int(np.count_nonzero((answer == file_answer) & settled))
    return DrawAgreement(agree, int(np.count_nonzero(settled)), quick.samples, quick.seed)
