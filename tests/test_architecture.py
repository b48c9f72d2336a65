"""The package's shape: what imports what, and the interfaces its parts share."""
from __future__ import annotations

import ast

import networkx as nx

from conftest import ROOT

PACKAGE = ROOT / "src" / "newsprov"


def _module(path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> nx.DiGraph:
    """Module -> the package's modules it imports, at module level or inside a function."""
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = (package.split(".")[:len(package.split(".")) - node.level + 1] if node.level
                        else [])
                origin = ".".join(base + ([node.module] if node.module else []))
                targets = ([origin] if node.module else []) + [f"{origin}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                if target in modules and target != name:
                    graph.add_edge(name, target)
    return graph


def test_no_module_imports_another_that_imports_it_back():
    graph = _imports()
    assert len(graph) > 40 and graph.has_edge("newsprov.cli", "newsprov.graph.location")  # the walk sees imports
    cycles = sorted(nx.simple_cycles(graph), key=len)
    assert cycles == [], f"import cycles: {[' -> '.join(c) for c in cycles[:5]]}"


def test_both_stores_implement_the_store_interface(tmp_path):
    from newsprov.graph.base import Store
    from newsprov.graph.location import open_store, store_location
    from newsprov.graph.remote import RemoteStore
    from newsprov.graph.store import GraphStore

    with open_store(store_location(str(tmp_path / "s.db"))) as store:
        assert isinstance(store, GraphStore) and isinstance(store, Store)
        store.replace_graphs({"https://example.org/g": "<https://example.org/a> <https://example.org/b> \"1\" .\n"})
        assert store.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "1"}]
        assert list(store.tuples("SELECT ?s ?o WHERE { ?s ?p ?o }")) == [("https://example.org/a", "1")]
    remote = open_store(store_location("http://127.0.0.1:9/"), read_only=True)  # nothing is sent until asked
    assert isinstance(remote, RemoteStore) and isinstance(remote, Store)
    members = {name for name in vars(Store) if not name.startswith("_") or name in ("__enter__", "__exit__")}
    for cls in (GraphStore, RemoteStore):
        assert all(callable(getattr(cls, name, None)) for name in members - {"__protocol_attrs__"}), cls


def _function_level_imports() -> list[tuple[str, int, str]]:
    """(file, line, text) of every import inside a function of the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        inner = {sub.lineno for node in ast.walk(ast.parse(text)) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for sub in ast.walk(node) if isinstance(sub, (ast.Import, ast.ImportFrom))}
        found += [(str(path.relative_to(PACKAGE)), line, lines[line - 1]) for line in sorted(inner)]
    return found


def _says_why(path: str, line: int) -> bool:
    """The import's own line, or the comment over its group of imports, says why it waits: '# lazily: ...'."""
    lines = (PACKAGE / path).read_text(encoding="utf-8").splitlines()
    at = line - 1
    if "lazily" in lines[at]:
        return True
    while at > 0 and lines[at - 1].strip().startswith(("from ", "import ")):
        at -= 1
        if "lazily" in lines[at]:
            return True
    return at > 0 and lines[at - 1].strip().startswith("# lazily")


def test_an_import_inside_a_function_says_why_it_waits():
    """Modules import what they use at the top; an import inside a function is kept only for a heavy
    or optional library (spaCy, rdflib, networkx, pyoxigraph, pySHACL, Dask, rich...) that a command
    may never need, and says so in a '# lazily:' comment."""
    imports = _function_level_imports()
    assert imports, "the walk finds the lazy imports"
    silent = [f"{path}:{line}: {text.strip()}" for path, line, text in imports if not _says_why(path, line)]
    assert silent == [], "imports inside functions with no '# lazily:' reason:\n" + "\n".join(silent)
