"""What is known of an article besides its text: publisher, date, URL and title.

Text and web pages take metadata from a sidecar in their folder or one above:
``metadata.csv`` (columns ``file, publisher, published, url, title``) or
``metadata.json`` (a list of such objects, or an object keyed by file), the
file named by its path relative to the sidecar's folder. JSON Lines records and
pages carry their own; every value is checked here, the same way for all.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from ..errors import InputError
from .decode import SURROGATE, lone_surrogate
from .files import Links, Warn

METADATA_NAMES = ("metadata.csv", "metadata.json")
METADATA_COLUMNS = ("file", "publisher", "published", "url", "title")
DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


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
