"""Read articles from what people have: text files, web pages, JSON Lines, WARC crawls, stdin.

What a path holds is told by its name, or sniffed when the name does not say:

- ``.txt`` (or any file named on the command line that is not one of the others):
  one article of plain text;
- ``.html``, ``.htm``, ``.xhtml``: one web page; trafilatura keeps its main text and
  reads its title, date and outlet (see ``html``);
- ``.jsonl``, ``.ndjson`` (gzipped too): one article a line, ``{"text": ..., "url":
  ..., "publisher": ..., "published": ..., "title": ...}``;
- ``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``: a crawl; each HTML or text page is an article;
- a folder: every text, page and WARC file in it and its subfolders (hidden ones left
  out); JSON Lines only when named, since a folder's .jsonl files are as often
  annotations or logs as articles. A symbolic link that leads out of the folder is not
  followed (a link ``passwd.txt -> /etc/passwd`` must not make a system file an article)
  unless ``follow_links`` says so, and each one left out is said; a link to a file inside
  the folder is read (a text met twice is read once), a link to a folder inside it is not
  followed, since what it holds is read where it is. A file named on the command line is
  read wherever a link in its name leads: the user chose it;
- ``-``: standard input, sniffed (or as ``input_format`` says).

Text and web pages take metadata from a sidecar in their folder or one above:
``metadata.csv`` (columns ``file, publisher, published, url, title``) or
``metadata.json`` (a list of such objects, or an object keyed by file), the
file named by its path relative to the sidecar's folder. A sidecar's value
wins over what a page says of itself; an empty value is left empty.

Each format is a module of ``formats`` (its names, how its first bytes look, and how it is
read); metadata and sidecars are ``metadata``, folder walks and limits ``files``.

An article's id is derived from its text, so the same text always gets the same
id and IRI wherever it comes from, and a text met twice is read once.
"""
from __future__ import annotations

import atexit
import hashlib
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError, setting
from ..model import Article
from . import formats
from .decode import known_encoding, shown_name
from .files import MAX_BYTES, Warn, head, walk
from .metadata import METADATA_NAMES, Sidecars

HOLD_CHARS = 32 * 1024 * 1024  # text the check pass keeps for the reading pass, at most
INPUT_FORMATS = ("auto", *formats.names())  # for the command line's choice


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_text(text: str, source_file: str = "", **metadata: str) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=sha[:16], text=text, source_file=source_file, sha256=sha,
                   publisher=metadata.get("publisher", "") or "", published=metadata.get("published", "") or "",
                   url=metadata.get("url", "") or "", title=metadata.get("title", "") or "")


# -- inputs ----------------------------------------------------------------------------------------

@dataclass
class Input:
    """One file to read: its kind, the name messages use, and the sidecar metadata of a text or page."""

    path: Path
    kind: str
    name: str
    metadata: dict[str, str] = field(default_factory=dict)


def _inputs(paths: list[Path], input_format: str, spool: Callable[[], Path], follow_links: bool = False,
            warn: Warn | None = None) -> list[Input]:
    found: list[Input] = []
    beside: dict[Path, Sidecars] = {}  # the sidecars of named files' folders, each read once
    for path in paths:
        if str(path) == "-":
            stdin = spool()
            kind = input_format if input_format != "auto" else formats.sniff(head(stdin))
            found.append(Input(stdin, kind, "stdin"))
        elif path.is_dir():
            sidecars = Sidecars(path, follow_links)  # the walk below says what it leaves out
            entries = walk(path, _in_folders, follow_links, warn)
            for folder in [path, *(p for p in entries if p.is_dir())]:
                for key in sidecars.of(folder):  # every sidecar is checked, even one that lists nothing read
                    if not _single(formats.kind_of(folder / key)):
                        raise InputError(f"{folder}: the metadata row for {key!r} applies only to "
                                         f"{_single_words()} ({', '.join(r.shown for r in _singles())})")
            for file in entries:
                kind = formats.kind_of(file) if file.is_file() else None
                if kind is not None and formats.reader(kind).in_folders:
                    metadata = sidecars.metadata(file) if _single(kind) else {}
                    found.append(Input(file, kind, shown_name(file.relative_to(path).as_posix()), metadata))
        elif path.is_file():
            if input_format != "auto":
                kind = input_format
            else:
                try:
                    kind = formats.kind_of(path) or formats.sniff(head(path))
                except OSError as exc:
                    raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
            if _single(kind):
                sidecars = beside.setdefault(path.parent, Sidecars(path.parent, follow_links, warn))
                metadata = sidecars.metadata(path)
            else:
                metadata = {}
            found.append(Input(path, kind, shown_name(path.name), metadata))
        else:
            raise InputError(f"{path}: no such file or folder")
    return found


def read_text(path: Path, encoding: str | None = None, name: str | None = None) -> str:
    """One plain-text article, decoded (see ``decode``)."""
    return formats.reader("text").read(path, name or str(path), encoding)[0]


def _singles() -> list[formats.Reader]:
    return [r for r in formats.readers() if r.single]


