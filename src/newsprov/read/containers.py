"""Files that hold many articles: JSON Lines, and WARC files as news crawls ship them.

Both are read as streams, so a file of any size holds one record in memory at
a time. Each reader runs twice when the caller asks for a check first: once
cheaply (``check=True``: JSON parsed, WARC headers read, nothing extracted) to
find a bad line or a broken archive before anything is stored, then for real.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..errors import InputError, reason
from .decode import decode, lines, lone_surrogate

JSONL_FIELDS = ("text", "url", "publisher", "published", "title")
HTML_TYPES = ("text/html", "application/xhtml+xml")
UNFINISHED = " (a copy or download that did not finish?); nothing was read from the file"
SURROGATE_FIX = "fix its escape (\\ud800-\\udbff must be followed by \\udc00-\\udfff) or remove the line"
Warn = Callable[[str], None]


def open_maybe_gzip(path: Path) -> BinaryIO:
    handle = path.open("rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        return gzip.open(path, "rb")
    handle.seek(0)
    return handle


# -- JSON Lines ---------------------------------------------------------------------------------

def jsonl_records(path: Path, name: str, encoding: str | None, max_bytes: int, warn: Warn | None,
                  check: bool = False) -> Iterator[tuple[int, str, dict[str, str], str]]:
    """(line number, text, metadata, how the line was decoded) for each article line; blank lines are skipped.

    A line that is not a JSON object with a non-empty string "text", or whose metadata is
    malformed, is an InputError naming ``name:LINE``. Fields other than the five known are
    ignored, and said once per file.
    """
    from .articles import clean_metadata

    ignored: set[str] = set()
    try:
        with open_maybe_gzip(path) as handle:
            for number, raw in enumerate(handle, 1):
                where = f"{name}:{number}"
                if len(raw) > max_bytes:
                    raise InputError(f"{where}: the line is {len(raw) // (1024 * 1024)} MB, larger than the "
                                     f"{max_bytes // (1024 * 1024)} MB limit for one article")
                if not raw.strip():
                    continue
                decoded, how = decode(raw.rstrip(b"\r\n"), where, encoding)
                try:
                    record = json.loads(decoded)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno}); "
                                     f"each line must be one JSON object") from None
                if not isinstance(record, dict):
                    raise InputError(f"{where}: a JSON {type(record).__name__}, not an object with a \"text\"")
                text = record.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(f"{where}: no article text; each line needs a non-empty string \"text\"")
                lone_surrogate(text, where, "text", SURROGATE_FIX)
                ignored |= set(record) - set(JSONL_FIELDS)
                metadata = clean_metadata({k: v for k, v in record.items() if k in JSONL_FIELDS and k != "text"},
                                          where)
                if not check:
                    yield number, lines(text), metadata, how
                else:
                    yield number, "", {}, ""
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if ignored and warn and not check:
        warn(f"{name}: ignored field(s) {', '.join(sorted(ignored))}; known: {', '.join(JSONL_FIELDS)}")


# -- WARC ---------------------------------------------------------------------------------------

def warc_records(path: Path, name: str, encoding: str | None, max_bytes: int, warn: Warn | None,
                 check: bool = False) -> Iterator[tuple[int, str, dict[str, str], str]]:
    """(record offset, text, metadata, how decoded) for each page of a WARC (or ARC) file, gzipped or not.

    Pages are the successful (200) HTTP responses, and resource or conversion records,
    whose content type is HTML (main text by trafilatura) or plain text; every other
    record (requests, metadata, images, redirects) is passed over. A page with no main
    text, or larger than ``max_bytes``, is skipped and counted in one warning.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .articles import clean_metadata
    from .html import page_article

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
    import codecs

    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None
