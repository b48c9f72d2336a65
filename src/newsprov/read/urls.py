"""Articles from a list of URLs: the list read (plain, CSV or JSON Lines), the pages fetched
politely into a cache (``newsprov.crawl``) and each read like a saved web page, with the
address it came from as its URL.

A list is one of:

- plain text: one URL a line; blank lines and lines starting with ``#`` are passed over;
- CSV (``.csv``, or ``.tsv`` or a first line with more tabs than commas: tab-separated): the column named ``url`` or ``link`` (any case), else
  the only column whose cells are http(s) URLs; a file whose first row already holds a URL has
  no header, and its columns are named by number (``column 3``);
- JSON Lines (``.jsonl``, ``.ndjson``, or a file whose first line is a JSON object): the field
  named ``url`` or ``link`` (any case) of each object.

A list that holds no URL, is not UTF-8 text, has no URL column or a malformed line is an
InputError (exit 2) naming the file, before anything is fetched. A line whose URL is malformed
is not: it is one failed URL among the others.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..crawl import CrawlResult, Failure, Page
from ..errors import InputError, NewsprovError
from ..model import Article
from .articles import article_from_text
from .decode import looks_binary
from .files import MAX_BYTES
from .formats.page import read_page_bytes

URL_NAMES = ("url", "link")  # in this order of preference, compared in lower case
LOOKS_LIKE_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass
class UrlList:
    urls: list[str]  # in order, each once
    form: str  # 'plain', 'csv' or 'jsonl'
    column: str | None = None  # the CSV column or JSON field the URLs came from
    repeated: int = 0  # URLs listed more than once, read once


def read_url_list(path: Path) -> UrlList:
    """The URLs listed in ``path``; see the module's docstring."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MB limit for a list of URLs")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{name}: a folder, not a list of URLs") from None
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not a list of URLs (one a line, CSV or JSON Lines)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start}); save the list as UTF-8") from None
    suffix = path.suffix.lower()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if suffix in (".csv", ".tsv"):  # GDELT's event files are named .CSV and hold tabs
        found = _from_csv(text, name, "\t" if suffix == ".tsv" or first.count("\t") > first.count(",") else ",")
    elif suffix in (".jsonl", ".ndjson") or first.startswith("{"):
        found = _from_jsonl(text, name)
    else:
        found = UrlList([line.strip() for line in text.splitlines()
                         if line.strip() and not line.strip().startswith("#")], "plain")
        if found.urls and not any(LOOKS_LIKE_URL.match(u) for u in found.urls):
            raise InputError(f"{name}: no line is an http(s) URL; give one URL a line, a CSV file with a url "
                             f"column or JSON Lines with a url field")
    if not found.urls:
        raise InputError(f"{name}: lists no URLs")
    unique = list(dict.fromkeys(found.urls))
    found.repeated, found.urls = len(found.urls) - len(unique), unique
    return found


def _from_csv(text: str, name: str, delimiter: str) -> UrlList:
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
                if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV file ({exc})") from None
    if not rows:
        raise InputError(f"{name}: lists no URLs")
    headless = any(LOOKS_LIKE_URL.match(cell.strip()) for cell in rows[0])
    header = [f"column {i + 1}" for i in range(max(len(r) for r in rows))] if headless else [c.strip() for c in rows[0]]
    body = rows if headless else rows[1:]
    lowered = [h.lower() for h in header]
    index = next((lowered.index(n) for n in URL_NAMES if n in lowered), None)
    if index is None:
        holding = [i for i in range(len(header))
                   if any(i < len(r) and LOOKS_LIKE_URL.match(r[i].strip()) for r in body)]
        if len(holding) != 1:
            which = ("no column holds URLs" if not holding else
                     f"{len(holding)} columns hold URLs ({', '.join(header[i] for i in holding)})")
            raise InputError(f"{name}: no column named url or link, and {which}; name the column of URLs 'url'")
        index = holding[0]
    return UrlList([r[index].strip() for r in body if index < len(r) and r[index].strip()], "csv", header[index])


def _from_jsonl(text: str, name: str) -> UrlList:
    urls: list[str] = []
    field_used: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{number}: not JSON ({exc.msg} at column {exc.colno}); each line must be one "
                             f"JSON object") from None
        except ValueError as exc:  # a number too long to convert
            raise InputError(f"{name}:{number}: not JSON ({exc}); each line must be one JSON object") from None
        if not isinstance(record, dict):
            raise InputError(f"{name}:{number}: a JSON {type(record).__name__}, not an object with a url field")
        keys = {k.lower(): k for k in record if isinstance(k, str)}
        key = next((keys[n] for n in URL_NAMES if n in keys), None)
        if key is None or not isinstance(record[key], str):
            raise InputError(f"{name}:{number}: no url or link field holding a string")
        field_used = field_used or key
        urls.append(record[key].strip())
    return UrlList(urls, "jsonl", field_used)


@dataclass
class UrlArticles:
    """The articles read from a crawl's pages, and every URL that gave none, with why."""

    articles: list[Article] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    fetched: int = 0  # pages fetched in this run
    cached: int = 0  # pages read from the cache
    requests: int = 0

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)


def page_articles(crawl: CrawlResult, encoding: str | None = None) -> UrlArticles:
    """Each page read like a saved web page (its final URL as the article's URL); a page with no
    article text, or that cannot be read, is a failed URL."""
    result = UrlArticles(requests=crawl.requests)
    for outcome in crawl.outcomes:
        if isinstance(outcome, Failure):
            result.failed.append(outcome)
            continue
        result.cached += outcome.from_cache
        result.fetched += not outcome.from_cache
        try:
            text, metadata, _ = _read(outcome, encoding)
        except NewsprovError as exc:
            reason = exc.message.removeprefix(f"{outcome.url}: ").removesuffix("; leave it out")
            result.failed.append(Failure(outcome.url, reason))
            continue
        result.articles.append(article_from_text(text, source_file=outcome.url, **metadata))
    return result


def _read(page: Page, encoding: str | None) -> tuple[str, dict[str, str], str]:
    try:
        data = page.body.read_bytes()
    except OSError as exc:
        raise InputError(f"{page.url}: cannot read its copy in the cache ({exc.strerror or exc})") from None
    charset = page.charset()
    try:
        charset = codecs.lookup(charset).name if charset else None
    except LookupError:
        charset = None  # a charset Python does not know: the page's own declaration, or the bytes, say it
    return read_page_bytes(data, page.url, encoding, url=page.final_url, charset=charset)


class Joined:
    """Articles from several sources as one (a text met twice is read once), with the number to expect."""

    def __init__(self, *parts):
        self.parts = parts

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)

    def __iter__(self) -> Iterator[Article]:
        seen: set[str] = set()
        for part in self.parts:
            for article in part:
                if article.id not in seen:
                    seen.add(article.id)
                    yield article
