"""Downloads of public files (reference series), in one place: one clear line for every way a
download can fail, and nothing kept of one that did not finish.

``fetch(url)`` follows redirects (at most ``MAX_REDIRECTS``), gives up after ``timeout``
seconds without an answer, refuses bodies larger than ``max_bytes``, a body shorter than its
Content-Length (a download cut short) and a web page where a data file was expected, and
returns the bytes with the final URL, the time of the download and the bytes' SHA-256.
"""
from __future__ import annotations

import hashlib
import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone

from . import __version__
from .errors import InputError

MAX_REDIRECTS = 5
DATA_TYPES = ("application/json", "text/plain", "text/csv", "application/octet-stream", "application/x-ndjson",
              "text/x-csv", "application/csv", "")
USER_AGENT = f"newsprov/{__version__} (+https://github.com/newsprov/newsprov)"


@dataclass(frozen=True)
class Fetched:
    data: bytes
    url: str  # where the bytes came from, after redirects
    retrieved: str  # when, ISO 8601 in UTC, to the second
    sha256: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same URL twice in one chain is a loop


def fetch(url: str, timeout: float = 30.0, max_bytes: int = 50_000_000) -> Fetched:
    """The file at ``url``, or InputError (exit 2) saying in one line why it could not be had."""
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/csv, */*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            media = (response.headers.get_content_type() if response.headers.get("Content-Type") else "").lower()
            if media not in DATA_TYPES:
                raise InputError(f"{url}: the server sent {media}, not a data file (JSON or CSV); "
                                 f"give the URL of the raw file")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: {int(declared) // 1_000_000} MB is larger than the "
                                 f"{max_bytes // 1_000_000} MB limit for a series")
            data = response.read(max_bytes + 1)
            final = response.geturl()
            if declared and declared.isdigit() and len(data) < int(declared):
                raise http.client.IncompleteRead(data, int(declared) - len(data))
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise InputError(f"{url}: redirected in a loop or more than {MAX_REDIRECTS} times") from None
        raise InputError(f"{url}: the server answered HTTP {exc.code} ({exc.reason})") from None
    except http.client.IncompleteRead as exc:
        raise InputError(f"{url}: the download was cut short ({len(exc.partial)} bytes of "
                         f"{len(exc.partial) + (exc.expected or 0)}); nothing was loaded") from None
    except (TimeoutError, socket.timeout):
        raise InputError(f"{url}: no answer within {timeout:g} s; nothing was loaded") from None
    except urllib.error.URLError as exc:
        why = exc.reason
        if isinstance(why, (TimeoutError, socket.timeout)):
            raise InputError(f"{url}: no answer within {timeout:g} s; nothing was loaded") from None
        text = getattr(why, "strerror", None) or str(why)
        raise InputError(f"cannot fetch {url} ({text}); check the address and the network, or download "
                         f"the file and give its path") from None
    except (http.client.HTTPException, OSError) as exc:
        raise InputError(f"{url}: the download failed ({type(exc).__name__}: {exc}); nothing was loaded") from None
    if len(data) > max_bytes:
        raise InputError(f"{url}: larger than the {max_bytes // 1_000_000} MB limit for a series")
    retrieved = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Fetched(data=data, url=final, retrieved=retrieved, sha256=hashlib.sha256(data).hexdigest())
