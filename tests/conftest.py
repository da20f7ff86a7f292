"""Shared fixtures: the case game as text, and a CLI runner with a fixed terminal width."""

from __future__ import annotations

import pytest

CASE_TOML = """\
[game]
title = "Pakistan-Afghanistan: the TTP sanctuary dilemma"
payoff_scale = "ordinal"

[[players]]
name = "Pakistan"
strategies = ["Restrain strikes", "Strike"]
compromise = "Restrain strikes"

[[players]]
name = "Afghanistan"
strategies = ["Constrain TTP", "Tolerate TTP"]
compromise = "Constrain TTP"

[payoffs]
"Restrain strikes|Constrain TTP" = [3, 3]
"Restrain strikes|Tolerate TTP"  = [1, 4]
"Strike|Constrain TTP"           = [4, 1]
"Strike|Tolerate TTP"            = [2, 2]

[notes]
"Strike|Tolerate TTP" = "status quo: strikes go on, sanctuaries stay"

[[costs]]
name = "trade_disruption"
incidence = "any_conflict"
weights = [0.5, 1.0]
between = ["Pakistan", "Afghanistan"]

[[costs]]
name = "refugee_returns"
incidence = "any_conflict"
weights = [0, 0.5]

[[costs]]
name = "military_operations"
incidence = "own_confront"
weights = [0.25, 0]

[analysis]
plausible_kappa = [0, 2]
"""


@pytest.fixture
def case_toml() -> str:
    return CASE_TOML


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.toml"
    path.write_text(CASE_TOML, encoding="utf-8")
    return path


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(autouse=True)
def fixed_terminal(monkeypatch):
    """Stable rich output: a fixed width and no colour."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
