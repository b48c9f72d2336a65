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
``X-Content-Type-Options: nosniff``; on a loopback address, a request whose Host header is
not a loopback name is refused (a web page cannot reach the store by DNS rebinding).

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
import json
import os
import queue
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import click

from .errors import InputError, NewsprovError, NotFoundError, StoreError, reason

DEFAULT_PORT = 7879
DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000
DEFAULT_WORKERS = 2
MAX_BODY = 1 << 20  # bytes of a POSTed query or form
WORKER_START = 60.0  # seconds a new worker may take to import and open the store
OPEN_RETRIES = 4

# ---------------------------------------------------------------- reading the query

# The SPARQL 1.1 grammar's terminals, in the order they must be tried. A token that is none of
# them ('other') is an operator or punctuation, or an unterminated string.
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
              | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<var>[?$]\w+)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w:.\-%]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d*\.?\d+(?:[eE][+-]?\d+)?)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _words(sparql: str) -> tuple[list[str], bool]:
    """The bare words of a query (keywords and function names), upper-cased, and whether the
    text read cleanly (False: an unterminated string or IRI, after which tokens are guesses)."""
    words, clean = [], True
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup
        if kind == "word":
            words.append(match.group().upper())
        elif kind == "other" and match.group() in "\"'":
            clean = False
    return words, clean


def _decoded(sparql: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(char, sparql)


def query_form(sparql: str) -> str | None:
    """'select', 'ask', 'construct', 'describe', 'update' (the first keyword after BASE and
    PREFIX starts an update operation) or None (not a query Oxigraph could parse anyway)."""
    words, _ = _words(sparql)
    first = next((w for w in words if w not in ("BASE", "PREFIX")), None)
    if first in UPDATE_WORDS:
        return "update"
    return QUERY_FORMS.get(first or "")


def uses_service(sparql: str) -> bool:
    """True if the query calls another endpoint (the SERVICE keyword), however it is written."""
    for text in {sparql, _decoded(sparql)}:
        words, clean = _words(text)
        if "SERVICE" in words or (not clean and "SERVICE" in text.upper()):
            return True
    return False


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

    def get(self):
        from .graph.remote import is_remote
        from .graph.store import open_store

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
            return _sparql_answer(store, job["query"], job["formats"], limit)
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

    result = store.query(text, prefixes)
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

    def __init__(self, location: Path | str, size: int, timeout: float, limit: int):
        self.location, self.size, self.timeout, self.limit = location, size, timeout, limit
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

        from .graph.remote import is_remote

        mine, theirs = socket.socketpair()
        settings = {"fd": theirs.fileno(), "location": str(self.location),
                    "remote": is_remote(self.location), "limit": self.limit}
        package_root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", "from newsprov.serve import _worker_process; _worker_process()",
                 json.dumps(settings)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                env=env, start_new_session=True)
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
            self._replace(worker)
            return Answer.text(500, "the worker answering this request stopped (out of memory?); "
                                    "a new one is starting")
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
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


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

    def __init__(self, address: tuple[str, int], family: int, label: str, loopback: bool, log: bool = True):
        self.address_family = family
        self.label, self.loopback, self.log = label, loopback, log
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


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer

    def version_string(self) -> str:
        return "newsprov"

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
        try:
            if not self._host_allowed():
                raise _HttpError(403, "this server answers requests for localhost and 127.0.0.1 only")
            url = urlsplit(self.path)
            route = ROUTES.get(url.path)
            if route is None:
                raise _HttpError(404, f"no such page: {url.path}; the endpoint is /sparql, the page is /")
            if method not in route.methods:
                raise _HttpError(405, f"{method} is not allowed on {url.path}; use {' or '.join(route.methods)}",
                                 {"Allow": ", ".join(route.methods)})
            params = parse_qs(url.query, keep_blank_values=True)
            answer = getattr(self, route.handler)(method, params)
        except _HttpError as exc:
            answer = Answer.text(exc.status, exc.message, exc.headers)
        except Exception as exc:  # noqa: BLE001 - a request never takes the server down
            answer = Answer.text(500, f"internal error ({type(exc).__name__}: {exc})")
        self._send(answer, head=method == "HEAD")

    def _host_allowed(self) -> bool:
        if not self.server.loopback:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return not host or name in LOOPBACK_NAMES

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
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's errors (a malformed request line, an unknown method) as one plain line."""
        self._started = getattr(self, "_started", time.monotonic())
        self.close_connection = True
        self._send(Answer.text(code, message or self.responses.get(code, ("error",))[0]))

    def log_request(self, code="-", size="-") -> None:
        if not self.server.log:
            return
        elapsed = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        path = urlsplit(self.path).path if isinstance(self.path, str) else "-"
        sys.stderr.write(f"{self.address_string()} {self.command} {path} {code} {elapsed:.0f} ms\n")

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
        if size > MAX_BODY:
            raise _HttpError(413, f"the request body is larger than {MAX_BODY // 1024} KiB")
        return self.rfile.read(size)

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
            body = self._body()
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
            raise _HttpError(403, "SERVICE is refused: this endpoint does not call other endpoints")
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


