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

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what mypy and editors see; at run time each name is imported on first use
    from .claims.scorecard import grade_claims as grade_claims
    from .core.budget import WorkLimitError as WorkLimitError
    from .core.budget import work_limit as work_limit
    from .core.case import Case as Case
    from .core.model import Cost as Cost
    from .core.model import Game as Game
    from .core.model import Player as Player
    from .core.model import bimatrix_game as bimatrix_game
    from .core.results import to_dict as to_dict
    from .core.results import to_frame as to_frame
    from .core.results import to_json as to_json
    from .costs.capacity import vary_capacity as vary_capacity
    from .costs.regimes import sweep as sweep
    from .costs.scenarios import compare_scenarios as compare_scenarios
    from .costs.scenarios import what_if as what_if
    from .costs.thresholds import Criterion as Criterion
    from .costs.thresholds import compute_threshold as compute_threshold
    from .costs.thresholds import compute_thresholds as compute_thresholds
    from .costs.verdicts import Verdict as Verdict
    from .errors import GameFileError as GameFileError
    from .errors import ParameterError as ParameterError
    from .errors import SovgameError as SovgameError
    from .files.gamefile import bundled_names as bundled_names
    from .findings.analysis import analyze as analyze
    from .loading import load_case as load_case
    from .loading import load_game as load_game
    from .loading import parse_game as parse_game
    from .play.bayesian import solve_bayesian as solve_bayesian
    from .play.dynamics import run_dynamics as run_dynamics
    from .play.mediation import mediate as mediate
    from .play.repeated import analyze_repeated as analyze_repeated
    from .play.sequential import analyze_sequential as analyze_sequential
    from .play.trust import analyze_trust as analyze_trust
    from .present.decimals import exact_only as exact_only
    from .robustness.runner import robust as robust
    from .sensitivity.grid import sensitivity_map as sensitivity_map
    from .sensitivity.one_number import compute_sensitivity as compute_sensitivity
    from .solvers.equilibria import Equilibrium as Equilibrium
    from .solvers.equilibria import Solution as Solution
    from .solvers.equilibria import solve as solve
    from .solvers.verify import is_nash as is_nash

    __version__: str

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
    # a spoiler, bargaining, costly reassurance
    "analyze_spoiler": "play.spoiler",
    "analyze_bargaining": "play.bargaining",
    "analyze_signals": "play.signals",
    # two more lenses: ordinal stability (GMCR) and the logit quantal response (floats)
    "stability": "play.gmcr",
    "quantal": "play.quantal",
    "analyze": "findings.analysis",
    "compute_sensitivity": "sensitivity.one_number",
    "sensitivity_map": "sensitivity.grid",
    "grade_claims": "sensitivity.falsify",
    # limits
    "work_limit": "core.budget",
    "WorkLimitError": "core.budget",
    # views: every result as JSON and as a table (each result's own methods), tables without decimals
    "to_dict": "core.results",
    "to_json": "core.results",
    "to_frame": "core.results",
    "exact_only": "present.decimals",
}


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    if name == "__version__":
        return _metadata_version()
    raise AttributeError(f"module 'sovgame' has no attribute {name!r}")


def _metadata_version() -> str:
    """The version the installed package's metadata states: the ``Version:`` field of the
    first ``sovgame-*.dist-info/METADATA`` on ``sys.path``, where importlib.metadata finds it
    too, read directly because importing importlib.metadata (and the email parser it loads)
    takes longer than the rest of ``sovgame --version``; importlib.metadata for any other
    kind of install, "0+unknown" for a source tree that is not installed."""
    import os
    import sys

    for entry in sys.path:
        try:
            found = sorted(n for n in os.listdir(entry or ".") if n.startswith("sovgame-") and n.endswith(".dist-info"))
        except OSError:
            continue
        for name in found:
            try:
                with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as metadata:
                    for line in metadata:
                        if not line.strip():
                            break  # the headers end at the first blank line
                        if line.startswith("Version:"):
                            return line.removeprefix("Version:").strip()
            except OSError:
                continue
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sovgame")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"


def __dir__() -> list[str]:
    return sorted([*_EXPORTS, "__version__"])


__all__ = sorted(_EXPORTS)
