"""Read articles: .txt files or folders of them, with an optional metadata CSV.

A folder may hold ``metadata.csv`` (columns ``file, publisher, published, url,
title``; unknown values stay empty). An article's id is derived from its text,
so the same text always gets the same id and IRI wherever the file lives.
"""
from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..model import Article

METADATA_NAMES = ("metadata.csv",)
METADATA_COLUMNS = ("file", "publisher", "published", "url", "title")
MAX_BYTES = 20 * 1024 * 1024
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_text(text: str, source_file: str = "", **metadata: str) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=sha[:16], text=text, source_file=source_file, sha256=sha,
                   publisher=metadata.get("publisher", "") or "", published=metadata.get("published", "") or "",
                   url=metadata.get("url", "") or "", title=metadata.get("title", "") or "")


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "file" not in reader.fieldnames:
                raise InputError(f"{path}: metadata needs a header row with a 'file' column "
                                 f"(columns: {', '.join(METADATA_COLUMNS)})")
            unknown = set(reader.fieldnames) - set(METADATA_COLUMNS)
            if unknown:
                raise InputError(f"{path}: unknown metadata column(s) {', '.join(sorted(unknown))}; "
                                 f"allowed: {', '.join(METADATA_COLUMNS)}")
            rows = {}
            for line, row in enumerate(reader, 2):
                if None in row or any(v is None for v in row.values()):
                    raise InputError(f"{path}:{line}: wrong number of fields; expected {len(reader.fieldnames)}")
                name = (row.get("file") or "").strip()
                if not name:
                    raise InputError(f"{path}:{line}: empty 'file' value")
                published = (row.get("published") or "").strip()
                if published and not DATE.match(published):
                    raise InputError(f"{path}:{line}: published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
                url = (row.get("url") or "").strip()
                if url and not re.match(r"^https?://\S+$", url):
                    raise InputError(f"{path}:{line}: url {url!r} is not an http(s) URL")
                rows[name] = {k: (v or "").strip() for k, v in row.items() if k != "file"}
            return rows
    except UnicodeDecodeError:
        raise InputError(f"{path}: metadata is not UTF-8 text") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from None


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); convert it with iconv -f latin1 -t utf-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def _files(paths: list[Path]) -> list[tuple[Path, dict[str, dict[str, str]]]]:
    found = []
    for path in paths:
        if path.is_dir():
            metadata = {}
            for name in METADATA_NAMES:
                if (path / name).is_file():
                    metadata = read_metadata(path / name)
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            for name in metadata:
                if not (path / name).is_file():
                    raise InputError(f"{path / METADATA_NAMES[0]}: lists {name!r}, which is not in {path}")
            found.extend((p, metadata) for p in files)
        elif path.is_file():
            metadata = {}
            sidecar = path.parent / METADATA_NAMES[0]
            if sidecar.is_file():
                metadata = read_metadata(sidecar)
            found.append((path, metadata))
        else:
            raise InputError(f"{path}: no such file or folder")
    return found


class iter_articles:
    """The articles under ``paths`` one at a time, in a stable order; a duplicate text is read once.

    Memory stays flat however many files there are; ``len()`` is the number of files.
    With ``check_first`` every file is read and checked before the first article is
    yielded, so an unreadable file stops the run before anything is done with the others.
    """

    def __init__(self, paths: list[Path], check_first: bool = True):
        self.files = _files(paths)
        if not self.files:
            raise InputError(f"no .txt articles found in {', '.join(str(p) for p in paths)}")
        if check_first:
            for path, _metadata in self.files:
                read_text(path)

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        seen: set[str] = set()
        for path, metadata in self.files:
            text = read_text(path)
            article = article_from_text(text, source_file=path.name, **metadata.get(path.name, {}))
            if article.id in seen:
                continue
            seen.add(article.id)
            yield article


def read_articles(paths: list[Path]) -> list[Article]:
    """All articles under ``paths``, in a stable order; a duplicate text is read once."""
    return list(iter_articles(paths, check_first=False))
