"""A store on a SPARQL 1.1 server: the same interface as the embedded GraphStore.

``--store URL`` opens one when URL starts with ``http://`` or ``https://``:

* a bare server address (``http://127.0.0.1:7878``, no path) is Oxigraph server's
  layout: queries at ``/query``, updates at ``/update``, the Graph Store Protocol at
  ``/store``, and every query asks for the union default graph;
* a URL with a path (``http://host:8890/sparql``) is the query endpoint itself;
  updates go to the same URL, there is no Graph Store Protocol endpoint, and the
  union default graph is asked for only if the server says it is Oxigraph.

Settings after ``#`` in the URL change that (the fragment is never sent to the
server): ``update=URL``, ``gsp=URL`` (``none`` for no GSP), ``query=URL``, each
absolute or relative to the store URL, ``union=oxigraph|server|auto``,
``timeout=SECONDS`` and ``split=TRIPLES`` (updates in several requests).
Credentials come from the URL (``http://user:pass@host/...``) or from
NEWSPROV_STORE_USER and NEWSPROV_STORE_PASSWORD (HTTP basic or digest).

The protocols spoken: SPARQL 1.1 Protocol for queries (results as
application/sparql-results+json, graphs as N-Triples), SPARQL 1.1 Update for
writes (all graphs of one ``replace_graphs`` in one request, which the server
applies as one transaction where it supports that) and the Graph Store Protocol,
when there is an endpoint for it, to export. Only the standard library speaks
HTTP; pyoxigraph parses what comes back, so callers get the same terms as from
the embedded store.

A server usually holds other data too (Virtuoso always holds its own graphs):
export and triple_count cover newsprov's graphs only, the named graphs whose IRI
starts with https://w3id.org/newsprov/id/. Queries see the whole union.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError, StoreError, setting
from ..ids import ID_BASE
from .base import DATASET_FORMATS, EXPORT_FORMATS, is_remote, rows_of, value_rows  # noqa: F401 (is_remote: re-exported)
from .jsonld import write_jsonld
from .vocab import NP
from .vocab import PREFIX_MAP as prefixes

SETTINGS = ("query", "update", "gsp", "union", "timeout", "split")
UNION_MODES = ("oxigraph", "server", "auto")
DEFAULT_TIMEOUT = 60.0  # seconds for a query or an export
DEFAULT_UPDATE_TIMEOUT = 600.0  # an update of a large ingest takes a while, and may land after a give-up
FINGERPRINT = str(NP.fingerprint)
SEAL = str(NP.derivedFromArticles)

ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
ACCEPT_RDF = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
ACCEPT_ANY = f"{ACCEPT_RESULTS}, application/n-triples;q=0.8, text/turtle;q=0.7"
MAX_MESSAGE = 1000
INSERT_CHUNK = 500  # triples per INSERT DATA operation (N-Triples: one triple a line)
OURS = f'FILTER(STRSTARTS(STR(?g), "{ID_BASE}"))'  # newsprov's named graphs, in a GRAPH ?g pattern
NOT_OFFERED = (400, 404, 405, 406, 415)  # a GSP endpoint's answers when it will not give the whole dataset


def _is_seal(line: str) -> bool:
    """An article's fingerprint or the derived graphs' seal: written last, so a graph cut short lacks it."""
    return FINGERPRINT in line or SEAL in line


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store's requests go, parsed from the --store URL."""

    label: str  # the URL as shown in messages: no credentials, no settings
    query: str
    update: str
    gsp: str | None
    union: str
    timeout: float | None  # None: the defaults above
    split: int | None = None  # triples per update request; None: one request per replace_graphs
    user: str | None = None
    password: str | None = None


