"""Every how-to page in docs/howto/ runs as written (its Python sessions are doctests)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

HOWTO = sorted((Path(__file__).resolve().parents[1] / "docs" / "howto").glob("*.md"))


def test_there_is_a_page_per_task():
    assert {p.stem for p in HOWTO} >= {"solve_from_arrays", "thresholds_to_pandas", "what_if_loop", "claims_scorecard"}


@pytest.mark.parametrize("page", HOWTO, ids=lambda p: p.stem)
def test_howto_page_runs(page):
    pytest.importorskip("pandas")
    failures, tried = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 0 and failures == 0
