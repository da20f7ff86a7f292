"""The per-sample arrays of a run, filled chunk by chunk in sample order, whatever order the
chunks arrive in."""

from __future__ import annotations

from collections import Counter

import numpy as np

from sovgame.robustness.chunks import ChunkResult, PerSample


def chunk(first_value: float, count: int, open_at: list[int]) -> ChunkResult:
    values = {c: np.arange(count, dtype=float) + first_value for c in ("nash", "dominant", "unique")}
    verdicts = {c: np.full(count, 1, np.int8) for c in values}
    unique_open = np.zeros(count, bool)
    unique_open[open_at] = True
    return ChunkResult(values, verdicts, unique_open, np.zeros(count, np.int8), 3, None, Counter(), 0, None, None)


def test_chunks_land_in_sample_order_and_keep_their_counts():
    per_sample = PerSample.empty(7)
    second = per_sample.take(chunk(100.0, 3, [1]), first=4)  # samples 4..6 arrive first
    first = per_sample.take(chunk(0.0, 4, [0, 3]), first=0)
    assert per_sample.values["nash"].tolist() == [0, 1, 2, 3, 100, 101, 102]
    assert per_sample.verdicts["unique"].tolist() == [1] * 7
    assert per_sample.open_index.tolist() == [0, 3, 5]  # in sample order, not arrival order
    # What take returns keeps the counts and drops the per-sample arrays.
    assert first.target_equilibrium == second.target_equilibrium == 3
    assert first.values == {} and len(first.binding) == 0
    # Every sample weighs 1 until an exact subsample says otherwise: one read-only number.
    assert per_sample.weights["nash"].tolist() == [1.0] * 7 and not per_sample.weights["nash"].flags.writeable


def test_no_open_samples():
    per_sample = PerSample.empty(2)
    per_sample.take(chunk(0.0, 2, []), first=0)
    assert per_sample.open_index.tolist() == []
    assert PerSample.empty(0).open_index.tolist() == []
