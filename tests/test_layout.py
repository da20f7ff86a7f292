"""The package's shape stays readable: short modules, short functions, no import cycles, and
the layering that docs/architecture.md describes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sovgame"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
#: A function may be longer when a comment starting with this says why.
JUSTIFIED = "# long:"
#: Each package may import only those below it (and itself); cli and __init__ may import all.
LAYERS = [
    "errors",
    "core",
    "sections",
    "files",
    "solvers",
    "costs",
    "play",
    "robustness",
    "claims",
    "sensitivity",
    "findings",
    "present",
    "loading",  # the public loaders: the file reader given the claim kinds' reader
]
#: Modules that still call each other from inside functions: grim-trigger thresholds are part
#: of the threshold report and follow its criteria.
KNOWN_CYCLES = [{"sovgame.costs.grim", "sovgame.costs.thresholds"}]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, top_level_only: bool = False) -> set[str]:
    """Modules of sovgame imported by ``path`` (relative imports resolved): anywhere in it, or
    with ``top_level_only`` only the imports run when the module loads (not inside functions,
    not under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("sovgame"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("sovgame"))
    known = {module_name(p) for p in MODULES}
    return {name for name in found if name in known} - {module_name(path)}


def top_level_imports_of(path: Path) -> set[str]:
    """Like :func:`imports_of`, but only imports run when the module loads."""
    return imports_of(path, top_level_only=True)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_modules_are_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module_name(path)} has {lines} lines; split it by concern"


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of a function without its docstring (long docstrings are welcome)."""
    total = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        total -= first.end_lineno - first.lineno + 1
    return total


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_functions_are_short_or_say_why(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    long = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and code_lines(node) > MAX_FUNCTION_LINES:
            body = lines[node.lineno - 1 : node.end_lineno]
            if not any(line.strip().startswith(JUSTIFIED) for line in body):
                long.append(f"{node.name} ({code_lines(node)} lines)")
    assert not long, f"{module_name(path)}: {', '.join(long)}; split them or say why in a '{JUSTIFIED}' comment"


def test_no_import_cycles():
    graph = {module_name(p): top_level_imports_of(p) for p in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt == node or nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in graph), None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_cycles_counting_imports_inside_functions():
    """An import inside a function or under ``if TYPE_CHECKING`` still ties two modules: none
    may import each other that way either."""
    graph = {module_name(p): imports_of(p) for p in MODULES}
    cycles = strongly_connected(graph)
    assert all(cycle in KNOWN_CYCLES for cycle in cycles), [sorted(c) for c in cycles if c not in KNOWN_CYCLES]


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_packages_import_only_lower_layers(path):
    own = layer_of(module_name(path))
    if own is None:  # cli, __init__, __main__ sit on top
        return
    upward = sorted(
        name
        for name in imports_of(path)
        if (other := layer_of(name)) is not None and LAYERS.index(other) > LAYERS.index(own)
    )
    assert not upward, f"{module_name(path)} ({own}) imports higher layers: {', '.join(upward)}"
