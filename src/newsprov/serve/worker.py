"""A query worker: a process of its own that opens the store read-only and answers jobs (a SPARQL
query, a trace, a picture) sent by :class:`newsprov.serve.pool.WorkerPool`.

Only a worker imports the query engine and the analyses; the server process stays small. A
worker lists the store's files before each request and opens the store again when another
process has written to it (see the package's docstring).
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from ..analyse.network import citation_graph
from ..analyse.trace import trace
from ..draw import citation_picture, trace_picture
from ..errors import InputError, NewsprovError, NotFoundError, StoreError, reason
from ..graph.base import is_remote
from ..graph.location import open_store
from ..graph.sparql import names_dataset
from ..graph.vocab import PREFIX_MAP
from ..sandbox import cap_memory, no_network
from .defaults import OPEN_RETRIES, SERVICE_FORBIDDEN
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS
from .pool import Answer


def _store_stamp(path: Path) -> tuple | None:
    """What changes when another process writes the store: its files' names, sizes and times
    (RocksDB's info log aside: it says nothing about the data)."""
    try:
        with os.scandir(path) as entries:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                                for e in entries if not e.name.startswith("LOG")))
    except OSError:
        return None


class _Session:
    """A worker's store, opened again when another process has written to it since."""

    def __init__(self, location: Path | str):
        self.location = location
        self.store = None
        self.stamp = None
        self.offline = False  # True once the worker cannot open network sockets

    def get(self):
        if is_remote(self.location):
            if self.store is None:
                self.store = open_store(self.location, read_only=True)
            return self.store
        stamp = _store_stamp(Path(self.location))
        if self.store is not None and stamp == self.stamp:
            return self.store
        for attempt in range(OPEN_RETRIES):
            try:
                fresh = open_store(self.location, read_only=True)
            except StoreError:
                # a writer rotating its log under us: try again, then answer from the view we have
                if attempt == OPEN_RETRIES - 1:
                    if self.store is not None:
                        return self.store
                    raise
                time.sleep(0.05 * (attempt + 1))
                continue
            if self.store is not None:
                self.store.close()
            self.store, self.stamp = fresh, stamp
            return self.store
        return self.store


def main() -> None:
    """A worker process (started by WorkerPool with its arguments as JSON in argv): open the
    store, say so, then answer jobs until the server goes."""
    settings = json.loads(sys.argv[1])
    connection = Connection(settings["fd"])
    location = settings["location"] if settings["remote"] else Path(settings["location"])
    parent = os.getppid()

    def orphaned() -> None:  # the server was killed outright: do not outlive it
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    session = _Session(location)
    try:
        session.get()
        # a local store needs no network: a SERVICE call that got past the check cannot go out
        session.offline = not settings["remote"] and no_network()
        if settings.get("memory"):
            cap_memory(settings["memory"])
    except NewsprovError as exc:
        connection.send(("failed", exc.format_message(), exc.exit_code))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the server as one line
        connection.send(("failed", f"{type(exc).__name__}: {exc}", 70))
        return
    connection.send(("ready", None, 0))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_answer(session, job, settings["limit"]))


def _answer(session: _Session, job: dict, limit: int) -> Answer:
    """One job's answer; every failure becomes a status and a one-line message."""
    try:
        store = session.get()
        if job["kind"] == "sparql":
            try:
                return _sparql_answer(store, job["query"], job["formats"], limit)
            except Exception as exc:  # noqa: BLE001 - re-raised unless it is the sandbox's refusal
                if session.offline and "permission denied" in str(exc).lower() and "SERVICE" in job["query"].upper():
                    # the engine tried to open a connection (a SERVICE call) and the sandbox refused it
                    return Answer.text(403, SERVICE_FORBIDDEN)
                raise
        if job["kind"] == "trace":
            occurrences = trace(store, job["figure"])
            return Answer(200, "application/json; charset=utf-8",
                          json.dumps(occurrences, indent=2, ensure_ascii=False).encode("utf-8"))
        if job["kind"] == "trace.svg":
            svg = trace_picture(trace(store, job["figure"]), job["figure"], "svg")
            return Answer(200, "image/svg+xml; charset=utf-8", svg.encode("utf-8"))
        if job["kind"] == "citations.svg":
            svg = citation_picture(citation_graph(store), "svg")
            return Answer(200, "image/svg+xml; charset=utf-8", svg.encode("utf-8"))
        return Answer.text(500, f"unknown job {job['kind']!r}")
    except InputError as exc:
        return Answer.text(400, exc.format_message())
    except NotFoundError as exc:
        return Answer.text(404, exc.format_message())
    except StoreError as exc:
        return Answer.text(503, exc.format_message())
    except NewsprovError as exc:
        return Answer.text(500, exc.format_message())
    except Exception as exc:  # noqa: BLE001 - an evaluation error of the store, or a bug: one line, never a crash
        return Answer.text(500, f"the query failed: {reason(exc, None)}")


def _sparql_answer(store, text: str, formats: dict[str, str], limit: int) -> Answer:
    result = store.query(text, PREFIX_MAP, union=not names_dataset(text))
    if isinstance(result, ox.QueryBoolean):
        media, name = RESULT_FORMATS[formats["results"]]
        return Answer(200, media, result.serialize(format=getattr(ox.QueryResultsFormat, name)))
    if hasattr(result, "variables"):
        names = [v.value for v in result.variables]
        bindings, truncated = [], False
        for solution in result:
            if len(bindings) == limit:
                truncated = True
                break
            bindings.append({n: _term_json(solution[n]) for n in names if solution[n] is not None})
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
        media, name = RESULT_FORMATS[formats["results"]]
        if name != "JSON":  # pyoxigraph writes the other formats, from the rows kept
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
                format=getattr(ox.QueryResultsFormat, name))
        return Answer(200, media, body, _count_headers(len(bindings), truncated))
    triples, truncated = [], False
    for triple in result:
        if len(triples) == limit:
            truncated = True
            break
        triples.append(triple)
    media, name = GRAPH_FORMATS[formats["graph"]]
    rdf_format = getattr(ox.RdfFormat, name)
    kwargs = {"prefixes": PREFIX_MAP} if name in ("TURTLE", "RDF_XML", "JSON_LD") else {}
    body = ox.serialize(triples, format=rdf_format, **kwargs)
    return Answer(200, media, body, _count_headers(len(triples), truncated))


def _count_headers(count: int, truncated: bool) -> dict[str, str]:
    return {"X-Newsprov-Rows": str(count), "X-Newsprov-Truncated": "true" if truncated else "false"}


def _term_json(term) -> dict:
    """A term as SPARQL 1.1 results JSON (with SPARQL 1.2's triple terms and base direction)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    data = {"type": "literal", "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
        direction = getattr(term, "direction", None)
        if direction is not None:
            data["its:dir"] = str(direction).rsplit(".", 1)[-1].lower()
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        data["datatype"] = term.datatype.value
    return data