def _script_json(data) -> str:
    """JSON that is safe inside a <script> element."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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
            .replace("{{store}}", html.escape(label)).replace("{{data}}", _script_json(data)))
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
           f"img-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    return text.encode("utf-8"), csp


# ---------------------------------------------------------------- starting and stopping


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def start_server(location: Path | str, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 workers: int = DEFAULT_WORKERS, log: bool = True) -> SparqlServer:
    """Check the store, bind the address and start the workers; the caller runs serve_forever.
    A missing store is NotFoundError (exit 3), a broken one StoreError (exit 4), an address
    that cannot be bound InputError (exit 2)."""
    import socket

    from .graph.remote import is_remote, parse_location
    from .graph.store import open_store

    with open_store(location, read_only=True):
        pass
    label = parse_location(str(location)).label if is_remote(location) else str(location)
    try:
        family = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0][0]
        server = SparqlServer((host.strip("[]"), port), family, label, _is_loopback(host), log)
    except OSError as exc:
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"port {port} on {host} is in use; choose another --port, or --port 0 for a free one") from None
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        server.page, server.page_csp = page(label, limit, timeout)
        server.pool = WorkerPool(location, workers, timeout, limit)
    except BaseException:
        server.close()
        raise
    return server


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


@click.command(name="serve")
@click.option("--store", "store_path", envvar="NEWSPROV_STORE", type=click.Path(), metavar="PATH|URL",
              default=None, show_envvar=True,
              help="Store folder, or the http(s) URL of a SPARQL server (default ./newsprov.db; "
                   "the environment variable NEWSPROV_STORE overrides).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but a loopback address lets other machines read the store "
                   "(a warning says so).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, metavar="PORT",
              help="Port to listen on; 0 picks a free one.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="A request that runs longer is stopped and answered 503.")
@click.option("--limit", type=click.IntRange(1), default=DEFAULT_LIMIT, show_default=True, metavar="ROWS",
              help="Most rows (or triples) in an answer; a cut answer says so.")
@click.option("--workers", type=click.IntRange(1), default=DEFAULT_WORKERS, show_default=True, metavar="N",
              help="Processes that answer queries: as many requests run at once.")
@click.option("-q", "--quiet", is_flag=True, help="No line on stderr for each request.")
def serve_command(store_path, host, port, timeout, limit, workers, quiet):
    """Serve the store read-only: a SPARQL endpoint and a page to query and trace.

    The SPARQL 1.1 Protocol at /sparql (GET, or POST of a form or of a
    query), with the prefixes of `newsprov query` predeclared; results as
    JSON, XML, CSV or TSV, graphs as Turtle or N-Triples, by the Accept
    header or format=. Updates and SERVICE are refused (403). /api/trace
    gives `trace --format json`, /trace.svg and /citations.svg the pictures,
    and the page at / puts them together. Ctrl-C stops the server (exit 0).

    \b
    Example:
      newsprov serve
      newsprov serve --store /data/news.db --port 0 --timeout 30
      curl -H 'Accept: text/csv' http://127.0.0.1:7879/sparql \\
          --data-urlencode 'query=SELECT ?s WHERE { ?s a np:Claim } LIMIT 5'
    """
    from .graph.store import store_location

    if store_path is None:
        root = click.get_current_context().find_root()
        store_path = (root.obj or {}).get("store") if isinstance(root.obj, dict) else None
    location = store_location(str(store_path) if store_path else None)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm) if in_main_thread else None
    server = None
    try:
        server = start_server(location, host, port, timeout, limit, workers, log=not quiet)
        if not server.loopback:
            click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the whole "
                       f"store (the endpoint has no login)", err=True)
        click.echo(f"serving {server.label} at {server.url} (read-only; Ctrl-C to stop)", err=True)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        if server is not None:
            server.close()
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
