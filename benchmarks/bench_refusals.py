"""How fast sovgame refuses what it cannot do, and how its work estimates compare with time.

Part 1 times each refusal of the inputs that once hung or ran out of memory (huge exponents,
an 8x8 sweep, 50x50 and 200x200 games, lopsided games, FIFOs and devices, ...): the
median of N runs in process (the command as the CLI runs it, without Python's start-up),
and prints the slowest. Part 2 runs allowed computations and prints the estimated work
units next to the measured time, to check that one unit is about a microsecond.

    python benchmarks/bench_refusals.py [--runs N] [--skip-calibration]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def game_text(shape, scale="cardinal", seed=0):
    """A game with pseudo-random payoffs 0..9 and one own_confront cost."""
    rng = random.Random(seed)
    lines = [f'[game]\ntitle = "generated"\npayoff_scale = "{scale}"']
    for p, k in enumerate(shape):
        strategies = ", ".join(f'"s{j}"' for j in range(k))
        lines.append(f'[[players]]\nname = "P{p}"\nstrategies = [{strategies}]\ncompromise = "s0"')
    lines.append("[payoffs]")
    for profile in itertools.product(*(range(k) for k in shape)):
        values = ", ".join(str(rng.randint(0, 9)) for _ in shape)
        lines.append(f'"{"|".join(f"s{j}" for j in profile)}" = [{values}]')
    lines.append(f'[[costs]]\nname = "c"\nincidence = "own_confront"\nweights = [{", ".join(["1"] * len(shape))}]')
    return "\n".join(lines) + "\n"


def refusals(folder: Path) -> list[tuple[str, list[str]]]:
    """(label, arguments) of every refusal measured; files are written into ``folder``."""

    def game(shape, **options):
        path = folder / f"g{'x'.join(map(str, shape))}.toml"
        if not path.exists():
            path.write_text(game_text(shape, **options))
        return str(path)

    case = (Path(__file__).resolve().parents[1] / "games" / "pakistan_afghanistan.toml").read_text()
    huge = folder / "huge.toml"
    huge.write_text(
        case.replace('"Strike|Tolerate TTP"            = [2, 2]', '"Strike|Tolerate TTP" = ["1e999999999", 2]')
    )
    nfg = folder / "huge.nfg"
    nfg.write_text('NFG 1 R "t" { "A" "B" }\n{ 2 2 }\n1 2 3e999999999 4 5 6 7 8\n')
    fifo = folder / "pipe.toml"
    os.mkfifo(fifo)
    cases = [
        ('payoff "1e999999999" (show)', ["show", str(huge)]),
        ('payoff "1e999999999" (thresholds)', ["thresholds", str(huge)]),
        ("--kappa 1e999999999", ["solve", "stag_hunt", "--kappa", "1e999999999"]),
        (".nfg payoff 3e999999999", ["convert", str(nfg), str(folder / "out.toml")]),
        ("robust --noise 1e308", ["robust", "stag_hunt", "--noise", "1e308"]),
        ("a FIFO as the game", ["show", str(fifo)]),
        ("/dev/urandom as the game", ["show", "/dev/urandom"]),
    ]
    for command in ("thresholds", "sweep", "whatif", "robust"):
        extra = ["--set", "plausible_kappa=0,3"] if command == "whatif" else []
        # 8x8: only sweep is still refused (thresholds answer: benchmarks/bench_thresholds.py).
        for shape in ((8, 8), (50, 50), (200, 200)) if command == "sweep" else ((50, 50), (200, 200)):
            cases.append((f"{command} {shape[0]}x{shape[1]}", [command, game(shape), *extra]))
    for shape in ((20, 20), (2, 1000), (1, 8000)):
        cases.append((f"solve {shape[0]}x{shape[1]}", ["solve", game(shape)]))
    cases += [
        ("robust 6 players x 4, 2,000 samples", ["robust", game((4,) * 6), "--samples", "2000"]),
        ("solve 5x5x5 (Gambit)", ["solve", game((5, 5, 5))]),
        ("sweep 7x7", ["sweep", game((7, 7))]),
        ("mediate 60x60", ["mediate", game((60, 60))]),
        ("repeated --periods 1e12", ["repeated", "pakistan_afghanistan", "--periods", "1000000000000"]),
    ]
    return cases + hostile_files(folder, case)


def hostile_files(folder: Path, case: str) -> list[tuple[str, list[str]]]:
    """Files that try more than stating a game: control characters in a note, a name of a
    million characters, 70 players, 2,000 claims, ``extends`` out of the folder, tiny weights."""

    def write(name: str, text: str) -> str:
        path = folder / name
        path.write_text(text)
        return str(path)

    note = case.replace('= "status quo:', '= "\\u001b]0;x\\u0007 status quo:', 1)
    long_name = case.replace('name = "Pakistan"', f'name = "{"P" * 1_000_000}"', 1)
    players = "".join(f'[[players]]\nname = "P{i}"\nstrategies = ["S"]\n' for i in range(70))
    many = '[game]\ntitle = "many"\n' + players + '[payoffs]\n"' + "|".join(["S"] * 70) + '" = [' + "1, " * 69 + "1]\n"
    claim = '[[claims]]\nid = "c{}"\ntext = "t"\nsource = "s"\ntest = {{ kind = "game_type", expect = "other" }}\n'
    claims = case.split("[[claims]]")[0] + "".join(claim.format(k) for k in range(2000))
    (folder / "inner").mkdir(exist_ok=True)
    outside = write("inner/out.toml", 'extends = "/etc/passwd.toml"\n')
    tiny = write(
        "tiny.toml",
        '[game]\ntitle = "t"\n'
        + "".join(f'[[players]]\nname = "{p}"\nstrategies = ["C", "D"]\ncompromise = "C"\n' for p in "AB")
        + '[payoffs]\n"C|C" = [4, 1]\n"C|D" = [2, 1]\n"D|C" = [5, 1]\n"D|D" = [3, 2]\n'
        + '[[costs]]\nname = "a"\nincidence = "own_confront"\n'
        + f'weights = ["2/{"8" * 99}1", "7/{"6" * 99}1"]\n'
        + '[[costs]]\nname = "b"\nincidence = "any_conflict"\n'
        + f'weights = ["7/{"2" * 99}3", "9/{"2" * 60}7"]\n',
    )
    return [
        ("a note with escape sequences", ["show", write("note.toml", note)]),
        ("a name of 1,000,000 characters", ["analyze", write("long.toml", long_name)]),
        ("70 players of one strategy", ["analyze", write("many.toml", many)]),
        ("2,000 claims", ["report", write("claims.toml", claims), "-o", str(folder / "r.html")]),
        ("extends /etc/passwd.toml", ["show", outside]),
        ("sensitivity, weights of 100 digits", ["sensitivity", tiny, "--top", "3"]),
    ]


def run_in_process(args: list[str]) -> tuple[float, int, str]:
    from typer.testing import CliRunner

    from sovgame.cli import app

    start = time.perf_counter()
    result = CliRunner().invoke(app, args)
    lines = result.stderr.strip().splitlines() or ["(answered)"]
    return time.perf_counter() - start, result.exit_code, lines[0][:90]


def part_one(runs: int) -> None:
    print(f"Refusals: median of {runs} runs in process (reading the file included)\n")
    slowest = ("", 0.0)
    with tempfile.TemporaryDirectory() as name:
        for label, args in refusals(Path(name)):
            run_in_process(args)  # warm: imports, caches
            times, code, message = [], 0, ""
            for _ in range(runs):
                elapsed, code, message = run_in_process(args)
                times.append(elapsed)
            median = statistics.median(times)
            slowest = max(slowest, (label, median), key=lambda item: item[1])
            print(f"{label:40} {median:7.3f} s  exit {code}  {message}")
    print(f"\nslowest refusal: {slowest[0]}, {slowest[1]:.3f} s (median)")


def part_two() -> None:
    from sovgame import load_game
    from sovgame.core.budget import work_limit
    from sovgame.costs.regimes import sweep
    from sovgame.costs.thresholds import compute_thresholds
    from sovgame.solvers.equilibria import solve

    print("\nCalibration: work units counted (every step's estimate) against measured time\n")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        jobs = [("solve", shape) for shape in ((8, 8), (10, 10), (12, 12), (4, 12), (3, 60), (1, 2000), (2, 200))]
        jobs += [("thresholds", shape) for shape in ((3, 3), (4, 4), (5, 5), (6, 6), (8, 8), (10, 10), (12, 12))]
        jobs += [("sweep", shape) for shape in ((4, 4), (5, 5), (6, 6))]
        for what, shape in jobs:
            path = folder / "g.toml"
            path.write_text(game_text(shape))
            game = load_game(str(path))
            with work_limit(None) as account:
                start = time.perf_counter()
                {"solve": solve, "thresholds": compute_thresholds, "sweep": sweep}[what](game)
                elapsed = time.perf_counter() - start
            estimate = account.spent
            size = "x".join(map(str, shape))
            print(
                f"{what:10} {size:8} estimate {estimate:12,} units  measured {elapsed:7.2f} s  "
                f"{elapsed * 1e6 / estimate:5.2f} µs per unit"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-calibration", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("COLUMNS", "120")
    part_one(args.runs)
    if not args.skip_calibration:
        part_two()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
