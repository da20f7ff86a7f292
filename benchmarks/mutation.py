"""Mutation testing: do the tests notice when the code is changed a little?

Each mutant is the module's current source with one small change (a comparison made strict or
loose, + and − swapped, min and max swapped, ``and`` and ``or`` swapped, True and False swapped,
a number changed by one, a condition negated, a returned value replaced by None). For each
mutant the tests of the module's package run against a copy of the source holding it
(``tests/core`` for ``core/roots.py``; the package's test files that import from the module
first, its own test file leading, then the whole package if the mutant survives them; each run
stops at the first failure); a mutant that fails them is *killed*, one that passes *survives*, one that runs past
the time cap *timed out* (counted as detected: it changed what the code does, e.g. a loop that
never ends). The script prints per module the mutants tried, killed, survived and timed out and
the score (killed + timed out over tried), then lists each survivor as file:line and the change,
to be examined: a survivor is a missing test or an equivalent change.

    python benchmarks/mutation.py                          # every mutant of the five modules
    python benchmarks/mutation.py --sample 40 --seed 1     # 40 drawn per module
    python benchmarks/mutation.py --modules core/roots.py --minutes 30
    python benchmarks/mutation.py --modules solvers/verify.py --lines 51 52   # those lines only
    python benchmarks/mutation.py --list                   # the mutants, without running tests

Mutants are generated from the source as it is when the script runs, so it works on whatever
the modules have become. It is not part of CI: a full run takes an hour or more on one core.
The source is copied to a temporary folder (each version of the mutated module gets its own
modification time, so no stale byte code is used); the working tree is never touched.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sovgame"

MODULES = ("core/intervals.py", "core/roots.py", "costs/verdicts.py", "costs/thresholds.py", "solvers/verify.py")

COMPARISONS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
ARITHMETIC = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult}
SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
}


@dataclass(frozen=True)
class Mutant:
    """One change: the node at (line, col)–(end_line, end_col) of ``module`` becomes ``text``."""

    module: str
    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    change: str

    def apply(self, source: str) -> str:
        """The module's source with this change."""
        lines = source.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line.encode()))
        raw = source.encode()
        start = offsets[self.line - 1] + self.col
        end = offsets[self.end_line - 1] + self.end_col
        return (raw[:start] + f"({self.text})".encode() + raw[end:]).decode()

    @property
    def where(self) -> str:
        return f"src/sovgame/{self.module}:{self.line}"


# --- generating mutants ---------------------------------------------------------------------------


