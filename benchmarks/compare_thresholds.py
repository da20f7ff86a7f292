"""Do today's thresholds equal an earlier commit's, game by game, and how long does each side take?

Draws the random cost-parametrised two-player games of ``bench_thresholds.py`` (the same
fixed sequences: seed ``[seed, size, kind]``, ``--games`` per size and kind of costs) and runs
``compute_thresholds`` on each, once with the source of ``--baseline`` (``git archive`` into a
temporary folder, first on the path of a worker process) and once with the working tree, each
in its own worker process. Prints the count of games compared and of mismatches (the full JSON
of the report compared as text), then per size and kind the median, 99th percentile and worst
CPU time of each side, and exits 1 on any mismatch. Usage:

    python benchmarks/compare_thresholds.py --baseline d235d7d [--sizes 2 3 ... 10] [--games 200]
                                            [--limit 60] [--save-baseline FILE] [--baseline-results FILE]

The two sides run at the same time, each in its own process (CPU times, so they do not
flatter each other). A game past ``--limit`` CPU seconds is stopped, counted, shown as
≥ the limit and not compared. ``--save-baseline`` keeps the baseline's results as JSON lines,
and ``--baseline-results`` reuses such a file instead of running it again (its timings then
come from that earlier run: say so when quoting them); ``--tree-results`` does the same for
this tree's side (a worker's output: ``--worker`` prints it). Files of an unfinished run, or
several workers' files joined, are compared on the games both sides hold.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("custom", "confront")


class CpuLimit(Exception):
    """A game ran past ``--limit`` CPU seconds."""


def _stop(signum: int, frame: object) -> None:
    raise CpuLimit


def worker(sizes: list[int], games: int, seed: int, limit: float) -> None:
    """Print one JSON line per game: size, kind, index, CPU seconds, the report's JSON (None
    for a game stopped at ``limit`` CPU seconds)."""
    signal.signal(signal.SIGPROF, _stop)
    import numpy as np

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import sovgame
    from bench_thresholds import random_costed_game
    from sovgame.core.budget import work_limit
    from sovgame.costs.thresholds import compute_thresholds

    print(json.dumps({"source": str(Path(sovgame.__file__).resolve().parent)}), flush=True)
    for k in sizes:
        for kind in KINDS:
            rng = np.random.default_rng([seed, k, KINDS.index(kind)])
            for index in range(games):
                game = random_costed_game(rng, k, k, kind)
                line: dict = {"size": k, "kind": kind, "index": index}
                start = time.process_time()
                signal.setitimer(signal.ITIMER_PROF, limit)  # CPU seconds
                try:
                    with work_limit(None):
                        line["json"] = compute_thresholds(game).to_json()
                except CpuLimit:
                    line["json"] = None  # stopped: over the limit, not compared
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
                line["cpu"] = time.process_time() - start
                print(json.dumps(line), flush=True)


def start_worker(source: Path | None, args: argparse.Namespace, out: Path) -> subprocess.Popen:
    """Start :func:`worker` in a fresh process writing to ``out``, with ``source`` (a ``src``
    folder) first on the path, or the installed package."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--games", str(args.games)]
    command += ["--seed", str(args.seed), "--limit", str(args.limit), "--sizes", *map(str, args.sizes)]
    if source is not None:
        command = [sys.executable, "-c", _PATH_FIRST.format(src=str(source)), *command[1:]]
    with out.open("w") as sink:
        return subprocess.Popen(command, stdout=sink)


