"""Text layout: a same-length normalised copy, paragraphs, sentences and quotations.

Every later step matches against the normalised copy (straight quotes and
apostrophes, plain hyphens) and reports offsets that are valid in the original,
because normalisation never changes the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

_SAME_LENGTH = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2011": "-", "\u2212": "-", "\u2015": "-", "\u2010": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})
OPENING_QUOTES = "\u201c\u201e\u00ab\u2018"
CLOSING_QUOTES = "\u201d\u00bb\u2019"

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "cpl", "pte",
    "st", "no", "vs", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "inc", "ltd", "co",
    "rep", "sen", "gov", "adm", "brig", "fig", "c", "ca", "mt", "jr", "sr",
}


# a credit line: 'By Tom Mercer, Defence Correspondent', '(Reporting by Pavel Orlov; Editing by ...)'
BYLINE = re.compile(r"[ \t]*\(?[ \t]*(?:(?:(?:[Aa]dditional[ \t]+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]roduced)[ \t]+by\b"
                    r"|[Bb]y[ \t]+[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){1,2}(?=[ \t]*(?:,|\n|$|\||in\b|and\b)))")


# a wire dateline before the first sentence: 'MOSCOW/KYIV, Jan 14 (Reuters) - ', 'ORIKHIV, Ukraine (AP) -- '
DATELINE = re.compile(r"(?:[A-Z][A-Z.'/-]*[A-Z.](?:[ \t]+[A-Z][A-Z.'/-]*[A-Z.]){0,3})(?:,[^\n]{0,48}?)?[ \t]+-{1,2}[ \t]+(?=\S)")


def without_dateline(norm: str, sentence: Span) -> Span:
    """The sentence after a dateline that opens it; the sentence itself when none does."""
    match = DATELINE.match(norm, sentence.start, sentence.end)
    if match is None or match.end() >= sentence.end:
        return sentence
    return _trimmed(norm, match.end(), sentence.end)


# a quotation mark typed as two apostrophes or two backticks (''Like this,'' said X; ``this'')
_DOUBLED_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))(?:''|``)(?=[^\s'])", re.MULTILINE)
_DOUBLED_CLOSING = re.compile(r"(?<=[^\s'])''(?!\w)")


def normalise(text: str) -> str:
    normalised = text.translate(_SAME_LENGTH)
    assert len(normalised) == len(text)
    return normalised


def _marks_view(norm: str) -> str:
    """The text as the quotation finder reads it: a mark typed as two apostrophes or backticks becomes one
    double mark and a filler on its inner side, the same length, so that ''this'' is a quotation."""
    if "''" not in norm and "``" not in norm:
        return norm
    view = _DOUBLED_OPENING.sub('"\x01', norm)
    return _DOUBLED_CLOSING.sub('\x01"', view)


@dataclass(frozen=True)
class Quote:
    """A quotation; ``span`` runs from the opening to the closing mark, both included.
    A quotation continued over paragraphs (a new paragraph reopens it) is one Quote."""

    span: Span
    inner: tuple[int, int]

    @property
    def words(self) -> int:
        return len(self.span.text.split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


_BOUNDARY = re.compile(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[A-Z0-9\u00c0-\u024f\u0400-\u04ff-])""")


def sentences(norm: str) -> list[Span]:
    """Sentence spans; paragraphs (lines) always end a sentence."""
    result = []
    for p_start, p_end in paragraphs(norm):
        start = p_start
        for match in _BOUNDARY.finditer(norm, p_start, p_end):
            before = norm[start:match.start()]
            last_word = re.search(r"([A-Za-z.]+)$", before)
            if match.group().startswith(".") and last_word:
                word = last_word.group(1).lower().rstrip(".")
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            end = match.end()
            result.append(_trimmed(norm, start, end))
            start = end
        if norm[start:p_end].strip():
            result.append(_trimmed(norm, start, p_end))
    return [s for s in result if s.end > s.start]


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def _is_open(original: str, norm: str, i: int) -> bool:
    char = original[i]
    if char in OPENING_QUOTES:
        return True
    if char in CLOSING_QUOTES:
        return False
    before = norm[i - 1] if i > 0 else " "
    after = norm[i + 1] if i + 1 < len(norm) else " "
    return (before.isspace() or before in "([{-:,;/" or i == 0) and not after.isspace()


def quotes(original: str, norm: str) -> list[Quote]:
    """Double-quoted spans, and single-quoted ones that are not apostrophes."""
    norm = _marks_view(norm)
    found: list[Quote] = []
    for mark in ('"', "'"):
        carried: int | None = None  # opening offset of a quotation left open by the previous paragraph
        for p_start, p_end in paragraphs(norm):
            open_at: int | None = None
            first_char = p_start
            while first_char < p_end and norm[first_char].isspace():
                first_char += 1
            if carried is not None and not (first_char < p_end and norm[first_char] == mark):
                found.append(_quote(original, carried, _last_text(norm, carried, p_start)))
                carried = None
            for i in range(p_start, p_end):
                if norm[i] != mark:
                    continue
                if mark == "'" and _is_apostrophe(norm, i, open_at is not None):
                    continue
                if open_at is None and carried is None:
                    if _is_open(original, norm, i):
                        open_at = i
                elif carried is not None and i == first_char:
                    open_at, carried = carried, None  # the quotation goes on in this paragraph
                elif not _is_open(original, norm, i) or mark == "'":
                    found.append(_quote(original, open_at if open_at is not None else carried, i + 1))
                    open_at = carried = None
                else:
                    open_at = i  # two openings in a row: the first was a stray mark
            if open_at is not None:
                carried = open_at
        if carried is not None:
            found.append(_quote(original, carried, _last_text(norm, carried, len(norm))))
    found.sort(key=lambda q: q.span.start)
    # a single-quoted span inside a double-quoted one is a quote within the quote: keep the outer
    return [q for q in found if not any(o is not q and o.span.contains(q.span) for o in found)]


def _last_text(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1].isspace():
        end -= 1
    return end


def _is_apostrophe(norm: str, i: int, inside: bool) -> bool:
    before = norm[i - 1] if i > 0 else " "
    after = norm[i + 1] if i + 1 < len(norm) else " "
    if before.isalnum() and after.isalnum():
        return True  # Russia's, don't
    if not inside and before.isalnum():
        return True  # soldiers' (no quotation open)
    if not inside and after.isalnum() and before.isspace() and re.match(r"'(?:s|t|ll|re|ve|d|em|cause|til|n)\b", norm[i:i + 7], re.I):
        return True
    return False


def _quote(original: str, start: int, end: int) -> Quote:
    return Quote(Span(start, end, original[start:end]), (start + 1, max(start + 1, end - 1)))