def _skipped(tree: ast.Module) -> set[int]:
    """ids of nodes whose changes say nothing about the computation: f-strings and messages of
    raised errors, docstrings, annotations."""
    skipped: set[int] = set()

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            skipped.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.JoinedStr, ast.Raise)):
            skip(node)
        elif isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        elif isinstance(node, ast.arg):
            skip(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            skip(node.returns)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip(node)
    return skipped


def _variants(node: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """(the mutated node, a description) for each change of ``node`` itself."""
    old = ast.unparse(node)
    if isinstance(node, ast.Compare):
        for k, op in enumerate(node.ops):
            if type(op) in COMPARISONS:
                ops = list(node.ops)
                ops[k] = COMPARISONS[type(op)]()
                yield ast.Compare(node.left, ops, node.comparators), f"{SYMBOLS[type(op)]} -> {SYMBOLS[type(ops[k])]}"
    elif isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        new_op = ARITHMETIC[type(node.op)]()
        yield ast.BinOp(node.left, new_op, node.right), f"{SYMBOLS[type(node.op)]} -> {SYMBOLS[type(new_op)]}"
    elif isinstance(node, ast.BoolOp):
        swapped = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield ast.BoolOp(swapped, node.values), "and -> or" if isinstance(node.op, ast.And) else "or -> and"
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
        other = "max" if node.func.id == "min" else "min"
        yield ast.Call(ast.Name(other, ast.Load()), node.args, node.keywords), f"{node.func.id} -> {other}"
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield ast.Constant(not node.value), f"{node.value} -> {not node.value}"
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        yield ast.Constant(node.value + 1), f"{old} -> {ast.unparse(ast.Constant(node.value + 1))}"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield node.operand, f"not removed: {old}"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield node.operand, f"minus removed: {old}"


def _conditions(tree: ast.Module) -> Iterator[ast.expr]:
    """Tests of if/while/if-expressions and comprehensions: each may be negated."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            yield node.test
        elif isinstance(node, ast.comprehension):
            yield from node.ifs


def _returns(tree: ast.Module) -> Iterator[ast.expr]:
    """Returned values other than constants (those are changed as constants)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and node.value is not None and not isinstance(node.value, ast.Constant):
            yield node.value


def mutants(module: str) -> list[Mutant]:
    """Every mutant of ``module`` (a path below src/sovgame), in source order."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    skipped = _skipped(tree)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found: list[Mutant] = []

    def add(node: ast.AST, new: ast.AST | str, change: str) -> None:
        text = new if isinstance(new, str) else ast.unparse(new)
        found.append(Mutant(module, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, text, change))  # type: ignore[attr-defined, arg-type]

    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in docstrings or not hasattr(node, "end_col_offset"):
            continue
        for new, change in _variants(node):
            add(node, new, change)
    for test in _conditions(tree):
        if id(test) not in skipped:
            add(test, f"not ({ast.unparse(test)})", f"condition negated: {_short(ast.unparse(test))}")
    for value in _returns(tree):
        if id(value) not in skipped:
            add(value, "None", f"return {_short(ast.unparse(value))} -> return None")
    # Drop changes that do not compile (e.g. a constant that became invalid where it stands).
    valid = []
    for m in sorted(found, key=lambda m: (m.line, m.col, m.change)):
        try:
            compile(m.apply(source), module, "exec")
        except SyntaxError:
            continue
        valid.append(m)
    return valid


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- running the tests against a mutant -----------------------------------------------------------


def test_paths(module: str) -> list[str]:
    """The tests that name the module (its own test file first, then the package's other test
    files that import from it), then the whole package's tests."""
    package, name = module.split("/")
    own = ROOT / "tests" / package / f"test_{name}"
    dotted = "sovgame." + module.removesuffix(".py").replace("/", ".")
    naming = [own] if own.exists() else []
    naming += [
        path
        for path in sorted((ROOT / "tests" / package).glob("test_*.py"))
        if path != own and dotted in path.read_text(encoding="utf-8")
    ]
    return [str(path.relative_to(ROOT)) for path in naming] + [f"tests/{package}"]


def _pytest(copy: Path, paths: list[str], timeout: float) -> str:
    """ "killed", "survived" or "timed out" for one pytest run over ``paths``."""
    env = {**os.environ, "PYTHONPATH": str(copy), "COLUMNS": "120"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *paths]
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timed out"
    # pytest: 0 all passed, 1 some failed; anything else (errors while collecting) also kills.
    return "survived" if done.returncode == 0 else "killed"


def run_tests(copy: Path, module: str, timeout: float) -> tuple[str, float]:
    """("killed" | "survived" | "timed out", seconds) for the copy as it stands: the test files
    that name the module first (quick to collect), then, if the mutant survives them, the
    whole package."""
    start = time.monotonic()
    paths = test_paths(module)
    outcome = _pytest(copy, paths[:-1], timeout) if len(paths) > 1 else "survived"
    if outcome == "survived":
        outcome = _pytest(copy, paths[-1:], timeout)
    return outcome, time.monotonic() - start


def write(path: Path, text: str, mtime: float) -> None:
    """Write ``text`` with its own modification time: byte code cached for another version
    (same size, same second) is then never taken for this one, and the unchanged modules keep
    theirs."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


def check_copy(copy: Path) -> None:
    """The tests must import the copy, not the installed source."""
    env = {**os.environ, "PYTHONPATH": str(copy)}
    where = subprocess.run(
        [sys.executable, "-c", "import sovgame; print(sovgame.__file__)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not where.startswith(str(copy)):
        sys.exit(f"the tests would import {where}, not the copy in {copy}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", nargs="+", default=list(MODULES), help="paths below src/sovgame")
    parser.add_argument(
        "--sample", type=int, nargs="+", default=None, help="mutants drawn per module (one number, or one per module)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the draw")
    parser.add_argument("--minutes", type=float, default=None, help="stop starting mutants after this long")
    parser.add_argument("--lines", type=int, nargs="+", default=None, help="only mutants on these lines")
    parser.add_argument("--list", action="store_true", help="list the mutants only")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # progress as it comes

    chosen: dict[str, list[Mutant]] = {}
    samples = args.sample or [None]
    for k, module in enumerate(args.modules):
        found = mutants(module)
        if args.lines is not None:
            found = [m for m in found if m.line in args.lines]
        size = samples[min(k, len(samples) - 1)]
        if size is not None and size < len(found):
            found = sorted(random.Random(f"{args.seed}:{module}").sample(found, size), key=lambda m: m.line)
        chosen[module] = found
    if args.list:
        for module, found in chosen.items():
            print(f"{module}: {len(found)} mutants")
            for m in found:
                print(f"  {m.where}  {m.change}")
        return

    deadline = None if args.minutes is None else time.monotonic() + 60 * args.minutes
    results: dict[str, dict[str, list[Mutant]]] = {}
    baselines: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="sovgame-mutants-") as folder:
        # src/sovgame and games/ side by side, as in a checkout: the copy finds the bundled games.
        copy = Path(folder) / "src"
        shutil.copytree(PACKAGE, copy / "sovgame", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "games", Path(folder) / "games")
        check_copy(copy)
        for module, found in chosen.items():
            target = copy / "sovgame" / module
            original = target.read_text(encoding="utf-8")
            package = module.split("/")[0]
            if package not in baselines:  # the package's tests once, unchanged: they must pass
                outcome, baselines[package] = run_tests(copy, module, timeout=3600)
                if outcome != "survived":
                    sys.exit(f"{module}: the tests fail without any mutant; fix them first")
            baseline = baselines[package]
            timeout = max(60.0, 3 * baseline)
            print(f"{module}: {len(found)} mutants; tests {' '.join(test_paths(module))} take {baseline:.0f} s")
            results[module] = {"killed": [], "survived": [], "timed out": []}
            stamp = target.stat().st_mtime
            for k, mutant in enumerate(found, 1):
                if deadline is not None and time.monotonic() > deadline:
                    print("  time cap reached")
                    break
                write(target, mutant.apply(original), stamp + k)
                try:
                    outcome, seconds = run_tests(copy, module, timeout)
                finally:
                    write(target, original, stamp)
                results[module][outcome].append(mutant)
                print(f"  [{k}/{len(found)}] {outcome:9} {seconds:5.1f} s  {mutant.where}  {mutant.change}", flush=True)
    report(results)


def report(results: dict[str, dict[str, list[Mutant]]]) -> None:
    """The table of scores and the survivors."""
    print(f"\n{'module':24} {'tried':>6} {'killed':>7} {'survived':>9} {'timed out':>10} {'score':>7}")
    totals = [0, 0, 0, 0]
    for module, outcome in results.items():
        counts = [len(outcome["killed"]), len(outcome["survived"]), len(outcome["timed out"])]
        tried = sum(counts)
        totals = [t + c for t, c in zip(totals, [tried, *counts])]
        score = (counts[0] + counts[2]) / tried if tried else float("nan")
        print(f"{module:24} {tried:6} {counts[0]:7} {counts[1]:9} {counts[2]:10} {score:7.1%}")
    tried, killed, survived, timed_out = totals
    if tried:
        print(f"{'all':24} {tried:6} {killed:7} {survived:9} {timed_out:10} {(killed + timed_out) / tried:7.1%}")
    survivors = [m for outcome in results.values() for m in outcome["survived"]]
    if survivors:
        print("\nsurvivors:")
        for m in survivors:
            print(f"  {m.where}  {m.change}")


if __name__ == "__main__":
    main()
