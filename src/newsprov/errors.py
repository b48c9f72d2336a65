"""User-facing errors and the exit codes the command line documents.

0  success (validate: the graph conforms)
1  the data is not valid (validate: does not conform; ingest: an article failed SHACL)
2  usage or load error: bad option, unreadable or malformed input, bad lexicon; or an
   output error: an -o file or standard output that cannot be written (a full disk)
3  not found: the store is empty or the figure/claim asked for does not occur
4  store error: the store cannot be opened (locked by another process, corrupt, read-only),
   or the SPARQL server cannot be reached, refuses or fails a request
70 internal error: a bug; NEWSPROV_DEBUG=1 shows the traceback
130 interrupted (Ctrl-C): ingest keeps the whole batches that landed, and the same
   command run again completes it
"""
from __future__ import annotations

import re
from collections.abc import Callable

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_STORE = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


def reason(exc: BaseException, limit: int | None = 160) -> str:
    """Why ``exc`` happened, on one line and cut to ``limit`` characters; its type's name if it says nothing."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if limit is None or len(text) <= limit else text[:limit - 3] + "..."


_SETTING = re.compile("\ue000([a-z_]+)\ue001")


def setting(name: str) -> str:
    """A setting the user can change to fix an error (``setting("encoding")``), named in a message.

    The library does not know how its caller spells its settings: the command line words the
    mark as its option (``--encoding``), and a plain ``str()`` of the error as the name of the
    setting (``encoding``)."""
    return f"\ue000{name}\ue001"


def plain_setting(name: str) -> str:
    return name


def spell_settings(text: str, spell: Callable[[str], str] = plain_setting) -> str:
    """``text`` with each setting marked by :func:`setting` spelled by ``spell``."""
    return _SETTING.sub(lambda m: spell(m.group(1)), text)


class NewsprovError(Exception):
    """An error a user can fix: one line, never a traceback; ``exit_code`` is the one documented above."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def format_message(self, spell: Callable[[str], str] = plain_setting) -> str:
        """The message on one line, each marked setting spelled by ``spell``."""
        return " ".join(spell_settings(self.message, spell).split())

    def __str__(self) -> str:
        return self.format_message()


class InputError(NewsprovError):
    exit_code = EXIT_USAGE


class LexiconError(NewsprovError):
    exit_code = EXIT_USAGE


class NotFoundError(NewsprovError):
    exit_code = EXIT_NOT_FOUND


class StoreError(NewsprovError):
    exit_code = EXIT_STORE
    landed = False  # a write that failed after its transaction had landed (flushing it failed)


class InvalidGraphError(NewsprovError):
    exit_code = EXIT_INVALID


class StoppedError(NewsprovError):
    """Ctrl-C: what landed and how to finish, in one line."""

    exit_code = EXIT_INTERRUPTED
