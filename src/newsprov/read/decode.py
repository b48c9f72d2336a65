"""Bytes -> text: the encoding given, else UTF-8, else detected; binary refused.

Order: an explicit ``--encoding``; a byte order mark (UTF-8, UTF-16, UTF-32); a
charset declared by the container (HTTP header, HTML ``<meta charset>``); strict
UTF-8. Failing those, text whose bytes above ASCII are mostly valid multi-byte UTF-8
is *mixed* (a UTF-8 page with pasted Windows-1252 quotes, a file joined
from two sources): the UTF-8 parts are kept and each stray byte is read as
Windows-1252. A file with no UTF-8 at all is in a legacy single-byte encoding,
which charset-normalizer picks (Windows-1252, Windows-1251, KOI8-R, ...).
Whatever was guessed (mixed, detected) or read by a byte order mark is named
in the result, so a caller can say how the text was read.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError, setting

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# one valid UTF-8 multi-byte sequence
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}
# a UTF-16 surrogate standing alone: not a character, and no UTF-8 can hold it (a pair in a
# JSON escape, "\ud83d\ude00", is joined into one character before this sees it)
SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str, where: str, what: str, fix: str) -> None:
    """An InputError naming ``where`` and the first lone surrogate in ``text`` (``what``: 'text',
    'title', ...) and how to ``fix`` it; nothing if there is none."""
    found = SURROGATE.search(text)
    if found:
        raise InputError(f"{where}: {what} has a lone surrogate (\\u{ord(found.group()):04x}) at character "
                         f"{found.start() + 1}, half of a UTF-16 pair that is no character; {fix}")


def shown_name(name: str) -> str:
    """A file name as text: each byte of a name that is not UTF-8 (which Python keeps as a lone
    surrogate) becomes U+FFFD, so that the name can be stored and printed."""
    return SURROGATE.sub("\ufffd", name)


def _stray_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    byte = error.object[error.start:error.start + 1]
    return byte.decode("cp1252", errors="replace").replace("\ufffd", byte.decode("latin-1")), error.start + 1


codecs.register_error("newsprov-cp1252", _stray_as_cp1252)


def known_encoding(name: str) -> str:
    """The codec's canonical name, or a one-line error for an unknown one."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r}; give a Python codec name such as utf-8, cp1252, "
                         f"latin-1, cp1251 or koi8-r") from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (after any UTF-16/32 byte order mark)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, name in BOMS if name in ("utf-16", "utf-32")):
        return False
    if b"\x00" in head:
        return True
    return bool(head) and sum(b in CONTROL for b in head) > len(head) * 0.05


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python knows it."""
    match = META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, where: str, encoding: str | None = None, declared: str | None = None) -> tuple[str, str]:
    """(text, how it was read): '' for plain UTF-8, else e.g. 'cp1252 (detected)'.

    ``encoding`` is the user's and wins; ``declared`` is what the container says.
    Line ends become '\\n'. Raises InputError naming ``where`` when the bytes are not text,
    or decode to a lone surrogate (as an escaping codec such as unicode_escape can).
    """
    text, how = _decode(data, where, encoding, declared)
    lone_surrogate(text, where, "the text", "check --encoding")
    return text, how


def _decode(data: bytes, where: str, encoding: str | None, declared: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return lines(data.decode(encoding)), ""
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: not valid {encoding} (byte {exc.start}); check {setting('encoding')}") from None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return lines(data.decode(name)), "" if name == "utf-8-sig" else f"{name} (byte order mark)"
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: starts as {name} but byte {exc.start} is not; pass {setting('encoding')}") from None
    if looks_binary(data):
        raise InputError(f"{where}: looks like a binary file, not article text; leave it out, or convert it to text")
    if declared and codecs.lookup(declared).name not in ("utf-8", "ascii"):
        try:
            return lines(data.decode(declared)), ""  # what the page or server says: not a guess
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: fall through to what the bytes say
    try:
        return lines(data.decode("utf-8")), ""
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return lines(data.decode("utf-8", errors="newsprov-cp1252")), "mixed utf-8 and cp1252"
    from charset_normalizer import from_bytes  # lazily: only a text that is neither UTF-8 nor cp1252 needs it

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{where}: cannot tell the text's encoding; pass {setting('encoding')} (e.g. {setting('encoding')} cp1252)")
    return lines(str(best)), f"{best.encoding} (detected)"


def _mostly_utf8(data: bytes) -> bool:
    """Most bytes above ASCII are in valid UTF-8 sequences: UTF-8 with strays, not a legacy code page
    (KOI8 or Windows-1251 Cyrillic forms a valid UTF-8 pair now and then, but only now and then)."""
    high = sum(1 for b in data if b >= 0x80)
    in_utf8 = sum(len(m) for m in UTF8_MULTIBYTE.findall(data))
    return in_utf8 * 2 >= high


def lines(text: str) -> str:
    """Line ends as '\\n', whatever the file used."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
