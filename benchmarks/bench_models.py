"""Time, in process, the spoiler, bargaining and costly-reassurance commands on the bundled
files: the analysis and both of its views (the tables and the JSON), as ``sovgame spoiler``,
``sovgame bargaining`` and ``sovgame signals`` compute them. The target is under 50 ms each.

Each game is loaded fresh for every run, so cached cost loads do not flatter the figure.
Prints the median and the spread over the runs. Usage:

    python benchmarks/bench_models.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
from fractions import Fraction

from bench_moves import measure  # the same timing loop: load, then time the work alone
from sovgame.play.bargaining import analyze_bargaining
from sovgame.play.signals import analyze_signals
from sovgame.play.spoiler import analyze_spoiler
from sovgame.present.bargaining import bargaining_sections
from sovgame.present.signals import signals_sections
from sovgame.present.spoiler import spoiler_sections


def command(analysis, sections, kappa: Fraction):
    """The work of one command after loading: the analysis, its tables and its JSON."""

    def run(game):
        result = analysis(game, kappa)
        sections(result)
        result.to_dict()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    spoiler = (analyze_spoiler, spoiler_sections)
    bargaining = (analyze_bargaining, bargaining_sections)
    signals = (analyze_signals, signals_sections)
    cases = {
        "spoiler: pakistan_afghanistan_ttp, κ = 1": ("pakistan_afghanistan_ttp", command(*spoiler, Fraction(1))),
        "spoiler: pakistan_afghanistan_ttp, κ = 2": ("pakistan_afghanistan_ttp", command(*spoiler, Fraction(2))),
        "bargaining: pakistan_afghanistan, κ = 1": ("pakistan_afghanistan", command(*bargaining, Fraction(1))),
        "bargaining: pakistan_afghanistan_ttp, κ = 1": ("pakistan_afghanistan_ttp", command(*bargaining, Fraction(1))),
        "signals: pakistan_afghanistan_types, κ = 1": ("pakistan_afghanistan_types", command(*signals, Fraction(1))),
        "signals: pakistan_afghanistan_types, κ = 2": ("pakistan_afghanistan_types", command(*signals, Fraction(2))),
    }
    for name, work in cases.values():  # warm-up: imports and caches of code paths
        measure(name, work, 2)
    print(f"spoiler, bargaining, signals: {args.runs} runs each, in process (target < 50 ms)")
    print(f"{'command':48} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    for label, (name, work) in cases.items():
        times = measure(name, work, args.runs)
        print(f"{label:48} {1000 * statistics.median(times):10.2f} {1000 * min(times):8.2f} {1000 * max(times):8.2f}")


if __name__ == "__main__":
    main()
