"""Where the data goes: a file that is replaced whole or not at all, and a standard output
whose failures (a full disk, a closed pipe) are told apart from a bug.

An ``-o FILE`` is written to a temporary file beside it, in the same folder and so on the
same disk, and renamed over it only once every byte is written and on disk; whatever
stops the writing (a full disk, a quota, an error while the data is made, Ctrl-C) leaves
the old file as it was and removes the temporary one. A file that is not a regular file
(``/dev/null``, a named pipe) cannot be replaced, and is written as it is.
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replaced_whole(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through; ``path`` is replaced when the block ends
    without an error, and left as it was (the temporary file removed) when it raises.
    A link is followed: the file it leads to is replaced, and the link stays."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        with target.open("wb") as handle:
            yield handle
        return
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(handle.name)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class StdoutError(OSError):
    """Writing to standard output failed: the disk it goes to is full, or its reader went
    away (errno EPIPE). Not a bug, and not the input's fault."""


class _GuardedBuffer(io.BufferedIOBase):
    """Standard output's binary buffer, raising StdoutError for what goes wrong in it."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner
        self.released = False  # once the guard is off, flushing it leaves standard output alone

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        try:
            return self.inner.write(data)
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror or str(exc)) from None

    def flush(self) -> None:
        if self.released:
            return
        try:
            self.inner.flush()
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror or str(exc)) from None

    def fileno(self) -> int:
        return self.inner.fileno()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def close(self) -> None:  # standard output outlives the guard
        pass


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """``sys.stdout`` (and its ``buffer``) raising StdoutError while the block runs, and
    flushed at its end, so that a write that fails is known to be standard output's."""
    original = sys.stdout
    buffer = getattr(original, "buffer", None)
    if buffer is None:
        yield
        return
    guard = _GuardedBuffer(buffer)
    guarded = io.TextIOWrapper(guard, encoding=original.encoding, errors=original.errors,
                               line_buffering=original.line_buffering, write_through=True)
    sys.stdout = guarded
    try:
        yield
        guarded.flush()
    finally:
        sys.stdout = original
        guard.released = True
        guarded.detach()


def silence_stdout() -> None:
    """Standard output sent to /dev/null once it has failed, so that Python's own flush at
    exit does not fail again on what is still buffered and print a traceback."""
    with suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
