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


def _parents(module: str) -> list[str]:
    """The packages Python imports (and runs the `__init__` of) before `module`."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def imports(name: str, source: str | None = None) -> set[str]:
    """The oneup modules that module `name` imports, with every parent package of each: Python
    runs a package's `__init__` before any module inside it. A module's own parents are left
    out: they are already being imported when it runs."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    text = path.read_text() if source is None else source
    for node in _runtime_nodes(ast.parse(text, str(path))):
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
    found |= {parent for m in found for parent in _parents(m)}
    found -= set(_parents(name))
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


def test_the_graph_counts_the_packages_python_runs_first():
    """`from .progression.values import X` runs progression/__init__ first: an edge to it."""
    found = imports("oneup_cli.words", "def f():\n    from .progression.values import Planned\n")
    assert found == {"oneup_cli.progression", "oneup_cli.progression.values"}
    found = imports("oneup_cli.render.text", "from ..progression.rules import rule\n")
    assert "oneup_cli.progression" in found
    # A module's own parents are already running when it does: no edge back to them.
    assert imports("oneup_cli.progression.day", "from ..words import note\n") == {"oneup_cli.words"}


def test_no_import_cycles_in_src():
    assert _cycles() == []


def test_a_cycle_through_a_package_init_is_found(monkeypatch):
    """words -> progression.codes runs progression/__init__, which imports values, which
    imports words: a cycle, though no module names another's package directly."""
    words = imports("oneup_cli.words", "from .progression.loads import epley\n")
    day = imports("oneup_cli.progression.day", "from ..words import note\n")
    monkeypatch.setitem(GRAPH, "oneup_cli.words", GRAPH["oneup_cli.words"] | words)
    day |= GRAPH["oneup_cli.progression.day"]
    monkeypatch.setitem(GRAPH, "oneup_cli.progression.day", day)
    assert any({"oneup_cli.words", "oneup_cli.progression"} <= set(c) for c in _cycles())


def test_importing_words_first_works():
    """What the cycle above broke: words imported first, in a fresh interpreter."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", "import oneup_cli.words, oneup_cli.progression.day"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def test_nothing_imports_the_command_layer():
    """Only `python -m oneup_cli` starts the command line; the core never reaches up."""
    for name, targets in GRAPH.items():
        if name == "oneup_cli.__main__" or name.startswith("oneup_cli.cli"):
            continue
        assert not {t for t in targets if t.startswith("oneup_cli.cli")}, name


# The modules a command module may import from the command layer: the package and what every
# command shares. One command importing another ties their changes together.
SHARED_CLI = {"oneup_cli.cli", "oneup_cli.cli.common", "oneup_cli.cli.params"}


def test_no_command_module_imports_another():
    for name, targets in GRAPH.items():
        if not name.startswith("oneup_cli.cli."):
            continue
        commands = {t for t in targets if t.startswith("oneup_cli.cli") and t not in SHARED_CLI}
        assert not commands, name


def test_no_module_is_over_600_lines():
    """Issue 9's limit, for every module under src/."""
    files = list(SRC.rglob("*.py"))
    assert len(files) == len(MODULES)
    lines = {str(p.relative_to(SRC)): len(p.read_text().splitlines()) for p in files}
    assert {name: n for name, n in lines.items() if n > 600} == {}
