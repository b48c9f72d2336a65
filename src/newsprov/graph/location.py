"""Where a store is, and opening it: a folder is an embedded store, an http(s) URL a SPARQL server."""
from __future__ import annotations

import os
from pathlib import Path

from .base import DEFAULT_STORE, Store, is_remote
from .remote import RemoteStore
from .store import GraphStore


def store_location(option: str | None) -> Path | str:
    """The store asked for, else NEWSPROV_STORE, else ./newsprov.db: a folder, or the URL of a SPARQL server."""
    value = str(option or os.environ.get("NEWSPROV_STORE") or DEFAULT_STORE)
    return value if is_remote(value) else Path(value)


def open_store(location: Path | str, read_only: bool = False) -> Store:
    """An embedded GraphStore for a folder, a RemoteStore for an http(s) URL."""
    if is_remote(location):
        return RemoteStore(str(location), read_only=read_only)
    return GraphStore(Path(location), read_only=read_only)