def read_lines(path: Path) -> list[dict]:
    """The JSON lines a worker wrote."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


#: An editable install's finder can come before PYTHONPATH: put the baseline's src first by hand.
_PATH_FIRST = (
    "import runpy, sys; sys.path.insert(0, {src!r}); "
    "[sys.modules.pop(m) for m in list(sys.modules) if m.startswith('sovgame')]; "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in type(f).__module__.lower()]; "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


def baseline_source(commit: str, folder: Path) -> Path:
    """The ``src`` folder of ``commit``, unpacked into ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True)
    tar_path = folder / "src.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def table(before: list[dict], after: list[dict]) -> None:
    """Per size and kind: games, then each side's median, 99th percentile and worst CPU ms and
    its games over a second (≥: stopped at the limit, a lower bound)."""
    side = f"{'median':>9} {'p99':>9} {'worst':>10} {'> 1 s':>5}"
    print(f"\n{'':21} {'before (ms):':<36}   {'after (ms):':<36}")
    print(f"{'size':>5} {'kind':9} {'games':>5} {side}   {side}")
    groups: dict[tuple[int, str], tuple[list[dict], list[dict]]] = {}
    for b, a in zip(before, after):
        pair = groups.setdefault((b["size"], b["kind"]), ([], []))
        pair[0].append(b)
        pair[1].append(a)
    for (k, kind), sides in groups.items():
        cells = []
        for runs in sides:
            times = sorted(d["cpu"] for d in runs)
            worst = max(runs, key=lambda d: (d["json"] is None, d["cpu"]))
            stopped = "≥" if worst["json"] is None else ""
            p99, slow = times[int(0.99 * (len(times) - 1))], sum(t > 1 for t in times)
            worst_ms = f"{stopped}{1e3 * worst['cpu']:.0f}"
            cells.append(f"{1e3 * statistics.median(times):9.1f} {1e3 * p99:9.1f} {worst_ms:>10} {slow:>5}")
        print(f"{k:>3}x{k:<1} {kind:9} {len(sides[0]):>5} {cells[0]}   {cells[1]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="d235d7d66a6a2e5ae84096100675cf8d1475e286")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(range(2, 11)))
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=60.0, help="CPU seconds after which a game is stopped")
    parser.add_argument("--save-baseline", type=Path)
    parser.add_argument("--baseline-results", type=Path, help="reuse a file written by --save-baseline")
    parser.add_argument("--tree-results", type=Path, help="reuse such a file of this tree's results")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.sizes, args.games, args.seed, args.limit)
        return
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        workers = []
        if not args.baseline_results:  # both sides at once, in the same run
            workers.append(start_worker(baseline_source(args.baseline, here), args, here / "before.jsonl"))
        if not args.tree_results:
            workers.append(start_worker(None, args, here / "after.jsonl"))
        if any(w.wait() for w in workers):
            sys.exit("a worker failed")
        before = read_lines(args.baseline_results or here / "before.jsonl")
        after = read_lines(args.tree_results or here / "after.jsonl")
        if args.save_baseline and not args.baseline_results:
            args.save_baseline.write_text((here / "before.jsonl").read_text())
    print(
        f"baseline {args.baseline}: {before[0]['source']}"
        + (f" (from {args.baseline_results})" if args.baseline_results else "")
    )
    print(f"this tree: {after[0]['source']}" + (f" (from {args.tree_results})" if args.tree_results else ""))
    before, after = before[1:], after[1:]
    by_game = {(d["size"], d["kind"], d["index"]): d for d in before}
    pairs = [(by_game[key], a) for a in after if (key := (a["size"], a["kind"], a["index"])) in by_game]
    if len(pairs) < len(after):  # results of an unfinished run: the games both sides ran
        print(f"the baseline ran {len(pairs)} of this tree's {len(after)} games: comparing those")
    before, after = [b for b, _ in pairs], [a for _, a in pairs]
    both = [(b, a) for b, a in zip(before, after) if b["json"] is not None and a["json"] is not None]
    mismatches = [a for b, a in both if b["json"] != a["json"]]
    stopped = [(b["json"] is None, a["json"] is None) for b, a in zip(before, after)]
    print(
        f"games compared: {len(both)} of {len(after)} (stopped at {args.limit:g} CPU s: "
        f"{sum(b for b, _ in stopped)} before, {sum(a for _, a in stopped)} after); mismatches: {len(mismatches)}"
    )
    for a in mismatches[:10]:
        print(f"  differs: {a['size']}x{a['size']} {a['kind']} game {a['index']}")
    table(before, after)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
