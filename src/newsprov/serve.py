"""`newsprov serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, and a small web page.

Routes:

* ``/sparql``: the SPARQL 1.1 Protocol's query operation. GET with ``query=``, POST of a form
  with ``query=``, or POST of an ``application/sparql-query`` body. The prefixes of
  ``newsprov query`` are predeclared and the default graph is the union of the article graphs.
  SELECT and ASK answer in SPARQL results JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in
  Turtle, N-Triples, RDF/XML or JSON-LD; chosen by the Accept header, or by ``format=`` (json,
  xml, csv, tsv; turtle, nt, xml, jsonld), which wins.
* ``/api/trace?figure=1556``: what ``newsprov trace 1556 --format json`` prints;
  ``/trace.svg?figure=1556`` and ``/citations.svg``: the pictures of ``trace`` and ``graph``.
* ``/``: a page with a query box, a results table, the trace of a figure and the citation
  picture; ``/?query=...`` and ``/?figure=...`` run on load.

What is refused, and why:

* SPARQL Update, in any of its forms (an ``update=`` parameter, an
  ``application/sparql-update`` body, or a query whose first keyword is an update
  operation): 403. The store is opened read-only as well.
* ``SERVICE``: 403. Oxigraph executes a SERVICE call itself, over HTTP (checked: it fetched
  from a local server), which would let anyone who can reach the page make this machine send
  requests anywhere. The query is read token by token with the grammar's own terminals
  (IRIs, strings, comments, prefixed names and variables are skipped), so the keyword is found
  wherever it is written and the word inside a literal, an IRI or a name is not refused.
  ``\\u`` escapes are decoded first (SPARQL allows them anywhere) and the raw text is read
  too: the query is refused if either reading finds the keyword.

Limits. A query runs in one of a few worker processes (``--workers``), never in the server:
an Oxigraph query cannot be cancelled from another thread, so a query that runs longer than
``--timeout`` seconds is ended by killing its worker, which is replaced in the background
(a replacement is ready in about half a second); the request gets 503 and other requests go
on in the other workers. A request that finds every worker busy for ``--timeout`` seconds
also gets 503. (With ``--store URL`` the worker is a client of that SPARQL server: killing
it drops the connection, and the server's own limits decide when its query stops.) At most
``--limit`` rows (triples, for CONSTRUCT and DESCRIBE) are returned; a cut answer carries
``X-Newsprov-Truncated: true`` and the page says so. The page and the results send a
Content-Security-Policy that allows nothing but this server, and
``X-Content-Type-Options: nosniff``. A request whose Host header is not an IP address,
localhost, the name the server was started on or a name given with ``--allow-host`` is refused
(a web page cannot reach the store by DNS rebinding). A client has ``--client-timeout``
seconds to send its whole request, headers and body: a half-sent request does not hold a thread.
A worker's address space is capped (``--memory``): a query that needs more ends its worker and
is answered 503. Queries are read by :mod:`newsprov.graph.sparql` (linear in their length), and a
worker on a local store cannot open network sockets at all (:mod:`newsprov.sandbox`).

The store and concurrent writers. Workers open the store with pyoxigraph's
``Store.read_only``, which takes no lock: ``newsprov ingest`` and every other command run
while the server is up, and the server opens while an ingest runs. A read-only store sees
the database as it was when it was opened, and pyoxigraph calls reading while another
process writes undefined behaviour. What was measured with pyoxigraph 0.5 while another
process wrote 60 batches of 5,000 triples (with a compaction in the middle): a store held
open kept answering, always from its first view; opening again saw each new batch, and 4
of 45 openings failed with "No such file or directory" as the writer rotated its log. So a
worker lists the store's files before each request (names, sizes, times: one directory
listing) and opens the store again when they changed, with a few retries; if it still
cannot, it answers from the view it has. Opening takes about 12 ms on a quiet store and up
to half a second while a large write is in progress (the writer's log is read).
"""
from __future__ import annotations

import hashlib
import html
import ipaddress
import json
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import InputError, NewsprovError, NotFoundError, StoreError, reason, setting
from .graph.sparql import names_dataset, query_form, uses_service
from .render import script_json

DEFAULT_PORT = 7879
DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000
DEFAULT_WORKERS = 2
MAX_BODY = 1 << 20  # bytes of a POSTed query or form
WORKER_START = 60.0  # seconds a new worker may take to import and open the store
OPEN_RETRIES = 4
DEFAULT_MEMORY = 2048  # MiB of address space a worker may use (it starts at about 400)
DEFAULT_CLIENT_TIMEOUT = 10.0  # seconds a client has to send its whole request
SERVICE_FORBIDDEN = "SERVICE is refused: this endpoint does not call other endpoints"

