"""Text layout: a same-length normalised copy, paragraphs, sentences and quotations.

Every later step matches against the normalised copy (straight quotes and
apostrophes, plain hyphens) and reports offsets that are valid in the original,
because normalisation never changes the length of the text. Format characters
(zero-width spaces and joiners, soft hyphens, bidi controls) are the exception:
they are taken out before extraction and its offsets carried back (``FormatFree``).
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property

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


@cache
def _format_characters() -> re.Pattern:
    """Any character of Unicode's category Cf (format). Unicode places them in planes 0 to 2 and 14
    only, and reading just those planes takes a few hundredths of a second, once per process."""
    planes = [*range(0x30000), *range(0xE0000, 0xF0000)]
    return re.compile("[" + "".join(re.escape(chr(c)) for c in planes if unicodedata.category(chr(c)) == "Cf") + "]")


class FormatFree:
    """A text without its format characters, and the way back to the original's offsets.

    Format characters (Unicode category Cf: the zero-width space, joiners and non-joiner, the word
    joiner, the byte-order mark, the soft hyphen, the bidi marks, embeddings, overrides and
    isolates, ...) show nothing, yet they cut what they stand in: '7,\\u200b000' was read as 7 and
    0, 'Ministry of\\u200b Defence' lost its 'Defence'. No same-length copy can mend that, since
    no character put in their place lets '7,?000' read as one number, or every pattern would have
    to allow it everywhere. So extraction reads the text with them taken out, and every offset it
    reports is carried back to the original: a span starts at its first character and ends after
    its last one, there, and holds the format characters between them ('7,\\u200b000'), so
    that ``text[start:end]`` is still the span. The text extraction reads has the original's
    length less the characters taken out; the map back costs one entry per character taken out.
    """

    def __init__(self, original: str, pattern: re.Pattern):
        self.original = original
        self.text = pattern.sub("", original)
        # for each character taken out, how many characters of the new text come before it
        self._gaps = array("q", (match.start() - n for n, match in enumerate(pattern.finditer(original))))

    @classmethod
    def of(cls, text: str) -> "FormatFree | None":
        """The text without its format characters, or None when it has none."""
        if text.isascii():
            return None
        pattern = _format_characters()
        return cls(text, pattern) if pattern.search(text) else None

    def offset(self, offset: int) -> int:
        """Where the character at ``offset`` of the new text stands in the original."""
        return offset + bisect_right(self._gaps, offset)

    def span(self, span: Span | None) -> Span | None:
        """A span of the new text as a span of the original, over the same characters."""
        if span is None:
            return None
        start = self.offset(span.start)
        end = self.offset(span.end - 1) + 1 if span.end > span.start else start
        return Span(start, end, self.original[start:end])


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


class Quotes:
    """The article's quotations in order, with the look-ups that reading its sources makes for every
    cue done by bisection rather than by a walk over all of them. No quotation contains another
    (``quotes`` keeps the outer one), so their ends rise with their starts."""

    def __init__(self, quotes: list[Quote]):
        self.items = quotes
        self.starts = [q.span.start for q in quotes]
        self.ends = [q.span.end for q in quotes]
        if any(a >= b for a, b in zip(self.ends, self.ends[1:])):
            raise ValueError("quotations must not contain one another")

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def containing(self, pos: int) -> Quote | None:
        """The quotation ``pos`` is strictly inside of."""
        index = bisect_right(self.ends, pos)
        return self.items[index] if index < len(self.items) and self.starts[index] < pos else None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotations that share a character with ``start:end``."""
        return self.items[bisect_right(self.ends, start):bisect_left(self.starts, end)]

    def index_ending_after(self, pos: int) -> int:
        """The index of the first quotation that ends after ``pos``."""
        return bisect_right(self.ends, pos)

    def index_starting_from(self, pos: int) -> int:
        """The index of the first quotation that starts at or after ``pos``."""
        return bisect_left(self.starts, pos)


