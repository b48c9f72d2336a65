"""Files on disk: the size limit for one article, folders walked with care for links, and gzip.

A folder is walked in a stable order with its hidden entries left out; a symbolic link that
leads out of it is not followed unless ``follow_links`` says so (a link ``passwd.txt ->
/etc/passwd`` must not make a system file an article), and each one left out is said.
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import BinaryIO, Callable

from ..errors import InputError, setting

MAX_BYTES = 20 * 1024 * 1024  # one article (a text or a page), or one line of JSON Lines
Warn = Callable[[str], None]


def head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell what it holds."""
    with path.open("rb") as handle:
        return handle.read(4096)


def open_maybe_gzip(path: Path) -> BinaryIO:
    handle = path.open("rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        return gzip.open(path, "rb")
    handle.seek(0)
    return handle


def read_bytes(path: Path, name: str, what: str) -> bytes:
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


def walk(root: Path, wanted: Callable[[Path], bool], follow_links: bool = False,
         warn: Warn | None = None) -> list[Path]:
    """The folders and files under ``root``, sorted, hidden ones left out, with the links
    that ``Links`` allows and files that ``wanted`` takes. A link to a folder is followed only with ``follow_links`` and
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
            elif wanted(path) and links.may_read(path):
                found.append(path)

    visit(root)
    return sorted(found)
