"""The shape of src/: no import cycles, and the command layer on top (nothing imports it).

Every import counts, also those inside functions (they run too), but not those under
`if TYPE_CHECKING:` (they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

SRC = REPO / "src"
PACKAGE = "oneup_cli"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in (SRC / PACKAGE).rglob("*.py")}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                todo.extend(child.orelse)
                continue
            todo.append(child)
    return found


def imports(name: str) -> set[str]:
    """The oneup modules that module `name` imports."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports(name) for name in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_is_read():
    assert "oneup_cli.parse" in GRAPH["oneup_cli.service"]
    assert "oneup_cli.batch" in GRAPH["oneup_cli.cli.bulk"]
    assert "oneup_cli.cli" in GRAPH["oneup_cli.__main__"]


def test_no_import_cycles_in_src():
    assert _cycles() == []


def test_nothing_imports_the_command_layer():
    """Only `python -m oneup_cli` starts the command line; the core never reaches up."""
    for name, targets in GRAPH.items():
        if name == "oneup_cli.__main__" or name.startswith("oneup_cli.cli"):
            continue
        assert not {t for t in targets if t.startswith("oneup_cli.cli")}, name


def test_the_layers_of_this_refactor_stay_under_600_lines():
    """Issue 9 asks it of every module; these are the command layer and the core it calls."""
    mine = [n for n in MODULES if n.startswith(("oneup_cli.cli", "oneup_cli.batch"))]
    mine += ["oneup_cli.parse", "oneup_cli.files", "oneup_cli.service", "oneup_cli.planning"]
    long = {n: k for n in mine if (k := len(MODULES[n].read_text().splitlines())) > 600}
    assert not long
