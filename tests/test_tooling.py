"""The checks people expect of a Python project run with the tests: ruff's lint and format,
and mypy. Their settings are in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)


def needs(module: str) -> None:
    if (
        shutil.which(module) is None
        and subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True).returncode != 0
    ):
        pytest.skip(f"{module} is not installed (pip install '.[test]' installs it)")


def test_ruff_lint_passes():
    needs("ruff")
    done = run("ruff", "check", "src", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_applied():
    needs("ruff")
    done = run("ruff", "format", "--check", "src", "tests", "benchmarks")
    assert done.returncode == 0, "run `ruff format src tests benchmarks`:\n" + done.stdout + done.stderr


def test_mypy_passes():
    needs("mypy")
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
