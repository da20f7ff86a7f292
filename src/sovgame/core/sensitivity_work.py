"""Work estimates of the sensitivity (:mod:`sovgame.sensitivity`): each exact reading of a
criterion at one value of a number, the least work of following every number of a file, and of
a map over a grid (the accounts and the other estimates: :mod:`sovgame.core.budget`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .budget import Work, units_text


def reading_work(forms: int, unique: bool) -> Work:
    """One exact reading of a criterion at one value of a number (:mod:`sovgame.sensitivity.tracks`):
    the signs of its ``forms`` linear conditions and, for ``unique``, the walk down the pairwise
    breakpoints with iterated dominance (measured, see ``benchmarks/bench_refusals.py``)."""
    units = 1000 + 10 * forms if unique else 100 + 4 * forms
    return Work(units, "the readings of the sensitivity", f"{forms:,} conditions per reading", SENSITIVITY_REDUCE)


#: What to reduce when the sensitivity needs too much work.
SENSITIVITY_REDUCE = "follow fewer criteria ({{criterion}}), or remove dominated strategies"


def sensitivity_least(shape: Sequence[int], numbers: int, unique: bool) -> Work:
    """The least work of a sensitivity: each of ``numbers`` numbers read once, at the file's
    value, by the linear criteria and (``unique``) the uniqueness tail, each reading over the
    game's comparisons of outcomes (:func:`reading_work`)."""
    forms = math.prod(shape) * sum(k - 1 for k in shape)
    per_number = reading_work(forms, unique=False).units + (reading_work(forms, unique=True).units if unique else 0)
    return Work(
        numbers * per_number,
        "following each number of the file (the sensitivity)",
        f"{numbers:,} numbers, each read at least once over {forms:,} comparisons",
        SENSITIVITY_REDUCE,
    )


def map_least(shape: Sequence[int], readings: int, unique: bool) -> Work:
    """The least work of a sensitivity map: ``readings`` exact readings of one criterion (a
    grid of two numbers reads each line at every grid value; with κ as an axis, one reading
    per value of the number gives every κ), each over the game's comparisons of outcomes."""
    forms = math.prod(shape) * sum(k - 1 for k in shape)
    return Work(
        readings * reading_work(forms, unique).units,
        "the sensitivity map",
        f"{readings:,} readings over {forms:,} comparisons each",
        "a coarser grid ({{grid}}), or " + SENSITIVITY_REDUCE,
    )


def sensitivity_forecast(numbers: int, done: int, units: int) -> Work:
    """The numbers of a sensitivity still to follow, ``numbers`` in all, at the average work of the
    ``done`` already followed (``units`` in all): the work of a number is known only once done."""
    left = numbers - done
    return Work(
        left * units // max(done, 1),
        "following each number of the file (the sensitivity)",
        f"{numbers:,} numbers at about {units_text(units // max(done, 1))} units each",
        SENSITIVITY_REDUCE,
    )
