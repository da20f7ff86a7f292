"""Every public result declares its views: ``to_dict()``, ``to_json()``, ``to_frame()``, a
one-line ``repr`` and ``_repr_html_``, whatever module it was imported from; the package ships
``py.typed`` and a strictly typed user script passes ``mypy --strict``; ``sovgame.solve`` and
``sovgame.load_game`` load few modules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from fractions import Fraction as F
from pathlib import Path

import pytest

import sovgame
from sovgame.claims.scorecard import Scorecard
from sovgame.core.case import Case
from sovgame.core.model import Game
from sovgame.core.results import Result
from sovgame.costs.capacity import CapacitySensitivity
from sovgame.costs.regimes import Sweep
from sovgame.costs.scenarios import WhatIf
from sovgame.costs.thresholds import ThresholdReport
from sovgame.errors import ParameterError
from sovgame.findings.analysis import Analysis
from sovgame.play.dynamics import Dynamics
from sovgame.play.mediation import Mediation
from sovgame.play.repeated import RepeatedAnalysis
from sovgame.play.sequential import SequentialAnalysis
from sovgame.play.trust import TrustAnalysis
from sovgame.robustness.result import RobustResult
from sovgame.sensitivity.grid import SensitivityMap
from sovgame.sensitivity.one_number import Sensitivity
from sovgame.solvers.equilibria import Solution

PACKAGE = Path(sovgame.__file__).parent
RESULTS = [
    Game,
    Case,
    Solution,
    ThresholdReport,
    Sweep,
    CapacitySensitivity,
    WhatIf,
    Mediation,
    RepeatedAnalysis,
    Dynamics,
    SequentialAnalysis,
    TrustAnalysis,
    RobustResult,
    Analysis,
    Scorecard,
    Sensitivity,
    SensitivityMap,
]


@pytest.mark.parametrize("cls", RESULTS, ids=lambda c: c.__name__)
def test_every_result_declares_its_json_and_keeps_the_short_repr(cls):
    assert issubclass(cls, Result)
    assert cls.json_data is not Result.json_data, "declares its stable JSON"
    assert cls._facts is not Result._facts, "declares its headline numbers"
    # A dataclass declared without repr=False would replace the one-line repr by the whole game.
    assert cls.__repr__ is Result.__repr__


def test_views_need_nothing_but_the_result_module():
    """In a fresh interpreter, a Solution imported from its own module has its views before
    anything touches the package's attributes."""
    script = textwrap.dedent(
        """
        import json
        from sovgame.loading import load_game
        from sovgame.solvers.equilibria import solve
        solution = solve(load_game("stag_hunt"))
        print(json.dumps([solution.to_dict()["equilibria"][0]["exact"], json.loads(solution.to_json())["kappa"]]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # Stag Hunt: (Stag, Stag) is the first pure equilibrium; κ = 0 by default.
    assert json.loads(done.stdout) == [{"Row": {"Stag": "1", "Hare": "0"}, "Column": {"Stag": "1", "Hare": "0"}}, 0]


def test_repr_is_one_line_with_the_title_and_the_headline_numbers():
    case = sovgame.load_game("stag_hunt")
    solution = sovgame.solve(case)
    text = repr(solution)
    # Stag Hunt (R=4, T=3, P=2, S=0): (Stag, Stag), (Hare, Hare) and the mixed equilibrium
    # with 4p = 3p + 2(1 − p), p = 2/3 on Stag: three, two of them pure.
    assert text.startswith(f"Solution({case.title!r}")
    assert "equilibria 3 (2 pure)" in text and "\n" not in text and len(text) < 300
    assert repr(case.game).startswith(f"Game({case.title!r}: players Row, Column; strategies 2×2")
    assert "array(" not in repr(case) and "Fraction(" not in repr(case)


def test_repr_html_escapes_every_user_string():
    game = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="<b>A & B</b>", players=["<i>", "Col"])
    html = game._repr_html_()
    assert "<b>A" not in html and "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "&lt;i&gt;, Col" in html and html.startswith("<table>")


def test_free_functions_call_the_methods():
    report = sovgame.compute_thresholds(sovgame.load_game("stag_hunt"))
    assert sovgame.to_dict(report) == report.to_dict()
    assert json.loads(sovgame.to_json(report, indent=None)) == report.to_dict()
    with pytest.raises(ParameterError, match="no JSON view for a int"):
        sovgame.to_dict(3)


def test_to_dict_is_plain_and_exact():
    """Thresholds of the Prisoner's Dilemma built in Python: T=5, R=3, P=1, S=0 and one cost
    of 1 per confronting player (own_confront). Confronting stays a best reply to confront
    while P − κ ≥ S, i.e. κ ≤ 1, and mutual compromise is an equilibrium once T − κ ≤ R, i.e.
    κ ≥ 2: the Nash threshold is exactly 2."""
    game = Game.from_arrays(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        strategies=[["C", "D"], ["C", "D"]],
        compromise=["C", "C"],
        costs=[{"name": "strikes", "incidence": "own_confront", "weights": [1, 1]}],
    )
    data = sovgame.compute_thresholds(game).to_dict()
    assert data["thresholds"]["nash"]["exact"] == "2" and data["thresholds"]["nash"]["value"] == 2.0
    assert type(data["thresholds"]["nash"]["verdict"]) is str  # an enum becomes its word
    assert F(data["plausible_kappa"][1]) == 1


def test_dir_lists_the_public_api_only():
    names = dir(sovgame)
    assert "importlib" not in names and "solve" in names and "to_frame" in names
    assert set(names) == set(sovgame.__all__) | {"__version__"}


def _modules_after(statement: str) -> list[str]:
    script = f"import sys, sovgame\n{statement}\nprint(sorted(m for m in sys.modules if m.startswith('sovgame')))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return eval(done.stdout)  # a list of module names printed by repr


def test_solve_and_load_game_load_only_what_they_need():
    solving = _modules_after("sovgame.solve")
    assert len(solving) <= 30, solving
    assert not any(m.startswith(("sovgame.present", "sovgame.costs", "sovgame.claims")) for m in solving)
    # Reading a file checks every table a file may hold: the sections of the registry, one
    # module each (with their helpers), are loaded with the reader.
    loading = _modules_after('sovgame.load_game("stag_hunt")')
    assert len(loading) <= 35, loading
    assert not any(m.startswith("sovgame.claims") for m in loading)  # stag_hunt states no claims


def test_package_ships_py_typed():
    assert (PACKAGE / "py.typed").is_file()


@pytest.mark.skipif(shutil.which("mypy") is None and not Path(sys.executable).with_name("mypy").exists(), reason="mypy")
def test_a_strictly_typed_user_script_passes_mypy_strict(tmp_path):
    script = tmp_path / "user_script.py"
    script.write_text(
        textwrap.dedent(
            """
            from typing import Any

            import sovgame

            d: dict[str, Any] = sovgame.solve(sovgame.load_game("stag_hunt")).to_dict()
            text: str = sovgame.compute_thresholds(sovgame.load_game("stag_hunt")).to_json(indent=None)
            html: str = sovgame.analyze(sovgame.load_game("stag_hunt"))._repr_html_()
            print(d["game"], text, html)
            """
        )
    )
    wrong = tmp_path / "wrong_script.py"
    wrong.write_text('import sovgame\nd: int = sovgame.solve(sovgame.load_game("stag_hunt")).to_dict()\n')

    def mypy(path: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)

    done = mypy(script)
    assert done.returncode == 0, done.stdout + done.stderr
    # mypy sees the real types, not Any: a dict is no int.
    refused = mypy(wrong)
    assert refused.returncode == 1 and 'expression has type "dict[str, Any]", variable has type "int"' in refused.stdout
