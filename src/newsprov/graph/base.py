"""What a store is to the rest of newsprov: the interface both stores implement, and their rows.

``graph.store.GraphStore`` (an embedded Oxigraph database in a folder) and
``graph.remote.RemoteStore`` (a SPARQL 1.1 server) implement :class:`Store`;
``graph.location.open_store`` opens one or the other. Readers ask ``select`` (rows as dicts
of lexical values) or ``tuples`` (rows as tuples, for large scans); ``query`` gives the
engine's own answer, for the commands that print SPARQL results as they come (``query``,
``serve``).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

EXPORT_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
                  "jsonld": "JSON_LD", "xml": "RDF_XML"}
DATASET_FORMATS = {"nquads", "trig", "jsonld"}
DEFAULT_STORE = "newsprov.db"
REMOTE_SCHEMES = ("http://", "https://")


@runtime_checkable
class Store(Protocol):
    """A newsprov store: one named graph per article, derived graphs beside them."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc) -> None: ...

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        """Replace each named graph (IRI -> N-Triples text; '' drops it) in one transaction."""

    def add_graphs(self, graphs: dict[str, str]) -> None:
        """Add graphs that are not in the store yet (new articles), in one transaction."""

    def write_derived(self, graphs: dict[str, str], seal: tuple[str, str]) -> None:
        """Write derived graphs (figure links, matches), the seal (graph IRI, N-Triples) last."""

    def fingerprints(self) -> dict[str, str]:
        """Article graph IRI -> fingerprint of what produced it (text, metadata, extractor)."""

    def select(self, sparql: str) -> list[dict[str, str | None]]:
        """A SELECT over the union of the article graphs: variable -> lexical value (None when unbound)."""

    def tuples(self, sparql: str) -> Iterator[tuple[str, ...]]:
        """A SELECT whose variables are all bound, as tuples in the order of its variables."""

    def query(self, sparql: str, prefixes: dict[str, str] | None = None, union: bool = True):
        """Any SPARQL query, answered as the engine answers it (pyoxigraph's result types)."""

    def triple_count(self) -> int: ...

    def export(self, fmt: str, output=None) -> bytes | None:
        """The store as RDF in one of ``EXPORT_FORMATS``: returned, or streamed to ``output``."""


def is_remote(location: object) -> bool:
    """An http(s) URL (a SPARQL server's, a series to download), not a path."""
    return isinstance(location, str) and location.lower().startswith(REMOTE_SCHEMES)


def value_rows(solutions) -> Iterator[tuple[str, ...]]:
    """SELECT solutions whose variables are all bound, as tuples of lexical values in the order
    of the variables: lighter than ``rows_of`` for the large scans that are joined in Python."""
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield tuple(solution[name].value for name in names)


def rows_of(solutions) -> list[dict[str, str | None]]:
    """SELECT solutions as plain rows: variable name -> lexical value (None when unbound)."""
    names = [v.value for v in solutions.variables]
    return [{name: (s[name].value if s[name] is not None else None) for name in names} for s in solutions]
