"""The input formats newsprov reads, one module each in this package, found when it is imported.

A module here declares ``READER``, a :class:`Reader`: the format's name (what
``--input-format`` takes), the file names it goes by, how its first bytes look, and either
``read`` (a file is one article: a text, a page; a sidecar's metadata applies) or
``records`` (a file holds many: JSON Lines, a crawl). Adding a format is adding a module.
"""
from __future__ import annotations

import functools
import gzip
import importlib
import io
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..files import Warn

# (text, metadata the file gives of itself, how it was decoded: '' for plain UTF-8)
Read = Callable[[Path, str, "str | None"], "tuple[str, dict[str, str], str]"]
# (position in the file, text, metadata, how decoded) per article; with check=True only counted and checked
Records = Callable[[Path, str, "str | None", int, "Warn | None", bool], Iterator[tuple[int, str, dict[str, str], str]]]


@dataclass(frozen=True)
class Reader:
    name: str
    words: str  # how messages call its files: 'text', 'HTML'
    suffixes: tuple[str, ...]  # lower case, with the dot
    shown: str  # how messages name its files: ".txt", ".warc(.gz)"
    order: int  # where it is listed (in --input-format, in messages)
    sniff_rank: int  # the order in which first bytes are tried; the lowest rank that recognises them wins
    looks_like: Callable[[bytes], bool]  # the first bytes, unzipped, byte order mark and blanks stripped
    read: Read | None = None
    records: Records | None = None
    separator: str = ":"  # between a container's name and a record's position: 'crawl.warc@1234'
    in_folders: bool = True  # a folder is searched for it (JSON Lines only when named)
    gzipped: bool = False  # NAME.gz is read too

    @property
    def single(self) -> bool:
        """One article per file (so a sidecar's metadata applies to it)."""
        return self.read is not None


@functools.cache
def readers() -> tuple[Reader, ...]:
    """Every module of this package that declares a READER, in their listing order; found once."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "READER", None)
        if isinstance(declared, Reader):
            found.append(declared)
    return tuple(sorted(found, key=lambda r: (r.order, r.name)))


def names() -> tuple[str, ...]:
    return tuple(r.name for r in readers())


def reader(name: str) -> Reader:
    return next(r for r in readers() if r.name == name)


def kind_of(path: Path) -> str | None:
    """The format a folder's file has by its name, None for a file newsprov does not read."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if not suffixes:
        return None
    if suffixes[-1] == ".gz":
        inner = suffixes[0] if len(suffixes) == 2 else ""
        return next((r.name for r in readers() if r.gzipped and inner in r.suffixes), None)
    return next((r.name for r in readers() if suffixes[-1] in r.suffixes), None)


def sniff(head: bytes) -> str:
    """The format of a file or stream from its first bytes (gzipped or not)."""
    by_rank = sorted(readers(), key=lambda r: r.sniff_rank)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(4096)
        except (OSError, EOFError):
            # a truncated head of a gzipped file: the first format read gzipped will say more
            return next(r.name for r in by_rank if r.gzipped)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return next(r.name for r in by_rank if r.looks_like(stripped))


def listing(readers) -> str:
    """'.txt, .html and .warc(.gz)'."""
    shown = [r.shown for r in readers]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
