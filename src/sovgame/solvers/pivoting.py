"""All extreme equilibria of a two-player game by exact pivoting between adjacent vertices.

The same answer as :func:`sovgame.solvers.bimatrix.solve_bimatrix` (the completely labelled
vertex pairs of the best-response polytopes, von Stengel 2002), found without solving every
one of the C(m+n, m) square systems: only the feasible bases are visited, by pivoting from
one to the next, in integers throughout, as lrs does (Avis 2000, *lrs: a revised
implementation of the reverse search vertex enumeration algorithm*).

**The walk.** A polytope {z ∈ Rᵈ : z ≥ 0, M z ≤ 1} with M > 0 (k rows) is written with slacks
s = 1 − M z ≥ 0 as a dictionary: k basic variables, each an affine function of the d
nonbasic ones, with integer coefficients over one positive denominator (the determinant of
the basis). It starts at the slack basis (z = 0). A degenerate vertex (more than d tight
constraints) has many bases; so the right-hand side is perturbed symbolically, 1 → 1 + (ε,
ε², ..., εᵏ) with ε > 0 infinitesimal (the lexicographic rule: Dantzig, Orden & Wolfe 1955;
Avis 2000). The perturbed polytope P_ε is simple: the ratio test has one winner, compared
lexicographically (the ratio, then the coefficients of ε, ε², ..., which are the rows of
B⁻¹: independent, so never all tied), each vertex has one basis and d neighbours, one per
entering variable. A depth-first search from the slack basis over these pivots, with the
set of bases seen, visits every vertex of P_ε, so at most McMullen's upper bound for a
simple d-polytope with k + d facets (:func:`sovgame.core.budget.expected_bases`).

**Why every vertex of P is found (exactly; nothing depends on a tolerance).** (1) The graph
of a polytope is connected (Balinski 1961), and each edge of the simple P_ε is one pivot in
either direction, so the search reaches every vertex of P_ε. (2) Every vertex v of P is the
basic solution at ε = 0 of one of them: let c be maximal on P at v only; the maxima x_ε of
c over P_ε tend to v as ε → 0 (a unique optimum moves continuously with the right-hand
side), each x_ε is the basic solution B⁻¹(1 + ε-terms) of one of finitely many bases, and a
basis that recurs as ε → 0 has B⁻¹1 = v. (3) The dictionaries are integers, updated by
fraction-free (Bareiss) pivots whose divisions are exact. A float ratio int / int is correctly
rounded, and correct rounding is monotone, so a row whose float ratio exceeds the least one
has an exactly larger ratio; the rows whose float ratio equals the least one are compared
exactly, by cross-multiplication (:func:`_leaving_row`). Larger polytopes are walked many
bases at a time in 64-bit integers, where bounds prove the arithmetic exact, and in Python's
integers beyond them (:mod:`~sovgame.solvers.array_pivoting`), by the same rule.

**Labels.** A vertex's labels are its zero coordinates and tight constraints, read exactly
from the dictionary (nonbasic, or basic with value 0). Distinct vertices have distinct label
sets (the constraints tight at a vertex define it), so vertices are kept by their labels.
Equilibria are the vertex pairs (x ≠ 0, y ≠ 0) whose labels cover all m + n strategies;
a vertex with more than d labels makes the game degenerate.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..core.budget import pivots
from . import array_pivoting as arr
from .bimatrix import BimatrixSolution, _with_components, solve_bimatrix

#: Polytopes with at least this many entries (k·d) are walked in arrays (see :func:`vertices`).
ARRAYS_FROM = 36


def solve_two_player(A, B) -> BimatrixSolution:
    """Every extreme equilibrium of (A, B): a nondegenerate 2x2 game in closed form, else by
    pivoting, unless solving every square system is expected to be cheaper (lopsided games;
    :func:`sovgame.core.budget.pivots`)."""
    if len(A) == 2 and len(A[0]) == 2 and (solution := solve_2x2(A, B)) is not None:
        return solution
    if pivots(len(A), len(A[0])):
        return solve_by_pivoting(A, B)
    return solve_bimatrix(A, B)


def solve_2x2(A, B) -> BimatrixSolution | None:
    """The equilibria of a 2x2 game in which no player is indifferent between its two
    strategies against a pure strategy of the other; None for any other 2x2 game.

    Such a game is nondegenerate (a pure strategy has one best reply, and a mix of two
    strategies at most two), so its equilibria are isolated: the pure profiles of mutual
    best replies, and the one completely mixed equilibrium exactly when each player's best
    reply changes with the other's strategy. There the column player mixes
    y₁ = (a₂₂ − a₁₂) / (a₁₁ − a₁₂ − a₂₁ + a₂₂) to leave the row player indifferent, and the row
    player x₁ = (b₂₂ − b₂₁) / (b₁₁ − b₁₂ − b₂₁ + b₂₂), both strictly between 0 and 1.

    These exact comparisons and indifferences prove each profile an equilibrium (a pure one:
    each strategy the other's only best reply; the mixed one: each player indifferent
    between its two strategies), so each carries its payoffs, as from pivoting.
    """
    (a11, a12), (a21, a22) = [[v if isinstance(v, (int, Fraction)) else Fraction(v) for v in row] for row in A]
    (b11, b12), (b21, b22) = [[v if isinstance(v, (int, Fraction)) else Fraction(v) for v in row] for row in B]
    if a11 == a21 or a12 == a22 or b11 == b12 or b21 == b22:
        return None
    row_reply = (int(a21 > a11), int(a22 > a12))  # the row's best reply to each column
    col_reply = (int(b12 > b11), int(b22 > b21))  # the column's best reply to each row
    pure = [(i, j) for i in (0, 1) for j in (0, 1) if row_reply[j] == i and col_reply[i] == j]
    found = [(_PURE[i], _PURE[j]) for i, j in pure]
    payoffs = [(Fraction((a11, a12, a21, a22)[2 * i + j]), Fraction((b11, b12, b21, b22)[2 * i + j])) for i, j in pure]
    if row_reply[0] != row_reply[1] and col_reply[0] != col_reply[1]:
        y = Fraction(a22 - a12) / (a11 - a12 - a21 + a22)
        x = Fraction(b22 - b21) / (b11 - b12 - b21 + b22)
        found.append(((x, 1 - x), (y, 1 - y)))
        payoffs.append((y * a11 + (1 - y) * a12, x * b11 + (1 - x) * b21))
    return BimatrixSolution(equilibria=_with_components(found, payoffs=payoffs), degenerate=False)


def solve_by_pivoting(A, B) -> BimatrixSolution:
    """Every extreme Nash equilibrium of (A, B), exactly, by pivoting (module docstring).

    Parameters and result as for :func:`sovgame.solvers.bimatrix.solve_bimatrix`; each
    equilibrium also carries its payoffs, as the pivoting proves it an equilibrium: its
    vertices x of P and y of Q are exact (integer dictionaries, feasible bases: x ≥ 0,
    B'ᵀx ≤ 1 and likewise y), and their labels, read exactly, cover every strategy: each row
    is unplayed by x or tight in Q at y, (A'y)_i = 1 = max A'y, and each column unplayed by y
    or tight in P at x. So each player's mix is supported on best replies to the other's in
    the game (A', B') of :func:`positive_integers`, and so in (A, B), a positive affine map
    of it per player. The column player's payoff under B' is 1 on the columns tight at x
    scaled to a probability, that is den / Σz for x = z / den, and under B it is that over
    the scale, plus the least payoff, minus 1; the row player's likewise from y.
    """
    A_int, row_scale, row_low = _positive_map(A)
    B_int, col_scale, col_low = _positive_map(B)
    m, n = len(A_int), len(A_int[0])
    # P = {x ≥ 0 : Bᵀx ≤ 1}: its variables are labels 0..m-1, its slacks (columns) m...
    # Q = {y ≥ 0 : A y ≤ 1}: its variables (columns) are labels m.., its slacks (rows) 0..m-1.
    xs, ys = vertex_sets([[list(column) for column in zip(*B_int)], A_int])
    low = (1 << n) - 1
    y_labels = [(labels >> n) | (labels & low) << m for labels in ys.labels]
    pairs, degenerate = _covering_pairs(xs.labels, y_labels, m, n)
    # Distinct vertices, so distinct pairs: no duplicates to remove; a vertex in several
    # pairs is read once, as its probabilities and the other player's payoff.
    x_of: dict[int, tuple] = {}
    y_of: dict[int, tuple] = {}
    found, payoffs = [], []
    for a, b in pairs:
        if (x := x_of.get(a)) is None:
            x = x_of[a] = _mix_and_payoff(*xs.coordinates(a, m), col_scale, col_low)
        if (y := y_of.get(b)) is None:
            y = y_of[b] = _mix_and_payoff(*ys.coordinates(b, n), row_scale, row_low)
        found.append((x[0], y[0]))
        payoffs.append((y[1], x[1]))
    return BimatrixSolution(equilibria=_with_components(found, pairs, payoffs), degenerate=degenerate)


def positive_integers(M) -> list[list[int]]:
    """A payoff matrix shifted to integers ≥ 1 and scaled to integers (a positive affine map
    of one player's payoffs, which moves neither best replies nor equilibria)."""
    return _positive_map(M)[0]


def _positive_map(M) -> tuple[list[list[int]], int, int]:
    """(M', L, low) with M' = M·L − low + L: M scaled by the least common multiple L of its
    denominators, then shifted to a least entry of L ≥ 1; low = L·min M."""
    width = len(M[0])
    flat = [v if isinstance(v, (int, Fraction)) else Fraction(v) for row in M for v in row]
    scale = math.lcm(*[v.denominator for v in flat])
    scaled = [v.numerator for v in flat] if scale == 1 else [v.numerator * (scale // v.denominator) for v in flat]
    low = min(scaled)
    shifted = [v - low + scale for v in scaled]
    return [shifted[at : at + width] for at in range(0, len(shifted), width)], scale, low


def _mix_and_payoff(z: list[int], den: int, scale: int, low: int) -> tuple[tuple[Fraction, ...], Fraction]:
    """A vertex z / den of P (or Q) as a mixed strategy, and the other player's payoff against
    it on the strategies tight there (:func:`solve_by_pivoting`): den / (Σz·L) + low / L − 1 in
    the terms of :func:`_positive_map`."""
    total = sum(z)
    return _probabilities(z, total), Fraction(den + (low - scale) * total, total * scale)


def vertices(M: list[list[int]]) -> list[tuple[int, list[int]]]:
    """Every vertex z ≠ 0 of {z ≥ 0 : M z ≤ 1} (M a positive integer k×d matrix), exactly:
    its labels (bit i < d: z_i = 0; bit d + j: row j tight) and integer numerators of z over
    a common denominator."""
    found = vertex_sets([M])[0]
    return [(labels, found.coordinates(i, len(M[0]))[0]) for i, labels in enumerate(found.labels)]


def vertex_sets(matrices: list[list[list[int]]]) -> list[arr.VertexSet]:
    """The vertices of each polytope {z ≥ 0 : M z ≤ 1}, as :func:`vertices` finds them.

    Small polytopes are walked one basis at a time in Python integers; larger ones many bases
    at a time in int64 arrays (:mod:`~sovgame.solvers.array_pivoting`), whose set-up costs
    more than it saves below :data:`ARRAYS_FROM` entries; polytopes of one shape share their
    walk, told apart by their number above their variables' bits. The answer is the same
    either way.
    """
    # The dictionary: basic[i] = (rhs[i] − Σ_j C[j][i]·x_{nonbasic[j]}) / den, stored by
    # columns C[j], with variables 0..d−1 the coordinates of z and d..d+k−1 the slacks,
    # starting at the slack basis; the last entry is the bit mask of the basic variables.
    found: list = [None] * len(matrices)
    for shape in dict.fromkeys((len(M), len(M[0])) for M in matrices):
        k, d = shape
        share = [i for i, M in enumerate(matrices) if (len(M), len(M[0])) == shape]
        everything, origin = (1 << (d + k)) - 1, (1 << d) - 1
        starts = [
            (
                [list(c) for c in zip(*matrices[i])],
                [1] * k,
                1,
                list(range(d, d + k)),
                list(range(d)),
                everything ^ origin | tag << (d + k),
            )
            for tag, i in enumerate(share)
        ]
        if k * d < ARRAYS_FROM or d + k + len(share) > 63:  # masks must fit the arrays' int64
            sets = [_walk(start, d, everything, origin) for start in starts]
        else:
            sets = _walk_arrays(starts, d, everything, origin).vertex_sets(len(share), d + k)
        for i, vertex_set in zip(share, sets):
            found[i] = vertex_set
    return found


def _walk(start: tuple, d: int, everything: int, origin: int) -> arr.VertexSet:
    """The depth-first walk over the lexicographic pivots, one basis at a time."""
    seen = {start[5]}
    stack: list[tuple] = [(start, -1, -1)]
    found: dict[int, tuple] = {}
    while stack:
        parent, enter, leave = stack.pop()
        node = parent if enter < 0 else _pivot(parent, enter, leave)
        columns, rhs, _, basic, nonbasic, mask = node
        labels = _labels(node, everything) & everything
        if labels & origin != origin and labels not in found:
            found[labels] = (rhs, basic, node[2])
        for column, entries in enumerate(columns):
            if column == enter:  # back to the parent: the lexicographic pivots are reversible
                continue
            if rows := _least_ratio_rows(entries, rhs):
                row = rows[0] if len(rows) == 1 else _leaving_row(node, column, rows, d)
                child = mask ^ (1 << basic[row]) ^ (1 << nonbasic[column])
                if child not in seen:
                    seen.add(child)
                    stack.append((node, column, row))
    return arr.VertexSet(list(found), list(found.values()), list(range(len(found))), None)


def _walk_arrays(starts: list[tuple], d: int, everything: int, origin: int) -> arr.Found:
    """The same walk over many bases at a time in int64 arrays. The slack bases, and bases past
    the int64 bound (:data:`~sovgame.solvers.array_pivoting.LIMIT`), are expanded in Python
    integers, and their descendants join the arrays when within it."""
    seen = arr.Seen([start[5] for start in starts])
    found = arr.Found()
    arrays: list[arr.Bases] = []
    python = list(starts)  # bases to expand in Python integers
    with np.errstate(divide="ignore", invalid="ignore"):  # ratios over entries ≤ 0, ignored
        _walk_loop(arrays, python, seen, found, d, everything, origin)
    return found


def _walk_loop(
    arrays: list[arr.Bases], python: list[tuple], seen: arr.Seen, found: arr.Found, d: int, everything: int, origin: int
) -> None:
    """The loop of :func:`_walk_arrays`."""
    while arrays or python:
        if python:
            neighbours = _expand_in_python(python, seen, found, d, everything, origin)
            within = [arr.fits(node) for node in neighbours]
            python = [node for node, fits in zip(neighbours, within) if not fits]
            if any(within):
                arrays.append(arr.from_dictionaries([node for node, fits in zip(neighbours, within) if fits]))
            continue
        bases = arrays.pop()
        found.record(bases, everything, origin)
        children, python, pending = arr.expand(bases, seen)
        python += [_pivot(*step) for step in pending]
        arrays += [arr.select(children, slice(at, at + arr.CHUNK)) for at in range(0, len(children.den), arr.CHUNK)]


def _expand_in_python(
    nodes: list[tuple], seen: arr.Seen, found: arr.Found, d: int, everything: int, origin: int
) -> list[tuple]:
    """Note the vertices of these bases (dictionaries in Python integers) and return their
    neighbours not yet seen (seen from now on), as dictionaries."""
    edges = []
    for node in nodes:
        if (labels := _labels(node, everything)) & origin != origin:
            found.note(labels, (node[1], node[3], node[2]))
        edges += [(node, column, row, mask) for column, row, mask in _edges(node, -1, d)]
    if not edges:
        return []
    fresh = seen.fresh(np.array([mask for *_, mask in edges], dtype=np.int64)).tolist()
    return [_pivot(*edges[i][:3]) for i in fresh]


def _labels(node: tuple, everything: int) -> int:
    """A basis's labels: the variables at zero, all but the basic ones with a nonzero value
    (and, above ``everything``, the number of its polytope in a shared walk)."""
    _, rhs, _, basic, _, mask = node
    labels = everything ^ mask
    for v, value in zip(basic, rhs):
        if not value:
            labels |= 1 << v
    return labels


def _edges(node: tuple, enter: int, d: int) -> list[tuple[int, int, int]]:
    """The pivots (entering column, leaving row, mask of the new basis) from this basis, but
    the one back through ``enter``, as :func:`_walk` takes them."""
    columns, rhs, _, basic, nonbasic, mask = node
    edges = []
    for column, entries in enumerate(columns):
        if column != enter and (rows := _least_ratio_rows(entries, rhs)):
            row = rows[0] if len(rows) == 1 else _leaving_row(node, column, rows, d)
            edges.append((column, row, mask ^ (1 << basic[row]) ^ (1 << nonbasic[column])))
    return edges


def _least_ratio_rows(entries: list[int], rhs: list[int]) -> list[int]:
    """The rows whose float ratio rhs / a (over entries a > 0) is the least: the candidates of
    the ratio test (module docstring); none when no entry is positive. int / int is correctly
    rounded, so rounding is monotone and a float ratio above the least one is exactly larger;
    past the float range every row with a > 0 is a candidate, compared exactly."""
    least = 0.0
    rows: list[int] = []
    try:
        for i, a in enumerate(entries):
            if a > 0:
                ratio = rhs[i] / a
                if not rows or ratio < least:
                    least, rows = ratio, [i]
                elif ratio == least:
                    rows.append(i)
    except OverflowError:
        return [i for i, a in enumerate(entries) if a > 0]
    return rows


def _probabilities(z: list[int], total: int) -> tuple[Fraction, ...]:
    """A vertex scaled to sum to 1 (``total``: its sum; its common denominator cancels); 0 and 1
    are shared."""
    return tuple([_ZERO if not v else _ONE if v == total else Fraction(v, total) for v in z])


_ZERO, _ONE = Fraction(0), Fraction(1)
_PURE = ((_ONE, _ZERO), (_ZERO, _ONE))  # the pure strategies of a player with two


def _leaving_row(node: tuple, column: int, close: list[int], d: int) -> int:
    """The row that leaves when ``column`` enters, among rows whose float ratios tie: the
    lexicographic minimum ratio (module docstring), unique."""
    # The least in the lexicographic order of the perturbed right-hand side: the exact
    # ratios, then slack j's entry of den·B⁻¹ (its tableau column when nonbasic, den in its own
    # row when basic) over the pivot column's entry, for j = 0, 1, ... as far as they tie (the
    # rows of B⁻¹ are independent, so exactly one row remains).
    columns, rhs, den, basic, nonbasic, _ = node
    entries = columns[column]
    best = close[0]
    for i in close[1:]:
        mine, theirs = entries[best], entries[i]  # i's key times best's entry, and the reverse
        left, right = rhs[i] * mine, rhs[best] * theirs
        slack = d
        while left == right:
            if slack in nonbasic:
                key = columns[nonbasic.index(slack)]
                left, right = key[i] * mine, key[best] * theirs
            else:
                at = basic.index(slack)
                left, right = den * mine * (i == at), den * theirs * (best == at)
            slack += 1
        if left < right:
            best = i
    return best


def _pivot(node: tuple, column: int, row: int) -> tuple:
    """The dictionary after nonbasic ``column`` enters and basic ``row`` leaves: one
    fraction-free (Bareiss) step, every division exact, the new denominator the pivot."""
    columns, rhs, den, basic, nonbasic, mask = node
    entering = columns[column]
    p = entering[row]
    new_columns = []
    for j, current in enumerate(columns + [rhs]):
        if j == column:
            updated = [-x for x in current]
            updated[row] = den
        else:
            f = current[row]
            if f:
                updated = [(x * p - y * f) // den for x, y in zip(current, entering)]
            else:
                updated = [x * p // den for x in current]
            updated[row] = f
        new_columns.append(updated)
    new_basic, new_nonbasic = list(basic), list(nonbasic)
    entering_variable, leaving = nonbasic[column], basic[row]
    new_basic[row], new_nonbasic[column] = entering_variable, leaving
    new_rhs = new_columns.pop()
    return new_columns, new_rhs, p, new_basic, new_nonbasic, mask ^ (1 << leaving) ^ (1 << entering_variable)


def _covering_pairs(x_labels: list[int], y_labels: list[int], m: int, n: int) -> tuple[list[tuple[int, int]], bool]:
    """Index pairs whose label sets together cover all m + n labels, and whether some vertex
    has more labels than its dimension (the game is degenerate).

    A vertex of P has at least m labels and one of Q at least n; a vertex with exactly that
    many is nondegenerate. A pair of nondegenerate vertices covers every label exactly when
    their label sets are complements, found by looking the complement up (the complement of
    a vertex's labels is never a degenerate vertex's: it has too few labels); every pair with
    a degenerate vertex is checked directly (such vertices are few in all but special games).
    """
    full = (1 << (m + n)) - 1
    y_index = {labels: b for b, labels in enumerate(y_labels)}
    pairs = [(a, b) for a, labels in enumerate(x_labels) if (b := y_index.get(full ^ labels)) is not None]
    x_degenerate = [a for a, labels in enumerate(x_labels) if labels.bit_count() > m]
    y_degenerate = [b for b, labels in enumerate(y_labels) if labels.bit_count() > n]
    if y_degenerate:
        pairs += _pairs_covering(x_labels, range(len(x_labels)), y_labels, y_degenerate, full)
    if x_degenerate:
        y_regular = [b for b, labels in enumerate(y_labels) if labels.bit_count() == n]
        pairs += _pairs_covering(x_labels, x_degenerate, y_labels, y_regular, full)
    return pairs, bool(x_degenerate or y_degenerate)


def _pairs_covering(x_labels: list[int], xs, y_labels: list[int], ys, full: int) -> list[tuple[int, int]]:
    """The pairs (a in xs, b in ys) whose labels cover ``full`` (numpy in blocks when many)."""
    if full.bit_length() > 63 or len(xs) * len(ys) < 4096:
        return [(a, b) for a in xs for b in ys if x_labels[a] | y_labels[b] == full]
    xs, ys = np.asarray(xs), np.asarray(ys)
    y_array = np.array([y_labels[b] for b in ys], dtype=np.uint64)
    pairs: list[tuple[int, int]] = []
    for first in range(0, len(xs), 256):
        block = np.array([x_labels[a] for a in xs[first : first + 256]], dtype=np.uint64)
        a, b = np.nonzero((block[:, None] | y_array[None, :]) == np.uint64(full))
        pairs += zip(xs[a + first].tolist(), ys[b].tolist())
    return pairs