class Lines:
    """Where the lines of a text break, found once, so that the line around an offset is a bisection
    away: ``text.rfind("\\n", 0, offset)`` reads back over the whole line each time, and a long line
    of many names or quotations made that a square."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [match.start() for match in re.finditer("\n", text)]

    def start(self, offset: int) -> int:
        """Where the line holding ``offset`` starts: ``text.rfind("\\n", 0, offset) + 1``."""
        index = bisect_left(self.breaks, offset)
        return self.breaks[index - 1] + 1 if index else 0

    def end(self, offset: int) -> int:
        """Where the line holding ``offset`` ends: ``text.find("\\n", offset)``, or the text's end."""
        index = bisect_left(self.breaks, offset)
        return self.breaks[index] if index < len(self.breaks) else len(self.text)

    def opens(self, offset: int) -> bool:
        """Whether only white space stands before ``offset`` on its line."""
        return _NON_SPACE.search(self.text, self.start(offset), offset) is None

    @cached_property
    def _written(self) -> list[int]:
        """The starts of the lines that hold more than white space."""
        bounds = zip([0, *(b + 1 for b in self.breaks)], [*self.breaks, len(self.text)])
        return [start for start, end in bounds if _NON_SPACE.search(self.text, start, end)]

    def written_before(self, line_start: int) -> int:
        """How many lines before the one starting at ``line_start`` hold more than white space."""
        return bisect_left(self._written, line_start)


_NON_SPACE = re.compile(r"\S")


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


# tried only where a run of stops starts: a boundary's run is whole, and trying each of the run's
# characters again would make a line of a thousand '!' cost a million steps; a quotation mark typed as
# two apostrophes or backticks may open the next sentence (''Without ...)
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]+["')\]]*(?=\s+(?:''|``|["'(\[])?[A-Z0-9\u00c0-\u024f\u0400-\u04ff-])""")


def sentences(norm: str) -> list[Span]:
    """Sentence spans; paragraphs (lines) always end a sentence."""
    result = []
    for p_start, p_end in paragraphs(norm):
        start = p_start
        for match in _BOUNDARY.finditer(norm, p_start, p_end):
            if match.group().startswith(".") and _abbreviation_before(norm, start, match.start()):
                continue
            end = match.end()
            result.append(_trimmed(norm, start, end))
            start = end
        if norm[start:p_end].strip():
            result.append(_trimmed(norm, start, p_end))
    return [s for s in result if s.end > s.start]


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))


def _abbreviation_before(norm: str, start: int, end: int) -> bool:
    """Whether the word of letters and full stops that ends at ``end`` (not before ``start``) is,
    without its final stops, an abbreviation or an initial. Reads back no further than the longest
    abbreviation: a sentence of thousands of initials ('A. B. C. ...') costs one short look each."""
    core_end = end
    while core_end > start and norm[core_end - 1] == ".":
        core_end -= 1
    first = core_end
    while first > start and norm[first - 1] in _WORD_CHARS:
        if core_end - first >= _LONGEST_ABBREVIATION:
            return False
        first -= 1
    word = norm[first:core_end].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


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


def quotes(original: str, norm: str) -> Quotes:
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
    return Quotes(_outermost(found))


def _outermost(found: list[Quote]) -> list[Quote]:
    """The quotations no other one contains, in the order given: one sweep by start, keeping the
    furthest end seen so far, rather than a comparison of every pair (text made of quotation
    marks has thousands of them)."""
    spans = [(q.span.start, q.span.end) for q in found]
    twice = {span for span, count in Counter(spans).items() if count > 1}  # two marks, one span: neither is outer
    inner = set()
    furthest = -1
    for index in sorted(range(len(found)), key=lambda i: (spans[i][0], -spans[i][1])):
        if furthest >= spans[index][1] or spans[index] in twice:
            inner.add(index)
        furthest = max(furthest, spans[index][1])
    return [q for i, q in enumerate(found) if i not in inner]


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


TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def title_case_words(text: str) -> list[re.Match] | None:
    """The words of a headline written in Title Case ('Senator Slams Budget, Says Cuts Hurt Schools'),
    or None for running text: four words or more, three in four of those longer than three letters
    capitalised, and not all in capitals."""
    words = list(TITLE_WORD.finditer(text))
    long_words = [w for w in words if len(w.group()) > 3]
    if len(words) < 4 or sum(w.group()[0].isupper() for w in long_words) < 0.75 * len(long_words) \
            or text.upper() == text:
        return None
    return words
