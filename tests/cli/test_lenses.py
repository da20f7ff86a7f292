"""The commands of the two other lenses, stability and qre: JSON parsed, the plot, errors on
stderr with their exit codes."""

from __future__ import annotations

import json

from support import invoke


def test_stability_json_prisoners_dilemma(runner):
    """The PD's table (docs/models.md, "Graph Model for Conflict Resolution")."""
    result = invoke(runner, "stability", "prisoners_dilemma", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kappa"] == 0
    stable = {s["outcome"]: s["stable"] for s in data["states"]}
    assert stable["Cooperate|Cooperate"] == {"nash": False, "gmr": True, "smr": True, "seq": True}
    assert stable["Defect|Defect"] == {"nash": True, "gmr": True, "smr": True, "seq": True}
    assert not any(stable["Cooperate|Defect"].values()) and not any(stable["Defect|Cooperate"].values())
    assert data["equilibria"]["nash"] == ["Defect|Defect"]
    sanction = next(s for s in data["states"] if s["outcome"] == "Cooperate|Cooperate")["sanctions"][0]
    assert sanction["player"] == "Row" and sanction["seq"] == [{"player": "Column", "to": "Defect|Defect"}]
    # any_conflict costs never change P − S: (C,C) is Nash from κ = 2 (T − R = 2), (D,D) always.
    assert data["intervals"]["Cooperate|Cooperate"]["nash"] == [
        {"lo": "2", "lo_closed": True, "hi": None, "hi_closed": False}
    ]


def test_stability_status_quo_from_a_state(runner):
    result = invoke(
        runner, "stability", "pakistan_afghanistan", "--from", "Restrain strikes|Tolerate TTP", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    sq = json.loads(result.stdout)["status_quo"]
    # From (Restrain, Tolerate) Pakistan improves to (Strike, Tolerate) (2 > 1) and nobody can
    # improve from there: compromise is never reached.
    assert sq["start"] == "Restrain strikes|Tolerate TTP" and not sq["reaches_target"]
    assert "Strike|Tolerate TTP" in sq["reached"] and sq["reason"]


def test_stability_bad_state_is_a_usage_error(runner):
    result = invoke(runner, "stability", "prisoners_dilemma", "--from", "Cooperate|Maybe")
    assert result.exit_code in (1, 2) and "Maybe" in result.stderr and "Traceback" not in result.output


def test_qre_json_at_lambda_one(runner):
    result = invoke(runner, "qre", "pakistan_afghanistan", "--lambda", "1", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["floats"] is True and data["kappa"] == 1 and data["lambda"] == 1.0
    (point,) = data["at_lambda"]
    assert abs(point["profile"]["Pakistan"]["Restrain strikes"] - 0.364543) < 1e-6
    assert point["residual"] <= 1e-10 and data["branch"]["max_residual"] <= 1e-10
    since = data["compromise_limit_from"]
    assert 1.68 < since["from_lo"] < since["from_hi"] < 1.70


def test_qre_plot_keeps_svg_text(runner, tmp_path):
    out = tmp_path / "qre.svg"
    result = invoke(runner, "qre", "prisoners_dilemma", "--plot", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<text" in text and "P(compromise outcome)" in text


def test_qre_bad_lambda(runner):
    result = invoke(runner, "qre", "prisoners_dilemma", "--lambda", "-1")
    assert result.exit_code == 2 and "--lambda" in result.stderr
