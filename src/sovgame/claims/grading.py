"""What every claim kind's grader shares: the grades, a test's computed result, the context
a scorecard's tests share (the case, the other files they name, the thresholds, each computed
once), and how a claim's grade follows from its tests' grades.

A test that the file cannot answer (no compromise strategy, not a 2x2 game, no mediator
budget, a name the other file lacks) raises :class:`Untestable` with the reason, and is graded
"not testable with this file".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.case import Case
from ..core.claims import ClaimTest
from ..core.model import Profile
from ..errors import ParameterError, SovgameError

if TYPE_CHECKING:
    from ..costs.thresholds import ThresholdReport


class Grade(StrEnum):
    """How far the computed quantity bears out what a claim expects."""

    SUPPORTED = "supported"
    PARTLY = "partly_supported"
    NOT_SUPPORTED = "not_supported"
    NOT_TESTABLE = "not_testable"
    CANNOT_FAIL = "cannot_fail"
    BY_CONSTRUCTION = "by_construction"

    @property
    def words(self) -> str:
        """The grade as tables print it."""
        special = {
            Grade.NOT_TESTABLE: "not testable with this file",
            Grade.CANNOT_FAIL: "cannot fail with this model",
            Grade.BY_CONSTRUCTION: "holds by construction",
        }
        return special.get(self, self.value.replace("_", " "))

    @property
    def evidence(self) -> bool:
        """Whether the grade weighs for or against the claim: the test was computed and some
        admissible change of the model could have made it come out otherwise."""
        return self in (Grade.SUPPORTED, Grade.PARTLY, Grade.NOT_SUPPORTED)


#: What each grade means, as the scorecard says once.
GRADE_MEANINGS = {
    Grade.SUPPORTED: "every test of the claim comes out as the claim expects",
    Grade.PARTLY: "some tests (or some players) do, others do not or cannot be tested",
    Grade.NOT_SUPPORTED: "no test that could be computed comes out as the claim expects",
    Grade.NOT_TESTABLE: "the file lacks what the test needs (a compromise strategy, a 2x2 game, a budget, ...)",
    Grade.CANNOT_FAIL: "no number of the model moved within its declared range (anywhere, without one) could make "
    "the test come out otherwise: it is no evidence either way",
    Grade.BY_CONSTRUCTION: "the payoffs as the file writes them encode the claim (an ordering typed in), so it "
    "holds by assumption, not as a finding",
}


class Untestable(Exception):
    """The file cannot answer this test; the message says why."""


@dataclass(frozen=True)
class Flip:
    """A change of the model that makes a test come out otherwise, found by recomputing it:
    ``change`` in words, ``setting`` the ``--set`` text that makes it (None where ``--set``
    cannot: a section's number), ``file`` the other file it changes (None: the claim's own),
    ``grade`` the test's grade after it and ``declared`` whether the value lies in a range the
    file declares for that number."""

    change: str
    setting: str | None
    file: str | None
    grade: Grade
    declared: bool

    def sentence(self) -> str:
        """ "it would come out not supported with Pakistan's payoff ... at 5/2"."""
        where = "" if self.file is None else f" in {self.file}"
        inside = " (inside its declared range)" if self.declared else ""
        return f"it would come out {self.grade.words} with {self.change}{where}{inside}"


@dataclass(frozen=True)
class DrawAgreement:
    """How often a seeded sample of draws of the file's uncertain numbers (the quick robust run
    of ``analyze``) gives a test or a claim the file's outcome: ``agree`` of ``draws`` draws
    that settle it, of ``samples`` drawn with ``seed``."""

    agree: int
    draws: int
    samples: int
    seed: int

    @property
    def share(self) -> float | None:
        """``agree / draws`` (None when no draw settles it)."""
        return self.agree / self.draws if self.draws else None

    def json_data(self) -> dict[str, int | float | None]:
        """``{"agree", "draws", "samples", "seed", "share"}``."""
        return {
            "agree": self.agree,
            "draws": self.draws,
            "samples": self.samples,
            "seed": self.seed,
            "share": self.share,
        }


@dataclass(frozen=True)
class TestResult:
    """One test of a claim, computed: the quantity, its exact value (and a decimal where it is
    a number), what the claim expects, the grade and the reason that decides it."""

    __test__ = False  # not a pytest class, despite its name

    test: ClaimTest
    quantity: str
    value: str
    decimal: float | None
    expects: str
    grade: Grade
    reason: str
    flip: Flip | None = None  # a change that turns the grade (:mod:`sovgame.sensitivity.falsify`)
    draws: DrawAgreement | None = None  # how often robust draws agree (:mod:`sovgame.findings.claim_draws`)


def combine(grades: list[Grade]) -> Grade:
    """A claim's grade from its tests' grades. Only tests that could have failed are
    evidence: without any, the claim holds by construction when one of its tests does, else
    it cannot fail when one of its tests cannot, else it is not testable. With evidence:
    supported when every test is; not supported when no evidence supports it (none partly);
    partly supported otherwise (tests that are no evidence or cannot be computed count
    against "supported")."""
    testable = [g for g in grades if g.evidence]
    if not testable:
        for empty in (Grade.BY_CONSTRUCTION, Grade.CANNOT_FAIL):
            if empty in grades:
                return empty
        return Grade.NOT_TESTABLE
    if len(testable) == len(grades) and all(g == Grade.SUPPORTED for g in testable):
        return Grade.SUPPORTED
    if all(g == Grade.NOT_SUPPORTED for g in testable):
        return Grade.NOT_SUPPORTED
    return Grade.PARTLY


class Context:
    """The case a scorecard is for, and what its tests share: the other files they name and
    the thresholds, each computed once."""

    def __init__(self, case: Case, report: ThresholdReport | None = None):
        self.case = case
        self._cases: dict[str, Case] = {}
        self._reports: dict[tuple[int, str | None], ThresholdReport] = {}
        if report is not None:
            self._reports[(id(case), None)] = report

    def substitute(self, spec: str, case: Case) -> None:
        """Use ``case`` wherever a test names ``spec`` (a changed copy of that file)."""
        self._cases[spec] = case

    def related(self, spec: str) -> Case:
        """Another game file named by a claim: a bundled name, or a path relative to this
        file; read for its numbers (its own claims are not read). When this case was read with
        ``--set`` changes, the other file gets them too if it builds on this one (an
        ``extends`` chain leads here); otherwise it is not used, since its numbers would not
        reflect the changes."""
        if spec not in self._cases:
            from ..files.gamefile import confined_path, lineage, looks_like_path, read_case

            settings = self.case.settings
            try:
                name = spec
                if looks_like_path(spec):  # a path: from this file's folder, not beyond it
                    folder = Path(self.case.folder or ".")
                    name = str(confined_path(spec, folder, folder))
                if settings and self.case.identity not in lineage(name)[1:]:
                    raise Untestable(
                        f"{spec} does not build on this file (no `extends` chain leads here), so the --set "
                        f"changes ({'; '.join(settings)}) cannot reach its numbers, and its own would be stale"
                    )
                self._cases[spec] = read_case(name, settings)
            except SovgameError as exc:
                raise Untestable(f"the file it names cannot be used: {exc}") from None
        return self._cases[spec]

    def case_for(self, test: ClaimTest) -> Case:
        """The case a test is about: this file, or the one its ``game`` key names."""
        return self.case if test.game is None else self.related(test.game)

    def thresholds(self, case: Case, target: str | None = None) -> ThresholdReport:
        """The thresholds of ``case`` for ``target`` (default: its compromise profile)."""
        from ..costs.thresholds import compute_thresholds  # the graders' work, loaded when they grade

        key = (id(case), target)
        if key not in self._reports:
            if target is None and case.game.compromise_profile is None:
                raise Untestable(f"{name_of(case)}: not every player names a compromise strategy")
            try:
                self._reports[key] = compute_thresholds(case, target)
            except ParameterError as exc:
                raise Untestable(f"{name_of(case)}: {exc.detail}") from None
        return self._reports[key]


def name_of(case: Case) -> str:
    """The case's name in a reason: its origin without " (bundled)"."""
    return case.origin.removesuffix(" (bundled)")


def parse_profile(case: Case, key: str) -> Profile:
    """The profile named by ``key`` in ``case``, or :class:`Untestable` saying why not."""
    try:
        return case.game.parse_outcome(key)
    except ValueError as exc:
        raise Untestable(f"{name_of(case)}: {exc}") from None


def target_profile(case: Case, key: str | None) -> Profile:
    """The profile a test is about: ``key`` in ``case``, or its compromise profile."""
    if key is not None:
        return parse_profile(case, key)
    if case.game.compromise_profile is None:
        raise Untestable("not every player names a compromise strategy")
    return case.game.compromise_profile