def parse_location(location: str) -> Endpoints:
    """The endpoints of a --store URL; a bad URL or setting is the user's error (exit 2)."""
    url, _, fragment = location.partition("#")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{setting('store')} {_redact(location)!r} is not an http(s) URL of a SPARQL endpoint")
    try:
        port = parts.port
    except ValueError:
        raise InputError(f"{setting('store')} {_redact(location)!r}: the port is not a number") from None
    user = urllib.parse.unquote(parts.username) if parts.username else os.environ.get("NEWSPROV_STORE_USER")
    password = (urllib.parse.unquote(parts.password) if parts.password is not None
                else os.environ.get("NEWSPROV_STORE_PASSWORD"))
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port is not None else "")
    base = urllib.parse.urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, ""))

    settings: dict[str, str] = {}
    for key, value in urllib.parse.parse_qsl(fragment, keep_blank_values=True):
        if key not in SETTINGS:
            raise InputError(f"{setting('store')}: unknown setting {key!r} after '#'; use {'=, '.join(SETTINGS)}=")
        settings[key] = value

    oxigraph_layout = parts.path in ("", "/")
    root = base.rstrip("/")
    query = _resolve(base, settings.get("query")) or (root + "/query" if oxigraph_layout else base)
    update = _resolve(base, settings.get("update")) or (root + "/update" if oxigraph_layout else query)
    gsp_setting = settings.get("gsp")
    if gsp_setting is not None and gsp_setting.lower() in ("", "none"):
        gsp = None
    else:
        gsp = _resolve(base, gsp_setting) or (root + "/store" if oxigraph_layout else None)
    union = settings.get("union", "oxigraph" if oxigraph_layout else "auto")
    if union not in UNION_MODES:
        raise InputError(f"{setting('store')}: union={union!r}; use union=oxigraph (send Oxigraph's union-default-graph "
                         f"option), union=server (the server's default graph already is the union) or "
                         f"union=auto (oxigraph if the server is Oxigraph, else server)")
    timeout_text = settings.get("timeout") or os.environ.get("NEWSPROV_STORE_TIMEOUT")
    timeout = None
    if timeout_text:
        try:
            timeout = float(timeout_text)
            if not timeout > 0:
                raise ValueError
        except ValueError:
            raise InputError(f"{setting('store')}: timeout={timeout_text!r} is not a positive number of seconds") from None
    split_text = settings.get("split")
    split = None
    if split_text:
        if not split_text.isdigit() or int(split_text) < 1:
            raise InputError(f"{setting('store')}: split={split_text!r} is not a positive number of triples")
        split = int(split_text)
    return Endpoints(label=base, query=query, update=update, gsp=gsp, union=union, timeout=timeout,
                     split=split, user=user, password=password)


def _resolve(base: str, value: str | None) -> str | None:
    return urllib.parse.urljoin(base, value) if value else None


def _redact(location: str) -> str:
    return re.sub(r"//[^/@#?]*@", "//", location)


class Solutions(list):
    """SELECT results read in full: pyoxigraph QuerySolution objects, with ``variables`` as on
    pyoxigraph's QuerySolutions."""

    def __init__(self, solutions, variables):
        super().__init__(solutions)
        self.variables = variables


