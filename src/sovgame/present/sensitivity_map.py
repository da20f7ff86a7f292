"""Views of the two-number map (``sovgame sensitivity GAME --map X,Y``): a text heat map, the
exact boundary (the stable JSON is ``SensitivityMap.to_dict()``)."""

from __future__ import annotations

from ..core.numbers import fmt
from ..sensitivity.grid import SensitivityMap
from ..sensitivity.parameters import KAPPA
from ..sensitivity.words import value_text
from .sections import Section

#: The text heat map shows at most this many columns and rows (every k-th grid point).
TEXT_CELLS = 41
#: Spare letters of the text heat map, for a state whose own letters are taken.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _letters(result: SensitivityMap) -> dict:
    """A character per state that recalls its word: "h" holds, "." does not hold, a verdict's
    initial ("r" reachable, "b" beyond, "n" never), "?" not settled."""
    chosen: dict = {}
    for state in result.states():
        if state is None:
            chosen[state] = "?"
        elif state is False:
            chosen[state] = "."
        else:
            word = result.state_label(state)
            taken = set(chosen.values())
            free = [c for c in word.lower() + LETTERS if c.isalpha() and c not in taken]
            chosen[state] = free[0]
    return chosen


def map_sections(result: SensitivityMap) -> list[Section]:
    """A text heat map (a character per state recalling its word, y growing upwards, the file's
    point marked ★),
    the legend, the exact boundary curves (κ maps)."""
    letters = _letters(result)
    xs, ys = result.x.values, result.y.values
    step_x = max(1, -(-len(xs) // TEXT_CELLS))
    step_y = max(1, -(-len(ys) // TEXT_CELLS))
    near_x = min(range(len(xs)), key=lambda k: abs(xs[k] - result.x.today))
    near_y = min(range(len(ys)), key=lambda k: abs(ys[k] - result.y.today))
    lines = []
    for j in range(len(ys) - 1, -1, -step_y):
        row = "".join(
            "★" if (i, j) == (near_x, near_y) else letters[result.cells[j][i].state] for i in range(0, len(xs), step_x)
        )
        lines.append(f"{float(ys[j]):>9.4g} │ {row}")
    lines.append(f"{'':>9} └ {result.x.label} from {fmt(xs[0])} to {fmt(xs[-1])}")
    legend = "; ".join(f"{letter} = {result.state_label(state)}" for state, letter in letters.items())
    caption = (
        f"rows: {result.y.label} (from {fmt(ys[0])} at the bottom to {fmt(ys[-1])}); ★ = the grid point nearest the "
        f"file's numbers ({fmt(result.x.today)}, {fmt(result.y.today)}); {legend}"
    )
    picture = Section(
        f"Map: {result.title}",
        [f"{result.y.label} ↑, {result.x.label} →"],
        [[line] for line in lines],
        caption=caption,
        name="picture",
        whole={0},
    )
    sections = [picture]
    if result.curves:
        rows = [
            [_stretch(c.piece.lo, c.piece.hi, c.piece.lo_closed, c.piece.hi_closed), _curve_text(c.piece.formula)]
            for c in result.curves
        ]
        number = result.y.label if result.x.key == KAPPA else result.x.label
        sections.append(
            Section(
                "The exact boundary: the threshold",
                [f"{number} p", "where the criterion starts to hold"],
                rows,
                caption="below this κ the criterion does not hold, from it (or above it) it does",
                name="curves",
            )
        )
    return sections


def _curve_text(formula) -> str:
    text = formula.text()
    return "never (at no κ)" if text == "never" else f"κ = {text}"


def _stretch(lo, hi, lo_closed: bool, hi_closed: bool) -> str:
    if lo is not None and hi is not None and lo == hi:
        return f"p = {value_text(lo)}"
    left = "[" if lo_closed and lo is not None else "("
    right = "]" if hi_closed and hi is not None else ")"
    return f"{left}{'−∞' if lo is None else value_text(lo)}, {'∞' if hi is None else value_text(hi)}{right}"
