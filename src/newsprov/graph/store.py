"""The persistent graph store: an embedded Oxigraph database, one named graph per article.

No server: the store is a folder (default ``./newsprov.db``). Each batch of
articles is written in one transaction (an N-Quads load, or a SPARQL Update when
it replaces articles), so a batch lands whole or not at all. Graphs derived from
the articles (figure links, reference matches) can always be computed again:
they are bulk-loaded and sealed last, and an unsealed write reads as stale. A location starting with http:// or
https:// is a SPARQL server instead (``remote.RemoteStore``; both implement ``base.Store``).
"""
from __future__ import annotations

import gc
import re
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, NotFoundError, StoreError, reason, setting
from .base import DATASET_FORMATS, EXPORT_FORMATS, rows_of, value_rows
from .build import as_nquads
from .jsonld import write_jsonld
from .sparql import syntax_hint
from .vocab import NP
from .vocab import PREFIX_MAP as prefixes

BULK_FROM = 100_000  # derived triples from which the bulk loader is faster than a transaction


READ_ONLY_ATTEMPTS = 5  # openings for reading tried before a store is called broken (about 1 s in all)


class GraphStore:
    def __init__(self, path: Path, read_only: bool = False):
        import pyoxigraph  # lazily: heavy; `newsprov --help` and the remote store need none

        self.path = path
        self.ox = pyoxigraph
        if read_only and not path.exists():
            raise NotFoundError(f"no store at {path}; run `newsprov ingest PATH` first or pass {setting('store')}")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a newsprov store folder; pass another {setting('store')}")
        if path.is_dir() and not (path / "CURRENT").exists() and any(path.iterdir()):
            # a folder of something else (articles, say): neither read it as a store nor write one into it
            raise StoreError(f"{path} is a folder but not a newsprov store (it holds other files); pass the "
                             f"store's folder, or a new or empty one, with {setting('store')}")
        try:
            self.store = self._read_only(path) if read_only else pyoxigraph.Store(str(path))
        except (OSError, RuntimeError) as exc:  # RocksDB says 'Corruption: ...' as a RuntimeError
            text = reason(exc, None)
            read_only_because = re.search(r"Permission denied|Read-only file system", text)
            if read_only_because:  # 'IO error: While open a file for appending: s.db/LOG: Permission denied'
                why = read_only_because.group().lower()
                if not path.exists():
                    raise StoreError(f"cannot create the store at {path}: its folder is read-only ({why}); "
                                     f"pass another {setting('store')}") from None
                fix = (f"make it writable (chmod -R u+w {path})" if why == "permission denied"
                       else "copy it to a writable disk")
                raise StoreError(f"the store at {path} is read-only ({why}); {fix} or pass another {setting('store')}; "
                                 f"the commands that only read it work as it is") from None
            if re.search(r"\block\b", text, re.IGNORECASE):  # RocksDB's 'lock file', not a 'block checksum'
                raise StoreError(f"{path} is locked by another newsprov process; wait for it to finish") from None
            damaged = "is damaged" if text.startswith("Corruption") else "cannot be opened"
            raise StoreError(f"the store at {path} {damaged} ({reason(exc)}); move it "
                             f"aside and ingest again into a new store, or pass another {setting('store')}") from None

    def _read_only(self, path: Path):
        """The store opened for reading, which takes no lock. Another process writing it (an
        ingest, or one that has just opened it and is rotating its log) can make an opening
        fail for a moment ('No such file or directory' for a log file it renamed): try again a
        few times before calling the store broken."""
        for attempt in range(READ_ONLY_ATTEMPTS):
            try:
                return self.ox.Store.read_only(str(path))
            except (OSError, RuntimeError):
                if attempt == READ_ONLY_ATTEMPTS - 1:
                    raise
                time.sleep(0.1 * (attempt + 1))

    def close(self) -> None:
        """Release the database (and its lock) now rather than at garbage collection."""
        self.store = None
        gc.collect()

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def replace_graphs(self, graphs: dict[str, str]) -> None:
        """Replace each named graph (IRI -> N-Triples text) in one transaction."""
        if not graphs:
            return
        parts = []
        for iri, ntriples in graphs.items():
            parts.append(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}\n}} }}")
        try:
            self.store.update(" ;\n".join(parts))
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise write_error(self.path, exc) from None
        self._flush()

    def add_graphs(self, graphs: dict[str, str]) -> None:
        """Add named graphs that are not in the store yet (IRI -> N-Triples text), in one
        transaction: a load of N-Quads, several times faster than parsing a SPARQL Update."""
        if not graphs:
            return
        data = "".join(as_nquads(iri, ntriples) for iri, ntriples in graphs.items()).encode("utf-8")
        try:
            self.store.load(data, format=self.ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise write_error(self.path, exc) from None
        self._flush()

    def _flush(self) -> None:
        """After a transaction: a failure here comes after it landed (it is in the write-ahead log)."""
        try:
            self.store.flush()
        except (OSError, RuntimeError) as exc:
            error = write_error(self.path, exc, "this write landed, but could not be flushed to disk")
            error.landed = True
            raise error from None

    def write_derived(self, graphs: dict[str, str], seal: tuple[str, str]) -> None:
        """Replace graphs derived from the articles (IRI -> N-Triples text; empty text: drop the
        graph), which can always be computed again, then seal them. The old seal is removed
        first and the new one, ``seal`` (graph IRI, N-Triples: the stamp saying what they were
        computed from), is written last in a transaction of its own: a write stopped half way
        leaves no seal, the graphs read as stale and the next ingest computes them again. A large write goes through the bulk
        loader: a SPARQL Update of a million triples takes minutes, the bulk loader seconds."""
        ox = self.ox
        seal_iri, seal_ntriples = seal
        bulk = sum(ntriples.count("\n") for ntriples in graphs.values()) > BULK_FROM
        try:
            self.store.remove_graph(ox.NamedNode(seal_iri))
            for iri in graphs:
                self.store.remove_graph(ox.NamedNode(iri))
            # in pieces of about BULK_FROM triples, so memory holds one piece, not the whole text twice
            piece: list[str] = []
            size = 0
            for iri, ntriples in [*graphs.items(), ("", "")]:
                if piece and (not iri or size >= BULK_FROM):
                    data = "".join(piece).encode("utf-8")
                    (self.store.bulk_load if bulk else self.store.load)(data, format=ox.RdfFormat.N_QUADS)
                    piece, size = [], 0
                if ntriples.strip():
                    piece.append(as_nquads(iri, ntriples))
                    size += ntriples.count("\n")
            self.store.load(seal_ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(seal_iri))
            self.store.flush()
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise write_error(self.path, exc, "the articles are stored and the next ingest computes the figure "
                                              "links again") from None

    def fingerprints(self) -> dict[str, str]:
        """Article graph IRI -> fingerprint of what produced it (text, metadata, extractor)."""
        rows = self.select(f"SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?g <{NP.fingerprint}> ?f }} }}")
        return {row["g"]: row["f"] for row in rows}

    # -- reading -------------------------------------------------------------------------
    def select(self, sparql: str) -> list[dict[str, str | None]]:
        return rows_of(self.query(sparql))

    def tuples(self, sparql: str) -> Iterator[tuple[str, ...]]:
        return value_rows(self.query(sparql))

    def query(self, sparql: str, prefixes: dict[str, str] | None = None, union: bool = True):
        """SPARQL over the union of all article graphs (``union=False``: over the graphs the
        query names with FROM and FROM NAMED); a syntax error is the user's, one line."""
        try:
            return self.store.query(sparql, use_default_graph_as_union=union, prefixes=prefixes)
        except SyntaxError as exc:
            raise InputError(f"invalid SPARQL: {' '.join(str(exc).split()) or 'syntax error'}"
                             f"{syntax_hint(sparql)}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"reading the store at {self.path} failed ({reason(exc)}); if it is damaged, "
                             f"move it aside and ingest again into a new store") from None

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def export(self, fmt: str, output=None) -> bytes | None:
        """The store as RDF: returned as bytes, or streamed to the binary file ``output``
        (memory then stays flat however large the store). nquads, trig and jsonld keep one
        named graph per article; turtle, nt and xml merge them. Prefixed formats (turtle, trig,
        xml, jsonld) use the project's prefixes, jsonld as its @context."""
        format_ = getattr(self.ox.RdfFormat, EXPORT_FORMATS[fmt])
        if fmt == "jsonld":  # Oxigraph's JSON-LD has no @context; this one does, graph by graph
            names = [None, *sorted(self.store.named_graphs(), key=lambda g: g.value)]
            graphs = ((name, self.store.quads_for_pattern(None, None, None, name or self.ox.DefaultGraph()))
                      for name in names)
            return write_jsonld(graphs, output, prefixes)
        if fmt in DATASET_FORMATS:
            kwargs = {"prefixes": prefixes} if fmt == "trig" else {}
            return self.store.dump(output, format=format_, **kwargs)
        triples = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        kwargs = {"prefixes": prefixes} if fmt in ("turtle", "xml") else {}
        return self.ox.serialize(triples, output, format=format_, **kwargs)


def write_error(path, exc: Exception, landed: str = "nothing of this write landed") -> StoreError:
    """A failed write in one line: why (a full disk said as such), what stays, and what to do."""
    text = reason(exc)
    if re.search(r"No space left|File too large|Disk quota", text, re.IGNORECASE):
        return StoreError(f"writing to {path} failed: the disk is full or over its quota ({text}); {landed}. "
                          f"Free some space and run the same command again")
    return StoreError(f"writing to {path} failed ({text}); {landed}")