class RemoteStore:
    """A newsprov store held by a SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, ...)."""

    def __init__(self, location: str, read_only: bool = False):
        self.endpoints = parse_location(location)
        self.path = self.endpoints.label
        self.read_only = read_only
        self._opener = _opener(self.endpoints)
        self._union = self.endpoints.union  # 'auto' until the first answer names the server

    def close(self) -> None:
        """Nothing is held open between requests."""

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def add_graphs(self, graphs: dict[str, str]) -> None:
        """Graphs not in the store yet: written as replace_graphs writes them."""
        self.replace_graphs(graphs)

    def write_derived(self, graphs: dict[str, str], seal: tuple[str, str]) -> None:
        """Derived graphs and their seal (see GraphStore.write_derived): the old seal is dropped
        first, then the graphs are written as replace_graphs writes them, the seal last."""
        seal_iri, seal_ntriples = seal
        self.replace_graphs({seal_iri: ""})
        self.replace_graphs({**graphs, seal_iri: seal_ntriples})

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        """Replace each named graph (IRI -> N-Triples text) with one SPARQL Update request.

        With split=N in the store URL: several requests of at most N triples each, each
        atomic on its own but not together; a graph's fingerprint goes in its last
        triples, so a graph cut short is written again by the next ingest.
        """
        if not graphs:
            return
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only; nothing was written")
        split = self.endpoints.split
        size = min(INSERT_CHUNK, split) if split else INSERT_CHUNK
        operations: list[tuple[int, str]] = []  # (triples, SPARQL Update operation)
        for iri, ntriples in graphs.items():
            operations.append((0, f"DROP SILENT GRAPH <{iri}>"))
            lines = sorted((line for line in ntriples.splitlines() if line.strip()), key=_is_seal)
            # several INSERT DATA operations of at most INSERT_CHUNK triples each: Virtuoso refuses one
            # INSERT DATA of a couple of thousand triples (SP031, its SQL text grows too long)
            for start in range(0, len(lines), size):
                chunk = lines[start:start + size]
                operations.append((len(chunk), f"INSERT DATA {{ GRAPH <{iri}> {{\n" + "\n".join(chunk) + "\n} }"))
        requests: list[list[str]] = [[]]
        triples = 0
        for count, operation in operations:
            if split and requests[-1] and triples + count > split:
                requests.append([])
                triples = 0
            requests[-1].append(operation)
            triples += count
        for number, request in enumerate(requests, 1):
            self._request(self.endpoints.update, " ;\n".join(request).encode("utf-8"),
                          {"Content-Type": "application/sparql-update; charset=utf-8"}, "update",
                          done=f"{number - 1} of {len(requests)} update requests" if number > 1 else "")

    def fingerprints(self) -> dict[str, str]:
        """Article graph IRI -> fingerprint of what produced it (text, metadata, extractor)."""
        rows = self.select(f"SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?g <{FINGERPRINT}> ?f }} }}")
        return {row["g"]: row["f"] for row in rows}

    # -- reading -------------------------------------------------------------------------
    def select(self, sparql: str) -> list[dict[str, str | None]]:
        return rows_of(self.query(sparql))

    def tuples(self, sparql: str) -> Iterator[tuple[str, ...]]:
        return value_rows(self.query(sparql))

    def query(self, sparql: str, prefixes: dict[str, str] | None = None, union: bool = True):
        """SPARQL over the union of all graphs, answered by the server (``union=False``: over
        the graphs the query names with FROM and FROM NAMED, as the server reads them).

        Returns what the embedded store's query returns, read in full: solutions with
        ``variables`` for SELECT, a QueryBoolean for ASK, a list of triples for CONSTRUCT
        and DESCRIBE (all pyoxigraph terms).
        """
        text, shift = _with_prefixes(sparql, prefixes)
        form = [("query", text)]
        if self._union == "oxigraph" and union:
            form.append(("union-default-graph", ""))
        body, content_type, headers = self._request(
            self.endpoints.query, urllib.parse.urlencode(form).encode("ascii"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": _accept(text)}, "query", shift)
        if self._union == "auto":
            # Oxigraph's default graph is its own unless asked for the union: ask again if it is Oxigraph
            self._union = "oxigraph" if headers.get("Server", "").lower().startswith("oxigraph") else "server"
            if self._union == "oxigraph" and union:
                return self.query(sparql, prefixes)
        if headers.get("X-SPARQL-MaxRows"):
            # Virtuoso cuts every answer at its ResultSetMaxRows and says so only in this header
            raise StoreError(f"{self.path} cut the answer at {headers['X-SPARQL-MaxRows']} rows (Virtuoso's "
                             f"ResultSetMaxRows in the [SPARQL] section of virtuoso.ini); raise it: an incomplete "
                             f"answer would give wrong results")
        return self._read_answer(body, content_type)

    def _read_answer(self, body: bytes, content_type: str):
        import pyoxigraph as ox  # lazily: heavy; a remote store needs it only to read answers

        media = _media(content_type)
        try:
            results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
            if results_format is not None:
                try:
                    return _solutions(ox.parse_query_results(body, format=results_format))
                except SyntaxError:
                    if results_format != ox.QueryResultsFormat.JSON:
                        raise
                    # blank node labels pyoxigraph refuses (Virtuoso's 'nodeID://b10006'): relabel them
                    return _solutions(ox.parse_query_results(_relabel_bnodes(body), format=results_format))
            rdf_format = ox.RdfFormat.N_TRIPLES if media == "text/plain" else (
                ox.RdfFormat.from_media_type(media) if media else None)
            if rdf_format is not None:
                return [quad.triple for quad in ox.parse(body, format=rdf_format)]
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path} answered with {media} that cannot be read: {_one_line(str(exc))}") from None
        raise StoreError(f"{self.path} answered with {media or 'no content type'}; "
                         f"expected SPARQL results (JSON or XML) or RDF")

    def triple_count(self) -> int:
        """Triples in newsprov's graphs."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
        return int(rows[0]["n"]) if rows else 0

    def export(self, fmt: str, output=None) -> bytes | None:
        """newsprov's graphs in one of the embedded store's export formats: returned as bytes,
        or written to the binary file ``output``."""
        import pyoxigraph as ox  # lazily: heavy; a remote store needs it only to read answers

        format_ = getattr(ox.RdfFormat, EXPORT_FORMATS[fmt])
        if fmt == "jsonld":  # the same JSON-LD as the embedded store's: with its @context, graph by graph
            graphs: dict = {}
            for quad in self._dataset_quads():
                graphs.setdefault(quad.graph_name, []).append(quad)
            named = sorted((g for g in graphs if not isinstance(g, ox.DefaultGraph)), key=lambda g: g.value)
            return write_jsonld([(None, graphs.get(ox.DefaultGraph(), [])), *((g, graphs[g]) for g in named)],
                                output, prefixes)
        if fmt in DATASET_FORMATS:
            kwargs = {"prefixes": prefixes} if fmt == "trig" else {}
            return ox.serialize(self._dataset_quads(), output, format=format_, **kwargs)
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
        kwargs = {"prefixes": prefixes} if fmt in ("turtle", "xml") else {}
        return ox.serialize(triples, output, format=format_, **kwargs)

    def _dataset_quads(self) -> list:
        """Every quad of newsprov's graphs. With a Graph Store Protocol endpoint: the whole
        dataset as N-Quads in one GET (Oxigraph's /store), else one GET per graph (Virtuoso's
        /sparql-graph-crud); without one, one SPARQL query over the named graphs."""
        import pyoxigraph as ox  # lazily: heavy; a remote store needs it only to read answers

        gsp = self.endpoints.gsp
        if not gsp:
            solutions = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
            return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions]
        body, content_type, _ = self._request(gsp, None, {"Accept": "application/n-quads"}, "export",
                                              allow=NOT_OFFERED)
        if body is not None and _media(content_type) == "application/n-quads":
            return [q for q in self._parse(body, ox.RdfFormat.N_QUADS)
                    if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(ID_BASE)]
        quads = []
        for row in self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} ORDER BY ?g"):
            url = gsp + ("&" if "?" in gsp else "?") + urllib.parse.urlencode({"graph": row["g"]})
            body, content_type, _ = self._request(url, None, {"Accept": ACCEPT_RDF}, "export")
            media = _media(content_type)
            rdf_format = (ox.RdfFormat.from_media_type(media) if media and media != "text/plain" else None)
            graph = ox.NamedNode(row["g"])
            quads += [ox.Quad(q.subject, q.predicate, q.object, graph)
                      for q in self._parse(body, rdf_format or ox.RdfFormat.N_TRIPLES)]
        return quads

    def _parse(self, body: bytes, rdf_format) -> list:
        import pyoxigraph as ox  # lazily: heavy; a remote store needs it only to read answers

        try:
            return list(ox.parse(body, format=rdf_format))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path} sent RDF that cannot be read: {_one_line(str(exc))}") from None

    # -- HTTP ----------------------------------------------------------------------------
    def _request(self, url: str, data: bytes | None, headers: dict[str, str], action: str,
                 line_shift: int = 0, allow: tuple[int, ...] = (), done: str = ""):
        """(body, content type, response headers) of one request; every failure becomes a
        one-line newsprov error (``done`` says what had been written before, if anything).
        A status in ``allow`` gives (None, "", {}) instead."""
        try:
            return self._send(url, data, headers, action, line_shift, allow)
        except StoreError as exc:
            if done:
                exc.message += f" ({done} had been applied; ingest again to finish)"
            raise

    def _send(self, url, data, headers, action, line_shift, allow):
        request = urllib.request.Request(url, data=data, headers={"User-Agent": "newsprov", **headers},
                                         method="POST" if data is not None else "GET")
        timeout = self.endpoints.timeout or (DEFAULT_UPDATE_TIMEOUT if action == "update" else DEFAULT_TIMEOUT)
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return response.read(), response.headers.get("Content-Type", ""), response.headers
        except urllib.error.HTTPError as exc:
            if exc.code in allow:
                return None, "", {}
            raise _http_error(self.path, url, action, exc.code, exc.reason, _server_message(exc),
                              line_shift) from None
        except urllib.error.URLError as exc:
            hint = "; is it running?" if isinstance(exc.reason, ConnectionRefusedError) else ""
            raise StoreError(f"cannot reach the SPARQL server at {self.path}: "
                             f"{_reason(exc.reason, timeout)}{hint}") from None
        except (TimeoutError, socket.timeout):
            landing = "; the server may still apply it: ingest again to see" if action == "update" else ""
            raise StoreError(f"the SPARQL server at {self.path} did not answer the {action} within {timeout:g} s"
                             f"{landing}; raise the limit with timeout=SECONDS after '#' in {setting('store')} or "
                             f"NEWSPROV_STORE_TIMEOUT") from None
        except (http.client.HTTPException, OSError) as exc:
            raise StoreError(f"the {action} on {self.path} failed: {_reason(exc, timeout)}") from None


def _opener(endpoints: Endpoints) -> urllib.request.OpenerDirector:
    handlers: list = []
    if endpoints.user:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in {endpoints.query, endpoints.update, endpoints.gsp} - {None}:
            passwords.add_password(None, url, endpoints.user, endpoints.password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _solutions(parsed):
    import pyoxigraph as ox  # lazily: heavy; a remote store needs it only to read answers

    if isinstance(parsed, ox.QueryBoolean):
        return parsed
    return Solutions(list(parsed), parsed.variables)


def _relabel_bnodes(body: bytes) -> bytes:
    """SPARQL JSON results with every blank node label made of letters, digits and '_'."""
    data = json.loads(body)

    def fix(term):
        if isinstance(term, dict):
            if term.get("type") == "bnode" and isinstance(term.get("value"), str):
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term["value"])
            elif isinstance(term.get("value"), dict):  # an RDF-star triple term
                for part in term["value"].values():
                    fix(part)

    for binding in data.get("results", {}).get("bindings", []):
        for term in binding.values():
            fix(term)
    return json.dumps(data).encode("utf-8")


# IRIs, strings and comments are skipped; the first keyword left is the query form
_FORM = re.compile(r"<[^<>\"{}|^`\\\s]*>"
                   r'|"""(?:[^\\]|\\.)*?"""' r"|'''(?:[^\\]|\\.)*?'''"
                   r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                   r"|#[^\n]*"
                   r"|\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _accept(sparql: str) -> str:
    """SPARQL results for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE: offered both,
    Virtuoso sends a CONSTRUCT's triples as a table of ?s ?p ?o."""
    for match in _FORM.finditer(sparql):
        if match[1]:
            return ACCEPT_RESULTS if match[1].upper() in ("SELECT", "ASK") else ACCEPT_RDF
    return ACCEPT_ANY


def _with_prefixes(sparql: str, prefixes: dict[str, str] | None) -> tuple[str, int]:
    """The query with a PREFIX line for each predeclared prefix it uses and does not declare
    itself, and how many lines that added (to correct positions in the server's messages)."""
    if not prefixes:
        return sparql, 0
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", sparql)}
    needed = [p for p in prefixes
              if p.lower() not in declared and re.search(rf"(?<![\w.-]){re.escape(p)}:", sparql)]
    if not needed:
        return sparql, 0
    return " ".join(f"PREFIX {p}: <{prefixes[p]}>" for p in needed) + "\n" + sparql, 1


def _server_message(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read()
    except (OSError, http.client.HTTPException):
        raw = b""
    text = raw.decode("utf-8", errors="replace")
    content_type = exc.headers.get("Content-Type", "") if exc.headers else ""
    if "html" in content_type.lower() or text.lstrip().startswith("<"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"<[^>]+>", " ", text)
    text = re.split(r"\n\s*SPARQL query:", text)[0]  # Virtuoso repeats the whole query after its message
    text = _one_line(text)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE].rstrip() + " ..."


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shift_positions(message: str, lines: int) -> str:
    """Undo the PREFIX line the query got, in the positions servers report (Oxigraph's
    'error at LINE:COLUMN', Virtuoso's 'line LINE:')."""
    if not lines:
        return message
    message = re.sub(r"\bat (\d+):(\d+)", lambda m: f"at {max(int(m[1]) - lines, 1)}:{m[2]}", message)
    return re.sub(r"\bline (\d+)\b", lambda m: f"line {max(int(m[1]) - lines, 1)}", message)


def _http_error(label: str, url: str, action: str, code: int, reason: str, message: str,
                line_shift: int) -> Exception:
    url = _redact(url)
    detail = message or str(reason or "")
    if action == "query" and code == 400:
        # the SPARQL 1.1 Protocol's answer to a malformed query: the user's error, as in the embedded store
        return InputError(f"invalid SPARQL: {_shift_positions(detail, line_shift) or 'syntax error'}")
    if code in (401, 403):
        return StoreError(f"{url} refused the {action} (HTTP {code}: {detail}); give credentials in the URL "
                          f"or in NEWSPROV_STORE_USER and NEWSPROV_STORE_PASSWORD, or set update= after '#' "
                          f"in {setting('store')} to an endpoint that takes updates")
    if code == 404:
        return StoreError(f"no SPARQL {action} endpoint at {url} (HTTP 404); check {setting('store')} and its "
                          f"query=, update= and gsp= settings after '#'")
    if action == "update" and code in (405, 415):
        return StoreError(f"{url} does not take SPARQL updates (HTTP {code}: {detail}); set update= after '#' "
                          f"in {setting('store')} to the server's update endpoint")
    if action == "update" and "permission" in detail.lower():
        detail += ("; on Virtuoso, updates go to /sparql-auth as a user with the SPARQL_UPDATE role "
                   f"(update=/sparql-auth after '#' in {setting('store')})")
    what = "writing to" if action == "update" else f"the {action} on"
    return StoreError(f"{what} {label} failed: HTTP {code} {reason}: {detail}".rstrip(": "))


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return _one_line(str(reason)) or type(reason).__name__
