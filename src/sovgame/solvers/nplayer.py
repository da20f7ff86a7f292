"""Every Nash equilibrium of a small game with three or more players, exactly.

**Support enumeration.** Each equilibrium has exactly one profile of supports T (the
strategies each player uses with positive probability), so the equilibria are the union over
T of the sets E_T of equilibria with support exactly T. For each T:

1. T is skipped when a strategy in it can be no best reply against mixes with these supports
   (:func:`~sovgame.solvers.supports.dominated_in`);
2. the indifference equations of T are solved exactly and the positivity and best-reply
   inequalities decided exactly (:mod:`~sovgame.solvers.strata`): isolated solutions come
   in exact form (fractions or elements of a number field), solution sets of positive
   dimension as polytopes, plane regions or arcs.

The pieces are then put together into listed equilibria and connected components
(:mod:`~sovgame.solvers.components`).

**Completeness.** The enumeration is complete (``complete``) when every support was decided;
a support whose Gröbner basis passes the size limits, or whose equilibria form a curved set
the pieces above do not describe, leaves it incomplete, with the reason.

Sources: McKelvey & McLennan (1996), *Computation of equilibria in finite games*, Handbook
of Computational Economics 1, ch. 2 (support enumeration with polynomial systems); Datta
(2003), *Using computer algebra to find Nash equilibria*, ISSAC '03 (Gröbner bases);
Rouillier (1999), *AAECC* 9:433–461 (the rational univariate representation).
"""

from __future__ import annotations

import numpy as np

from ..core.budget import advance
from .components import Component, Enumeration, PieceInfo, assemble
from .strata import Found, analyse
from .supports import build_system, dominated_in, integer_payoffs, support_profiles

__all__ = ["Component", "Enumeration", "PieceInfo", "enumerate_equilibria"]


def enumerate_equilibria(payoffs: np.ndarray) -> Enumeration:
    """Every equilibrium of the game with payoff array ``payoffs`` (shape ``(*shape, n)``,
    exact fractions), by support enumeration (module docstring)."""
    ints = integer_payoffs(payoffs)
    found = Found()
    solved = 0
    for support in support_profiles(payoffs.shape[:-1]):
        advance(1)
        if dominated_in(ints, support):
            continue
        solved += 1
        system = build_system(ints, support)
        analyse(system, system.equations, found, set())
    return assemble(payoffs, found, solved)
