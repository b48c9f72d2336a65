"""Plain text: a file is one article (``.txt``, ``.text``; any named file that is nothing else)."""
from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from ..decode import decode
from ..files import read_bytes
from . import Reader


def read_text_file(path: Path, name: str, encoding: str | None) -> tuple[str, dict[str, str], str]:
    text, how = decode(read_bytes(path, name, "article"), name, encoding)
    if not text.strip():
        raise InputError(f"{name}: the file is empty; leave it out")
    return text, {}, how


READER = Reader(name="text", words="text", suffixes=(".txt", ".text"), shown=".txt", order=10, sniff_rank=100,
                looks_like=lambda head: True, read=read_text_file)
