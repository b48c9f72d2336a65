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

An article's id is derived from its text, so the same text always gets the same
id and IRI wherever it comes from, and a text met twice is read once.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError, setting
from ..model import Article
from .decode import SURROGATE, decode, known_encoding, lone_surrogate, shown_name

METADATA_NAMES = ("metadata.csv", "metadata.json")
METADATA_COLUMNS = ("file", "publisher", "published", "url", "title")
MAX_BYTES = 20 * 1024 * 1024
HOLD_CHARS = 32 * 1024 * 1024  # text the check pass keeps for the reading pass, at most
INPUT_FORMATS = ("auto", "text", "html", "jsonl", "warc")
FOLDER_KINDS = ("text", "html", "warc")  # what a folder is searched for
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".arc": "warc"}
DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
Warn = Callable[[str], None]


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_text(text: str, source_file: str = "", **metadata: str) -> Article:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=sha[:16], text=text, source_file=source_file, sha256=sha,
                   publisher=metadata.get("publisher", "") or "", published=metadata.get("published", "") or "",
                   url=metadata.get("url", "") or "", title=metadata.get("title", "") or "")


# -- metadata --------------------------------------------------------------------------------------

def clean_metadata(raw: dict, where: str, lenient: bool = False) -> dict[str, str]:
    """publisher, published, url, title as clean strings; a malformed value is an InputError naming
    ``where`` (with ``lenient``, as for what a web page says of itself, it is dropped instead).
    A date and time keeps its date: '2025-02-03T10:00:00Z' is '2025-02-03'."""
    result = {}
    for key in ("publisher", "published", "url", "title"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            if lenient:
                continue
            raise InputError(f"{where}: {key} must be a string, not {type(value).__name__}")
        if lenient and SURROGATE.search(value):
            continue
        lone_surrogate(value, where, key, "fix its escape in the JSON or leave the field out")
        value = " ".join(value.split())
        if key == "published" and value:
            match = DATE.match(value)
            if not match:
                if lenient:
                    continue
                raise InputError(f"{where}: published {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            value = match.group(1)
        if key == "url" and value and not re.match(r"^https?://\S+$", value):
            if lenient:
                continue
            raise InputError(f"{where}: url {value!r} is not an http(s) URL")
        result[key] = value
    return result


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """A sidecar, metadata.csv or metadata.json: file (relative path) -> metadata."""
    try:
        if path.suffix == ".json":
            return _json_metadata(path)
        return _csv_metadata(path)
    except UnicodeDecodeError:
        raise InputError(f"{path}: metadata is not UTF-8 text; convert it with iconv -t utf-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _csv_metadata(path: Path) -> dict[str, dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "file" not in reader.fieldnames:
                raise InputError(f"{path}: metadata needs a header row with a 'file' column "
                                 f"(columns: {', '.join(METADATA_COLUMNS)})")
            _known_columns(path, reader.fieldnames)
            rows = {}
            for line, row in enumerate(reader, 2):
                if None in row or any(v is None for v in row.values()):
                    raise InputError(f"{path}:{line}: wrong number of fields; expected {len(reader.fieldnames)}")
                _add_row(rows, row, f"{path}:{line}")
            return rows
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from None


def _json_metadata(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict):
        data = [{"file": name, **value} if isinstance(value, dict) else value for name, value in data.items()]
    if not isinstance(data, list):
        raise InputError(f"{path}: metadata must be a list of objects with a \"file\", or an object keyed by file")
    rows = {}
    for number, row in enumerate(data, 1):
        where = f"{path}: entry {number}"
        if not isinstance(row, dict):
            raise InputError(f"{where} is a JSON {type(row).__name__}, not an object")
        _known_columns(path, row)
        if not isinstance(row.get("file"), str):
            raise InputError(f"{where} has no \"file\" string")
        _add_row(rows, row, where)
    return rows


def _known_columns(path: Path, names) -> None:
    unknown = set(names) - set(METADATA_COLUMNS)
    if unknown:
        raise InputError(f"{path}: unknown metadata column(s) {', '.join(sorted(unknown))}; "
                         f"allowed: {', '.join(METADATA_COLUMNS)}")


def _add_row(rows: dict, row: dict, where: str) -> None:
    name = (row.get("file") or "").strip().replace("\\", "/")
    if not name:
        raise InputError(f"{where}: empty 'file' value")
    if name in rows:
        raise InputError(f"{where}: {name!r} is listed twice")
    rows[name] = clean_metadata({k: v for k, v in row.items() if k != "file"}, where)


class Sidecars:
    """The sidecars of the folders under a root, each read once; a file's metadata is in the
    nearest sidecar, from its own folder up to the root, that lists it. A sidecar that is a
    link out of the root is read only with ``follow_links`` (else it is said to ``warn``)."""

    def __init__(self, root: Path, follow_links: bool = False, warn: Warn | None = None):
        self.root = root
        self.links = Links(root, follow_links, warn)
        self.read: dict[Path, dict[str, dict[str, str]]] = {}

    def of(self, folder: Path) -> dict[str, dict[str, str]]:
        if folder not in self.read:
            rows: dict[str, dict[str, str]] = {}
            for name in METADATA_NAMES:
                if (folder / name).is_file() and self.links.may_read(folder / name):
                    for key, value in read_metadata(folder / name).items():
                        if key in rows:
                            raise InputError(f"{folder}: {key!r} is in both metadata.csv and metadata.json")
                        if not (folder / key).is_file():
                            raise InputError(f"{folder / name}: lists {key!r}, which is not in {folder}")
                        rows[key] = value
            self.read[folder] = rows
        return self.read[folder]

    def metadata(self, path: Path) -> dict[str, str]:
        folder = path.parent
        while True:
            rows = self.of(folder)
            key = path.relative_to(folder).as_posix()
            if key in rows:
                return rows[key]
            if folder == self.root or self.root not in folder.parents:
                return {}
            folder = folder.parent


# -- inputs ----------------------------------------------------------------------------------------

@dataclass
class Input:
    """One file to read: its kind, the name messages use, and the sidecar metadata of a text or page."""

    path: Path
    kind: str
    name: str
    metadata: dict[str, str] = field(default_factory=dict)


def sniff(head: bytes) -> str:
    """text, html, jsonl or warc, from the first bytes of a file or stream."""
    if head.startswith(b"\x1f\x8b"):
        import gzip
        import io

        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(4096)
        except (OSError, EOFError):
            return "warc"  # a truncated head of a gzipped file: the container reader will say more
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    lowered = stripped[:2048].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered or b"<body" in lowered:
        return "html"
    return "text"


def kind_of(path: Path) -> str | None:
    """The kind a folder's file has by its name, None for a file newsprov does not read."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        return {".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".arc": "warc"}.get(
            suffixes[0] if len(suffixes) == 2 else "")
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)


class Links:
    """Which symbolic links under a folder may be read: those that stay inside it, or any
    with ``follow_links``. A link left out is said to ``warn``, once, in one line."""

    def __init__(self, root: Path, follow_links: bool, warn: Warn | None):
        self.root, self.follow, self.warn = root, follow_links, warn
        self.real_root = root.resolve()

    def inside(self, target: Path) -> bool:
        return target == self.real_root or self.real_root in target.parents

    def may_read(self, path: Path) -> bool:
        """False for a link to a file out of the folder (unless following links) or to nothing."""
        if not path.is_symlink():
            return True
        target = path.resolve()
        if not target.exists():
            self.say(f"{path}: a link to {os.readlink(path)}, which does not exist; not read")
            return False
        if self.follow or self.inside(target):
            return True
        self.say(f"{path}: a link to {target}, outside {self.root}; not read ({setting('follow_links')} reads it)")
        return False

    def say(self, message: str) -> None:
        if self.warn:
            self.warn(message)


def walk(root: Path, follow_links: bool = False, warn: Warn | None = None) -> list[Path]:
    """The folders and files under ``root``, sorted, hidden ones left out, with the links
    that ``Links`` allows. A link to a folder is followed only with ``follow_links`` and
    only out of ``root`` (what is inside is walked anyway), each real folder once, so a
    link to a folder above cannot walk in circles. Links to what newsprov would not read
    anyway are passed over without a word."""
    links = Links(root, follow_links, warn)
    walked = {links.real_root}
    found: list[Path] = []

    def visit(folder: Path) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            raise InputError(f"{folder}: cannot read ({exc.strerror or exc})") from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    real = path.resolve()
                    if real not in walked:  # a folder reached again through a followed link
                        walked.add(real)
                        found.append(path)
                        visit(path)
                else:
                    found.append(path)
                continue
            target = path.resolve()
            if target.is_dir():
                if follow_links and target not in walked and not links.inside(target):
                    walked.add(target)
                    found.append(path)
                    visit(path)
                elif not follow_links and not links.inside(target):
                    links.say(f"{path}: a link to the folder {target}, outside {root}; not followed "
                              f"({setting('follow_links')} follows it)")
            elif (kind_of(path) in FOLDER_KINDS or entry.name in METADATA_NAMES) and links.may_read(path):
                found.append(path)

    visit(root)
    return sorted(found)


def _inputs(paths: list[Path], input_format: str, spool: Callable[[], Path], follow_links: bool = False,
            warn: Warn | None = None) -> list[Input]:
    found: list[Input] = []
    beside: dict[Path, Sidecars] = {}  # the sidecars of named files' folders, each read once
    for path in paths:
        if str(path) == "-":
            stdin = spool()
            kind = input_format if input_format != "auto" else sniff(_head(stdin))
            found.append(Input(stdin, kind, "stdin"))
        elif path.is_dir():
            sidecars = Sidecars(path, follow_links)  # the walk below says what it leaves out
            entries = walk(path, follow_links, warn)
            for folder in [path, *(p for p in entries if p.is_dir())]:
                for key in sidecars.of(folder):  # every sidecar is checked, even one that lists nothing read
                    if kind_of(folder / key) not in ("text", "html"):
                        raise InputError(f"{folder}: the metadata row for {key!r} applies only to text "
                                         f"and HTML files (.txt, .html)")
            for file in entries:
                kind = kind_of(file) if file.is_file() else None
                if kind in FOLDER_KINDS:
                    metadata = sidecars.metadata(file) if kind in ("text", "html") else {}
                    found.append(Input(file, kind, shown_name(file.relative_to(path).as_posix()), metadata))
        elif path.is_file():
            if input_format != "auto":
                kind = input_format
            else:
                try:
                    kind = kind_of(path) or sniff(_head(path))
                except OSError as exc:
                    raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
            if kind in ("text", "html"):
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
    return _read_single(path, name or str(path), encoding)[0]


def _read_bytes(path: Path, name: str, what: str) -> bytes:
    """A file of one article (``what``: 'article' or 'page'), refused over MAX_BYTES."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: {size // (1024 * 1024)} MB is larger than the "
                             f"{MAX_BYTES // (1024 * 1024)} MB limit for one {what}"
                             + ("; if it holds many articles, give them one a line as JSON Lines"
                                if what == "article" else ""))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _read_single(path: Path, name: str, encoding: str | None) -> tuple[str, str]:
    text, how = decode(_read_bytes(path, name, "article"), name, encoding)
    if not text.strip():
        raise InputError(f"{name}: the file is empty; leave it out")
    return text, how


def _read_page(path: Path, name: str, encoding: str | None) -> tuple[str, dict[str, str], str]:
    from .decode import declared_charset
    from .html import page_article

    data = _read_bytes(path, name, "page")
    html, how = decode(data, name, encoding, declared_charset(data))
    if not html.strip():
        raise InputError(f"{name}: the file is empty; leave it out")
    found = page_article(html, name)
    if found is None:
        raise InputError(f"{name}: no article text found in the page (a menu or index page?); leave it out")
    text, metadata = found
    return text, clean_metadata(metadata, name, lenient=True), how


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
        if input_format not in INPUT_FORMATS:
            raise InputError(f"unknown input format {input_format!r}; choose one of {', '.join(INPUT_FORMATS)}")
        self.encoding = known_encoding(encoding) if encoding else None
        self.warn = warn
        self._spooled: Path | None = None
        self.inputs = _inputs(paths, input_format, self._spool, follow_links, warn)
        if not self.inputs:
            raise InputError(f"no articles found in {', '.join(str(p) for p in paths)} "
                             f"(a folder is searched for .txt, .html and .warc(.gz) files; name .jsonl files)")
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
            import atexit

            atexit.register(self._spooled.unlink, missing_ok=True)
        return self._spooled

    def _count(self, number: int, item: Input) -> int:
        if item.kind in ("text", "html"):
            read = self._read(item)
            if self._held + len(read[0]) <= HOLD_CHARS:  # kept, so a page is not extracted twice
                self._ready[number] = read
                self._held += len(read[0])
            return 1
        return sum(1 for _ in self._records(item, check=True))

    def _read(self, item: Input) -> tuple[str, dict[str, str], str]:
        """A text's or a page's (text, metadata, how it was decoded); the sidecar wins over the page."""
        if item.kind == "text":
            text, how = _read_single(item.path, item.name, self.encoding)
            return text, item.metadata, how
        text, found, how = _read_page(item.path, item.name, self.encoding)
        return text, {**found, **{k: v for k, v in item.metadata.items() if v}}, how

    def _records(self, item: Input, check: bool = False):
        from .containers import jsonl_records, warc_records

        reader = jsonl_records if item.kind == "jsonl" else warc_records
        return reader(item.path, item.name, self.encoding, MAX_BYTES, self.warn, check)

    def __len__(self) -> int:
        return self.expected if self.expected is not None else len(self.inputs)

    def _say(self, name: str, how: str) -> None:
        if how and self.warn:
            self.warn(f"{name}: not UTF-8, read as {how}; pass {setting('encoding')} if that is wrong")

    def _contained(self, item: Input) -> Iterator[tuple[str, str, dict[str, str]]]:
        for where, text, metadata, how in self._records(item):
            name = f"{item.name}{':' if item.kind == 'jsonl' else '@'}{where}"
            self._say(name, how)
            yield name, text, metadata

    def __iter__(self) -> Iterator[Article]:
        seen: dict[str, str] = {}
        for number, item in enumerate(self.inputs):
            if item.kind in ("text", "html"):
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
