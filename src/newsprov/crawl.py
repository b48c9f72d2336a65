"""Web pages from a list of URLs, fetched politely and kept in a local cache.

Politeness, per host: one request at a time, and at least ``delay`` seconds (or the host's
own robots.txt ``Crawl-delay``, if longer) between the end of one request and the start of
the next; robots.txt is read first and obeyed (RFC 9309: a robots.txt the server does not
have, any 4xx, allows everything; one that fails with 5xx or cannot be reached allows
nothing); the User-Agent is ``fetch.USER_AGENT``. Hosts are visited side by side, at most
``PARALLEL_HOSTS`` at once. A 429, a 5xx, a connection refused or reset and a timeout are
tried again up to ``retries`` times, waiting ``backoff`` x 1, 2, 4, ... seconds, or what a
``Retry-After`` of at most ``MAX_RETRY_AFTER`` seconds asks (a longer one fails the URL, saying
so). Redirects are followed hop by hop, at most ``fetch.MAX_REDIRECTS``, each hop a request that
waits its turn at the host (and is asked of robots.txt when it stays on the host). A DNS
failure is not tried again: it is no network or no such host.

Every definite answer is kept in the cache folder, keyed by the URL's SHA-256: the body of an
HTML page (``KEY.html``) and, for every answer, ``KEY.json`` (the URL, the final URL after
redirects, the status, the content type, the time of the fetch in UTC and the body's SHA-256),
so a second run asks nothing of the network. A 404 or a page that is not HTML is kept as such
and not asked again; what may pass (a timeout, a 5xx, no network, a robots.txt that could not
be read) is not kept, and the next run tries again. A robots.txt is kept a day.
"""
from __future__ import annotations

import email.message
import email.utils
import hashlib
import http.client
import json
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .errors import InputError, StoppedError, setting
from .fetch import MAX_REDIRECTS, USER_AGENT

DEFAULT_DELAY = 1.0
DEFAULT_RETRIES = 3
DEFAULT_TIMEOUT = 30.0
PARALLEL_HOSTS = 4
MAX_RETRY_AFTER = 60.0  # a server asking for a longer wait is not waited for: the URL fails, saying so
MAX_CRAWL_DELAY = 60.0
MAX_PAGE_BYTES = 20 * 1024 * 1024  # as for a page on disk (read.files.MAX_BYTES)
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
ROBOTS_KEPT = 24 * 3600
ROBOTS_AGENT = "newsprov"  # the product token robots.txt rules name
HTML_TYPES = ("text/html", "application/xhtml+xml")
RETRY_STATUSES = frozenset({429, *range(500, 600)})


@dataclass(frozen=True)
class Page:
    """A fetched HTML page: where it came from, and its body in the cache."""

    url: str  # as listed
    final_url: str  # after redirects
    fetched: str  # ISO 8601, UTC, to the second
    content_type: str
    body: Path
    from_cache: bool

    def charset(self) -> str | None:
        message = email.message.Message()
        message["Content-Type"] = self.content_type
        return message.get_content_charset()


@dataclass(frozen=True)
class Failure:
    url: str
    reason: str


@dataclass
class CrawlResult:
    outcomes: list[Page | Failure] = field(default_factory=list)  # one per URL, in the list's order
    requests: int = 0  # HTTP requests made, robots.txt included

    @property
    def pages(self) -> list[Page]:
        return [o for o in self.outcomes if isinstance(o, Page)]

    @property
    def failed(self) -> list[Failure]:
        return [o for o in self.outcomes if isinstance(o, Failure)]


