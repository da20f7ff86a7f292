"""The numbers of the sections drawn within their declared ranges: how often each claim's
grade (and, when the file's own ``[[effects]]`` are drawn, each verdict) survives.

``robust`` redraws payoffs and cost weights; a file's sections hold numbers too — the
mediator's budget, the repeated game's δ, noise and monitoring rates, the priors of types, the
``[[effects]]`` — each with a declared range where the record does not pin it down
(:mod:`sovgame.sensitivity.section_numbers` lists them, in the file and in every file its
claims read). :func:`draw_sections` draws all of them together, each uniformly and
independently on the exact grid lo + (hi − lo)·k/GRID, k = 0..GRID (``GRID`` = 2^16), from
a generator seeded by ``seed`` alone (the same seed gives the same draws), everything else
as the files state it. Each draw is decided exactly: the claims' tests that read a drawn file
are regraded by their own graders (the other tests keep their grade), and with the file's
own effects drawn, the thresholds' verdicts are computed again. The share of draws in which
each grade or verdict is the file's own is reported with its Wilson interval.

A claim grader takes milliseconds (a third party's thresholds of a three-player game, a
Bayesian game), so at most :data:`MAX_DRAWS` draws are made, and the result says how many; a
file that states no claims and no ranged effect costs one look at its sections.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.case import Case
from ..core.numbers import fmt
from ..core.results import Result

#: The draws of a range lie on GRID + 1 evenly spaced exact points, ends included.
GRID = 2**16
#: The most draws of the section numbers, whatever the number of samples robust draws.
MAX_DRAWS = 100


@dataclass(frozen=True)
class Drawn:
    """One number drawn: its key (``file:key`` for another file's), words and range."""

    key: str
    label: str
    value: Fraction
    range: tuple[Fraction, Fraction]


@dataclass(frozen=True)
class Survival:
    """One claim's grade (``claim:<id>``) or one criterion's verdict over the draws: the
    file's own, how many draws kept it, and how often each grade or verdict came out."""

    subject: str
    at_file: str
    kept: int
    samples: int
    interval: tuple[float, float]
    counts: dict[str, int]

    @property
    def share(self) -> float:
        """The share of draws that keep the file's grade or verdict."""
        return self.kept / self.samples


@dataclass(frozen=True, repr=False)
class SectionDraws(Result):
    """What :func:`draw_sections` found; in ``robust``'s JSON under ``sections``."""

    case: Case
    samples: int
    seed: int
    drawn: tuple[Drawn, ...]
    subjects: tuple[Survival, ...]
    # Each draw's values, in the order of ``drawn`` (exact), for notebooks and tests.
    values: tuple[tuple[Fraction, ...], ...] = field(default=(), repr=False)

    def json_data(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "drawn": [
                {"number": d.key, "label": d.label, "value": fmt(d.value), "range": [fmt(v) for v in d.range]}
                for d in self.drawn
            ],
            "subjects": [
                {
                    "subject": s.subject,
                    "at_file": s.at_file,
                    "share": s.share,
                    "kept": s.kept,
                    "interval": list(s.interval),
                    "counts": dict(s.counts),
                }
                for s in self.subjects
            ],
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [("draws", str(self.samples)), ("numbers drawn", str(len(self.drawn)))]


def may_draw(case: Case) -> bool:
    """Whether anything could be drawn and read (cheap: no other file is read): the file
    states claims (which may read ranged numbers), or effects with a range (which move its
    verdicts)."""
    from ..sections.effects import Effects

    effects = case.section(Effects)
    return bool(case.claims) or any(e.effect_range is not None for e in (effects.effects if effects else ()))


def draw_sections(case: Case, samples: int, seed: int = 0, most: int = MAX_DRAWS) -> SectionDraws | None:
    """The grades and verdicts over min(``samples``, ``most``) draws of every ranged section
    number (module docstring); None when there is none, nothing reads one, or ``most`` is 0."""
    if most <= 0 or not may_draw(case):
        return None
    runner = Runner(case)
    if not runner.numbers or not runner.subjects:
        return None
    count = min(samples, most)
    rng = np.random.default_rng(seed)
    steps = rng.integers(0, GRID, size=(count, len(runner.numbers)), endpoint=True)
    tallies: dict[str, Counter[str]] = {s: Counter() for s in runner.subjects}
    drawn = []
    for row in steps:
        values = tuple(lo + (hi - lo) * Fraction(int(k), GRID) for k, (lo, hi) in zip(row, runner.ranges))
        for subject, state in runner.states(list(values)).items():
            tallies[subject][state] += 1
        drawn.append(values)
    return SectionDraws(case, count, seed, runner.drawn(), runner.survivals(tallies, count), tuple(drawn))


class Runner:
    """The numbers to draw, the subjects they can move, and each draw decided exactly."""

    def __init__(self, case: Case):
        from ..claims.grading import Context
        from ..claims.registry import grade_test
        from ..sensitivity.section_numbers import related_files, section_numbers

        self.case = case
        self.files = related_files(case)
        self.numbers = [n for file, base in self.files.items() for n in section_numbers(base, file, effects=True)]
        self.ranges = [n.parameter.declared or (n.parameter.value,) * 2 for n in self.numbers]
        self.subjects: list[str] = []
        if not self.numbers:
            return  # nothing to draw: no claim is graded
        drawn_files = {n.file for n in self.numbers}
        ctx = Context(case)
        # Per claim, per test: None when it reads a drawn file (regraded), else its grade.
        self.fixed = {
            claim.id: [None if t.game in drawn_files else grade_test(t, ctx).grade for t in claim.tests]
            for claim in case.claims
        }
        self.claims = [c for c in case.claims if any(g is None for g in self.fixed[c.id])]
        self.verdicts = None in drawn_files and any(n.parameter.key.startswith("effect:") for n in self.numbers)
        self.subjects = [f"claim:{c.id}" for c in self.claims]
        if self.verdicts:
            from ..costs.thresholds import CRITERIA

            self.subjects = [str(getattr(c, "value", c)) for c in CRITERIA] + self.subjects
        self.at_file = self.states([n.parameter.value for n in self.numbers])

    def states(self, values: list[Fraction]) -> dict[str, str]:
        """Each subject's grade or verdict with the numbers at ``values``."""
        from ..claims.grading import Context, combine
        from ..claims.registry import grade_test

        moved = dict(self.files)
        for number, x in zip(self.numbers, values):
            moved[number.file] = number.move(moved[number.file], x)
        ctx = Context(moved[None])
        for file, changed in moved.items():
            if file is not None:
                ctx.substitute(file, changed)
        out: dict[str, str] = {}
        if self.verdicts:
            from ..costs.thresholds import compute_thresholds

            for name, threshold in compute_thresholds(moved[None]).thresholds.items():
                out[str(getattr(name, "value", name))] = (
                    "undetermined" if threshold.verdict is None else threshold.verdict.value
                )
        for claim in self.claims:
            grades = [
                g if g is not None else grade_test(t, ctx).grade for t, g in zip(claim.tests, self.fixed[claim.id])
            ]
            out[f"claim:{claim.id}"] = combine(grades).value
        return out

    def drawn(self) -> tuple[Drawn, ...]:
        """The numbers drawn, in order."""
        return tuple(
            Drawn(n.parameter.key, n.parameter.label, n.parameter.value, r) for n, r in zip(self.numbers, self.ranges)
        )

    def survivals(self, tallies: dict[str, Counter[str]], count: int) -> tuple[Survival, ...]:
        """Per subject: how many draws kept the file's own state, with its interval."""
        from ..robustness.summary import wilson_interval

        out = []
        for subject in self.subjects:
            kept = tallies[subject][self.at_file[subject]]
            counts = dict(sorted(tallies[subject].items(), key=lambda item: -item[1]))
            out.append(Survival(subject, self.at_file[subject], kept, count, wilson_interval(kept, count), counts))
        return tuple(out)
