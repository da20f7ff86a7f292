"""Time what the sections' declared ranges add to ``robust`` and ``sensitivity``, against the
work they sit beside, measured in the same run (the machine may be loaded: read the ratios).

- ``robust``: the draws of the ranged section numbers (:func:`sovgame.findings.section_draws.draw_sections`,
  at most 100 draws, each graded exactly) next to ``robust`` itself at its default 10,000
  samples, on the case (whose claims read four other files) and on scenario 3 (India's effects
  drawn, thresholds per draw); and the check that keeps a file without ranged numbers out of
  it (``may_draw``), on ``chicken``.
- ``sensitivity``: the entries of the ranged section numbers
  (:func:`sovgame.sensitivity.section_numbers.section_tracks` walked) next to the whole
  sensitivity of the case.

Each game is loaded fresh for every run. Prints the median over the runs. Usage::

    python benchmarks/bench_section_ranges.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from sovgame import load_case
from sovgame.findings.section_draws import draw_sections, may_draw
from sovgame.robustness.runner import robust
from sovgame.sensitivity.one_number import entry_of, sensitivity
from sovgame.sensitivity.section_numbers import section_tracks


def median_of(job, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _section_entries(name: str) -> None:
    case = load_case(name)
    for track in section_tracks(case):
        entry_of(case.game, track, track.number.parameter)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    jobs = [
        ("robust, pakistan_afghanistan, 10,000 samples", lambda: robust(load_case("pakistan_afghanistan"), 10_000)),
        ("section draws, pakistan_afghanistan (100)", lambda: draw_sections(load_case("pakistan_afghanistan"), 10_000)),
        ("robust, scenario_india_engaged, 10,000 samples", lambda: robust(load_case("scenario_india_engaged"), 10_000)),
        (
            "section draws, scenario_india_engaged (100)",
            lambda: draw_sections(load_case("scenario_india_engaged"), 10_000),
        ),
        ("may_draw, chicken (the check a plain file costs)", lambda: may_draw(load_case("chicken"))),
        ("load_case, chicken (for scale)", lambda: load_case("chicken")),
        ("sensitivity, pakistan_afghanistan (all entries)", lambda: sensitivity(load_case("pakistan_afghanistan"))),
        ("section-number entries, pakistan_afghanistan", lambda: _section_entries("pakistan_afghanistan")),
    ]
    print(f"the sections' declared ranges, {args.runs} runs each, in process")
    print(f"{'job':52} {'median s':>9}")
    for name, job in jobs:
        job()  # warm-up: imports and caches
        print(f"{name:52} {median_of(job, args.runs):9.4f}")


if __name__ == "__main__":
    main()
