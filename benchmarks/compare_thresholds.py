"""Do today's thresholds equal an earlier commit's, game by game, and how long does each side take?

Draws the random cost-parametrised two-player games of ``bench_thresholds.py`` (the same
fixed sequences: seed ``[seed, size, kind]``, ``--games`` per size and kind of costs) and runs
``compute_thresholds`` on each, once with the source of ``--baseline`` (``git archive`` into a
temporary folder, first on the path of a worker process) and once with the working tree, each
in its own worker process. Prints the count of games compared and of mismatches (the full JSON
of the report compared as text), then per size and kind the median, 99th percentile and worst
CPU time of each side, and exits 1 on any mismatch. Usage:

    python benchmarks/compare_thresholds.py --baseline d235d7d [--sizes 2 3 ... 10] [--games 200]
                                            [--save-baseline FILE] [--baseline-results FILE]
                                            [--only-baseline]

The baseline can take long (its heavy tail is the point); ``--save-baseline`` keeps its
results as JSON lines, and ``--baseline-results`` reuses such a file instead of running it
again (the timings then come from that earlier run: say so when quoting them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("custom", "confront")


def worker(sizes: list[int], games: int, seed: int) -> None:
    """Print one JSON line per game: size, kind, index, CPU seconds, the report's JSON."""
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
                with work_limit(None):
                    start = time.process_time()
                    report = compute_thresholds(game)
                    cpu = time.process_time() - start
                line = {"size": k, "kind": kind, "index": index, "cpu": cpu, "json": report.to_json()}
                print(json.dumps(line), flush=True)


def run_worker(source: Path | None, args: argparse.Namespace, save: Path | None) -> list[dict]:
    """Run :func:`worker` in a fresh process, with ``source`` (a ``src`` folder) first on the
    path, or the installed package; its lines, also written to ``save``."""
    env = dict(os.environ)
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--games", str(args.games)]
    command += ["--seed", str(args.seed), "--sizes", *map(str, args.sizes)]
    if source is not None:
        env["PYTHONPATH"] = str(source) + os.pathsep + env.get("PYTHONPATH", "")
        command = [sys.executable, "-c", _PATH_FIRST.format(src=str(source)), *command[1:]]
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    if save is not None:
        save.write_text(output)
    return lines


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
    """Median, p99 and worst CPU ms per size and kind, before and after."""
    print(
        f"\n{'size':>5} {'kind':9} {'before: median':>15} {'p99':>9} {'worst':>10}   {'after: median':>14} {'p99':>9} {'worst':>9}"
    )
    groups: dict[tuple[int, str], tuple[list[float], list[float]]] = {}
    for b, a in zip(before, after):
        pair = groups.setdefault((b["size"], b["kind"]), ([], []))
        pair[0].append(b["cpu"])
        pair[1].append(a["cpu"])
    for (k, kind), (bs, as_) in groups.items():
        cells = []
        for times in (sorted(bs), sorted(as_)):
            p99 = times[int(0.99 * (len(times) - 1))]
            cells.append(f"{1e3 * statistics.median(times):9.1f} ms {1e3 * p99:9.1f} {1e3 * times[-1]:10.1f}")
        print(f"{k:>3}x{k:<1} {kind:9} {cells[0]}   {cells[1]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="d235d7d66a6a2e5ae84096100675cf8d1475e286")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(range(2, 11)))
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save-baseline", type=Path)
    parser.add_argument("--baseline-results", type=Path, help="reuse a file written by --save-baseline")
    parser.add_argument("--only-baseline", action="store_true", help="run the baseline alone (with --save-baseline)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.sizes, args.games, args.seed)
        return
    if args.baseline_results:
        before = [json.loads(line) for line in args.baseline_results.read_text().splitlines() if line.strip()]
        print(f"baseline: {args.baseline_results} (timings from the run that wrote it)")
    else:
        with tempfile.TemporaryDirectory() as folder:
            before = run_worker(baseline_source(args.baseline, Path(folder)), args, args.save_baseline)
        print(f"baseline {args.baseline}: {before[0]['source']}")
        if args.only_baseline:
            return
    after = run_worker(None, args, None)
    print(f"this tree: {after[0]['source']}")
    before, after = before[1:], after[1:]
    keys = {(d["size"], d["kind"], d["index"]) for d in after}
    before = [d for d in before if (d["size"], d["kind"], d["index"]) in keys]
    mismatches = [a for b, a in zip(before, after) if b["json"] != a["json"]]
    print(f"games compared: {len(after)}; mismatches: {len(mismatches)}")
    for a in mismatches[:10]:
        print(f"  differs: {a['size']}x{a['size']} {a['kind']} game {a['index']}")
    table(before, after)
    sys.exit(1 if mismatches or len(before) != len(after) else 0)


if __name__ == "__main__":
    main()
