"""WARC (and ARC) files as news crawls ship them, gzipped or not, read as a stream: each
successful HTML or plain-text response is an article; every other record is passed over.
Read twice when a check comes first: once cheaply (headers read, nothing extracted) to find a
broken archive before anything is stored, then for real."""
from __future__ import annotations

import codecs
import gzip
from pathlib import Path
from typing import Iterator

from ...errors import InputError, reason
from ..decode import decode
from ..files import Warn
from ..html import page_article
from ..metadata import clean_metadata
from . import Reader

HTML_TYPES = ("text/html", "application/xhtml+xml")
UNFINISHED = " (a copy or download that did not finish?); nothing was read from the file"


def warc_records(path: Path, name: str, encoding: str | None, max_bytes: int, warn: Warn | None,
                 check: bool = False) -> Iterator[tuple[int, str, dict[str, str], str]]:
    """(record offset, text, metadata, how decoded) for each page of a WARC (or ARC) file, gzipped or not.

    Pages are the successful (200) HTTP responses, and resource or conversion records,
    whose content type is HTML (main text by trafilatura) or plain text; every other
    record (requests, metadata, images, redirects) is passed over. A page with no main
    text, or larger than ``max_bytes``, is skipped and counted in one warning.
    """
    from warcio.archiveiterator import ArchiveIterator  # lazily: only a crawl needs warcio
    from warcio.exceptions import ArchiveLoadFailed

    skipped_empty = skipped_big = 0
    offset = 0
    if check:
        _whole_gzip(path, name)
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle, arc2warc=True)
            for record in records:
                offset = records.offset  # where this record starts (get_record_offset() would read it all)
                kind = _page_kind(record)
                if check:
                    while record.raw_stream.read(1 << 20):
                        pass
                    if record.raw_stream.limit:  # the file ends before the record does
                        raise InputError(f"{name}: the record at byte {offset} is cut short{UNFINISHED}")
                    if kind is not None:
                        yield offset, "", {}, ""
                    continue
                if kind is None:
                    continue
                where = f"{name}@{offset}"
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    skipped_big += 1
                    continue
                url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
                declared = _charset(_content_type(record))
                try:
                    page, how = decode(body, where, encoding, declared)
                except InputError:
                    skipped_empty += 1  # a body that is not text after all
                    continue
                if kind == "html":
                    found = page_article(page, where, url if url.startswith(("http://", "https://")) else "")
                    if found is None:
                        skipped_empty += 1
                        continue
                    text, metadata = found
                else:
                    text, metadata = page, {"url": url}
                if not text.strip():
                    skipped_empty += 1
                    continue
                yield offset, text, clean_metadata(metadata, where, lenient=True), how
            if check and records.offset < path.stat().st_size:  # warcio ends quietly at a cut record head
                offset = records.offset
                raise InputError(f"{name}: the file ends inside the record at byte {offset}{UNFINISHED}")
    except ArchiveLoadFailed as exc:
        raise InputError(f"{name}: not a readable WARC file near byte {offset} "
                         f"({reason(exc)})") from None
    except (AttributeError, KeyError, IndexError, TypeError):  # what warcio raises on a record head cut short
        raise InputError(f"{name}: the record after byte {offset} is damaged or cut short{UNFINISHED}") from None
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        raise InputError(f"{name}: the WARC file is broken near byte {offset} "
                         f"({getattr(exc, 'strerror', None) or exc})") from None
    if warn and not check and (skipped_empty or skipped_big):
        parts = []
        if skipped_empty:
            parts.append(f"{skipped_empty} page(s) with no article text")
        if skipped_big:
            parts.append(f"{skipped_big} page(s) over {max_bytes // (1024 * 1024)} MB")
        warn(f"{name}: skipped {' and '.join(parts)}")


def _whole_gzip(path: Path, name: str) -> None:
    """A gzipped file read to its end: warcio stops quietly where a gzip member is cut short,
    which would lose the rest of a crawl without a word."""
    with path.open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            return
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        raise InputError(f"{name}: the gzip data is cut short or damaged ({exc}){UNFINISHED}") from None


def _content_type(record) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _page_kind(record) -> str | None:
    """'html' or 'text' for a record holding a page, None for anything else."""
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
    elif record.rec_type not in ("resource", "conversion"):
        return None
    media = _content_type(record).split(";")[0].strip().lower()
    if media in HTML_TYPES:
        return "html"
    if media == "text/plain":
        return "text"
    return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None


READER = Reader(name="warc", words="WARC", suffixes=(".warc", ".arc"), shown=".warc(.gz)", order=40, sniff_rank=10,
                looks_like=lambda head: head.startswith((b"WARC/", b"filedesc://")), records=warc_records,
                separator="@", gzipped=True)
