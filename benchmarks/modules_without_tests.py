"""Which modules of sovgame have no test file of their own (``tests/<package>/test_<module>.py``)?

Prints each such module with its length in lines, longest first, and the count; package
``__init__`` files count only when they hold code beyond imports and a docstring.

    python benchmarks/modules_without_tests.py
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "sovgame"


def holds_code(path: Path) -> bool:
    """Whether the module defines anything (functions, classes, assignments), not only imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
    return any(isinstance(node, kinds) for node in tree.body)


def own_test(path: Path) -> Path:
    """tests/<package>/test_<module>.py; a package's ``__init__`` by the package's name
    (``sovgame/__init__.py``: tests/test_sovgame.py)."""
    relative = path.relative_to(SOURCE)
    name = path.stem if path.stem != "__init__" else (relative.parent.name or "sovgame")
    return ROOT / "tests" / relative.parent / f"test_{name}.py"


def main() -> None:
    modules = [p for p in sorted(SOURCE.rglob("*.py")) if p.name != "__main__.py" and holds_code(p)]
    missing = [p for p in modules if not own_test(p).exists()]
    lengths = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in missing}
    for p in sorted(missing, key=lambda p: -lengths[p]):
        print(f"{lengths[p]:5}  {p.relative_to(ROOT)}")
    print(f"{len(missing)} of {len(modules)} modules have no test file of their own")


if __name__ == "__main__":
    main()
