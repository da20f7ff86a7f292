"""Shared fixtures: the case game as text and as a file, and a CLI runner with a fixed terminal width."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from cases import CASE_TOML

# Property tests draw the same examples on every run (CI reproduces what a developer saw);
# HYPOTHESIS_PROFILE=explore draws new ones each time. No example has a deadline in wall time
# (hypothesis's default is 200 ms), which a busy machine would miss; tests that must not hang
# bound their counted work or use the hang guard of bounds.py.
settings.register_profile("sovgame", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("explore", derandomize=False, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "sovgame"))


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