def _single_words() -> str:
    """'text and HTML files'."""
    return " and ".join(r.words for r in _singles()) + " files"


def _single(kind: str | None) -> bool:
    """A format whose file is one article, to which a sidecar's metadata applies."""
    return kind is not None and formats.reader(kind).single


def _in_folders(path: Path) -> bool:
    """What a folder's walk keeps: files of a format searched for in folders, and sidecars."""
    kind = formats.kind_of(path)
    return (kind is not None and formats.reader(kind).in_folders) or path.name in METADATA_NAMES


class iter_articles:
    """The articles under ``paths`` one at a time, in a stable order; a text met twice is read once.

    Memory stays flat however many or large the files: containers are streamed, and
    stdin is spooled to a temporary file. With ``check_first`` every input is read and
    checked before the first article is yielded (JSON Lines parsed, WARC records walked,
    pages and texts decoded), so a bad file or line stops the run before anything is done
    with the others; ``len()`` is then the number of articles to expect (for a WARC file,
    the pages in it, some of which may hold no article text). Texts and pages the check
    has read are kept for the reading, up to ``HOLD_CHARS`` characters in all, so a page
    is not extracted twice.
    ``warn`` receives one line for what is read but worth saying: a guessed encoding,
    skipped pages, ignored JSON fields, a repeated text, a link out of a folder left
    unread (``follow_links`` reads it; see ``walk``).
    """

    def __init__(self, paths: list[Path], check_first: bool = True, encoding: str | None = None,
                 input_format: str = "auto", warn: Warn | None = None, follow_links: bool = False):
        known = ("auto", *formats.names())
        if input_format not in known:
            raise InputError(f"unknown input format {input_format!r}; choose one of {', '.join(known)}")
        self.encoding = known_encoding(encoding) if encoding else None
        self.warn = warn
        self._spooled: Path | None = None
        self.inputs = _inputs(paths, input_format, self._spool, follow_links, warn)
        if not self.inputs:
            raise InputError(f"no articles found in {', '.join(str(p) for p in paths)} (a folder is searched for "
                             f"{formats.listing([r for r in formats.readers() if r.in_folders])} files; name "
                             f"{formats.listing([r for r in formats.readers() if not r.in_folders])} files)")
        self.expected: int | None = None
        self._ready: dict[int, tuple[str, dict[str, str], str]] = {}  # texts and pages read by the check
        self._held = 0
        if check_first:
            self.expected = sum(self._count(number, item) for number, item in enumerate(self.inputs))

    def _spool(self) -> Path:
        """Standard input copied to a temporary file, once, so it can be checked and then read."""
        if self._spooled is None:
            handle = tempfile.NamedTemporaryFile(prefix="newsprov-stdin-", delete=False)
            with handle:
                shutil.copyfileobj(sys.stdin.buffer, handle, 1024 * 1024)
            self._spooled = Path(handle.name)
            atexit.register(self._spooled.unlink, missing_ok=True)
        return self._spooled

    def _count(self, number: int, item: Input) -> int:
        if _single(item.kind):
            read = self._read(item)
            if self._held + len(read[0]) <= HOLD_CHARS:  # kept, so a page is not extracted twice
                self._ready[number] = read
                self._held += len(read[0])
            return 1
        return sum(1 for _ in self._records(item, check=True))

    def _read(self, item: Input) -> tuple[str, dict[str, str], str]:
        """A text's or a page's (text, metadata, how it was decoded); the sidecar wins over the page."""
        text, found, how = formats.reader(item.kind).read(item.path, item.name, self.encoding)
        return text, {**found, **{k: v for k, v in item.metadata.items() if v}}, how

    def _records(self, item: Input, check: bool = False):
        return formats.reader(item.kind).records(item.path, item.name, self.encoding, MAX_BYTES, self.warn, check)

    def __len__(self) -> int:
        return self.expected if self.expected is not None else len(self.inputs)

    def _say(self, name: str, how: str) -> None:
        if how and self.warn:
            self.warn(f"{name}: not UTF-8, read as {how}; pass {setting('encoding')} if that is wrong")

    def _contained(self, item: Input) -> Iterator[tuple[str, str, dict[str, str]]]:
        for where, text, metadata, how in self._records(item):
            name = f"{item.name}{formats.reader(item.kind).separator}{where}"
            self._say(name, how)
            yield name, text, metadata

    def __iter__(self) -> Iterator[Article]:
        seen: dict[str, str] = {}
        for number, item in enumerate(self.inputs):
            if _single(item.kind):
                text, metadata, how = self._ready.pop(number, None) or self._read(item)
                self._say(item.name, how)
                records = [(item.name, text, metadata)]
            else:
                records = self._contained(item)
            for name, text, metadata in records:
                article = article_from_text(text, source_file=name, **metadata)
                if article.id in seen:
                    if self.warn:
                        self.warn(f"{name}: the same text as {seen[article.id]}, read once")
                    continue
                seen[article.id] = name
                yield article


def read_articles(paths: list[Path], **options) -> list[Article]:
    """All articles under ``paths``, in a stable order; a text met twice is read once."""
    return list(iter_articles(paths, check_first=False, **options))
