"""The numbers of a file's sections that declare a range, followed over that range for the
grade of every claim that reads them (:func:`sovgame.sensitivity.one_number.sensitivity`).

The numbers: the mediator's ``budget``, the repeated game's ``discount``, ``noise``,
``false_alarm`` and ``detection``, the prior of a type (of a player with two types: the other
type's prior is one minus it) and an ``[[effects]]`` entry — each where it lives: in the case,
or in a file one of its claims reads (``game = ...``). A number with no declared range is not
followed here (``claims`` searches it for a flip, :mod:`sovgame.sensitivity.falsify`).

Along one number x (everything else as stated) each test that reads its file is regraded
exactly, by its own grader, at rational values of x; the other tests keep their grade. Where
the grade can change is found the way :mod:`sovgame.play.ranges` finds it: the test's exact
value v(x) is compared with a constant of the test (``at_least``, ``at_most``), a κ that a
verdict is read against (0, today's 1, a plausible top) or with x itself (a budget against the transfers needed, δ against δ*), so the grade can change only
where v(x) − c or v(x) − x is zero. v is fitted exactly as a linear-fractional function
(a + b·x)/(1 + d·x) through three points of the range and the fit confirmed at two more (a
constant and an affine v are special cases); the zeros of the margins are then exact
(rational, or roots of a quadratic). The walk (:mod:`sovgame.sensitivity.walk`) reads the
grade exactly at each zero and between them. Float arithmetic decides nothing. When a value
does not fit, or readings at evenly spaced points of the range show a change between two
events that no zero explains, the entry says it is not complete, and each end the walk finds
is confirmed by exact readings on both sides, else bisected to a bracket (never shown as an
exact value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction

from ..claims.grading import Context, Grade, combine
from ..claims.registry import grade_test
from ..core.case import Case
from ..core.claims import Claim, ClaimTest
from ..core.numbers import to_fraction
from ..core.roots import Number, real_roots
from ..sections.effects import Effects
from ..sections.mediator import Mediator
from ..sections.repeated import NUMBERS, RepeatedSettings
from ..sections.types import HiddenTypes
from .parameters import Parameter, ParameterKind, with_effect
from .tracks import Never, Reading

Move = Callable[[Case, Fraction], Case]
#: Evenly spaced readings of a range (CHECKS + 1, the ends included): the points the values
#: are fitted through and the checks of the events found.
CHECKS = 4


@dataclass(frozen=True)
class SectionNumber:
    """One ranged number of a section: the parameter (its range as the limits walked) and how
    to put it at x in the file that holds it (``file``: as the claims name it; None: the case)."""

    parameter: Parameter
    file: str | None
    move: Move


def section_numbers(case: Case, file: str | None = None, effects: bool | None = None) -> list[SectionNumber]:
    """Every number of ``case``'s sections with a declared range (module docstring); its
    ``[[effects]]`` too when ``effects`` (default: for another file only, since the case's
    own effects are numbers of its game, :func:`sovgame.sensitivity.parameters.parameters`)."""
    prefix = "" if file is None else f"{file}:"
    out: list[SectionNumber] = []

    def add(key: str, label: str, value: Fraction, span: tuple[Fraction, Fraction], move: Move) -> None:
        parameter = Parameter(
            ParameterKind.SECTION, prefix + key, label, value, lowest=span[0], highest=span[1], declared=span
        )
        out.append(SectionNumber(parameter, file, move))

    where = "" if file is None else f" (in {file})"
    mediator = case.section(Mediator)
    if mediator is not None and mediator.budget is not None and mediator.budget_range is not None:
        add("mediator.budget", f"the mediator's budget{where}", mediator.budget, mediator.budget_range, _budget)
    settings = case.section(RepeatedSettings)
    for name in NUMBERS if settings is not None else ():
        assert settings is not None
        value, span = getattr(settings, name), settings.ranges.get(name)
        if value is not None and span is not None:
            add(
                f"repeated.{name}", f"the repeated game's {name.replace('_', ' ')}{where}", value, span, _repeated(name)
            )
    for key, label, value, span, move in _priors(case):
        add(key, label + where, value, span, move)
    stated = case.section(Effects)
    if (file is not None if effects is None else effects) and stated is not None:
        for e in stated.effects:
            if e.effect_range is not None:
                shift = Parameter(
                    ParameterKind.EFFECT, f"effect:{e.name}", "", e.effect, player=e.player, cells=e.cells
                )
                add(f"effect:{e.name}", f"the effect {e.name}{where}", e.effect, e.effect_range, _effect(shift))
    return out


def _budget(case: Case, x: Fraction) -> Case:
    mediator = case.section(Mediator)
    assert mediator is not None
    return _swap(case, mediator, replace(mediator, budget=x))


def _repeated(name: str) -> Move:
    def move(case: Case, x: Fraction) -> Case:
        settings = case.section(RepeatedSettings)
        assert settings is not None
        return _swap(case, settings, replace(settings, **{name: x}))  # type: ignore[arg-type]

    return move


def _effect(shift: Parameter) -> Move:
    return lambda case, x: with_effect(case, shift, x)


def _priors(case: Case) -> Iterator[tuple[str, str, Fraction, tuple[Fraction, Fraction], Move]]:
    """The declared prior of each type of a player with two types (the other's is 1 − it)."""
    hidden = case.section(HiddenTypes)
    for t in hidden.types if hidden is not None else ():
        assert hidden is not None
        pair = hidden.of(t.player)
        if len(pair) != 2 or t.prior_range is None:
            continue
        player = case.game.player_names[t.player]

        def move(case: Case, x: Fraction, name: str = t.name, player: int = t.player) -> Case:
            types = case.section(HiddenTypes)
            assert types is not None
            moved = tuple(
                replace(u, prior=x if u.name == name else 1 - x) if u.player == player else u for u in types.types
            )
            return _swap(case, types, HiddenTypes(moved))

        yield f"types.{player}.{t.name}.prior", f"the prior of {player}'s type '{t.name}'", t.prior, t.prior_range, move


def _swap(case: Case, old: object, new: object) -> Case:
    return replace(case, sections=tuple(new if s is old else s for s in case.sections))


@dataclass(frozen=True, eq=False)
class SectionTrack:
    """A claim's grade along one section number (the :class:`~sovgame.sensitivity.walk.Track`
    the walk reads): its tests that read the number's file regraded at x, the others fixed."""

    subject: str
    claim: Claim
    number: SectionNumber
    case: Case
    fixed: tuple[Grade | None, ...]  # per test: its grade when it does not read the file
    base: Case  # the file the number lives in, as stated

    def _grades(self, x: Fraction) -> list[tuple[ClaimTest, Grade, str]]:
        """Each test's grade and exact value with the number at x (remembered per x: the
        checks, the fit and the walk read the same points)."""
        memo: dict[Fraction, list[tuple[ClaimTest, Grade, str]]] = self.__dict__.setdefault("_memo", {})
        if x not in memo:
            memo[x] = self._graded(x)
        return memo[x]

    def _graded(self, x: Fraction) -> list[tuple[ClaimTest, Grade, str]]:
        moved = self.number.move(self.base, x)
        if self.number.file is None:
            ctx = Context(replace(moved, claims=self.case.claims))
        else:
            ctx = Context(self.case)
            ctx.substitute(self.number.file, moved)
        out = []
        for test, grade in zip(self.claim.tests, self.fixed):
            if grade is not None:
                out.append((test, grade, ""))
            else:
                result = grade_test(test, ctx)
                out.append((test, result.grade, result.value))
        return out

    def grade(self, p: Fraction) -> Grade:
        """The claim's grade with the number at p, exactly."""
        return combine([g for _, g, _ in self._grades(p)])

    def read(self, p: Fraction) -> Reading:
        """The claim's grade with the number at p."""
        grade = self.grade(p)
        # Without exact events the walk confirms each end by exact readings on both sides and
        # bisects to a bracket where they disagree (sovgame.sensitivity.walk, "solver").
        return Reading(grade, None, False, Never(), solver=not self.complete)  # type: ignore[arg-type]

    @property
    def complete(self) -> bool:
        """Whether every value fitted and the checks agree with the events (module docstring)."""
        return self._events()[1]

    def events(self) -> list[Number]:
        """Where a margin of a regraded test is zero, inside the declared range (and, when
        these are not known to be all, the check points, between which the walk bisects)."""
        events, complete = self._events()
        return events if complete else [*events, *self._checks()[1:-1]]

    def depends(self) -> bool:
        """Whether a regraded test's value or grade differs anywhere in the range."""
        return len({tuple((g, v) for _, g, v in self._grades(x)) for x in self._checks()}) > 1

    def verdict_points(self) -> tuple[Fraction, ...]:
        """The κ that verdicts are read against: 0, today's costs and each plausible top."""
        return (Fraction(0), Fraction(1), self.case.plausible[1], self.base.plausible[1])

    def _checks(self) -> list[Fraction]:
        lo, hi = self.number.parameter.declared or (self.number.parameter.value,) * 2
        return [lo + (hi - lo) * Fraction(k, CHECKS) for k in range(CHECKS + 1)]

    def _events(self) -> tuple[list[Number], bool]:
        cached = getattr(self, "_cache", None)
        if cached is None:
            cached = _events_of(self)
            object.__setattr__(self, "_cache", cached)
        return cached


def _events_of(track: SectionTrack) -> tuple[list[Number], bool]:
    lo, hi = track.number.parameter.declared or (track.number.parameter.value,) * 2
    samples = track._checks()
    readings = [track._grades(x) for x in samples]
    events: list[Number] = []
    complete = True
    for index, grade in enumerate(track.fixed):
        if grade is not None:
            continue
        values = [_exact(r[index][2]) for r in readings]
        fit = None if any(v is None for v in values) else _fit(samples, values)  # type: ignore[arg-type]
        if fit is None:
            complete = complete and len({r[index][1] for r in readings}) == 1
            continue
        a, b, d = fit
        test = track.claim.tests[index]
        # A bound of the test, or a κ a verdict is read against: 0, today (1), the plausible tops.
        bounds = (getattr(test, "at_least", None), getattr(test, "at_most", None), *track.verdict_points())
        for c in dict.fromkeys(bounds):
            if c is not None:  # (a + b x) − c (1 + d x) = 0
                events += real_roots([a - c, b - c * d])
        events += real_roots([a, b - 1, -d])  # a + b x = x (1 + d x)
    inside = [e for e in events if not isinstance(e, Fraction) or lo < e < hi]
    return inside, complete and _checks_agree(track, inside)


def _checks_agree(track: SectionTrack, events: list[Number]) -> bool:
    """Whether every change between neighbouring check points has an event between them."""
    checks = track._checks()
    grades = [track.grade(x) for x in checks]
    for k in range(len(checks) - 1):
        if grades[k] != grades[k + 1] and not any(_between(e, checks[k], checks[k + 1]) for e in events):
            return False
    return True


def _between(e: Number, lo: Fraction, hi: Fraction) -> bool:
    low, high = (e, e) if isinstance(e, Fraction) else (e.lo, e.hi)
    return lo <= high and low <= hi


#: A test's exact value as its grader writes it: "1/4", or a threshold "≥ 8/3: beyond".
VALUE = re.compile(r"^[≥>≤<=\s]*([−-]?\d+(?:/\d+|\.\d+)?)(?::|\s*$)")


def _exact(text: str) -> Fraction | None:
    """The exact number a test's value states (None: it states none)."""
    found = VALUE.match(text)
    return None if found is None else to_fraction(found.group(1).replace("−", "-"))


def _fit(xs: list[Fraction], vs: list[Fraction]) -> tuple[Fraction, Fraction, Fraction] | None:
    """(a, b, d) with v = (a + b·x)/(1 + d·x) through the first three points, confirmed at the
    others; None when no such function passes through them all."""
    # a + b·x − d·x·v = v at three points: Cramer's rule on a 3x3 system.
    rows = [(Fraction(1), x, -x * v, v) for x, v in zip(xs[:3], vs[:3])]
    det = _det3([r[:3] for r in rows])
    if det == 0:
        return (vs[0], Fraction(0), Fraction(0)) if len(set(vs)) == 1 else None
    solved = []
    for col in range(3):
        m = [tuple(r[3] if j == col else r[j] for j in range(3)) for r in rows]
        solved.append(_det3(m) / det)
    a, b, d = solved
    if any(1 + d * x == 0 or (a + b * x) / (1 + d * x) != v for x, v in zip(xs, vs)):
        return None
    return a, b, d


def _det3(m: list[tuple[Fraction, ...]]) -> Fraction:
    return (
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    )


def related_files(case: Case, ctx: Context | None = None) -> dict[str | None, Case]:
    """The case (under None) and every file its claims' tests read (``game``), by name as the
    tests give it; a file that cannot be read is left out (its tests are not testable)."""
    from ..claims.grading import Untestable

    ctx = ctx or Context(case)
    files: dict[str | None, Case] = {None: case}
    for claim in case.claims:
        for test in claim.tests:
            if test.game is not None and test.game not in files:
                try:
                    files[test.game] = ctx.related(test.game)
                except Untestable:
                    continue
    return files


def section_tracks(case: Case) -> list[SectionTrack]:
    """A track per (claim, ranged section number it reads) whose grade the number can move."""
    ctx = Context(case)
    files = related_files(case, ctx)
    graded: dict[int, Grade] = {}  # each test's grade as the files state it, computed once

    def stated(test: ClaimTest) -> Grade:
        if id(test) not in graded:
            graded[id(test)] = grade_test(test, ctx).grade
        return graded[id(test)]

    out = []
    for file, base in files.items():
        for number in section_numbers(base, file):
            for claim in case.claims:
                reads = [t.game == file for t in claim.tests]
                if not any(reads):
                    continue
                fixed = tuple(None if r else stated(t) for t, r in zip(claim.tests, reads))
                track = SectionTrack(f"claim:{claim.id}", claim, number, case, fixed, base)
                if track.depends():
                    out.append(track)
    return out