def default_cache(store: Path | str) -> Path:
    """The cache beside a store folder (``news.db`` -> ``news.db.pages``); for a remote store, ./newsprov-pages."""
    if isinstance(store, Path):
        return store.with_name(store.name + ".pages")
    return Path("newsprov-pages")


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched as written, or None when it can be tried."""
    if not url or any(c.isspace() for c in url):
        return "not a URL (it is empty or holds spaces)"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) URL"
    if not parts.hostname:
        return "no host name in the URL"
    return None


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Cache:
    """Answers kept on disk by URL: ``KEY.json`` (what came back) and, for a page, ``KEY.html``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _key(self, url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()

    def get(self, url: str) -> dict | None:
        meta = self.folder / f"{self._key(url)}.json"
        try:
            entry = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # not kept, or a damaged entry: fetched again
        body = self.body_path(url)
        if entry.get("sha256") and not body.is_file():
            return None
        return entry if entry.get("url") == url else None

    def body_path(self, url: str) -> Path:
        return self.folder / f"{self._key(url)}.html"

    def put(self, url: str, entry: dict, body: bytes | None) -> dict:
        """Keep an answer; the body is in place before the entry that names it, each file whole."""
        entry = {"url": url, **entry, "sha256": hashlib.sha256(body).hexdigest() if body is not None else None}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if body is not None:
                self._write(self.body_path(url), body)
            self._write(self.folder / f"{self._key(url)}.json", json.dumps(entry, indent=1).encode("utf-8"))
        except OSError as exc:
            raise InputError(f"cannot write the page cache {self.folder}: {exc.strerror or exc}; "
                             f"choose another {setting('cache')}") from None
        return entry

    def _write(self, path: Path, data: bytes) -> None:
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False)
        try:
            with handle:
                handle.write(data)
            os.replace(handle.name, path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise


@dataclass
class _Answer:
    status: int
    reason: str
    final_url: str
    content_type: str
    body: bytes | None
    retry_after: float | None = None
    location: str | None = None  # where a redirect leads


class _HopByHop(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed by urllib but by the crawler, so each hop waits its turn at the host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _Transient(Exception):
    """A failure that may pass: tried again, and not kept."""


class _Stop(Exception):
    pass


class _Robots:
    def __init__(self, parser: urllib.robotparser.RobotFileParser | None = None, refusal: str | None = None):
        self.parser, self.refusal = parser, refusal

    def refuses(self, url: str) -> str | None:
        if self.refusal:
            return self.refusal
        if self.parser is not None and not self.parser.can_fetch(ROBOTS_AGENT, url):
            return "robots.txt disallows it"
        return None

    def delay(self) -> float:
        found = self.parser.crawl_delay(ROBOTS_AGENT) if self.parser is not None else None
        return min(float(found), MAX_CRAWL_DELAY) if found else 0.0


class Crawler:
    """Fetches pages politely into ``cache``; see the module's docstring.

    ``progress(url, outcome)`` hears of each URL as it is done (from the crawl's threads)."""

    def __init__(self, cache: Path, delay: float = DEFAULT_DELAY, retries: int = DEFAULT_RETRIES,
                 timeout: float = DEFAULT_TIMEOUT, backoff: float = 1.0,
                 progress: Callable[[str, Page | Failure], None] | None = None):
        self.cache = Cache(cache)
        self.delay, self.retries, self.timeout, self.backoff = delay, retries, timeout, backoff
        self.progress = progress
        self.requests = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._opener = urllib.request.build_opener(_HopByHop())

    def crawl(self, urls: list[str]) -> CrawlResult:
        """One outcome per URL, in order; the hosts side by side, each host's URLs one after another."""
        by_host: dict[str, list[str]] = {}
        done: dict[str, Page | Failure] = {}
        for url in dict.fromkeys(urls):
            problem = url_problem(url)
            if problem:
                done[url] = self._told(url, Failure(url, problem))
            else:
                by_host.setdefault(_origin(url), []).append(url)
        if by_host:
            pool = ThreadPoolExecutor(min(PARALLEL_HOSTS, len(by_host)), thread_name_prefix="newsprov-crawl")
            futures = [pool.submit(self._host, origin, listed) for origin, listed in by_host.items()]
            try:
                for future in futures:
                    done.update(future.result())
            except BaseException as exc:
                self._stop.set()
                pool.shutdown(wait=True, cancel_futures=True)  # each thread stops before its next request
                if isinstance(exc, (KeyboardInterrupt, _Stop)):
                    kept = sum(1 for url in urls if self.cache.get(url))
                    raise StoppedError(f"interrupted while fetching: {kept} of {len(urls)} URL(s) are in the page "
                                       f"cache {self.cache.folder}; nothing was written to the store. Run the same "
                                       f"command again: it fetches only what is missing") from None
                raise
            pool.shutdown()
        return CrawlResult([done[url] for url in urls], self.requests)

    def _told(self, url: str, outcome: Page | Failure) -> Page | Failure:
        if self.progress:
            with self._lock:
                self.progress(url, outcome)
        return outcome

    # -- one host ---------------------------------------------------------------------------------

    def _host(self, origin: str, urls: list[str]) -> dict[str, Page | Failure]:
        """The URLs of one host, one request at a time; robots.txt read only if one must be fetched."""
        state = {"free_at": 0.0}  # monotonic time from which the host may be asked again
        robots: _Robots | None = None
        done = {}
        for url in urls:
            entry = self.cache.get(url)
            if entry is None:
                if robots is None:
                    robots = self._robots(origin, state)
                refusal = robots.refuses(url)
                if refusal:
                    done[url] = self._told(url, Failure(url, refusal))
                    continue
                answer = self._fetch(url, state, max(self.delay, robots.delay()), html=True, robots=robots)
                if isinstance(answer, Failure):
                    done[url] = self._told(url, answer)
                    continue
                entry = self.cache.put(url, {"final_url": answer.final_url, "status": answer.status,
                                             "reason": answer.reason, "content_type": answer.content_type,
                                             "fetched": _now()}, answer.body)
                done[url] = self._told(url, self._outcome(url, entry, from_cache=False))
            else:
                done[url] = self._told(url, self._outcome(url, entry, from_cache=True))
        return done

    def _outcome(self, url: str, entry: dict, from_cache: bool) -> Page | Failure:
        status = entry.get("status") or 0
        if not 200 <= status < 300:
            return Failure(url, f"HTTP {status} ({entry.get('reason') or 'no reason given'})")
        media = _media(entry.get("content_type") or "")
        if not entry.get("sha256"):
            return Failure(url, f"not a web page: the server sent {media or 'no content type'}")
        return Page(url=url, final_url=entry.get("final_url") or url, fetched=entry.get("fetched") or "",
                    content_type=entry.get("content_type") or "", body=self.cache.body_path(url),
                    from_cache=from_cache)

    def _robots(self, origin: str, state: dict) -> _Robots:
        url = f"{origin}/robots.txt"
        entry = self.cache.get(url)
        if entry is not None and _age(entry.get("fetched", "")) < ROBOTS_KEPT:
            status = entry.get("status") or 0
            body = self.cache.body_path(url).read_bytes() if entry.get("sha256") else b""
        else:
            answer = self._fetch(url, state, self.delay, html=False)
            if isinstance(answer, Failure):
                if not answer.reason.startswith("HTTP "):  # the host cannot be reached: that is the reason
                    return _Robots(refusal=answer.reason)
                return _Robots(refusal=f"robots.txt could not be read ({answer.reason}), so nothing is fetched from "
                                       f"{urllib.parse.urlsplit(origin).netloc}")
            status, body = answer.status, answer.body or b""
            if status < 500:
                self.cache.put(url, {"final_url": answer.final_url, "status": status, "reason": answer.reason,
                                     "content_type": answer.content_type, "fetched": _now()},
                               body if 200 <= status < 300 else None)
        if 400 <= status < 500:
            return _Robots()  # no robots.txt: everything is allowed
        if not 200 <= status < 300:
            return _Robots(refusal=f"robots.txt answered HTTP {status}, so nothing is fetched from "
                                   f"{urllib.parse.urlsplit(origin).netloc}")
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace").splitlines())
        return _Robots(parser)

    # -- one URL ----------------------------------------------------------------------------------

    def _fetch(self, url: str, state: dict, delay: float, html: bool,
               robots: _Robots | None = None) -> _Answer | Failure:
        """The final answer for ``url`` after its redirects (each hop a request of its own, robots.txt
        asked for a hop on the same host), or the Failure that ends it."""
        hops = [url]
        while True:
            answer = self._tried(hops[-1], state, delay, html)
            if isinstance(answer, Failure):
                return Failure(url, answer.reason)
            if answer.location is None:
                answer.final_url = hops[-1]
                return answer
            target = answer.location
            if target in hops or len(hops) > MAX_REDIRECTS:
                return Failure(url, f"redirected in a loop or more than {MAX_REDIRECTS} times")
            problem = url_problem(target)
            if problem:
                return Failure(url, f"redirected to {target}: {problem}")
            if robots is not None and _origin(target) == _origin(url) and robots.refuses(target):
                return Failure(url, f"redirected to {target}, which robots.txt disallows")
            hops.append(target)

    def _tried(self, url: str, state: dict, delay: float, html: bool) -> _Answer | Failure:
        """One URL's answer, tried again on what may pass."""
        wait = 0.0
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self._pause(max(state["free_at"], time.monotonic() + wait))
            try:
                with self._lock:
                    self.requests += 1
                answer = self._once(url, html)
            except _Transient as exc:
                if last:
                    return Failure(url, f"{exc}{self._tries()}")
                wait = self.backoff * 2 ** attempt
                continue
            except InputError as exc:
                return Failure(url, exc.message)
            finally:
                state["free_at"] = time.monotonic() + delay
            if answer.status in RETRY_STATUSES:
                why = f"HTTP {answer.status} ({answer.reason})"
                if answer.retry_after is not None and answer.retry_after > MAX_RETRY_AFTER:
                    return Failure(url, f"{why}; the server asks to wait {answer.retry_after:g} s, longer than "
                                        f"{MAX_RETRY_AFTER:g} s")
                if last:
                    return Failure(url, f"{why}{self._tries()}")
                wait = answer.retry_after if answer.retry_after is not None else self.backoff * 2 ** attempt
                continue
            return answer
        raise AssertionError("unreachable")

    def _tries(self) -> str:
        return f", {self.retries + 1} tries" if self.retries else ""

    def _pause(self, until: float) -> None:
        while not self._stop.is_set():
            left = until - time.monotonic()
            if left <= 0:
                return
            self._stop.wait(left)
        raise _Stop()

    def _once(self, url: str, html: bool) -> _Answer:
        """One request (redirects followed). Raises _Transient for what may pass, InputError for what will not."""
        accept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1" if html else "text/plain, */*;q=0.1"
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                content_type = response.headers.get("Content-Type") or ""
                final = response.geturl()
                if html and _media(content_type) not in (*HTML_TYPES, ""):
                    return _Answer(response.status, response.reason, final, content_type, None)
                declared = response.headers.get("Content-Length")
                limit = MAX_PAGE_BYTES if html else MAX_ROBOTS_BYTES
                body = response.read(limit + 1)
                if len(body) > limit and html:
                    raise InputError(f"larger than the {MAX_PAGE_BYTES // (1024 * 1024)} MB limit for one page")
                if declared and declared.isdigit() and len(body) < min(int(declared), limit):
                    raise http.client.IncompleteRead(body, int(declared) - len(body))
                return _Answer(response.status, response.reason, final, content_type, body[:limit])
        except urllib.error.HTTPError as exc:
            exc.close()
            location = exc.headers.get("Location") or exc.headers.get("URI")
            if 300 <= exc.code < 400 and exc.code != 304 and location:
                return _Answer(exc.code, str(exc.reason), url, "", None,
                               location=urllib.parse.urljoin(url, location.strip()))
            return _Answer(exc.code, str(exc.reason), exc.geturl() or url, exc.headers.get("Content-Type") or "",
                           None, _retry_after(exc.headers.get("Retry-After")))
        except http.client.IncompleteRead as exc:
            raise _Transient(f"the download was cut short ({len(exc.partial)} bytes)") from None
        except (TimeoutError, socket.timeout):
            raise _Transient(f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            why = exc.reason
            if isinstance(why, (TimeoutError, socket.timeout)):
                raise _Transient(f"no answer within {self.timeout:g} s") from None
            if isinstance(why, socket.gaierror):
                host = urllib.parse.urlsplit(url).hostname
                raise InputError(f"cannot resolve {host} (no network, or no such host)") from None
            if isinstance(why, OSError):
                raise _Transient(f"cannot connect ({why.strerror or why})") from None
            raise InputError(f"cannot fetch it ({why})") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _Transient(f"the connection failed ({type(exc).__name__}: {exc})".replace(": )", ")")) from None
        except OSError as exc:
            raise _Transient(f"the connection failed ({exc.strerror or exc})") from None
        except ValueError as exc:  # what urllib raises for a URL it cannot send
            raise InputError(f"not a valid URL ({exc})") from None


def _media(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _age(fetched: str) -> float:
    """Seconds since an ISO 8601 time; infinite when it cannot be read."""
    try:
        when = datetime.fromisoformat(fetched.replace("Z", "+00:00"))
    except ValueError:
        return float("inf")
    return (datetime.now(timezone.utc) - when).total_seconds()
