"""The package layout holds: no import cycle between modules of app/, agents/, retrieval/, training/ (imports
inside functions and under ``TYPE_CHECKING`` count), gradio is imported only under app/, and runtime modules
import no training or benchmark code.

Read from the source with ``ast``, so an import hidden in a function body is seen without running it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "agents", "retrieval", "training")
OFFLINE_ONLY = ("training", "agents.bench")  # training/evaluation and the benchmark: never on a turn's path
# The one allowed edge: `chatlens bench` is the benchmark's command, dispatched lazily by the CLI.
ENTRY_POINTS = {("app.cli", "agents.bench")}


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package ``__init__``)."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_pkg = parts[-1] == "__init__"
            out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _targets(module: str, is_pkg: bool, node: ast.Import | ast.ImportFrom, known: dict) -> list[str]:
    """Dotted names an import statement loads (``from pkg import sub`` loads ``pkg.sub`` when that is a module)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = module.split(".")[: None if is_pkg else -1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in known else prefix for a in node.names]


def import_graph(root: Path = REPO) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module -> modules of the three packages it imports, module -> every top-level package it imports)."""
    known = _modules(root)
    edges: dict[str, set[str]] = {}
    tops: dict[str, set[str]] = {}
    for module, (path, is_pkg) in known.items():
        edges[module], tops[module] = set(), set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(module, is_pkg, node, known):
                tops[module].add(target.split(".")[0])
                while target and target not in known and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in known and target != module:
                    edges[module].add(target)
    return edges, tops


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return cycles


def test_no_import_cycles_lazy_imports_included():
    edges, _ = import_graph()
    assert len(edges) > 40  # the walk found the packages
    assert "retrieval.index.base" in edges["retrieval.index.faiss_index"]
    assert find_cycles(edges) == []


def test_gradio_is_imported_only_under_app():
    _, tops = import_graph()
    assert "gradio" in tops["app.ui"]  # the walk sees gradio where it is
    outside = sorted(m for m, t in tops.items() if "gradio" in t and not m.startswith("app."))
    assert outside == []


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_runtime_modules_import_no_training_or_benchmark_code():
    edges, tops = import_graph()
    assert "retrieval.demo_encoder" in edges["training.train_demo"]  # the walk sees training's modules
    assert "agents.bench.server" in edges["agents.bench.run"]
    runtime = [m for m in edges if not any(_within(m, p) for p in OFFLINE_ONLY)]
    assert "agents.session" in runtime and "app.cli" in runtime and "retrieval.library" in runtime
    bad = sorted((m, t) for m in runtime for t in edges[m] | tops[m]
                 if any(_within(t, p) for p in OFFLINE_ONLY) and (m, t) not in ENTRY_POINTS)
    assert bad == []


@pytest.mark.parametrize("source, cyclic", [
    ({"a": "from . import b", "b": "def f():\n    from .a import x"}, True),  # a lazy import closes the cycle
    ({"a": "from . import b", "b": "import json"}, False),
])
def test_the_cycle_check_sees_function_level_imports(tmp_path, source, cyclic):
    pkg = tmp_path / "agents"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, text in source.items():
        (pkg / f"{name}.py").write_text(text + "\n")
    for other in ("app", "retrieval", "training"):
        (tmp_path / other).mkdir()
    edges, _ = import_graph(tmp_path)
    assert (find_cycles(edges) == [["agents.a", "agents.b"]]) is cyclic


def test_each_package_imports_errors_from_its_own_boundary():
    """app and agents code take their errors from ``app.errors`` / ``agents.errors`` (which re-export the shared
    ones); only those two modules reach into the package below for them."""
    edges, _ = import_graph()
    assert "retrieval.errors" in edges["agents.errors"] and "agents.errors" in edges["app.errors"]
    bad = sorted((m, t) for m, ts in edges.items() for t in ts
                 if (_within(m, "app") and m != "app.errors" and t in ("retrieval.errors", "agents.errors"))
                 or (_within(m, "agents") and not _within(m, "agents.bench") and m != "agents.errors"
                     and t == "retrieval.errors"))
    assert bad == []


def test_agents_see_the_retriever_only_through_their_ports():
    """Only ``Assistant.build`` (agents/session.py) names the concrete Retriever; every other agents module is
    typed against ``agents.ports`` (benchmarks aside)."""
    edges, _ = import_graph()
    users = sorted(m for m, ts in edges.items() if "retrieval.retriever" in ts and _within(m, "agents")
                   and not _within(m, "agents.bench"))
    assert users == ["agents.session"]
    assert "agents.ports" in edges["agents.questioner"] and "agents.ports" in edges["agents.session"]
