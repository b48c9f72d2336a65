"""Where the data goes: a file that is replaced whole or not at all.

An ``-o FILE`` is written to a temporary file beside it, in the same folder and so on the
same disk, and renamed over it only once every byte is written and on disk; whatever
stops the writing (a full disk, a quota, an error while the data is made, Ctrl-C) leaves
the old file as it was and removes the temporary one. A file that is not a regular file
(``/dev/null``, a named pipe) cannot be replaced, and is written as it is.
"""
from __future__ import annotations

import os
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

