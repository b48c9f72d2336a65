"""Shipped example SPARQL queries and the runner behind `newsprov query`."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, StoreError, reason, setting
from ..graph.sparql import SERVICE_REFUSED, names_dataset, uses_service
from ..graph.base import rows_of
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


def run_query(store, text: str, allow_service: bool = False):
    """('rows', [dict]) for SELECT, ('boolean', bool) for ASK, ('rdf', turtle) for CONSTRUCT/DESCRIBE.

    Over the union of the article graphs, or over the graphs the query names with FROM and
    FROM NAMED. A query that calls another endpoint (SERVICE) is refused unless
    ``allow_service``: the engine would make the call itself."""
    import pyoxigraph  # lazily: heavy; listing the examples needs none

    if not allow_service and uses_service(text):
        raise InputError(f"{SERVICE_REFUSED} ({setting('allow_service')})")
    result = store.query(text, PREFIX_MAP, union=not names_dataset(text))
    try:
        if isinstance(result, (bool, pyoxigraph.QueryBoolean)):
            return "boolean", bool(result)
        if hasattr(result, "variables"):  # pyoxigraph's QuerySolutions, or a remote store's read in full
            return "rows", rows_of(result)
        return "rdf", pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.TURTLE,
                                           prefixes=PREFIX_MAP).decode("utf-8")
    except (OSError, RuntimeError) as exc:
        # evaluated lazily: an endpoint a SERVICE called that failed or answered nonsense
        raise StoreError(f"the query failed while it ran: {reason(exc)}") from None
