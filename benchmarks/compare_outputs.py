"""Are the outputs of today's code byte-identical to those of an earlier commit?

Runs the same commands over the bundled games with the source of ``--baseline`` (checked out
into a temporary git worktree) and with the working tree, and prints each command with
``same`` or ``DIFFERS`` (and the first differing lines). Exits 1 when any output differs.

    python benchmarks/compare_outputs.py --baseline a83fcdf
    python benchmarks/compare_outputs.py --baseline HEAD~3 --only analyze

Both run with the same interpreter (the one running this script), a fixed terminal width and
no colour; each side reads the bundled games of its own checkout (``games/``).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (label, arguments). Each prints results on stdout, or writes the file ``{out}/...`` whose
#: bytes are compared; robust uses a fixed seed.
COMMANDS: list[tuple[str, list[str]]] = [
    ("games", ["games"]),
    ("show", ["show", "pakistan_afghanistan"]),
    ("solve", ["solve", "pakistan_afghanistan"]),
    ("solve-json", ["solve", "stag_hunt", "--format", "json"]),
    ("solve-kappa", ["solve", "pakistan_afghanistan", "--kappa", "4/3"]),
    ("thresholds", ["thresholds", "pakistan_afghanistan"]),
    ("thresholds-json", ["thresholds", "pakistan_afghanistan_escalation", "--format", "json"]),
    ("thresholds-csv", ["thresholds", "pakistan_afghanistan", "--format", "csv"]),
    ("thresholds-capacity", ["thresholds", "pakistan_afghanistan_capacity", "--vary", "capacity"]),
    ("sweep", ["sweep", "pakistan_afghanistan_campaign"]),
    ("analyze", ["analyze", "pakistan_afghanistan"]),
    ("analyze-json", ["analyze", "pakistan_afghanistan", "--format", "json"]),
    ("analyze-india", ["analyze", "pakistan_afghanistan_india"]),
    ("claims", ["claims", "pakistan_afghanistan"]),
    ("claims-json", ["claims", "pakistan_afghanistan", "--format", "json"]),
    ("whatif", ["whatif", "pakistan_afghanistan", "--set", "cost:trade_disruption=1,1"]),
    ("scenarios", ["scenarios", "scenario_status_quo", "scenario_escalation", "scenario_india_engaged"]),
    ("mediate", ["mediate", "pakistan_afghanistan_mediation", "--format", "json"]),
    ("repeated", ["repeated", "pakistan_afghanistan_repeated"]),
    ("sequential", ["sequential", "pakistan_afghanistan_commitment", "--format", "json"]),
    ("trust", ["trust", "pakistan_afghanistan_types", "--kappa", "2"]),
    ("dynamics", ["dynamics", "stag_hunt", "--start", "0.7,0.3;0.7,0.3", "--format", "json"]),
    ("sensitivity", ["sensitivity", "pakistan_afghanistan", "--top", "10"]),
    ("sensitivity-json", ["sensitivity", "pakistan_afghanistan", "--criterion", "unique", "--format", "json"]),
    ("robust", ["robust", "pakistan_afghanistan", "--samples", "4000", "--seed", "1", "--format", "json"]),
    ("report-md", ["report", "pakistan_afghanistan", "-o", "{out}/report.md"]),
    ("report-json", ["report", "pakistan_afghanistan_escalation", "-o", "{out}/report.json"]),
]


def run(src: Path, games: Path, args: list[str]) -> tuple[int, str, str]:
    """One command with the package of ``src`` first on the path; a file it writes into
    ``{out}`` is appended to its standard output."""
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    with tempfile.TemporaryDirectory() as out:
        args = [a.replace("{out}", out) for a in args]
        done = subprocess.run(
            [sys.executable, "-m", "sovgame", *args], capture_output=True, text=True, env=env, cwd=games, timeout=300
        )
        written = "".join(f"\n--- {p.name}\n{_contents(p)}" for p in sorted(Path(out).iterdir()))
        return done.returncode, done.stdout + written, done.stderr.replace(out, "{out}")


def _contents(path: Path) -> str:
    """A written text file as it is; any other (a chart) by its size and digest."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the commit to compare with")
    parser.add_argument("--only", action="append", default=[], help="labels to run (all when not given)")
    options = parser.parse_args()
    commands = [c for c in COMMANDS if not options.only or c[0] in options.only]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), options.baseline],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            differing = 0
            for label, args in commands:
                before = run(tree / "src", tree / "games", args)
                after = run(ROOT / "src", ROOT / "games", args)
                same = before == after
                differing += not same
                failed = "" if before[0] == 0 else f" (exit {before[0]} before: not a useful comparison)"
                print(f"{'same' if same else 'DIFFERS':8} {label:22} sovgame {' '.join(args)}{failed}")
                if not same:
                    diff = difflib.unified_diff(
                        f"exit {before[0]}\n{before[1]}{before[2]}".splitlines(),
                        f"exit {after[0]}\n{after[1]}{after[2]}".splitlines(),
                        "before",
                        "after",
                        lineterm="",
                        n=1,
                    )
                    print("\n".join(f"    {line}" for line in list(diff)[:30]))
            print(f"{len(commands) - differing} of {len(commands)} commands print the same bytes")
            return 1 if differing else 0
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
