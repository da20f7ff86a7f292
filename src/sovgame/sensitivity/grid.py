"""Two numbers at once: a criterion's verdict over a grid of two numbers of the file, or, with
the cost level κ as one axis, where the criterion holds (``sovgame sensitivity GAME --map X,Y``).

Every cell is read exactly at its grid point. The boundaries are exact too: along every grid
line the one-number machinery (:func:`sovgame.sensitivity.walk.scan_range`) finds each change of
verdict between the grid points, so the boundary points lie on the true curves, not between
cells. With κ as an axis the boundary is the threshold itself, κ = T(p), whose pieces (rational
functions of the other number where they are) are the exact boundary curves.

Grid lines are independent work items: :func:`sensitivity_map` runs them on any
``concurrent.futures.Executor`` (as :func:`sovgame.robust` does), in order, so the result is the
same wherever they run.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.budget import metered, require
from ..core.case import Case, as_case
from ..core.intervals import Endpoint, compare, exact_text
from ..core.model import Game, Profile
from ..core.numbers import fmt
from ..core.results import Result
from ..core.roots import Number
from ..core.sensitivity_work import map_least
from ..costs.thresholds import CRITERIA, resolve_target
from ..costs.verdicts import contains
from ..errors import ParameterError
from .parameters import KAPPA, Parameter, find_parameter, line, with_value
from .walk import Piece, scan_range
from .words import number_json, state_value

#: Grid points per axis unless asked otherwise, and the most allowed.
DEFAULT_GRID = 41
MAX_GRID = 201


@dataclass(frozen=True)
class Axis:
    """One axis: a number of the file (or κ), its grid values and the file's own value."""

    key: str
    label: str
    values: tuple[Fraction, ...]
    today: Fraction


@dataclass(frozen=True)
class Cell:
    """One grid point: the verdict (with κ as an axis: whether the criterion holds there) and
    the criterion's threshold for the number(s) of that point."""

    state: Hashable | None
    threshold: Endpoint | None


@dataclass(frozen=True)
class BoundaryPoint:
    """An exact point where the state changes on a grid line: from ``before`` (lower values
    along the line) to ``after``."""

    x: Number
    y: Number
    before: Hashable | None
    after: Hashable | None


@dataclass(frozen=True)
class Curve:
    """A piece of the exact boundary κ = T(p) (maps with κ as an axis)."""

    piece: Piece


#: Each criterion as the title of a map says it ("where compromise is ...").
MAP_WORDS = {
    "nash": "an equilibrium",
    "strict": "a strict equilibrium",
    "dominant": "dominant",
    "unique": "the only equilibrium",
    "risk_dominant": "risk-dominant",
}


@dataclass(frozen=True, repr=False)
class SensitivityMap(Result):
    """A criterion over a grid of two numbers (rows: y values; columns: x values); its JSON is
    that of ``sovgame sensitivity --map``."""

    game: Game
    criterion: str
    x: Axis
    y: Axis
    cells: tuple[tuple[Cell, ...], ...]
    boundary: tuple[BoundaryPoint, ...]
    curves: tuple[Curve, ...]

    @property
    def kappa_axis(self) -> bool:
        """Whether κ is one of the axes (then cells say whether the criterion holds)."""
        return KAPPA in (self.x.key, self.y.key)

    @property
    def title(self) -> str:
        """What the map shows, in words: "where compromise is the only equilibrium"."""
        what = MAP_WORDS.get(self.criterion, self.criterion)
        if self.kappa_axis:
            return f"where compromise is {what}"
        return f"the verdict on compromise as {what}"

    def json_data(self) -> dict[str, Any]:
        return {
            "game": self.game.title,
            "criterion": self.criterion,
            "kappa_axis": self.kappa_axis,
            "x": {
                "key": self.x.key,
                "label": self.x.label,
                "values": [fmt(v) for v in self.x.values],
                "today": fmt(self.x.today),
            },
            "y": {
                "key": self.y.key,
                "label": self.y.label,
                "values": [fmt(v) for v in self.y.values],
                "today": fmt(self.y.today),
            },
            "states": [state_value(s) for s in self.states()],
            "cells": [[state_value(c.state) for c in row] for row in self.cells],
            "thresholds": [[exact_text(c.threshold) for c in row] for row in self.cells],
            "boundary": [
                {
                    "x": number_json(b.x),
                    "y": number_json(b.y),
                    "before": state_value(b.before),
                    "after": state_value(b.after),
                }
                for b in self.boundary
            ],
            "curves": [
                {
                    "lo": number_json(c.piece.lo),
                    "lo_closed": c.piece.lo_closed,
                    "hi": number_json(c.piece.hi),
                    "hi_closed": c.piece.hi_closed,
                    "formula": c.piece.formula.text(),
                    "rational": c.piece.formula.rational,
                }
                for c in self.curves
            ],
        }

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("criterion", self.criterion),
            ("grid", f"{self.x.label} × {self.y.label}, {len(self.x.values)}×{len(self.y.values)}"),
            ("boundary points", str(len(self.boundary))),
        ]

    def states(self) -> list[Hashable | None]:
        """The distinct states of the cells, in first-seen order."""
        seen: dict[Hashable | None, None] = {}
        for row in self.cells:
            for cell in row:
                seen.setdefault(cell.state, None)
        return list(seen)

    def state_label(self, state: Hashable | None) -> str:
        """A state in words: a verdict, "holds" / "does not hold", or "not settled"."""
        if state is None:
            return "not settled"
        if isinstance(state, bool):
            return "holds" if state else "does not hold"
        return str(getattr(state, "words", state))


