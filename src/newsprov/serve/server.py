"""Starting the server: check the store, bind the address, build the page, start the workers."""
from __future__ import annotations

import errno
import socket
from pathlib import Path

from ..errors import InputError, setting
from ..graph.base import is_remote
from ..graph.location import open_store
from ..graph.remote import parse_location
from .defaults import (DEFAULT_CLIENT_TIMEOUT, DEFAULT_LIMIT, DEFAULT_MEMORY, DEFAULT_PORT, DEFAULT_TIMEOUT,
                       DEFAULT_WORKERS)
from .http import SparqlServer, _is_address, _is_loopback, page
from .pool import WorkerPool


def start_server(location: Path | str, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 workers: int = DEFAULT_WORKERS, log: bool = True, allow_hosts: tuple[str, ...] = (),
                 memory: int | None = DEFAULT_MEMORY,
                 client_timeout: float = DEFAULT_CLIENT_TIMEOUT) -> SparqlServer:
    """Check the store, bind the address and start the workers; the caller runs serve_forever.
    A missing store is NotFoundError (exit 3), a broken one StoreError (exit 4), an address
    that cannot be bound InputError (exit 2)."""
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
