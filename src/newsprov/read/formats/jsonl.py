"""JSON Lines: one article a line, ``{"text": ..., "url": ..., "publisher": ..., "published": ...,
"title": ...}``, gzipped or not, read as a stream (one line in memory at a time). A folder's
``.jsonl`` files are read only when named, since they are as often annotations or logs."""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator

from ...errors import InputError
from ..decode import decode, lines, lone_surrogate
from ..files import Warn, open_maybe_gzip
from ..metadata import clean_metadata
from . import Reader

JSONL_FIELDS = ("text", "url", "publisher", "published", "title")
SURROGATE_FIX = "fix its escape (\\ud800-\\udbff must be followed by \\udc00-\\udfff) or remove the line"


def jsonl_records(path: Path, name: str, encoding: str | None, max_bytes: int, warn: Warn | None,
                  check: bool = False) -> Iterator[tuple[int, str, dict[str, str], str]]:
    """(line number, text, metadata, how the line was decoded) for each article line; blank lines are skipped.

    A line that is not a JSON object with a non-empty string "text", or whose metadata is
    malformed, is an InputError naming ``name:LINE``. Fields other than the five known are
    ignored, and said once per file.
    """
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


READER = Reader(name="jsonl", words="JSON Lines", suffixes=(".jsonl", ".ndjson"),
                shown=".jsonl", order=30, sniff_rank=20,
                looks_like=lambda head: head.startswith(b"{"), records=jsonl_records, separator=":",
                in_folders=False, gzipped=True)
