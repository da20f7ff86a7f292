"""What a chunk of samples gives back, and the per-sample arrays of a whole run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from .plan import CRITERIA


@dataclass
class ChunkResult:
    """Per-sample arrays of one chunk, and counts that only need adding up."""

    values: dict[str, np.ndarray]  # criterion -> threshold (inf: never; nan: not settled here)
    verdicts: dict[str, np.ndarray]  # criterion -> verdict code
    unique_open: np.ndarray  # samples whose unique threshold needs the exact path
    binding: np.ndarray
    target_equilibrium: int  # samples where the target is an equilibrium at the top
    patterns: np.ndarray | None  # 2x2: bincount of sign patterns at the top
    sets: Counter  # larger games: equilibrium sets at the top
    unresolved: int
    types_zero: np.ndarray | None  # 2x2: counts (players + game, type)
    types_top: np.ndarray | None
    decided_exactly: dict[str, int] = field(default_factory=dict)  # criterion -> draws decided in fractions


@dataclass
class PerSample:
    """The per-sample arrays of a whole run, in sample order, filled as chunks come in (a
    chunk's own arrays are dropped once copied, so a run holds each number once: about 28
    bytes a sample, plus 8 for the weights of ``unique`` when some samples are open).

    ``weights`` are read-only ones where every sample weighs 1; ``opened`` holds, per chunk,
    the samples whose ``unique`` threshold needs the exact path."""

    values: dict[str, np.ndarray]
    verdicts: dict[str, np.ndarray]
    weights: dict[str, np.ndarray]
    binding: np.ndarray
    opened: dict[int, np.ndarray] = field(default_factory=dict)  # first sample of a chunk -> its open samples

    @property
    def open_index(self) -> np.ndarray:
        """The open samples, in sample order."""
        return np.concatenate([self.opened[k] for k in sorted(self.opened)] or [np.empty(0, np.int64)])

    @classmethod
    def empty(cls, samples: int) -> PerSample:
        """Arrays for ``samples`` samples, to be filled by :meth:`take`."""
        ones = np.broadcast_to(np.float64(1.0), (samples,))
        return cls(
            {c: np.empty(samples) for c in CRITERIA},
            {c: np.empty(samples, np.int8) for c in CRITERIA},
            {c: ones for c in CRITERIA},
            np.empty(samples, np.int8),
        )

    def take(self, result: ChunkResult, first: int) -> ChunkResult:
        """Copy a chunk's per-sample arrays into place (its samples start at ``first``);
        return the chunk with its counts only."""
        count = len(result.binding)
        for c in CRITERIA:
            self.values[c][first : first + count] = result.values[c]
            self.verdicts[c][first : first + count] = result.verdicts[c]
        self.binding[first : first + count] = result.binding
        self.opened[first] = np.flatnonzero(result.unique_open) + first
        empty = np.empty(0)
        return replace(result, values={}, verdicts={}, unique_open=empty, binding=empty)
