"""The server's defaults and limits, in one place: the command line shows them in its --help."""
from __future__ import annotations

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
