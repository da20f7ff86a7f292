"""sovgame: analyze security dilemmas as games.

The library does the work and the command line (``sovgame``) only parses, calls and renders,
so everything it prints can be had in a notebook. ``load_game`` returns the file's
:class:`Case` (its normal form is ``case.game``); every analysis takes a case or a game::

    >>> import sovgame
    >>> case = sovgame.load_game("stag_hunt")
    >>> [e.pure_profile() for e in sovgame.solve(case).equilibria]
    [(0, 0), (1, 1), None]
    >>> sovgame.solve(case).to_dict()["equilibria"][0]["exact"]
    {'Row': {'Stag': '1', 'Hare': '0'}, 'Column': {'Stag': '1', 'Hare': '0'}}
"""

import importlib

# Public names and the module each lives in. They are imported on first use, so that
# `sovgame --help` and `--version` start without loading numpy.
_EXPORTS = {
    # the model and files
    "Case": "core.case",
    "Cost": "core.model",
    "Game": "core.model",
    "Player": "core.model",
    "bimatrix_game": "core.model",
    "bundled_names": "files.gamefile",
    "load_case": "loading",
    "load_game": "loading",
    "parse_game": "loading",
    "GameFileError": "errors",
    "ParameterError": "errors",
    "SovgameError": "errors",
    # equilibria
    "Equilibrium": "solvers.equilibria",
    "Solution": "solvers.equilibria",
    "solve": "solvers.equilibria",
    "is_nash": "solvers.verify",
    # costs: thresholds, verdicts, regimes, scenarios
    "compute_thresholds": "costs.thresholds",
    "compute_threshold": "costs.thresholds",
    "Criterion": "costs.thresholds",
    "Verdict": "costs.verdicts",
    "sweep": "costs.regimes",
    "compare_scenarios": "costs.scenarios",
    "what_if": "costs.scenarios",
    # play, robustness and the main job
    "mediate": "play.mediation",
    "analyze_repeated": "play.repeated",
    "run_dynamics": "play.dynamics",
    "robust": "robustness.runner",
    # beyond one simultaneous move: move order, hidden types, limited capacity
    "analyze_sequential": "play.sequential",
    "solve_bayesian": "play.bayesian",
    "analyze_trust": "play.trust",
    "vary_capacity": "costs.capacity",
    # two more lenses: ordinal stability (GMCR) and the logit quantal response (floats)
    "stability": "play.gmcr",
    "quantal": "play.quantal",
    "analyze": "findings.analysis",
    "grade_claims": "claims.scorecard",
    # limits
    "work_limit": "core.budget",
    "WorkLimitError": "core.budget",
    # views: every result as JSON, as a long-form table, and tables without decimals
    "to_dict": "present.views",
    "to_json": "present.views",
    "to_frame": "present.views",
    "exact_only": "present.decimals",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        # Every result got through the package has to_dict(), to_json() and to_frame().
        importlib.import_module(".present.views", __name__).install()
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("sovgame")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0+unknown"
    raise AttributeError(f"module 'sovgame' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))


__all__ = sorted(_EXPORTS)