# ---------------------------------------------------------------- formats

RESULT_FORMATS = {  # format= name -> (media type, pyoxigraph QueryResultsFormat name)
    "json": ("application/sparql-results+json", "JSON"),
    "xml": ("application/sparql-results+xml", "XML"),
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "TSV"),
}
GRAPH_FORMATS = {  # format= name -> (media type, pyoxigraph RdfFormat name)
    "turtle": ("text/turtle; charset=utf-8", "TURTLE"),
    "nt": ("application/n-triples", "N_TRIPLES"),
    "xml": ("application/rdf+xml", "RDF_XML"),
    "jsonld": ("application/ld+json", "JSON_LD"),
}
FORMAT_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "rdfxml": "xml", "json-ld": "jsonld"}
# what an Accept header may name, in the order preferred when it names several equally
RESULT_MEDIA = [("application/sparql-results+json", "json"), ("application/json", "json"),
                ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
GRAPH_MEDIA = [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("text/plain", "nt"),
               ("application/rdf+xml", "xml"), ("application/ld+json", "jsonld")]


class _HttpError(Exception):
    """A request the server refuses: its status and a one-line message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def negotiate(accept: str | None, offers: list[tuple[str, str]]) -> str | None:
    """The format the Accept header likes best among ``offers`` (media type, name), the first
    offer if there is no header, None if it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0][1]
    best, best_q = None, 0.0
    for media, name in offers:
        q = _quality(accept, media)
        if q > best_q:
            best, best_q = name, q
    return best


