"""The HTTP side: the server, its routes and request handler, the page, and the checks every request
passes (the Host header against DNS rebinding, a deadline for the client to send its request,
a bounded body). The answers come from the worker pool."""
from __future__ import annotations

import base64
import hashlib
import html
import ipaddress
import socket
import socketserver
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import reason
from ..graph.vocab import PREFIX_MAP
from ..queries import example_queries, load_example
from ..render import script_json
from .defaults import DEFAULT_CLIENT_TIMEOUT, MAX_BODY
from .guard import sparql_request
from .negotiation import HttpError, choose_formats
from .pool import Answer, WorkerPool

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
CSP_DATA = "default-src 'none'; frame-ancestors 'none'"
CSP_SVG = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
PAGE = Path(__file__).resolve().parents[1] / "serve.html"  # the page; its style and script beside it


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
                raise HttpError(403, f"this server answers requests addressed to an IP address or to {allowed} "
                                     f"only (a web page could otherwise reach it by DNS rebinding); start it with "
                                     f"--allow-host NAME to answer another name")
            url = urlsplit(self.path)
            route = ROUTES.get(url.path)
            if route is None:
                raise HttpError(404, f"no such page: {url.path}; the endpoint is /sparql, the page is /")
            if method not in route.methods:
                raise HttpError(405, f"{method} is not allowed on {url.path}; use {' or '.join(route.methods)}",
                                 {"Allow": ", ".join(route.methods)})
            params = parse_qs(url.query, keep_blank_values=True)
            if method == "POST":
                self._request_body = self._body()
            self._received()
            answer = getattr(self, route.handler)(method, params)
        except HttpError as exc:
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
            raise HttpError(411, "send the body with a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise HttpError(400, "Content-Length is not a number") from None
        if size < 0:
            raise HttpError(400, "Content-Length is negative")
        if size > MAX_BODY:
            raise HttpError(413, f"the request body is larger than {MAX_BODY // 1024} KiB")
        try:
            body = self.rfile.read(size)
        except OSError:
            body = b""
        if len(body) < size:
            raise HttpError(408, f"the request body stopped short ({len(body)} of {size} bytes, "
                                 f"{self.server.client_timeout:g} s allowed)")
        return body

    # -- routes ----------------------------------------------------------------------------
    def _page(self, method: str, params: dict) -> Answer:
        return Answer(200, "text/html; charset=utf-8", self.server.page,
                      {"Content-Security-Policy": self.server.page_csp})

    def _sparql(self, method: str, params: dict) -> Answer:
        query, form = sparql_request(method, self.headers.get("Content-Type"), self._request_body, params)
        formats = choose_formats(form, self.headers.get("Accept"), params.get("format", [None])[-1])
        return self.server.pool.run({"kind": "sparql", "query": query, "formats": formats})

    def _figure(self, params: dict) -> str:
        figure = (params.get("figure") or [""])[-1].strip()
        if not figure:
            raise HttpError(400, "pass a figure: ?figure=1556 (as written or not: 1,556, 1.2 million)")
        return figure

    def _trace(self, method: str, params: dict) -> Answer:
        return self.server.pool.run({"kind": "trace", "figure": self._figure(params)})

    def _trace_svg(self, method: str, params: dict) -> Answer:
        return self.server.pool.run({"kind": "trace.svg", "figure": self._figure(params)})

    def _citations_svg(self, method: str, params: dict) -> Answer:
        return self.server.pool.run({"kind": "citations.svg"})


# ---------------------------------------------------------------- the page


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(label: str, limit: int, timeout: float) -> tuple[bytes, str]:
    """The page and its Content-Security-Policy: its own script and style, by hash, and
    fetches and pictures from this server; nothing else."""
    from ..draw import TYPE_COLOURS  # lazily: the drawing module is only needed for the page's colours

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
