"""The length of every command's ``--help`` at 80 columns, and the words it breaks.

Prints one row per command: the lines of its help at 80 columns, and the pieces of words
broken at a line's end (compared with the help at 400 columns, where nothing wraps). Usage:

    python benchmarks/help_lengths.py [--before PATH]

With ``--before`` (a source tree, e.g. ``git archive REV src | tar -x -C DIR``) the lines of
that tree's help are printed beside. The goal: at most 40 lines each, no broken word.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a fresh interpreter per source tree: the help of every command at two widths.
_PROBE = """
import json, sys
sys.path.insert(0, {tests!r})
from help_text import help_texts
print(json.dumps([help_texts(80), help_texts(400)]))
"""


def helps(tree: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Every command's help at 80 and at 400 columns, from the source tree ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    probe = _PROBE.format(tests=str(ROOT / "tests"))
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    narrow, wide = json.loads(done.stdout)
    return narrow, wide


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", type=Path, help="another source tree to compare with")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from help_text import broken_words

    narrow, wide = helps(ROOT / "src")
    before: dict[str, str] = {}
    if args.before:
        before = helps(args.before / "src" if (args.before / "src").exists() else args.before)[0]
    print(f"{'command':<14} {'lines':>5}" + (f" {'before':>6}" if before else "") + "  broken words")
    for name, text in narrow.items():
        row = f"{name or '(sovgame)':<14} {len(text.splitlines()):>5}"
        if before:
            row += f" {len(before[name].splitlines()) if name in before else '-':>6}"
        print(row + "  " + " ".join(broken_words(text, wide[name])))


if __name__ == "__main__":
    main()