def _axis(case: Case, key: str, span: tuple[Fraction, Fraction] | None, grid: int, option: str):
    """The axis of ``key`` (a number of the file or κ) and its parameter (None for κ);
    ``option`` is the parameter that gave the range (``x_range`` or ``y_range``)."""
    if key.strip().casefold() == KAPPA:
        top = case.plausible[1]
        lo, hi = span or (Fraction(0), max(Fraction(2), 2 * top))
        if lo < 0:
            raise ParameterError(option, f"the cost level κ is ≥ 0; the range starts at {lo}")
        return Axis(KAPPA, "cost level κ (1 = today's costs)", _grid(lo, hi, grid, option), Fraction(1)), None
    parameter = find_parameter(case, key, option="map")
    v = parameter.value
    reach = max(abs(v), _kind_scale(case.game, parameter))
    lo, hi = span or (v - reach, v + reach)
    if parameter.lowest is not None:
        lo = max(lo, parameter.lowest)
    if parameter.highest is not None:
        hi = min(hi, parameter.highest)
    return Axis(parameter.key, parameter.label, _grid(lo, hi, grid, option), v), parameter


def _kind_scale(game: Game, parameter: Parameter) -> Fraction:
    from .parameters import scale_of

    return scale_of(game, parameter)


def _grid(lo: Fraction, hi: Fraction, n: int, option: str) -> tuple[Fraction, ...]:
    if not 2 <= n <= MAX_GRID:
        raise ParameterError("grid", f"must be between 2 and {MAX_GRID} points per axis, not {n}")
    if not lo < hi:
        raise ParameterError(option, f"the range [{lo}, {hi}] is empty; give lo < hi")
    return tuple(lo + (hi - lo) * k / (n - 1) for k in range(n))


@dataclass(frozen=True)
class _Line:
    """What one grid line found: the cells along it, its boundary points, and the pieces of
    the threshold along it."""

    cells: tuple[Cell, ...]
    boundary: tuple[BoundaryPoint, ...]
    pieces: tuple[Piece, ...]


def grid_line(
    game: Game | Case,
    criterion: str,
    target: Profile,
    moving: str,
    fixed: str | None,
    fixed_value: Fraction | None,
    values: tuple[Fraction, ...],
    kappas: tuple[Fraction, ...] | None,
    along_x: bool,
) -> _Line:
    """One grid line: the number ``moving`` over ``values`` with ``fixed`` at ``fixed_value``
    (a module-level function of picklable arguments, so any executor can run it). With
    ``kappas`` the other axis is κ: a cell per (value, κ) says whether the criterion holds."""
    from .criteria import criterion_track

    base = game if fixed is None else with_value(game, find_parameter(game, fixed), fixed_value or Fraction(0))
    parameter = find_parameter(base, moving)
    track = criterion_track(line(base, parameter), criterion, target)
    assert track is not None
    changes, pieces = scan_range(track, parameter, values[0], values[-1])
    cells: list[Cell] = []
    for v in values:
        reading = track.read(v)
        if kappas is None:
            cells.append(Cell(reading.state, reading.value))
        else:
            cells += [Cell(any(contains(i, k) for i in reading.intervals), reading.value) for k in kappas]
    if kappas is not None:
        return _Line(tuple(cells), _kappa_ends(track, values, kappas, along_x), pieces)
    where = fixed_value if fixed_value is not None else Fraction(0)
    boundary = tuple(
        BoundaryPoint(c.at, where, c.before, c.after) if along_x else BoundaryPoint(where, c.at, c.before, c.after)
        for c in changes
    )
    return _Line(tuple(cells), boundary, pieces)


def _kappa_ends(track, values: tuple[Fraction, ...], kappas: tuple[Fraction, ...], along_x: bool):
    """With κ as an axis: the ends of the criterion's set of κ at each value of the number."""
    points = []
    for v in values:
        for interval in track.read(v).intervals:
            for end, before, after in ((interval.lo, False, True), (interval.hi, True, False)):
                if end is None or compare(end, kappas[0]) < 0 or compare(end, kappas[-1]) > 0:
                    continue  # outside the κ range, decided exactly (a Root end too)
                points.append(BoundaryPoint(v, end, before, after) if along_x else BoundaryPoint(end, v, before, after))
    return tuple(points)


