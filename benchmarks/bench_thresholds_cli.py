"""Wall time of `sovgame thresholds` on random 6x6 costed games from the shell, over start-up.

Writes ``--games`` random games of ``bench_thresholds.py`` (its fixed sequence, custom costs,
``--size``, 6 by default) as game files, then runs `sovgame thresholds FILE` on each and
`sovgame --version` ``--runs`` times, interleaved so that both see the same load, and prints
per game the median wall time, the median of `--version` and their difference (goal: at
most 0.6 s over start-up at 6x6), then the same in CPU time (user + system of the child:
less sensitive to other processes on a busy machine). Usage:

    python benchmarks/bench_thresholds_cli.py [--size 6] [--games 5] [--runs 7] [--before SRC]

``--before SRC`` times the same commands with another copy's source beside (``git archive REV
src | tar -x -C DIR``, then ``--before DIR/src``), interleaved game by game.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_thresholds import random_costed_game  # noqa: E402  (the same random games)

GOAL = 0.6  # seconds over `sovgame --version`

#: `sovgame` from another copy's src folder (an editable install's finder would come first).
_BEFORE = (
    "import sys; sys.path.insert(0, {src!r}); "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in type(f).__module__.lower()]; "
    "from sovgame.__main__ import main; sys.argv[0] = 'sovgame'; main()"
)


def game_file(game) -> str:
    """The TOML of a random costed game: payoffs and its one custom cost's exposure."""
    rows, cols = game.players[0].strategies, game.players[1].strategies
    lines = ["[game]", f'title = "{game.title}"', ""]
    for player in game.players:
        names = ", ".join(f'"{s}"' for s in player.strategies)
        lines += [
            "[[players]]",
            f'name = "{player.name}"',
            f"strategies = [{names}]",
            f'compromise = "{player.compromise}"',
            "",
        ]
    lines.append("[payoffs]")
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            u, v = game.payoffs[i, j]
            lines.append(f'"{r}|{c}" = [{int(u)}, {int(v)}]')
    cost = game.costs[0]
    lines += ["", "[[costs]]", 'name = "c"', 'incidence = "custom"', "weights = [1, 1]", "", "[costs.exposure]"]
    for (i, j), (a, b) in cost.exposure.items():
        if a or b:
            lines.append(f'"{rows[i]}|{cols[j]}" = [{int(a)}, {int(b)}]')
    return "\n".join(lines) + "\n"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=6)
    parser.add_argument("--games", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--before", type=Path, help="another copy's src folder, timed beside (git archive REV src)")
    args = parser.parse_args()
    sovgame = str(Path(sys.executable).with_name("sovgame"))
    rng = np.random.default_rng([args.seed, args.size, 0])
    k = args.size
    print(f"`sovgame thresholds` on random {k}x{k} custom-cost games, wall seconds, medians of {args.runs} runs")
    print(f"{'':>12} {'wall:':<37}   {'CPU (user + system):':<37}")
    head = f"{'thresholds':>11} {'--version':>10} {'over start-up':>14}"
    print(f"{'game':>12} {head}   {head}")
    with tempfile.TemporaryDirectory() as folder:
        for index in range(args.games):
            path = Path(folder) / f"random_{index}.toml"
            path.write_text(game_file(random_costed_game(rng, k, k, "custom")))
            sides = [("", [sovgame])]
            if args.before:
                sides.append((" before", [sys.executable, "-c", _BEFORE.format(src=str(args.before.resolve()))]))
            for label, head in sides:
                command = [*head, "thresholds", str(path)]
                timed(command)  # checks the file and warms the disk cache
                runs, version = [], []
                for _ in range(args.runs):
                    runs.append(timed(command))
                    version.append(timed([sovgame, "--version"]))
                cells = []
                for which in (0, 1):  # wall, CPU
                    ours, start = (
                        statistics.median(r[which] for r in runs),
                        statistics.median(v[which] for v in version),
                    )
                    cells.append(f"{ours:11.3f} {start:10.3f} {ours - start:14.3f}")
                over = statistics.median(r[0] for r in runs) - statistics.median(v[0] for v in version)
                note = "  over the goal (wall)" if over > GOAL else ""
                print(f"{str(index) + label:>12} {cells[0]}   {cells[1]}{note}", flush=True)


if __name__ == "__main__":
    main()
