"""Shipped example SPARQL queries and the runner behind `newsprov query`."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..graph.store import rows_of
from ..graph.vocab import PREFIX_MAP

HERE = Path(__file__).resolve().parent


def example_queries() -> list[tuple[str, str]]:
    result = []
    for path in sorted(HERE.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        result.append((path.stem, first.lstrip("# ").strip()))
    return result


def load_example(name: str) -> str:
    path = HERE / f"{name}.rq"
    if not path.is_file():
        names = ", ".join(n for n, _ in example_queries())
        raise InputError(f"no example query {name!r}; choose one of: {names}")
    return path.read_text(encoding="utf-8")


def run_query(store, text: str):
    """('rows', [dict]) for SELECT, ('boolean', bool) for ASK, ('rdf', turtle) for CONSTRUCT/DESCRIBE."""
    import pyoxigraph

    result = store.query(text, PREFIX_MAP)
    if isinstance(result, (bool, pyoxigraph.QueryBoolean)):
        return "boolean", bool(result)
    if hasattr(result, "variables"):  # pyoxigraph's QuerySolutions, or a remote store's read in full
        return "rows", rows_of(result)
    return "rdf", pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIX_MAP).decode("utf-8")