def _quality(accept: str, media: str) -> float:
    """The q value an Accept header gives a media type, the most specific range deciding."""
    kind = media.split("/")[0]
    found, specificity = 0.0, -1
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        wanted = fields[0].lower()
        q = 1.0
        for parameter in fields[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        level = 2 if wanted == media else 1 if wanted == f"{kind}/*" else 0 if wanted == "*/*" else -1
        if level > specificity:
            found, specificity = q, level
    return found if specificity >= 0 else 0.0


def choose_formats(form: str | None, accept: str | None, fmt: str | None) -> dict[str, str | None]:
    """The answer's format for results (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE);
    the one the query's form needs must be there (else 400 or 406)."""
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        results = name if name in RESULT_FORMATS else None
        graph = "jsonld" if name == "json" else name if name in GRAPH_FORMATS else None
        if results is None and graph is None:
            raise _HttpError(400, f"format={fmt} is unknown; use json, xml, csv or tsv for SELECT and ASK, "
                                  f"turtle, nt, xml or jsonld for CONSTRUCT and DESCRIBE")
    else:
        results, graph = negotiate(accept, RESULT_MEDIA), negotiate(accept, GRAPH_MEDIA)
    needed = results if form in ("select", "ask") else graph if form in ("construct", "describe") else "any"
    if needed is None:
        offered = (", ".join(sorted({m for m, _ in RESULT_MEDIA})) if form in ("select", "ask")
                   else ", ".join(sorted({m for m, _ in GRAPH_MEDIA})))
        if fmt:
            raise _HttpError(400, f"format={fmt} does not fit a {form.upper()} query; its answer comes as "
                                  f"{'json, xml, csv or tsv' if form in ('select', 'ask') else 'turtle, nt, xml or jsonld'}")
        raise _HttpError(406, f"a {form.upper()} answer comes as {offered}; the Accept header allows none of them")
    return {"results": results or "json", "graph": graph or "turtle"}


# ---------------------------------------------------------------- the worker processes


@dataclass
class Answer:
    """What a worker sends back: an HTTP status, a content type, a body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, headers: dict[str, str] | None = None) -> "Answer":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), headers or {})


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
        from .graph.base import is_remote
        from .graph.location import open_store

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


def _worker_process() -> None:
    """A worker process (started by WorkerPool with its arguments as JSON in argv): open the
    store, say so, then answer jobs until the server goes."""
    from multiprocessing.connection import Connection

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
        from .analyse.trace import trace  # noqa: F401  (loaded now rather than in the first request)
        from .draw import trace_picture  # noqa: F401
        from .sandbox import cap_memory, no_network

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
            from .analyse.trace import trace

            occurrences = trace(store, job["figure"])
            return Answer(200, "application/json; charset=utf-8",
                          json.dumps(occurrences, indent=2, ensure_ascii=False).encode("utf-8"))
        if job["kind"] == "trace.svg":
            from .analyse.trace import trace
            from .draw import trace_picture

            svg = trace_picture(trace(store, job["figure"]), job["figure"], "svg")
            return Answer(200, "image/svg+xml; charset=utf-8", svg.encode("utf-8"))
        if job["kind"] == "citations.svg":
            from .analyse.network import citation_graph
            from .draw import citation_picture

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
    import pyoxigraph as ox

    from .graph.vocab import PREFIX_MAP as prefixes

    result = store.query(text, prefixes, union=not names_dataset(text))
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
    kwargs = {"prefixes": prefixes} if name in ("TURTLE", "RDF_XML", "JSON_LD") else {}
    body = ox.serialize(triples, format=rdf_format, **kwargs)
    return Answer(200, media, body, _count_headers(len(triples), truncated))


def _count_headers(count: int, truncated: bool) -> dict[str, str]:
    return {"X-Newsprov-Rows": str(count), "X-Newsprov-Truncated": "true" if truncated else "false"}


def _term_json(term) -> dict:
    """A term as SPARQL 1.1 results JSON (with SPARQL 1.2's triple terms and base direction)."""
    import pyoxigraph as ox

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


@dataclass(eq=False)  # each worker is itself: kept in a set
class _Worker:
    process: object
    connection: object


class WorkerPool:
    """Worker processes that answer jobs; one that overruns the timeout is killed and replaced."""

    def __init__(self, location: Path | str, size: int, timeout: float, limit: int,
                 memory: int | None = DEFAULT_MEMORY):
        self.location, self.size, self.timeout, self.limit = location, size, timeout, limit
        self.memory = memory
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        try:
            starting = [self._spawn() for _ in range(size)]
            for worker in starting:
                self._await_ready(worker, raise_errors=True)
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        """A new worker: a fresh interpreter, not multiprocessing's fork (a forked child of a
        threaded server holding a RocksDB store can hang) nor its spawn (which runs the
        caller's main module again). It talks over a socket pair, and runs in a session of its
        own so that the terminal's Ctrl-C reaches the server only, which ends the workers."""
        import socket
        import subprocess
        from multiprocessing.connection import Connection

        from .graph.base import is_remote

        mine, theirs = socket.socketpair()
        settings = {"fd": theirs.fileno(), "location": str(self.location),
                    "remote": is_remote(self.location), "limit": self.limit, "memory": self.memory}
        package_root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", "from newsprov.serve import _worker_process; _worker_process()",
                 json.dumps(settings)],
                # a worker that runs out of memory aborts with a Rust backtrace: the server says it in one line
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        finally:
            theirs.close()
        worker = _Worker(process, Connection(mine.detach()))
        with self._lock:
            self._live.add(worker)
        return worker

    def _await_ready(self, worker: _Worker, raise_errors: bool = False) -> None:
        try:
            ready = worker.connection.poll(WORKER_START)
            status, message, code = worker.connection.recv() if ready else ("failed", "did not start in time", 70)
        except (EOFError, OSError):
            status, message, code = "failed", "stopped while starting", 70
        if status == "ready" and not self._closed:
            self._idle.put(worker)
            return
        self._stop(worker)
        if self._closed:
            return
        if raise_errors:
            error = NewsprovError(f"the query workers cannot start: {message}")
            error.exit_code = code if code in (3, 4) else 70
            raise error
        if status != "ready":
            print(f"newsprov serve: a replacement worker failed: {message}", file=sys.stderr)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background."""
        self._stop(worker)
        if not self._closed:
            threading.Thread(target=lambda: self._await_ready(self._spawn()), daemon=True).start()

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        if worker.process.poll() is None:
            worker.process.kill()
        try:
            worker.process.wait(5)
        except Exception:  # noqa: BLE001 - a worker that will not die is the kernel's now
            pass
        worker.connection.close()

    def run(self, job: dict) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.text(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                    f"try again in a moment", {"Retry-After": "1"})
        started = time.monotonic()
        try:
            worker.connection.send(job)
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            try:
                code = worker.process.wait(5)
            except Exception:  # noqa: BLE001 - still running: it is killed below
                code = None
            self._replace(worker)
            if code == -signal.SIGABRT and self.memory:
                return Answer.text(503, f"the query needed more memory than a worker may use ({self.memory} MiB, "
                                        f"--memory); narrow it (LIMIT, more specific patterns) or restart the "
                                        f"server with a larger --memory", {"Retry-After": "1"})
            return Answer.text(503, "the worker answering this request stopped; a new one is starting",
                               {"Retry-After": "1"})
        self._replace(worker)
        return Answer.text(503, f"stopped after {time.monotonic() - started:.1f} s: the server's limit is "
                                f"{self.timeout:g} s a request (--timeout); narrow the query (LIMIT, more "
                                f"specific patterns) or restart the server with a larger --timeout",
                           {"Retry-After": "1"})

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._live)
        for worker in workers:
            self._stop(worker)


# ---------------------------------------------------------------- HTTP

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
CSP_DATA = "default-src 'none'; frame-ancestors 'none'"
CSP_SVG = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
PAGE = Path(__file__).resolve().with_name("serve.html")  # the page; its style and script beside it


@dataclass(frozen=True)
class _Route:
    methods: tuple[str, ...]
    handler: str


ROUTES = {
    "/": _Route(("GET", "HEAD"), "_page"),
    "/sparql": _Route(("GET", "POST"), "_sparql"),
    "/api/trace": _Route(("GET",), "_trace"),
    "/trace.svg": _Route(("GET",), "_trace_svg"),
    "/citations.svg": _Route(("GET",), "_citations_svg"),
}


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: one thread per request, the queries in the worker pool."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], family: int, label: str, loopback: bool, log: bool = True,
                 allowed_hosts: frozenset[str] = frozenset(), client_timeout: float = DEFAULT_CLIENT_TIMEOUT):
        self.address_family = family
        self.label, self.loopback, self.log = label, loopback, log
        self.client_timeout = client_timeout
        # the names a request may be addressed to (IP addresses are always allowed: see _host_allowed)
        self.allowed_hosts = frozenset(h.lower().strip("[]") for h in allowed_hosts) | {"localhost"}
        self.pool: WorkerPool | None = None
        self.page = b""
        self.page_csp = CSP_DATA
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name, which can take seconds
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def url(self) -> str:
        host = self.server_address[0]
        return f"http://{f'[{host}]' if ':' in host else host}:{self.server_port}/"

    def close(self) -> None:
        self.server_close()
        if self.pool is not None:
            self.pool.close()

    def handle_error(self, request, client_address) -> None:
        """A request that failed outside the handler's own answers: one line, never a traceback."""
        exc = sys.exc_info()[1]
        if self.log and not isinstance(exc, (ConnectionError, TimeoutError)):
            sys.stderr.write(f"{client_address[0]} error: {reason(exc) if exc else 'unknown'}\n")


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer

    def version_string(self) -> str:
        return "newsprov"

    # -- a client has client_timeout seconds to send its request, headers and body -----------
    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.client_timeout)
        self._late = False
        self._deadline = threading.Timer(self.server.client_timeout, self._too_slow)
        self._deadline.daemon = True
        self._deadline.start()

    def _too_slow(self) -> None:
        """The request is not in after client_timeout seconds: drop the connection, whatever
        the client is still trickling in (a per-read timeout alone lets a byte a second through)."""
        import socket

        self._late = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _received(self) -> None:
        """The whole request is in: the deadline no longer applies; answers may take as long
        as the query's --timeout, and a client that stops reading is dropped after a minute."""
        self._deadline.cancel()
        self.connection.settimeout(max(60.0, self.server.client_timeout))

    def finish(self) -> None:
        self._deadline.cancel()
        try:
            super().finish()
        except OSError:
            pass  # the client went away, or was dropped

    def parse_request(self) -> bool:
        if self.raw_requestline.startswith(b"PRI * HTTP/2"):
            # an HTTP/2 client's preface: say, in HTTP/1, that this server speaks HTTP/1.1 only
            self.command, self.path, self.request_version = "PRI", "*", "HTTP/1.0"
            self.requestline = "PRI * HTTP/2.0"
            self.send_error(400, "HTTP/2 is not spoken here: use HTTP/1.1")
            return False
        return super().parse_request()

    # -- plumbing --------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def _other_method(self) -> None:
        self._dispatch(self.command)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _other_method

    def _dispatch(self, method: str) -> None:
        self._started = time.monotonic()
        self._request_body = b""
        if self._late:  # what was read is what arrived before the connection was dropped
            self.close_connection = True
            self.log_request(408)
            return
        try:
            if not self._host_allowed():
                allowed = ", ".join(sorted(self.server.allowed_hosts))
                raise _HttpError(403, f"this server answers requests addressed to an IP address or to {allowed} "
                                      f"only (a web page could otherwise reach it by DNS rebinding); start it with "
                                      f"--allow-host NAME to answer another name")
            url = urlsplit(self.path)
            route = ROUTES.get(url.path)
            if route is None:
                raise _HttpError(404, f"no such page: {url.path}; the endpoint is /sparql, the page is /")
            if method not in route.methods:
                raise _HttpError(405, f"{method} is not allowed on {url.path}; use {' or '.join(route.methods)}",
                                 {"Allow": ", ".join(route.methods)})
            params = parse_qs(url.query, keep_blank_values=True)
            if method == "POST":
                self._request_body = self._body()
            self._received()
            answer = getattr(self, route.handler)(method, params)
        except _HttpError as exc:
            answer = Answer.text(exc.status, exc.message, exc.headers)
        except Exception as exc:  # noqa: BLE001 - a request never takes the server down
            answer = Answer.text(500, f"internal error ({type(exc).__name__}: {exc})")
        self._send(answer, head=method == "HEAD")

    def _host_allowed(self) -> bool:
        """The Host header names an IP address (a page cannot make a browser send one that is
        not its own origin's), localhost, or a name allowed with --allow-host. A name resolved
        by the attacker's DNS to this machine's address (DNS rebinding) is none of them."""
        host = (self.headers.get("Host") or "").strip().lower()
        if not host:
            return True  # HTTP/1.0 without Host: not a browser
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        return _is_address(name) or name.rstrip(".") in self.server.allowed_hosts

    def _send(self, answer: Answer, head: bool = False) -> None:
        try:
            self.send_response(answer.status)
            headers = {"Content-Type": answer.content_type, "Content-Length": str(len(answer.body)),
                       "Cache-Control": "no-store", **SECURITY_HEADERS,
                       "Content-Security-Policy": CSP_SVG if answer.content_type.startswith("image/svg")
                       else CSP_DATA, **answer.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(answer.body)
        except OSError:
            self.close_connection = True  # the client went away, or stopped reading

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's errors (a request line too long or malformed, a bad header, an
        unknown method) as one plain line, with the status it chose."""
        self._started = getattr(self, "_started", time.monotonic())
        self.close_connection = True
        for name, default in (("command", "-"), ("path", "-")):
            if not getattr(self, name, None):
                setattr(self, name, default)  # the request line could not be read
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # a status line for an unreadable request, not HTTP/0.9's bare body
        self._send(Answer.text(code, message or self.responses.get(code, ("error",))[0]))

    def log_request(self, code="-", size="-") -> None:
        if not self.server.log:
            return
        elapsed = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        path = getattr(self, "path", "-")
        path = urlsplit(path).path[:200] if isinstance(path, str) and path else "-"
        command = (getattr(self, "command", None) or "-")[:20]
        sys.stderr.write(f"{self.address_string()} {command} {path} {code} {elapsed:.0f} ms\n")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
        if self.server.log:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise _HttpError(411, "send the body with a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise _HttpError(400, "Content-Length is not a number") from None
        if size < 0:
            raise _HttpError(400, "Content-Length is negative")
        if size > MAX_BODY:
            raise _HttpError(413, f"the request body is larger than {MAX_BODY // 1024} KiB")
        try:
            body = self.rfile.read(size)
        except OSError:
            body = b""
        if len(body) < size:
            raise _HttpError(408, f"the request body stopped short ({len(body)} of {size} bytes, "
                                  f"{self.server.client_timeout:g} s allowed)")
        return body

    # -- routes ----------------------------------------------------------------------------
    def _page(self, method: str, params: dict) -> Answer:
        return Answer(200, "text/html; charset=utf-8", self.server.page,
                      {"Content-Security-Policy": self.server.page_csp})

    def _sparql(self, method: str, params: dict) -> Answer:
        query = None
        if method == "POST":
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                raise _HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
            body = self._request_body
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise _HttpError(400, "the request body is not UTF-8") from None
            if media == "application/x-www-form-urlencoded":
                for key, values in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif media == "application/sparql-query":
                query = text
            else:
                raise _HttpError(415, "POST a form (application/x-www-form-urlencoded, query=...) or a query "
                                      "(application/sparql-query)")
        if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
            raise _HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise _HttpError(400, "default-graph-uri and named-graph-uri are not supported: the default graph "
                                  "is the union of all article graphs, and GRAPH reaches each of them")
        if query is None:
            queries = params.get("query", [])
            if len(queries) != 1 or not queries[0].strip():
                raise _HttpError(400, "pass one SPARQL query as query=... (GET or a POSTed form), or POST it as "
                                      "application/sparql-query; the page at / has a query box")
            query = queries[0]
        elif "query" in params:
            raise _HttpError(400, "the query is in the body: do not pass query= too")
        form = query_form(query)
        if form == "update":
            raise _HttpError(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                                  "CREATE, DROP, COPY, MOVE, ADD) is refused")
        if uses_service(query):
            raise _HttpError(403, SERVICE_FORBIDDEN)
        fmt = params.get("format", [None])[-1]
        formats = choose_formats(form, self.headers.get("Accept"), fmt)
        return self.server.pool.run({"kind": "sparql", "query": query, "formats": formats})

    def _figure(self, params: dict) -> str:
        figure = (params.get("figure") or [""])[-1].strip()
        if not figure:
            raise _HttpError(400, "pass a figure: ?figure=1556 (as written or not: 1,556, 1.2 million)")
        return figure

    def _trace(self, method: str, params: dict) -> Answer:
        return self.server.pool.run({"kind": "trace", "figure": self._figure(params)})

    def _trace_svg(self, method: str, params: dict) -> Answer:
        return self.server.pool.run({"kind": "trace.svg", "figure": self._figure(params)})

    def _citations_svg(self, method: str, params: dict) -> Answer:
        return self.server.pool.run({"kind": "citations.svg"})


# ---------------------------------------------------------------- the page


def _csp_hash(text: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(label: str, limit: int, timeout: float) -> tuple[bytes, str]:
    """The page and its Content-Security-Policy: its own script and style, by hash, and
    fetches and pictures from this server; nothing else."""
    from .draw import TYPE_COLOURS
    from .graph.vocab import PREFIX_MAP
    from .queries import example_queries, load_example

    examples = [{"name": name, "description": description, "query": load_example(name)}
                for name, description in example_queries()]
    data = {"store": label, "limit": limit, "timeout": timeout, "examples": examples,
            "prefixes": PREFIX_MAP, "colours": TYPE_COLOURS}
    style, script = (PAGE.with_suffix(suffix).read_text(encoding="utf-8") for suffix in (".css", ".js"))
    text = (PAGE.read_text(encoding="utf-8").replace("{{style}}", style).replace("{{script}}", script)
            .replace("{{store}}", html.escape(label)).replace("{{data}}", script_json(data)))
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
           f"img-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    return text.encode("utf-8"), csp


# ---------------------------------------------------------------- starting and stopping


def _address(host: str):
    """``host`` as an IP address ('[::1]' as well as '::1'), or None if it is a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _is_address(host: str) -> bool:
    return _address(host) is not None


