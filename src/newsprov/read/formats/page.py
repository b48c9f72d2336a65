"""Web pages: a file is one article, its main text and metadata read by trafilatura (see ``..html``)."""
from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from ..decode import declared_charset, decode
from ..files import read_bytes
from ..html import page_article
from ..metadata import clean_metadata
from . import Reader


def read_page(path: Path, name: str, encoding: str | None) -> tuple[str, dict[str, str], str]:
    return read_page_bytes(read_bytes(path, name, "page"), name, encoding)


def read_page_bytes(data: bytes, name: str, encoding: str | None, url: str = "",
                    charset: str | None = None) -> tuple[str, dict[str, str], str]:
    """A page's (text, metadata, how decoded); ``url`` is where it was fetched from (its article's URL),
    ``charset`` what the server's Content-Type said (the page's own declaration counts when it says nothing)."""
    html, how = decode(data, name, encoding, charset or declared_charset(data))
    if not html.strip():
        raise InputError(f"{name}: the file is empty; leave it out")
    found = page_article(html, name, url)
    if found is None:
        raise InputError(f"{name}: no article text found in the page (a menu or index page?); leave it out")
    text, metadata = found
    return text, clean_metadata(metadata, name, lenient=True), how


def _looks_like(head: bytes) -> bool:
    lowered = head[:2048].lower()
    return lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered or b"<body" in lowered


READER = Reader(name="html", words="HTML", suffixes=(".html", ".htm", ".xhtml"), shown=".html", order=20, sniff_rank=30,
                looks_like=_looks_like, read=read_page)