@metered
def sensitivity_map(
    game: Game | Case,
    x: str,
    y: str,
    criterion: str = "nash",
    target: Profile | str | None = None,
    grid: int = DEFAULT_GRID,
    x_range: tuple[Fraction, Fraction] | None = None,
    y_range: tuple[Fraction, Fraction] | None = None,
    executor: Executor | None = None,
    plausible: Sequence | None = None,
) -> SensitivityMap:
    """``criterion`` over a grid of the numbers ``x`` and ``y`` (keys of
    :func:`sovgame.sensitivity.parameters.parameters`, or ``"kappa"`` for the cost level).

    Parameters
    ----------
    grid : points per axis (2 .. 201), evenly spaced over each range
    x_range, y_range : (lo, hi) of each axis; by default the file's value ± the larger of its
        size and the largest number of its kind (within what the file allows), and κ from 0
        to twice the top of the plausible range (at least 2)
    executor : any :class:`concurrent.futures.Executor` to run the grid lines on (None: here);
        it is not shut down. Work items are :func:`grid_line` calls with picklable arguments.
    plausible : the plausible range of κ (default: the case's, else [0, 1])
    """
    case = as_case(game, plausible)
    game = case.game
    if criterion not in CRITERIA:
        raise ParameterError("criterion", f"{criterion!r} is not one of: {', '.join(CRITERIA)}")
    if criterion == "risk_dominant" and game.shape != (2, 2):
        raise ParameterError("criterion", "risk dominance is defined here for 2x2 games only")
    profile = resolve_target(case, target)
    x_axis, x_param = _axis(case, x, x_range, grid, "x_range")
    y_axis, y_param = _axis(case, y, y_range, grid, "y_range")
    if x_axis.key == y_axis.key:
        raise ParameterError("map", "name two different numbers (or one number and kappa)")
    two_numbers = x_param is not None and y_param is not None
    readings = 2 * grid * grid if two_numbers else grid
    require(map_least(case.game.shape, readings, criterion == "unique"))  # refused before it starts
    if not two_numbers:
        return _kappa_map(case, criterion, profile, x_axis, y_axis, executor)
    rows = [(case, criterion, profile, x_axis.key, y_axis.key, v, x_axis.values, None, True) for v in y_axis.values]
    columns = [(case, criterion, profile, y_axis.key, x_axis.key, v, y_axis.values, None, False) for v in x_axis.values]
    done = _run(executor, rows + columns)
    cells = tuple(line_.cells for line_ in done[: len(rows)])
    boundary = tuple(point for line_ in done for point in line_.boundary)
    return SensitivityMap(game, criterion, x_axis, y_axis, cells, boundary, ())


def _kappa_map(case: Case, criterion: str, profile: Profile, x_axis: Axis, y_axis: Axis, executor) -> SensitivityMap:
    """One axis is κ: each task takes a stretch of the other number's values."""
    along_x = y_axis.key == KAPPA  # the number runs along x, κ along y
    number, kappa = (x_axis, y_axis) if along_x else (y_axis, x_axis)
    size = max(1, len(number.values) // 8)
    chunks = [number.values[k : k + size + 1] for k in range(0, len(number.values) - 1, size)]
    tasks = [(case, criterion, profile, number.key, None, None, chunk, kappa.values, along_x) for chunk in chunks]
    done = _run(executor, tasks)
    per_value: list[tuple[Cell, ...]] = []
    for k, line_ in enumerate(done):
        width = len(kappa.values)
        rows = [line_.cells[j * width : (j + 1) * width] for j in range(len(chunks[k]))]
        per_value += rows if k == 0 else rows[1:]
    boundary = tuple(dict.fromkeys(point for line_ in done for point in line_.boundary))
    pieces = _join([piece for line_ in done for piece in line_.pieces])
    if along_x:  # rows over κ (y), columns over the number (x)
        cells = tuple(tuple(per_value[i][j] for i in range(len(per_value))) for j in range(len(kappa.values)))
    else:
        cells = tuple(per_value)
    return SensitivityMap(case.game, criterion, x_axis, y_axis, cells, boundary, tuple(Curve(p) for p in pieces))


def _join(pieces: Sequence[Piece]) -> list[Piece]:
    """Neighbouring pieces with the same formula, joined."""
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].formula == piece.formula:
            last = out[-1]
            out[-1] = Piece(last.lo, last.lo_closed, piece.hi, piece.hi_closed, last.formula)
        else:
            out.append(piece)
    return out


def _run(executor: Executor | None, tasks: list[tuple]) -> list[_Line]:
    """``grid_line(*task)`` for each task, in order, on ``executor`` (None: here)."""
    if executor is None:
        return [grid_line(*task) for task in tasks]
    futures = [executor.submit(grid_line, *task) for task in tasks]
    return [future.result() for future in futures]