def _is_loopback(host: str) -> bool:
    address = _address(host)
    return host.lower() == "localhost" or (address is not None and address.is_loopback)


def start_server(location: Path | str, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 workers: int = DEFAULT_WORKERS, log: bool = True, allow_hosts: tuple[str, ...] = (),
                 memory: int | None = DEFAULT_MEMORY,
                 client_timeout: float = DEFAULT_CLIENT_TIMEOUT) -> SparqlServer:
    """Check the store, bind the address and start the workers; the caller runs serve_forever.
    A missing store is NotFoundError (exit 3), a broken one StoreError (exit 4), an address
    that cannot be bound InputError (exit 2)."""
    import socket

    from .graph.base import is_remote
    from .graph.location import open_store
    from .graph.remote import parse_location

    with open_store(location, read_only=True):
        pass
    label = parse_location(str(location)).label if is_remote(location) else str(location)
    try:
        family = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0][0]
        loopback = _is_loopback(host)
        names = set(allow_hosts) | ({host} if not _is_address(host) else set())
        if not loopback:
            names.add(socket.gethostname())  # the machine's own name, as other machines on the network know it
        server = SparqlServer((host.strip("[]"), port), family, label, loopback, log,
                              frozenset(n for n in names if n), client_timeout)
    except OSError as exc:
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"port {port} on {host} is in use; choose another {setting('port')}, or "
                             f"{setting('port')} 0 for a free one") from None
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        server.page, server.page_csp = page(label, limit, timeout)
        server.pool = WorkerPool(location, workers, timeout, limit, memory)
    except BaseException:
        server.close()
        raise
    return server
